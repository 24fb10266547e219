"""Emitting signals from Python without losing references to ``True``.

PySide 6.12's ``SignalInstance.emit`` returns ``True`` without taking a reference for it, so every
discarded result takes one reference away from ``True``; after enough emissions (a level meter
emits about twenty times a second) Python 3.11 aborts with "deallocating True or False". Every
emission in the app goes through :func:`emit`, which gives the reference back only when the
running PySide is measured (once, at import) to lose it.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal


class _Probe(QObject):
    ping = Signal()


def _measure_loss() -> int:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(4):
        probe.ping.emit()
    lost = (before - sys.getrefcount(True)) // 4
    if lost > 0:
        for _ in range(4 * lost):
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
    return max(0, lost)


LOST_PER_EMIT = _measure_loss()


def emit(signal: Any, *args: Any) -> None:
    """``signal.emit(*args)``, keeping the reference count of the returned bool whole."""
    result = signal.emit(*args)
    if LOST_PER_EMIT and isinstance(result, bool):
        for _ in range(LOST_PER_EMIT):
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))
