"""The interview screen: countdowns, recording, level meter, keyboard control, pause, warnings."""

from __future__ import annotations

import numpy as np
import pytest
from feed import WavFeed
from PySide6.QtCore import Qt

import speechkit
from interview_app.banks import get_bank
from interview_app.gui import i18n
from interview_app.gui.session_controller import ANSWERING, PAUSED, PREP, REVIEW

pytestmark = [pytest.mark.gui, pytest.mark.audio]


@pytest.fixture(scope="module")
def spoken(tmp_path_factory):
    folder = tmp_path_factory.mktemp("spoken")
    return speechkit.speak("I led a team of four students and we finished the project early.", folder / "a.wav")


def _start(window, *, mode="mock", language="ko", bank="ko-common", count=2):
    window.start_session({"language": language, "mode": mode, "bank": get_bank(bank), "count": count,
                          "random": False, "read_aloud": False})
    return window.controller


def test_mock_interview_counts_down_records_and_moves_on(qtbot, make_window, spoken):
    i18n.set_language("ko")
    feed = WavFeed([spoken])
    window = make_window(stream_factory=feed, prep_seconds=0.6, answer_seconds=1.5)
    controller = _start(window)
    screen = window.interview_screen
    assert window.current_screen() is screen
    assert screen.progress_label.text() == "질문 1 / 2"
    assert screen.question.text() == get_bank("ko-common").questions[0].text
    assert screen.phase.text() == "생각할 시간"
    assert screen.recording.text() == "녹음 대기"
    # The preparation countdown runs out by itself and the answer starts recording.
    qtbot.waitUntil(lambda: controller.state == ANSWERING, timeout=5000)
    assert screen.phase.text() == "답변 중"
    assert screen.recording.text() == "● 녹음 중"
    qtbot.waitUntil(lambda: screen.meter.rms_dbfs > -40, timeout=5000)  # the live level meter moves
    assert screen.remaining.text().startswith("남은 시간")
    # The answer time runs out: the next question comes, the first answer is on disk.
    qtbot.waitUntil(lambda: controller.index == 1 and controller.state == PREP, timeout=8000)
    assert screen.progress_label.text() == "질문 2 / 2"
    recorded = controller.session_dir / "answers" / "01.wav"
    assert recorded.is_file() and speechkit.duration(recorded) > 1.0


def test_space_starts_and_finishes_an_answer(qtbot, make_window, spoken):
    feed = WavFeed([spoken])
    window = make_window(stream_factory=feed, language="en")
    controller = _start(window, mode="practice", language="en", bank="en-common-behavioural")
    screen = window.interview_screen
    assert screen.phase.text() == "Preparation"
    assert screen.remaining.text() == ""  # practice: no time pressure
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    assert controller.state == ANSWERING
    qtbot.waitUntil(lambda: feed.all_delivered(1), timeout=5000)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: controller.state == REVIEW, timeout=5000)
    assert window.current_screen() is window.feedback_screen
    assert window.feedback_screen.retry.text() == "Try again"
    # Practice allows a retry of the same question.
    window.feedback_screen.retry.click()
    assert controller.state == PREP and controller.index == 0
    assert window.current_screen() is screen
    i18n.set_language("ko")


def test_escape_pauses_and_ending_needs_a_confirmation(qtbot, make_window, spoken):
    i18n.set_language("ko")
    window = make_window(stream_factory=WavFeed([spoken]), prep_seconds=30, answer_seconds=60)
    controller = _start(window)
    screen = window.interview_screen
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    assert controller.state == ANSWERING
    qtbot.keyClick(screen, Qt.Key.Key_Escape)
    assert controller.state == PAUSED
    assert screen.pause_panel.isVisible()
    assert screen.pause_text.text() == "일시정지했습니다. 계속할까요?"
    elapsed = screen.elapsed.text()
    qtbot.keyClick(screen, Qt.Key.Key_Space)  # Space does nothing while paused
    assert controller.state == PAUSED and screen.elapsed.text() == elapsed
    qtbot.keyClick(screen, Qt.Key.Key_Escape)  # Esc again continues
    assert controller.state == ANSWERING and not screen.pause_panel.isVisible()
    qtbot.keyClick(screen, Qt.Key.Key_Escape)
    screen.quit_button.click()
    assert screen.confirm_yes.isVisible()
    assert controller.state == PAUSED  # not ended until confirmed
    session_dir = controller.session_dir
    screen.confirm_yes.click()
    assert window.current_screen() is window.start_screen
    assert window.controller is None
    qtbot.waitUntil(lambda: not session_dir.exists(), timeout=5000)


def test_recorder_warnings_appear_on_the_interview_screen(qtbot, make_window):
    i18n.set_language("ko")
    square = np.tile(np.array([32767] * 20 + [-32768] * 20, dtype=np.int16), 16_000 // 40 * 2).reshape(-1, 1)
    window = make_window(stream_factory=WavFeed(frames=[square]))
    controller = _start(window, mode="practice")
    screen = window.interview_screen
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: screen.warning.isVisible(), timeout=5000)
    assert screen.warning.text() == "소리가 너무 커요. 마이크에서 조금 떨어져 주세요."
    assert screen.meter.clipping
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: controller.state == REVIEW, timeout=5000)


def test_quitting_before_a_slow_microphone_opens_leaves_nothing(qtbot, make_window, spoken):
    """The recorder opens the answer's file on its own thread; if the device is slow to open, that
    happens after the person has already quit and the session was removed. Its file must go too."""
    import threading

    feed = WavFeed([spoken])
    opening, awake = threading.Event(), threading.Event()

    def slow_device(**kwargs):
        opening.set()
        awake.wait(10)  # a USB headset waking up: it opens only once the person has quit
        return feed(**kwargs)

    i18n.set_language("ko")
    window = make_window(stream_factory=slow_device, prep_seconds=30, answer_seconds=60)
    controller = _start(window)
    screen = window.interview_screen
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    qtbot.waitUntil(opening.is_set, timeout=5000)
    qtbot.keyClick(screen, Qt.Key.Key_Escape)
    screen.quit_button.click()
    session_dir = controller.session_dir
    screen.confirm_yes.click()
    assert window.controller is None
    # The recorder has not even created the file yet; once it has started and stopped, nothing is left.
    with qtbot.waitSignal(window.recorder.stopped, timeout=10_000):
        awake.set()
    qtbot.waitUntil(lambda: not session_dir.exists(), timeout=5000)
