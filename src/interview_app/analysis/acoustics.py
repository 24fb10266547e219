"""Delivery measured from the audio itself: speech, pauses, latency, volume and pitch.

Whisper drops most fillers and misplaces words after long silences, so pause timing, start
latency and "voice with no word" (likely dropped fillers such as 음/어/um) come from the
recording's own energy and voicing here, and are only cross-checked with word timestamps.

Levels are in dBFS as ``20*log10(rms)`` with full scale = 1.0 (a full-scale sine reads -3 dBFS).
Everything is vectorised numpy over 10 ms blocks plus one praat-parselmouth pitch pass, so a
ten-minute answer takes well under a few seconds (see benchmarks/bench_acoustics.py).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from interview_app.analysis.pitch import high_pass, summarise_pitch, track_pitch
from interview_app.transcription.types import Word

log = logging.getLogger(__name__)

ACOUSTICS_SCHEMA = "interview-app/acoustics/1"

#: Lowest level reported; digital silence reads as this instead of minus infinity.
LEVEL_FLOOR_DBFS = -120.0
_POWER_FLOOR = 10.0 ** (LEVEL_FLOOR_DBFS / 10.0)
# Blocks summed per pass when computing block energies (bounds the float64 working copy).
_BLOCKS_PER_CHUNK = 4096


@dataclass(frozen=True)
class Pause:
    """Silence between two stretches of speech, from the audio's energy.

    ``word_overlap_s`` is how much of the pause transcribed words claim to cover (the
    cross-check with word timestamps); ``None`` when no words were given. A long pause with a
    large overlap usually means the recogniser placed the next word too early.
    """

    start: float
    end: float
    duration_s: float
    word_overlap_s: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": round(self.start, 3),
            "end": round(self.end, 3),
            "duration_s": round(self.duration_s, 3),
            "word_overlap_s": None if self.word_overlap_s is None else round(self.word_overlap_s, 3),
        }


@dataclass(frozen=True)
class VoicedStretch:
    """A stretch with voice (periodic sound) that no transcribed word covers."""

    start: float
    end: float
    duration_s: float
    pitch_median_hz: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": round(self.start, 3),
            "end": round(self.end, 3),
            "duration_s": round(self.duration_s, 3),
            "pitch_median_hz": _round(self.pitch_median_hz, 1),
        }


@dataclass(frozen=True)
class AcousticMeasures:
    """What the recording itself says about delivery. Times are seconds from its start.

    Values that cannot be measured (no speech, too little voicing) are ``None``.
    """

    duration_s: float
    sample_rate: int
    speech_s: float  # time inside speech spans (pauses shorter than min_pause_s included)
    voiced_s: float  # time with voice (a pitch) inside speech spans
    speech_spans: tuple[tuple[float, float], ...]
    pauses: tuple[Pause, ...]  # every gap between speech spans, each at least min_pause_s
    long_pause_s: float  # the threshold ``long_pauses`` uses
    start_latency_s: float | None  # silence before speech starts
    end_silence_s: float | None  # silence after speech ends
    voiced_unworded: tuple[VoicedStretch, ...]
    volume_dbfs: float | None  # RMS level of the speaking frames
    volume_variation_db: float | None  # standard deviation of frame levels while speaking
    peak_dbfs: float  # highest sample
    noise_floor_dbfs: float  # level of the room when nobody speaks
    snr_db: float | None  # volume_dbfs - noise_floor_dbfs
    clipping_ratio: float  # share of samples at or beyond clip_level
    dc_offset: float  # mean sample value (a cheap microphone's bias); removed before measuring
    pitch_available: bool
    pitch_median_hz: float | None
    pitch_p10_hz: float | None
    pitch_p90_hz: float | None
    pitch_range_semitones: float | None  # 10th to 90th percentile of voiced F0
    pitch_stdev_semitones: float | None  # spread of voiced F0 around its median

    @property
    def has_speech(self) -> bool:
        return bool(self.speech_spans)

    @property
    def long_pauses(self) -> tuple[Pause, ...]:
        return tuple(p for p in self.pauses if p.duration_s >= self.long_pause_s)

    @property
    def longest_pause_s(self) -> float:
        return max((p.duration_s for p in self.pauses), default=0.0)

    def speech_within(self, start: float, end: float) -> float:
        """Seconds of speech between ``start`` and ``end``.

        Checks a word's timing against the audio: a first word the recogniser placed early
        over a silence has much less speech inside it than its duration.
        """
        return sum(max(0.0, min(end, b) - max(start, a)) for a, b in self.speech_spans)

    def speech_onset_after(self, time_s: float) -> float | None:
        """When speech is next heard at or after ``time_s`` (``time_s`` itself inside speech)."""
        for a, b in self.speech_spans:
            if b > time_s:
                return max(a, time_s)
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": ACOUSTICS_SCHEMA,
            "duration_s": round(self.duration_s, 3),
            "sample_rate": self.sample_rate,
            "speech_s": round(self.speech_s, 3),
            "voiced_s": round(self.voiced_s, 3),
            "speech_spans": [[round(a, 3), round(b, 3)] for a, b in self.speech_spans],
            "pauses": [p.to_dict() for p in self.pauses],
            "long_pause_s": self.long_pause_s,
            "long_pause_count": len(self.long_pauses),
            "longest_pause_s": round(self.longest_pause_s, 3),
            "start_latency_s": _round(self.start_latency_s, 3),
            "end_silence_s": _round(self.end_silence_s, 3),
            "voiced_unworded": [v.to_dict() for v in self.voiced_unworded],
            "volume_dbfs": _round(self.volume_dbfs, 2),
            "volume_variation_db": _round(self.volume_variation_db, 2),
            "peak_dbfs": round(self.peak_dbfs, 2),
            "noise_floor_dbfs": round(self.noise_floor_dbfs, 2),
            "snr_db": _round(self.snr_db, 2),
            "clipping_ratio": round(self.clipping_ratio, 6),
            "dc_offset": round(self.dc_offset, 6),
            "pitch_available": self.pitch_available,
            "pitch_median_hz": _round(self.pitch_median_hz, 1),
            "pitch_p10_hz": _round(self.pitch_p10_hz, 1),
            "pitch_p90_hz": _round(self.pitch_p90_hz, 1),
            "pitch_range_semitones": _round(self.pitch_range_semitones, 2),
            "pitch_stdev_semitones": _round(self.pitch_stdev_semitones, 2),
        }


def measure_audio(
    samples: npt.ArrayLike,
    sample_rate: int = 16000,
    words: Sequence[Word] = (),
    *,
    min_pause_s: float = 0.2,
    long_pause_s: float = 1.5,
    voiced_unworded_min_s: float = 0.25,
    frame_s: float = 0.03,
    hop_s: float = 0.01,
    noise_percentile: float = 10.0,
    speech_margin_db: float = 6.0,
    speech_below_peak_db: float = 30.0,
    min_speech_dbfs: float = -70.0,
    min_speech_span_s: float = 0.06,
    min_voiced_in_span_s: float = 0.04,
    min_voiced_share: float = 0.15,
    pre_emphasis: float = 0.97,
    word_pad_s: float = 0.1,
    voiced_gap_s: float = 0.1,
    clip_level: float = 0.99,
    pitch_floor_hz: float = 75.0,
    pitch_ceiling_hz: float = 500.0,
    hum_cutoff_hz: float = 60.0,
    min_pitch_voiced_s: float = 0.5,
) -> AcousticMeasures:
    """Measure speech, pauses, latency, voice without words, volume and pitch of one recording.

    ``samples`` is mono audio (float in [-1, 1] or integer PCM; a 2-D ``(frames, channels)``
    array is averaged to mono) at ``sample_rate`` Hz; any rate works, nothing is resampled.
    ``words`` are the transcript's words (may be empty: then ``voiced_unworded`` stays empty and
    pauses carry no word cross-check).

    Thresholds (the analyzer passes them from its thresholds file):

    - ``min_pause_s``: shortest silence counted as a pause; shorter gaps belong to the speech
      around them (200 ms, the common threshold for pauses in monologue).
    - ``long_pause_s``: pauses this long or longer are ``long_pauses``.
    - ``voiced_unworded_min_s``: shortest voiced stretch without a word that is reported
      (a dropped filler such as 음/어/um lasts a quarter second or more).
    - ``frame_s``, ``hop_s``: energy window length and step; ``hop_s`` is also the time
      resolution of every span and the pitch step.
    - ``noise_percentile``: the frame-level percentile taken as the room's noise floor
      (adaptive, so a quiet cheap microphone works as well as a studio one).
    - ``speech_margin_db``: a frame is speech when it is at least this much above the noise floor.
    - ``speech_below_peak_db``: ...and no more than this below the loud speech level (95th
      percentile of frame levels), so a room's echo after the last word is not counted as speech
      (30 dB keeps weak consonants, which sit next to louder vowels anyway).
    - ``min_speech_dbfs``: frames quieter than this are never speech, however quiet the room.
    - ``min_speech_span_s``: shorter bursts (clicks, taps) are not speech.
    - ``min_voiced_in_span_s``: a burst with less voice (pitch) than this is noise, not speech
      (a cough, a door, a fan starting).
    - ``min_voiced_share``: ...and a span less than this share voiced is noise too (rumble and
      wind make Praat hear a pitch now and then; speech is voiced about half the time or more).
    - ``pre_emphasis``: speech is told from silence on ``x[n] - pre_emphasis * x[n-1]``, which
      tells speech from the low-frequency noise the hum filter leaves; volume is measured without it.
    - ``word_pad_s``: a word covers its own time plus this much on both sides (word timestamps
      are only accurate to a few hundred milliseconds).
    - ``voiced_gap_s``: unvoiced breaks shorter than this inside a voiced stretch are bridged.
    - ``clip_level``: samples at or beyond this magnitude count as clipped.
    - ``pitch_floor_hz``, ``pitch_ceiling_hz``: the pitch search range (covers low male to
      high female voices).
    - ``hum_cutoff_hz``: everything at or below this is filtered out before measuring (and
      ``pitch_floor_hz`` and above kept), so 50/60 Hz mains hum, rumble and DC from a cheap
      microphone neither hide pauses nor the voice (0 turns the filter off).
    - ``min_pitch_voiced_s``: with less voiced speech than this, pitch is not available.
    """
    if sample_rate <= 0:
        raise ValueError(f"sample_rate must be positive, not {sample_rate}")
    x = _as_mono_float32(samples)
    n = int(x.size)
    duration = n / sample_rate
    hop = max(1, round(hop_s * sample_rate))
    hop_time = hop / sample_rate
    n_blocks = n // hop

    peak = max(float(x.max()), -float(x.min())) if n else 0.0
    clipped = int(np.count_nonzero(x >= clip_level) + np.count_nonzero(x <= -clip_level)) if n else 0
    dc = float(np.mean(x, dtype=np.float64)) if n else 0.0

    if 0 < hum_cutoff_hz < pitch_floor_hz:
        x = high_pass(x, sample_rate, stop_hz=hum_cutoff_hz, pass_hz=pitch_floor_hz)
    levels, emphasised = _frame_levels_db(x, hop, max(1, round(frame_s / hop_time)), n_blocks, pre_emphasis)
    f0_blocks = track_pitch(x, sample_rate, hop_time, n_blocks, floor_hz=pitch_floor_hz, ceiling_hz=pitch_ceiling_hz)
    voiced_blocks = f0_blocks > 0

    if n_blocks == 0:
        floor = LEVEL_FLOOR_DBFS
        active = np.zeros(0, dtype=bool)
    else:
        floor = float(np.percentile(emphasised, noise_percentile))
        loud = float(np.percentile(emphasised, 95.0))
        threshold = max(floor + speech_margin_db, loud - speech_below_peak_db, min_speech_dbfs)
        active = emphasised >= threshold

    # Speech spans in blocks: join gaps shorter than a pause, then drop clicks and unvoiced noise.
    runs = _runs(active)
    runs = _join_close(runs, max(0, math.ceil(min_pause_s / hop_time - 1e-9)))
    voiced_cum = np.concatenate(([0], np.cumsum(voiced_blocks, dtype=np.int64)))
    min_len = math.ceil(min_speech_span_s / hop_time - 1e-9)
    min_voiced = math.ceil(min_voiced_in_span_s / hop_time - 1e-9)
    if runs.size:
        lengths = runs[:, 1] - runs[:, 0]
        voiced_in = voiced_cum[runs[:, 1]] - voiced_cum[runs[:, 0]]
        keep = (lengths >= min_len) & (voiced_in >= max(1, min_voiced)) & (voiced_in >= min_voiced_share * lengths)
        runs = runs[keep]
    in_speech = _mask(runs, n_blocks)

    spans = tuple((float(a * hop_time), float(b * hop_time)) for a, b in runs)
    speaking = active & in_speech
    speech_s = float(sum(b - a for a, b in spans))
    voiced_speech = voiced_blocks & in_speech
    voiced_s = float(np.count_nonzero(voiced_speech) * hop_time)

    word_starts = np.array([w.start for w in words], dtype=np.float64)
    word_ends = np.array([w.end for w in words], dtype=np.float64)
    pauses = _pauses(spans, word_starts, word_ends, bool(len(words)))

    volume = variation = snr = None
    if np.any(speaking):
        speaking_levels = levels[speaking]
        volume = _power_db(float(np.mean(10.0 ** (speaking_levels / 10.0))))
        variation = float(np.std(speaking_levels))
    quiet = levels[~in_speech] if n_blocks else levels
    # The room's level is best read where nobody speaks; with too little of that, use the percentile.
    if quiet.size * hop_time >= 0.2:
        noise_floor = float(np.median(quiet))
    else:
        noise_floor = float(np.percentile(levels, noise_percentile)) if n_blocks else LEVEL_FLOOR_DBFS
    if volume is not None:
        snr = volume - noise_floor

    voiced_unworded: tuple[VoicedStretch, ...] = ()
    if len(words):
        covered = _cover(word_starts - word_pad_s, word_ends + word_pad_s, hop_time, n_blocks)
        stretches = _join_close(_runs(voiced_speech & ~covered), math.ceil(voiced_gap_s / hop_time - 1e-9))
        keep = (stretches[:, 1] - stretches[:, 0]) * hop_time >= voiced_unworded_min_s - 1e-9
        voiced_unworded = tuple(
            VoicedStretch(
                start=float(a * hop_time),
                end=float(b * hop_time),
                duration_s=float((b - a) * hop_time),
                pitch_median_hz=_median_positive(f0_blocks[a:b]),
            )
            for a, b in stretches[keep]
        )

    speech_f0 = f0_blocks[voiced_speech]
    pitch = summarise_pitch(speech_f0, speech_f0.size * hop_time >= min_pitch_voiced_s)

    return AcousticMeasures(
        duration_s=duration,
        sample_rate=int(sample_rate),
        speech_s=speech_s,
        voiced_s=voiced_s,
        speech_spans=spans,
        pauses=pauses,
        long_pause_s=long_pause_s,
        start_latency_s=spans[0][0] if spans else None,
        end_silence_s=max(0.0, duration - spans[-1][1]) if spans else None,
        voiced_unworded=voiced_unworded,
        volume_dbfs=volume,
        volume_variation_db=variation,
        peak_dbfs=_amplitude_db(peak),
        noise_floor_dbfs=noise_floor,
        snr_db=snr,
        clipping_ratio=clipped / n if n else 0.0,
        dc_offset=dc,
        **pitch,
    )


def _as_mono_float32(samples: npt.ArrayLike) -> npt.NDArray[np.float32]:
    """Float32 mono in [-1, 1]: integer PCM is scaled, channels averaged, NaN/inf zeroed."""
    x = np.asarray(samples)
    if x.ndim == 2:
        # (frames, channels) as soundfile/sounddevice give it; a (channels, frames) array is turned.
        if x.shape[0] < x.shape[1] and x.shape[0] <= 8:
            x = x.T
        x = x.mean(axis=1) if x.shape[1] > 1 else x[:, 0]
    elif x.ndim != 1:
        raise ValueError(f"samples must be a 1-D or (frames, channels) array, not {x.ndim}-D")
    if np.issubdtype(x.dtype, np.integer):
        info = np.iinfo(x.dtype)
        scale = float(max(-info.min, info.max))
        offset = (info.max + info.min + 1) / 2 if info.min == 0 else 0.0  # unsigned PCM is centred
        x = (x.astype(np.float32) - np.float32(offset)) / np.float32(scale)
    x = np.asarray(x, dtype=np.float32)
    if not np.all(np.isfinite(x)):
        x = np.nan_to_num(x, nan=0.0, posinf=1.0, neginf=-1.0)
    return x


def _frame_levels_db(
    x: npt.NDArray[np.float32], hop: int, blocks_per_frame: int, n_blocks: int, emphasis: float,
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Levels (dB) of a ``blocks_per_frame``-block window centred on every block, mean removed.

    Returns the plain level (what a listener hears as volume) and the level after pre-emphasis
    (``y[n] = x[n] - emphasis * x[n-1]``), which mutes rumble, hum and wind so speech stands out.
    Sums are taken per block in chunks, so memory stays near the input size; removing each
    window's own mean cancels DC offset and slow drift.
    """
    if n_blocks == 0:
        return np.zeros(0), np.zeros(0)
    stats = np.empty((4, n_blocks))  # sum, sum of squares; plain and emphasised
    for i in range(0, n_blocks, _BLOCKS_PER_CHUNK):
        j = min(n_blocks, i + _BLOCKS_PER_CHUNK)
        flat = x[i * hop : j * hop].astype(np.float64)
        previous = np.empty_like(flat)
        previous[0] = x[i * hop - 1] if i else 0.0
        previous[1:] = flat[:-1]
        previous *= -emphasis
        previous += flat
        for row, values in ((0, flat), (2, previous)):
            chunk = values.reshape(j - i, hop)
            stats[row, i:j] = chunk.sum(axis=1)
            stats[row + 1, i:j] = np.einsum("ij,ij->i", chunk, chunk)
    kernel = np.ones(blocks_per_frame)
    count = np.convolve(np.full(n_blocks, float(hop)), kernel, mode="same")
    levels = []
    for row in (0, 2):
        mean = np.convolve(stats[row], kernel, mode="same") / count
        variance = np.convolve(stats[row + 1], kernel, mode="same") / count - mean * mean
        levels.append(10.0 * np.log10(np.maximum(variance, _POWER_FLOOR)))
    return levels[0], levels[1]


