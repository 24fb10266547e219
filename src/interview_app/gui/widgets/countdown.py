"""A large countdown: the time left as text over a shrinking ring."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QWidget

from interview_app.gui.i18n import format_seconds


class Countdown(QWidget):
    """Shows ``remaining`` of ``total`` seconds; with no limit (practice) it shows the elapsed time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.total = 0.0
        self.remaining = -1.0
        self.elapsed = 0.0
        self.colour = QColor("#1a73e8")

    # In lines of the current text size, so the ring grows with the font setting (and with the
    # screen's scale factor): seven where there is room, five at least (large text on a short screen).
    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        side = self.fontMetrics().height() * 7
        return QSize(side, side)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        side = self.fontMetrics().height() * 5
        return QSize(side, side)

    def set_phase(self, total: float, colour: str) -> None:
        self.total, self.colour = total, QColor(colour)
        self.update()

    def set_time(self, elapsed: float, remaining: float) -> None:
        self.elapsed, self.remaining = elapsed, remaining
        self.update()

    def text(self) -> str:
        return format_seconds(self.remaining if self.remaining >= 0 else self.elapsed)

    def paintEvent(self, event) -> None:  # noqa: N802, ANN001 (Qt API)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(self.width(), self.height()) - 12
        rect = QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)
        pen = QPen(QColor("#e6e8eb"), max(6, side / 14))
        painter.setPen(pen)
        painter.drawEllipse(rect)
        if self.remaining >= 0 and self.total > 0:
            pen.setColor(self.colour)
            painter.setPen(pen)
            span = int(360 * 16 * self.remaining / self.total)
            painter.drawArc(rect, 90 * 16, span)
        font = QFont(self.font())
        font.setPixelSize(max(12, int(side / 4)))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("#202124"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.text())
