"""The interview: the question large, the countdowns, recording indicator, level meter, warnings.

Space starts and finishes an answer; Esc pauses and asks whether to continue or end.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from interview_app.errors import UserError
from interview_app.gui import i18n
from interview_app.gui.i18n import MESSAGES, format_seconds, tr
from interview_app.gui.session_controller import ABORTED, ANSWERING, PAUSED, PREP, SessionController
from interview_app.gui.widgets.countdown import Countdown
from interview_app.gui.widgets.level_meter import LevelMeter

PREP_COLOUR, ANSWER_COLOUR = "#1a73e8", "#d93025"
WARNING_SHOWN_MS = 6000


def warning_text(code: str, message: str) -> str:
    key = f"warn.{code}"
    if code != "other" and key in MESSAGES:
        return tr(key)
    return tr("warn.other", message=message or code)


class InterviewScreen(QWidget):
    quit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller: SessionController | None = None
        self.kiosk = False
        self.progress_label = QLabel(objectName="muted")
        self.phase = QLabel(objectName="phase")
        self.question = QLabel(objectName="question", wordWrap=True)
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.question.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.countdown = Countdown()
        self.recording = QLabel(objectName="recording")
        self.meter = LevelMeter()
        self.elapsed = QLabel()
        self.remaining = QLabel()
        self.hint = QLabel(objectName="muted", wordWrap=True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)  # centred text over the full width: never cut
        self.warning = QLabel(objectName="banner", wordWrap=True)
        self.warning.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.warning.hide()
        self._warning_timer = QTimer(self, singleShot=True, interval=WARNING_SHOWN_MS)
        self._warning_timer.timeout.connect(self.warning.hide)
        self.action = QPushButton(objectName="primary")
        self.action.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space belongs to the interview, not the button
        # No microphone, or an answer recorded elsewhere: use a file instead (before the answer starts).
        self.use_file = QPushButton()
        self.background = QLabel(objectName="muted")
        self.background_bar = QProgressBar(maximumHeight=8, textVisible=False)
        self.background_bar.hide()

        # The pause panel: continue, or end (with a confirmation).
        self.pause_panel = QFrame(objectName="panel")
        self.pause_text = QLabel(wordWrap=True)
        self.resume_button = QPushButton(objectName="primary")
        self.quit_button = QPushButton()
        self.confirm_text = QLabel(wordWrap=True, objectName="warning")
        self.confirm_yes = QPushButton(objectName="danger")
        pause_layout = QVBoxLayout(self.pause_panel)
        pause_layout.addWidget(self.pause_text)
        row = QHBoxLayout()
        row.addWidget(self.resume_button)
        row.addWidget(self.quit_button)
        row.addStretch()
        pause_layout.addLayout(row)
        pause_layout.addWidget(self.confirm_text)
        pause_layout.addWidget(self.confirm_yes, alignment=Qt.AlignmentFlag.AlignLeft)
        self.pause_panel.hide()

        top = QHBoxLayout()
        top.addWidget(self.progress_label)
        top.addStretch()
        top.addWidget(self.recording)
        times = QHBoxLayout()
        times.addWidget(self.elapsed)
        times.addStretch()
        times.addWidget(self.remaining)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 24)
        layout.addLayout(top)
        layout.addWidget(self.warning)
        layout.addWidget(self.question, stretch=1)  # shares the room with the clock: the ring keeps its 7 lines
        layout.addWidget(self.phase, alignment=Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.countdown, stretch=1, alignment=Qt.AlignmentFlag.AlignCenter)
        layout.addLayout(times)
        layout.addWidget(self.meter)
        layout.addWidget(self.pause_panel)
        layout.addWidget(self.action, alignment=Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.use_file, alignment=Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.hint)
        layout.addWidget(self.background)
        layout.addWidget(self.background_bar)

        self.action.clicked.connect(self._toggle)
        self.use_file.clicked.connect(self._choose_file)
        self.resume_button.clicked.connect(self._resume)
        self.quit_button.clicked.connect(self._ask_quit)
        self.confirm_yes.clicked.connect(self.quit_requested)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.retranslate()

    # --- wiring ---------------------------------------------------------------------------
    def attach(self, controller: SessionController) -> None:
        self.controller = controller
        controller.question_shown.connect(self._on_question)
        controller.state_changed.connect(self._on_state)
        controller.tick.connect(self._on_tick)
        controller.background.connect(self._on_background)
        controller.recorder.level.connect(self.meter.set_level)
        controller.recorder.warning.connect(self.show_warning)
        controller.prep_hold.connect(self._on_prep_hold)
        self.meter.reset()
        self.warning.hide()
        self.background.clear()
        self.background_bar.hide()

    def set_kiosk(self, kiosk: bool) -> None:
        """A kiosk offers no file dialog: answering with an audio file is for the person's own computer."""
        self.kiosk = kiosk
        self.use_file.setVisible(not kiosk and self.controller is not None and self.controller.state == PREP)

    def detach(self) -> None:
        controller, self.controller = self.controller, None
        if controller is None:
            return
        for signal, slot in ((controller.question_shown, self._on_question), (controller.state_changed, self._on_state),
                             (controller.tick, self._on_tick), (controller.background, self._on_background),
                             (controller.recorder.level, self.meter.set_level),
                             (controller.recorder.warning, self.show_warning),
                             (controller.prep_hold, self._on_prep_hold)):
            with contextlib.suppress(RuntimeError, TypeError):
                signal.disconnect(slot)

    # --- reactions ------------------------------------------------------------------------
    def show_warning(self, code: str, message: str = "") -> None:
        self.warning.setText(warning_text(code, message))
        self.warning.show()
        self._warning_timer.start()

    def _on_question(self, index: int, question: object) -> None:
        assert self.controller is not None
        self.progress_label.setText(tr("interview.question_n", n=index + 1, total=self.controller.total))
        self.question.setText(getattr(question, "text", str(question)))

    def _on_state(self, state: str) -> None:
        controller = self.controller
        if controller is None:
            return
        paused = state == PAUSED
        self.pause_panel.setVisible(paused)
        # While paused the panel takes the place of the clock, meter and buttons (room on short screens).
        for widget in (self.countdown, self.elapsed, self.remaining, self.meter, self.action, self.hint):
            widget.setVisible(not paused)
        self.confirm_text.hide()
        self.confirm_yes.hide()
        recording = state == ANSWERING
        self.recording.setText(tr("interview.recording") if recording else tr("interview.not_recording"))
        self.recording.setProperty("active", recording)
        self.recording.style().unpolish(self.recording)
        self.recording.style().polish(self.recording)
        if state == PREP:
            self.phase.setText(tr("interview.reading") if controller.prep_held else tr("interview.prep"))
            self.countdown.set_phase(controller.plan.prep_for(controller.question), PREP_COLOUR)
            self.action.setText(tr("interview.start_answer"))
            self.hint.setText(tr("interview.ready"))
            self.meter.reset()
        elif state == ANSWERING:
            self.phase.setText(tr("interview.answer"))
            self.countdown.set_phase(controller.plan.answer_for(controller.question), ANSWER_COLOUR)
            self.action.setText(tr("interview.done"))
            self.hint.setText(tr("interview.keys"))
        elif state == PAUSED:
            self.pause_text.setText(tr("interview.paused"))
            self.resume_button.setFocus()
        self.action.setEnabled(state in (PREP, ANSWERING))
        self.use_file.setVisible(state == PREP and not self.kiosk)

    def _on_prep_hold(self, held: int) -> None:
        controller = self.controller
        if controller is not None and controller.state == PREP:
            self.phase.setText(tr("interview.reading") if held else tr("interview.prep"))

    def _on_tick(self, elapsed: float, remaining: float) -> None:
        self.countdown.set_time(elapsed, remaining)
        self.elapsed.setText(tr("interview.elapsed", time=format_seconds(elapsed)))
        self.remaining.setText(tr("interview.remaining", time=format_seconds(remaining)) if remaining >= 0 else "")

    def _on_background(self, done: int, recorded: int) -> None:
        if done < recorded:
            self.background.setText(tr("interview.background", done=done, total=recorded))
            self.background_bar.setRange(0, recorded)
            self.background_bar.setValue(done)
            self.background_bar.show()
        else:
            self.background.clear()
            self.background_bar.hide()

    # --- keyboard and buttons -------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._toggle()
        elif event.key() == Qt.Key.Key_Escape:
            self._escape()
        else:
            super().keyPressEvent(event)

    def _choose_file(self) -> None:
        if self.kiosk:
            return
        path, _ = QFileDialog.getOpenFileName(self, tr("interview.choose_file"), "", tr("interview.audio_files"))
        if path:
            self.answer_with_file(path)

    def answer_with_file(self, path: str) -> None:
        """Use an audio file as this question's answer; a file that cannot be read is said in plain words."""
        if self.controller is None:
            return
        try:
            self.controller.use_audio_file(path)
        except UserError as error:
            self.show_warning("other", i18n.user_message(error))

    def _toggle(self) -> None:
        if self.controller is not None and self.controller.state in (PREP, ANSWERING):
            self.controller.toggle()

    def _escape(self) -> None:
        if self.controller is None:
            return
        if self.controller.state == PAUSED:
            self._resume()
        else:
            self.controller.pause()

    def _resume(self) -> None:
        if self.controller is not None:
            self.controller.resume()
            self.setFocus()

    def _ask_quit(self) -> None:
        self.confirm_text.setText(tr("interview.quit_confirm"))
        self.confirm_text.show()
        self.confirm_yes.show()
        self.confirm_yes.setFocus()

    def retranslate(self) -> None:
        self.resume_button.setText(tr("interview.resume"))
        self.quit_button.setText(tr("interview.quit"))
        self.confirm_yes.setText(tr("interview.quit_yes"))
        self.hint.setText(tr("interview.keys"))
        self.use_file.setText(tr("interview.use_file"))
        if self.controller is not None and self.controller.state not in ("", ABORTED):
            self._on_state(self.controller.state)
