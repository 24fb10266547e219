"""Past sessions: open, delete, compare two, and one person's progress of the dimension scores over time."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from interview_app.gui import i18n, services
from interview_app.gui.i18n import tr
from interview_app.gui.qtfix import emit

DIMENSIONS = ("delivery", "structure", "content", "language")
FIRST_SCORE_COLUMN = 4  # date, name, question set, mode, then the dimensions
# The person filter's choices besides the names themselves.
EVERYONE, UNNAMED = ("everyone",), ("unnamed",)


def _score(value: Any) -> str:
    return "–" if value is None else str(round(float(value)))


def _number(value: Any) -> str:
    if value is None:
        return "–"
    return f"{value:.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)


def compare_html(comparison: Any) -> str:
    """The dimension scores and measured metrics of two sessions (older first) and the change."""
    def row(label: str, a: Any, b: Any, delta: Any, improved: bool | None = None, *, score: bool) -> str:
        shown = (_score if score else _number)
        change = "" if delta is None else (f"{round(delta):+d}" if score else f"{delta:+.2f}".rstrip("0").rstrip("."))
        colour = {True: "#1e8e3e", False: "#d93025"}.get(improved, "#202124") if improved is not None else "#202124"
        return (f"<tr><td>{html.escape(label)}</td><td align='right'>{shown(a)}</td><td align='right'>{shown(b)}</td>"
                f"<td align='right'><b><font color='{colour}'>{change}</font></b></td></tr>")

    head = (f"<tr><th></th><th>{html.escape((comparison.a_created_at or '')[:16].replace('T', ' '))}</th>"
            f"<th>{html.escape((comparison.b_created_at or '')[:16].replace('T', ' '))}</th>"
            f"<th>{html.escape(tr('history.change'))}</th></tr>")
    rows = [head]
    for delta in comparison.dimensions:
        improved = None if delta.delta in (None, 0) else delta.delta > 0
        rows.append(row(tr("dimension." + delta.id) if delta.id in DIMENSIONS else delta.id,
                        delta.a, delta.b, delta.delta, improved, score=True))
    for metric in comparison.metrics:
        if metric.a is None and metric.b is None:
            continue
        label = metric.label_ko if i18n.language() == "ko" else metric.label_en
        rows.append(row(label, metric.a, metric.b, metric.delta if metric.comparable else None, metric.improved,
                        score=False))
    return f"<h3>{html.escape(tr('history.compare'))}</h3><table cellpadding='5'>{''.join(rows)}</table>"


def progress_html(points: list[Any], person: str | None = None) -> str:
    """Every dimension's score per session, oldest first, with a bar for each score."""
    who = person or tr("history.filter_unnamed")
    parts = [f"<h3>{html.escape(tr('history.progress_of', name=who))}</h3>"]
    for dimension in DIMENSIONS:
        parts.append(f"<p><b>{html.escape(tr('dimension.' + dimension))}</b></p><table cellspacing='2'>")
        for created_at, dimensions in points:
            value = dimensions.get(dimension)
            width = 0 if value is None else max(1, int(value) * 3)
            parts.append(f"<tr><td>{html.escape(str(created_at)[:10])}</td>"
                         f"<td><table cellspacing='0'><tr><td bgcolor='#1a73e8' width='{width}' height='12'></td>"
                         f"</tr></table></td><td>{_score(value)}</td></tr>")
        parts.append("</table>")
    return "".join(parts)


