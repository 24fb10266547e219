"""The view of one answer: marked transcript, STAR, charts, metrics against their bands, findings."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from interview_app.reports import charts
from interview_app.reports.bands import DEFAULT_NORMS, METRIC_NORM_PREFIXES
from interview_app.reports.values import Sources, as_list, fmt, mapping, norm_value, number, text

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


def answer_view(answer: Mapping[str, Any], position: int, t: Callable[..., str], sources: Sources) -> dict[str, Any]:
    analysis = answer["analysis"]
    answer_number = int(answer["index"]) if isinstance(answer.get("index"), int) else position
    anchor = f"answer-{answer_number}"
    words = analysis["transcript"]["words"]
    norms = {**mapping(analysis.get("norms"))}
    duration = number(analysis.get("duration_s")) or (float(words[-1]["end"]) if words else 0.0)

    def refs_for(metric: str) -> list[dict[str, Any]]:
        prefixes = METRIC_NORM_PREFIXES.get(metric, ())
        return [sources.cite(nid, mapping(n)) for nid, n in norms.items() if nid.startswith(prefixes)]

    findings = []
    for position, finding in enumerate(analysis["findings"], start=1):
        cited = [
            sources.cite(nid, mapping(norms.get(nid) or DEFAULT_NORMS.get(nid)))
            for nid in as_list(finding.get("norms"))
            if isinstance(nid, str) and (nid in norms or nid in DEFAULT_NORMS)
        ]
        rewrite = mapping(finding.get("rewrite"))
        severity = str(finding.get("severity", "info"))
        category = str(finding.get("category", ""))
        findings.append(
            {
                "id": finding["id"],
                "anchor": f"{anchor}-{finding['id']}",
                "answer": answer_number,
                "position": position,
                "severity": severity if severity in ("strength", "info", "minor", "major") else "info",
                "severity_label": t(f"severity_{severity}")
                if severity in ("strength", "info", "minor", "major")
                else severity,
                "category_label": t(f"category_{category}")
                if category in ("structure", "expression", "content", "language")
                else category,
                "message": finding["message"],
                "suggestion": text(finding.get("suggestion")),
                "rewrite": (
                    {"before": text(rewrite.get("before")), "after": text(rewrite.get("after"))}
                    if text(rewrite.get("after"))
                    else None
                ),
                "evidence": [_evidence(e, t) for e in as_list(finding.get("evidence")) if isinstance(e, Mapping)],
                "sources": cited,
            }
        )
    question = text(answer.get("question")) or text(analysis.get("question"))
    audio = answer.get("audio")
    return {
        "number": answer_number,
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
            f"{text(s.get('what'))} ({text(s.get('why'))})"
            for s in as_list(analysis.get("skipped"))
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
    start, end = number(item.get("start")), number(item.get("end"))
    when = t("time_range", start=fmt(start), end=fmt(end)) if start is not None and end is not None else ""
    return {"text": text(item.get("text")), "when": when}


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
        for item in as_list(mapping(analysis.get(section)).get("items")):
            span = _span(item)
            if span:
                mark(kind, span[0], span[1], t(label))
    gaps: dict[int, dict[str, Any]] = {}
    for item in as_list(mapping(analysis.get("hesitations")).get("items")):
        span = _span(item)
        if not span:
            continue
        if item.get("kind") == "stretched_word" and span[1] > span[0]:
            mark("stretched", span[0], span[1], t("mark_stretched"))
        elif span[0] == span[1] or item.get("kind") in ("gap", "long_gap", "voiced_unworded"):
            kind = "voiced" if item.get("kind") == "voiced_unworded" else "gap"
            gaps.setdefault(span[0], {"kind": kind, "seconds": number(item.get("duration_s"))})
    for item in as_list(mapping(analysis.get("pauses")).get("items")):
        span = _span(item)
        if span:
            gaps[span[0]] = {"kind": "pause", "seconds": number(item.get("duration_s"))}
    for k, word in enumerate(words):
        low = word.get("low_confidence")
        if low is None:
            probability = number(word.get("probability"))
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
        probability = number(word.get("probability"))
        title = " · ".join(
            [
                *titles[k],
                f"{fmt(number(word.get('start')))}s",
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
    structure = mapping(analysis.get("structure"))
    parts = mapping(structure.get("star_parts"))
    shown = []
    for part in STAR_PARTS:
        info = mapping(parts.get(part))
        if not info:
            continue
        share = number(info.get("share"))
        shown.append(
            t(
                "star_share",
                part=t(f"star_{part}"),
                share=fmt((share or 0) * 100, 0),
                start=fmt(number(info.get("start"))),
                end=fmt(number(info.get("end"))),
            )
        )
    present = mapping(structure.get("star"))
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
        refs = sorted(refs_for(metric), key=lambda ref: ref["n"])
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

    length = mapping(analysis.get("length"))
    if length:
        band = mapping(length.get("band"))
        lo, hi = number(band.get("short_below")), number(band.get("long_above"))
        seconds = number(length.get("seconds"))
        row(
            "length",
            t("seconds_short", s=fmt(seconds)),
            f"{fmt(lo, 0)}–{fmt(hi, 0)}{t('unit_s')}" if lo and hi else "",
            length.get("verdict"),
            chart=charts.bullet(seconds, [(0, lo, "bad"), (lo, hi, "good"), (hi, None, "bad")], t("metric_length"))
            if lo is not None and hi is not None
            else None,
        )
    pace = mapping(analysis.get("pace"))
    if pace:
        band = mapping(pace.get("band"))
        values = [number(band.get(k)) for k in ("slow_below", "target_low", "target_high", "fast_above")]
        unit = t(f"unit_{pace.get('unit')}") if pace.get("unit") in ("syllables_per_min", "words_per_min") else ""
        value = number(pace.get("value"))
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
    latency = mapping(analysis.get("latency"))
    if latency:
        row("latency", t("seconds_short", s=fmt(number(latency.get("seconds")))), "", latency.get("verdict"))
    fillers = mapping(analysis.get("fillers"))
    if fillers:
        per_min = number(fillers.get("per_min"))
        ok = norm_value([analysis], "fillers.per_min.ok_at_most")[0]
        high = norm_value([analysis], "fillers.per_min.high_at")[0]
        verdict = None if per_min is None else "ok" if per_min <= ok else "high"
        state = None if per_min is None else "good" if per_min <= ok else "warn" if per_min < high else "bad"
        row(
            "fillers",
            t("count_per_min", count=fmt(number(fillers.get("count")), 0), per_min=fmt(per_min)),
            f"≤ {fmt(ok, 0)} {t('unit_per_min')}",
            verdict,
            state=state,
            chart=charts.bullet(
                per_min, [(0, ok, "good"), (ok, high, "near"), (high, None, "bad")], t("metric_fillers")
            ),
        )
    repeats = mapping(analysis.get("repeats"))
    if repeats:
        row("repeats", fmt(number(repeats.get("count")), 0), state="info")
    hesitations = mapping(analysis.get("hesitations"))
    if hesitations:
        row("hesitations", fmt(number(hesitations.get("count")), 0), state="info")
    pauses = mapping(analysis.get("pauses"))
    if pauses:
        threshold = number(pauses.get("threshold_s"))
        row(
            "pauses",
            t(
                "longest",
                count=fmt(number(pauses.get("long_count")), 0),
                longest=fmt(number(pauses.get("longest_s"))),
            ),
            f"≥ {fmt(threshold)}{t('unit_s')}" if threshold is not None else "",
            state="info",
        )
    hedges = mapping(analysis.get("hedges"))
    if hedges:
        row("hedges", fmt(number(hedges.get("count")), 0), state="info")
    formality = mapping(analysis.get("formality"))
    ratio = number(formality.get("formal_ratio"))
    if analysis.get("language") == "ko" and ratio is not None:
        good = norm_value([analysis], "formality.formal_ratio_good")[0]
        row(
            "formality",
            f"{fmt(ratio * 100, 0)}%",
            f"≥ {fmt(good * 100, 0)}%",
            "ok" if ratio >= good else "low",
            chart=charts.bullet(
                ratio * 100, [(0, good * 100, "near"), (good * 100, 100, "good")], t("metric_formality"), scale_max=100
            ),
        )
        casual = number(formality.get("casual_count"))
        if casual is not None:
            row("casual", fmt(casual, 0), "0", "ok" if casual == 0 else "high", state="good" if casual == 0 else "bad")
    voice = mapping(analysis.get("voice"))
    if voice:
        row("volume", f"{fmt(number(voice.get('volume_dbfs')))} dBFS", "", voice.get("volume_verdict"))
        pitch = number(voice.get("pitch_range_semitones"))
        row(
            "pitch",
            f"{fmt(pitch)} st" + (f" · {t('monotone')}" if voice.get("monotone") else ""),
            "",
            "low" if voice.get("monotone") else "ok",
        )
    relevance = mapping(analysis.get("relevance"))
    if relevance:
        missed = [str(p) for p in as_list(relevance.get("missed_key_points"))]
        score = number(relevance.get("score"))
        row(
            "relevance",
            f"{fmt((score or 0) * 100, 0)}%" + (f" · {t('missed_points', points=', '.join(missed))}" if missed else ""),
            "",
            state={"high": "good", "medium": "warn", "low": "bad"}.get(str(relevance.get("level")), "info"),
            label={"high": t("level_high"), "medium": t("level_medium"), "low": t("level_low")}.get(
                str(relevance.get("level")), ""
            ),
        )
    structure = mapping(analysis.get("structure"))
    if structure:
        if "conclusion_first" in structure:
            yes = bool(structure.get("conclusion_first"))
            row("conclusion", t("yes") if yes else t("no"), state="good" if yes else "warn")
        if "closing" in structure:
            yes = bool(structure.get("closing"))
            row("closing", t("yes") if yes else t("no"), state="good" if yes else "info")
        numbers, named = number(structure.get("numbers")), number(structure.get("named_things"))
        if numbers is not None or named is not None:
            row("numbers", f"{fmt(numbers, 0)} · {fmt(named, 0)}", state="info")
        i_we = mapping(structure.get("i_vs_we"))
        if i_we:
            row("i_we", f"{fmt(number(i_we.get('i')), 0)} : {fmt(number(i_we.get('we')), 0)}", state="info")
    return rows
