"""Turn a validated session (or analysis) document into what the templates show.

All the reading of optional fields happens here, deliberately, with ``.get``: the templates
run with StrictUndefined and see only the keys this module always sets. Nothing here escapes
text; the template environment does that.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from interview_app import __version__
from interview_app.banks.catalog import JOB_FAMILY_BY_ID, NCS_AREAS, NCS_BY_ID
from interview_app.reports import charts
from interview_app.reports.bands import DEFAULT_NORMS, METRIC_NORM_PREFIXES
from interview_app.reports.i18n import translator
from interview_app.reports.loader import ANALYSIS_SCHEMA

Doc = Mapping[str, Any]
DIMENSIONS = ("delivery", "structure", "content", "language")
STAR_PARTS = ("situation", "task", "action", "result")
LOW_CONFIDENCE_BELOW = 0.5  # used only when a word lacks the analyzer's own low_confidence flag

# Inline marks: (css class, opening symbol, closing symbol). Symbols keep marks readable without colour.
MARKS: dict[str, tuple[str, str, str]] = {
    "filler": ("m-filler", "〔", "〕"),
    "hedge": ("m-hedge", "‹", "›"),
    "repeat": ("m-repeat", "", "⟲"),
    "stretched": ("m-stretched", "", "~"),
    "low_confidence": ("m-lowconf", "", "?"),
}


def as_session(document: Doc) -> dict[str, Any]:
    """Wrap a single analysis as a one-answer session; return sessions unchanged."""
    if document.get("schema") != ANALYSIS_SCHEMA:
        return dict(document)
    return {
        "schema": "interview-app/session/1",
        "id": None,
        "created_at": None,
        "language": document["language"],
        "mode": None,
        "bank": {"id": document.get("bank_id"), "title": None},
        "person": {"label": None},
        "answers": [
            {
                "index": 1,
                "question_id": document.get("question_id"),
                "question": document.get("question"),
                "audio": None,
                "analysis": document,
            }
        ],
    }


def build(document: Doc, language: str | None = None) -> dict[str, Any]:
    """The whole report's view: first screen, summary, answers, notes and norm sources."""
    session = as_session(document)
    lang = language or session["language"]
    t = translator(lang)
    sources = _Sources()
    # The first screen's bands cite their sources first, so footnotes number from the top of the page.
    bands = _session_bands([{"_analysis": a["analysis"]} for a in session["answers"]], lang, t, sources)
    answers = [_answer(a, position, t, sources) for position, a in enumerate(session["answers"], start=1)]
    summary = _mapping(session.get("summary"))
    dimensions = _dimensions(summary, answers, t)
    history = _history(session, dimensions, t, lang)
    notes = _mapping(session.get("notes"))
    answer_notes = _mapping(notes.get("answers"))
    for answer in answers:
        answer["note"] = _text(answer_notes.get(str(answer["number"])))
    strengths = _picked(summary.get("strengths"), answers, t, want="strength")
    changes = _picked(summary.get("improvements"), answers, t, want="change")
    bank = _mapping(session.get("bank"))
    person = _mapping(session.get("person"))
    return {
        "lang": lang,
        "t": t,
        "version": __version__,
        "created": _date(session.get("created_at"), lang),
        "bank_title": _text(bank.get("title")) or _text(bank.get("id")),
        "person_label": _text(person.get("label")),
        "mode": {"mock": t("mode_mock"), "practice": t("mode_practice")}.get(str(session.get("mode")), ""),
        "answers": answers,
        "overview": {
            "score": round(sum(d["score"] for d in dimensions) / len(dimensions)) if dimensions else None,
            "picture": _picture(dimensions, history, answers, strengths, changes, t),
            "strengths": strengths[:3],
            "changes": changes[:3],
            "bands": bands,
        },
        "dimensions": dimensions,
        "competencies": _competencies(summary, answers, lang),
        "job_families": _job_families(summary, answers, lang),
        "history": history,
        "notes": {
            "overall": _text(notes.get("overall")),
            "signed_by": _text(notes.get("signed_by")),
            "signed_at": _date(notes.get("signed_at"), lang, with_time=True),
        },
        "sources": sources.items,
    }


