"""Settings: microphone, model, languages, the data folder (shown, opened, moved), how long recordings
are kept, kiosk mode."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from interview_app.errors import UserError
from interview_app.gui import services
from interview_app.gui.i18n import tr
from interview_app.gui.kiosk import hash_pin
from interview_app.gui.qtfix import emit
from interview_app.gui.workers import JobSignals, run_job
from interview_app.storage.settings import Settings

log = logging.getLogger(__name__)

BUNDLED_MODELS = ("base", "tiny.en")


class SettingsScreen(QWidget):
    saved = Signal(object)  # the new Settings
    back_requested = Signal()
    data_folder_moved = Signal(str)  # the new data folder
    move_failed = Signal(str)  # what went wrong, in the interface's language

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        # Why the data folder cannot be moved right now (a message id), or None; set by the main window.
        self.move_blocker: Callable[[], str | None] = lambda: None
        self.moving = False
        self.speech_problems: dict[str, str] = {}
        self.title = QLabel(objectName="title")
        self.microphone = QComboBox()
        self.model = QComboBox()
        self.model_folder = QPushButton()
        self.ui_language = QComboBox()
        self.answer_language = QComboBox()
        self.data_folder = QLabel(str(services.data_folder()), wordWrap=True)
        self.open_folder = QPushButton()
        self.change_folder = QPushButton()
        self.move_busy = QProgressBar(minimum=0, maximum=0, textVisible=False)  # busy, no percentage
        self.move_busy.setMaximumHeight(self.fontMetrics().height() // 2 + 4)
        self.move_busy.hide()
        self.move_note = QLabel(objectName="muted", wordWrap=True)
        self.keep_days = QSpinBox(minimum=0, maximum=3650)
        self.font_scale = QDoubleSpinBox(minimum=0.8, maximum=2.5, singleStep=0.1, decimals=1)
        self.read_aloud = QCheckBox()
        self.blind = QCheckBox()
        self.kiosk = QCheckBox()
        self.pin = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(12)
        self.idle = QSpinBox(minimum=1, maximum=120)
        self.message = QLabel(objectName="warning", wordWrap=True)
        self.save_button = QPushButton(objectName="primary")
        self.back = QPushButton()
        self.form = QFormLayout()
        model_row = QHBoxLayout()
        model_row.addWidget(self.model, stretch=1)
        model_row.addWidget(self.model_folder)
        folder_line = QHBoxLayout()
        folder_line.addWidget(self.data_folder, stretch=1)
        folder_line.addWidget(self.open_folder)
        folder_line.addWidget(self.change_folder)
        folder_row = QVBoxLayout()
        folder_row.addLayout(folder_line)
        folder_row.addWidget(self.move_busy)
        folder_row.addWidget(self.move_note)
        self.rows = [
            ("settings.microphone", self.microphone), ("settings.model", model_row),
            ("settings.ui_language", self.ui_language), ("settings.answer_language", self.answer_language),
            ("settings.data_folder", folder_row), ("settings.keep_days", self.keep_days),
            ("settings.font_scale", self.font_scale), ("", self.read_aloud), ("", self.blind), ("", self.kiosk),
            ("settings.kiosk_pin", self.pin), ("settings.kiosk_idle", self.idle),
        ]
        self.labels: list[tuple[QLabel, str]] = []
        for key, field in self.rows:
            label = QLabel()
            self.labels.append((label, key))
            self.form.addRow(label, field)
        body = QWidget()
        body.setLayout(self.form)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(body)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch()
        buttons.addWidget(self.back)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(self.title)
        layout.addWidget(scroll, stretch=1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.model_folder.clicked.connect(self._choose_model_folder)
        self.open_folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(services.data_folder()))))
        self.change_folder.clicked.connect(self._choose_data_folder)
        self.save_button.clicked.connect(self.save)
        self.back.clicked.connect(self.back_requested)
        self.retranslate()
        self.load(settings)

    def set_speech_problems(self, problems: dict[str, str]) -> None:
        """Reading aloud can be switched on when at least one language has a voice; else the tooltip says why."""
        self.speech_problems = dict(problems)
        readable = any(not problem for problem in problems.values())
        self.read_aloud.setEnabled(readable)
        if readable:
            self.read_aloud.setToolTip("")
        elif "checking" in problems.values():
            self.read_aloud.setToolTip(tr("start.read_aloud_checking"))
        elif "no_voice" in problems.values():
            self.read_aloud.setToolTip(tr("settings.read_aloud_no_voice"))
        else:
            self.read_aloud.setToolTip(tr("start.read_aloud_no_engine"))

    # --- settings <-> widgets -------------------------------------------------------------
    def load(self, settings: Settings) -> None:
        self.settings = settings
        self.microphone.clear()
        self.microphone.addItem(tr("mic.default_device"), None)
        try:
            for device in services.list_input_devices():
                name = services.device_name(device)
                self.microphone.addItem(name, name)
        except UserError as error:
            log.info("no device list: %s", error)
        if settings.input_device and self.microphone.findData(settings.input_device) < 0:
            self.microphone.addItem(settings.input_device, settings.input_device)
        self.microphone.setCurrentIndex(max(0, self.microphone.findData(settings.input_device)))
        self.model.clear()
        self.model.addItem(tr("settings.model_base"), "base")
        self.model.addItem(tr("settings.model_tiny"), "tiny.en")
        if settings.model not in BUNDLED_MODELS:
            self.model.addItem(settings.model, settings.model)
        self.model.setCurrentIndex(max(0, self.model.findData(settings.model)))
        self.ui_language.setCurrentIndex(max(0, self.ui_language.findData(settings.ui_language)))
        self.answer_language.setCurrentIndex(max(0, self.answer_language.findData(settings.answer_language)))
        self.keep_days.setValue(settings.keep_recordings_days)
        self.font_scale.setValue(settings.font_scale)
        self.read_aloud.setChecked(settings.read_questions_aloud)
        self.blind.setChecked(settings.blind_hiring)
        self.kiosk.setChecked(settings.kiosk_mode)
        self.pin.clear()
        self.idle.setValue(settings.kiosk_idle_minutes)
        self.message.clear()
        self.data_folder.setText(str(services.data_folder()))
        self.update_move_state()

    # --- moving the data folder -----------------------------------------------------------
    def move_blocked(self) -> str | None:
        """Why the data folder cannot be moved now (a message id), or None when it can."""
        if services.data_folder_fixed_by_environment():
            return "settings.move_env"
        return self.move_blocker()

    def update_move_state(self) -> None:
        reason = self.move_blocked()
        self.change_folder.setEnabled(reason is None and not self.moving)
        self.move_note.setText(tr("settings.moving") if self.moving else tr(reason) if reason else "")
        self.move_note.setVisible(self.moving or reason is not None)
        self.move_busy.setVisible(self.moving)

    def _choose_data_folder(self) -> None:
        if self.move_blocked() is not None or self.moving:
            return
        current = services.data_folder()
        folder = QFileDialog.getExistingDirectory(self, tr("settings.choose_folder"), str(current.parent))
        if not folder:
            return
        answer = QMessageBox.question(self, tr("settings.move_title"), tr("settings.move_confirm", path=folder))
        if answer == QMessageBox.StandardButton.Yes:
            self.move_data_folder(folder)

    def move_data_folder(self, folder: str | Path) -> JobSignals | None:
        """Move the data folder to ``folder`` in the background (the slot behind "Change…" once a folder
        is chosen and confirmed). The result comes as ``data_folder_moved`` or ``move_failed``."""
        reason = self.move_blocked()
        if reason is not None or self.moving:
            if reason is not None:
                self.message.setText(tr(reason))
            return None
        self._set_moving(True)
        self.message.clear()
        job = run_job(services.move_data_folder, Path(folder))
        job.finished.connect(self._moved)
        job.failed.connect(self._move_failed)
        return job

    def _set_moving(self, moving: bool) -> None:
        self.moving = moving
        for widget in (self.save_button, self.back, self.open_folder):
            widget.setEnabled(not moving)
        self.update_move_state()

    def _moved(self, result: Any) -> None:
        self._set_moving(False)
        target = str(result.target)
        self.data_folder.setText(target)
        if result.leftovers:
            self.message.setText(tr("settings.moved_leftovers", count=len(result.leftovers), path=str(result.source)))
        else:
            self.message.setText(tr("settings.moved", path=target))
        emit(self.data_folder_moved, target)

    def _move_failed(self, message: str) -> None:
        self._set_moving(False)
        self.message.setText(message)
        emit(self.move_failed, message)

    def _choose_model_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("settings.model_folder"), str(Path.home()))
        if folder:
            self.model.addItem(folder, folder)
            self.model.setCurrentIndex(self.model.count() - 1)

    def save(self) -> bool:
        settings = self.settings
        pin = self.pin.text().strip()
        if self.kiosk.isChecked() and not settings.kiosk_pin_hash and (len(pin) < 4 or not pin.isdigit()):
            self.message.setText(tr("settings.pin_needed"))
            return False
        settings.input_device = self.microphone.currentData()
        settings.model = self.model.currentData()
        settings.ui_language = self.ui_language.currentData()
        settings.answer_language = self.answer_language.currentData()
        settings.keep_recordings_days = self.keep_days.value()
        settings.font_scale = round(self.font_scale.value(), 1)
        settings.read_questions_aloud = self.read_aloud.isChecked()
        settings.blind_hiring = self.blind.isChecked()
        settings.kiosk_mode = self.kiosk.isChecked()
        if pin:
            if len(pin) < 4 or not pin.isdigit():
                self.message.setText(tr("settings.pin_needed"))
                return False
            settings.kiosk_pin_hash = hash_pin(pin)
        settings.kiosk_idle_minutes = self.idle.value()
        settings.save()
        self.pin.clear()
        self.message.setText(tr("settings.saved"))
        emit(self.saved, settings)
        return True

    def retranslate(self) -> None:
        self.title.setText(tr("settings.title"))
        for label, key in self.labels:
            label.setText(tr(key) if key else "")
        self.model_folder.setText(tr("settings.model_folder"))
        self.open_folder.setText(tr("settings.open_folder"))
        self.change_folder.setText(tr("settings.change_folder"))
        self.update_move_state()
        self.read_aloud.setText(tr("settings.read_aloud"))
        self.set_speech_problems(self.speech_problems)
        self.blind.setText(tr("settings.blind"))
        self.kiosk.setText(tr("settings.kiosk"))
        for combo, choices in ((self.ui_language, ("ko", "en")), (self.answer_language, ("ko", "en", "auto"))):
            current = combo.currentData()
            combo.clear()
            for code in choices:
                combo.addItem(tr("lang." + code), code)
            combo.setCurrentIndex(max(0, combo.findData(current)))
        self.save_button.setText(tr("common.save"))
        self.back.setText(tr("common.back"))
