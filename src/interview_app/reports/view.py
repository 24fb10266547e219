"""Turn a validated session (or analysis) document into what the templates show.

All the reading of optional fields happens in this package, deliberately, with ``.get``: the
templates run with StrictUndefined and see only the keys the view always sets. Nothing here
escapes text; the template environment does that. One answer's view is in answer_view.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from interview_app import __version__
from interview_app.banks.catalog import JOB_FAMILY_BY_ID, NCS_AREAS, NCS_BY_ID
from interview_app.reports import charts
from interview_app.reports.answer_view import answer_view
from interview_app.reports.i18n import translator
from interview_app.reports.loader import ANALYSIS_SCHEMA
from interview_app.reports.values import Sources, as_list, date_text, fmt, mapping, norm_value, number, text

Doc = Mapping[str, Any]
DIMENSIONS = ("delivery", "structure", "content", "language")


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
    sources = Sources()
    # The first screen's bands cite their sources first, so footnotes number from the top of the page.
    bands = _session_bands([{"_analysis": a["analysis"]} for a in session["answers"]], lang, t, sources)
    answers = [answer_view(a, position, t, sources) for position, a in enumerate(session["answers"], start=1)]
    summary = mapping(session.get("summary"))
    dimensions = _dimensions(summary, answers, t)
    history = _history(session, dimensions, t, lang)
    notes = mapping(session.get("notes"))
    answer_notes = mapping(notes.get("answers"))
    for answer in answers:
        answer["note"] = text(answer_notes.get(str(answer["number"])))
    strengths = _picked(summary.get("strengths"), answers, t, want="strength")
    changes = _picked(summary.get("improvements"), answers, t, want="change")
    bank = mapping(session.get("bank"))
    person = mapping(session.get("person"))
    return {
        "lang": lang,
        "t": t,
        "version": __version__,
        "created": date_text(session.get("created_at"), lang),
        "bank_title": text(bank.get("title")) or text(bank.get("id")),
        "person_label": text(person.get("label")),
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
            "overall": text(notes.get("overall")),
            "signed_by": text(notes.get("signed_by")),
            "signed_at": date_text(notes.get("signed_at"), lang, with_time=True),
        },
        "sources": sources.items,
    }


# ---------------------------------------------------------------- session level


def _find(answers: list[dict[str, Any]], ref: Any) -> dict[str, Any] | None:
    ref = mapping(ref)
    for answer in answers:
        if answer["number"] == ref.get("answer"):
            for finding in answer["findings"]:
                if finding["id"] == ref.get("finding"):
                    return finding
    return None


def _picked(refs: Any, answers: list[dict[str, Any]], t: Callable[..., str], *, want: str) -> list[dict[str, Any]]:
    """The summary's chosen strengths or changes; picked from the findings when the summary has none."""
    chosen = [f for f in (_find(answers, r) for r in as_list(refs)) if f is not None]
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
    for dimension in as_list(summary.get("dimensions")):
        dimension = mapping(dimension)
        score = number(dimension.get("score"))
        if score is None:
            continue
        did = str(dimension.get("id"))
        reasons = []
        for reason in as_list(dimension.get("reasons")):
            reason = mapping(reason)
            refs = []
            for ref in as_list(reason.get("refs")):
                found = _find(answers, ref)
                if found:
                    refs.append(
                        {
                            "anchor": found["anchor"],
                            "label": t("finding_ref", n=found["answer"], k=found["position"]),
                            "title": found["message"],
                        }
                    )
            reasons.append({"text": text(reason.get("text")), "refs": refs})
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
    lengths = [mapping(a["_analysis"].get("length")).get("verdict") for a in answers]
    judged = [v for v in lengths if isinstance(v, str)]
    if judged:
        sentences.append(t("picture_length", n=len(judged), ok=sum(v == "ok" for v in judged)))
    sentences.append(t("picture_counts", strengths=len(strengths), changes=len(changes)))
    return sentences


