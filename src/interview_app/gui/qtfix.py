"""One name for every signal emission in the app.

PySide 6.12 on Python 3.11 drops a reference to ``None``/``True``/``False`` on each call that
returns them, and the interpreter aborts after a few minutes of painting ("deallocating None").
pyproject.toml therefore keeps PySide6 below 6.12; tests/gui/test_qt_refcounts.py fails if a
PySide6 with that fault is ever installed, rather than letting the app crash mid-interview.
"""

from __future__ import annotations

from typing import Any


def emit(signal: Any, *args: Any) -> None:
    """``signal.emit(*args)``; one place to adapt should emission ever need care again."""
    signal.emit(*args)
