"""Past sessions: open, delete, compare two, and the progress of the dimension scores over time."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
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

    head = (f"<tr><th></th><th>{html.escape((comparison.a_created_at or '')[:16])}</th>"
            f"<th>{html.escape((comparison.b_created_at or '')[:16])}</th>"
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


def progress_html(points: list[Any]) -> str:
    """Every dimension's score per session, oldest first, with a bar for each score."""
    parts = [f"<h3>{html.escape(tr('history.progress'))}</h3>"]
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
        self.sessions: list[dict[str, Any]] = []
        self.title = QLabel(objectName="title")
        self.table = QTableWidget(0, 3 + len(DIMENSIONS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(self.title)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, stretch=3)
        layout.addLayout(row)
        layout.addWidget(self.detail, stretch=2)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self._open())
        self.open_button.clicked.connect(self._open)
        self.delete_button.clicked.connect(lambda: self.delete_selected(confirm=True))
        self.compare_button.clicked.connect(self.compare_selected)
        self.progress_button.clicked.connect(self.show_progress)
        self.back.clicked.connect(self.back_requested)
        self.retranslate()

    def refresh(self) -> None:
        self.sessions = services.list_sessions()
        self.table.setRowCount(len(self.sessions))
        for row, session in enumerate(self.sessions):
            cells = [session["created_at"][:16].replace("T", " "), session["bank"],
                     tr("mode." + session["mode"]) if session["mode"] in ("mock", "practice") else session["mode"]]
            cells += [_score(session["dimensions"].get(d)) for d in DIMENSIONS]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column >= 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, column, item)
        self.empty.setVisible(not self.sessions)
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
        self.progress_button.setEnabled(len(self.sessions) >= 2)

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

    def show_progress(self) -> None:
        chosen = self.selected()
        person = chosen[0].get("person") if len(chosen) == 1 else None
        self.detail.setHtml(progress_html(services.progress(person)))

    def retranslate(self) -> None:
        self.title.setText(tr("history.title"))
        self.empty.setText(tr("history.empty"))
        headers = [tr("history.date"), tr("history.bank"), tr("history.mode")]
        headers += [tr("dimension." + d) for d in DIMENSIONS]
        self.table.setHorizontalHeaderLabels(headers)
        self.open_button.setText(tr("history.open"))
        self.delete_button.setText(tr("history.delete"))
        self.compare_button.setText(tr("history.compare"))
        self.progress_button.setText(tr("history.progress"))
        self.back.setText(tr("common.back"))
