"""Start: who is practising (optional), language, question set, number of questions, mode; microphone
check one click away."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from interview_app.errors import UserError
from interview_app.gui import services
from interview_app.gui.i18n import tr
from interview_app.gui.qtfix import emit

log = logging.getLogger(__name__)


def bank_label(bank: Any) -> str:
    title = getattr(bank, "title", None) or getattr(bank, "id", "?")
    count = len(getattr(bank, "questions", ()) or ())
    return f"{title} ({count})"


class StartScreen(QWidget):
    start_requested = Signal(dict)  # {person, language, mode, bank, count, random, read_aloud}
    mic_check_requested = Signal()
    history_requested = Signal()
    settings_requested = Signal()
    consultant_requested = Signal()
    language_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.banks: list[Any] = []
        self.banks_error = ""
        self.kiosk = False
        self.speech_problems: dict[str, str] = {}  # language -> why it cannot be read aloud ("" if it can)
        self.title = QLabel(objectName="title")
        self.title.setWordWrap(True)
        self.subtitle = QLabel(wordWrap=True)
        # A name or nickname, typed or picked from the names already used on this computer.
        self.person = QComboBox(editable=True)
        self.person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.person.lineEdit().setMaxLength(services.person_label_max())
        self.person.lineEdit().setClearButtonEnabled(True)
        completer = QCompleter(self.person.model(), self.person)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)  # no inline text under an IME
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.person.setCompleter(completer)
        self.person_hint = QLabel(objectName="muted", wordWrap=True)
        self.person_box = QWidget()
        person_layout = QVBoxLayout(self.person_box)
        person_layout.setContentsMargins(0, 0, 0, 0)
        person_layout.setSpacing(2)
        person_layout.addWidget(self.person)
        person_layout.addWidget(self.person_hint)
        self.language = QComboBox()
        self.language.addItem("한국어", "ko")
        self.language.addItem("English", "en")
        self.bank = QComboBox()
        self.count = QSpinBox(minimum=1, maximum=20, value=5)
        self.random = QCheckBox()
        self.mock = QRadioButton()
        self.practice = QRadioButton()
        self.mock.setChecked(True)
        self.modes = QButtonGroup(self)
        self.modes.addButton(self.mock)
        self.modes.addButton(self.practice)
        self.read_aloud = QCheckBox()
        self.message = QLabel(wordWrap=True, objectName="warning")
        self.begin = QPushButton(objectName="primary")
        self.begin.setDefault(True)
        self.mic = QPushButton()
        self.history = QPushButton()
        self.settings = QPushButton()
        self.consultant = QPushButton()

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        count_row = QHBoxLayout()
        count_row.addWidget(self.count)
        count_row.addWidget(self.random)
        count_row.addStretch()
        mode_box = QVBoxLayout()
        mode_box.addWidget(self.mock)
        mode_box.addWidget(self.practice)
        self.labels: dict[str, QLabel] = {}
        for key, field in (("start.person", self.person_box), ("start.language", self.language),
                           ("start.bank", self.bank), ("start.count", count_row), ("start.mode", mode_box)):
            label = QLabel()
            self.labels[key] = label
            self.form.addRow(label, field)
        self.form.addRow(self.read_aloud)
        self.form_box = form_box = QWidget()
        form_box.setLayout(self.form)

        tools = QHBoxLayout()
        for button in (self.mic, self.history, self.settings, self.consultant):
            tools.addWidget(button)
        tools.addStretch()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addSpacing(12)
        layout.addWidget(form_box)
        layout.addWidget(self.message)
        layout.addWidget(self.begin, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addStretch()
        layout.addLayout(tools)

        self.language.currentIndexChanged.connect(self._language_changed)
        self.bank.currentIndexChanged.connect(self._bank_changed)
        self.begin.clicked.connect(self._begin)
        self.mic.clicked.connect(self.mic_check_requested)
        self.history.clicked.connect(self.history_requested)
        self.settings.clicked.connect(self.settings_requested)
        self.consultant.clicked.connect(self.consultant_requested)
        self.retranslate()

    # --- size -----------------------------------------------------------------------------
    FORM_MAX_WIDTH = 1100  # px at the default text size: a readable line on a wide screen

    def _fit_form(self) -> None:
        """Keep the form to a readable width, but never narrower than its text (large text, 4K)."""
        self.form_box.setMaximumWidth(max(self.FORM_MAX_WIDTH, self.form.sizeHint().width()))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.LanguageChange):
            self._fit_form()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        self._fit_form()
        super().showEvent(event)

    # --- set-up from outside --------------------------------------------------------------
    def set_speech_problems(self, problems: dict[str, str]) -> None:
        """Which languages can be read aloud (``""``) and why the others cannot (``no_engine``, ``no_voice``)."""
        self.speech_problems = dict(problems)
        self._update_read_aloud()

    def _update_read_aloud(self) -> None:
        language = self.language.currentData()
        problem = self.speech_problems.get(language, "no_engine")
        self.read_aloud.setEnabled(not problem)
        if problem == "checking":
            self.read_aloud.setToolTip(tr("start.read_aloud_checking"))
        elif problem == "no_voice":
            self.read_aloud.setToolTip(tr("start.read_aloud_no_voice", language=tr(f"lang.{language}")))
        elif problem:
            self.read_aloud.setToolTip(tr("start.read_aloud_no_engine"))
        else:
            self.read_aloud.setToolTip("")

    def set_kiosk(self, kiosk: bool) -> None:
        """A shared café machine: no history, settings or consultant tools, and no name asked or offered."""
        self.kiosk = kiosk
        self.history.setVisible(not kiosk)
        self.settings.setVisible(not kiosk)
        self.consultant.setVisible(not kiosk)
        self.form.setRowVisible(self.person_box, not kiosk)
        if kiosk:
            self.set_people([])
            self.set_person(None)

    def set_people(self, names: list[str]) -> None:
        """Offer ``names`` (the names used on this computer); what is typed stays."""
        text = self.person.currentText()
        self.person.blockSignals(True)
        self.person.clear()
        self.person.addItems(names)
        self.person.setCurrentIndex(-1)
        self.person.setEditText(text)
        self.person.blockSignals(False)

    def set_person(self, name: str | None) -> None:
        self.person.setEditText(name or "")

    def person_name(self) -> str | None:
        """The name or nickname typed (trimmed, capped), or None; always None in kiosk mode."""
        if self.kiosk:
            return None
        return services.clean_person(self.person.currentText())

    def set_language(self, language: str) -> None:
        index = self.language.findData(language)
        if index >= 0 and index != self.language.currentIndex():
            self.language.blockSignals(True)
            self.language.setCurrentIndex(index)
            self.language.blockSignals(False)
        self.fill_banks()
        self._update_read_aloud()

    def load_banks(self) -> None:
        try:
            self.banks = services.load_banks()
            self.banks_error = ""
        except UserError as error:
            log.warning("question banks unavailable: %s", error)
            self.banks, self.banks_error = [], error.message
        self.fill_banks()

    def fill_banks(self) -> None:
        language = self.language.currentData()
        self.bank.blockSignals(True)
        self.bank.clear()
        for bank in self.banks:
            if getattr(bank, "language", language) in (language, "any", None):
                self.bank.addItem(bank_label(bank), bank)
        self.bank.blockSignals(False)
        self._bank_changed()

    # --- reactions ------------------------------------------------------------------------
    def _language_changed(self) -> None:
        emit(self.language_chosen, self.language.currentData())
        self.fill_banks()
        self._update_read_aloud()

    def _bank_changed(self) -> None:
        bank = self.bank.currentData()
        has_bank = bank is not None
        self.begin.setEnabled(has_bank)
        if has_bank:
            size = len(bank.questions)
            self.count.setMaximum(max(1, size))
            self.count.setValue(min(self.count.value(), size) or 1)
            self.message.clear()
        else:
            self.message.setText(tr("start.no_banks") + (f" ({self.banks_error})" if self.banks_error else ""))

    def _begin(self) -> None:
        bank = self.bank.currentData()
        if bank is None:
            return
        emit(self.start_requested, {
            "person": self.person_name(),
            "language": self.language.currentData(),
            "mode": "practice" if self.practice.isChecked() else "mock",
            "bank": bank,
            "count": self.count.value(),
            "random": self.random.isChecked(),
            "read_aloud": self.read_aloud.isEnabled() and self.read_aloud.isChecked(),
        })

    def retranslate(self) -> None:
        self.title.setText(tr("start.title"))
        self.subtitle.setText(tr("start.subtitle"))
        for key, label in self.labels.items():
            label.setText(tr(key))
        self.person.lineEdit().setPlaceholderText(tr("start.person_placeholder"))
        self.person.setAccessibleName(tr("start.person"))
        self.person_hint.setText(tr("start.person_hint"))
        self.random.setText(tr("start.random"))
        self.mock.setText(tr("start.mode_mock"))
        self.practice.setText(tr("start.mode_practice"))
        self.read_aloud.setText(tr("start.read_aloud"))
        self._update_read_aloud()
        self.begin.setText(tr("start.begin"))
        self.mic.setText(tr("start.mic_check"))
        self.history.setText(tr("start.history"))
        self.settings.setText(tr("start.settings"))
        self.consultant.setText(tr("start.consultant"))
        if self.bank.count() == 0:
            self._bank_changed()
        self._fit_form()