def _runs(mask: npt.NDArray[np.bool_]) -> npt.NDArray[np.int64]:
    """(start, end) block index pairs of every run of True, end exclusive."""
    if mask.size == 0:
        return np.zeros((0, 2), dtype=np.int64)
    edges = np.diff(np.concatenate(([0], mask.view(np.int8), [0])))
    return np.stack((np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)), axis=1).astype(np.int64)


def _join_close(runs: npt.NDArray[np.int64], max_gap: int) -> npt.NDArray[np.int64]:
    """Merge runs separated by fewer than ``max_gap`` blocks."""
    if len(runs) < 2 or max_gap <= 0:
        return runs
    gaps = runs[1:, 0] - runs[:-1, 1]
    breaks = np.flatnonzero(gaps >= max_gap)
    starts = np.concatenate(([runs[0, 0]], runs[breaks + 1, 0]))
    ends = np.concatenate((runs[breaks, 1], [runs[-1, 1]]))
    return np.stack((starts, ends), axis=1)


def _mask(runs: npt.NDArray[np.int64], n_blocks: int) -> npt.NDArray[np.bool_]:
    marks = np.zeros(n_blocks + 1, dtype=np.int64)
    np.add.at(marks, runs[:, 0], 1)
    np.add.at(marks, runs[:, 1], -1)
    return np.cumsum(marks[:-1]) > 0


