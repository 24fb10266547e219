"""The real audio path: PulseAudio null sink -> ALSA pulse plugin -> PortAudio -> the recorder."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import speechkit
from interview_app.audio.devices import list_input_devices
from interview_app.audio.recorder import Recorder

pytestmark = pytest.mark.audio


def aligned_correlation(recorded: np.ndarray, reference: np.ndarray) -> float:
    """Correlation of ``reference`` with the part of ``recorded`` it lines up with best."""
    n = len(recorded) + len(reference)
    spectrum = np.fft.rfft(recorded, n) * np.conj(np.fft.rfft(reference, n))
    lag = int(np.argmax(np.fft.irfft(spectrum, n)))
    if lag > n // 2:
        lag -= n
    a, b = (recorded[lag:], reference) if lag >= 0 else (recorded, reference[-lag:])
    m = min(len(a), len(b))
    return float(np.corrcoef(a[:m], b[:m])[0, 1])


def test_default_input_is_listed_with_a_readable_name(pulse_server) -> None:  # noqa: ANN001
    devices = list_input_devices()
    assert devices, "the sound server's input is not visible"
    assert devices[0].is_default
    assert all("hw:" not in d.name for d in devices)


def test_played_speech_comes_back_through_the_default_microphone(pulse_server, speech_wav: Path,  # noqa: ANN001
                                                               tmp_path: Path) -> None:
    played = speechkit.concat([speechkit.silence(0.5, tmp_path / "lead.wav"), speech_wav], tmp_path / "played.wav")
    recorder = Recorder(tmp_path)
    recorder.start()
    pulse_server.play(played)
    recording = recorder.stop()
    reference, _ = speechkit.read_wav(played)
    assert recording.duration_s >= speechkit.duration(played) - 0.5
    assert recording.warnings == ()
    assert aligned_correlation(recording.samples_16k(), reference) > 0.99
