"""Moving the data folder somewhere else (another drive, a bigger disk), without losing anything.

The order keeps the old folder in use until the new one is known to be good: check the target,
copy everything (sessions, the history database, settings, the user's banks, recordings), check
the copy (the same files with the same sizes, the database opens and holds the same sessions),
write the pointer that makes :func:`interview_app.paths.data_dir` answer with the new folder, and
only then delete what was copied from the old folder. When anything fails before the pointer is
written, what was copied is removed and the old folder is untouched and still in use.

Logs and the model cache do not move (they are not in the data folder, except on Windows where
platformdirs puts ``Logs`` and ``Cache`` inside it; they are left where they are), nor does the
pointer file itself when the config folder is the data folder. A data folder chosen with the
``INTERVIEW_APP_DATA_DIR`` variable is not moved from here: the variable would still win.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import secrets
import shutil
import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from interview_app import paths
from interview_app.storage.errors import DataFolderError

log = logging.getLogger(__name__)

HISTORY_DB = "history.sqlite3"
SETTINGS_FILE = "settings.json"
# What a data folder may hold (besides files the system drops into any folder). A folder with only
# these, and none of them holding a session, can take a moved data folder.
KNOWN_ENTRIES = frozenset({
    HISTORY_DB, f"{HISTORY_DB}-journal", SETTINGS_FILE, "settings.broken.json", "sessions", "recordings",
    "question_banks", "logs", paths.POINTER_FILE, "Cache", "Logs",
})
SYSTEM_FILES = frozenset({".DS_Store", "Thumbs.db", "desktop.ini", ".localized"})
SPACE_MARGIN = 1.05  # ask for 5% more free space than the data takes

Progress = Callable[[int, int, str], None]  # files copied, files in all, the file just copied


@dataclass(frozen=True)
class MoveResult:
    """What a finished move did."""

    source: Path
    target: Path
    files: int
    bytes: int
    leftovers: list[Path] = field(default_factory=list)  # old files that could not be deleted


@dataclass(frozen=True)
class _Plan:
    files: dict[str, int]  # POSIX path relative to the data folder -> size in bytes
    folders: list[str]  # every folder under it (relative), parents first


# --- messages -------------------------------------------------------------------------------

def _refuse(message: str, message_ko: str) -> DataFolderError:
    return DataFolderError(message, message_ko=message_ko)


def _failed(source: Path, target: Path, reason: str, reason_ko: str) -> DataFolderError:
    return DataFolderError(
        f"The data could not be moved to {target} ({reason}). Nothing was moved: the app keeps using {source}.",
        message_ko=f"데이터를 {target}(으)로 옮기지 못했습니다({reason_ko}). 아무것도 옮기지 않았고, "
                   f"지금처럼 {source} 폴더를 계속 사용합니다.",
    )


def _os_reason(error: OSError) -> tuple[str, str]:
    """An OSError in plain words, English and Korean."""
    name = Path(error.filename).name if error.filename else ""
    if error.errno == errno.ENOSPC:
        return "the disk is full", "디스크 공간이 가득 참"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "no permission to write there", "그곳에 쓸 권한이 없음"
    if isinstance(error, FileNotFoundError):
        return (f"the file {name} disappeared while it was copied",
                f"파일 {name}이(가) 복사하는 도중 사라짐")
    detail = error.strerror or str(error)
    return detail, detail


# --- looking at folders ---------------------------------------------------------------------

def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _staying_paths(source: Path) -> list[Path]:
    """Paths under the data folder that belong elsewhere and do not move (Windows keeps logs and the
    model cache inside the default data folder; the pointer may live there too)."""
    staying = [paths.pointer_path().resolve()]
    for folder in (paths.log_dir(create=False), paths.cache_dir(create=False)):
        resolved = folder.resolve()
        if resolved != source and _inside(resolved, source):
            staying.append(resolved)
    return staying


def _plan(source: Path) -> _Plan:
    """Every file (with its size) and folder under ``source`` that moves."""
    staying = _staying_paths(source)
    files: dict[str, int] = {}
    folders: list[str] = []
    for root, dirs, names in os.walk(source, followlinks=False):
        here = Path(root)
        dirs[:] = sorted(d for d in dirs if not (here / d).is_symlink()  # a linked folder is not ours to move
                         and not any(_inside((here / d).resolve(), s) for s in staying))
        for d in dirs:
            folders.append((here / d).relative_to(source).as_posix())
        for name in sorted(names):
            file = here / name
            if any(_inside(file.resolve(), s) for s in staying):
                continue
            files[file.relative_to(source).as_posix()] = file.stat().st_size
    return _Plan(files, folders)


def _entries(folder: Path) -> list[Path]:
    return [entry for entry in folder.iterdir() if entry.name not in SYSTEM_FILES]


def _holds_files(folder: Path) -> bool:
    return any(entry.is_file() for entry in folder.rglob("*") if entry.name not in SYSTEM_FILES)


def _sessions_in_db(db_path: Path) -> int:
    """How many sessions a history database lists (it must open read-only and pass SQLite's check)."""
    with closing(sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)) as db:
        verdict = db.execute("PRAGMA quick_check").fetchone()[0]
        if verdict != "ok":
            raise sqlite3.DatabaseError(f"quick_check: {verdict}")
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        return int(db.execute("SELECT count(*) FROM sessions").fetchone()[0]) if "sessions" in tables else 0


