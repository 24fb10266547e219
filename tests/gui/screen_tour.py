"""A walk through every screen with realistic content, for screenshots and the "nothing clipped" checks.

``tour(window, ...)`` sets each screen up the way a person would meet it and yields its name
(``start``, ``mic_check``, ``interview_prep``, ...) while it is shown; the caller grabs or checks it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QComboBox,
    QLabel,
    QWidget,
)

SCREENS = ("start", "mic_check", "interview_prep", "interview_answer", "interview_paused", "feedback",
           "processing", "results", "history", "consultant", "settings")


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_until(check: Callable[[], object], timeout_ms: int = 30_000) -> None:
    waited = 0
    while not check() and waited < timeout_ms:
        wait(50)
        waited += 50


def tour(window, language: str, older: Path, newer: Path, *, mic_check: bool = True,
         quick: bool = False) -> Iterator[str]:
    """Show every screen of ``window`` in turn (a MainWindow with a WavFeed microphone).

    ``quick`` waits only for layout, not for the clocks and meters to move (checks, not pictures).
    """
    settle_ms = 100 if quick else 300
    from PySide6.QtCore import QItemSelectionModel
    from sessionkit import fixture_document

    from interview_app.banks import get_bank
    from interview_app.gui.session_controller import ANSWERING

    def shown(name: str) -> str:
        wait(settle_ms)
        return name

    window.start_screen.set_language(language)
    window.start_screen.count.setValue(3)
    yield shown("start")
    window.show_screen(window.mic_screen)
    if mic_check:
        window.mic_screen.start.click()
        wait_until(lambda: not window.mic_screen.running, 20_000)
    yield shown("mic_check")
    bank = get_bank("ko-common" if language == "ko" else "en-common-behavioural")
    window.start_session({"language": language, "mode": "mock", "bank": bank, "count": 3, "random": False,
                          "read_aloud": False})
    wait(100 if quick else 1200)
    yield shown("interview_prep")
    window.controller.begin_answer()
    wait_until(lambda: window.controller.state == ANSWERING)
    wait(100 if quick else 1500)
    window.interview_screen.show_warning("too_quiet")
    yield shown("interview_answer")
    window.controller.pause()
    window.interview_screen.quit_button.click()
    yield shown("interview_paused")
    window.abort_session()
    document = fixture_document("session_ko.json" if language == "ko" else "session_en.json")
    answer = document["answers"][0]
    window.feedback_screen.show_waiting(answer["question"], last=False)
    window.feedback_screen.show_result({"analysis": answer["analysis"]})
    window.show_screen(window.feedback_screen)
    yield shown("feedback")
    window.processing_screen.reset(3)
    window.processing_screen.set_done(2, 3)
    window.processing_screen.set_stage(3, "transcribing")
    window.show_screen(window.processing_screen)
    yield shown("processing")
    loaded: list[int] = []
    window.results_screen.report_loaded.connect(loaded.append)
    window.open_session(newer)
    wait_until(lambda: bool(loaded))
    wait(100 if quick else 800)
    yield shown("results")
    window.show_history()
    model = window.history_screen.table.selectionModel()
    for row in (0, 1):
        model.select(window.history_screen.table.model().index(row, 0),
                     QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    window.history_screen.compare_selected()
    yield shown("history")
    window.consultant_screen.open_session(older)
    window.consultant_screen.answer_notes["1"].setPlainText(
        "두괄식으로 시작한 점이 좋습니다." if language == "ko" else "Good: the conclusion comes first.")
    window.consultant_screen.signer.setText("박상담" if language == "ko" else "Jamie Park")
    window.show_screen(window.consultant_screen)
    yield shown("consultant")
    window.settings_screen.load(window.settings)
    window.show_screen(window.settings_screen)
    yield shown("settings")


def _inside_scroll_area(widget: QWidget, stop: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not stop:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def clipped(window: QWidget, screen: QWidget) -> list[str]:
    """What a person would see cut off on ``screen``: text wider or taller than its widget, or a
    widget outside the window. Widgets in a scroll area may lie outside it (they scroll into view)."""
    problems = []
    need = screen.minimumSizeHint()
    if need.width() > screen.width() or need.height() > screen.height():
        problems.append(f"the screen needs {need.width()}x{need.height()}, has {screen.width()}x{screen.height()}")
    area = window.rect()
    for widget in screen.findChildren(QWidget):
        if not widget.isVisibleTo(window) or not isinstance(widget, QLabel | QAbstractButton | QComboBox):
            continue
        name = f"{type(widget).__name__} {widget.objectName() or ''}'{_text(widget)[:40]}'"
        if not _inside_scroll_area(widget, screen):
            top_left = widget.mapTo(window, widget.rect().topLeft())
            bottom_right = widget.mapTo(window, widget.rect().bottomRight())
            if not (area.contains(top_left) and area.contains(bottom_right)):
                problems.append(f"{name} lies outside the window")
                continue
        if isinstance(widget, QLabel) and widget.wordWrap():
            if widget.text() and widget.height() + 1 < widget.heightForWidth(widget.width()):
                problems.append(f"{name} is {widget.height()} px high, its text needs "
                                f"{widget.heightForWidth(widget.width())}")
        elif isinstance(widget, QLabel | QAbstractButton):
            hint = widget.sizeHint() if isinstance(widget, QLabel) else widget.minimumSizeHint()
            if _text(widget) and (widget.width() + 1 < hint.width() or widget.height() + 1 < hint.height()):
                problems.append(f"{name} is {widget.width()}x{widget.height()}, needs {hint.width()}x{hint.height()}")
        elif widget.width() + 1 < widget.minimumSizeHint().width():
            problems.append(f"{name} is {widget.width()} px wide, needs {widget.minimumSizeHint().width()}")
    return problems


def _text(widget: QWidget) -> str:
    if isinstance(widget, QComboBox):
        return widget.currentText()
    return widget.text() if hasattr(widget, "text") else ""
