"""Shown between the last answer and the report while anything is still being worked on."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from interview_app.gui.i18n import tr


class ProcessingScreen(QWidget):
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(objectName="title", alignment=Qt.AlignmentFlag.AlignCenter)
        self.status = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.error = QLabel(objectName="warning", wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter)
        self.back = QPushButton()
        self.back.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 40, 80, 40)
        layout.addStretch()
        layout.addWidget(self.title)
        layout.addWidget(self.status)
        layout.addWidget(self.bar)
        layout.addWidget(self.error)
        layout.addWidget(self.back, alignment=Qt.AlignmentFlag.AlignCenter)
        layout.addStretch()
        self.back.clicked.connect(self.back_requested)
        self.retranslate()

    def reset(self, total_answers: int) -> None:
        self.total = max(1, total_answers)
        self.bar.setValue(0)
        self.error.clear()
        self.back.hide()
        self.status.setText(tr("processing.report"))

    def set_stage(self, number: int, stage: str) -> None:
        key = "processing.transcribing" if stage == "transcribing" else "processing.analysing"
        self.status.setText(tr(key, n=number))

    def set_done(self, done: int, total: int) -> None:
        self.bar.setValue(int(100 * done / max(1, total + 1)))
        if done >= total:
            self.status.setText(tr("processing.report"))

    def show_error(self, message: str) -> None:
        self.error.setText(tr("processing.failed", error=message))
        self.back.show()

    def retranslate(self) -> None:
        self.title.setText(tr("processing.title"))
        self.back.setText(tr("common.back"))
