"""QApplication set-up: WebEngine before the app exists, Korean fonts, font scaling, high-DPI, style."""

from __future__ import annotations

import logging
import os
import sys

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

# Korean first: the first of these the system has becomes the interface font.
KOREAN_FONTS = ("Noto Sans KR", "Noto Sans CJK KR", "NanumBarunGothic", "NanumGothic", "Malgun Gothic",
                "Apple SD Gothic Neo")
BASE_POINT_SIZE = 12.0


def prepare_environment() -> None:
    """What must happen before the QApplication is created (WebEngine, sandbox as root, high-DPI)."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # Chromium refuses to run its sandbox as root; only then is it switched off.
        flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
        if "--no-sandbox" not in flags:
            os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = (flags + " --no-sandbox").strip()
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    if QGuiApplication.instance() is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    import PySide6.QtWebEngineWidgets  # noqa: F401  (must be imported before the QApplication exists)


def korean_font_family() -> str | None:
    families = set(QFontDatabase.families())
    for family in KOREAN_FONTS:
        if family in families:
            return family
    return None


def stylesheet(scale: float) -> str:
    """The app's look; every size is relative to the base size times the person's ``scale``."""
    base = BASE_POINT_SIZE * scale

    def pt(factor: float) -> str:
        return f"{base * factor:.1f}pt"

    return f"""
    QWidget {{ font-size: {pt(1)}; }}
    QLabel#title {{ font-size: {pt(1.7)}; font-weight: bold; color: #202124; }}
    QLabel#question {{ font-size: {pt(2.0)}; font-weight: bold; color: #202124; padding: 12px; }}
    QLabel#phase {{ font-size: {pt(1.3)}; font-weight: bold; color: #1a73e8; }}
    QLabel#muted {{ color: #5f6368; }}
    QLabel#phase[verdict="ok"] {{ color: #188038; }}
    QLabel#phase[verdict="problem"] {{ color: #b3261e; }}
    QLabel#warning {{ color: #b3261e; }}
    QLabel#banner {{ background: #fdecea; color: #8c1d18; border: 2px solid #d93025; border-radius: 6px;
                     padding: 10px; font-size: {pt(1.2)}; font-weight: bold; }}
    QLabel#recording {{ color: #5f6368; font-weight: bold; }}
    QLabel#recording[active="true"] {{ color: #d93025; }}
    QFrame#panel {{ background: #f1f3f4; border-radius: 8px; }}
    QPushButton {{ padding: 6px 14px; }}
    QPushButton#primary {{ background: #1a73e8; color: white; border-radius: 6px; padding: 8px 22px;
                           font-weight: bold; }}
    QPushButton#primary:disabled {{ background: #9aa0a6; }}
    QPushButton#danger {{ background: #d93025; color: white; border-radius: 6px; padding: 8px 18px; }}
    QPushButton:focus {{ outline: 2px solid #fbbc04; }}
    """


def apply_look(app: QApplication, font_scale: float) -> None:
    font = QFont(app.font())
    family = korean_font_family()
    if family:
        font.setFamilies([family, *[f for f in QFont().families() if f != family]])
    font.setPointSizeF(BASE_POINT_SIZE * font_scale)
    app.setFont(font)
    app.setStyleSheet(stylesheet(font_scale))


def create_app(argv: list[str] | None = None) -> QApplication:
    prepare_environment()
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName("Interview Coach")
    app.setOrganizationName("InterviewCoach")
    return app  # type: ignore[return-value]

