"""A practice session's answers aggregated into the `interview-app/session/1` document.

Every number here can be traced: a dimension's score is a base (80) plus the points of the reasons
listed under it (each reason names the findings behind it, averaged over the answers), and
competencies and job families quote the sentences that gave evidence for them.
"""

from __future__ import annotations

import re
import uuid
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from interview_app.analysis.engine import ANALYSIS_SCHEMA, AnswerAnalysis
from interview_app.analysis.errors import AnalysisInputError
from interview_app.analysis.norms import Norms, load_norms
from interview_app.banks.catalog import JOB_FAMILIES, NCS_AREAS

SESSION_SCHEMA = "interview-app/session/1"
DIMENSIONS = ("delivery", "structure", "content", "language")
_CATEGORY_TO_DIMENSION = {"expression": "delivery", "structure": "structure", "content": "content",
                          "language": "language"}
_DIMENSION_NAMES = {
    "delivery": ("전달력", "Delivery"), "structure": ("구성", "Structure"),
    "content": ("내용", "Content"), "language": ("언어 표현", "Language"),
}
# Which strengths a consultant would show first.
_STRENGTH_ORDER = ("conclusion_first", "star_complete", "relevance_high", "numbers", "closing", "formality_formal",
                   "fluent", "pace_ok")
_SEVERITY = {"major": 0, "minor": 1, "info": 2, "strength": 3}


def _as_entry(index: int, item: Any) -> dict[str, Any]:
    """Accept an AnswerAnalysis, its dict, or {question_id, question, audio, analysis}."""
    if isinstance(item, AnswerAnalysis):
        analysis = item.to_dict()
        entry: dict[str, Any] = {}
    elif isinstance(item, Mapping) and "analysis" in item:
        entry = dict(item)
        raw = entry["analysis"]
        analysis = raw.to_dict() if isinstance(raw, AnswerAnalysis) else dict(raw)
    elif isinstance(item, Mapping):
        analysis, entry = dict(item), {}
    else:
        raise AnalysisInputError(f"answer {index} is not an analysis")
    if analysis.get("schema") != ANALYSIS_SCHEMA:
        raise AnalysisInputError(f"answer {index} has schema '{analysis.get('schema')}', expected '{ANALYSIS_SCHEMA}'")
    return {
        "index": index,
        "question_id": entry.get("question_id", analysis.get("question_id")),
        "question": entry.get("question", analysis.get("question")),
        "audio": entry.get("audio"),
        "analysis": analysis,
    }


def build_session(
    answers: Sequence[Any],
    *,
    language: str,
    mode: str,
    bank: Any = None,
    person: Any = None,
    created_at: datetime | str | None = None,
    session_id: str | None = None,
    norms: Norms | None = None,
) -> dict[str, Any]:
    """The session document (docs/analysis-result.md) with its traceable summary."""
    norms = norms or load_norms()
    entries = [_as_entry(i, a) for i, a in enumerate(answers, start=1)]
    when = created_at or datetime.now().astimezone()
    created = when if isinstance(when, str) else when.isoformat(timespec="seconds")
    if session_id is None:
        stamp = (when if isinstance(when, datetime) else datetime.now()).strftime("%Y-%m-%dT%H-%M-%S")
        session_id = f"{stamp}-{uuid.uuid4().hex[:4]}"
    return {
        "schema": SESSION_SCHEMA,
        "id": session_id,
        "created_at": created,
        "language": language,
        "mode": mode,
        "bank": _bank(bank),
        "person": _person(person),
        "answers": entries,
        "summary": summarise(entries, language=language, norms=norms, bank_competencies=_bank_competencies(
            bank, entries)),
    }


def _bank(bank: Any) -> dict[str, Any] | None:
    if bank is None:
        return None
    if isinstance(bank, Mapping):
        return {"id": bank.get("id"), "title": bank.get("title")}
    return {"id": getattr(bank, "id", None), "title": getattr(bank, "title", None)}


def _person(person: Any) -> dict[str, Any]:
    if person is None:
        return {"label": None}
    if isinstance(person, Mapping):
        return dict(person)
    return {"label": str(person)}


