"""The report inside the app, with open-in-browser, save (HTML, PDF, zip), print and answer replay."""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QCursor, QDesktopServices
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QLabel, QMenu, QPushButton, QVBoxLayout, QWidget

from interview_app.errors import UserError
from interview_app.fileio import free_name
from interview_app.gui import drives, i18n, services
from interview_app.gui.i18n import tr
from interview_app.gui.qtfix import emit
from interview_app.gui.workers import run_job

log = logging.getLogger(__name__)


def _report_page_class() -> type:
    from PySide6.QtWebEngineCore import QWebEnginePage

    class ReportPage(QWebEnginePage):
        """Plays an answer's recording when its link in the report is clicked, instead of navigating."""

        audio_requested = Signal(QUrl)

        def acceptNavigationRequest(self, url: QUrl, kind, is_main_frame: bool) -> bool:  # noqa: N802, ANN001
            if url.isLocalFile() and url.toLocalFile().lower().endswith(".wav"):
                emit(self.audio_requested, url)
                return False
            if kind == QWebEnginePage.NavigationType.NavigationTypeLinkClicked and not url.isLocalFile():
                return False  # the report is offline; nothing leaves the machine
            return super().acceptNavigationRequest(url, kind, is_main_frame)

    return ReportPage


class ResultsScreen(QWidget):
    finish_requested = Signal()
    report_loaded = Signal(int)  # 1 when the page loaded (ints, not bools: see gui/workers.py)
    saved = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtWebEngineWidgets import QWebEngineView

        self.session_dir: Path | None = None
        self.report_path: Path | None = None
        self.kiosk = False
        self.exported = False
        # Where a kiosk may save: removable drives only (replaceable in tests, which have no USB stick).
        self.find_drives: Callable[[], list[drives.Drive]] = drives.removable_drives
        self.drive_menu: QMenu | None = None
        self.print_dialog = None
        self.title = QLabel(objectName="title")
        self.view = QWebEngineView(self)
        # Qt 6's default profile is off the record: no cache or history of anyone's report is kept.
        self.page = _report_page_class()(self.view)
        self.page.audio_requested.connect(lambda url: self.play(Path(url.toLocalFile())))
        self.view.setPage(self.page)
        self.view.loadFinished.connect(lambda ok: emit(self.report_loaded, int(ok)))
        self.status = QLabel(objectName="muted", wordWrap=True)
        self.kiosk_notice = QLabel(objectName="warning", wordWrap=True)
        self.kiosk_notice.hide()
        self.open_browser = QPushButton()
        self.save_html_button = QPushButton()
        self.save_pdf_button = QPushButton()
        self.save_zip_button = QPushButton()
        self.print_button = QPushButton()
        self.finish = QPushButton(objectName="primary")
        self.replay_row = QHBoxLayout()
        self.replay_row.addStretch()  # buttons keep their size, on the left, at any screen width
        self.play_buttons: list[QPushButton] = []
        self.player = None
        actions = QHBoxLayout()
        for button in (self.open_browser, self.save_html_button, self.save_pdf_button, self.save_zip_button,
                       self.print_button):
            actions.addWidget(button)
        actions.addStretch()
        actions.addWidget(self.finish)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.title)
        layout.addWidget(self.view, stretch=1)
        layout.addLayout(self.replay_row)
        layout.addWidget(self.kiosk_notice)
        layout.addLayout(actions)
        layout.addWidget(self.status)
        self.open_browser.clicked.connect(self._open_in_browser)
        self.save_html_button.clicked.connect(lambda: self._ask_and_save("html"))
        self.save_pdf_button.clicked.connect(lambda: self._ask_and_save("pdf"))
        self.save_zip_button.clicked.connect(lambda: self._ask_and_save("zip"))
        self.print_button.clicked.connect(self.print_report)
        self.finish.clicked.connect(self.finish_requested)
        self.retranslate()

    # --- showing a report -----------------------------------------------------------------
    def show_report(self, report_path: Path, *, kiosk: bool = False) -> None:
        self.report_path = Path(report_path)
        self.session_dir = self.report_path.parent
        self.kiosk = kiosk
        self.exported = False
        self.kiosk_notice.setVisible(kiosk)
        self.open_browser.setVisible(not kiosk)  # a browser would keep the report in its history
        # No "save page" or "view source" in a kiosk: the report's context menu is off.
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu if kiosk
                                       else Qt.ContextMenuPolicy.DefaultContextMenu)
        self.status.clear()
        self._fill_replay()
        self.view.load(QUrl.fromLocalFile(str(self.report_path)))

    def _fill_replay(self) -> None:
        for button in self.play_buttons:
            self.replay_row.removeWidget(button)
            button.deleteLater()
        self.play_buttons = []
        if self.session_dir is None:
            return
        for wav in sorted((self.session_dir / "answers").glob("*.wav")):
            number = int(wav.stem) if wav.stem.isdigit() else len(self.play_buttons) + 1
            button = QPushButton(tr("results.play", n=number))
            button.setProperty("wav", str(wav))
            button.clicked.connect(lambda _=False, path=wav: self.play(path))
            self.replay_row.insertWidget(self.replay_row.count() - 1, button)
            self.play_buttons.append(button)

    def play(self, wav: Path) -> None:
        from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

        if self.player is None:
            self.player = QMediaPlayer(self)
            self.audio_output = QAudioOutput(self)
            self.player.setAudioOutput(self.audio_output)
        self.player.stop()
        self.player.setSource(QUrl.fromLocalFile(str(wav)))
        self.player.play()

    def stop_playback(self) -> None:
        if self.player is not None:
            self.player.stop()
            self.player.setSource(QUrl())

    # --- saving ---------------------------------------------------------------------------
    def _ask_and_save(self, kind: str) -> None:
        if self.report_path is None:
            return
        if self.kiosk:
            self.save_to_removable(kind)
            return
        filters = {"html": "HTML (*.html)", "pdf": "PDF (*.pdf)", "zip": "Zip (*.zip)"}
        default = str(Path.home() / f"interview-report.{kind}")
        path, _ = QFileDialog.getSaveFileName(self, tr(f"results.save_{kind}"), default, filters[kind])
        if path:
            self.save(kind, Path(path))

    def save_to_removable(self, kind: str) -> None:
        """Kiosk: save straight to the USB drive (a menu when there are several); no file dialog at all."""
        found = self.find_drives()
        if not found:
            self.status.setText(tr("results.no_drive"))
        elif len(found) == 1:
            self.save_to_drive(kind, found[0])
        else:
            menu = QMenu(self)
            menu.setTitle(tr("results.choose_drive"))
            for drive in found:
                menu.addAction(drive.label, lambda drive=drive: self.save_to_drive(kind, drive))
            self.drive_menu = menu
            menu.popup(QCursor.pos())

    def save_to_drive(self, kind: str, drive: drives.Drive) -> None:
        stem = time.strftime("interview-report-%Y-%m-%d-%H%M")
        self.save(kind, free_name(drive.path, stem, kind))

    def save(self, kind: str, target: Path) -> None:
        """Save the report as ``html``, ``pdf`` or ``zip`` (session with audio) to ``target``."""
        assert self.report_path is not None and self.session_dir is not None
        if kind == "html":
            try:
                shutil.copyfile(self.report_path, target)
            except OSError as error:  # a drive pulled out, full, or read-only
                self._failed(tr("results.save_failed", error=error.strerror or str(error)))
                return
            self._saved(str(target))
        elif kind == "zip":
            job = run_job(services.export_zip, self.session_dir, target)
            job.finished.connect(lambda path: self._saved(str(path)))
            job.failed.connect(self._failed)
        elif kind == "pdf":
            try:  # prints on the GUI thread (WebEngine lives there) in its own short event loop
                self._saved(str(services.export_pdf(self.report_path, target)))
            except UserError as error:
                self._failed(i18n.user_message(error))

    def _saved(self, path: str) -> None:
        self.exported = True
        self.status.setText(tr("results.saved", path=path))
        emit(self.saved, path)

    def _failed(self, message: str) -> None:
        self.status.setText(message)

    def _open_in_browser(self) -> None:
        if self.report_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.report_path)))

    def print_report(self) -> None:
        from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        # A kiosk prints on paper only: "print to file" would open the file system.
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, not self.kiosk)
        dialog.accepted.connect(lambda: self._print(printer))
        self.print_dialog = dialog
        QDialog.open(dialog)  # window-modal, without blocking (PySide's QPrintDialog.open wants a receiver)

    def _print(self, printer) -> None:  # noqa: ANN001
        self.view.print(printer)
        self.exported = True

    def clear(self) -> None:
        self.stop_playback()
        self.view.setHtml("")
        self.report_path = self.session_dir = None
        self._fill_replay()

    def dispose(self) -> None:
        """Free the web page now: the engine's profile must not outlive it at exit."""
        import shiboken6

        self.stop_playback()
        for engine_object in (self.page, self.view):
            if shiboken6.isValid(engine_object):
                shiboken6.delete(engine_object)

    def retranslate(self) -> None:
        self.title.setText(tr("results.title"))
        self.open_browser.setText(tr("results.open_browser"))
        self.save_html_button.setText(tr("results.save_html"))
        self.save_pdf_button.setText(tr("results.save_pdf"))
        self.save_zip_button.setText(tr("results.save_zip"))
        self.print_button.setText(tr("results.print"))
        self.finish.setText(tr("results.finish"))
        self.kiosk_notice.setText(tr("results.kiosk_notice"))
        for number, button in enumerate(self.play_buttons, start=1):
            button.setText(tr("results.play", n=number))
