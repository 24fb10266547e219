"""``interview-app devices`` as café staff use it when setting up a kiosk."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from interview_app.errors import EXIT_DEVICE
from pulse import no_sound_server_env, pulse_server_for_subprocesses  # noqa: F401


def app(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "interview_app", *args], env=env, capture_output=True,
                          text=True, timeout=60)


@pytest.mark.audio
def test_lists_inputs_and_marks_the_one_used(pulse_server) -> None:  # noqa: ANN001
    done = app("devices", env=pulse_server.env)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert any(line.startswith("*") and "default" in line and "(system default)" in line for line in lines)
    listed = json.loads(app("devices", "--json", env=pulse_server.env).stdout)
    assert [d["name"] for d in listed if d["selected"]] == ["default"]
    assert all(d["channels"] >= 1 and d["default_samplerate"] > 0 for d in listed)


@pytest.mark.audio
def test_use_remembers_the_choice(pulse_server, private_data_dir: Path) -> None:  # noqa: ANN001
    done = app("devices", "--use", "pulse", env=pulse_server.env)
    assert done.returncode == 0, done.stderr
    assert "recordings will use: pulse" in done.stdout
    assert json.loads((private_data_dir / "settings.json").read_text())["input_device"] == "pulse"
    listed = json.loads(app("devices", "--json", env=pulse_server.env).stdout)
    assert [d["name"] for d in listed if d["selected"]] == ["pulse"]
    wrong = app("devices", "--use", "USB headset", env=pulse_server.env)
    assert wrong.returncode == EXIT_DEVICE
    assert wrong.stderr.strip().startswith("interview-app: no microphone called 'USB headset'")
    assert "default" in wrong.stderr and len(wrong.stderr.strip().splitlines()) == 1


def test_no_microphone_is_one_line_and_the_device_exit_code(tmp_path: Path) -> None:
    env = no_sound_server_env(tmp_path)
    done = app("devices", env=env)
    if done.returncode == 0:
        pytest.skip("this machine has a sound card of its own; the no-microphone case cannot be made here")
    assert done.returncode == EXIT_DEVICE
    assert done.stderr.strip().splitlines() == [
        "interview-app: no microphone found; plug in a microphone or headset and try again "
        "(you can still import an audio file as an answer)"
    ]
    assert "Traceback" not in done.stderr