# ---------------------------------------------------------------- small readers


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def fmt(value: float | None, digits: int = 1) -> str:
    """A number as the report prints it (no trailing .0)."""
    if value is None:
        return "—"
    rounded = round(value, digits)
    return str(int(rounded)) if float(rounded).is_integer() else f"{rounded:.{digits}f}"


def _date(value: Any, lang: str, *, with_time: bool = False) -> str:
    if not isinstance(value, str) or not value:
        return ""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if lang == "ko":
        text = f"{moment.year}년 {moment.month}월 {moment.day}일"
        return f"{text} {moment:%H:%M}" if with_time else text
    text = f"{moment.day} {moment:%b} {moment.year}"
    return f"{text}, {moment:%H:%M}" if with_time else text


class _Sources:
    """Norm sources numbered in the order the report first cites them."""

    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []
        self._numbers: dict[tuple[str, str], int] = {}

    def cite(self, norm_id: str, norm: Mapping[str, Any]) -> dict[str, Any]:
        source = _text(norm.get("source"))
        key = (norm_id, source)
        if key not in self._numbers:
            self._numbers[key] = len(self.items) + 1
            self.items.append(
                {
                    "n": self._numbers[key],
                    "id": norm_id,
                    "source": source,
                    "kind": str(norm.get("kind", "")),
                    "value": fmt(_number(norm.get("value")), 2),
                }
            )
        return self.items[self._numbers[key] - 1]


# ---------------------------------------------------------------- one answer


def _answer(answer: Mapping[str, Any], position: int, t: Callable[..., str], sources: _Sources) -> dict[str, Any]:
    analysis = answer["analysis"]
    number = int(answer["index"]) if isinstance(answer.get("index"), int) else position
    anchor = f"answer-{number}"
    words = analysis["transcript"]["words"]
    norms = {**_mapping(analysis.get("norms"))}
    duration = _number(analysis.get("duration_s")) or (float(words[-1]["end"]) if words else 0.0)

    def refs_for(metric: str) -> list[dict[str, Any]]:
        prefixes = METRIC_NORM_PREFIXES.get(metric, ())
        return [sources.cite(nid, _mapping(n)) for nid, n in norms.items() if nid.startswith(prefixes)]

    findings = []
    for finding in analysis["findings"]:
        cited = [
            sources.cite(nid, _mapping(norms.get(nid) or DEFAULT_NORMS.get(nid)))
            for nid in _list(finding.get("norms"))
            if isinstance(nid, str) and (nid in norms or nid in DEFAULT_NORMS)
        ]
        rewrite = _mapping(finding.get("rewrite"))
        severity = str(finding.get("severity", "info"))
        category = str(finding.get("category", ""))
        findings.append(
            {
                "id": finding["id"],
                "anchor": f"{anchor}-{finding['id']}",
                "answer": number,
                "severity": severity if severity in ("strength", "info", "minor", "major") else "info",
                "severity_label": t(f"severity_{severity}")
                if severity in ("strength", "info", "minor", "major")
                else severity,
                "category_label": t(f"category_{category}")
                if category in ("structure", "expression", "content", "language")
                else category,
                "message": finding["message"],
                "suggestion": _text(finding.get("suggestion")),
                "rewrite": (
                    {"before": _text(rewrite.get("before")), "after": _text(rewrite.get("after"))}
                    if _text(rewrite.get("after"))
                    else None
                ),
                "evidence": [_evidence(e, t) for e in _list(finding.get("evidence")) if isinstance(e, Mapping)],
                "sources": cited,
            }
        )
    question = _text(answer.get("question")) or _text(analysis.get("question"))
    audio = answer.get("audio")
    return {
        "number": number,
        "anchor": anchor,
        "question": question,
        "audio": _local_link(audio),
        "duration": fmt(duration),
        "tokens": _tokens(analysis, t),
        "marks_used": _marks_used(analysis),
        "timeline": charts.timeline(analysis, duration, t),
        "star": _star(analysis, t),
        "pace_chart": charts.pace_chart(analysis, duration, t),
        "metrics": _metrics(analysis, t, refs_for),
        "findings": findings,
        "skipped": ", ".join(
            f"{_text(s.get('what'))} ({_text(s.get('why'))})"
            for s in _list(analysis.get("skipped"))
            if isinstance(s, Mapping)
        ),
        "note": "",  # filled from the session's notes below
        "_analysis": analysis,
    }


