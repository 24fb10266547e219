"""Microphone check: speak a sentence, watch the meter, get a plain verdict (runs on first launch)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from interview_app import paths
from interview_app.gui.i18n import tr
from interview_app.gui.widgets.level_meter import LevelMeter
from interview_app.gui.workers import RecorderBridge

log = logging.getLogger(__name__)

TEST_SECONDS = 5
QUIET_BELOW_DBFS = -45.0  # the loudest stretch of the test stayed under this: too quiet


class MicCheckScreen(QWidget):
    done = Signal()
    finished_check = Signal(str)  # ok | too_quiet | clipping | failed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge: RecorderBridge | None = None
        self.loudest = -120.0
        self.clipped = False
        self.running = False
        self.device_name = ""
        self.title = QLabel(objectName="title")
        self.instructions = QLabel(wordWrap=True)
        self.device = QLabel(objectName="muted")
        self.meter = LevelMeter()
        self.verdict = QLabel(wordWrap=True, objectName="phase")
        self.start = QPushButton(objectName="primary")
        self.finish = QPushButton()
        self._timer = QTimer(self, singleShot=True, interval=TEST_SECONDS * 1000)
        self._timer.timeout.connect(self.stop_test)
        row = QHBoxLayout()
        row.addWidget(self.start)
        row.addWidget(self.finish)
        row.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.addWidget(self.title)
        layout.addWidget(self.instructions)
        layout.addWidget(self.device)
        layout.addSpacing(16)
        layout.addWidget(self.meter)
        layout.addWidget(self.verdict, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addStretch()
        layout.addLayout(row)
        self.start.clicked.connect(self._toggle)
        self.finish.clicked.connect(self._finish)
        self.retranslate()

    def attach(self, bridge: RecorderBridge, device_name: str | None) -> None:
        self.bridge = bridge
        self.device_name = device_name or ""
        bridge.level.connect(self._on_level)
        bridge.stopped.connect(self._on_stopped)
        bridge.failed.connect(self._on_failed)
        self.verdict.clear()
        self.meter.reset()
        self.retranslate()

    def test_file(self) -> Path:
        return paths.cache_dir() / "mic-check.wav"

    def _toggle(self) -> None:
        if self.running:
            self.stop_test()
        else:
            self.start_test()

    def start_test(self) -> None:
        if self.bridge is None or self.running:
            return
        self.loudest, self.clipped, self.running = -120.0, False, True
        self.verdict.setText(tr("mic.listening"))
        self.start.setText(tr("mic.stop"))
        self.bridge.start(self.test_file())
        self._timer.start()

    def stop_test(self) -> None:
        if self.bridge is None or not self.running:
            return
        self._timer.stop()
        self.bridge.stop()

    def _on_level(self, rms: float, peak: float, clipping: bool) -> None:
        if not self.running:
            return
        self.meter.set_level(rms, peak, clipping)
        self.loudest = max(self.loudest, rms)
        self.clipped = self.clipped or clipping

    def _on_stopped(self, _recording: object) -> None:
        if not self.running:
            return
        self.running = False
        self.start.setText(tr("mic.start"))
        self.test_file().unlink(missing_ok=True)
        if self.clipped:
            result = "clipping"
        elif self.loudest < QUIET_BELOW_DBFS:
            result = "too_quiet"
        else:
            result = "ok"
        self.verdict.setText(tr("mic." + result))
        self.finished_check.emit(result)

    def _on_failed(self, _code: str, message: str) -> None:
        self.running = False
        self._timer.stop()
        self.start.setText(tr("mic.start"))
        self.test_file().unlink(missing_ok=True)
        self.verdict.setText(tr("mic.failed", error=message))
        self.finished_check.emit("failed")

    def _finish(self) -> None:
        if self.running:
            self.stop_test()
        self.done.emit()

    def retranslate(self) -> None:
        self.title.setText(tr("mic.title"))
        self.instructions.setText(tr("mic.instructions"))
        self.device.setText(tr("mic.device", name=self.device_name or tr("mic.default_device")))
        self.start.setText(tr("mic.stop") if self.running else tr("mic.start"))
        self.finish.setText(tr("mic.done"))
