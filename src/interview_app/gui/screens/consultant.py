"""Consultant mode: open a session or an exported zip, write notes per answer and overall, sign off,
re-export. Notes go to the history database, apart from the generated analysis (session.json)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from interview_app.errors import UserError
from interview_app.gui import services
from interview_app.gui.i18n import tr

log = logging.getLogger(__name__)


class ConsultantScreen(QWidget):
    back_requested = Signal()
    history_requested = Signal()
    report_requested = Signal(Path)  # show the re-rendered report

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session_dir: Path | None = None
        self.document: dict[str, Any] = {}
        self.answer_notes: dict[str, QPlainTextEdit] = {}
        self.title = QLabel(objectName="title")
        self.session_label = QLabel(objectName="muted", wordWrap=True)
        self.open_zip = QPushButton()
        self.open_history = QPushButton()
        self.answers_box = QWidget()
        self.answers_layout = QVBoxLayout(self.answers_box)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(self.answers_box)
        self.overall = QPlainTextEdit()
        self.overall.setMaximumHeight(self.fontMetrics().height() * 5)
        self.signer = QLineEdit()
        self.signed = QLabel(objectName="muted")
        self.sign = QPushButton(objectName="primary")
        self.export = QPushButton()
        self.status = QLabel(objectName="muted", wordWrap=True)
        self.back = QPushButton()
        top = QHBoxLayout()
        top.addWidget(self.open_history)
        top.addWidget(self.open_zip)
        top.addStretch()
        top.addWidget(self.back)
        self.form = QFormLayout()
        self.form.addRow(QLabel(), self.overall)
        self.form.addRow(QLabel(), self.signer)
        actions = QHBoxLayout()
        actions.addWidget(self.sign)
        actions.addWidget(self.export)
        actions.addWidget(self.signed)
        actions.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(self.title)
        layout.addLayout(top)
        layout.addWidget(self.session_label)
        layout.addWidget(scroll, stretch=1)
        layout.addLayout(self.form)
        layout.addLayout(actions)
        layout.addWidget(self.status)
        self.open_zip.clicked.connect(self._ask_zip)
        self.open_history.clicked.connect(self.history_requested)
        self.sign.clicked.connect(self.sign_off)
        self.export.clicked.connect(self._ask_export)
        self.back.clicked.connect(self.back_requested)
        self.retranslate()
        self._set_enabled(False)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.overall, self.signer, self.sign, self.export):
            widget.setEnabled(enabled)

    # --- opening --------------------------------------------------------------------------
    def open_session(self, session_dir: Path) -> None:
        self.session_dir = Path(session_dir)
        self.document = services.display_document(self.session_dir)
        notes = self.document.get("notes") or services.read_notes(self.session_dir)
        self._clear_answers()
        for answer in self.document.get("answers", []):
            number = str(answer.get("index"))
            analysis = answer.get("analysis") or {}
            heard = (analysis.get("transcript") or {}).get("text", "")
            question = QLabel(f"<b>{number}. {answer.get('question', '')}</b>", wordWrap=True)
            transcript = QLabel(heard, wordWrap=True, objectName="muted")
            editor = QPlainTextEdit(notes["answers"].get(number, ""))
            editor.setPlaceholderText(tr("consultant.answer_note", n=number))
            editor.setAccessibleName(tr("consultant.answer_note", n=number))
            editor.setMaximumHeight(self.fontMetrics().height() * 4)
            editor.setTabChangesFocus(True)
            for widget in (question, transcript, editor):
                self.answers_layout.addWidget(widget)
            self.answer_notes[number] = editor
        self.answers_layout.addStretch()
        self.overall.setPlainText(notes.get("overall", ""))
        self.overall.setTabChangesFocus(True)
        self.signer.setText(notes.get("signed_by") or "")
        self._show_signed(notes)
        bank = (self.document.get("bank") or {}).get("title", "")
        person = (self.document.get("person") or {}).get("label")
        parts = [self.document.get("created_at", "")[:16].replace("T", " "), *([person] if person else []), bank]
        self.session_label.setText(" · ".join(parts))
        self.status.clear()
        self._set_enabled(True)

    def _clear_answers(self) -> None:
        while self.answers_layout.count():
            item = self.answers_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.answer_notes = {}

    def close_session(self) -> None:
        """Let go of the open session (the data folder moved, or it was deleted)."""
        self.session_dir = None
        self.document = {}
        self._clear_answers()
        self.overall.clear()
        self.signer.clear()
        self.signed.clear()
        self.status.clear()
        self.session_label.setText(tr("consultant.none"))
        self._set_enabled(False)

    def open_zip_file(self, zip_path: Path) -> None:
        try:
            self.open_session(services.import_zip(zip_path))
        except UserError as error:
            self.status.setText(error.message)

    def _ask_zip(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("consultant.open_zip"), str(Path.home()), "Zip (*.zip)")
        if path:
            self.open_zip_file(Path(path))

    # --- notes ----------------------------------------------------------------------------
    def current_notes(self) -> dict[str, Any]:
        return {"overall": self.overall.toPlainText(),
                "answers": {number: editor.toPlainText() for number, editor in self.answer_notes.items()}}

    def save_notes(self) -> None:
        if self.session_dir is None:
            return
        try:
            services.save_notes(self.session_dir, self.current_notes())
        except UserError as error:
            self.status.setText(error.message)
            return
        self.status.setText(tr("consultant.saved"))

    def sign_off(self) -> None:
        if self.session_dir is None:
            return
        self.save_notes()
        name = self.signer.text().strip()
        try:
            if name:
                services.sign_off(self.session_dir, name)
        except UserError as error:
            self.status.setText(error.message)
            return
        self._show_signed(services.read_notes(self.session_dir))
        self.status.setText(tr("consultant.saved"))

    def _show_signed(self, notes: dict[str, Any]) -> None:
        if notes.get("signed_by"):
            self.signed.setText(tr("consultant.signed", name=notes["signed_by"], when=notes.get("signed_at") or ""))
        else:
            self.signed.clear()

    # --- re-export ------------------------------------------------------------------------
    def _ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("consultant.export"), str(Path.home() / "interview.zip"),
                                              "Zip (*.zip)")
        if path:
            self.reexport(Path(path))

    def reexport(self, target: Path) -> Path:
        """Save the notes, re-render the report with them, and write a zip for the person."""
        assert self.session_dir is not None
        self.save_notes()
        try:
            services.rerender_report(self.session_dir)
            services.export_zip(self.session_dir, target)
        except UserError as error:
            self.status.setText(error.message)
            raise
        self.status.setText(tr("results.saved", path=str(target)))
        return target

    def retranslate(self) -> None:
        self.title.setText(tr("consultant.title"))
        self.open_zip.setText(tr("consultant.open_zip"))
        self.open_history.setText(tr("consultant.open_history"))
        self.form.labelForField(self.overall).setText(tr("consultant.overall"))
        self.form.labelForField(self.signer).setText(tr("consultant.signer"))
        self.sign.setText(tr("consultant.sign"))
        self.export.setText(tr("consultant.export"))
        self.back.setText(tr("common.back"))
        if self.session_dir is None:
            self.session_label.setText(tr("consultant.none"))