def _check_target(source: Path, target: Path, plan: _Plan) -> None:
    """Refuse a target that cannot take the data folder, each reason with its own message."""
    if target == source:
        raise _refuse(f"{target} is already the data folder.", f"{target}은(는) 이미 지금 쓰는 데이터 폴더입니다.")
    if _inside(target, source):
        raise _refuse(
            f"The new folder {target} is inside the current data folder {source}. Choose a folder elsewhere.",
            f"새 폴더 {target}이(가) 지금 데이터 폴더 {source} 안에 있습니다. 다른 곳의 폴더를 고르세요.",
        )
    if _inside(source, target):
        raise _refuse(
            f"The folder {target} contains the current data folder. Choose an empty folder elsewhere.",
            f"고른 폴더 {target} 안에 지금 데이터 폴더가 들어 있습니다. 다른 곳의 빈 폴더를 고르세요.",
        )
    if target.exists() and not target.is_dir():
        raise _refuse(f"{target} is a file, not a folder. Choose a folder.",
                      f"{target}은(는) 폴더가 아니라 파일입니다. 폴더를 고르세요.")
    if target.is_dir():
        entries = _entries(target)
        if any(entry.name not in KNOWN_ENTRIES for entry in entries):
            raise _refuse(
                f"{target} already has other files in it. Choose an empty folder, or make a new one.",
                f"{target}에 다른 파일이 들어 있습니다. 빈 폴더를 고르거나 새 폴더를 만드세요.",
            )
        holds_sessions = False
        if (target / HISTORY_DB).is_file():
            try:
                holds_sessions = _sessions_in_db(target / HISTORY_DB) > 0
            except sqlite3.Error:
                holds_sessions = True  # a history we cannot read is not overwritten either
        if (target / "sessions").is_dir() and _holds_files(target / "sessions"):
            holds_sessions = True
        clashes = [name for name in plan.files if (target / name).exists()]
        if holds_sessions or clashes:
            raise _refuse(
                f"{target} already holds Interview Coach data; two data folders are not merged. "
                "Choose an empty folder.",
                f"{target}에 이미 면접 코치 데이터가 있습니다. 두 데이터 폴더를 합치지는 않으니 빈 폴더를 고르세요.",
            )
    _check_writable(target)
    need = int(sum(plan.files.values()) * SPACE_MARGIN)
    existing = next(p for p in (target, *target.parents) if p.exists())
    free = shutil.disk_usage(existing).free
    if free < need:
        mb = 1024 * 1024
        raise _refuse(
            f"There is not enough free space at {target}: the data needs {need / mb:.0f} MB, {free / mb:.0f} MB "
            "are free.",
            f"{target}에 공간이 부족합니다. 필요한 공간: {need / mb:.0f} MB, 남은 공간: {free / mb:.0f} MB.",
        )


def _check_writable(target: Path) -> None:
    """Try to write there (permission bits do not tell: a read-only drive, an immutable folder)."""
    existing = next(p for p in (target, *target.parents) if p.exists())
    probe = existing / f".interview-coach-probe-{secrets.token_hex(4)}"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        log.info("the data folder target %s is not writable: %s", target, error)
        raise _refuse(
            f"Cannot write to {target} (it is read-only or you have no permission). Choose a folder you can write to.",
            f"{target}에 쓸 수 없습니다(읽기 전용이거나 권한이 없습니다). 쓸 수 있는 폴더를 고르세요.",
        ) from None


# --- the move -------------------------------------------------------------------------------

def check_move(target: Path) -> None:
    """Raise :class:`DataFolderError` if the data folder cannot be moved to ``target`` (nothing is written)."""
    source, target = _folders(target)
    _check_target(source, target, _plan(source))


def _folders(target: Path) -> tuple[Path, Path]:
    """The current data folder and ``target``, both absolute; refused when the environment chooses the folder."""
    if paths.data_dir_from_environment():
        raise _refuse(
            f"The data folder is set by the {paths.DATA_DIR_VARIABLE} variable, which would still win after a "
            "move. Change that variable to use another folder.",
            f"데이터 폴더가 {paths.DATA_DIR_VARIABLE} 환경 변수로 정해져 있어 여기서 옮길 수 없습니다. "
            "그 변수를 바꿔 주세요.",
        )
    return paths.data_dir().resolve(), Path(os.path.abspath(Path(target).expanduser())).resolve()


