"""The installed PySide6 must not leak references to None/True/False (PySide 6.12 on Python 3.11 does).

Each leaked reference brings the interpreter closer to aborting with "deallocating None" while a
countdown paints; a long mock interview makes millions of such calls.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

pytestmark = pytest.mark.gui


class _Source(QObject):
    changed = Signal(int)


def test_qt_calls_keep_the_reference_counts_of_none_and_booleans(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    source = _Source()
    before = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
    for _ in range(2000):
        label.setText("남은 시간")
        source.changed.emit(1)
        label.isVisible()
    after = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
    drift = [a - b for a, b in zip(after, before, strict=True)]
    assert all(abs(d) < 100 for d in drift), f"PySide6 leaks references to None/True/False: {drift}"
