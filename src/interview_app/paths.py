"""Where things live: bundled content (one resolver) and the user's own folders.

Bundled content (question banks, report templates, samples) sits at the top of the source
tree for the people who edit it, and inside the wheel under ``interview_app/_content``.
:func:`content_dir` finds it either way, never relative to the working directory.

User folders come from platformdirs. ``INTERVIEW_APP_DATA_DIR``, ``INTERVIEW_APP_CACHE_DIR`` and
``INTERVIEW_APP_CONFIG_DIR`` override them (tests, portable installs, kiosks). A data folder moved
from the settings is remembered in a small pointer file in the config folder (the settings live in
the data folder itself, so they cannot say where it is); ``INTERVIEW_APP_DATA_DIR`` still wins.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from typing import Literal

import platformdirs

from interview_app.fileio import write_text_atomic

log = logging.getLogger(__name__)

APP_NAME = "InterviewCoach"
DATA_DIR_VARIABLE = "INTERVIEW_APP_DATA_DIR"
POINTER_FILE = "data-folder.json"
POINTER_SCHEMA = "interview-app/data-folder/1"

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


def _config_root() -> Path:
    return _override("INTERVIEW_APP_CONFIG_DIR") or Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """The user's config folder; it holds only the pointer to a moved data folder.

    (On Windows and macOS platformdirs gives the same folder as the default data folder.)
    """
    path = _config_root()
    path.mkdir(parents=True, exist_ok=True)
    return path


def pointer_path() -> Path:
    """The file that says where a moved data folder is (see :func:`data_dir`); not created by asking."""
    return _config_root() / POINTER_FILE


def default_data_dir() -> Path:
    """Where the data folder is when nothing says otherwise (the platform's user data folder)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def data_dir_from_environment() -> bool:
    """Whether ``INTERVIEW_APP_DATA_DIR`` chooses the data folder (then it cannot be moved from the app)."""
    return _override(DATA_DIR_VARIABLE) is not None


# The pointer is read again only when its file changes (data_dir() is called often).
_pointer_cache: tuple[tuple[str, int, int, int] | None, Path | None] = (None, None)
_unavailable_warned: set[Path] = set()


def pointed_data_dir() -> Path | None:
    """The data folder named by the pointer file, or None when there is no (readable) pointer."""
    global _pointer_cache
    file = pointer_path()
    try:
        stat = file.stat()
    except OSError:
        return None
    stamp = (str(file), stat.st_ino, stat.st_mtime_ns, stat.st_size)
    if _pointer_cache[0] == stamp:
        return _pointer_cache[1]
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        target = Path(data["path"]) if isinstance(data, dict) and isinstance(data.get("path"), str) else None
    except (OSError, ValueError) as error:
        log.warning("the data folder pointer %s is unreadable (%s); using the default folder", file, error)
        target = None
    if target is not None and not target.is_absolute():
        log.warning("the data folder pointer %s names a relative path; using the default folder", file)
        target = None
    _pointer_cache = (stamp, target)
    return target


def set_data_dir_pointer(target: Path | None) -> None:
    """Point the app at ``target`` from now on (None, or the default folder: remove the pointer).

    Written atomically; a failure leaves the previous pointer in place.
    """
    global _pointer_cache
    file = pointer_path()
    _pointer_cache = (None, None)
    if target is None or Path(target).resolve() == default_data_dir().resolve():
        file.unlink(missing_ok=True)
        return
    write_text_atomic(file, json.dumps({"schema": POINTER_SCHEMA, "path": str(Path(target).resolve())},
                                       ensure_ascii=False, indent=2))


def data_dir() -> Path:
    """The user's data folder: settings, history, recordings, their own banks.

    ``INTERVIEW_APP_DATA_DIR`` first, then the folder the data was moved to (the pointer file in
    :func:`config_dir`), then the platform's default. A moved folder that cannot be created (a USB
    drive that is not plugged in) falls back to the default, with a warning in the log.
    """
    override = _override(DATA_DIR_VARIABLE)
    if override is not None:
        override.mkdir(parents=True, exist_ok=True)
        return override
    pointed = pointed_data_dir()
    if pointed is not None:
        try:
            pointed.mkdir(parents=True, exist_ok=True)
            return pointed
        except OSError as error:
            if pointed not in _unavailable_warned:
                _unavailable_warned.add(pointed)
                log.warning("the data folder %s is not available (%s); using the default folder", pointed, error)
    path = default_data_dir()
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_dir(*, create: bool = True) -> Path:
    """The cache folder: the assembled speech model and downloaded models."""
    path = _override("INTERVIEW_APP_CACHE_DIR") or Path(
        platformdirs.user_cache_dir(APP_NAME, appauthor=False)
    )
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir(*, create: bool = True) -> Path:
    """The folder for log files: under the data folder when the variable chooses it, else the platform's
    log folder (a data folder moved from the settings leaves the logs where they are)."""
    override = _override(DATA_DIR_VARIABLE)
    path = override / "logs" if override else Path(
        platformdirs.user_log_dir(APP_NAME, appauthor=False)
    )
    if create:
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
