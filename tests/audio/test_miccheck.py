"""The microphone check tells a person, in plain words, whether their set-up is good enough."""

from __future__ import annotations

from pathlib import Path

import pytest
import sounddevice as sd
from fakemic import FakeMicrophone
from soxkit import digital_silence, mix, sox_effect

import speechkit
from interview_app.audio import devices
from interview_app.audio.miccheck import check_microphone, play_back
from interview_app.audio.recorder import Recorder
from pulse import aligned_correlation


@pytest.fixture(scope="module")
def check_speech(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four seconds: half a second of room silence, then speech."""
    folder = tmp_path_factory.mktemp("check")
    speech = speechkit.speak("Hello, I am checking my microphone before the interview starts.", folder / "s.wav")
    return speechkit.concat([speechkit.silence(0.5, folder / "lead.wav"), speech], folder / "check.wav")


def run_check(wav: Path, tmp_path: Path):  # noqa: ANN201
    return check_microphone(3, stream_factory=FakeMicrophone(wav), out_dir=tmp_path)


def test_clear_voice_in_a_quiet_room_is_ok(check_speech: Path, tmp_path: Path) -> None:
    result = run_check(check_speech, tmp_path)
    assert result.verdict == "ok", result
    assert result.snr_db > 30 and -35 < result.speech_dbfs < -3
    assert result.recording is not None and result.recording.duration_s >= 3
    assert abs(len(result.levels) - 20 * result.recording.duration_s) <= 2


def test_background_noise_is_measured_from_the_quiet_part(check_speech: Path, tmp_path: Path) -> None:
    noise = speechkit.noise(speechkit.duration(check_speech), tmp_path / "n.wav", amplitude=0.3)
    result = run_check(mix(check_speech, noise, tmp_path / "noisy.wav"), tmp_path)
    assert result.verdict == "noisy"
    assert result.noise_floor_dbfs > -45
    assert "noisy" in result.message and "소음" in result.message_ko


def test_whisper_is_too_quiet(check_speech: Path, tmp_path: Path) -> None:
    result = run_check(sox_effect(check_speech, tmp_path / "quiet.wav", "vol", "0.004"), tmp_path)
    assert result.verdict == "too_quiet"
    assert "closer" in result.message


def test_shouting_into_the_microphone_clips(check_speech: Path, tmp_path: Path) -> None:
    result = run_check(sox_effect(check_speech, tmp_path / "loud.wav", "gain", "20"), tmp_path)
    assert result.verdict == "clipping"
    assert result.peak_dbfs > -0.1


def test_muted_or_refused_input_is_dead(tmp_path: Path) -> None:
    result = run_check(digital_silence(4, tmp_path / "dead.wav"), tmp_path)
    assert result.verdict == "dead"
    assert "muted" in result.message


def test_no_microphone_is_a_verdict_not_a_crash(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(devices, "_query_sounddevice", lambda: ([], None))
    result = check_microphone(3, out_dir=tmp_path)
    assert result.verdict == "no_device" and result.error_code == "no_microphone"
    assert "plug in a microphone" in result.message and result.recording is None


def test_playback_without_speakers_says_so(check_speech: Path, tmp_path: Path) -> None:
    recording = run_check(check_speech, tmp_path).recording
    assert recording is not None

    def no_output_device(**_: object) -> None:
        raise sd.PortAudioError("Error querying device -1")

    result = play_back(recording, output_stream_factory=no_output_device)
    assert not result.played and result.code == "no_output_device"
    assert "headphones" in result.message and "recording itself is fine" in result.message


@pytest.mark.audio
def test_check_and_play_back_through_the_sound_server(pulse_server, check_speech: Path,  # noqa: ANN001
                                                      tmp_path: Path) -> None:
    player = pulse_server.play_async(check_speech)
    try:
        result = check_microphone(3, out_dir=tmp_path / "check")
    finally:
        player.wait(30)
    assert result.verdict == "ok", result
    assert result.recording is not None

    # Play the check back into the sink and listen on its monitor: it is what was recorded.
    listener = Recorder(tmp_path / "listen")
    listener.start()
    played = play_back(result.recording)
    heard = listener.stop()
    assert played.played, played.message
    assert aligned_correlation(heard.samples_16k(), result.recording.samples_16k()) > 0.95