def _local_link(value: Any) -> str | None:
    """A link to a recording only when it stays on this machine (a relative path or file:)."""
    if not isinstance(value, str) or not value.strip():
        return None
    link = value.strip()
    scheme = urlsplit(link).scheme.lower()
    if scheme == "file" or scheme == "":
        return link
    if len(scheme) == 1 and link[1:3] in (":\\", ":/"):  # a Windows drive letter, not a scheme
        return Path(link).as_uri() if Path(link).is_absolute() else link
    return None


def _evidence(item: Mapping[str, Any], t: Callable[..., str]) -> dict[str, str]:
    start, end = _number(item.get("start")), _number(item.get("end"))
    when = t("time_range", start=fmt(start), end=fmt(end)) if start is not None and end is not None else ""
    return {"text": _text(item.get("text")), "when": when}


def _span(item: Any) -> tuple[int, int] | None:
    if not isinstance(item, Mapping):
        return None
    span = item.get("words")
    if isinstance(span, list) and len(span) == 2 and all(isinstance(i, int) for i in span):
        return span[0], span[1]
    return None


def _tokens(analysis: Mapping[str, Any], t: Callable[..., str]) -> list[dict[str, Any]]:
    """Transcript words with their marks, and pause markers in the gaps between them."""
    words = analysis["transcript"]["words"]
    n = len(words)
    classes: list[list[str]] = [[] for _ in range(n)]
    before: list[str] = ["" for _ in range(n)]
    after: list[str] = ["" for _ in range(n)]
    titles: list[list[str]] = [[] for _ in range(n)]

    def mark(kind: str, i: int, j: int, label: str) -> None:
        i, j = max(0, i), min(n, j)
        if i >= j:
            return
        css, opening, closing = MARKS[kind]
        for k in range(i, j):
            if css not in classes[k]:
                classes[k].append(css)
            titles[k].append(label)
        before[i] = before[i] + opening
        after[j - 1] = closing + after[j - 1]

    for kind, section, label in (
        ("filler", "fillers", "mark_filler"),
        ("hedge", "hedges", "mark_hedge"),
        ("repeat", "repeats", "mark_repeat"),
    ):
        for item in _list(_mapping(analysis.get(section)).get("items")):
            span = _span(item)
            if span:
                mark(kind, span[0], span[1], t(label))
    gaps: dict[int, dict[str, Any]] = {}
    for item in _list(_mapping(analysis.get("hesitations")).get("items")):
        span = _span(item)
        if not span:
            continue
        if item.get("kind") == "stretched_word" and span[1] > span[0]:
            mark("stretched", span[0], span[1], t("mark_stretched"))
        elif span[0] == span[1] or item.get("kind") in ("gap", "long_gap", "voiced_unworded"):
            kind = "voiced" if item.get("kind") == "voiced_unworded" else "gap"
            gaps.setdefault(span[0], {"kind": kind, "seconds": _number(item.get("duration_s"))})
    for item in _list(_mapping(analysis.get("pauses")).get("items")):
        span = _span(item)
        if span:
            gaps[span[0]] = {"kind": "pause", "seconds": _number(item.get("duration_s"))}
    for k, word in enumerate(words):
        low = word.get("low_confidence")
        if low is None:
            probability = _number(word.get("probability"))
            low = probability is not None and probability < LOW_CONFIDENCE_BELOW
        if low:
            mark("low_confidence", k, k + 1, t("mark_low_confidence"))
    tokens: list[dict[str, Any]] = []
    symbols = {"pause": "‖", "gap": "·", "voiced": "≈"}
    labels = {"pause": "mark_pause", "gap": "mark_gap", "voiced": "mark_voiced"}
    for k, word in enumerate(words):
        if k in gaps:
            gap = gaps[k]
            seconds = t("seconds_short", s=fmt(gap["seconds"])) if gap["seconds"] is not None else ""
            tokens.append(
                {
                    "kind": "gap",
                    "css": f"g-{gap['kind']}",
                    "symbol": symbols[gap["kind"]],
                    "text": seconds,
                    "title": t(labels[gap["kind"]]),
                }
            )
        probability = _number(word.get("probability"))
        title = " · ".join(
            [
                *titles[k],
                f"{fmt(_number(word.get('start')))}s",
                *([f"p={probability:.2f}"] if probability is not None else []),
            ]
        )
        tokens.append(
            {
                "kind": "word",
                "index": k,
                "text": word["word"].strip(),
                "classes": " ".join(classes[k]),
                "before": before[k],
                "after": after[k],
                "title": title,
            }
        )
    if n in gaps:  # a gap after the last word
        gap = gaps[n]
        tokens.append(
            {
                "kind": "gap",
                "css": f"g-{gap['kind']}",
                "symbol": symbols[gap["kind"]],
                "text": t("seconds_short", s=fmt(gap["seconds"])) if gap["seconds"] is not None else "",
                "title": t(labels[gap["kind"]]),
            }
        )
    return tokens


