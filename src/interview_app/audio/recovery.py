"""Recordings cut short by a crash or power cut: find them, repair them, give them back."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from interview_app import paths
from interview_app.audio.wavstream import MARKER_SUFFIX, read_marker, repair

log = logging.getLogger(__name__)

MIC_CHECK_FOLDER = "mic-check"  # where the microphone check records (never offered back as an answer)

# Files this process is writing right now; recovery leaves them alone.
ACTIVE: set[Path] = set()


def _process_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x100000, False, pid)  # SYNCHRONIZE
        if not handle:
            return False
        try:
            return bool(kernel32.WaitForSingleObject(handle, 0) == 0x102)  # WAIT_TIMEOUT: still running
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def recover_unfinished(directory: str | os.PathLike[str] | None = None) -> list[Path]:
    """Find recordings cut short by a crash or power cut, repair them, and return them (oldest first).

    Looks in ``directory`` and every folder below it (default: the whole data folder, so session
    folders' answers and loose recordings are both found). A recording is unfinished while its
    marker file exists. Files another running process is still writing are left alone;
    unfinished files with no audio at all are removed.
    """
    folder = Path(directory) if directory is not None else paths.data_dir()
    if not folder.is_dir():
        return []
    recovered: list[Path] = []
    for marker in sorted(folder.rglob(f"*.wav{MARKER_SUFFIX}")):
        wav_path = marker.with_name(marker.name[: -len(MARKER_SUFFIX)])
        info = read_marker(wav_path) or {}
        pid = int(info.get("pid", 0) or 0)
        if wav_path.resolve() in ACTIVE or (pid != os.getpid() and _process_alive(pid)):
            continue
        if not wav_path.exists() or MIC_CHECK_FOLDER in wav_path.relative_to(folder).parts:
            # Nothing to give back, or a microphone check (not an answer): clear it away.
            wav_path.unlink(missing_ok=True)
            marker.unlink(missing_ok=True)
            continue
        try:
            frames = repair(wav_path)
        except (OSError, ValueError) as error:
            log.error("could not repair unfinished recording %s: %s", wav_path, error)
            continue
        if frames == 0:
            log.info("removing unfinished recording %s: it holds no audio", wav_path)
            wav_path.unlink(missing_ok=True)
            continue
        log.warning("recovered unfinished recording %s (%d frames)", wav_path, frames)
        recovered.append(wav_path)
    recovered.sort(key=lambda p: p.stat().st_mtime)
    return recovered
