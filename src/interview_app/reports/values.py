"""Careful readers for optional fields of a result, and the report's numbering of norm sources.

Every optional field is read here with a type check, so the templates (StrictUndefined) only ever
see keys the view sets.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from interview_app.reports.bands import DEFAULT_NORMS, find_norm


def mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def fmt(value: float | None, digits: int = 1) -> str:
    """A number as the report prints it (no trailing .0)."""
    if value is None:
        return "—"
    rounded = round(value, digits)
    return str(int(rounded)) if float(rounded).is_integer() else f"{rounded:.{digits}f}"


def date_text(value: Any, lang: str, *, with_time: bool = False) -> str:
    if not isinstance(value, str) or not value:
        return ""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if lang == "ko":
        day = f"{moment.year}년 {moment.month}월 {moment.day}일"
        return f"{day} {moment:%H:%M}" if with_time else day
    day = f"{moment.day} {moment:%b} {moment.year}"
    return f"{day}, {moment:%H:%M}" if with_time else day


def norm_text(value: Any) -> str:
    """A norm's value as the footnotes show it: a number, or the start of a cue list."""
    if isinstance(value, list):
        shown = ", ".join(str(v) for v in value[:8])
        return shown + (", …" if len(value) > 8 else "")
    amount = number(value)
    return fmt(amount, 2) if amount is not None else text(value) or "—"


class Sources:
    """Norm sources numbered in the order the report first cites them."""

    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []
        self._numbers: dict[tuple[str, str], int] = {}

    def cite(self, norm_id: str, norm: Mapping[str, Any]) -> dict[str, Any]:
        source = text(norm.get("source"))
        key = (norm_id, source)
        if key not in self._numbers:
            self._numbers[key] = len(self.items) + 1
            self.items.append(
                {
                    "n": self._numbers[key],
                    "id": norm_id,
                    "source": source,
                    "kind": str(norm.get("kind", "")),
                    "value": norm_text(norm.get("value")),
                }
            )
        return self.items[self._numbers[key] - 1]


def norm_value(analyses: list[Mapping[str, Any]], norm_id: str) -> tuple[float, str, Mapping[str, Any]]:
    """A threshold's value, the id it goes by and its entry: from the results, else the defaults."""
    for analysis in analyses:
        found = find_norm(analysis.get("norms"), norm_id)
        if found:
            return float(found[1]["value"]), found[0], found[1]
    norm = DEFAULT_NORMS[norm_id]
    return float(norm["value"]), norm_id, norm
