"""Voice and pitch (F0) per time block through Praat's autocorrelation tracker (praat-parselmouth),
and the high-pass filter that removes mains hum before anything is measured.

Hum (50/60 Hz) from a cheap microphone or a grounded laptop can be louder than quiet speech:
it makes the tracker lose the voice and hides pauses, so the sound is high-passed first with an
FIR filter applied by FFT in chunks (vectorised, memory near the input size).
"""

from __future__ import annotations

import logging
import math
from typing import Any

import numpy as np
import numpy.typing as npt
import parselmouth

log = logging.getLogger(__name__)

# FFT chunk for the high-pass filter (samples); bounds the working memory.
_FFT_SIZE = 1 << 16


def high_pass(x: npt.NDArray[np.float32], sample_rate: int, stop_hz: float,
              pass_hz: float) -> npt.NDArray[np.float32]:
    """Remove what lies at or below ``stop_hz`` (hum, rumble, DC), keep ``pass_hz`` and above.

    A Hamming-windowed sinc (about 53 dB of attenuation in the stop band) applied by
    overlap-add; linear phase and aligned, so times do not shift.
    """
    taps = int(math.ceil(3.3 * sample_rate / max(pass_hz - stop_hz, 1.0))) | 1
    if x.size < taps or stop_hz <= 0:
        return (x - np.float32(x.mean())) if x.size else x
    middle = (taps - 1) // 2
    rate = (stop_hz + pass_hz) / sample_rate
    low_pass = rate * np.sinc(rate * (np.arange(taps) - middle)) * np.hamming(taps)
    kernel = -low_pass / low_pass.sum()  # the low-pass passes DC with gain 1 ...
    kernel[middle] += 1.0  # ... so a delta minus it blocks DC and hum
    size = max(_FFT_SIZE, 1 << int(math.ceil(math.log2(4 * taps))))
    step = size - taps + 1
    response = np.fft.rfft(kernel, size).astype(np.complex64)  # float32 FFTs: faster, precise enough
    out = np.zeros(x.size + taps - 1, dtype=np.float32)
    for start in range(0, x.size, step):
        part = x[start : start + step]
        filtered = np.fft.irfft(np.fft.rfft(part, size) * response, size)[: part.size + taps - 1]
        out[start : start + filtered.size] += filtered
    return out[middle : middle + x.size]


def track_pitch(
    x: npt.NDArray[np.float32], sample_rate: int, hop_time: float, n_blocks: int, *,
    floor_hz: float, ceiling_hz: float,
) -> npt.NDArray[np.float64]:
    """F0 in Hz for each ``hop_time`` block (0 where there is no voice)."""
    f0 = np.zeros(n_blocks)
    # Praat needs at least three periods of the lowest pitch in a window.
    if n_blocks == 0 or x.size / sample_rate < 3.0 / floor_hz + hop_time:
        return f0
    sound = parselmouth.Sound(x, sampling_frequency=float(sample_rate))  # Praat keeps its own float64 copy
    try:
        pitch = sound.to_pitch_ac(time_step=hop_time, pitch_floor=floor_hz, pitch_ceiling=ceiling_hz)
    except parselmouth.PraatError as error:  # degenerate input: report no voice
        log.info("no pitch track: %s", error)
        return f0
    del sound
    frequencies = np.asarray(pitch.selected_array["frequency"], dtype=np.float64)
    index = np.floor(np.asarray(pitch.xs()) / hop_time).astype(np.int64)
    inside = (index >= 0) & (index < n_blocks)
    f0[index[inside]] = frequencies[inside]
    return f0


def summarise_pitch(f0: npt.NDArray[np.float64], available: bool) -> dict[str, Any]:
    """Median, 10th/90th percentiles, range and spread (semitones) of voiced F0 values."""
    if not available or f0.size == 0:
        return {
            "pitch_available": False, "pitch_median_hz": None, "pitch_p10_hz": None, "pitch_p90_hz": None,
            "pitch_range_semitones": None, "pitch_stdev_semitones": None,
        }
    median = float(np.median(f0))
    p10, p90 = (float(v) for v in np.percentile(f0, [10.0, 90.0]))
    semitones = 12.0 * np.log2(f0 / median)
    return {
        "pitch_available": True,
        "pitch_median_hz": median,
        "pitch_p10_hz": p10,
        "pitch_p90_hz": p90,
        "pitch_range_semitones": 12.0 * math.log2(p90 / p10),
        "pitch_stdev_semitones": float(np.sqrt(np.mean(semitones * semitones))),
    }
