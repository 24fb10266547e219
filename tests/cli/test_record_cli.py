"""``interview-app record``: records the chosen input; Ctrl+C stops and keeps a valid file."""

from __future__ import annotations

import os
import pty
import signal
import subprocess
import sys
import threading
import wave
from pathlib import Path

import pytest

import speechkit
from interview_app.audio.recorder import Recording
from interview_app.audio.wavstream import marker_path
from interview_app.errors import EXIT_DEVICE
from pulse import aligned_correlation, no_sound_server_env, pulse_server_for_subprocesses  # noqa: F401


def app(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "interview_app", *args], env=env, capture_output=True,
                          text=True, timeout=60)


@pytest.fixture(scope="module")
def answer_wav(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("answer")
    speech = speechkit.speak("My strength is that I keep calm when a deadline moves closer.", folder / "s.wav")
    return speechkit.concat([speechkit.silence(0.3, folder / "lead.wav"), speech], folder / "answer.wav")


@pytest.mark.audio
def test_ctrl_c_stops_and_keeps_a_valid_wav(pulse_server, answer_wav: Path, tmp_path: Path) -> None:  # noqa: ANN001
    out = tmp_path / "kiosk-check.wav"
    with subprocess.Popen([sys.executable, "-m", "interview_app", "record", str(out)], env=pulse_server.env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
        assert process.stderr is not None and process.stdout is not None
        first = process.stderr.readline()  # printed once the microphone is open
        assert first.startswith("recording from default"), first
        pulse_server.play(answer_wav)
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=30)
    assert process.returncode == 0, stderr
    assert "saved" in stdout and "stopped with Ctrl+C" in stdout
    assert "Traceback" not in stderr
    assert not marker_path(out).exists()
    with wave.open(str(out), "rb") as wav:  # a complete, valid header
        assert wav.getsampwidth() == 2 and wav.getnframes() > 0
    recording = Recording.from_file(out)
    assert recording.duration_s >= speechkit.duration(answer_wav)
    reference, _ = speechkit.read_wav(answer_wav)
    assert aligned_correlation(recording.samples_16k(), reference) > 0.99


@pytest.mark.audio
def test_seconds_limit_and_level_bar_on_a_terminal(pulse_server, answer_wav: Path, tmp_path: Path) -> None:  # noqa: ANN001
    out = tmp_path / "timed.wav"
    controller, terminal = pty.openpty()
    player = pulse_server.play_async(answer_wav)
    try:
        with subprocess.Popen([sys.executable, "-m", "interview_app", "record", str(out), "--seconds", "2"],
                              env=pulse_server.env, stdout=subprocess.PIPE, stderr=terminal, text=True) as process:
            os.close(terminal)
            shown = b""
            while True:
                try:
                    chunk = os.read(controller, 4096)
                except OSError:  # the terminal closed: the process is done
                    break
                if not chunk:
                    break
                shown += chunk
            stdout, _ = process.communicate(timeout=30)
    finally:
        os.close(controller)
        player.wait(30)
    assert process.returncode == 0
    assert Recording.from_file(out).duration_s == pytest.approx(2.0, abs=0.15)
    assert "saved" in stdout
    bars = shown.decode().count("dBFS")
    assert 3 <= bars <= 5 * 2 + 2  # a live meter, but only a few times a second


def test_no_microphone_exits_with_the_device_code_and_writes_nothing(tmp_path: Path) -> None:
    env = no_sound_server_env(tmp_path)
    out = tmp_path / "never.wav"
    done = app("record", str(out), "--seconds", "1", env=env)
    if done.returncode == 0:
        pytest.skip("this machine has a sound card of its own; the no-microphone case cannot be made here")
    assert done.returncode == EXIT_DEVICE
    assert done.stderr.strip().startswith("interview-app: no microphone found")
    assert len(done.stderr.strip().splitlines()) == 1
    assert not out.exists()


@pytest.mark.audio
def test_killed_mid_answer_the_next_start_recovers_it(pulse_server, answer_wav: Path,  # noqa: ANN001
                                                      tmp_path: Path) -> None:
    from interview_app.audio.recorder import recover_unfinished

    out = tmp_path / "recordings" / "answer.wav"
    long_answer = speechkit.concat([answer_wav, answer_wav], tmp_path / "long.wav")
    with subprocess.Popen([sys.executable, "-m", "interview_app", "record", str(out)], env=pulse_server.env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
        assert process.stderr is not None
        assert process.stderr.readline().startswith("recording from")
        player = pulse_server.play_async(long_answer)
        try:
            # Kill once the file holds three seconds of audio (as the OS sees it: no help from the process).
            grown = threading.Event()
            while out.stat().st_size < 44 + 3 * 2 * Recording.from_file(out).sample_rate:
                grown.wait(0.05)
            on_disk_before_kill = out.stat().st_size
            process.send_signal(signal.SIGKILL)
            process.wait(30)
        finally:
            player.kill()
            player.wait(30)
    assert marker_path(out).exists()

    assert recover_unfinished(out.parent) == [out]

    recording = Recording.from_file(out)
    assert recording.duration_s >= (on_disk_before_kill - 44) / (2 * recording.sample_rate) - 0.05
    reference, _ = speechkit.read_wav(long_answer)
    heard = recording.samples_16k()
    assert aligned_correlation(heard, reference[: len(heard)]) > 0.99


@pytest.mark.audio
def test_sound_server_gone_mid_answer_keeps_the_file_and_says_so(pulse_server, answer_wav: Path,  # noqa: ANN001
                                                                 tmp_path: Path) -> None:
    import pulse

    out = tmp_path / "lost.wav"
    with subprocess.Popen([sys.executable, "-m", "interview_app", "record", str(out)], env=pulse_server.env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
        assert process.stderr is not None
        assert process.stderr.readline().startswith("recording from")
        player = pulse_server.play_async(answer_wav)
        grown = threading.Event()
        while out.stat().st_size < 44 + 2 * Recording.from_file(out).sample_rate // 2:  # half a second
            grown.wait(0.05)
        pulse.stop(pulse_server)  # the microphone disappears mid-answer
        stdout, stderr = process.communicate(timeout=30)
        player.wait(30)
    assert process.returncode == EXIT_DEVICE
    assert "saved" in stdout
    assert "interview-app: the microphone stopped working during the recording" in stderr
    assert "Traceback" not in stderr
    assert not marker_path(out).exists()
    assert Recording.from_file(out).duration_s >= 0.5
