"""Run ``python -m interview_app`` as a person would, in a subprocess."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


@pytest.fixture
def cli(tmp_path):
    def run(*args: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "interview_app", *map(str, args)], capture_output=True,
                              text=True, timeout=timeout, cwd=tmp_path)

    return run


@pytest.fixture
def one_line_error():
    """Check that a run failed the documented way: one ``interview-app: ...`` line, an exit code."""
    return _assert_one_line_error


def _assert_one_line_error(result: subprocess.CompletedProcess[str], code: int, *words: str) -> None:
    assert result.returncode == code, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("interview-app: "), result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0]


@pytest.fixture(scope="session")
def answers(tmp_path_factory) -> dict[str, Path]:
    import speechkit

    folder = tmp_path_factory.mktemp("answers")
    first = speechkit.speak("I am a careful and patient person.", folder / "first.wav")
    second = folder / "other"
    second.mkdir()
    return {
        "first": first,
        "second": speechkit.convert(speechkit.speak("Teamwork matters to me, because good ideas come from many people.",
                                                    folder / "two.wav"),
                                    second / "first.flac", "-r", "44100", "-c", "2"),
        "silence": speechkit.silence(2, folder / "silence.wav"),
    }
