"""The main window: a stack of screens, the background pipeline, the recorder, kiosk behaviour."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QInputDialog, QLabel, QLineEdit, QMainWindow, QStackedWidget

from interview_app.errors import UserError
from interview_app.gui import i18n, services
from interview_app.gui.app import apply_look
from interview_app.gui.i18n import tr
from interview_app.gui.kiosk import KIOSK_WINDOW_FLAGS, IdleWatcher, verify_pin
from interview_app.gui.qtfix import emit
from interview_app.gui.screens.consultant import ConsultantScreen
from interview_app.gui.screens.feedback import FeedbackScreen
from interview_app.gui.screens.history import HistoryScreen
from interview_app.gui.screens.interview import InterviewScreen
from interview_app.gui.screens.mic_check import MicCheckScreen
from interview_app.gui.screens.processing import ProcessingScreen
from interview_app.gui.screens.results import ResultsScreen
from interview_app.gui.screens.settings import SettingsScreen
from interview_app.gui.screens.start import StartScreen
from interview_app.gui.session_controller import (
    ABORTED,
    DONE,
    FINISHING,
    PRACTICE,
    PREP,
    REVIEW,
    SessionController,
    SessionPlan,
)
from interview_app.gui.speech import NO_ENGINE, QuestionReader
from interview_app.gui.workers import Pipeline, RecorderBridge
from interview_app.storage.settings import Settings

log = logging.getLogger(__name__)

REACTIVATE_MS = 300  # kiosk: how soon the window takes the focus back from the desktop


class MainWindow(QMainWindow):
    session_wiped = Signal(str)  # kiosk: the session folder that was removed

    def __init__(self, settings: Settings, *, kiosk: bool | None = None, language: str | None = None,
                 stream_factory: Callable[..., Any] | None = None, prep_seconds: float | None = None,
                 answer_seconds: float | None = None, load_model: bool = True, check_tts: bool = True,
                 tts_engine: str | None = None) -> None:
        super().__init__()
        self.settings = settings
        self.kiosk = settings.kiosk_mode if kiosk is None else kiosk
        self.timings = (prep_seconds, answer_seconds)
        self.controller: SessionController | None = None
        self.reader: QuestionReader | None = None
        self.speak_questions = False
        self.consultant_opening = False
        self.pin_dialog: QInputDialog | None = None
        i18n.set_language(language or settings.ui_language)
        self.pipeline = Pipeline(self)
        self.recorder = RecorderBridge(device=settings.input_device, stream_factory=stream_factory, parent=self)

        self.stack = QStackedWidget()
        self.start_screen = StartScreen()
        self.mic_screen = MicCheckScreen()
        self.interview_screen = InterviewScreen()
        self.feedback_screen = FeedbackScreen()
        self.processing_screen = ProcessingScreen()
        self.results_screen = ResultsScreen()
        self.history_screen = HistoryScreen()
        self.consultant_screen = ConsultantScreen()
        self.settings_screen = SettingsScreen(settings)
        self.screens = [self.start_screen, self.mic_screen, self.interview_screen, self.feedback_screen,
                        self.processing_screen, self.results_screen, self.history_screen, self.consultant_screen,
                        self.settings_screen]
        for screen in self.screens:
            self.stack.addWidget(screen)
        self.setCentralWidget(self.stack)
        self.model_status = QLabel()
        self.statusBar().addPermanentWidget(self.model_status)
        self.setMinimumSize(960, 600)

        self.idle = IdleWatcher(max(1, settings.kiosk_idle_minutes) * 60_000, self)
        self.idle.idle.connect(self.on_idle)
        # Ctrl+Q (Cmd+Q on a Mac) quits; in a kiosk it asks for the consultant PIN first, like any close.
        # Spelled out: the platform's standard Quit key is empty on Windows and without a desktop.
        self.quit_shortcut = QShortcut(QKeySequence("Ctrl+Q"), self)
        self.quit_shortcut.activated.connect(self.close)
        self._wire()
        # Reading aloud is offered once the speech engine has answered from its helper process (a second
        # or two); until then, and without an engine, it is not.
        self._set_speech_problems({"ko": NO_ENGINE, "en": NO_ENGINE})
        self.start_screen.read_aloud.setChecked(settings.read_questions_aloud)
        if check_tts:
            QTimer.singleShot(0, self, lambda: self.start_speech(tts_engine))
        self.start_screen.set_kiosk(self.kiosk)
        if not self.kiosk:
            self.start_screen.set_person(settings.last_person)
        self.start_screen.set_language(i18n.language())
        self.start_screen.load_banks()
        self.mic_screen.configure(settings.input_device, stream_factory)
        self.retranslate()
        if self.kiosk:
            self.enter_kiosk()
        if load_model:
            self.pipeline.load_model(settings.model)
        if not settings.mic_checked:
            self.show_screen(self.mic_screen)
            self.mic_screen.start_soon()  # the first launch checks the microphone by itself
        else:
            self.show_screen(self.start_screen)

    # --- wiring ---------------------------------------------------------------------------
    def _wire(self) -> None:
        start = self.start_screen
        start.start_requested.connect(self.start_session)
        start.mic_check_requested.connect(lambda: self.show_screen(self.mic_screen))
        start.history_requested.connect(self.show_history)
        start.settings_requested.connect(lambda: (self.settings_screen.load(self.settings),
                                                  self.show_screen(self.settings_screen)))
        start.consultant_requested.connect(lambda: self.show_screen(self.consultant_screen))
        start.language_chosen.connect(self.set_ui_language)
        self.mic_screen.done.connect(self._mic_check_done)
        self.interview_screen.quit_requested.connect(self.abort_session)
        self.feedback_screen.retry_requested.connect(lambda: self.controller and self.controller.retry())
        self.feedback_screen.next_requested.connect(lambda: self.controller and self.controller.next())
        self.processing_screen.back_requested.connect(self.back_to_start)
        self.results_screen.finish_requested.connect(self.finish_results)
        self.history_screen.open_requested.connect(self.open_session)
        self.history_screen.back_requested.connect(self.back_to_start)
        self.consultant_screen.back_requested.connect(self.back_to_start)
        self.consultant_screen.history_requested.connect(self._consultant_from_history)
        self.settings_screen.saved.connect(self.apply_settings)
        self.settings_screen.back_requested.connect(self.back_to_start)
        self.settings_screen.move_blocker = self._move_blocked
        self.settings_screen.data_folder_moved.connect(self._data_folder_moved)
        # Bound methods of this window, so Qt delivers them on the GUI thread.
        self.pipeline.model_loading.connect(self._on_model_loading)
        self.pipeline.model_ready.connect(self._on_model_ready)
        self.pipeline.model_failed.connect(self._on_model_failed)
        self.pipeline.stage.connect(self.processing_screen.set_stage)

    def _on_model_loading(self, _name: str) -> None:
        self.model_status.setText(tr("app.loading_model"))

    def _on_model_ready(self, _name: str) -> None:
        self.model_status.setText(tr("app.model_ready"))

    def _on_model_failed(self, error: str) -> None:
        self.model_status.setText(tr("app.model_failed", error=error))

    def show_screen(self, screen: Any) -> None:
        if screen is self.start_screen:
            self._offer_people()
        self.stack.setCurrentWidget(screen)
        screen.setFocus()

    def _offer_people(self) -> None:
        """The names already used on this computer, for the start screen (none in kiosk mode)."""
        if self.kiosk:
            return
        try:
            self.start_screen.set_people(services.people())
        except UserError as error:
            log.warning("the names in the history cannot be read: %s", error)

    def current_screen(self) -> Any:
        return self.stack.currentWidget()

    # --- language and look ----------------------------------------------------------------
    def set_ui_language(self, language: str) -> None:
        i18n.set_language(language)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(tr("app.title"))
        for screen in self.screens:
            screen.retranslate()
        if self.pipeline.model_loaded:
            self.model_status.setText(tr("app.model_ready"))

    def apply_settings(self, settings: Settings) -> None:
        self.settings = settings
        self.recorder.device = settings.input_device
        self.recorder.worker.recorder = None  # the next answer opens the newly chosen microphone
        self.mic_screen.configure(settings.input_device, self.recorder.stream_factory)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_look(app, settings.font_scale)
        self.set_ui_language(settings.ui_language)
        self.start_screen.set_language(settings.answer_language if settings.answer_language != "auto"
                                       else settings.ui_language)
        self.pipeline.load_model(settings.model)

    # --- the data folder ------------------------------------------------------------------
    def session_running(self) -> bool:
        return self.controller is not None and self.controller.state not in (DONE, ABORTED)

    def _move_blocked(self) -> str | None:
        """The data folder is not moved during an interview, nor in kiosk mode until the consultant unlocks it."""
        if self.kiosk:
            return "settings.move_kiosk"
        if self.session_running():
            return "settings.move_session"
        return None

    def _data_folder_moved(self, folder: str) -> None:
        """Everything is read from the new folder from now on (history, sessions and settings ask
        paths.data_dir() each time); what the screens hold from the old one is let go."""
        log.info("the data folder is now %s", folder)
        self.start_screen.load_banks()  # the user's own banks now come from the new folder
        self.consultant_screen.close_session()
        if self.controller is not None and not self.session_running():
            self.controller = None
        self._offer_people()

    def _mic_check_done(self) -> None:
        if not self.settings.mic_checked:
            self.settings.mic_checked = True
            if not self.kiosk:
                self.settings.save()
        self.show_screen(self.start_screen)

    # --- a session ------------------------------------------------------------------------
    def start_session(self, choice: dict[str, Any]) -> None:
        questions = services.draw_questions(choice["bank"], choice["count"], random_draw=choice["random"])
        person = None if self.kiosk else choice.get("person")
        if not self.kiosk:
            self._remember_person(person)
        plan = SessionPlan(
            language=choice["language"], mode=choice["mode"], questions=questions, bank=choice["bank"],
            model=self.settings.model, ui_language=i18n.language(), blind_hiring=self.settings.blind_hiring,
            prep_seconds=self.timings[0], answer_seconds=self.timings[1], person=person,
        )
        self.controller = SessionController(plan, self.pipeline, self.recorder, parent=self)
        controller = self.controller
        self.interview_screen.attach(controller)
        controller.state_changed.connect(self._on_state)
        controller.question_shown.connect(self._on_question)
        controller.answer_analysed.connect(self._on_answer_analysed)
        controller.background.connect(self.processing_screen.set_done)
        controller.report_ready.connect(self._on_report_ready)
        controller.failed.connect(self._on_failed)
        controller.answer_failed.connect(self._on_answer_failed)
        self.speak_questions = bool(choice.get("read_aloud"))
        self.processing_screen.reset(controller.total)
        self.show_screen(self.interview_screen)
        controller.start()

    def _remember_person(self, person: str | None) -> None:
        """Home use: the name typed last is offered again next time."""
        if self.settings.last_person == person:
            return
        self.settings.last_person = person
        try:
            self.settings.save()
        except OSError as error:
            log.warning("the settings could not be saved: %s", error)

    # --- reading the question aloud -------------------------------------------------------
    def start_speech(self, engine: str | None = None) -> None:
        """Open the text-to-speech engine (``engine`` names one; None: the system's) and offer its languages."""
        if self.reader is not None:
            self.reader.shutdown()
            self.reader.deleteLater()
        reader = self.reader = QuestionReader(engine, self)
        reader.finished.connect(self._on_reading_done)
        # The engine opens in a helper process (about 2 s with speech-dispatcher); until it has
        # answered the option says it is being checked.
        reader.ready.connect(lambda: self._offer_reading(reader))
        self._offer_reading(reader)

    def _offer_reading(self, reader: QuestionReader) -> None:
        if reader is self.reader:
            self._set_speech_problems({lang: reader.problem_for(lang) for lang in ("ko", "en")})

    def _set_speech_problems(self, problems: dict[str, str]) -> None:
        self.start_screen.set_speech_problems(problems)
        self.settings_screen.set_speech_problems(problems)

    def _on_question(self, _index: int, question: Any) -> None:
        controller, reader = self.controller, self.reader
        if not self.speak_questions or controller is None or reader is None:
            return
        controller.hold_prep()  # the preparation starts when the reading ends
        if not reader.say(question.text, controller.plan.language):
            controller.release_prep()

    def _on_reading_done(self) -> None:
        if self.controller is not None:
            self.controller.release_prep()

    def stop_reading(self) -> None:
        if self.reader is not None:
            self.reader.stop()

    def _on_state(self, state: str) -> None:
        controller = self.controller
        if controller is None:
            return
        if state != PREP:
            self.stop_reading()  # the answer started, a pause, the end
        if state == REVIEW:
            last = controller.index + 1 >= controller.total
            self.feedback_screen.show_waiting(controller.question.text, last=last)
            result = controller.results.get(controller.index + 1)
            if result is not None:
                self.feedback_screen.show_result(result)
            self.show_screen(self.feedback_screen)
        elif state == FINISHING:
            self.show_screen(self.processing_screen)
        elif state == ABORTED:
            self.show_screen(self.start_screen)
        elif self.current_screen() is not self.interview_screen:
            self.show_screen(self.interview_screen)

    def _on_answer_analysed(self, number: int, result: dict[str, Any]) -> None:
        controller = self.controller
        if controller is not None and controller.plan.mode == PRACTICE and controller.state == REVIEW \
                and number == controller.index + 1:
            self.feedback_screen.show_result(result)

    def _on_answer_failed(self, number: int, message: str) -> None:
        controller = self.controller
        if controller is not None and controller.state == REVIEW and number == controller.index + 1:
            self.feedback_screen.show_error(message)
        else:
            log.warning("answer %d could not be analysed: %s", number, message)

    def _on_report_ready(self, path: str) -> None:
        self._close_reader()
        self.interview_screen.detach()
        self.show_screen(self.results_screen)
        self.results_screen.show_report(Path(path), kiosk=self.kiosk)

    def _on_failed(self, message: str) -> None:
        controller = self.controller
        if controller is not None and controller.state == FINISHING:
            self.processing_screen.show_error(message)
        elif controller is not None and controller.state == REVIEW:
            self.feedback_screen.show_error(message)
        else:
            self.interview_screen.show_warning("other", message)

    def _close_reader(self) -> None:
        """The session is over: the reading-aloud helper process ends (it starts again with the next one)."""
        if self.reader is not None:
            self.reader.close()

    def abort_session(self) -> None:
        self._close_reader()
        controller, self.controller = self.controller, None
        self.interview_screen.detach()
        if controller is not None:
            recorder_stopping = controller.abort()
            self._remove_session(controller.session_dir)
            if recorder_stopping:
                # A recorder that was slow to start may open the answer's file only now (its start and
                # stop run in order on its thread): once it has stopped, whatever it wrote goes too.
                self._after_recorder_stops(lambda: self._remove_session(controller.session_dir))
        self.show_screen(self.start_screen)

    def _remove_session(self, session_dir: Path) -> None:
        if self.kiosk:
            self._wipe(session_dir)
        else:
            services.delete_session(session_dir)

    def _after_recorder_stops(self, action: Callable[[], None]) -> None:
        """Run ``action`` once, when the recorder next reports that it stopped (or failed)."""
        def once(*_args: object) -> None:
            self.recorder.stopped.disconnect(once)
            self.recorder.failed.disconnect(once)
            action()

        self.recorder.stopped.connect(once)
        self.recorder.failed.connect(once)

    def back_to_start(self) -> None:
        if self.session_running():
            self.abort_session()
            return
        self.show_screen(self.start_screen)

    def finish_results(self) -> None:
        session_dir = self.results_screen.session_dir
        self.results_screen.clear()
        self.controller = None
        if self.kiosk and session_dir is not None:
            self._wipe(session_dir)
        self.show_screen(self.start_screen)

    # --- history and consultant -----------------------------------------------------------
    def show_history(self) -> None:
        self.consultant_opening = False
        self.history_screen.refresh()
        self.show_screen(self.history_screen)

    def _consultant_from_history(self) -> None:
        self.show_history()
        self.consultant_opening = True

    def open_session(self, session_dir: Path) -> None:
        if self.consultant_opening:
            self.consultant_opening = False
            self.consultant_screen.open_session(session_dir)
            self.show_screen(self.consultant_screen)
            return
        self.show_screen(self.results_screen)
        self.results_screen.show_report(session_dir / services.REPORT_FILE, kiosk=False)

    # --- kiosk ----------------------------------------------------------------------------
    def enter_kiosk(self) -> None:
        # Nothing of an earlier person may remain, even after a crash or power cut.
        if self.settings.last_person is not None:
            self._remember_person(None)
        report = services.wipe_all_sessions()
        if not report.clean:
            log.warning("kiosk start-up: %d leftover file(s) could not be removed", len(report.leftovers))
        # Frameless (no close button, no title bar to drag), above every other window, full screen.
        self.setWindowFlags(self.windowFlags() | KIOSK_WINDOW_FLAGS)
        self.setWindowState(Qt.WindowState.WindowFullScreen)
        self.interview_screen.set_kiosk(True)
        self.idle.start(self)

    def on_idle(self) -> None:
        """Kiosk: nobody touched the machine for a while; end the session and forget it."""
        if self.controller is not None:
            self.abort_session()
        elif self.current_screen() is self.results_screen:
            self.finish_results()
        else:
            self.show_screen(self.start_screen)
        self.statusBar().showMessage(tr("kiosk.idle"), 10_000)
        self.idle.start(self)

    def _wipe(self, session_dir: Path) -> None:
        report = services.wipe_session(session_dir)
        self.statusBar().showMessage(report.message(i18n.language()), 10_000)
        emit(self.session_wiped, str(session_dir))

    def leave_kiosk(self, pin: str) -> bool:
        if not verify_pin(pin, self.settings.kiosk_pin_hash):
            self.statusBar().showMessage(tr("kiosk.pin_wrong"), 5000)
            return False
        self.kiosk = False
        self.idle.stop()
        self.start_screen.set_kiosk(False)
        self._offer_people()
        self.settings_screen.update_move_state()
        self.interview_screen.set_kiosk(False)
        self.results_screen.kiosk = False
        self.setWindowFlags(self.windowFlags() & ~KIOSK_WINDOW_FLAGS)
        self.showNormal()
        return True

    def ask_pin(self) -> None:
        """Kiosk: ask for the consultant PIN (without blocking); the right PIN closes the app."""
        if self.pin_dialog is not None and self.pin_dialog.isVisible():
            self.pin_dialog.raise_()
            self.pin_dialog.activateWindow()
            return
        dialog = QInputDialog(self)
        dialog.setWindowTitle(tr("kiosk.pin_title"))
        dialog.setLabelText(tr("kiosk.pin_prompt"))
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.textValueSelected.connect(self._pin_entered)
        self.pin_dialog = dialog
        dialog.open()

    def _pin_entered(self, pin: str) -> None:
        if self.leave_kiosk(pin):
            self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        if self.settings_screen.moving:  # closing now would leave a half-made copy behind
            self.statusBar().showMessage(tr("settings.moving"), 5000)
            event.ignore()
            return
        if self.kiosk:  # the window manager's close, Alt+F4, Ctrl+Q: never without the consultant PIN
            event.ignore()
            self.ask_pin()
            return
        self.shutdown()
        event.accept()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        super().changeEvent(event)
        if not self.kiosk:
            return
        if event.type() == QEvent.Type.WindowStateChange:
            state = self.windowState()
            if state & Qt.WindowState.WindowMinimized or not state & Qt.WindowState.WindowFullScreen:
                # Un-fullscreened or minimised by the window manager or a key: back to full screen.
                QTimer.singleShot(0, self, self._restore_full_screen)
        elif event.type() == QEvent.Type.ActivationChange and not self.isActiveWindow():
            # Focus went to the desktop ("show desktop", a click outside): take it back, unless one
            # of the app's own dialogs or menus has it.
            QTimer.singleShot(REACTIVATE_MS, self, self._reclaim_focus)

    def _reclaim_focus(self, *, remap: bool = False) -> None:
        if not self.kiosk or QApplication.activeWindow() is not None or QApplication.activeModalWidget():
            return
        if any(w is not self and w.isWindow() and w.isVisible() for w in QApplication.topLevelWidgets()):
            return
        if remap:
            # A window manager that refuses the activation (focus-stealing prevention while it shows
            # the desktop) still shows a window that is mapped anew.
            self.hide()
        self._restore_full_screen()
        if not remap:
            QTimer.singleShot(REACTIVATE_MS * 2, self, lambda: self._reclaim_focus(remap=True))

    def _restore_full_screen(self) -> None:
        if not self.kiosk:
            return
        self.setWindowState(Qt.WindowState.WindowFullScreen)
        self.show()
        self.raise_()
        self.activateWindow()

    def shutdown(self) -> None:
        if self.reader is not None:
            self.reader.shutdown()
        if self.controller is not None:
            self.abort_session()
        self.results_screen.dispose()
        self.pipeline.shutdown()
        self.recorder.shutdown()
