"""Kiosk mode for shared café machines: full screen, PIN to leave, idle timeout, wipe at session end."""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

PIN_ITERATIONS = 120_000
# A kiosk window has no frame (no close button, nothing to drag or resize) and stays above the others.
KIOSK_WINDOW_FLAGS = Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
_ACTIVITY_EVENTS = {
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


def hash_pin(pin: str, *, salt: bytes | None = None) -> str:
    """``pbkdf2-sha256$iterations$salt$hash`` for storing the consultant PIN in the settings."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, PIN_ITERATIONS)
    return f"pbkdf2-sha256${PIN_ITERATIONS}${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, stored: str | None) -> bool:
    if not stored:
        return False
    try:
        scheme, iterations, salt_hex, digest_hex = stored.split("$")
        if scheme != "pbkdf2-sha256":
            return False
        digest = hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), bytes.fromhex(salt_hex), int(iterations))
    except ValueError:
        log.warning("the stored kiosk PIN hash is malformed")
        return False
    return hmac.compare_digest(digest.hex(), digest_hex)


class IdleWatcher(QObject):
    """Emits ``idle`` when no key, mouse or touch input reached ``window`` for ``timeout_ms``.

    It watches the top-level QWindow, which sees every input event before the widgets do. (An
    application-wide Python event filter would also see WebEngine's internal objects, which
    PySide cannot wrap: it crashed.)
    """

    idle = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self, singleShot=True, interval=timeout_ms)
        self.timer.timeout.connect(self.idle)
        self.watched: QWindow | None = None

    def start(self, window: QWidget) -> None:
        window.winId()  # make sure the native window exists
        handle = window.windowHandle()
        if handle is not None and handle is not self.watched:
            self.stop()
            handle.installEventFilter(self)
            self.watched = handle
        self.timer.start()

    def stop(self) -> None:
        if self.watched is not None:
            self.watched.removeEventFilter(self)
            self.watched = None
        self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() in _ACTIVITY_EVENTS:
            self.timer.start()
        return False