def _bank_competencies(bank: Any, entries: list[dict[str, Any]]) -> dict[int, tuple[str, ...]]:
    """The competencies each answered question probes (from its analysis, else from the bank)."""
    out: dict[int, tuple[str, ...]] = {}
    questions = {q.id: q for q in getattr(bank, "questions", ())} if bank is not None else {}
    for e in entries:
        comps = tuple(e["analysis"].get("competencies") or ())
        if not comps and e["question_id"] in questions:
            comps = tuple(questions[e["question_id"]].competencies)
        out[e["index"]] = comps
    return out


def summarise(entries: list[dict[str, Any]], *, language: str, norms: Norms,
              bank_competencies: Mapping[int, Sequence[str]] | None = None) -> dict[str, Any]:
    ko = language == "ko"
    n = max(len(entries), 1)
    base = norms.num("session.base_score")
    deltas = {"major": -norms.num("session.penalty_major"), "minor": -norms.num("session.penalty_minor"),
              "info": -norms.num("session.penalty_info"), "strength": norms.num("session.bonus_strength")}

    # Dimensions: one reason per kind of finding, with every answer it came from.
    grouped: dict[str, dict[str, dict[str, Any]]] = {d: {} for d in DIMENSIONS}
    for e in entries:
        for f in e["analysis"]["findings"]:
            dim = _CATEGORY_TO_DIMENSION.get(f["category"], "content")
            reason = grouped[dim].setdefault(f["id"], {"finding": f["id"], "severity": f["severity"],
                                                       "text": f["message"], "refs": [], "points": 0.0})
            reason["refs"].append({"answer": e["index"], "finding": f["id"]})
            reason["points"] += deltas[f["severity"]] / n
    dimensions = []
    for dim in DIMENSIONS:
        reasons = sorted(grouped[dim].values(), key=lambda r: (_SEVERITY[r["severity"]], r["points"]))
        for r in reasons:
            r["points"] = round(r["points"], 1)
            answers_list = ", ".join(str(ref["answer"]) for ref in r["refs"])
            if len(entries) > 1:
                r["text"] += f" (답변 {answers_list})" if ko else f" (answer {answers_list})"
        raw = base + sum(r["points"] for r in reasons)
        dimensions.append({
            "id": dim,
            "name": _DIMENSION_NAMES[dim][0 if ko else 1],
            "score": int(round(min(100.0, max(0.0, raw)))),
            "basis": f"{base:.0f} + points of the reasons (averaged over answers), kept within 0-100",
            "reasons": reasons,
        })

    all_findings = [(e["index"], f) for e in entries for f in e["analysis"]["findings"]]
    strengths = _strengths(all_findings)
    improvements = _improvements(all_findings)
    competencies = _competencies(entries, norms, ko, bank_competencies or {})
    return {
        "dimensions": dimensions,
        "strengths": strengths,
        "improvements": improvements,
        "bands": _bands(entries, norms),
        "competencies": competencies,
        "job_families": _job_families(competencies, norms, ko),
    }


def _strengths(all_findings: list[tuple[int, dict[str, Any]]]) -> list[dict[str, Any]]:
    picked: list[dict[str, Any]] = []
    seen: set[str] = set()
    ranked = sorted((x for x in all_findings if x[1]["severity"] == "strength"),
                    key=lambda x: (_STRENGTH_ORDER.index(x[1]["id"]) if x[1]["id"] in _STRENGTH_ORDER else 99, x[0]))
    for answer, f in ranked:
        if f["id"] in seen:
            continue
        seen.add(f["id"])
        picked.append({"answer": answer, "finding": f["id"], "message": f["message"],
                       "evidence": f["evidence"][:1]})
        if len(picked) == 3:
            break
    return picked


