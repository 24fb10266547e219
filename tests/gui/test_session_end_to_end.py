"""A whole three-question mock interview through the real pipeline, as the person sees it.

Real espeak-ng answers go through the recorder's stream factory (the microphone is the one thing
replaced), the real base model transcribes them in the background, the real analysis and report
run, and the report appears in the results view.
"""

from __future__ import annotations

import time

import pytest
from feed import WavFeed
from PySide6.QtCore import Qt

import speechkit
from interview_app.banks import get_bank
from interview_app.gui.session_controller import ANSWERING, PREP
from interview_app.storage.history import History

pytest.importorskip("interview_app.transcription.transcriber")
pytest.importorskip("interview_app.analysis.session")

pytestmark = [pytest.mark.gui, pytest.mark.model, pytest.mark.audio]

ANSWERS = (
    "I am a calm and careful person. In my last project I led a team of four students "
    "and we finished two weeks early.",
    "When our club lost thirty percent of its members, I surveyed one hundred people "
    "and we doubled the sign up rate.",
    "I want to join your company because I like building useful services. Thank you.",
)


@pytest.fixture(scope="module")
def spoken_answers(tmp_path_factory):
    folder = tmp_path_factory.mktemp("answers")
    return [speechkit.speak(text, folder / f"{n}.wav") for n, text in enumerate(ANSWERS, start=1)]


def test_three_question_mock_interview_ends_with_the_report(qtbot, make_window, spoken_answers, transcriber):
    bank = get_bank("en-common-behavioural")
    feed = WavFeed(spoken_answers)
    window = make_window(stream_factory=feed, language="en", prep_seconds=0.5, answer_seconds=30)
    window.pipeline.adopt_model(transcriber, "base")

    start = window.start_screen
    start.language.setCurrentIndex(start.language.findData("en"))
    start.bank.setCurrentIndex(start.bank.findData(bank, Qt.ItemDataRole.UserRole))
    assert start.bank.currentData().id == bank.id
    start.count.setValue(3)
    start.mock.setChecked(True)
    assert start.begin.text() == "Start interview"
    assert not window.pipeline.worker.analysis_running  # the idle app holds no analysis process
    start.begin.click()
    # The session's analysis process starts with the session, ahead of the first answer.
    qtbot.waitUntil(lambda: window.pipeline.worker.analysis_running, timeout=5000)
    pool = window.pipeline.worker._analysis_pool
    qtbot.waitUntil(lambda: bool(pool._processes), timeout=5000)
    helpers = list(pool._processes.values())
    assert all(p.is_alive() for p in helpers)

    screen = window.interview_screen
    controller = window.controller
    for number in range(1, 4):
        qtbot.waitUntil(lambda n=number: controller.index == n - 1 and controller.state == PREP, timeout=10_000)
        assert screen.progress_label.text() == f"Question {number} of 3"
        assert screen.question.text() == bank.questions[number - 1].text
        assert screen.phase.text() == "Preparation"
        # The short preparation runs out and recording starts by itself.
        qtbot.waitUntil(lambda: controller.state == ANSWERING, timeout=5000)
        assert screen.recording.text() == "● Recording"
        qtbot.waitUntil(lambda n=number: feed.all_delivered(n), timeout=10_000)
        qtbot.keyClick(screen, Qt.Key.Key_Space)  # "done"
        if number > 1:
            # The earlier answers are analysed in the background while the person goes on.
            assert controller.results or screen.background.text().startswith("Analysing earlier answers")
    last_answer_done = time.monotonic()

    # Processing is shown if anything is left, then the report.
    qtbot.waitUntil(lambda: window.current_screen() is window.results_screen, timeout=90_000)
    with qtbot.waitSignal(window.results_screen.report_loaded, timeout=30_000):
        pass
    seconds_to_report = time.monotonic() - last_answer_done
    print(f"\nreport shown {seconds_to_report:.1f} s after the last answer")
    box = {}
    window.results_screen.view.page().toPlainText(lambda text: box.setdefault("text", text))
    qtbot.waitUntil(lambda: "text" in box, timeout=10_000)
    report_text = box["text"]
    for question in bank.questions[:3]:
        assert question.text in report_text
    assert "team" in report_text.lower() and "survey" in report_text.lower()  # the transcribed words
    assert len(window.results_screen.play_buttons) == 3
    # Every answer was analysed: the session's analysis process has gone, before the report opened.
    assert not window.pipeline.worker.analysis_running
    assert not any(p.is_alive() for p in helpers)

    # The session is in the history with its recordings and transcripts.
    rows = History().list_sessions()
    assert len(rows) == 1 and rows[0].bank_id == bank.id and rows[0].mode == "mock"
    folder = rows[0].folder
    assert sorted(p.name for p in (folder / "answers").glob("*.wav")) == ["01.wav", "02.wav", "03.wav"]
    assert sorted(p.name for p in (folder / "transcripts").glob("*.json")) == ["01.json", "02.json", "03.json"]
    assert all(v is not None for v in rows[0].dimensions.values())
