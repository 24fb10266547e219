"""Nothing clipped on any screen: 1366x768 at the default text size, a 4K screen at 100 % with the
largest text setting, and a 4K laptop at 200 % (Qt scale factor 2, run in its own process)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from feed import WavFeed
from PySide6.QtWidgets import QApplication
from screen_tour import SCREENS, clipped, tour
from sessionkit import save_session

import speechkit
from interview_app.gui import i18n
from interview_app.gui.app import apply_look
from interview_app.storage.settings import Settings

pytestmark = pytest.mark.gui

HERE = Path(__file__).resolve().parent


@pytest.fixture
def look():
    """Apply a text size to the whole app for one test, then put the test default back."""
    app = QApplication.instance()
    font, sheet = app.font(), app.styleSheet()
    yield lambda scale: apply_look(app, scale)
    app.setStyleSheet(sheet)
    app.setFont(font)


@pytest.fixture
def sessions(tmp_path):
    older = save_session(created_at="2026-11-01T10:00:00+09:00", person="하늘",
                         scores={"delivery": 52, "structure": 41, "content": 60, "language": 70})
    newer = save_session(created_at="2026-11-20T10:00:00+09:00", person="하늘")
    voice = speechkit.speak("I led a team of four students and we finished early.", tmp_path / "v.wav")
    return older, newer, voice


def _every_screen(make_window, sessions, size, font_scale, languages=("ko", "en")):
    older, newer, voice = sessions
    found = {}
    for language in languages:
        window = make_window(Settings(mic_checked=True, ui_language=language, font_scale=font_scale),
                             stream_factory=WavFeed([voice]), prep_seconds=30, answer_seconds=90)
        window.resize(*size)
        for name in tour(window, language, older, newer, mic_check=False, quick=True):
            assert window.width() == size[0] and window.height() == size[1]
            found[f"{language} {name}"] = clipped(window, window.current_screen())
        window.abort_session()
    i18n.set_language("ko")
    assert len(found) == len(languages) * len(SCREENS)
    return {name: problems for name, problems in found.items() if problems}


def test_nothing_is_clipped_at_1366x768(make_window, sessions, look):
    look(1.0)
    assert _every_screen(make_window, sessions, (1366, 768), 1.0) == {}


def test_nothing_is_clipped_on_4k_at_100_percent_with_the_largest_text(make_window, sessions, look):
    look(2.5)  # the text-size setting's largest value
    assert _every_screen(make_window, sessions, (3840, 2160), 2.5) == {}


def test_the_check_finds_clipped_text(make_window, sessions, look):
    look(2.5)  # the largest text cannot fit a 1366x768 screen: the check must say so
    problems = _every_screen(make_window, sessions, (1366, 768), 2.5, languages=("ko",))
    assert "ko interview_prep" in problems and "ko start" in problems


def test_nothing_is_clipped_on_a_4k_laptop_at_200_percent(tmp_path):
    done = subprocess.run(
        [sys.executable, str(HERE / "make_screenshots.py"), "--check", "--no-files", "--size", "3840x2160",
         "--scale", "2", "--screens", ",".join(SCREENS)],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    line = next(line for line in done.stdout.splitlines() if line.startswith("CLIPPED "))
    report = json.loads(line.removeprefix("CLIPPED "))
    assert set(report) == {"ko", "en"} and all(set(screens) == set(SCREENS) for screens in report.values())
    assert {f"{lang} {name}": p for lang, screens in report.items() for name, p in screens.items() if p} == {}
