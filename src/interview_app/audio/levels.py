"""Signal levels in dBFS and the thresholds behind the recorder's and the mic check's warnings.

[J] marks a judgement to refine with recordings from real cafés; the values are gathered here so
they can be tuned in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SILENCE_DBFS = -120.0  # what an all-zero block reports (log of zero is -inf)
LEVELS_PER_SECOND = 20  # meter updates per second of audio
CLIP_FRACTION_OF_FULL_SCALE = 0.999  # a sample this close to full scale counts as clipped
CLIP_SAMPLES_PER_BLOCK = 3  # [J] clipped samples in one meter block that make it a clipping block
TOO_QUIET_SPEECH_DBFS = -42.0  # [J] loudest blocks below this: Whisper starts to miss words
TOO_QUIET_AFTER_S = 5.0  # [J] judge loudness only after this much audio (people pause before speaking)
DEAD_INPUT_AFTER_S = 2.0  # [J] this much exact digital silence means a dead or muted input
DEVICE_STALL_S = 2.0  # [J] no audio from the device for this long while recording: it is gone
NOISY_FLOOR_DBFS = -45.0  # [J] background louder than this is noisy (a fan, a café)
MIN_SNR_DB = 15.0  # [J] speech should stand this far above the background


@dataclass(frozen=True)
class Level:
    """One meter reading: RMS and peak of about 50 ms of audio, in dBFS."""

    rms_dbfs: float
    peak_dbfs: float
    clipping: bool


def to_dbfs(value: float) -> float:
    """Amplitude relative to full scale (1.0) in dB, floored at :data:`SILENCE_DBFS`."""
    if value <= 0.0:
        return SILENCE_DBFS
    return max(SILENCE_DBFS, 20.0 * float(np.log10(value)))


def measure(block: np.ndarray) -> Level:
    """The level of a block of float samples in [-1, 1] (any shape; all channels together)."""
    if block.size == 0:
        return Level(SILENCE_DBFS, SILENCE_DBFS, False)
    magnitude = np.abs(block)
    peak = float(magnitude.max())
    rms = float(np.sqrt(np.mean(np.square(block, dtype=np.float64))))
    clipped = int(np.count_nonzero(magnitude >= CLIP_FRACTION_OF_FULL_SCALE))
    return Level(round(to_dbfs(rms), 2), round(to_dbfs(peak), 2), clipped >= CLIP_SAMPLES_PER_BLOCK)


def block_levels(samples: np.ndarray, rate: int) -> list[Level]:
    """Meter readings over a whole signal, one per 1/20 s block (a short last block is kept)."""
    size = max(1, rate // LEVELS_PER_SECOND)
    return [measure(samples[start:start + size]) for start in range(0, len(samples), size)]
