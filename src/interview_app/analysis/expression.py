"""How the answer is said: length, pace, latency, hesitations, pauses and voice.

Word timings give gaps and stretched words; the audio (when there is some) gives the pauses'
true timing, voiced stretches Whisper left without a word, volume and pitch.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from interview_app.analysis.korean import spoken_syllables
from interview_app.analysis.norms import Norms
from interview_app.analysis.text import Doc

log = logging.getLogger(__name__)


@dataclass
class AudioMeasures:
    """What the analyzer needs from the audio, whichever measurer produced it."""

    speech_s: float
    pauses: list[tuple[float, float]]  # (start, end) of silences between speech
    voiced_unworded: list[tuple[float, float]] = field(default_factory=list)
    start_latency_s: float | None = None
    volume_dbfs: float | None = None
    volume_variation_db: float | None = None
    pitch_median_hz: float | None = None
    pitch_range_semitones: float | None = None
    monotone: bool | None = None


def measure(audio: np.ndarray, doc: Doc, norms: Norms, sample_rate: int = 16000) -> AudioMeasures:
    """Measure the audio (interview_app.analysis.acoustics) with the thresholds from the norms file."""
    from interview_app.analysis import acoustics  # praat-parselmouth loads only when there is audio

    measure_audio: Callable[..., Any] = acoustics.measure_audio
    wanted = {
        "min_pause_s": norms.num("pauses.min_s"),
        "long_pause_s": norms.num("pauses.long_s"),
        "voiced_unworded_min_s": norms.num("hesitations.voiced_unworded_min_s"),
    }
    accepted = inspect.signature(measure_audio).parameters
    kwargs = {k: v for k, v in wanted.items() if k in accepted}
    measures = measure_audio(audio, sample_rate, doc.words, **kwargs)
    return _adapt(measures, norms)


def _span(item: Any) -> tuple[float, float]:
    if isinstance(item, (tuple, list)):
        return float(item[0]), float(item[1])
    if isinstance(item, dict):
        return float(item["start"]), float(item["end"])
    return float(item.start), float(item.end)


def _adapt(m: Any, norms: Norms) -> AudioMeasures:
    def get(*names: str) -> Any:
        for name in names:
            if hasattr(m, name):
                return getattr(m, name)
        return None

    pitch_range = get("pitch_range_semitones")
    monotone = get("monotone")
    if monotone is None and pitch_range is not None:
        monotone = pitch_range < norms.num("voice.monotone_below_semitones")
    return AudioMeasures(
        speech_s=float(get("speech_s", "speech_seconds") or 0.0),
        pauses=[_span(p) for p in (get("pauses") or [])],
        voiced_unworded=[_span(v) for v in (get("voiced_unworded", "unworded_voiced", "voiced_without_words") or [])],
        start_latency_s=get("start_latency_s", "latency_s"),
        volume_dbfs=get("volume_dbfs", "level_dbfs"),
        volume_variation_db=get("volume_variation_db", "level_variation_db"),
        pitch_median_hz=get("pitch_median_hz"),
        pitch_range_semitones=pitch_range,
        monotone=monotone,
    )


# --- word-timing measures -------------------------------------------------------------------------


def speaking_time_from_words(doc: Doc, norms: Norms) -> float:
    """First word to last, less gaps long enough to be pauses."""
    if not doc.words:
        return 0.0
    exclude = norms.num("pace.exclude_gaps_from_s")
    total = doc.words[-1].end - doc.words[0].start
    for a, b in zip(doc.words, doc.words[1:], strict=False):
        gap = b.start - a.end
        if gap >= exclude:
            total -= gap
    return max(total, 0.0)


def word_gaps(doc: Doc) -> list[tuple[int, float, float]]:
    """(index of the word after the gap, gap start, gap end) for every gap between words."""
    return [(i + 1, a.end, b.start) for i, (a, b) in enumerate(zip(doc.words, doc.words[1:], strict=False))
            if b.start > a.end]


def find_pauses(doc: Doc, norms: Norms, audio: AudioMeasures | None) -> dict[str, Any]:
    """Long pauses: from the audio's energy when there is audio, cross-checked with word gaps."""
    long_s = norms.num("pauses.long_s")
    tolerance = norms.num("pauses.cross_check_s")
    gaps = [(i, a, b) for i, a, b in word_gaps(doc) if b - a >= long_s]
    items: list[dict[str, Any]] = []
    if audio is not None:
        first_word = doc.words[0].start if doc.words else 0.0
        last_word = doc.words[-1].end if doc.words else 0.0
        for start, end in audio.pauses:
            if end - start < long_s or end <= first_word - tolerance or start >= last_word + tolerance:
                continue
            mid = (start + end) / 2
            index = next((i for i, w in enumerate(doc.words) if w.start >= mid), len(doc.words))
            matched = any(abs(a - start) <= tolerance * 3 or abs(b - end) <= tolerance * 3 or (a <= mid <= b)
                          for _, a, b in gaps)
            items.append(_pause_item(doc, index, start, end, "both" if matched else "audio"))
    else:
        for index, start, end in gaps:
            items.append(_pause_item(doc, index, start, end, "words"))
    return {
        "long_count": len(items),
        "longest_s": round(max((p["duration_s"] for p in items), default=0.0), 2),
        "threshold_s": long_s,
        "items": items,
    }


