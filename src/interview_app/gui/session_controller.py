"""The interview flow as a state machine, independent of any widget.

States: ``prep`` (question shown, countdown to the answer), ``answering`` (recording),
``review`` (practice only: feedback on the last answer, retry or next), ``paused``,
``finishing`` (last answer given, waiting for the report), ``done`` and ``aborted``.

Mock mode counts down the preparation and the answer and moves on by itself, with no retries.
Practice mode has no time pressure: the person starts and stops each answer and may retry it.
While the question is read aloud the preparation clock is held (``hold_prep``); it starts from
zero when the reading ends (``release_prep``), as in an interview booth that reads the question.
"""

from __future__ import annotations

import contextlib
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from interview_app.gui import services
from interview_app.gui.i18n import tr
from interview_app.gui.qtfix import emit
from interview_app.gui.services import QuestionView
from interview_app.gui.workers import Pipeline, RecorderBridge

log = logging.getLogger(__name__)

MOCK, PRACTICE = "mock", "practice"
PREP, ANSWERING, REVIEW, PAUSED, FINISHING, DONE, ABORTED = (
    "prep", "answering", "review", "paused", "finishing", "done", "aborted")


# Recorder failures that mean no answer is being recorded at all (the microphone never opened).
_CANNOT_RECORD = frozenset({"no_microphone", "mic_permission", "device_not_found", "device_open_failed",
                            "start_failed"})


@dataclass
class SessionPlan:
    """What the start screen chose."""

    language: str
    mode: str
    questions: list[QuestionView]
    bank: Any = None
    model: str = "base"
    ui_language: str = "ko"
    blind_hiring: bool = False
    prep_seconds: float | None = None  # overrides the bank's timings (tests, café settings)
    answer_seconds: float | None = None
    person: str | None = None  # a name or nickname: groups a person's sessions for progress over time

    @property
    def bank_id(self) -> str | None:
        return getattr(self.bank, "id", None)

    def prep_for(self, question: QuestionView) -> float:
        return self.prep_seconds if self.prep_seconds is not None else question.prep_seconds

    def answer_for(self, question: QuestionView) -> float:
        return self.answer_seconds if self.answer_seconds is not None else question.answer_seconds


