"""Score analyses of the labelled set against the labels a consultant wrote."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
STAR = ("situation", "task", "action", "result")


def answers() -> list[dict[str, Any]]:
    return tomllib.loads((HERE / "answers.toml").read_text(encoding="utf-8"))["answer"]


def transcript_path(answer: dict[str, Any]) -> Path:
    return HERE / "transcripts" / f"{answer['id']}.json"


def cli_args(answer: dict[str, Any], out: Path) -> list[str]:
    """The `interview-app analyze` arguments for one labelled answer."""
    args = ["analyze", "--transcript", str(transcript_path(answer)), "--json", str(out)]
    if "bank" in answer:
        args += ["--bank", answer["bank"], "--question-id", answer["question_id"]]
    return args


def filler_band(count: int) -> str:
    return "none" if count == 0 else "few" if count <= 3 else "many"


def predicted(result: dict[str, Any]) -> dict[str, Any]:
    """The analysis read back as labels."""
    star = result["structure"]["star"]
    labels: dict[str, Any] = {
        "fillers": filler_band(result["fillers"]["count"]),
        "hedges": result["hedges"]["count"] > 0,
        "formality": result["formality"]["dominant"] or "none",
        "conclusion_first": result["structure"]["conclusion_first"],
        "relevance": result["relevance"]["level"],
        "pace": result["pace"]["verdict"],
    }
    for part in STAR:
        labels[f"star.{part}"] = bool(star[part])
    return labels


def expected(answer: dict[str, Any]) -> dict[str, Any]:
    raw = dict(answer["labels"])
    parts = set(raw.pop("star"))
    for part in STAR:
        raw[f"star.{part}"] = part in parts
    return raw


def score(analyse: Callable[[dict[str, Any]], dict[str, Any]]) -> tuple[dict[str, tuple[int, int]], list[str]]:
    """Run every answer through ``analyse``; return per-label (right, total) and the misses."""
    tally: dict[str, list[int]] = {}
    misses: list[str] = []
    for answer in answers():
        got = predicted(analyse(answer))
        for label, want in expected(answer).items():
            right = got[label] == want
            cell = tally.setdefault(label, [0, 0])
            cell[0] += int(right)
            cell[1] += 1
            if not right:
                misses.append(f"{answer['id']}: {label} expected {want!r}, got {got[label]!r}")
    return {k: (v[0], v[1]) for k, v in tally.items()}, misses


def report(tally: dict[str, tuple[int, int]], misses: list[str]) -> str:
    lines = ["label                 right/total  accuracy"]
    for label, (right, total) in sorted(tally.items()):
        lines.append(f"{label:<21} {right:>5}/{total:<5}  {right / total:6.1%}")
    right = sum(r for r, _ in tally.values())
    total = sum(t for _, t in tally.values())
    lines.append(f"{'overall':<21} {right:>5}/{total:<5}  {right / total:6.1%}")
    lines.extend(f"  miss: {m}" for m in misses)
    return "\n".join(lines)
