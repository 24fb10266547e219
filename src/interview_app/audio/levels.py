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


class SignalWatch:
    """Cuts a recording into 1/20 s meter blocks as it arrives, measures them and applies the warning rules."""

    def __init__(self, rate: int, channels: int) -> None:
        self.rate = rate
        self.channels = channels
        self.block = max(1, rate // LEVELS_PER_SECOND)
        self.pending = np.zeros((0, channels), dtype=np.float32)
        self.frames = 0
        self.zero_run = 0
        self.loudest_rms = SILENCE_DBFS
        self.any_signal = False
        self.came_alive = False  # sound arrived after a dead-input warning (a headset waking up)
        self.flags: list[str] = []
        self.raised: set[str] = set()

    def feed(self, pcm: bytes) -> list[Level]:
        samples = np.frombuffer(pcm, dtype="<i2").astype(np.float32).reshape(-1, self.channels) / 32768.0
        self.pending = np.concatenate([self.pending, samples]) if self.pending.size else samples
        readings = []
        while len(self.pending) >= self.block:
            readings.append(self._measure(self.pending[: self.block]))
            self.pending = self.pending[self.block:]
        return readings

    def flush(self) -> list[Level]:
        if len(self.pending) == 0:
            return []
        reading = self._measure(self.pending)
        self.pending = self.pending[:0]
        return [reading]

    def _measure(self, block: np.ndarray) -> Level:
        level = measure(block)
        self.frames += len(block)
        if level.clipping:
            self._raise("clipping")
        if not block.any():
            self.zero_run += len(block)
            if self.zero_run >= DEAD_INPUT_AFTER_S * self.rate:
                self._raise("dead_input")
        else:
            self.zero_run = 0
            self.any_signal = True
            if "dead_input" in self.raised:
                self.came_alive = True
        self.loudest_rms = max(self.loudest_rms, level.rms_dbfs)
        if (
            self.frames >= TOO_QUIET_AFTER_S * self.rate
            and self.any_signal
            and self.loudest_rms < TOO_QUIET_SPEECH_DBFS
        ):
            self._raise("too_quiet")
        return level

    def _raise(self, code: str) -> None:
        if code not in self.raised:
            self.raised.add(code)
            self.flags.append(code)

    def new_warnings(self) -> list[str]:
        flags, self.flags = self.flags, []
        return flags
