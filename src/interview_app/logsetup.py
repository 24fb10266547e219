"""Logging is configured once, at start-up, to a file in the platform's log folder."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from interview_app import paths


def configure_logging(*, verbose: bool = False) -> Path:
    """Send log records to ``interview-app.log`` (rotated) and warnings to stderr when verbose."""
    log_file = paths.log_dir() / "interview-app.log"
    root = logging.getLogger()
    if any(getattr(h, "_interview_app", False) for h in root.handlers):
        return log_file
    handler = logging.handlers.RotatingFileHandler(
        log_file, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._interview_app = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    if verbose:
        console = logging.StreamHandler()
        console.setLevel(logging.INFO)
        console._interview_app = True  # type: ignore[attr-defined]
        root.addHandler(console)
    return log_file