def move_data_folder(target: Path, *, on_progress: Progress | None = None) -> MoveResult:
    """Move the data folder (:func:`paths.data_dir`) to ``target``, an empty or new folder, and use it.

    ``on_progress(done, total, file)`` is called after each copied file. Raises
    :class:`DataFolderError`; then the old folder is still in use and no half-made copy is left.
    """
    source, target = _folders(target)
    plan = _plan(source)
    _check_target(source, target, plan)
    log.info("moving the data folder %s to %s (%d files)", source, target, len(plan.files))

    created: list[Path] = []  # everything made at the target, in order, so a failure can undo it
    try:
        _copy(source, target, plan, created, on_progress)
        _verify(source, target, plan)
        paths.set_data_dir_pointer(target)
    except DataFolderError:
        _undo(created)
        raise
    except OSError as error:
        _undo(created)
        log.warning("moving the data folder to %s failed: %s", target, error)
        raise _failed(source, target, *_os_reason(error)) from None

    leftovers = _delete_old(source, plan)
    log.info("the data folder is now %s (%d old file(s) could not be deleted)", target, len(leftovers))
    return MoveResult(source, target, len(plan.files), sum(plan.files.values()), leftovers)


def _copy(source: Path, target: Path, plan: _Plan, created: list[Path], on_progress: Progress | None) -> None:
    missing = [p for p in (target, *target.parents) if not p.exists()]
    for folder in reversed(missing):
        folder.mkdir()
        created.append(folder)
    for relative in plan.folders:
        folder = target / relative
        if not folder.exists():
            folder.mkdir()
            created.append(folder)
    total = len(plan.files)
    for done, relative in enumerate(plan.files, start=1):
        destination = target / relative
        try:
            shutil.copy2(source / relative, destination)  # keeps modification times (retention uses them)
        finally:
            if destination.exists() and destination not in created:
                created.append(destination)
        if on_progress is not None:
            on_progress(done, total, relative)


def _verify(source: Path, target: Path, plan: _Plan) -> None:
    """The copy has every file with its size, the database opens with the same sessions, and the
    original did not change meanwhile."""
    def differs(reason: str, reason_ko: str) -> DataFolderError:
        log.warning("the copy of the data folder at %s is not right: %s", target, reason)
        return _failed(source, target, f"the copy did not match the original: {reason}",
                       f"복사본이 원래 폴더와 맞지 않음: {reason_ko}")

    now = _plan(source)
    if now.files != plan.files:
        changed = sorted(set(now.files) ^ set(plan.files)) or sorted(
            name for name in plan.files if now.files.get(name) != plan.files[name])
        raise differs(f"{changed[0]} changed during the move", f"옮기는 동안 {changed[0]}이(가) 바뀜")
    for relative, size in plan.files.items():
        file = target / relative
        if not file.is_file():
            raise differs(f"{relative} is missing", f"{relative} 없음")
        if file.stat().st_size != size:
            raise differs(f"{relative} has a different size", f"{relative}의 크기가 다름")
    if HISTORY_DB in plan.files:
        try:
            before, after = _sessions_in_db(source / HISTORY_DB), _sessions_in_db(target / HISTORY_DB)
        except sqlite3.Error as error:
            raise differs(f"the history database does not open ({error})", "기록 데이터베이스가 열리지 않음") from None
        if before != after:
            raise differs("the history database lists other sessions", "기록 데이터베이스의 세션 수가 다름")
    if SETTINGS_FILE in plan.files:
        try:
            json.loads((target / SETTINGS_FILE).read_text(encoding="utf-8"))
        except ValueError:
            # A broken settings file moves as it is (the app sets it aside when it loads it),
            # but it must be the same broken file.
            if (target / SETTINGS_FILE).read_bytes() != (source / SETTINGS_FILE).read_bytes():
                raise differs("settings.json differs", "settings.json이 다름") from None


def _undo(created: list[Path]) -> None:
    """Remove what a failed move made at the target (only that: nothing that was there before)."""
    for path in reversed(created):
        try:
            if path.is_dir() and not path.is_symlink():
                path.rmdir()
            else:
                path.unlink(missing_ok=True)
        except OSError as error:
            log.warning("could not remove %s after a failed move: %s", path, error)
    created.clear()


def _delete_old(source: Path, plan: _Plan) -> list[Path]:
    """Delete what was copied from the old folder; return what could not be deleted."""
    leftovers: list[Path] = []
    for relative in plan.files:
        file = source / relative
        try:
            file.unlink(missing_ok=True)
        except OSError as error:
            log.warning("could not delete the old copy of %s: %s", file, error)
            leftovers.append(file)
    for relative in reversed(plan.folders):
        with contextlib.suppress(OSError):  # not empty (a leftover, or something that stays): kept
            (source / relative).rmdir()
    try:
        if not _entries(source):
            for entry in source.iterdir():  # only system files are left
                entry.unlink()
            source.rmdir()
    except OSError as error:
        log.info("the old data folder %s stays: %s", source, error)
    return leftovers