def _marks_used(analysis: Mapping[str, Any]) -> list[str]:
    """Legend entries, always all of them: an absent mark is information too."""
    return ["filler", "hedge", "repeat", "stretched", "low_confidence", "gap", "pause", "voiced"]


def _star(analysis: Mapping[str, Any], t: Callable[..., str]) -> dict[str, Any]:
    structure = _mapping(analysis.get("structure"))
    parts = _mapping(structure.get("star_parts"))
    shown = []
    for part in STAR_PARTS:
        info = _mapping(parts.get(part))
        if not info:
            continue
        share = _number(info.get("share"))
        shown.append(
            t(
                "star_share",
                part=t(f"star_{part}"),
                share=fmt((share or 0) * 100, 0),
                start=fmt(_number(info.get("start"))),
                end=fmt(_number(info.get("end"))),
            )
        )
    present = _mapping(structure.get("star"))
    missing = [t(f"star_{p}") for p in STAR_PARTS if present and not present.get(p)]
    balance = structure.get("star_balance")
    return {
        "parts": shown,
        "missing": t("star_missing", parts=", ".join(missing)) if missing and balance != "not_a_story" else "",
        "balance": t(f"balance_{balance}")
        if balance in ("ok", "situation_heavy", "no_action", "no_result", "not_a_story")
        else "",
    }


def _verdict(t: Callable[..., str], verdict: Any) -> tuple[str, str]:
    """(css state, label) for a verdict word from the analysis."""
    if not isinstance(verdict, str):
        return "none", ""
    state = "good" if verdict in ("ok", "high") else "warn"
    key = f"verdict_{verdict}"
    try:
        return state, t(key)
    except KeyError:
        return state, verdict


