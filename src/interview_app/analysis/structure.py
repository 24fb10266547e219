"""How the answer is built: conclusion first, STAR parts and their time, closing, specificity,
relevance to the question, and the blind-hiring check."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

from interview_app.analysis import english, korean
from interview_app.analysis.norms import Norms
from interview_app.analysis.text import Doc, Sentence

_YES_NO = re.compile(
    r"(있습니까|있나요|있으신가요|있으십니까|합니까)\s*\??\s*$|^(have|do|did|are|is|can|could|would) you\b", re.I
)
STAR_PARTS = ("situation", "task", "action", "result")
_PRIORITY = {"result": 3, "action": 2, "task": 1, "situation": 0}
_GREETING_EN = re.compile(r"^(sure|okay|ok|thank you|thanks|good (morning|afternoon)|hello|hi)\b[^a-z]*$", re.I)


@functools.lru_cache(maxsize=64)
def _cue_regex(cues: tuple[str, ...], language: str) -> list[re.Pattern[str]]:
    if language == "en":
        return [re.compile(r"(?<![a-z'])" + re.escape(c) + (r"(?![a-z])" if c[-1].isalpha() else ""))
                for c in cues]
    return [re.compile(c) for c in cues]


def _hits(patterns: list[re.Pattern[str]], text: str) -> list[str]:
    return [m.group() for p in patterns if (m := p.search(text))]


def _text(sentence: Sentence, language: str) -> str:
    return sentence.text.lower() if language == "en" else sentence.text


def _substantive(doc: Doc) -> list[Sentence]:
    """Sentences without the greeting or a bare 'Sure.'/'네.' at the start."""
    out: list[Sentence] = []
    for s in doc.sentences:
        if not out and (s.style == "greeting" or _GREETING_EN.match(s.text.strip())
                        or s.text.strip(" .,") in ("네", "예", "네 알겠습니다")):
            continue
        out.append(s)
    return out


def question_lemmas(question: str | None, language: str, norms: Norms) -> list[str]:
    if not question:
        return []
    if language == "en":
        return english.content_lemmas(question, set(norms.words("relevance.generic_en")))
    generic = set(norms.words("relevance.generic_ko"))
    return [form for form in _ko_content(question) if form not in generic]


def _answer_has(term: str, doc: Doc, answer_stems: set[str]) -> bool:
    if doc.language == "en":
        return english.stem(term.lower()) in answer_stems
    return term in doc.text


def _concepts(lemmas: list[str], norms: Norms, language: str) -> list[tuple[str, set[str]]]:
    """Each question word with the words that answer the same point (the norms' small thesaurus)."""
    groups = [set(g) for g in norms["relevance.expansions"]]
    concepts: list[tuple[str, set[str]]] = []
    seen: set[str] = set()
    for lemma in lemmas:
        if lemma in seen or any(lemma in c for _, c in concepts):
            continue  # one point of the question counts once (회사 and 지원 are the same point)
        seen.add(lemma)
        concept = {lemma}
        key = english.stem(lemma) if language == "en" else lemma
        for group in groups:
            members = {english.stem(g) for g in group} if language == "en" else group
            if key in members or any(len(m) >= 2 and key.startswith(m) for m in members if language == "ko"):
                concept |= group
        concepts.append((lemma, concept))
    return concepts


def _question_concepts(question: str | None, lemmas: list[str], norms: Norms, language: str
                       ) -> list[tuple[str, set[str]]]:
    """Concepts from the question's words, plus thesaurus groups whose words the question contains."""
    concepts = _concepts(lemmas, norms, language)
    if not question:
        return concepts
    text = question.lower()
    q_words = set(re.findall(r"[a-z']+", text))
    for group in norms["relevance.expansions"]:
        members = set(group)
        if any(members <= c for _, c in concepts):
            continue
        hit = next((m for m in group if (m in q_words if language == "en" else len(m) >= 2 and m in text)), None)
        if hit:
            concepts.append((hit, members))
    return concepts


def analyse(doc: Doc, norms: Norms, *, question: str | None, key_points: Sequence[str],
            keywords: Sequence[str], blind_hiring: bool, speaking_s: float) -> dict[str, Any]:
    lang = doc.language
    sentences = _substantive(doc)
    q_lemmas = question_lemmas(question, lang, norms)
    answer_stems = ({english.stem(w) for w in re.findall(r"[a-z0-9']+", doc.text.lower())}
                    if lang == "en" else set())
    concepts = _question_concepts(question, q_lemmas, norms, lang)

    structure: dict[str, Any] = {}
    structure.update(_conclusion(doc, sentences, concepts, answer_stems, norms, question))
    structure.update(_star(doc, sentences, norms, speaking_s))
    structure.update(_closing(doc, sentences, norms))
    structure.update(_specifics(doc, norms))
    structure["i_vs_we"] = _i_vs_we(doc)
    relevance = _relevance(doc, norms, question, concepts, key_points, keywords, answer_stems)
    blind = {"enabled": blind_hiring, "items": _blind_hiring(doc, norms) if blind_hiring else []}
    return {"structure": structure, "relevance": relevance, "blind_hiring": blind}


def _conclusion(doc: Doc, sentences: list[Sentence], concepts: list[tuple[str, set[str]]], answer_stems: set[str],
                norms: Norms, question: str | None) -> dict[str, Any]:
    lang = doc.language
    if not sentences:
        return {"conclusion_first": False, "conclusion": None}
    cues = _cue_regex(norms.words(f"structure.conclusion_cues_{lang}"), lang)
    situation = _cue_regex(norms.words(f"structure.situation_cues_{lang}"), lang)
    greetings = _cue_regex(norms.words(f"structure.opening_greetings_{lang}"), lang)
    naming = _cue_regex(norms.words(f"structure.self_introduction_{lang}"), lang)
    # A greeting alone is not the opening; after "~에 지원한 OOO입니다" the core may come next.
    start = 0
    while start < len(sentences) - 1 and _hits(greetings, _text(sentences[start], lang).strip()):
        start += 1
    candidates = [sentences[start]]
    if start + 1 < len(sentences) and _hits(naming, _text(sentences[start], lang).strip()):
        candidates.append(sentences[start + 1])
    opening = candidates[0]
    conclusion_first = False
    overlap = 0
    cue_hits: list[str] = []
    for candidate in candidates:
        found, candidate_overlap, candidate_cues = _opens_with_answer(
            doc, candidate, concepts, cues, situation, question, multi_sentence=len(sentences) > 1
        )
        if found:
            opening, conclusion_first, overlap, cue_hits = candidate, True, candidate_overlap, candidate_cues
            break
        if candidate is candidates[0]:
            overlap, cue_hits = candidate_overlap, candidate_cues
    evidence = doc.evidence(opening.first, opening.last) if conclusion_first else None
    return {
        "conclusion_first": conclusion_first,
        "conclusion": evidence,
        "opening": doc.evidence(opening.first, opening.last, cues=cue_hits, question_words=overlap),
    }


def _opens_with_answer(doc: Doc, opening: Sentence, concepts: list[tuple[str, set[str]]],
                       cues: list[re.Pattern[str]], situation: list[re.Pattern[str]], question: str | None,
                       *, multi_sentence: bool) -> tuple[bool, int, list[str]]:
    """Whether this sentence answers the question up front; with its question-word overlap and cues."""
    lang = doc.language
    text = _text(opening, lang)
    cue_hits = _hits(cues, text)
    sub = Doc(lang, doc.words[opening.first:opening.last], opening.text, [], [], [],
              normalised=doc.normalised[opening.first:opening.last])
    sub_stems = {english.stem(w) for w in re.findall(r"[a-z0-9']+", text)} if lang == "en" else set()
    overlap = sum(1 for _, c in concepts if any(_answer_has(t, sub, sub_stems) for t in c))
    situation_hits = _hits(situation, text)
    # Naming the question's point counts; an opening that sets the scene must name more of it.
    needed = min(2, len(concepts)) + (1 if situation_hits else 0)
    answered = bool(cue_hits) or (bool(concepts) and overlap >= needed)
    if _YES_NO.search(question or "") and re.match(r"^(네|예|yes)\b", text.strip(), re.I) and overlap:
        answered = True  # "있습니까?" answered "네, ..." first
    if not concepts and not cue_hits:
        answered = not situation_hits and multi_sentence
    return answered, overlap, cue_hits


def _sentence_scores(doc: Doc, sentence: Sentence, norms: Norms) -> dict[str, int]:
    lang = doc.language
    text = _text(sentence, lang)
    scores = {part: len(_hits(_cue_regex(norms.words(f"structure.{part}_cues_{lang}"), lang), text))
              for part in STAR_PARTS}
    if lang == "ko":
        toks = sentence.tokens
        subject_i = any(t.form == "저" and t.tag == "NP" and k + 1 < len(toks) and toks[k + 1].form in ("가", "는")
                        for k, t in enumerate(toks))
        past_verb = any((t.tag in ("VV", "XSV") or (t.tag == "VX" and t.form == "하")) and t.form != "되"
                        and k + 1 < len(toks) and toks[k + 1].tag == "EP" for k, t in enumerate(toks))
        if subject_i and past_verb and not scores["situation"]:
            scores["action"] += 1
        number_change = re.search(r"\d+\s*(%|퍼센트|배|명|건|점).{0,12}(향상|증가|감소|달성|올|늘|줄)", text)
        if number_change:
            scores["result"] += 2
    else:
        if re.search(r"\b(by|to) \d+ ?(%|percent)|\d+ ?(%|percent)", text):
            scores["result"] += 1
    return scores


_KO_CLAUSE_STARTS = ("그래서", "그리고", "결과적으로", "덕분에", "그러자", "하지만", "그런데", "그러나")
_EN_CLAUSE_STARTS = ("and", "but", "so", "then", "which")
_EN_PAST = re.compile(r"\b(\w+ed|was|were|had|did|made|led|got|took|went|came|gave|told|built|wrote|found|thought|"
                      r"felt|met|spoke|ran|won|lost|saw|began|brought|taught|kept|left|chose|spent|grew|cut|sold|"
                      r"became|knew|learned|learnt|put|set|split|heard|paid)\b")


def _clauses(doc: Doc, sentence: Sentence) -> list[Sentence]:
    """Split a run-on sentence before '그 결과', '그래서' or after ', and' so each clause is scored alone."""
    cuts = [sentence.first]
    ec_words = {doc.word_at(t.start) for t in sentence.tokens if t.tag == "EC"}
    for i in range(sentence.first + 1, sentence.last):
        word = doc.norm_word(i)
        if doc.language == "ko":
            starts = word in _KO_CLAUSE_STARTS or (word == "그" and i + 1 < sentence.last
                                                   and doc.norm_word(i + 1).startswith("결과"))
            # '...했고 / ...해서' joins two events in run-on speech.
            starts = starts or (i - 1 in ec_words and doc.norm_word(i - 1).endswith(("했고", "었고", "았고", "해서")))
        else:
            starts = word in _EN_CLAUSE_STARTS and doc.words[i - 1].word.strip().endswith(",")
        if starts and i - cuts[-1] >= 4 and sentence.last - i >= 4:
            cuts.append(i)
    cuts.append(sentence.last)
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        lo, hi = doc.word_starts[a], doc.word_ends[b - 1]
        out.append(Sentence(a, b, doc.span_text(a, b), [t for t in sentence.tokens if lo <= t.start < hi]))
    return out


def _is_past(doc: Doc, clause: Sentence) -> bool:
    if doc.language == "ko":
        toks = clause.tokens
        return any(t.tag == "EP" and t.form in ("었", "았", "였", "었었", "았었") for t in toks) or any(
            t.tag in ("VV", "XSV") and toks[k + 1].tag == "ETM" and toks[k + 1].form in ("ᆫ", "은")
            for k, t in enumerate(toks[:-1]))  # 마무리된, 맡은: done
    return bool(_EN_PAST.search(clause.text.lower()))


def _star(doc: Doc, sentences: list[Sentence], norms: Norms, speaking_s: float) -> dict[str, Any]:
    """Assign each clause told in the past to one STAR part; ties follow the story's order."""
    parts: dict[str, dict[str, Any]] = {p: {"start": None, "end": None, "seconds": 0.0, "share": 0.0, "items": []}
                                        for p in STAR_PARTS}
    present = dict.fromkeys(STAR_PARTS, False)
    total = 0.0
    last_part = 0
    for sentence in (c for s in sentences for c in _clauses(doc, s)):
        duration = doc.words[sentence.last - 1].end - doc.words[sentence.first].start
        total += duration
        scores = _sentence_scores(doc, sentence, norms)
        best = max(scores.values())
        if not _is_past(doc, sentence):
            continue
        if best <= 0:
            if not any(present.values()):
                continue
            scores[STAR_PARTS[last_part]] = best = 1  # no cue: it goes on with the part being told
        tied = [p for p in STAR_PARTS if scores[p] == best]
        # A tie goes the way a story moves: on from the part told last, else the same part.
        onward = [p for p in tied if STAR_PARTS.index(p) > last_part and present[STAR_PARTS[last_part]]]
        same = [p for p in tied if STAR_PARTS.index(p) >= last_part]
        winner = (onward or same or [max(tied, key=lambda p: _PRIORITY[p])])[0]
        last_part = STAR_PARTS.index(winner)
        present[winner] = True
        if winner in ("situation", "task"):
            for other in ("situation", "task"):
                if scores[other] >= 1:
                    present[other] = True
        part = parts[winner]
        part["items"].append(doc.evidence(sentence.first, sentence.last))
        start, end = doc.words[sentence.first].start, doc.words[sentence.last - 1].end
        part["start"] = round(start, 2) if part["start"] is None else part["start"]
        part["end"] = round(end, 2)
        part["seconds"] += duration
    if sum(present.values()) < 2:
        # One stray cue does not make a story (a goal, a motivation, a weakness).
        present = dict.fromkeys(STAR_PARTS, False)
    total = total or 1.0
    for part in parts.values():
        part["share"] = round(part["seconds"] / total, 2)
        part["seconds"] = round(part["seconds"], 2)
    heavy = norms.num("structure.situation_heavy_share")
    if not present["situation"] and not present["action"]:
        balance = "not_a_story"
    elif parts["situation"]["share"] >= heavy and parts["situation"]["share"] > parts["action"]["share"]:
        balance = "situation_heavy"
    elif not present["action"]:
        balance = "no_action"
    elif not present["result"]:
        balance = "no_result"
    else:
        balance = "ok"
    return {"star": present, "star_parts": parts, "star_balance": balance}


def _closing(doc: Doc, sentences: list[Sentence], norms: Norms) -> dict[str, Any]:
    lang = doc.language
    if len(sentences) < 2:
        return {"closing": False, "closing_item": None}
    cues = _cue_regex(norms.words(f"structure.closing_cues_{lang}"), lang)
    for sentence in reversed(sentences[-2:]):
        if _hits(cues, _text(sentence, lang)):
            return {"closing": True, "closing_item": doc.evidence(sentence.first, sentence.last)}
    return {"closing": False, "closing_item": None}


def _specifics(doc: Doc, norms: Norms) -> dict[str, Any]:
    numbers: list[dict[str, Any]] = []
    named: list[dict[str, Any]] = []
    if doc.language == "ko":
        counters = set(norms.words("structure.ko_counters"))
        native = set(norms.words("structure.ko_native_numbers"))
        toks = doc.tokens
        for k, t in enumerate(toks):
            nxt = toks[k + 1] if k + 1 < len(toks) else None
            if t.tag == "SN" or (t.tag in ("MM", "NR") and t.form in native and nxt is not None
                                 and nxt.form in counters):
                i = doc.word_at(t.start)
                if not numbers or numbers[-1]["words"][0] != i:
                    numbers.append(doc.evidence(i, i + 1))
            elif t.tag == "NNP" or (t.tag == "SL" and len(t.form) >= 2):
                i = doc.word_at(t.start)
                if not named or named[-1]["words"][0] != i:
                    named.append(doc.evidence(i, i + 1))
    else:
        number_words = set(norms.words("structure.en_number_words"))
        for i, word in enumerate(doc.words):
            w = doc.norm_word(i)
            if re.search(r"\d", w) or w in number_words:
                numbers.append(doc.evidence(i, i + 1))
            raw = word.word.strip().strip(".,!?;:")
            starts = i == 0 or doc.words[i - 1].word.strip().endswith((".", "?", "!"))
            if (raw[:1].isupper() and not starts and raw not in ("I", "I'm", "I've", "I'd", "I'll")
                    and not raw.isdigit()):
                named.append(doc.evidence(i, i + 1))
    return {"numbers": len(numbers), "number_items": numbers, "named_things": len(named), "named_items": named}


def _i_vs_we(doc: Doc) -> dict[str, int]:
    if doc.language == "en":
        words = [doc.norm_word(i) for i in range(len(doc.words))]
        return {"i": sum(w in ("i", "me", "my", "i'm", "i've", "i'd", "myself") for w in words),
                "we": sum(w in ("we", "us", "our", "we're", "we've", "ourselves") for w in words)}
    i_count = sum(1 for t in doc.tokens if t.tag == "NP" and t.form in ("저", "나"))
    we_count = sum(1 for t in doc.tokens if t.tag == "NP" and t.form in ("저희", "우리"))
    return {"i": i_count, "we": we_count}


def _relevance(doc: Doc, norms: Norms, question: str | None, concepts: list[tuple[str, set[str]]],
               key_points: Sequence[str], keywords: Sequence[str], answer_stems: set[str]) -> dict[str, Any]:
    lang = doc.language
    components: dict[str, float] = {}
    matched_keywords: list[str] = []
    keyword_items: list[dict[str, Any]] = []
    for keyword in keywords:
        terms = _terms(keyword, lang, norms)
        if terms and any(_answer_has(t, doc, answer_stems) for t in terms):
            matched_keywords.append(keyword)
            where = _first_use(doc, terms)
            if where is not None:
                keyword_items.append(doc.evidence(where, where + 1, keyword=keyword))
    if keywords:
        components["keywords"] = len(matched_keywords) / len(keywords)
    covered: list[str] = []
    missed: list[str] = []
    needed = norms.num("relevance.key_point_coverage")
    rubric = set(norms.words("relevance.key_point_rubric_words"))
    for point in key_points:
        terms = [t for t in _terms(point, lang, norms) if t not in rubric and english.stem(t) not in rubric]
        hit = sum(1 for t in terms if _answer_has(t, doc, answer_stems))
        (covered if terms and hit / len(terms) >= needed else missed).append(point)
    if key_points:
        components["key_points"] = len(covered) / len(key_points)
    question_hits = [q for q, c in concepts if any(_answer_has(t, doc, answer_stems) for t in c)]
    if concepts:
        components["question"] = len(question_hits) / len(concepts)
    if not components:
        return {"level": None, "score": None, "components": {}, "matched_keywords": [], "keyword_items": [],
                "covered_key_points": [], "missed_key_points": [], "question_words": []}
    # Each signal is a lower bound (a relevant answer may use other words than the bank's);
    # an off-topic answer scores near zero on all of them, so the strongest one decides.
    score = max(components.values())
    level = ("high" if score >= norms.num("relevance.high_from")
             else "medium" if score >= norms.num("relevance.medium_from") else "low")
    return {"level": level, "score": round(score, 2),
            "components": {k: round(v, 2) for k, v in components.items()}, "matched_keywords": matched_keywords,
            "keyword_items": keyword_items,
            "covered_key_points": covered, "missed_key_points": missed, "question_words": question_hits}


def _first_use(doc: Doc, terms: list[str]) -> int | None:
    """The first word of the answer that uses one of ``terms``."""
    for i in range(len(doc.words)):
        word = doc.norm_word(i)
        if doc.language == "en":
            if english.stem(word) in {english.stem(t) for t in terms}:
                return i
        elif any(t in word for t in terms):
            return i
    return None


def _terms(phrase: str, language: str, norms: Norms) -> list[str]:
    if language == "en":
        return english.content_lemmas(phrase, set(norms.words("relevance.generic_en")))
    generic = set(norms.words("relevance.generic_ko"))
    return [form for form in _ko_content(phrase) if form not in generic]


@functools.lru_cache(maxsize=512)
def _ko_content(phrase: str) -> tuple[str, ...]:
    """Content morphemes of a question, keyword or key point (the same bank texts recur)."""
    return tuple(t.form for t in korean.kiwi().tokenize(phrase)
                 if korean.base_tag(t.tag) in ("NNG", "NNP", "XR", "VV", "VA", "SL"))


def _blind_hiring(doc: Doc, norms: Norms) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    lang = doc.language
    lower = doc.text.lower()
    if lang == "ko":
        suffixes = "|".join(sorted((re.escape(s) for s in norms.words("blind_hiring.school_suffixes")),
                                   key=len, reverse=True))
        school = re.compile(rf"[\uac00-\ud7a3A-Za-z]{{2,}}(?:{suffixes})(?=\s|$|[을를은는이가에의도])")
        generic = {"대학교", "대학", "고등학교", "중학교"}
        for m in school.finditer(doc.text):
            stem = m.group()
            if stem in generic or stem.endswith(("학년", "시대")) or re.match(r"^(우리|저희|제|다른|같은|한|이)", stem):
                continue
            tail = doc.text[m.start():m.end() + 4]
            if stem.endswith("대") and not re.search(r"대\s*(출신|졸업|재학|학생|다니)", tail):
                continue
            first, last = doc.words_for_chars(m.start(), m.end())
            items.append(doc.evidence(first, last, kind="school"))
    else:
        school = re.compile(r"\b(?:[A-Z][a-z]+ )+(?:University|College|High School|Institute)\b"
                            r"|\bUniversity of [A-Z][a-z]+")
        for m in school.finditer(doc.text):
            first, last = doc.words_for_chars(m.start(), m.end())
            items.append(doc.evidence(first, last, kind="school"))
    for kind, norm_id in (("hometown", "blind_hiring.hometown_cues"), ("family", "blind_hiring.family_cues")):
        for cue in norms.words(norm_id):
            haystack = lower if lang == "en" else doc.text
            for m in re.finditer(re.escape(cue), haystack):
                first, last = doc.words_for_chars(m.start(), m.end())
                items.append(doc.evidence(first, last, kind=kind, cue=cue))
    items.sort(key=lambda item: item["start"])
    return items
