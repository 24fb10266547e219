"""The real audio path: PulseAudio null sink -> ALSA pulse plugin -> PortAudio -> the recorder."""

from __future__ import annotations

from pathlib import Path

import pytest

import speechkit
from interview_app.audio.devices import list_input_devices
from interview_app.audio.recorder import Recorder
from pulse import aligned_correlation

pytestmark = pytest.mark.audio


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