def _pause_item(doc: Doc, index: int, start: float, end: float, source: str) -> dict[str, Any]:
    before = doc.words[index - 1].word.strip() if 0 < index <= len(doc.words) else ""
    after = doc.words[index].word.strip() if index < len(doc.words) else ""
    return {
        "text": f"{before} … {after}".strip(),
        "start": round(start, 2),
        "end": round(end, 2),
        "words": [index, index],
        "duration_s": round(end - start, 2),
        "source": source,
    }


def find_hesitations(doc: Doc, norms: Norms, audio: AudioMeasures | None) -> list[dict[str, Any]]:
    gap_s = norms.num("hesitations.gap_s")
    long_gap_s = norms.num("hesitations.long_gap_s")
    stretched_s = norms.num("hesitations.stretched_word_s")
    boundary_gap_s = norms.num("hesitations.sentence_boundary_gap_s")
    sentence_starts = {s.first for s in doc.sentences}
    items: list[dict[str, Any]] = []
    for index, start, end in word_gaps(doc):
        gap = end - start
        if gap >= (boundary_gap_s if index in sentence_starts else gap_s):
            kind = "long_gap" if gap >= long_gap_s else "gap"
            item = _pause_item(doc, index, start, end, "words")
            item.pop("source")
            item["kind"] = kind
            items.append(item)
    # A sentence's first word drawn out ("저어는...") while the speaker thinks.
    starts = {s.first for s in doc.sentences} or {0}
    per_syllable_s = norms.num("hesitations.stretched_per_syllable_s")
    for i in sorted(starts):
        if i >= len(doc.words) or doc.low_confidence[i]:
            continue
        duration = doc.words[i].duration
        if duration >= stretched_s and duration / max(1, spoken_syllables(doc.words[i].word)) >= per_syllable_s:
            items.append(doc.evidence(i, i + 1, kind="stretched_word", duration_s=round(doc.words[i].duration, 2)))
    if audio is not None:
        min_s = norms.num("hesitations.voiced_unworded_min_s")
        for start, end in audio.voiced_unworded:
            if end - start >= min_s:
                index = next((i for i, w in enumerate(doc.words) if w.start >= start), len(doc.words))
                items.append({"text": "", "start": round(start, 2), "end": round(end, 2), "words": [index, index],
                              "kind": "voiced_unworded", "duration_s": round(end - start, 2)})
    items.sort(key=lambda item: item["start"])
    return items


def pace_series(doc: Doc, norms: Norms, units: list[float]) -> list[dict[str, Any]]:
    """Pace in windows over the answer (units per word: syllables or 1 per word)."""
    if not doc.words:
        return []
    window = norms.num("pace.window_s")
    exclude = norms.num("pace.exclude_gaps_from_s")
    series = []
    t = doc.words[0].start
    end = doc.words[-1].end
    while t < end:
        inside = [i for i, w in enumerate(doc.words) if t <= (w.start + w.end) / 2 < t + window]
        if inside:
            speaking = doc.words[inside[-1]].end - doc.words[inside[0]].start
            for a, b in zip(inside, inside[1:], strict=False):
                gap = doc.words[b].start - doc.words[a].end
                if gap >= exclude:
                    speaking -= gap
            if speaking > 1.0:
                value = sum(units[i] for i in inside) / speaking * 60
                series.append({"start": round(t, 2), "end": round(min(t + window, end), 2), "value": round(value)})
        t += window
    return series


def verdict_band(value: float, low: float, high: float, names: tuple[str, str, str]) -> str:
    if value < low:
        return names[0]
    if value > high:
        return names[2]
    return names[1]