def _improvements(all_findings: list[tuple[int, dict[str, Any]]]) -> list[dict[str, Any]]:
    picked: list[dict[str, Any]] = []
    seen: set[str] = set()
    rewrites: set[str] = set()
    ranked = sorted((x for x in all_findings if x[1]["severity"] != "strength"),
                    key=lambda x: (_SEVERITY[x[1]["severity"]], x[1].get("rewrite") is None, x[0]))
    for answer, f in ranked:
        rewrite = (f.get("rewrite") or {}).get("after")
        if f["id"] in seen or (rewrite and rewrite in rewrites):
            continue  # one of each kind, and never the same rewrite twice
        seen.add(f["id"])
        if rewrite:
            rewrites.add(rewrite)
        picked.append({"answer": answer, "finding": f["id"], "severity": f["severity"], "message": f["message"],
                       "suggestion": f["suggestion"], "rewrite": f.get("rewrite")})
        if len(picked) == 3:
            break
    return picked


def _most_common(values: list[Any]) -> Any:
    values = [v for v in values if v is not None]
    return Counter(values).most_common(1)[0][0] if values else None


def _bands(entries: list[dict[str, Any]], norms: Norms) -> dict[str, Any]:
    analyses = [e["analysis"] for e in entries]
    per_min = [a["fillers"]["per_min"] for a in analyses]
    mean = sum(per_min) / len(per_min) if per_min else 0.0
    fillers = ("ok" if mean <= norms.num("fillers.ok_per_min")
               else "many" if mean >= norms.num("fillers.many_per_min") else "some")
    return {
        "pace": _most_common([a["pace"]["verdict"] for a in analyses]),
        "fillers": fillers,
        "fillers_per_min": round(mean, 1),
        "length": _most_common([a["length"]["verdict"] for a in analyses]),
        "formality": _most_common([a["formality"]["dominant"] for a in analyses]),
    }


def _sentences(analysis: dict[str, Any]) -> list[dict[str, Any]]:
    return list(analysis["transcript"].get("sentences") or [])


def _competencies(entries: list[dict[str, Any]], norms: Norms, ko: bool,
                  probed: Mapping[int, Sequence[str]]) -> list[dict[str, Any]]:
    cues = {row[0]: [c.lower() for c in row[1:]] for row in norms["competencies.cues"]}
    found: dict[str, list[dict[str, Any]]] = {}
    for e in entries:
        for sentence in _sentences(e["analysis"]):
            text = sentence["text"].lower()
            for area, words in cues.items():
                hits = [w for w in words if re.search(r"(?<![a-z])" + re.escape(w) if w.isascii() else re.escape(w),
                                                      text)]
                if hits:
                    found.setdefault(area, []).append({"answer": e["index"], "text": sentence["text"],
                                                       "start": sentence["start"], "end": sentence["end"],
                                                       "cues": hits})
    out: list[dict[str, Any]] = []
    for area in NCS_AREAS:
        evidence = found.get(area.id, [])
        asked = [i for i, comps in probed.items() if area.id in comps]
        if not evidence:
            continue
        out.append({"id": area.id, "area": area.ko if ko else area.en, "evidence": evidence[:4],
                    "evidence_count": len(evidence), "asked_in": asked})
    out.sort(key=lambda c: -c["evidence_count"])
    return out


def _job_families(competencies: list[dict[str, Any]], norms: Norms, ko: bool) -> list[dict[str, Any]]:
    by_id = {c["id"]: c for c in competencies}
    families = []
    for family in JOB_FAMILIES:
        covered = [c for c in family.competencies if c in by_id]
        # Each competency counts fully with two pieces of evidence, half with one.
        score = sum(min(1.0, by_id[c]["evidence_count"] / 2) for c in covered) / len(family.competencies)
        if score < norms.num("session.job_family_min_score"):
            continue
        evidence: list[dict[str, Any]] = []
        quoted: set[str] = set()
        for comp in covered:
            quote = next((q for q in by_id[comp]["evidence"] if q["text"] not in quoted), by_id[comp]["evidence"][0])
            quoted.add(quote["text"])
            evidence.append({"answer": quote["answer"], "text": quote["text"], "start": quote["start"],
                             "end": quote["end"], "competency": comp})
        families.append({"id": family.id, "name": family.ko if ko else family.en, "score": round(score, 2),
                         "competencies": covered, "evidence": evidence[:3]})
    families.sort(key=lambda f: (-f["score"], -len(f["evidence"])))
    return families[:3]