class HistoryScreen(QWidget):
    open_requested = Signal(Path)  # a session folder
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.all_sessions: list[dict[str, Any]] = []
        self.sessions: list[dict[str, Any]] = []  # the ones listed (after the person filter)
        self.title = QLabel(objectName="title")
        self.filter_label = QLabel()
        self.person_filter = QComboBox()
        self.filter_label.setBuddy(self.person_filter)
        self.table = QTableWidget(0, FIRST_SCORE_COLUMN + len(DIMENSIONS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.empty = QLabel(objectName="muted")
        self.detail = QTextBrowser()
        self.open_button = QPushButton(objectName="primary")
        self.delete_button = QPushButton(objectName="danger")
        self.compare_button = QPushButton()
        self.progress_button = QPushButton()
        self.back = QPushButton()
        row = QHBoxLayout()
        for button in (self.open_button, self.delete_button, self.compare_button, self.progress_button):
            row.addWidget(button)
        row.addStretch()
        row.addWidget(self.back)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch()
        top.addWidget(self.filter_label)
        top.addWidget(self.person_filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, stretch=3)
        layout.addLayout(row)
        layout.addWidget(self.detail, stretch=2)
        self.person_filter.currentIndexChanged.connect(self._filter_changed)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self._open())
        self.open_button.clicked.connect(self._open)
        self.delete_button.clicked.connect(lambda: self.delete_selected(confirm=True))
        self.compare_button.clicked.connect(self.compare_selected)
        self.progress_button.clicked.connect(self.show_progress)
        self.back.clicked.connect(self.back_requested)
        self.retranslate()

    def refresh(self) -> None:
        self.all_sessions = services.list_sessions()
        self._fill_filter()
        self._fill_table()

    # --- the person filter ----------------------------------------------------------------
    def _fill_filter(self) -> None:
        """Everyone, each name used (the most recent first), and the sessions without a name."""
        chosen = self.person_filter.currentData()
        names: list[str] = []
        for session in self.all_sessions:  # newest first
            if session["person"] and session["person"] not in names:
                names.append(session["person"])
        self.person_filter.blockSignals(True)
        self.person_filter.clear()
        self.person_filter.addItem(tr("history.filter_all"), EVERYONE)
        for name in names:
            self.person_filter.addItem(name, ("person", name))
        if any(not session["person"] for session in self.all_sessions):
            self.person_filter.addItem(tr("history.filter_unnamed"), UNNAMED)
        self.person_filter.setCurrentIndex(max(0, self._filter_index(chosen)))
        self.person_filter.blockSignals(False)

    def _filter_index(self, choice: Any) -> int:
        # Compared by value: QComboBox.findData compares Python objects by identity.
        for index in range(self.person_filter.count()):
            if self.person_filter.itemData(index) == choice:
                return index
        return -1

    def filter_person(self, person: str | None) -> None:
        """List only ``person``'s sessions (None: the ones without a name) and show their progress."""
        self.person_filter.setCurrentIndex(max(0, self._filter_index(("person", person) if person else UNNAMED)))

    def _filter_changed(self) -> None:
        self._fill_table()
        choice = self.person_filter.currentData()
        if choice != EVERYONE and self.sessions:
            self.show_progress()

    def _fill_table(self) -> None:
        choice = self.person_filter.currentData() or EVERYONE
        if choice == EVERYONE:
            self.sessions = list(self.all_sessions)
        elif choice == UNNAMED:
            self.sessions = [s for s in self.all_sessions if not s["person"]]
        else:
            self.sessions = [s for s in self.all_sessions if s["person"] == choice[1]]
        self.table.clearSelection()
        self.table.setRowCount(len(self.sessions))
        for row, session in enumerate(self.sessions):
            cells = [session["created_at"][:16].replace("T", " "), session["person"] or "", session["bank"],
                     tr("mode." + session["mode"]) if session["mode"] in ("mock", "practice") else session["mode"]]
            cells += [_score(session["dimensions"].get(d)) for d in DIMENSIONS]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column >= FIRST_SCORE_COLUMN:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, column, item)
        self.empty.setVisible(not self.all_sessions)
        self.detail.clear()
        self._selection_changed()

    def selected(self) -> list[dict[str, Any]]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.sessions[r] for r in rows]

    def _selection_changed(self) -> None:
        count = len(self.selected())
        self.open_button.setEnabled(count == 1)
        self.delete_button.setEnabled(count >= 1)
        self.compare_button.setEnabled(count == 2)
        self.progress_button.setEnabled(bool(self.sessions))

    def _open(self) -> None:
        chosen = self.selected()
        if len(chosen) == 1:
            emit(self.open_requested, Path(chosen[0]["dir"]))

    def delete_selected(self, *, confirm: bool) -> None:
        chosen = self.selected()
        if not chosen:
            return
        if confirm:
            answer = QMessageBox.question(self, tr("history.delete"), tr("history.delete_confirm"))
            if answer != QMessageBox.StandardButton.Yes:
                return
        for session in chosen:
            services.delete_session(Path(session["dir"]))
        self.refresh()

    def compare_selected(self) -> None:
        chosen = self.selected()
        if len(chosen) != 2:
            self.detail.setPlainText(tr("history.compare_hint"))
            return
        older, newer = sorted(chosen, key=lambda session: session["created_at"])
        self.detail.setHtml(compare_html(services.compare_sessions(older["id"], newer["id"])))

    def progress_person(self) -> str | None:
        """Whose progress to show: the selected session's person, else the one chosen above (None: the
        sessions without a name)."""
        chosen = self.selected()
        if len(chosen) == 1:
            return chosen[0]["person"] or None
        choice = self.person_filter.currentData()
        return choice[1] if isinstance(choice, tuple) and choice[0] == "person" else None

    def show_progress(self) -> None:
        """One person's sessions over time: each dimension's score per date, oldest first."""
        person = self.progress_person()
        points = services.progress(person)
        if not points:
            self.detail.setPlainText(tr("history.progress_none"))
            return
        self.detail.setHtml(progress_html(points, person))

    def retranslate(self) -> None:
        self.title.setText(tr("history.title"))
        self.empty.setText(tr("history.empty"))
        self.filter_label.setText(tr("history.filter"))
        for index in range(self.person_filter.count()):
            data = self.person_filter.itemData(index)
            if data == EVERYONE:
                self.person_filter.setItemText(index, tr("history.filter_all"))
            elif data == UNNAMED:
                self.person_filter.setItemText(index, tr("history.filter_unnamed"))
        headers = [tr("history.date"), tr("history.person"), tr("history.bank"), tr("history.mode")]
        headers += [tr("dimension." + d) for d in DIMENSIONS]
        self.table.setHorizontalHeaderLabels(headers)
        self.open_button.setText(tr("history.open"))
        self.delete_button.setText(tr("history.delete"))
        self.compare_button.setText(tr("history.compare"))
        self.progress_button.setText(tr("history.progress"))
        self.back.setText(tr("common.back"))
