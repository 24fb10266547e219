"""How long recordings are kept, and the kiosk wipe that leaves nothing of a person behind.

What "deleted" means here:
- files and folders are unlinked (the file system frees them; no overwriting of the disk blocks,
  which on SSDs and journalling file systems would not be reliable anyway; use full-disk
  encryption on kiosks for that);
- rows are deleted from the history database with SQLite's ``secure_delete`` on (freed content is
  overwritten with zeros) and the file is vacuumed afterwards, so no deleted row survives in free
  pages; the rollback journal is removed at each commit;
- lines of the app's own log files that mention the session are removed;
- then every file under the data folder (and the log folder) is read to check that neither the
  session id nor the text of its transcripts appears anywhere, and the result says so.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from interview_app import paths
from interview_app.storage.history import History
from interview_app.storage.sessions import SessionStore, check_session_id, read_document

log = logging.getLogger(__name__)

DAY_S = 86_400
_LOG_FILE = re.compile(r".+\.log(\.\d+)?")
_SCAN_CHUNK = 4 * 1024 * 1024
_MIN_NEEDLE_CHARS = 8  # shorter transcript texts ("네.") are too common to prove anything


@dataclass(frozen=True)
class PurgeResult:
    removed: list[Path] = field(default_factory=list)
    freed_bytes: int = 0


def _unlink(path: Path) -> int:
    try:
        size = path.stat().st_size
        path.unlink()
        return size
    except FileNotFoundError:
        return 0


def purge_recordings_older_than(
    days: int, *, now: float | None = None, store: SessionStore | None = None
) -> PurgeResult:
    """Delete recordings last written more than ``days`` days ago; ``days <= 0`` keeps everything.

    Looks at every session's ``answers/*.wav`` and at loose files in the recordings folder.
    A purged answer keeps its transcript and analysis; its ``audio`` becomes null.
    """
    if days <= 0:
        return PurgeResult()
    cutoff = (time.time() if now is None else now) - days * DAY_S
    store = store or SessionStore()
    removed: list[Path] = []
    freed = 0
    for session_id in list(store.session_ids()):
        folder = store.folder(session_id)
        old = [wav for wav in sorted(folder.answers_dir.glob("*.wav")) if wav.stat().st_mtime < cutoff]
        if not old:
            continue
        for wav in old:
            freed += _unlink(wav)
            removed.append(wav)
        if folder.document_path.is_file():
            _forget_audio(store, folder.session_id, {f"{wav.parent.name}/{wav.name}" for wav in old})
    for loose in sorted(p for p in paths.recordings_dir().rglob("*") if p.is_file()):
        if loose.stat().st_mtime < cutoff:
            freed += _unlink(loose)
            removed.append(loose)
    if removed:
        log.info("retention (%d days): deleted %d recordings, %.1f MB", days, len(removed), freed / 1e6)
    return PurgeResult(removed, freed)


def _forget_audio(store: SessionStore, session_id: str, refs: set[str]) -> None:
    try:
        document = store.load_document(session_id)
    except Exception:  # a damaged document must not stop retention
        log.warning("retention: could not update the session file of %s", session_id, exc_info=True)
        return
    for answer in document["answers"]:
        if answer.get("audio") in refs:
            answer["audio"] = None
    store.save_document(store.folder(session_id), document)


def purge_per_settings() -> PurgeResult:
    """Apply the ``keep_recordings_days`` setting (call at start-up)."""
    from interview_app.storage.settings import Settings

    return purge_recordings_older_than(Settings.load().keep_recordings_days)


@dataclass(frozen=True)
class WipeReport:
    """What a wipe removed and whether anything of the wiped sessions is still on disk."""

    session_ids: tuple[str, ...]
    removed: tuple[Path, ...]
    leftovers: tuple[Path, ...]

    @property
    def clean(self) -> bool:
        return not self.leftovers

    def message(self, language: str = "ko") -> str:
        if language == "ko":
            if self.clean:
                return "이번 연습의 녹음, 전사, 리포트를 이 컴퓨터에서 모두 삭제했습니다."
            return f"일부 파일을 지우지 못했습니다({len(self.leftovers)}개). 담당자에게 알려 주세요."
        if self.clean:
            return "This practice session's recordings, transcripts and report are deleted from this computer."
        return f"{len(self.leftovers)} file(s) could not be deleted; please tell a staff member."


def _walk_files(root: Path) -> Iterator[Path]:
    if not root.is_dir():
        return
    for directory, _dirs, files in os.walk(root):
        for name in files:
            yield Path(directory) / name


def _contains(path: Path, needles: list[bytes]) -> bool:
    """Whether the file's bytes contain any needle (read in chunks, overlapping by the longest needle)."""
    if not needles:
        return False
    overlap = max(len(n) for n in needles) - 1
    tail = b""
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(_SCAN_CHUNK):
                window = tail + chunk
                if any(n in window for n in needles):
                    return True
                tail = window[-overlap:] if overlap else b""
    except OSError:
        return False
    return False


