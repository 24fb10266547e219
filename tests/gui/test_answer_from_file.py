"""No microphone: the interview says so, stays usable, and an audio file can be the answer."""

from __future__ import annotations

import pytest

import speechkit
from interview_app.audio.errors import NoMicrophoneError
from interview_app.banks import get_bank
from interview_app.gui import i18n
from interview_app.gui.session_controller import ANSWERING, PREP

pytestmark = pytest.mark.gui


def _no_microphone(**_kwargs):
    raise NoMicrophoneError()


def _start(window):
    window.start_session({"language": "ko", "mode": "mock", "bank": get_bank("ko-common"), "count": 2,
                          "random": False, "read_aloud": False})
    return window.controller


def test_without_a_microphone_an_audio_file_answers_the_question(qtbot, make_window, tmp_path):
    i18n.set_language("ko")
    window = make_window(stream_factory=_no_microphone, prep_seconds=30, answer_seconds=60)
    controller = _start(window)
    screen = window.interview_screen
    assert screen.use_file.isVisible() and screen.use_file.text() == "녹음 파일로 답하기"

    # Trying to record says there is no microphone, and goes back to preparation (nothing is recorded).
    controller.toggle()
    qtbot.waitUntil(lambda: screen.warning.isVisible(), timeout=5000)
    assert "마이크" in screen.warning.text()
    qtbot.waitUntil(lambda: controller.state == PREP, timeout=5000)
    assert screen.use_file.isVisible()

    # The person picks a recording instead: it becomes answer 1 and the next question comes.
    answer = speechkit.convert(
        speechkit.speak("I organised the club budget and cut costs by ten percent.", tmp_path / "a.wav"),
        tmp_path / "answer.flac",
    )
    screen.answer_with_file(str(answer))
    assert controller.index == 1 and controller.state == PREP
    kept = controller.session_dir / "answers" / "01.wav"
    spoken_s = speechkit.duration(tmp_path / "a.wav")
    assert kept.is_file() and speechkit.duration(kept) == pytest.approx(spoken_s, abs=0.05)
    assert screen.progress_label.text() == "질문 2 / 2"


def test_a_file_that_is_not_audio_is_said_in_plain_words(qtbot, make_window, tmp_path):
    i18n.set_language("ko")
    window = make_window(stream_factory=_no_microphone, prep_seconds=30, answer_seconds=60)
    controller = _start(window)
    broken = tmp_path / "answer.wav"
    broken.write_bytes(b"this is not a recording")
    window.interview_screen.answer_with_file(str(broken))
    assert window.interview_screen.warning.isVisible()
    assert "answer.wav" in window.interview_screen.warning.text()
    assert controller.index == 0 and controller.state == PREP
    assert controller.state != ANSWERING
