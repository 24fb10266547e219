"""Where things live: bundled content (one resolver) and the user's own folders.

Bundled content (question banks, report templates, samples) sits at the top of the source
tree for the people who edit it, and inside the wheel under ``interview_app/_content``.
:func:`content_dir` finds it either way, never relative to the working directory.

User folders come from platformdirs. ``INTERVIEW_APP_DATA_DIR`` and
``INTERVIEW_APP_CACHE_DIR`` override them (tests, portable installs, kiosks).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Literal

import platformdirs

APP_NAME = "InterviewCoach"

ContentName = Literal["question_banks", "report_templates", "samples"]

# Where each kind of content sits in a source checkout (relative to the repository root).
_SOURCE_LAYOUT: dict[str, str] = {
    "question_banks": "question_banks",
    "report_templates": "reports/templates",
    "samples": "samples",
}


def _package_dir() -> Path:
    return Path(__file__).resolve().parent


def content_dir(name: ContentName) -> Path:
    """Return the folder holding bundled content ``name``.

    Looks, in order, inside a frozen app (PyInstaller), inside the installed wheel, and in a
    source checkout (src layout: two levels above this package).
    """
    candidates: list[Path] = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.append(Path(frozen_root) / "interview_app" / "_content" / name)
    candidates.append(_package_dir() / "_content" / name)
    candidates.append(_package_dir().parents[1] / _SOURCE_LAYOUT[name])
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"bundled content '{name}' is missing (looked in: {', '.join(map(str, candidates))}); "
        "reinstall Interview Coach"
    )


def _override(variable: str) -> Path | None:
    value = os.environ.get(variable)
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    """The user's data folder: settings, history, recordings, their own banks."""
    path = _override("INTERVIEW_APP_DATA_DIR") or Path(
        platformdirs.user_data_dir(APP_NAME, appauthor=False)
    )
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_dir() -> Path:
    """The cache folder: the assembled speech model and downloaded models."""
    path = _override("INTERVIEW_APP_CACHE_DIR") or Path(
        platformdirs.user_cache_dir(APP_NAME, appauthor=False)
    )
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    """The folder for log files (under the data folder when it is overridden)."""
    override = _override("INTERVIEW_APP_DATA_DIR")
    path = override / "logs" if override else Path(
        platformdirs.user_log_dir(APP_NAME, appauthor=False)
    )
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_banks_dir() -> Path:
    """Where the user's own question banks live (merged with the bundled ones)."""
    path = data_dir() / "question_banks"
    path.mkdir(parents=True, exist_ok=True)
    return path


def recordings_dir() -> Path:
    """Where answers are recorded to (streamed to disk as they arrive)."""
    path = data_dir() / "recordings"
    path.mkdir(parents=True, exist_ok=True)
    return path