class SessionController(QObject):
    state_changed = Signal(str)
    question_shown = Signal(int, object)  # 0-based index, QuestionView
    tick = Signal(float, float)  # elapsed, remaining (remaining < 0: no limit)
    answer_recorded = Signal(int, str)
    answer_analysed = Signal(int, object)
    answer_failed = Signal(int, str)
    background = Signal(int, int)  # answers analysed, answers recorded
    report_ready = Signal(str)
    failed = Signal(str)
    prep_hold = Signal(int)  # 1: the preparation waits for the question to be read aloud; 0: it runs

    TICK_MS = 100

    def __init__(self, plan: SessionPlan, pipeline: Pipeline, recorder: RecorderBridge,
                 session_dir: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.pipeline = pipeline
        self.recorder = recorder
        self.session_dir = session_dir or services.new_session_dir()
        self.state = ""
        self.index = -1
        self.results: dict[int, dict[str, Any]] = {}
        self.recorded: set[int] = set()
        self._phase_started = 0.0
        self._paused_at = 0.0
        self._state_before_pause = ""
        self._waiting_stop = False
        self.prep_held = False
        self._timer = QTimer(self)
        self._timer.setInterval(self.TICK_MS)
        self._timer.timeout.connect(self._on_tick)
        self._connections = [
            (pipeline.answer_done, self._on_answer_done),
            (pipeline.answer_failed, self._on_answer_failed),
            (pipeline.report_ready, self._on_report_ready),
            (pipeline.report_failed, self._on_report_failed),
            (recorder.stopped, self._on_recording_stopped),
            (recorder.failed, self._on_recorder_failed),
        ]
        for signal, slot in self._connections:
            signal.connect(slot)

    # --- public actions -------------------------------------------------------------------
    @property
    def question(self) -> QuestionView:
        return self.plan.questions[self.index]

    @property
    def total(self) -> int:
        return len(self.plan.questions)

    def start(self) -> None:
        self.pipeline.begin_session(self.plan.language)
        self._timer.start()
        self._show_question(0)

    def toggle(self) -> None:
        """Space: start the answer during preparation, finish it while answering."""
        if self.state == PREP:
            self.begin_answer()
        elif self.state == ANSWERING:
            self.finish_answer()

    def hold_prep(self) -> None:
        """Keep the preparation clock at zero (the question is being read aloud)."""
        if self.state in (DONE, ABORTED, FINISHING):
            return
        self.prep_held = True
        emit(self.prep_hold, 1)

    def release_prep(self) -> None:
        """The reading ended: the preparation starts now (or when a pause during the reading ends)."""
        if not self.prep_held:
            return
        self.prep_held = False
        now = time.monotonic()
        if self.state == PREP:
            self._phase_started = now
        elif self.state == PAUSED and self._state_before_pause == PREP:
            self._phase_started = self._paused_at  # resume() adds the pause: prep starts on resuming
        emit(self.prep_hold, 0)
        self._on_tick()

    def begin_answer(self) -> None:
        if self.state != PREP:
            return
        self.prep_held = False  # answering before the reading ended
        path = services.answer_path(self.session_dir, self.index + 1)
        self.recorder.start(path)
        self.pipeline.begin_answer({"index": self.index + 1, "wav": str(path), "question": self.question,
                                    "language": self.plan.language, "model": self.plan.model})
        self._set_state(ANSWERING)

    def finish_answer(self) -> None:
        if self.state != ANSWERING or self._waiting_stop:
            return
        self._waiting_stop = True
        self.recorder.stop()

    def retry(self) -> None:
        if self.plan.mode != PRACTICE or self.state != REVIEW:
            return
        self.results.pop(self.index + 1, None)
        self.recorded.discard(self.index + 1)
        self._show_question(self.index)

    def next(self) -> None:
        if self.state != REVIEW:
            return
        self._advance()

    def pause(self) -> None:
        if self.state not in (PREP, ANSWERING, REVIEW):
            return
        self._state_before_pause = self.state
        self._paused_at = time.monotonic()
        if self.state == ANSWERING:
            self.recorder.set_paused(True)
        self._set_state(PAUSED)

    def resume(self) -> None:
        if self.state != PAUSED:
            return
        self._phase_started += time.monotonic() - self._paused_at
        if self._state_before_pause == ANSWERING:
            self.recorder.set_paused(False)
        self._set_state(self._state_before_pause, restart_clock=False)

    def abort(self) -> bool:
        """End the interview without a report (the person chose to quit, or kiosk idle).

        True when the recorder was asked to stop: until it says so, it may still write the answer.
        """
        if self.state in (DONE, ABORTED):
            return False
        was_recording = self.state == ANSWERING or self._state_before_pause == ANSWERING
        self._timer.stop()
        self.pipeline.cancel()
        if was_recording:
            self.recorder.stop()
        self._set_state(ABORTED)
        self.disconnect_all()
        return was_recording

    def disconnect_all(self) -> None:
        for signal, slot in self._connections:
            with contextlib.suppress(RuntimeError, TypeError):
                signal.disconnect(slot)
        self._connections = []

    # --- internals ------------------------------------------------------------------------
    def _set_state(self, state: str, *, restart_clock: bool = True) -> None:
        self.state = state
        if restart_clock and state in (PREP, ANSWERING):
            self._phase_started = time.monotonic()
        emit(self.state_changed, state)
        self._on_tick()

    def _show_question(self, index: int) -> None:
        self.index = index
        self._state_before_pause = ""
        self._paused_at = 0.0
        self.prep_held = False  # set again by whoever reads this question aloud
        emit(self.question_shown, index, self.question)
        self._set_state(PREP)

    def _limit(self) -> float:
        if self.plan.mode != MOCK:
            return -1.0
        if self.state == PREP:
            return self.plan.prep_for(self.question)
        if self.state == ANSWERING:
            return self.plan.answer_for(self.question)
        return -1.0

    def _on_tick(self) -> None:
        if self.state not in (PREP, ANSWERING):
            return
        if self.state == PREP and self.prep_held:
            limit = self._limit()
            emit(self.tick, 0.0, limit if limit >= 0 else -1.0)
            return
        elapsed = time.monotonic() - self._phase_started
        limit = self._limit()
        remaining = max(0.0, limit - elapsed) if limit >= 0 else -1.0
        emit(self.tick, elapsed, remaining)
        if limit >= 0 and elapsed >= limit:
            if self.state == PREP:
                self.begin_answer()
            else:
                self.finish_answer()

    def use_audio_file(self, source: str) -> None:
        """Answer the current question with an audio file (no microphone, or an answer recorded elsewhere).

        Only before the answer starts; a file that cannot be read raises a UserError to show.
        """
        if self.state != PREP:
            return
        number = self.index + 1
        target = services.answer_path(self.session_dir, number)
        services.import_answer_file(Path(source), target)
        self._submit_answer(number, target)

    def _on_recording_stopped(self, recording: Any) -> None:
        if not self._waiting_stop:
            return
        self._waiting_stop = False
        number = self.index + 1
        path = Path(getattr(recording, "path", services.answer_path(self.session_dir, number)))
        self._submit_answer(number, path)

    def _submit_answer(self, number: int, path: Path) -> None:
        self.recorded.add(number)
        emit(self.answer_recorded, number, str(path))
        self.pipeline.submit_answer({
            "index": number, "wav": str(path), "question": self.question, "language": self.plan.language,
            "model": self.plan.model, "bank_id": self.plan.bank_id, "blind_hiring": self.plan.blind_hiring,
        })
        emit(self.background, len(self.results), len(self.recorded))
        if self.plan.mode == PRACTICE:
            self._set_state(REVIEW)
        else:
            self._advance()

    def _advance(self) -> None:
        if self.index + 1 < self.total:
            self._show_question(self.index + 1)
        else:
            self._set_state(FINISHING)
            self._maybe_build_report()

    def _on_recorder_failed(self, code: str, message: str) -> None:
        self._waiting_stop = False
        if self.state == ANSWERING and code in _CANNOT_RECORD:
            # Nothing is being recorded: back to preparation, where an audio file can be used instead.
            self._set_state(PREP)
        emit(self.failed, message)

    def _on_answer_done(self, number: int, result: dict[str, Any]) -> None:
        if number not in self.recorded:
            return  # a retried answer's stale result
        self.results[number] = result
        emit(self.answer_analysed, number, result)
        emit(self.background, len(self.results), len(self.recorded))
        self._maybe_build_report()

    def _on_answer_failed(self, number: int, message: str) -> None:
        if number not in self.recorded:
            return
        self.results[number] = {"analysis": None, "transcript": None, "error": message}
        emit(self.answer_failed, number, message)
        emit(self.background, len(self.results), len(self.recorded))
        self._maybe_build_report()

    def _maybe_build_report(self) -> None:
        if self.state != FINISHING or len(self.results) < self.total:
            return
        answers, transcripts = [], {}
        for number in range(1, self.total + 1):
            result = self.results[number]
            if result.get("analysis") is None:
                continue  # no speech, or it could not be analysed: the report covers the others
            question = self.plan.questions[number - 1]
            answers.append({
                "question_id": question.id or None, "question": question.text,
                "audio": f"answers/{number:02d}.wav", "analysis": result["analysis"],
            })
            transcripts[len(answers)] = result["transcript"]
        if not answers:
            emit(self.failed, tr("processing.no_answers"))
            return
        self.pipeline.build_report({
            "answers": answers, "language": self.plan.language, "mode": self.plan.mode, "bank": self.plan.bank,
            "person": self.plan.person, "session_dir": str(self.session_dir), "transcripts": transcripts,
        })

    def _on_report_ready(self, path: str) -> None:
        if self.state != FINISHING:
            return
        self._timer.stop()
        self._set_state(DONE)
        self.disconnect_all()
        emit(self.report_ready, path)

    def _on_report_failed(self, message: str) -> None:
        if self.state == FINISHING:
            emit(self.failed, message)
