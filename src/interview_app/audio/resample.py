"""Sample-rate conversion with a proper low-pass filter (numpy only).

A polyphase windowed-sinc (Kaiser) resampler for any rational ratio: 48 kHz and 44.1 kHz
microphones are brought to the 16 kHz Whisper expects without aliasing.
"""

from __future__ import annotations

from functools import lru_cache
from math import gcd

import numpy as np

_ZERO_CROSSINGS = 16  # filter half-length, in zero crossings of the lower rate's sinc
_ROLLOFF = 0.94  # pass band edge as a fraction of the lower Nyquist frequency
_KAISER_BETA = 8.6  # about 80 dB stop-band attenuation
_CHUNK = 1 << 21  # input samples copied per matrix product (bounds memory)


@lru_cache(maxsize=8)
def _phase_filters(up: int, down: int) -> tuple[np.ndarray, int]:
    """For each of ``up`` output phases, the taps over input samples floor(t)-J .. floor(t)+J."""
    cutoff = 0.5 * min(1.0, up / down) * _ROLLOFF  # cycles per input sample
    half_width = _ZERO_CROSSINGS / (2.0 * cutoff)
    reach = int(np.ceil(half_width))
    offsets = np.arange(-reach, reach + 2)  # input sample index relative to floor(t)
    phases = np.arange(up)[:, None] / up  # fractional part of t for each phase
    distance = phases - offsets[None, :]  # t - i
    window = np.kaiser(2 * 4096 + 1, _KAISER_BETA)
    position = np.clip(distance / half_width, -1.0, 1.0)
    taper = np.interp(position, np.linspace(-1.0, 1.0, window.size), window)
    taper[np.abs(distance) > half_width] = 0.0
    taps = 2.0 * cutoff * np.sinc(2.0 * cutoff * distance) * taper
    taps /= taps.sum(axis=1, keepdims=True)  # unity gain at DC for every phase
    return taps.astype(np.float32), reach


@lru_cache(maxsize=8)
def _period_matrix(up: int, down: int) -> np.ndarray:
    """Taps for one period of ``up`` outputs, as a (span, up) matrix over the inputs that period reads.

    Output ``p + up*m`` reads inputs from ``down*m + (p*down)//up`` on, with the taps of phase
    ``(p*down) % up``; one matrix product then computes a whole period from one input slice.
    """
    taps, _ = _phase_filters(up, down)
    width = taps.shape[1]
    starts = np.arange(up) * down // up
    matrix = np.zeros((int(starts[-1]) + width, up), dtype=np.float32)
    for position, start in enumerate(starts):
        matrix[start:start + width, position] = taps[position * down % up]
    return matrix


def resample(samples: np.ndarray, from_rate: int, to_rate: int) -> np.ndarray:
    """Resample mono float samples from ``from_rate`` to ``to_rate`` (returns float32)."""
    samples = np.asarray(samples, dtype=np.float32)
    if from_rate == to_rate or samples.size == 0:
        return samples.copy()
    divisor = gcd(int(from_rate), int(to_rate))
    up, down = int(to_rate) // divisor, int(from_rate) // divisor
    _, reach = _phase_filters(up, down)
    matrix = _period_matrix(up, down)
    span = matrix.shape[0]
    out_length = int(np.ceil(samples.size * up / down))
    periods = -(-out_length // up)
    padded = np.zeros(down * periods + span, dtype=np.float32)
    padded[reach:reach + samples.size] = samples
    rows = np.lib.stride_tricks.as_strided(
        padded, shape=(periods, span), strides=(down * padded.itemsize, padded.itemsize), writeable=False
    )
    out = np.empty((periods, up), dtype=np.float32)
    step = max(1, _CHUNK // span)  # periods per product (bounds the copy of overlapping rows)
    for first in range(0, periods, step):
        out[first:first + step] = rows[first:first + step] @ matrix
    return out.reshape(-1)[:out_length]
