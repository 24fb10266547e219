"""Keeping Python 3.11 alive under PySide 6.12.

PySide 6.12 returns ``None``, ``True`` and ``False`` from its methods and from ``Signal.emit``
without taking a reference for them, as is harmless on Python 3.12, where those objects are
immortal. On Python 3.11 every such call takes one reference away; a painted countdown and a level
meter make millions of calls in an hour, and the interpreter aborts ("deallocating None" or
"deallocating True or False"). On Python before 3.12 this module gives those singletons a
reference count so large that no run can use it up, which is what 3.12's immortality does.
Importing any screen imports this module first (through :func:`emit`).
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

_HEADROOM = 1 << 48  # references; at ten million calls a second this lasts about 900 years


def _make_singletons_immortal() -> bool:
    if sys.version_info >= (3, 12) or hasattr(sys, "gettotalrefcount"):  # immortal already; debug builds differ
        return False
    for singleton in (None, True, False, Ellipsis, NotImplemented):
        # ob_refcnt is the first field of every object in a release build of CPython 3.11.
        ctypes.c_ssize_t.from_address(id(singleton)).value += _HEADROOM
    return True


IMMORTALISED = _make_singletons_immortal()


def emit(signal: Any, *args: Any) -> None:
    """``signal.emit(*args)``; one name for every emission in the app."""
    signal.emit(*args)
