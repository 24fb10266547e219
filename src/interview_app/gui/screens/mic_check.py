"""Microphone check: speak a sentence, watch the meter, get a plain verdict (runs on first launch)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from interview_app.gui import i18n, services
from interview_app.gui.i18n import tr
from interview_app.gui.qtfix import emit
from interview_app.gui.widgets.level_meter import LevelMeter
from interview_app.gui.workers import LevelRelay, run_job

log = logging.getLogger(__name__)

TEST_SECONDS = 4


class MicCheckScreen(QWidget):
    done = Signal()
    finished_check = Signal(str)  # the verdict: ok | too_quiet | clipping | noisy | dead | no_device | failed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.device: str | None = None
        self.stream_factory: Callable[..., Any] | None = None
        self.running = False
        self.relay = LevelRelay(self)
        self.title = QLabel(objectName="title")
        self.instructions = QLabel(wordWrap=True)
        self.device_label = QLabel(objectName="muted")
        self.meter = LevelMeter()
        self.verdict = QLabel(wordWrap=True, objectName="phase")
        self.start = QPushButton(objectName="primary")
        self.finish = QPushButton()
        row = QHBoxLayout()
        row.addWidget(self.start)
        row.addWidget(self.finish)
        row.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.addWidget(self.title)
        layout.addWidget(self.instructions)
        layout.addWidget(self.device_label)
        layout.addSpacing(16)
        layout.addWidget(self.meter)
        layout.addWidget(self.verdict, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addStretch()
        layout.addLayout(row)
        self.relay.level.connect(self.meter.set_level)
        self.start.clicked.connect(self.start_test)
        self.finish.clicked.connect(self.done)
        self.retranslate()

    def configure(self, device: str | None, stream_factory: Callable[..., Any] | None = None) -> None:
        self.device, self.stream_factory = device, stream_factory
        self.retranslate()

    def start_test(self) -> None:
        if self.running:
            return
        self.running = True
        self.start.setEnabled(False)
        self.meter.reset()
        self.verdict.setText(tr("mic.listening"))
        job = run_job(lambda: services.check_microphone(TEST_SECONDS, device=self.device,
                                                        stream_factory=self.stream_factory, on_level=self.relay))
        job.finished.connect(self._on_result)
        job.failed.connect(self._on_failed)

    def _on_result(self, result: Any) -> None:
        self.running = False
        self.start.setEnabled(True)
        message = result.message_ko if i18n.language() == "ko" else result.message
        self.verdict.setText(message)
        self.verdict.setProperty("verdict", result.verdict)
        emit(self.finished_check, str(result.verdict))

    def _on_failed(self, message: str) -> None:
        self.running = False
        self.start.setEnabled(True)
        self.verdict.setText(tr("mic.failed", error=message))
        emit(self.finished_check, "failed")

    def retranslate(self) -> None:
        self.title.setText(tr("mic.title"))
        self.instructions.setText(tr("mic.instructions"))
        self.device_label.setText(tr("mic.device", name=self.device or tr("mic.default_device")))
        self.start.setText(tr("mic.start"))
        self.finish.setText(tr("mic.done"))
