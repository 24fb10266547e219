"""Microphone check: speak a sentence, watch the meter, get a plain verdict (runs on first launch)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from interview_app.gui import i18n, services
from interview_app.gui.i18n import tr
from interview_app.gui.qtfix import emit
from interview_app.gui.widgets.level_meter import LevelMeter
from interview_app.gui.workers import LevelRelay, run_job

log = logging.getLogger(__name__)

TEST_SECONDS = 4
FIRST_LAUNCH_DELAY_MS = 2500  # on first launch the check starts by itself, once the instructions are read


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
        layout.addWidget(self.verdict)
        layout.addStretch()
        layout.addLayout(row)
        self.relay.level.connect(self.meter.set_level)
        self.start.clicked.connect(self.start_test)
        self.finish.clicked.connect(self.done)
        self.retranslate()

    def configure(self, device: str | None, stream_factory: Callable[..., Any] | None = None) -> None:
        self.device, self.stream_factory = device, stream_factory
        self.retranslate()

    def start_soon(self) -> None:
        """First launch: say that the check is about to start, and start it unless the person moved on."""
        self.verdict.setText(tr("mic.first_launch", seconds=FIRST_LAUNCH_DELAY_MS // 1000 + 1))
        QTimer.singleShot(FIRST_LAUNCH_DELAY_MS, self, self._start_if_shown)

    def _start_if_shown(self) -> None:
        if self.isVisible() and not self.running:
            self.start_test()

    def start_test(self) -> None:
        if self.running:
            return
        self.running = True
        self.start.setEnabled(False)
        self.meter.reset()
        self.verdict.setText(tr("mic.listening"))
        self._show_verdict("")
        job = run_job(lambda: services.check_microphone(TEST_SECONDS, device=self.device,
                                                        stream_factory=self.stream_factory, on_level=self.relay))
        job.finished.connect(self._on_result)
        job.failed.connect(self._on_failed)

    def _on_result(self, result: Any) -> None:
        self.running = False
        self.start.setEnabled(True)
        message = result.message_ko if i18n.language() == "ko" else result.message
        self.verdict.setText(message[:1].upper() + message[1:])
        self._show_verdict("ok" if str(result.verdict) == "ok" else "problem")
        emit(self.finished_check, str(result.verdict))

    def _on_failed(self, message: str) -> None:
        self.running = False
        self.start.setEnabled(True)
        self.verdict.setText(tr("mic.failed", error=message))
        self._show_verdict("problem")
        emit(self.finished_check, "failed")

    def _show_verdict(self, kind: str) -> None:
        """Green for a good microphone, red for a problem; plain while listening."""
        self.verdict.setProperty("verdict", kind)
        self.verdict.style().unpolish(self.verdict)
        self.verdict.style().polish(self.verdict)

    def retranslate(self) -> None:
        self.title.setText(tr("mic.title"))
        self.instructions.setText(tr("mic.instructions"))
        self.device_label.setText(tr("mic.device", name=self.device or tr("mic.default_device")))
        self.start.setText(tr("mic.start"))
        self.finish.setText(tr("mic.done"))