def _metrics(
    analysis: Mapping[str, Any], t: Callable[..., str], refs_for: Callable[[str], list[dict[str, Any]]]
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []

    def row(
        metric: str,
        value: str,
        band: str = "",
        verdict: Any = None,
        *,
        state: str | None = None,
        chart: dict[str, Any] | None = None,
        label: str | None = None,
    ) -> None:
        css, verdict_label = _verdict(t, verdict)
        refs = refs_for(metric)
        rows.append(
            {
                "id": metric,
                "label": t(f"metric_{metric}"),
                "value": value,
                "band": band,
                "state": state or css,
                "verdict": label or verdict_label,
                "chart": chart,
                "sources": refs,
                "title": " | ".join(f"[{r['n']}] {r['id']} = {r['value']}: {r['source']}" for r in refs),
            }
        )

    length = _mapping(analysis.get("length"))
    if length:
        band = _mapping(length.get("band"))
        lo, hi = _number(band.get("short_below")), _number(band.get("long_above"))
        seconds = _number(length.get("seconds"))
        row(
            "length",
            t("seconds_short", s=fmt(seconds)),
            f"{fmt(lo, 0)}–{fmt(hi, 0)}{t('unit_s')}" if lo and hi else "",
            length.get("verdict"),
            chart=charts.bullet(seconds, [(0, lo, "bad"), (lo, hi, "good"), (hi, None, "bad")], t("metric_length"))
            if lo is not None and hi is not None
            else None,
        )
    pace = _mapping(analysis.get("pace"))
    if pace:
        band = _mapping(pace.get("band"))
        values = [_number(band.get(k)) for k in ("slow_below", "target_low", "target_high", "fast_above")]
        unit = t(f"unit_{pace.get('unit')}") if pace.get("unit") in ("syllables_per_min", "words_per_min") else ""
        value = _number(pace.get("value"))
        chart = None
        band_text = ""
        if all(v is not None for v in values):
            slow, low, high, fast = values
            band_text = f"{fmt(low, 0)}–{fmt(high, 0)}"
            chart = charts.bullet(
                value,
                [(0, slow, "bad"), (slow, low, "near"), (low, high, "good"), (high, fast, "near"), (fast, None, "bad")],
                t("metric_pace"),
            )
        row("pace", f"{fmt(value, 0)} {unit}", band_text, pace.get("verdict"), chart=chart)
    latency = _mapping(analysis.get("latency"))
    if latency:
        row("latency", t("seconds_short", s=fmt(_number(latency.get("seconds")))), "", latency.get("verdict"))
    fillers = _mapping(analysis.get("fillers"))
    if fillers:
        per_min = _number(fillers.get("per_min"))
        norms = _mapping(analysis.get("norms"))
        ok = _number(_mapping(norms.get("fillers.per_min.ok_at_most")).get("value")) or float(
            DEFAULT_NORMS["fillers.per_min.ok_at_most"]["value"]
        )
        high = _number(_mapping(norms.get("fillers.per_min.high_at")).get("value")) or float(
            DEFAULT_NORMS["fillers.per_min.high_at"]["value"]
        )
        verdict = None if per_min is None else "ok" if per_min <= ok else "high"
        state = None if per_min is None else "good" if per_min <= ok else "warn" if per_min < high else "bad"
        row(
            "fillers",
            t("count_per_min", count=fmt(_number(fillers.get("count")), 0), per_min=fmt(per_min)),
            f"≤ {fmt(ok, 0)}{t('unit_per_min')}",
            verdict,
            state=state,
            chart=charts.bullet(
                per_min, [(0, ok, "good"), (ok, high, "near"), (high, None, "bad")], t("metric_fillers")
            ),
        )
    repeats = _mapping(analysis.get("repeats"))
    if repeats:
        row("repeats", fmt(_number(repeats.get("count")), 0), state="info")
    hesitations = _mapping(analysis.get("hesitations"))
    if hesitations:
        row("hesitations", fmt(_number(hesitations.get("count")), 0), state="info")
    pauses = _mapping(analysis.get("pauses"))
    if pauses:
        threshold = _number(pauses.get("threshold_s"))
        row(
            "pauses",
            t(
                "longest",
                count=fmt(_number(pauses.get("long_count")), 0),
                longest=fmt(_number(pauses.get("longest_s"))),
            ),
            f"≥ {fmt(threshold)}{t('unit_s')}" if threshold is not None else "",
            state="info",
        )
    hedges = _mapping(analysis.get("hedges"))
    if hedges:
        row("hedges", fmt(_number(hedges.get("count")), 0), state="info")
    formality = _mapping(analysis.get("formality"))
    ratio = _number(formality.get("formal_ratio"))
    if analysis.get("language") == "ko" and ratio is not None:
        good = _number(_mapping(_mapping(analysis.get("norms")).get("formality.formal_ratio_good")).get("value")) or 0.8
        row(
            "formality",
            f"{fmt(ratio * 100, 0)}%",
            f"≥ {fmt(good * 100, 0)}%",
            "ok" if ratio >= good else "low",
            chart=charts.bullet(
                ratio * 100, [(0, good * 100, "near"), (good * 100, 100, "good")], t("metric_formality"), scale_max=100
            ),
        )
        casual = _number(formality.get("casual_count"))
        if casual is not None:
            row("casual", fmt(casual, 0), "0", "ok" if casual == 0 else "high", state="good" if casual == 0 else "bad")
    voice = _mapping(analysis.get("voice"))
    if voice:
        row("volume", f"{fmt(_number(voice.get('volume_dbfs')))} dBFS", "", voice.get("volume_verdict"))
        pitch = _number(voice.get("pitch_range_semitones"))
        row(
            "pitch",
            f"{fmt(pitch)} st" + (f" · {t('monotone')}" if voice.get("monotone") else ""),
            "",
            "low" if voice.get("monotone") else "ok",
        )
    relevance = _mapping(analysis.get("relevance"))
    if relevance:
        missed = [str(p) for p in _list(relevance.get("missed_key_points"))]
        score = _number(relevance.get("score"))
        row(
            "relevance",
            f"{fmt((score or 0) * 100, 0)}%" + (f" · {t('missed_points', points=', '.join(missed))}" if missed else ""),
            "",
            state={"high": "good", "medium": "warn", "low": "bad"}.get(str(relevance.get("level")), "info"),
            label={"high": t("level_high"), "medium": t("level_medium"), "low": t("level_low")}.get(
                str(relevance.get("level")), ""
            ),
        )
    structure = _mapping(analysis.get("structure"))
    if structure:
        if "conclusion_first" in structure:
            yes = bool(structure.get("conclusion_first"))
            row("conclusion", t("yes") if yes else t("no"), state="good" if yes else "warn")
        if "closing" in structure:
            yes = bool(structure.get("closing"))
            row("closing", t("yes") if yes else t("no"), state="good" if yes else "info")
        numbers, named = _number(structure.get("numbers")), _number(structure.get("named_things"))
        if numbers is not None or named is not None:
            row("numbers", f"{fmt(numbers, 0)} · {fmt(named, 0)}", state="info")
        i_we = _mapping(structure.get("i_vs_we"))
        if i_we:
            row("i_we", f"{fmt(_number(i_we.get('i')), 0)} : {fmt(_number(i_we.get('we')), 0)}", state="info")
    return rows


# ---------------------------------------------------------------- session level


def _find(answers: list[dict[str, Any]], ref: Any) -> dict[str, Any] | None:
    ref = _mapping(ref)
    for answer in answers:
        if answer["number"] == ref.get("answer"):
            for finding in answer["findings"]:
                if finding["id"] == ref.get("finding"):
                    return finding
    return None


def _picked(refs: Any, answers: list[dict[str, Any]], t: Callable[..., str], *, want: str) -> list[dict[str, Any]]:
    """The summary's chosen strengths or changes; picked from the findings when the summary has none."""
    chosen = [f for f in (_find(answers, r) for r in _list(refs)) if f is not None]
    if not chosen:
        every = [f for a in answers for f in a["findings"]]
        if want == "strength":
            chosen = [f for f in every if f["severity"] == "strength"]
        else:
            order = {"major": 0, "minor": 1, "info": 2}
            chosen = sorted(
                (f for f in every if f["severity"] in order), key=lambda f: (order[f["severity"]], f["rewrite"] is None)
            )
    return [dict(f, where=t("in_answer", n=f["answer"])) for f in chosen]


def _dimensions(
    summary: Mapping[str, Any], answers: list[dict[str, Any]], t: Callable[..., str]
) -> list[dict[str, Any]]:
    shown = []
    for dimension in _list(summary.get("dimensions")):
        dimension = _mapping(dimension)
        score = _number(dimension.get("score"))
        if score is None:
            continue
        did = str(dimension.get("id"))
        reasons = []
        for reason in _list(dimension.get("reasons")):
            reason = _mapping(reason)
            refs = []
            for ref in _list(reason.get("refs")):
                found = _find(answers, ref)
                if found:
                    refs.append(
                        {
                            "anchor": found["anchor"],
                            "label": t("in_answer", n=found["answer"]),
                            "title": found["message"],
                        }
                    )
            reasons.append({"text": _text(reason.get("text")), "refs": refs})
        shown.append(
            {
                "id": did,
                "label": t(f"dim_{did}") if did in DIMENSIONS else did,
                "score": round(score),
                "reasons": reasons,
                "bar": charts.score_bar(score),
            }
        )
    return shown


def _picture(
    dimensions: list[dict[str, Any]],
    history: dict[str, Any] | None,
    answers: list[dict[str, Any]],
    strengths: list[Any],
    changes: list[Any],
    t: Callable[..., str],
) -> list[str]:
    sentences = []
    if dimensions:
        best = max(dimensions, key=lambda d: d["score"])
        worst = min(dimensions, key=lambda d: d["score"])
        sentences.append(t("picture_best", dim=best["label"], score=best["score"]))
        if worst is not best:
            sentences.append(t("picture_weakest", dim=worst["label"], score=worst["score"]))
    if history and history["delta"] is not None:
        delta = history["delta"]
        key = "picture_up" if delta > 0 else "picture_down" if delta < 0 else "picture_same"
        sentences.append(t(key, delta=abs(delta)))
    lengths = [_mapping(a["_analysis"].get("length")).get("verdict") for a in answers]
    judged = [v for v in lengths if isinstance(v, str)]
    if judged:
        sentences.append(t("picture_length", n=len(judged), ok=sum(v == "ok" for v in judged)))
    sentences.append(t("picture_counts", strengths=len(strengths), changes=len(changes)))
    return sentences


def _norm_value(analyses: list[Mapping[str, Any]], norm_id: str) -> tuple[float, Mapping[str, Any]]:
    for analysis in analyses:
        norm = _mapping(_mapping(analysis.get("norms")).get(norm_id))
        if _number(norm.get("value")) is not None:
            return float(norm["value"]), norm
    norm = DEFAULT_NORMS[norm_id]
    return float(norm["value"]), norm


def _mean(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else None


def _session_bands(
    answers: list[dict[str, Any]], lang: str, t: Callable[..., str], sources: _Sources
) -> list[dict[str, Any]]:
    """Where the person stands on pace, fillers, length and formality, averaged over the answers."""
    analyses = [a["_analysis"] for a in answers]
    bands = []

    def band(
        key: str,
        value: float | None,
        unit: str,
        zones: list[tuple[float | None, float | None, str]],
        target: str,
        cited: list[str],
        scale_max: float | None = None,
    ) -> None:
        refs = [sources.cite(nid, norm) for nid in cited for norm in [_norm_value(analyses, nid)[1]]]
        state = charts.zone_of(value, zones)
        bands.append(
            {
                "id": key,
                "label": t(f"band_{key}"),
                "value": f"{fmt(value, 0 if key != 'fillers' else 1)} {unit}"
                if value is not None
                else t("band_not_measured"),
                "target": target,
                "state": state,
                "chart": charts.bullet(value, zones, t(f"band_{key}"), scale_max=scale_max),
                "sources": refs,
                "title": " | ".join(f"[{r['n']}] {r['source']}" for r in refs),
            }
        )

    unit_key = "syllables_per_min" if lang == "ko" else "words_per_min"
    pace_lang = "ko" if any(a.get("language") == "ko" for a in analyses) and lang == "ko" else "en"
    ids = [f"pace.{pace_lang}.{k}" for k in ("slow_below", "target_low", "target_high", "fast_above")]
    slow, low, high, fast = (_norm_value(analyses, i)[0] for i in ids)
    pace = _mean([_number(_mapping(a.get("pace")).get("value")) for a in analyses])
    band(
        "pace",
        pace,
        t(f"unit_{unit_key}"),
        [(0, slow, "bad"), (slow, low, "near"), (low, high, "good"), (high, fast, "near"), (fast, None, "bad")],
        t("band_target", low=fmt(low, 0), high=fmt(high, 0)),
        [ids[1], ids[2]],
    )
    ok, high_fillers = (_norm_value(analyses, i)[0] for i in ("fillers.per_min.ok_at_most", "fillers.per_min.high_at"))
    fillers = _mean([_number(_mapping(a.get("fillers")).get("per_min")) for a in analyses])
    band(
        "fillers",
        fillers,
        t("unit_per_min"),
        [(0, ok, "good"), (ok, high_fillers, "near"), (high_fillers, None, "bad")],
        t("band_at_most", high=fmt(ok, 0)),
        ["fillers.per_min.ok_at_most", "fillers.per_min.high_at"],
    )
    short, long_ = (_norm_value(analyses, i)[0] for i in ("length.short_below", "length.long_above"))
    length = _mean([_number(_mapping(a.get("length")).get("seconds")) for a in analyses])
    band(
        "length",
        length,
        t("unit_s"),
        [(0, short, "bad"), (short, long_, "good"), (long_, None, "bad")],
        t("band_target", low=fmt(short, 0), high=fmt(long_, 0)),
        ["length.short_below", "length.long_above"],
    )
    ratios = [_number(_mapping(a.get("formality")).get("formal_ratio")) for a in analyses if a.get("language") == "ko"]
    good, _ = _norm_value(analyses, "formality.formal_ratio_good")
    ratio = _mean(ratios)
    if lang == "ko" or ratio is not None:
        band(
            "formality",
            None if ratio is None else ratio * 100,
            "%",
            [(0, good * 100, "near"), (good * 100, 100, "good")],
            t("band_at_least", low=f"{fmt(good * 100, 0)}%"),
            ["formality.formal_ratio_good"],
            scale_max=100,
        )
    else:
        bands.append(
            {
                "id": "formality",
                "label": t("band_formality"),
                "value": t("band_not_measured"),
                "target": t("formality_english"),
                "state": "none",
                "chart": None,
                "sources": [],
                "title": "",
            }
        )
    return bands


def _competencies(summary: Mapping[str, Any], answers: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    """All ten NCS areas, each with the evidence the session gave for it (possibly none)."""
    by_area: dict[str, list[dict[str, Any]]] = {}
    extra: list[str] = []
    for entry in _list(summary.get("competencies")):
        entry = _mapping(entry)
        area = str(entry.get("area", ""))
        key = _area_id(area) or area
        if key not in NCS_BY_ID and key not in extra:
            extra.append(key)
        for evidence in _list(entry.get("evidence")):
            evidence = _mapping(evidence)
            by_area.setdefault(key, []).append({"answer": evidence.get("answer"), "text": _text(evidence.get("text"))})
    if not by_area:
        return []
    most = max(len(v) for v in by_area.values())
    rows = []
    for key in [c.id for c in NCS_AREAS] + extra:
        competency = NCS_BY_ID.get(key)
        label = (competency.ko if lang == "ko" else competency.en) if competency else key
        evidence = by_area.get(key, [])
        rows.append(
            {
                "id": key,
                "label": label,
                "count": len(evidence),
                "evidence": evidence,
                "bar": charts.score_bar(100 * len(evidence) / most),
            }
        )
    return rows


def _area_id(area: str) -> str | None:
    """Accept an NCS id or its Korean or English name (with or without 능력)."""
    for competency in NCS_AREAS:
        names = {competency.id, competency.ko, competency.en, competency.ko.removesuffix("능력")}
        if area in names:
            return competency.id
    return None


def _job_families(summary: Mapping[str, Any], answers: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    rows = []
    for entry in _list(summary.get("job_families")):
        entry = _mapping(entry)
        family = JOB_FAMILY_BY_ID.get(str(entry.get("id")))
        label = (family.ko if lang == "ko" else family.en) if family else str(entry.get("id"))
        score = _number(entry.get("score"))
        rows.append(
            {
                "id": str(entry.get("id")),
                "label": label,
                "score": fmt(score * 100, 0) if score is not None else "—",
                "bar": charts.score_bar((score or 0) * 100),
                "evidence": [
                    {"answer": _mapping(e).get("answer"), "text": _text(_mapping(e).get("text"))}
                    for e in _list(entry.get("evidence"))
                ],
            }
        )
    return rows


def _history(
    session: Mapping[str, Any], dimensions: list[dict[str, Any]], t: Callable[..., str], lang: str
) -> dict[str, Any] | None:
    earlier = [_mapping(h) for h in _list(session.get("history")) if isinstance(h, Mapping)]
    if not earlier or not dimensions:
        return None
    earlier.sort(key=lambda h: str(h.get("created_at", "")))
    columns = [
        {
            "label": _date(h.get("created_at"), lang) or str(h.get("session_id", "")),
            "scores": {k: _number(v) for k, v in _mapping(h.get("dimensions")).items()},
        }
        for h in earlier
    ]
    columns.append({"label": t("this_session"), "scores": {d["id"]: float(d["score"]) for d in dimensions}})
    rows = []
    for dimension in dimensions:
        values = [c["scores"].get(dimension["id"]) for c in columns]
        rows.append(
            {
                "label": dimension["label"],
                "scores": [fmt(v, 0) for v in values],
                "change": _change(values[-2] if len(values) > 1 else None, values[-1]),
            }
        )
    last = columns[-2]["scores"]
    pairs = [(last.get(d["id"]), d["score"]) for d in dimensions if last.get(d["id"]) is not None]
    delta = round(sum(now - before for before, now in pairs) / len(pairs)) if pairs else None  # type: ignore[operator]
    return {
        "columns": [c["label"] for c in columns],
        "rows": rows,
        "delta": delta,
        "chart": charts.history_chart(columns, dimensions, t("progress_heading")),
    }


def _change(before: float | None, now: float | None) -> str:
    if before is None or now is None:
        return ""
    delta = round(now - before)
    return f"▲ {delta}" if delta > 0 else f"▼ {abs(delta)}" if delta < 0 else "="
