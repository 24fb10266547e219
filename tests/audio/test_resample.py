"""Bringing a microphone's rate to Whisper's 16 kHz keeps the voice and lets nothing fold back."""

from __future__ import annotations

import numpy as np
import pytest

from interview_app.audio.resample import resample


def tone(frequency: float, rate: int, seconds: float = 1.0) -> np.ndarray:
    return np.sin(2 * np.pi * frequency * np.arange(int(rate * seconds)) / rate).astype(np.float32)


@pytest.mark.parametrize("rate", [48_000, 44_100, 32_000, 22_050, 8_000])
def test_voice_band_tone_comes_through_unchanged(rate: int) -> None:
    out = resample(tone(1000, rate, 2.0), rate, 16_000)
    assert len(out) == 32_000
    expected = tone(1000, 16_000, 2.0)
    inner = slice(500, -500)  # away from the edges
    assert np.max(np.abs(out[inner] - expected[inner])) < 1e-3


@pytest.mark.parametrize("rate", [48_000, 44_100])
def test_tones_above_8khz_do_not_alias_into_the_voice_band(rate: int) -> None:
    out = resample(tone(10_000, rate, 2.0), rate, 16_000)  # would fold back to 6 kHz
    inner = out[500:-500]
    assert 20 * np.log10(np.sqrt(np.mean(inner**2)) / np.sqrt(0.5)) < -60


def test_same_rate_and_empty_input() -> None:
    signal = tone(440, 16_000)
    assert np.array_equal(resample(signal, 16_000, 16_000), signal)
    assert resample(np.zeros(0, np.float32), 48_000, 16_000).size == 0
