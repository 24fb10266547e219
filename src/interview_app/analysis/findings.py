"""Findings: what a consultant would say about the answer, in its language, with evidence and a fix."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from interview_app.analysis import korean
from interview_app.analysis.norms import Norms
from interview_app.analysis.text import Doc, normalise
from interview_app.transcription.types import Word

SEVERITY_ORDER = {"major": 0, "minor": 1, "info": 2, "strength": 3}


def _finding(fid: str, category: str, severity: str, message: str, suggestion: str,
             evidence: list[dict[str, Any]], norms: list[str], rewrite: dict[str, str] | None = None
             ) -> dict[str, Any]:
    return {"id": fid, "category": category, "severity": severity, "message": message, "suggestion": suggestion,
            "rewrite": rewrite, "evidence": evidence, "norms": norms}


def _whole(doc: Doc) -> list[dict[str, Any]]:
    return [doc.evidence(0, len(doc.words), text=_short(doc.text))] if doc.words else []


def _times(count: int) -> str:
    """English: "once", "2 times"."""
    return "once" if count == 1 else f"{count} times"


def _sentences(count: int) -> str:
    """English: "1 sentence ends", "2 sentences end"."""
    return "1 sentence ends" if count == 1 else f"{count} sentences end"


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def spoken_language(words: Sequence[Word], norms: Norms) -> str | None:
    """'ko' or 'en' from the script of the words themselves, or None when it is not clear."""
    text = "".join(w.word for w in words)
    hangul = sum(1 for ch in text if "\uac00" <= ch <= "\ud7a3")
    latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    letters = hangul + latin
    if letters < norms.num("language.min_letters"):
        return None
    share = norms.num("language.dominant_share")
    if hangul / letters >= share:
        return "ko"
    if latin / letters >= share:
        return "en"
    return None


def language_mismatch(doc: Doc, expected: str) -> dict[str, Any]:
    """The answer was spoken in another language than the session's; written in the session's language."""
    if expected == "ko":
        message = "한국어 면접인데 영어로 답한 것 같습니다. 아래 분석은 영어 답변으로 한 것입니다."
        suggestion = ("한국어 질문에는 한국어로 답해 보세요. "
                      "영어 면접 연습이라면 시작 화면에서 언어를 English로 고르세요.")
    else:
        message = "This is an English interview, but the answer seems to be in Korean; it was analysed as Korean."
        suggestion = "Answer English questions in English, or choose 한국어 on the start screen to practise in Korean."
    return _finding("language_mismatch", "language", "major", message, suggestion, _whole(doc),
                    ["language.dominant_share"])


def build(doc: Doc, r: dict[str, Any], norms: Norms) -> list[dict[str, Any]]:
    ko = doc.language == "ko"
    out: list[dict[str, Any]] = []

    def add(fid: str, category: str, severity: str, ko_en: tuple[str, str], sugg: tuple[str, str],
            evidence: list[dict[str, Any]], used: list[str], rewrite: dict[str, str] | None = None) -> None:
        out.append(_finding(fid, category, severity, ko_en[0] if ko else ko_en[1], sugg[0] if ko else sugg[1],
                            evidence, used, rewrite))

    # --- length -----------------------------------------------------------------------------------
    length = r["length"]
    seconds = length["seconds"]
    if length["verdict"] == "short":
        add("length_short", "structure", "minor",
            (f"답변이 {seconds:.0f}초로 짧습니다. 면접관이 판단할 근거가 부족할 수 있습니다.",
             f"The answer lasts {seconds:.0f} s, which is thin for an interviewer to judge."),
            ("결론 한 문장 뒤에 구체적인 경험 하나와 결과(숫자)를 덧붙여 30~90초로 늘려 보세요.",
             "After your main point, add one concrete example and its result to reach 30-90 seconds."),
            _whole(doc), ["length.short_below_s"])
    elif length["verdict"] == "long":
        add("length_long", "structure", "minor",
            (f"답변이 {seconds:.0f}초로 깁니다. 2분이 넘으면 듣는 사람이 핵심을 놓치기 쉽습니다.",
             f"The answer runs {seconds:.0f} s; past two minutes listeners lose the thread."),
            ("상황 설명을 한두 문장으로 줄이고 행동과 결과에 시간을 쓰세요.",
             "Cut the background to one or two sentences and spend the time on what you did and the result."),
            _whole(doc), ["length.long_above_s"])

    # --- pace -------------------------------------------------------------------------------------
    pace = r["pace"]
    unit_ko = "분당 {:.0f}음절"
    unit_en = "{:.0f} words per minute"
    lang = "ko" if ko else "en"
    if pace["verdict"] == "fast":
        add("pace_fast", "expression", "minor",
            (f"말하는 속도가 {unit_ko.format(pace['value'])}로 빠른 편입니다.",
             f"You speak at {unit_en.format(pace['value'])}, which feels rushed."),
            ("문장 끝에서 한 박자 쉬고, 핵심 숫자와 결론은 천천히 말해 보세요.",
             "Pause for a beat at the end of each sentence and slow down on key figures."),
            _pace_evidence(doc, pace, fast=True), [f"pace.{lang}.fast_above"])
    elif pace["verdict"] == "slow":
        add("pace_slow", "expression", "minor",
            (f"말하는 속도가 {unit_ko.format(pace['value'])}로 느린 편입니다.",
             f"You speak at {unit_en.format(pace['value'])}, which can sound hesitant."),
            ("답변의 뼈대(결론-근거-결과)를 미리 정해 두면 말이 끊기지 않고 이어집니다.",
             "Fix the outline (point, example, result) before you start so the words keep flowing."),
            _pace_evidence(doc, pace, fast=False), [f"pace.{lang}.slow_below"])
    elif pace["value"] and pace["band"]["target_low"] <= pace["value"] <= pace["band"]["target_high"]:
        add("pace_ok", "expression", "strength",
            (f"말하는 속도({unit_ko.format(pace['value'])})가 듣기 편안합니다.",
             f"Your pace ({unit_en.format(pace['value'])}) is comfortable to follow."),
            ("지금 속도를 유지하세요.", "Keep this pace."), _whole(doc),
            [f"pace.{lang}.target_low", f"pace.{lang}.target_high"])

    # --- latency ----------------------------------------------------------------------------------
    latency = r["latency"]
    if latency["verdict"] == "slow":
        add("latency_slow", "expression", "info",
            (f"첫마디까지 {latency['seconds']:.1f}초가 걸렸습니다.",
             f"It took {latency['seconds']:.1f} s before your first word."),
            ("준비 시간에 첫 문장을 정해 두고 바로 시작하세요. 예: \"결론부터 말씀드리면, …\"",
             "Decide your first sentence during the prep time and start with it, e.g. \"In short, …\""),
            [doc.evidence(0, 1)] if doc.words else [], ["latency.slow_above_s"])

    # --- fillers / repeats / hesitations / pauses ----------------------------------------------------
    fillers = r["fillers"]
    if fillers["per_min"] > norms.num("fillers.ok_per_min"):
        severity = "major" if fillers["per_min"] >= norms.num("fillers.many_per_min") else "minor"
        names = ", ".join(dict.fromkeys(normalise(f["text"]) for f in fillers["items"]))
        add("fillers_many", "expression", severity,
            (f"'{names}' 같은 군말이 분당 {fillers['per_min']:.1f}회 나옵니다.",
             f"Fillers such as '{names}' come {fillers['per_min']:.1f} times a minute."),
            ("군말이 나올 자리에서는 말없이 잠깐 멈추세요. 짧은 침묵이 군말보다 자신 있게 들립니다.",
             "Where a filler would come, pause silently instead; a short silence sounds more confident."),
            fillers["items"][:10], ["fillers.ok_per_min", "fillers.many_per_min"])
    elif r["speech_s"] >= 20 and fillers["count"] == 0 and not r["hesitations"]["count"]:
        add("fluent", "expression", "strength",
            ("군말과 머뭇거림 없이 매끄럽게 말했습니다.", "You spoke smoothly, without fillers or hesitation."),
            ("지금처럼 말하세요.", "Keep it up."), _whole(doc), ["fillers.ok_per_min", "hesitations.gap_s"])
    repeats = r["repeats"]
    if repeats["count"] >= 2:
        add("repeats", "expression", "info",
            (f"같은 말을 바로 되풀이한 곳이 {repeats['count']}군데 있습니다.",
             f"You restarted a word {repeats['count']} times."),
            ("문장을 시작하기 전에 첫 단어를 정하고, 막히면 되풀이 대신 잠깐 멈추세요.",
             "Know your first word before you start; if you get stuck, pause rather than repeat."),
            repeats["items"][:5], [])
    hesitations = r["hesitations"]
    minutes = max(r["speech_s"], 1.0) / 60
    if hesitations["count"] / minutes > norms.num("hesitations.many_per_min") and hesitations["count"] >= 3:
        add("hesitations_many", "expression", "minor",
            (f"말이 끊기거나 늘어지는 곳이 {hesitations['count']}군데 있습니다.",
             f"Your speech stalls or drags in {hesitations['count']} places."),
            ("답변 뼈대를 키워드 세 개로 외워 두면 다음 말을 찾느라 멈추는 일이 줄어듭니다.",
             "Memorise three keywords as your outline so you don't stall looking for the next point."),
            hesitations["items"][:8], ["hesitations.gap_s", "hesitations.many_per_min"])
    pauses = r["pauses"]
    if pauses["long_count"]:
        severity = "minor" if pauses["long_count"] > norms.num("pauses.many_long") else "info"
        add("pauses_long", "expression", severity,
            (f"{pauses['threshold_s']:.1f}초 이상 멈춘 곳이 {pauses['long_count']}번 있습니다"
             f"(가장 긴 멈춤 {pauses['longest_s']:.1f}초).",
             f"You paused for {pauses['threshold_s']:.1f} s or more {_times(pauses['long_count'])} "
             f"(longest {pauses['longest_s']:.1f} s)."),
            ("문장 사이의 짧은 쉼은 좋지만, 문장 중간에 길게 멈추지 않도록 다음 내용을 미리 정해 두세요.",
             "Short pauses between sentences are fine; plan the next point so you don't stop mid-sentence."),
            pauses["items"][:8], ["pauses.long_s"])

    # --- hedges -----------------------------------------------------------------------------------
    hedges = r["hedges"]
    if hedges["count"]:
        rewrite = next((h["rewrite"] for h in hedges["items"] if h.get("rewrite")), None)
        severity = "minor" if hedges["count"] >= norms.num("hedges.many") else "info"
        cues = ", ".join(dict.fromkeys(h["cue"] for h in hedges["items"]))
        add("hedges", "language", severity,
            (f"'{cues}' 같은 완곡한 표현이 {hedges['count']}번 나와 확신이 없어 보일 수 있습니다.",
             f"Hedges such as '{cues}' appear {_times(hedges['count'])} and can make you sound unsure."),
            ("자신의 경험과 생각은 단정적으로 말하세요. '~것 같습니다' 대신 '~습니다'.",
             "State your own experience and views plainly: drop 'I guess', 'kind of', 'maybe'."),
            hedges["items"][:6], ["hedges.many"], rewrite)

    # --- formality (Korean) -------------------------------------------------------------------------
    formality = r["formality"]
    if ko and formality["dominant"] is not None:
        sentences = formality["sentences"]
        casual = [s for s in sentences if s["style"] == "casual"]
        polite = [s for s in sentences if s["style"] == "polite"]
        if casual:
            target = next((s for s in doc.sentences if s.first == casual[0]["words"][0]), None)
            add("formality_casual", "language", "major",
                (f"반말로 끝난 문장이 {len(casual)}개 있습니다. 면접에서는 반말이 큰 감점 요인입니다.",
                 f"{_sentences(len(casual))} in casual speech."),
                ("모든 문장을 '~습니다/~ㅂ니다'로 끝내세요.", "End every sentence in the formal style."),
                casual[:5], ["formality.casual_flag_count"], korean.to_formal(doc, target) if target else None)
        if formality["dominant"] == "polite" or (polite and formality["formal_ratio"] < norms.num(
                "formality.formal_good_ratio")):
            target = next((s for s in doc.sentences if polite and s.first == polite[0]["words"][0]), None)
            add("formality_polite", "language", "minor",
                (f"'~요'로 끝난 문장이 {len(polite)}개입니다. 면접에서는 '~습니다'체가 더 단정하게 들립니다.",
                 f"{_sentences(len(polite))} in the polite -요 style."),
                ("핵심 문장만이라도 '~습니다'로 끝내 보세요. 억지로 모두 바꾸기보다 자연스러움을 지키세요.",
                 "End at least the key sentences in the formal style."),
                polite[:5], ["formality.formal_good_ratio"], korean.to_formal(doc, target) if target else None)
        elif not casual and formality["formal_ratio"] >= norms.num("formality.formal_good_ratio"):
            add("formality_formal", "language", "strength",
                ("'~습니다'체로 일관되게 말해 단정하고 신뢰감 있게 들립니다.",
                 "Consistent formal style."),
                ("지금처럼 유지하세요.", "Keep it."), sentences[:2], ["formality.formal_good_ratio"])

    # --- structure --------------------------------------------------------------------------------
    st = {**r["structure"], "_hedges": r["hedges"]["items"], "_fillers": r["fillers"]["items"]}
    sentences_all = doc.sentences
    if st["conclusion_first"]:
        add("conclusion_first", "structure", "strength",
            ("첫 문장에서 질문에 바로 답해 핵심이 분명합니다(두괄식).",
             "Your first sentence answers the question directly."),
            ("지금처럼 결론을 먼저 말하세요.", "Keep leading with your answer."),
            [st["conclusion"]] if st["conclusion"] else [], [])
    elif sentences_all:
        add("conclusion_missing", "structure", "major",
            ("첫 문장이 질문에 대한 답이 아니라 배경 설명으로 시작합니다. 면접관은 처음 10초에 핵심을 기대합니다.",
             "Your opening does not answer the question; interviewers expect the point in the first seconds."),
            ("'결론부터 말씀드리면, ~입니다'로 시작하고 그다음에 경험을 설명하세요.",
             "Open with your answer in one sentence, then tell the story behind it."),
            [st["opening"]] if st.get("opening") else [], [],
            None if st["star_balance"] == "situation_heavy" else _conclusion_rewrite(doc, st))
    balance = st["star_balance"]
    parts = st["star_parts"]
    if balance == "situation_heavy":
        share = parts["situation"]["share"]
        add("star_situation_heavy", "structure", "major",
            (f"답변의 {share * 100:.0f}%를 상황 설명에 쓰고 있습니다. 내가 한 행동과 결과가 잘 드러나지 않습니다.",
             f"{share * 100:.0f}% of the answer is background; what you did and achieved gets little time."),
            ("상황은 한두 문장(15~20%)으로 줄이고, 행동에 절반 이상을 쓰세요.",
             "Keep the situation to one or two sentences (15-20%) and spend half the time on your actions."),
            parts["situation"]["items"][:4], ["structure.situation_heavy_share", "structure.action_target_share"],
            # A situation-first story rewritten to open with its own result (once per answer).
            None if st["conclusion_first"] else _conclusion_rewrite(doc, st))
    elif balance == "no_action":
        add("star_no_action", "structure", "minor",
            ("무엇을 했는지(행동)가 드러나지 않습니다.", "The answer does not say what you did."),
            ("'제가 ~을 제안했습니다/~을 분석했습니다'처럼 '저는'을 주어로 한 행동을 구체적으로 말하세요.",
             "Say what you did, with 'I' as the subject: 'I proposed...', 'I analysed...'."),
            _whole(doc), ["structure.action_target_share"])
    elif balance == "no_result":
        add("star_no_result", "structure", "minor",
            ("행동의 결과가 빠져 있습니다.", "The result of your actions is missing."),
            ("'그 결과 ~이 ~% 늘었습니다', '이 경험으로 ~을 배웠습니다'로 마무리하세요.",
             "Finish with the outcome: 'As a result, ... increased by ...%' or what you learned."),
            parts["action"]["items"][-1:] or _whole(doc), [])
    elif balance == "ok" and all(st["star"].values()):
        add("star_complete", "structure", "strength",
            ("상황-과제-행동-결과(STAR)가 모두 담겨 있어 이야기가 잘 짜여 있습니다.",
             "Situation, task, action and result are all there."),
            ("지금 구성을 유지하세요.", "Keep this shape."),
            [items[0] for p in ("situation", "action", "result") if (items := parts[p]["items"])], [])
    if st["closing"]:
        add("closing", "structure", "strength",
            ("마지막에 포부나 기여로 답변을 깔끔하게 마무리했습니다.", "You close with a clear final statement."),
            ("지금처럼 마무리하세요.", "Keep it."), [st["closing_item"]], [])
    elif len(sentences_all) >= 3:
        add("closing_missing", "structure", "info",
            ("마무리 문장이 없습니다.", "There is no closing sentence."),
            ("마지막에 '이 경험을 살려 ~에 기여하겠습니다'처럼 회사와 연결해 마무리하세요.",
             "End by linking back to the role: 'That is what I would bring to ...'."),
            [doc.evidence(sentences_all[-1].first, sentences_all[-1].last)], [])
    if st["numbers"] >= 1:
        add("numbers", "content", "strength",
            (f"구체적인 숫자를 {st['numbers']}번 제시해 설득력이 있습니다.",
             f"You give {st['numbers']} concrete figure{'s' if st['numbers'] > 1 else ''}."),
            ("지금처럼 숫자로 결과를 보여 주세요.", "Keep backing claims with figures."),
            st["number_items"][:4], ["structure.numbers_expected"])
    elif balance != "not_a_story":
        add("numbers_missing", "content", "minor",
            ("구체적인 숫자가 없어 성과의 크기가 잘 드러나지 않습니다.", "No concrete figures back the story."),
            ("기간, 인원, 증가율처럼 숫자 하나를 넣어 보세요. 예: '3개월 동안 5명이 함께', '20% 늘었습니다'.",
             "Add one figure: how many people, how long, by how much."),
            _whole(doc), ["structure.numbers_expected"])
    iw = st["i_vs_we"]
    if iw["we"] >= 3 and iw["we"] >= norms.num("structure.we_heavy_ratio") * max(iw["i"], 1):
        add("we_not_i", "content", "info",
            (f"'저희/우리'({iw['we']}번)가 '저'({iw['i']}번)보다 훨씬 많아 본인의 역할이 흐려집니다.",
             f"'We' ({iw['we']}) outnumbers 'I' ({iw['i']}); your own part gets lost."),
            ("팀 이야기 속에서도 '제가 맡은 일은 ~였습니다'처럼 본인의 역할을 분명히 하세요.",
             "Even in a team story, say what you yourself did."),
            _whole(doc), ["structure.we_heavy_ratio"])

    # --- relevance --------------------------------------------------------------------------------
    rel = r["relevance"]
    if rel["level"] == "low":
        add("relevance_low", "content", "major",
            ("질문의 핵심과 답변 내용이 잘 맞지 않습니다(동문서답으로 들릴 수 있음).",
             "The answer does not address what the question asks."),
            ("질문의 핵심 단어를 첫 문장에 넣어 바로 답하세요."
             + (f" 빠진 요점: {', '.join(rel['missed_key_points'][:3])}" if rel["missed_key_points"] else ""),
             "Repeat the question's key words in your first sentence and answer them."
             + (f" Missing points: {', '.join(rel['missed_key_points'][:3])}" if rel["missed_key_points"] else "")),
            _whole(doc), ["relevance.medium_from"])
    elif rel["level"] == "high":
        add("relevance_high", "content", "strength",
            ("질문의 요지에 맞게 답했습니다.", "You answer what was asked."),
            ("지금처럼 질문의 핵심에 집중하세요.", "Keep answering the point of the question."),
            [st["opening"]] if st.get("opening") else [], ["relevance.high_from"])

    # --- blind hiring -----------------------------------------------------------------------------
    blind = r["blind_hiring"]
    if blind["enabled"] and blind["items"]:
        kinds = {"school": ("학교명", "school names"), "hometown": ("출신 지역", "hometown"),
                 "family": ("가족 정보", "family details")}
        found = ", ".join(dict.fromkeys(kinds[i["kind"]][0 if ko else 1] for i in blind["items"]))
        add("blind_hiring", "content", "major",
            (f"블라인드 채용에서 말하면 안 되는 정보({found})가 들어 있습니다.",
             f"The answer mentions {found}, which blind hiring forbids."),
            ("학교, 출신 지역, 가족 대신 경험과 역량으로 설명하세요.",
             "Describe experience and skills instead of school, hometown or family."),
            blind["items"][:5], [])

    # --- voice ------------------------------------------------------------------------------------
    voice = r.get("voice")
    if voice:
        if voice.get("volume_verdict") == "quiet":
            add("volume_quiet", "expression", "minor",
                ("목소리가 작게 녹음되었습니다.", "Your voice was recorded quietly."),
                ("마이크에 조금 더 가까이, 한 톤 크게 말해 보세요.", "Move closer to the microphone and speak up."),
                _whole(doc), ["voice.quiet_below_dbfs"])
        if voice.get("monotone"):
            add("monotone", "expression", "minor",
                ("억양 변화가 적어 단조롭게 들립니다.", "Your pitch barely moves; delivery sounds flat."),
                ("결론과 숫자에서 목소리를 조금 높이고 강조해 보세요.",
                 "Lift your voice on the key point and figures."),
                _whole(doc), ["voice.monotone_below_semitones"])

    out.sort(key=lambda f: SEVERITY_ORDER[f["severity"]])
    return out


def _pace_evidence(doc: Doc, pace: dict[str, Any], *, fast: bool) -> list[dict[str, Any]]:
    series = pace.get("series") or []
    if not series:
        return _whole(doc)
    pick = max(series, key=lambda s: s["value"]) if fast else min(series, key=lambda s: s["value"])
    inside = [i for i, w in enumerate(doc.words) if pick["start"] <= w.start < pick["end"]]
    if not inside:
        return _whole(doc)
    return [doc.evidence(inside[0], inside[-1] + 1, text=_short(doc.span_text(inside[0], inside[-1] + 1)))]


def _conclusion_rewrite(doc: Doc, st: dict[str, Any]) -> dict[str, str] | None:
    """A conclusion-first opening built from the person's own result (or action) sentence."""
    parts = st["star_parts"]
    source = (parts["result"]["items"] or parts["action"]["items"])
    if not source or not st.get("opening"):
        return None
    first, last = source[-1]["words"]
    # The whole sentence the result is told in: "제가 회의를 열자고 했고 잘 마무리됐습니다".
    sentence = next((s for s in doc.sentences if s.first <= first < s.last), None)
    if sentence is not None and sentence.last - sentence.first <= 40:
        first, last = sentence.first, sentence.last
    fillers = {i for f in st.get("_fillers", []) for i in range(*f["words"])}
    own = " ".join(doc.words[i].word.strip() for i in range(first, last) if i not in fillers)
    own = own.strip(" ,")
    for hedge in (h for h in st.get("_hedges", []) if h.get("rewrite")):
        own = own.replace(hedge["rewrite"]["before"], hedge["rewrite"]["after"])
    for prefix in ("그 결과 ", "결과적으로 ", "그래서 ", "덕분에 ", "As a result, ", "As a result ", "In the end, ",
                   "In the end ", "Finally, ", "So, ", "So ", "so "):
        if own.startswith(prefix):
            own = own[len(prefix):]
    if own and own[-1] not in ".?!":
        own += "."
    after = f"결론부터 말씀드리면, {own}" if doc.language == "ko" else f"In short: {own[:1].upper() + own[1:]}"
    return {"before": st["opening"]["text"], "after": after}
