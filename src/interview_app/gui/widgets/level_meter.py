"""A horizontal microphone level meter: green while speech is in range, red when clipping."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

FLOOR_DBFS = -60.0
QUIET_DBFS = -40.0


class LevelMeter(QWidget):
    """Shows the latest RMS level (bar) and peak (tick) in dBFS."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rms_dbfs = FLOOR_DBFS
        self.peak_dbfs = FLOOR_DBFS
        self.clipping = False
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("level meter")

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(300, max(18, self.fontMetrics().height()))

    def set_level(self, rms_dbfs: float, peak_dbfs: float, clipping: bool | int) -> None:
        self.rms_dbfs, self.peak_dbfs, self.clipping = rms_dbfs, peak_dbfs, bool(clipping)
        self.update()

    def reset(self) -> None:
        self.set_level(FLOOR_DBFS, FLOOR_DBFS, False)

    @staticmethod
    def fraction(dbfs: float) -> float:
        return min(1.0, max(0.0, (dbfs - FLOOR_DBFS) / -FLOOR_DBFS))

    def paintEvent(self, event) -> None:  # noqa: N802, ANN001 (Qt API)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#e6e8eb"))
        painter.drawRoundedRect(rect, 4, 4)
        if self.clipping:
            colour = QColor("#d93025")
        elif self.rms_dbfs < QUIET_DBFS:
            colour = QColor("#f2a600")
        else:
            colour = QColor("#1e8e3e")
        painter.setBrush(colour)
        bar = QRectF(rect)
        bar.setWidth(rect.width() * self.fraction(self.rms_dbfs))
        painter.drawRoundedRect(bar, 4, 4)
        painter.setBrush(QColor("#202124"))
        x = rect.left() + rect.width() * self.fraction(self.peak_dbfs)
        painter.drawRect(QRectF(x - 1, rect.top(), 2, rect.height()))
