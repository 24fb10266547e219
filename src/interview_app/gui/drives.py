"""Removable drives a kiosk may save a report to (USB sticks, SD cards), and free file names on them.

A kiosk offers no file dialog: the person's copy goes to a removable drive and nowhere else, so the
data folder and the rest of the disk are never shown. How a drive is recognised:

- Linux: a mount point directly under ``/media/$USER``, ``/run/media/$USER`` or ``/media`` (where
  udisks and usbmount put removable media);
- Windows: a drive letter whose type is ``DRIVE_REMOVABLE`` (USB sticks and card readers; a USB hard
  disk reports itself as fixed and is not offered);
- macOS: a mounted volume under ``/Volumes`` other than the system volume.

Only drives this user may write to are returned, and never one that holds the app's data folder.
"""

from __future__ import annotations

import getpass
import logging
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from interview_app import paths

log = logging.getLogger(__name__)

DRIVE_REMOVABLE = 2  # GetDriveTypeW


@dataclass(frozen=True)
class Drive:
    path: Path
    label: str


def linux_roots(user: str | None = None) -> list[Path]:
    user = user or _user()
    return [Path("/media") / user, Path("/run/media") / user, Path("/media")]


def removable_drives(*, roots: Iterable[Path] | None = None,
                     is_mount: Callable[[str], bool] = os.path.ismount) -> list[Drive]:
    """The removable drives mounted now, writable by this user, in a stable order."""
    if sys.platform == "win32" and roots is None:
        return _windows_drives()
    if roots is None:
        roots = [Path("/Volumes")] if sys.platform == "darwin" else linux_roots()
    data = _resolved(paths.data_dir())
    found: list[Drive] = []
    seen: set[Path] = set()
    for root in roots:
        try:
            children = sorted(p for p in Path(root).iterdir() if p.is_dir())
        except OSError:
            continue
        for child in children:
            real = _resolved(child)
            if real in seen or real == Path("/") or not is_mount(str(child)):
                continue
            if data == real or real in data.parents or not os.access(child, os.W_OK):
                continue
            seen.add(real)
            found.append(Drive(child, child.name))
    return found


def _windows_drives() -> list[Drive]:
    import ctypes
    import string

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    mask = kernel32.GetLogicalDrives()
    found = []
    for index, letter in enumerate(string.ascii_uppercase):
        root = f"{letter}:\\"
        if mask & (1 << index) and kernel32.GetDriveTypeW(root) == DRIVE_REMOVABLE and os.access(root, os.W_OK):
            found.append(Drive(Path(root), f"{letter}:"))
    return found


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USER", "")
