"""Comparing two sessions: dimension score deltas and the change in each measured metric.

A session's value for a metric is the mean over its answers that have one (booleans such as
"conclusion first" become the share of answers, 0..1). ``delta`` is always ``b - a``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from statistics import fmean
from typing import Any, Literal

Better = Literal["higher", "lower"] | None

DIMENSION_ORDER = ("delivery", "structure", "content", "language")


@dataclass(frozen=True)
class Metric:
    """A number read from every answer analysis (``path`` is dotted into the analysis dict)."""

    id: str
    path: str
    label_ko: str
    label_en: str
    unit: str
    better: Better  # which direction is an improvement; None where a band (not a direction) is best


METRICS: tuple[Metric, ...] = (
    Metric("length_s", "length.seconds", "답변 길이", "Answer length", "s", None),
    Metric("pace", "pace.value", "말하기 속도", "Speaking rate", "pace.unit", None),
    Metric("latency_s", "latency.seconds", "첫 마디까지 걸린 시간", "Time to first word", "s", "lower"),
    Metric("fillers_per_min", "fillers.per_min", "분당 군말", "Fillers per minute", "/min", "lower"),
    Metric("repeats", "repeats.count", "말 반복", "Repeated words", "count", "lower"),
    Metric("hesitations", "hesitations.count", "머뭇거림", "Hesitations", "count", "lower"),
    Metric("long_pauses", "pauses.long_count", "긴 멈춤", "Long pauses", "count", "lower"),
    Metric("hedges", "hedges.count", "얼버무림 표현", "Hedging phrases", "count", "lower"),
    Metric("formal_ratio", "formality.formal_ratio", "합니다체 비율", "Formal endings share", "share", "higher"),
    Metric("relevance", "relevance.score", "질문 관련성", "Relevance to the question", "score", "higher"),
    Metric("conclusion_first", "structure.conclusion_first", "두괄식 답변", "Conclusion first", "share", "higher"),
    Metric("closing", "structure.closing", "마무리 문장", "Closing line", "share", "higher"),
    Metric("numbers", "structure.numbers", "구체적인 숫자", "Concrete numbers", "count", "higher"),
    Metric("volume_dbfs", "voice.volume_dbfs", "목소리 크기", "Loudness", "dBFS", None),
    Metric("pitch_range_semitones", "voice.pitch_range_semitones", "억양 폭", "Pitch range", "semitones", None),
)


def _lookup(analysis: Mapping[str, Any], dotted: str) -> Any:
    value: Any = analysis
    for part in dotted.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, int | float):
        return float(value)
    return None


def _analyses(document: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [a["analysis"] for a in document.get("answers", []) if isinstance(a.get("analysis"), Mapping)]


def session_metric(document: Mapping[str, Any], metric: Metric) -> tuple[float | None, str]:
    """The session's mean for ``metric`` and its unit (``pace`` takes its unit from the analyses)."""
    values, units = [], set()
    for analysis in _analyses(document):
        value = _number(_lookup(analysis, metric.path))
        if value is not None:
            values.append(value)
            if metric.unit.endswith(".unit"):
                units.add(str(_lookup(analysis, metric.unit)))
    unit = metric.unit if not metric.unit.endswith(".unit") else "/".join(sorted(units)) or ""
    return (round(fmean(values), 3) if values else None), unit


def _scores(document: Mapping[str, Any]) -> dict[str, float | None]:
    scores: dict[str, float | None] = {}
    for dimension in (document.get("summary") or {}).get("dimensions") or []:
        if isinstance(dimension, Mapping) and isinstance(dimension.get("id"), str):
            scores[dimension["id"]] = _number(dimension.get("score"))
    return scores


@dataclass(frozen=True)
class DimensionDelta:
    id: str
    a: float | None
    b: float | None
    delta: float | None


@dataclass(frozen=True)
class MetricDelta:
    id: str
    label_ko: str
    label_en: str
    unit: str
    a: float | None
    b: float | None
    delta: float | None
    better: Better
    improved: bool | None  # None where there is no direction, no value, or no change
    comparable: bool  # False when the two sessions measured it differently (pace in syllables vs words)


@dataclass(frozen=True)
class Comparison:
    a_id: str
    b_id: str
    a_created_at: str | None
    b_created_at: str | None
    dimensions: Sequence[DimensionDelta]
    metrics: Sequence[MetricDelta]

    def dimension(self, dimension_id: str) -> DimensionDelta:
        return next(d for d in self.dimensions if d.id == dimension_id)

    def metric(self, metric_id: str) -> MetricDelta:
        return next(m for m in self.metrics if m.id == metric_id)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["dimensions"] = [asdict(d) for d in self.dimensions]
        data["metrics"] = [asdict(m) for m in self.metrics]
        return data


def _delta(a: float | None, b: float | None) -> float | None:
    return round(b - a, 3) if a is not None and b is not None else None


def compare_documents(a: Mapping[str, Any], b: Mapping[str, Any]) -> Comparison:
    """Compare two session documents (``b`` relative to ``a``)."""
    scores_a, scores_b = _scores(a), _scores(b)
    ids = [d for d in DIMENSION_ORDER if d in scores_a or d in scores_b]
    ids += sorted((set(scores_a) | set(scores_b)) - set(ids))
    dimensions = [
        DimensionDelta(d, scores_a.get(d), scores_b.get(d), _delta(scores_a.get(d), scores_b.get(d))) for d in ids
    ]
    metrics = []
    for metric in METRICS:
        value_a, unit_a = session_metric(a, metric)
        value_b, unit_b = session_metric(b, metric)
        comparable = not (unit_a and unit_b and unit_a != unit_b)
        delta = _delta(value_a, value_b) if comparable else None
        improved = None
        if metric.better and delta:
            improved = delta > 0 if metric.better == "higher" else delta < 0
        metrics.append(
            MetricDelta(metric.id, metric.label_ko, metric.label_en, unit_b or unit_a, value_a, value_b, delta,
                        metric.better, improved, comparable)
        )
    return Comparison(
        a_id=str(a.get("id")),
        b_id=str(b.get("id")),
        a_created_at=a.get("created_at"),
        b_created_at=b.get("created_at"),
        dimensions=dimensions,
        metrics=metrics,
    )
