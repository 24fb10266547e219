"""Geometry for the report's inline SVG charts (the templates draw it; nothing here is markup).

All charts use a fixed viewBox and scale with the page, so they fit a phone and A4 alike.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

TIMELINE_W = 640
PLOT_LEFT = 64
PLOT_RIGHT = 628
STAR_CSS = {"situation": "s", "task": "t", "action": "a", "result": "r"}
STAR_LETTER = {"situation": "S", "task": "T", "action": "A", "result": "R"}
LINE_STYLES = ("", "6 3", "2 3", "10 3 2 3")  # one dash pattern per dimension: readable without colour


def _map(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _num(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _r(value: float) -> float:
    return round(value, 1)


def _ticks(duration: float) -> float:
    for step in (5.0, 10.0, 15.0, 30.0, 60.0):
        if duration / step <= 8:
            return step
    return 120.0


def _x(seconds: float, duration: float) -> float:
    span = PLOT_RIGHT - PLOT_LEFT
    return _r(PLOT_LEFT + max(0.0, min(seconds, duration)) / max(duration, 0.001) * span)


def _axis(duration: float, y: float) -> list[dict[str, Any]]:
    step = _ticks(duration)
    ticks = []
    second = 0.0
    while second <= duration + 0.001:
        ticks.append({"x": _x(second, duration), "y": y, "label": f"{int(second)}"})
        second += step
    return ticks


def timeline(analysis: Mapping[str, Any], duration: float, t: Callable[..., str]) -> dict[str, Any]:
    """STAR parts, words (fillers darker) and pauses along the answer's time."""
    words = analysis["transcript"]["words"]
    filler_words: set[int] = set()
    for item in (analysis.get("fillers") or {}).get("items", []) or []:
        span = item.get("words") if isinstance(item, Mapping) else None
        if isinstance(span, list) and len(span) == 2:
            filler_words.update(range(int(span[0]), int(span[1])))
    word_marks = []
    for index, word in enumerate(words):
        start, end = _num(word.get("start")), _num(word.get("end"))
        if start is None or end is None:
            continue
        x = _x(start, duration)
        word_marks.append(
            {"x": x, "w": max(0.8, _r(_x(end, duration) - x)), "css": "tw-filler" if index in filler_words else "tw"}
        )
    parts = []
    star_parts = _map(_map(analysis.get("structure")).get("star_parts"))
    for part in ("situation", "task", "action", "result"):
        info = star_parts.get(part)
        if not isinstance(info, Mapping):
            continue
        start, end = _num(info.get("start")), _num(info.get("end"))
        if start is None or end is None:
            continue
        x = _x(start, duration)
        width = max(2.0, _r(_x(end, duration) - x))
        parts.append(
            {
                "x": x,
                "w": width,
                "css": STAR_CSS[part],
                "letter": STAR_LETTER[part],
                "label": f"{t('star_' + part)} {start:.1f}–{end:.1f}",
                "text_x": _r(x + width / 2),
            }
        )
    pauses = []
    seen: set[tuple[float, float]] = set()
    for section, css in (("pauses", "tp-long"), ("hesitations", "tp-gap")):
        items = (analysis.get(section) or {}).get("items", []) if isinstance(analysis.get(section), Mapping) else []
        for item in items or []:
            if not isinstance(item, Mapping) or item.get("kind") == "stretched_word":
                continue
            start, end = _num(item.get("start")), _num(item.get("end"))
            if start is None or end is None or (round(start, 1), round(end, 1)) in seen:
                continue
            seen.add((round(start, 1), round(end, 1)))
            x = _x(start, duration)
            seconds = _num(item.get("duration_s")) or end - start
            pauses.append(
                {
                    "x": x,
                    "w": max(1.5, _r(_x(end, duration) - x)),
                    "css": css,
                    "label": f"{seconds:.1f}s",
                    "long": css == "tp-long",
                    "text_x": _r(x + 2),
                }
            )
    return {
        "width": TIMELINE_W,
        "height": 104,
        "parts": parts,
        "words": word_marks,
        "pauses": pauses,
        "ticks": _axis(duration, 96),
        "left": PLOT_LEFT,
        "right": PLOT_RIGHT,
        "lanes": [
            {"y": 23, "label": t("lane_star")},
            {"y": 49, "label": t("lane_speech")},
            {"y": 69, "label": t("lane_pauses")},
        ],
    }


