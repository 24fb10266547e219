"""Export a written HTML report to an A4 PDF with QtWebEngine (works offscreen, without a window).

The core report package stays free of Qt; this is the one place that prints it.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any

from interview_app.errors import EXIT_OUTPUT, UserError
from interview_app.fileio import write_bytes_atomic

log = logging.getLogger(__name__)

LOAD_TIMEOUT_MS = 60_000


class PdfExportError(UserError):
    """The PDF could not be made or written."""

    exit_code = EXIT_OUTPUT


def _prepare_environment() -> None:
    """Qt needs a platform without a display, and QtWebEngine refuses root without --no-sandbox."""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY") and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    wanted = ["--log-level=3"]  # Chromium's own console chatter (no D-Bus in a kiosk or container)
    if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        wanted.append("--disable-gpu")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        wanted.append("--no-sandbox")
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "").split()
    missing = [flag for flag in wanted if flag not in flags]
    if missing:
        os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = " ".join([*flags, *missing])


def export_pdf(html_path: str | os.PathLike[str], pdf_path: str | os.PathLike[str]) -> Path:
    """Print ``html_path`` to ``pdf_path`` (A4, the report's print stylesheet); return the PDF path.

    Runs its own event loop until the PDF is ready; an existing PDF is replaced only by a complete one.
    """
    source = Path(html_path).resolve()
    target = Path(pdf_path)
    if not source.is_file():
        raise PdfExportError(f"{source}: no such report; write the HTML report first")
    if target.is_dir():
        raise PdfExportError(f"{target} is a folder; give a file name such as report.pdf")
    _prepare_environment()

    from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QMarginsF, Qt, QTimer, QUrl, qInstallMessageHandler
    from PySide6.QtGui import QPageLayout, QPageSize
    from PySide6.QtWidgets import QApplication

    # Qt's rendering back-end chatter (no GPU offscreen) goes to the log, not the terminal.
    previous_handler = qInstallMessageHandler(lambda _mode, _context, message: log.debug("qt: %s", message))
    app = QCoreApplication.instance()
    if app is None:
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
        app = QApplication(sys.argv[:1])
    from PySide6.QtWebEngineCore import QWebEnginePage

    page = QWebEnginePage()
    loop = QEventLoop()
    outcome: dict[str, object] = {}

    def loaded(ok: bool) -> None:
        if not ok:
            outcome["error"] = "the report page did not load"
            loop.quit()
            return
        layout = QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                             QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
        page.printToPdf(printed, layout)

    def printed(data: Any) -> None:
        outcome["data"] = bytes(data)
        loop.quit()

    def timed_out() -> None:
        outcome["error"] = "printing the report took too long"
        loop.quit()

    page.loadFinished.connect(loaded)
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(timed_out)
    timer.start(LOAD_TIMEOUT_MS)
    page.load(QUrl.fromLocalFile(str(source)))
    loop.exec()
    timer.stop()
    page.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    del app
    qInstallMessageHandler(previous_handler)
    data = outcome.get("data")
    if not isinstance(data, bytes) or not data.startswith(b"%PDF"):
        raise PdfExportError(f"cannot export {source.name} to PDF ({outcome.get('error', 'no PDF was produced')})")
    try:
        write_bytes_atomic(target, data)
    except OSError as error:
        raise PdfExportError(f"cannot write the PDF to {target} ({error.strerror}); choose another place") from None
    log.info("PDF written to %s (%d bytes)", target, len(data))
    return target