def _cover(starts: npt.NDArray[np.float64], ends: npt.NDArray[np.float64], hop_time: float,
           n_blocks: int) -> npt.NDArray[np.bool_]:
    """Blocks touched by any of the intervals."""
    first = np.clip(np.floor(starts / hop_time), 0, n_blocks).astype(np.int64)
    last = np.clip(np.ceil(ends / hop_time), 0, n_blocks).astype(np.int64)
    good = last > first
    return _mask(np.stack((first[good], last[good]), axis=1), n_blocks)


def _pauses(spans: tuple[tuple[float, float], ...], word_starts: npt.NDArray[np.float64],
            word_ends: npt.NDArray[np.float64], have_words: bool) -> tuple[Pause, ...]:
    pauses = []
    for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
        overlap = None
        if have_words:
            overlap = float(np.clip(np.minimum(word_ends, start) - np.maximum(word_starts, end), 0.0, None).sum())
        pauses.append(Pause(start=end, end=start, duration_s=start - end, word_overlap_s=overlap))
    return tuple(pauses)


def _median_positive(values: npt.NDArray[np.float64]) -> float | None:
    positive = values[values > 0]
    return float(np.median(positive)) if positive.size else None


def _power_db(power: float) -> float:
    return 10.0 * math.log10(max(float(power), _POWER_FLOOR))


def _amplitude_db(amplitude: float) -> float:
    return _power_db(amplitude * amplitude)


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)