def _mean(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else None


def _session_bands(
    answers: list[dict[str, Any]], lang: str, t: Callable[..., str], sources: Sources
) -> list[dict[str, Any]]:
    """Where the person stands on pace, fillers, length and formality, averaged over the answers."""
    analyses = [a["_analysis"] for a in answers]
    bands: list[dict[str, Any]] = []

    def band(
        key: str,
        value: float | None,
        unit: str,
        zones: list[tuple[float | None, float | None, str]],
        target: str,
        cited: list[str],
        scale_max: float | None = None,
    ) -> None:
        refs = [sources.cite(found[1], found[2]) for found in (norm_value(analyses, nid) for nid in cited)]
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
    slow, low, high, fast = (norm_value(analyses, i)[0] for i in ids)
    pace = _mean([number(mapping(a.get("pace")).get("value")) for a in analyses])
    band(
        "pace",
        pace,
        t(f"unit_{unit_key}"),
        [(0, slow, "bad"), (slow, low, "near"), (low, high, "good"), (high, fast, "near"), (fast, None, "bad")],
        t("band_target", low=fmt(low, 0), high=fmt(high, 0)),
        [ids[1], ids[2]],
    )
    ok, high_fillers = (norm_value(analyses, i)[0] for i in ("fillers.per_min.ok_at_most", "fillers.per_min.high_at"))
    fillers = _mean([number(mapping(a.get("fillers")).get("per_min")) for a in analyses])
    band(
        "fillers",
        fillers,
        t("unit_per_min"),
        [(0, ok, "good"), (ok, high_fillers, "near"), (high_fillers, None, "bad")],
        t("band_at_most", high=fmt(ok, 0)),
        ["fillers.per_min.ok_at_most", "fillers.per_min.high_at"],
    )
    short, long_ = (norm_value(analyses, i)[0] for i in ("length.short_below", "length.long_above"))
    length = _mean([number(mapping(a.get("length")).get("seconds")) for a in analyses])
    band(
        "length",
        length,
        t("unit_s"),
        [(0, short, "bad"), (short, long_, "good"), (long_, None, "bad")],
        t("band_target", low=fmt(short, 0), high=fmt(long_, 0)),
        ["length.short_below", "length.long_above"],
    )
    ratios = [number(mapping(a.get("formality")).get("formal_ratio")) for a in analyses if a.get("language") == "ko"]
    good = norm_value(analyses, "formality.formal_ratio_good")[0]
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
    for entry in as_list(summary.get("competencies")):
        entry = mapping(entry)
        area = str(entry.get("id") or entry.get("area") or "")
        key = _area_id(area) or area
        if key not in NCS_BY_ID and key not in extra:
            extra.append(key)
        for evidence in as_list(entry.get("evidence")):
            evidence = mapping(evidence)
            by_area.setdefault(key, []).append({"answer": evidence.get("answer"), "text": text(evidence.get("text"))})
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
    for entry in as_list(summary.get("job_families")):
        entry = mapping(entry)
        family = JOB_FAMILY_BY_ID.get(str(entry.get("id")))
        if family:
            label = family.ko if lang == "ko" else family.en
        else:
            label = text(entry.get("name")) or str(entry.get("id"))
        score = number(entry.get("score"))
        rows.append(
            {
                "id": str(entry.get("id")),
                "label": label,
                "score": fmt(score * 100, 0) if score is not None else "—",
                "bar": charts.score_bar((score or 0) * 100),
                "evidence": [
                    {"answer": mapping(e).get("answer"), "text": text(mapping(e).get("text"))}
                    for e in as_list(entry.get("evidence"))
                ],
            }
        )
    return rows


def _history(
    session: Mapping[str, Any], dimensions: list[dict[str, Any]], t: Callable[..., str], lang: str
) -> dict[str, Any] | None:
    earlier = [mapping(h) for h in as_list(session.get("history")) if isinstance(h, Mapping)]
    if not earlier or not dimensions:
        return None
    earlier.sort(key=lambda h: str(h.get("created_at", "")))
    columns: list[dict[str, Any]] = [
        {
            "label": date_text(h.get("created_at"), lang) or str(h.get("session_id", "")),
            "scores": {k: number(v) for k, v in mapping(h.get("dimensions")).items()},
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
    pairs = [(float(last[d["id"]]), float(d["score"])) for d in dimensions if last.get(d["id"]) is not None]
    delta = round(sum(now - before for before, now in pairs) / len(pairs)) if pairs else None
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
