"""Real test audio for the recorder, made once per run with espeak-ng and sox."""

from __future__ import annotations

from pathlib import Path

import pytest

import speechkit

SENTENCE = (
    "In my last internship I reduced the report preparation time by forty percent "
    "by automating the weekly data collection."
)


@pytest.fixture(scope="session")
def speech_wav(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About six seconds of English speech, 16 kHz mono."""
    folder = tmp_path_factory.mktemp("speech")
    return speechkit.speak(SENTENCE, folder / "speech.wav")


@pytest.fixture(scope="session")
def speech_wav_48k(speech_wav: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same speech at 48 kHz stereo, as many laptop microphones deliver it."""
    folder = tmp_path_factory.mktemp("speech48")
    return speechkit.convert(speech_wav, folder / "speech48.wav", "-r", "48000", "-c", "2")



@pytest.fixture
def pulse_server(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    """A private PulseAudio null-sink server that this process's PortAudio records from."""
    import pulse
    from interview_app.audio.devices import rescan

    try:
        server = pulse.start(tmp_path_factory.mktemp("pulse"))
    except pulse.PulseUnavailable as missing:
        pytest.skip(str(missing))
    try:
        for name, value in server.client_env.items():
            monkeypatch.setenv(name, value)
        rescan()
        yield server
    finally:
        pulse.stop(server)
        monkeypatch.undo()
        rescan()