def pace_chart(analysis: Mapping[str, Any], duration: float, t: Callable[..., str]) -> dict[str, Any] | None:
    """Pace per window as a step line over the target band; None without windows."""
    pace = _map(analysis.get("pace"))
    series = [
        s
        for s in pace.get("series", []) or []
        if isinstance(s, Mapping) and None not in (_num(s.get("start")), _num(s.get("end")), _num(s.get("value")))
    ]
    if not series:
        return None
    band = _map(pace.get("band"))
    limits = {k: _num(band.get(k)) for k in ("slow_below", "target_low", "target_high", "fast_above")}
    known = [float(s["value"]) for s in series] + [v for v in limits.values() if v is not None]
    top, bottom = max(known) * 1.08, min(known) * 0.85
    y0, y1 = 12.0, 128.0

    def y(value: float) -> float:
        return _r(y1 - (max(bottom, min(value, top)) - bottom) / max(top - bottom, 1.0) * (y1 - y0))

    end = max(duration, float(series[-1]["end"]))
    steps: list[str] = []
    dots: list[dict[str, Any]] = []
    for window in series:
        xa, xb, yv = _x(float(window["start"]), end), _x(float(window["end"]), end), y(float(window["value"]))
        steps.append(f"{'M' if not steps else 'L'}{xa},{yv} L{xb},{yv}")
        dots.append(
            {
                "x": _r((xa + xb) / 2),
                "y": yv,
                "value": f"{float(window['value']):.0f}",
                "label": f"{float(window['start']):.0f}–{float(window['end']):.0f}s: {float(window['value']):.0f}",
            }
        )
    lines: list[dict[str, Any]] = []
    for key in ("fast_above", "target_high", "target_low", "slow_below"):
        limit = limits[key]
        if limit is not None:
            position = y(limit)
            crowded = any(abs(position - line["y"]) < 11 for line in lines if line["label"])
            lines.append(
                {
                    "y": position,
                    "label": "" if crowded else f"{limit:.0f}",
                    "css": "pl-edge" if key in ("slow_below", "fast_above") else "pl-target",
                }
            )
    target = None
    if limits["target_low"] is not None and limits["target_high"] is not None:
        target = {"y": y(limits["target_high"]), "h": _r(y(limits["target_low"]) - y(limits["target_high"]))}
    return {
        "width": TIMELINE_W,
        "height": 150,
        "path": " ".join(steps),
        "dots": dots,
        "lines": lines,
        "target": target,
        "ticks": _axis(end, 144),
        "left": PLOT_LEFT,
        "right": PLOT_RIGHT,
    }


def zone_of(value: float | None, zones: list[tuple[float | None, float | None, str]]) -> str:
    """The zone (good, near, bad) a value falls in; 'none' when unknown."""
    if value is None:
        return "none"
    for low, high, kind in zones:
        if (low is None or value >= low) and (high is None or value < high):
            return kind
    return zones[-1][2] if zones else "none"


def bullet(
    value: float | None,
    zones: list[tuple[float | None, float | None, str]],
    label: str,
    *,
    scale_max: float | None = None,
) -> dict[str, Any]:
    """A bullet chart: coloured (and patterned) zones with a marker at the value."""
    edges = [e for z in zones for e in z[:2] if e is not None]
    top = scale_max or max(max(edges, default=1.0) * 1.25, (value or 0) * 1.08, 1.0)
    width, left = 300.0, 0.0

    def x(v: float) -> float:
        return _r(left + max(0.0, min(v, top)) / top * width)

    drawn = []
    for low, high, kind in zones:
        xa, xb = x(low or 0.0), x(top if high is None else high)
        if xb > xa:
            drawn.append({"x": xa, "w": _r(xb - xa), "css": f"z-{kind}"})
    return {
        "zones": drawn,
        "marker": x(value) if value is not None else None,
        "label": label,
        "state": zone_of(value, zones),
        "width": width,
    }


def score_bar(score: float) -> float:
    """A 0-100 score as a bar width in percent."""
    return _r(max(0.0, min(100.0, score)))


def history_chart(columns: list[dict[str, Any]], dimensions: list[dict[str, Any]], label: str) -> dict[str, Any]:
    """One line per dimension across earlier sessions and this one (0-100)."""
    width, height, left, right, top, bottom = 640, 170, 64, 560, 14, 140
    count = len(columns)
    xs = [_r(left + (right - left) * (i / (count - 1) if count > 1 else 0.5)) for i in range(count)]

    def y(v: float) -> float:
        return _r(bottom - v / 100 * (bottom - top))

    lines: list[dict[str, Any]] = []
    for position, dimension in enumerate(dimensions):
        dots: list[dict[str, Any]] = []
        for index, column in enumerate(columns):
            value = column["scores"].get(dimension["id"])
            if value is not None:
                dots.append({"x": xs[index], "y": y(value), "value": f"{value:.0f}"})
        if not dots:
            continue
        lines.append(
            {
                "label": dimension["label"],
                "id": dimension["id"],
                "points": " ".join(f"{d['x']},{d['y']}" for d in dots),
                "dots": dots,
                "dash": LINE_STYLES[position % len(LINE_STYLES)],
                "end_x": _r(dots[-1]["x"] + 8),
                "end_y": _r(dots[-1]["y"] + 4),
            }
        )
    # Keep the end labels apart so they stay readable when scores are close.
    ordered = sorted(lines, key=lambda line: line["end_y"])
    for earlier, later in zip(ordered, ordered[1:], strict=False):
        if later["end_y"] - earlier["end_y"] < 14:
            later["end_y"] = _r(earlier["end_y"] + 14)
    grid = [{"y": y(v), "label": str(v)} for v in (0, 25, 50, 75, 100)]
    return {
        "width": width,
        "height": height,
        "lines": lines,
        "grid": grid,
        "left": left,
        "right": right,
        "columns": [{"x": xs[i], "label": c["label"]} for i, c in enumerate(columns)],
        "label": label,
    }
