"""A session as one zip for the consultant (or a USB drive), and importing such a zip.

The zip holds ``session.json`` (the generated document with the consultant's notes merged in),
``report.html`` when there is one, and ``answers/NN.wav``. Import checks every member before
writing anything: no absolute paths or ``..`` (zip-slip), no member or total beyond the size
limits, and a session document of a known schema.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import shutil
import tempfile
import time
import zipfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from interview_app.errors import EXIT_INPUT, EXIT_OUTPUT
from interview_app.fileio import atomic_writer
from interview_app.storage.errors import StorageError
from interview_app.storage.history import History
from interview_app.storage.sessions import (
    ANSWERS_DIR,
    DOCUMENT_NAME,
    REPORT_NAME,
    SessionFolder,
    check_session_id,
    read_document,
    relative_audio_ref,
    validate_document,
)

log = logging.getLogger(__name__)

MB = 1024 * 1024
# Limits on an imported zip: a 10-minute 16 kHz mono answer is about 19 MB.
MAX_MEMBER_BYTES = {DOCUMENT_NAME: 32 * MB, REPORT_NAME: 64 * MB, "audio": 256 * MB}
MAX_TOTAL_BYTES = 2048 * MB
MAX_MEMBERS = 500
_AUDIO_MEMBER = re.compile(rf"{ANSWERS_DIR}/[A-Za-z0-9][A-Za-z0-9_.-]*\.wav")
_CHUNK = 1024 * 1024


def _resolve_source(
    session: str | SessionFolder | Path, history: History
) -> tuple[SessionFolder, dict[str, Any]]:
    """The folder and the document to export, notes merged when the history knows the session."""
    if isinstance(session, str) and not Path(session).is_dir():
        check_session_id(session)
        if history.has_session(session):
            return history.session_folder(session), history.get_session(session)
        folder = history.store.folder(session)
    else:
        path = session.path if isinstance(session, SessionFolder) else Path(session)
        folder = SessionFolder(path.name, path)
    document = read_document(folder.path)
    if history.has_session(document["id"]):
        shown = history.get_session(document["id"])
        document["notes"], document["history"] = shown["notes"], shown["history"]
    return folder, document


def export_zip(
    session_id_or_folder: str | SessionFolder | Path,
    out_path: str | Path,
    *,
    include_audio: bool = True,
    history: History | None = None,
) -> Path:
    """Write one session as a zip at ``out_path`` (atomically); returns the path written."""
    history = history or History()
    folder, document = _resolve_source(session_id_or_folder, history)
    out = Path(out_path)
    audio_files: list[tuple[str, Path]] = []
    for answer in document["answers"]:
        ref = relative_audio_ref(answer.get("audio"), folder.path, where=f"answer {answer['index']}")
        if ref is None:
            continue
        if not include_audio:
            answer["audio"] = None
        elif (folder.path / ref).is_file():
            audio_files.append((ref, folder.path / ref))
        else:
            log.warning("answer %s: recording %s is gone (deleted by retention?)", answer["index"], ref)
            answer["audio"] = None
    try:
        with atomic_writer(out, "wb") as handle, zipfile.ZipFile(handle, "w") as archive:
            archive.writestr(
                DOCUMENT_NAME, json.dumps(document, ensure_ascii=False, indent=2), compress_type=zipfile.ZIP_DEFLATED
            )
            if folder.report_path.is_file():
                archive.write(folder.report_path, REPORT_NAME, compress_type=zipfile.ZIP_DEFLATED)
            for ref, path in audio_files:
                archive.write(path, ref, compress_type=zipfile.ZIP_STORED)
    except OSError as error:
        raise StorageError(f"cannot write {out}: {error.strerror or error}", exit_code=EXIT_OUTPUT) from None
    log.info("exported session to %s (%d recordings)", out, len(audio_files))
    return out


def _member_limit(name: str) -> int | None:
    if name in (DOCUMENT_NAME, REPORT_NAME):
        return MAX_MEMBER_BYTES[name]
    if _AUDIO_MEMBER.fullmatch(name):
        return MAX_MEMBER_BYTES["audio"]
    return None


def _check_members(archive: zipfile.ZipFile, source: Path) -> list[zipfile.ZipInfo]:
    """The members to import, after refusing unsafe names and sizes."""
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise StorageError(f"{source.name} has {len(infos)} files; an exported session has far fewer")
    wanted, total = [], 0
    for info in infos:
        name = info.filename
        posix = PurePosixPath(name)
        if (
            "\\" in name
            or posix.is_absolute()
            or ".." in posix.parts
            or re.match(r"[A-Za-z]:", name)
            or "\x00" in name
        ):
            raise StorageError(f"{source.name} contains an unsafe path '{name}'; it was not imported")
        if info.is_dir():
            continue
        limit = _member_limit(name)
        if limit is None:
            log.info("import: ignoring %s in %s", name, source)
            continue
        if info.file_size > limit:
            raise StorageError(
                f"{source.name}: {name} is {info.file_size // MB} MB, more than the {limit // MB} MB allowed"
            )
        total += info.file_size
        wanted.append(info)
    if total > MAX_TOTAL_BYTES:
        raise StorageError(
            f"{source.name} unpacks to {total // MB} MB, more than the {MAX_TOTAL_BYTES // MB} MB allowed"
        )
    if DOCUMENT_NAME not in {info.filename for info in wanted}:
        raise StorageError(f"{source.name} is not an Interview Coach export (it has no {DOCUMENT_NAME})")
    return wanted


def _extract(archive: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path, source: Path) -> None:
    """Copy one member, stopping if it turns out larger than it claimed."""
    limit = _member_limit(info.filename) or 0
    written = 0
    target.parent.mkdir(parents=True, exist_ok=True)
    with archive.open(info) as member, target.open("wb") as out:
        while chunk := member.read(_CHUNK):
            written += len(chunk)
            if written > limit or written > info.file_size:
                raise StorageError(f"{source.name}: {info.filename} is larger than it claims; it was not imported")
            out.write(chunk)


def read_zip_document(path: str | Path) -> dict[str, Any]:
    """The session document inside an exported zip (notes included), checked but not imported.

    Lets the consultant screen show what a zip holds, or see that the session is already here.
    """
    source = Path(path)
    if not source.is_file():
        raise StorageError(f"{source} does not exist or is not a file", exit_code=EXIT_INPUT)
    try:
        with zipfile.ZipFile(source) as archive:
            _check_members(archive, source)
            with tempfile.TemporaryDirectory() as scratch:
                info = archive.getinfo(DOCUMENT_NAME)
                _extract(archive, info, Path(scratch) / DOCUMENT_NAME, source)
                return _read_imported_document(Path(scratch) / DOCUMENT_NAME, source)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError):
        raise StorageError(f"{source.name} is not a zip file or is damaged; export the session again") from None


def _remove_stale_staging(root: Path, *, older_than_s: float = 3600) -> None:
    """Staging folders left by an import that was cut short (a crash, a power cut)."""
    cutoff = time.time() - older_than_s
    for stale in root.glob(".import-*"):
        with contextlib.suppress(OSError):
            if stale.stat().st_mtime < cutoff:
                shutil.rmtree(stale, ignore_errors=True)


def import_zip(
    path: str | Path, *, replace: bool = False, history: History | None = None
) -> str:
    """Import an exported session zip into the store and the history; returns its session id.

    A session that is already here is refused unless ``replace`` is true (then its folder and notes
    are replaced by the zip's).
    """
    source = Path(path)
    history = history or History()
    store = history.store
    if not source.is_file():
        raise StorageError(f"{source} does not exist or is not a file", exit_code=EXIT_INPUT)
    _remove_stale_staging(store.root)
    staging = Path(tempfile.mkdtemp(prefix=".import-", dir=store.root))
    try:
        try:
            with zipfile.ZipFile(source) as archive:
                members = _check_members(archive, source)
                for info in members:
                    _extract(archive, info, staging / info.filename, source)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError):
            raise StorageError(f"{source.name} is not a zip file or is damaged; export the session again") from None
        except (zipfile.error, RuntimeError, NotImplementedError) as error:  # encrypted, unknown compression, CRC
            raise StorageError(f"{source.name} cannot be read ({error}); export the session again") from None
        document = _read_imported_document(staging / DOCUMENT_NAME, source)
        session_id = document["id"]
        notes = document.get("notes")
        for answer in document["answers"]:
            ref = relative_audio_ref(answer.get("audio"), staging, where=f"{source.name}: answer {answer['index']}")
            answer["audio"] = ref if ref and (staging / ref).is_file() else None
        folder = store.folder(session_id)
        if folder.path.exists() or history.has_session(session_id):
            if not replace:
                raise StorageError(
                    f"session {session_id} is already here; open it from the history, or delete it and import again"
                )
            history.forget(session_id)
            shutil.rmtree(folder.path, ignore_errors=True)
        (staging / ANSWERS_DIR).mkdir(exist_ok=True)
        staged = SessionFolder(session_id, staging)
        store.save_document(staged, document)
        staging.rename(folder.path)
        staging = folder.path  # nothing left to clean up
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    folder.transcripts_dir.mkdir(exist_ok=True)
    history.add_session(document, folder)
    if isinstance(notes, Mapping):
        history.restore_notes(session_id, notes)
    log.info("imported session %s from %s", session_id, source)
    return session_id


def _read_imported_document(file: Path, source: Path) -> dict[str, Any]:
    try:
        document = json.loads(file.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise StorageError(f"{source.name}: {DOCUMENT_NAME} is damaged (not valid JSON)") from None
    return validate_document(document, where=f"{source.name}: {DOCUMENT_NAME}")
