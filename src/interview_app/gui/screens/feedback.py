"""Practice mode: quick feedback after each answer, then retry or go on."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from interview_app.gui.i18n import tr

FINDINGS_SHOWN = 4
SEVERITY_MARK = {"strength": "👍", "major": "❗", "minor": "•", "info": "·"}


def feedback_html(result: dict[str, Any]) -> str:
    """The transcript and the most important findings of one answer, as simple rich text."""
    analysis = result.get("analysis") or {}
    transcript = (analysis.get("transcript") or {}).get("text") or (result.get("transcript") or {}).get("text", "")
    parts = [f"<h3>{html.escape(tr('feedback.transcript'))}</h3>"]
    if transcript.strip():
        parts.append(f"<p>{html.escape(transcript)}</p>")
    else:
        parts.append(f"<p><b>{html.escape(tr('feedback.empty'))}</b></p>")
    findings = analysis.get("findings", [])[:FINDINGS_SHOWN]
    if findings:
        parts.append("<ul>")
        for finding in findings:
            mark = SEVERITY_MARK.get(finding.get("severity", ""), "•")
            suggestion = finding.get("suggestion") or ""
            parts.append(f"<li>{mark} {html.escape(finding.get('message', ''))}"
                         + (f"<br><i>{html.escape(suggestion)}</i>" if suggestion else "") + "</li>")
        parts.append("</ul>")
    return "".join(parts)


class FeedbackScreen(QWidget):
    retry_requested = Signal()
    next_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(objectName="title")
        self.question = QLabel(wordWrap=True, objectName="muted")
        self.waiting = QLabel()
        self.busy = QProgressBar(textVisible=False, maximumHeight=8)
        self.busy.setRange(0, 0)
        self.body = QTextBrowser()
        self.body.setOpenLinks(False)
        self.retry = QPushButton()
        self.next = QPushButton(objectName="primary")
        self.next.setDefault(True)
        self.last = False
        row = QHBoxLayout()
        row.addWidget(self.retry)
        row.addWidget(self.next)
        row.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 24)
        layout.addWidget(self.title)
        layout.addWidget(self.question)
        layout.addWidget(self.waiting)
        layout.addWidget(self.busy)
        layout.addWidget(self.body, stretch=1)
        layout.addLayout(row)
        self.retry.clicked.connect(self.retry_requested)
        self.next.clicked.connect(self.next_requested)
        self.retranslate()

    def show_waiting(self, question_text: str, *, last: bool) -> None:
        self.last = last
        self.question.setText(question_text)
        self.waiting.setText(tr("feedback.waiting"))
        self.waiting.show()
        self.busy.show()
        self.body.clear()
        self.retranslate()
        self.next.setFocus()

    def show_result(self, result: dict[str, Any]) -> None:
        self.waiting.hide()
        self.busy.hide()
        self.body.setHtml(feedback_html(result))

    def show_error(self, message: str) -> None:
        self.busy.hide()
        self.waiting.setText(message)

    def retranslate(self) -> None:
        self.title.setText(tr("feedback.title"))
        self.retry.setText(tr("feedback.retry"))
        self.next.setText(tr("feedback.finish") if self.last else tr("feedback.next"))
        self.next.setShortcut(Qt.Key.Key_Return)