def _needles(session_ids: Iterable[str], store: SessionStore) -> list[bytes]:
    """The session ids and the text of their transcripts, as the bytes to look for."""
    needles = []
    for session_id in session_ids:
        needles.append(session_id.encode())
        try:
            document = read_document(store.path_for(session_id))
        except Exception:  # no document (unfinished session): the id is all we have
            continue
        for answer in document["answers"]:
            transcript = (answer.get("analysis") or {}).get("transcript") or {}
            text = transcript.get("text") if isinstance(transcript, dict) else None
            if isinstance(text, str) and len(text.strip()) >= _MIN_NEEDLE_CHARS:
                needles.append(text.strip().encode())
    return needles


def _scrub_logs(ids: list[str]) -> None:
    """Remove log lines that name a wiped session (in place, so an open log handler keeps working)."""
    if not ids:
        return  # nothing was wiped (a kiosk's first start): nothing to look for
    encoded = [i.encode() for i in ids]
    for root in {paths.log_dir(), paths.data_dir()}:
        for file in _walk_files(root):
            if not _LOG_FILE.fullmatch(file.name) or not _contains(file, encoded):
                continue
            with file.open("r+b") as handle:
                lines = handle.read().splitlines(keepends=True)
                kept = b"".join(line for line in lines if not any(e in line for e in encoded))
                handle.seek(0)
                handle.write(kept)
                handle.truncate()


def _remove(path: Path, removed: list[Path]) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        _unlink(path)
    removed.append(path)


def _remove_named(roots: Iterable[Path], ids: list[str], removed: list[Path], *, top_level_only: bool = False) -> None:
    """Remove files and folders whose name contains one of ``ids``."""
    for root in roots:
        if not root.is_dir():
            continue
        if top_level_only:
            entries = list(root.iterdir())
        else:
            entries = [Path(d) / n for d, dirs, files in os.walk(root, topdown=False) for n in (*files, *dirs)]
        for entry in entries:
            if any(i in entry.name for i in ids) and entry.exists():
                _remove(entry, removed)


def _verify(ids: list[str], needles: list[bytes]) -> tuple[Path, ...]:
    leftovers = []
    for root in sorted({paths.data_dir(), paths.log_dir()}):
        for file in _walk_files(root):
            if any(i in str(file) for i in ids) or _contains(file, needles):
                leftovers.append(file)
    return tuple(sorted(set(leftovers)))


def _wipe(ids: list[str], history: History, *, everything: bool) -> WipeReport:
    store = history.store
    needles = _needles(ids, store)
    removed: list[Path] = []
    for session_id in ids:
        if history.has_session(session_id):
            folder = history.session_folder(session_id).path
            if folder.exists():
                _remove(folder, removed)
        if store.path_for(session_id).exists():
            _remove(store.path_for(session_id), removed)
    if everything:
        history.forget_all()
        for entry in list(store.root.iterdir()) + list(paths.recordings_dir().iterdir()):
            _remove(entry, removed)
    else:
        for session_id in ids:
            history.forget(session_id)
    _remove_named([paths.data_dir()], ids, removed)
    _remove_named([Path(tempfile.gettempdir())], ids, removed, top_level_only=True)
    _scrub_logs(ids)
    leftovers = _verify(ids, needles) if ids else ()
    if leftovers:
        # Name the files for staff, but never write a wiped id back into the log.
        shown = [str(path) for path in leftovers]
        for session_id in ids:
            shown = [text.replace(session_id, "<wiped session>") for text in shown]
        log.warning("wipe: %d file(s) still mention a wiped session: %s", len(leftovers), ", ".join(shown))
    log.info("wiped %d session(s); %d files or folders removed", len(ids), len(removed))
    return WipeReport(tuple(ids), tuple(removed), leftovers)


def wipe_session(session_id: str, *, history: History | None = None) -> WipeReport:
    """Delete everything of one session (folder, rows, notes, stray recordings and report copies), then verify."""
    check_session_id(session_id)
    return _wipe([session_id], history or History(), everything=False)


def wipe_all_sessions(*, history: History | None = None) -> WipeReport:
    """Kiosk start-up: delete every session, every recording and all history (a power cut's leftovers too)."""
    history = history or History()
    ids = sorted({row.id for row in history.list_sessions()} | set(history.store.session_ids()))
    return _wipe(ids, history, everything=True)
