"""Target bands the report draws when a result does not carry its own.

Pace and length bands come from each analysis (``pace.band``, ``length.band``) and its
``norms``; these defaults only fill gaps, each with its source (see ANALYSIS_NORMS).
"""

from __future__ import annotations

from typing import Any

DEFAULT_NORMS: dict[str, dict[str, Any]] = {
    "fillers.per_min.ok_at_most": {
        "value": 5,
        "kind": "S",
        "source": "5 fillers/min or fewer did not hurt perceived effectiveness (Laske & DiGennaro Reed 2024, JABA)",
    },
    "fillers.per_min.high_at": {
        "value": 12,
        "kind": "S",
        "source": "12 fillers/min hurt perceived effectiveness (Laske & DiGennaro Reed 2024, JABA)",
    },
    "formality.formal_ratio_good": {
        "value": 0.8,
        "kind": "J",
        "source": "합니다체 in 80% or more of sentences reads as interview register (coaching advice)",
    },
    "length.short_below": {"value": 20, "kind": "J", "source": "Interview coaching: under 20 s is thin"},
    "length.long_above": {"value": 120, "kind": "J", "source": "Interview coaching: over 120 s loses the listener"},
    "pace.ko.slow_below": {"value": 200, "kind": "J", "source": "Korean pace band (judgement)"},
    "pace.ko.target_low": {
        "value": 250,
        "kind": "S",
        "source": "Spontaneous Korean speech about 253 syllables/min (Journal of Speech Sciences 2002, 9(4):93-103)",
    },
    "pace.ko.target_high": {
        "value": 330,
        "kind": "J",
        "source": "Korean reading about 308 syllables/min (Journal of Speech Sciences 2002); band a judgement",
    },
    "pace.ko.fast_above": {"value": 360, "kind": "J", "source": "Broadcast news about 370/min feels rushed (KBS 2008)"},
    "pace.en.slow_below": {"value": 100, "kind": "J", "source": "Coaching apps flag below about 110 wpm as dragging"},
    "pace.en.target_low": {"value": 120, "kind": "S", "source": "130-160 wpm typical for presentations"},
    "pace.en.target_high": {
        "value": 170,
        "kind": "J",
        "source": "130-160 wpm typical for presentations; band a judgement",
    },
    "pace.en.fast_above": {"value": 190, "kind": "J", "source": "Coaching apps flag above about 180 wpm as rushed"},
}

# Which norm ids belong to which metric (by prefix), for hover titles and footnotes.
METRIC_NORM_PREFIXES: dict[str, tuple[str, ...]] = {
    "length": ("length.",),
    "pace": ("pace.",),
    "latency": ("latency.",),
    "fillers": ("fillers.", "filler."),
    "repeats": ("repeats.", "repeat."),
    "hesitations": ("hesitations.", "hesitation.", "gap."),
    "pauses": ("pauses.", "pause."),
    "hedges": ("hedges.", "hedge."),
    "formality": ("formality.",),
    "casual": ("formality.casual",),
    "volume": ("voice.volume", "volume."),
    "pitch": ("voice.pitch", "pitch."),
    "relevance": ("relevance.",),
}

# Other names the same thresholds go by in analysis results; the first one present is used.
NORM_ALIASES: dict[str, tuple[str, ...]] = {
    "fillers.per_min.ok_at_most": ("fillers.ok_per_min",),
    "fillers.per_min.high_at": ("fillers.many_per_min",),
    "formality.formal_ratio_good": ("formality.formal_good_ratio",),
    "length.short_below": ("length.short_below_s",),
    "length.long_above": ("length.long_above_s",),
}


def find_norm(norms: Any, norm_id: str) -> tuple[str, dict[str, Any]] | None:
    """The norm ``norm_id`` (or one of its aliases) from a result's ``norms``, with the id it had there."""
    if not isinstance(norms, dict):
        return None
    for candidate in (norm_id, *NORM_ALIASES.get(norm_id, ())):
        norm = norms.get(candidate)
        if isinstance(norm, dict) and isinstance(norm.get("value"), int | float):
            return candidate, norm
    return None
