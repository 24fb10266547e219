"""Start screen (language, question set, count, mode) and the microphone check."""

from __future__ import annotations

import numpy as np
import pytest
from feed import WavFeed

import speechkit
from interview_app.gui import i18n
from interview_app.storage.settings import Settings

pytestmark = pytest.mark.gui


def test_choosing_english_switches_the_interface_and_the_question_sets(make_window):
    window = make_window()
    start = window.start_screen
    assert start.begin.text() == "면접 시작"
    korean_sets = [start.bank.itemData(i).id for i in range(start.bank.count())]
    assert "ko-common" in korean_sets and all(b.startswith("ko-") for b in korean_sets)
    start.language.setCurrentIndex(start.language.findData("en"))
    assert i18n.language() == "en"
    assert start.begin.text() == "Start interview"
    assert start.title.text() == "Ready to practise an interview?"
    assert [start.bank.itemData(i).id for i in range(start.bank.count())] == ["en-common-behavioural"]
    assert start.count.maximum() == 17  # no more questions than the set has
    assert window.windowTitle() == "Interview Coach"
    start.language.setCurrentIndex(start.language.findData("ko"))
    assert window.windowTitle() == "면접 코치"


def test_first_launch_opens_the_microphone_check(make_window):
    window = make_window(Settings(mic_checked=False))
    assert window.current_screen() is window.mic_screen
    window.mic_screen.finish.click()
    assert window.current_screen() is window.start_screen
    assert Settings.load().mic_checked  # not asked again at the next launch


@pytest.mark.audio
def test_first_launch_runs_the_microphone_check_by_itself(qtbot, make_window, tmp_path):
    i18n.set_language("en")
    voice = speechkit.speak("Hello, I am preparing for an interview today.", tmp_path / "hello.wav")
    window = make_window(Settings(mic_checked=False, ui_language="en"), stream_factory=WavFeed([voice]),
                         language="en")
    window.show()
    assert window.current_screen() is window.mic_screen
    assert window.mic_screen.verdict.text().startswith("First launch: the microphone check starts by itself")
    assert not window.mic_screen.running
    with qtbot.waitSignal(window.mic_screen.finished_check, timeout=20_000) as verdict:
        pass  # no click: it starts on its own
    assert verdict.args == ["ok"]
    assert window.mic_screen.verdict.property("verdict") == "ok"  # shown in green
    i18n.set_language("ko")


def test_first_launch_check_does_not_start_once_the_person_moved_on(qtbot, make_window):
    window = make_window(Settings(mic_checked=False))
    window.show()
    window.mic_screen.finish.click()  # straight to the start screen
    checks = []
    window.mic_screen.finished_check.connect(checks.append)
    qtbot.wait(3500)
    assert not window.mic_screen.running and checks == []


@pytest.mark.audio
def test_microphone_check_hears_a_voice(qtbot, make_window, tmp_path):
    i18n.set_language("en")
    voice = speechkit.speak("Hello, I am preparing for an interview today.", tmp_path / "hello.wav")
    window = make_window(stream_factory=WavFeed([voice]), language="en")
    window.show_screen(window.mic_screen)
    levels = []
    window.mic_screen.relay.level.connect(lambda rms, _peak, _clip: levels.append(rms))
    with qtbot.waitSignal(window.mic_screen.finished_check, timeout=20_000) as verdict:
        window.mic_screen.start.click()
    assert verdict.args == ["ok"]
    assert "works well" in window.mic_screen.verdict.text()
    assert len(levels) > 20 and max(levels) > -35  # the meter moved with the voice
    i18n.set_language("ko")


@pytest.mark.audio
def test_microphone_check_says_when_it_is_too_quiet(qtbot, make_window):
    i18n.set_language("ko")
    whisper = (np.sin(np.arange(16_000 * 5) / 16_000 * 2 * np.pi * 220) * 60).astype(np.int16).reshape(-1, 1)
    window = make_window(stream_factory=WavFeed(frames=[whisper]))
    window.show_screen(window.mic_screen)
    with qtbot.waitSignal(window.mic_screen.finished_check, timeout=20_000) as verdict:
        window.mic_screen.start.click()
    assert verdict.args[0] in ("too_quiet", "dead")
    assert window.mic_screen.verdict.property("verdict") == "problem"  # shown in red
    assert "마이크" in window.mic_screen.verdict.text()
