"""One folder per practice session under ``data_dir()/sessions/<session_id>/``.

A folder holds ``session.json`` (the generated document, see docs/analysis-result.md),
``answers/NN.wav`` (the recordings), ``transcripts/NN.json`` and ``report.html``. Audio paths in
the document are relative to the folder, so a folder can be moved, zipped and imported whole.

``session.json`` holds only what the app generated: consultant notes and the history of earlier
sessions live in the history database and are merged in when a session is read for display or
export (see :mod:`interview_app.storage.history`).
"""

from __future__ import annotations

import json
import logging
import re
import secrets
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from interview_app import paths
from interview_app.errors import EXIT_OUTPUT
from interview_app.fileio import write_text_atomic
from interview_app.storage.errors import StorageError

log = logging.getLogger(__name__)

SESSION_SCHEMA = "interview-app/session/1"
DOCUMENT_NAME = "session.json"
REPORT_NAME = "report.html"
ANSWERS_DIR = "answers"
TRANSCRIPTS_DIR = "transcripts"
# Parts of a session document that come from the database, never from the generated file.
DERIVED_KEYS = ("notes", "history")

_SESSION_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")
# Names Windows reserves for devices, whatever the extension.
_WINDOWS_RESERVED = re.compile(r"(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(\..*)?", re.IGNORECASE)


def check_session_id(session_id: str) -> str:
    """Return ``session_id`` if it is safe as a folder name, else raise :class:`StorageError`."""
    if (
        not isinstance(session_id, str)
        or not _SESSION_ID.fullmatch(session_id)
        or ".." in session_id
        or session_id.endswith(".")
        or _WINDOWS_RESERVED.fullmatch(session_id)
    ):
        raise StorageError(
            f"'{session_id}' is not a valid session id (letters, digits, '-', '_' and '.', up to 100)"
        )
    return session_id


def new_session_id(now: datetime | None = None) -> str:
    """A readable, sortable id: local start time plus four random hex digits."""
    moment = (now or datetime.now()).astimezone()
    return f"{moment:%Y-%m-%dT%H-%M-%S}-{secrets.token_hex(2)}"


def relative_audio_ref(value: object, folder: Path, *, where: str) -> str | None:
    """Normalise an answer's ``audio`` to a POSIX path relative to ``folder`` (or None)."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise StorageError(f"{where}: 'audio' must be a path or null")
    candidate = Path(value)
    if candidate.is_absolute():
        try:
            candidate = candidate.resolve().relative_to(folder.resolve())
        except ValueError:
            raise StorageError(
                f"{where}: the recording {value} is outside the session folder; record into "
                "SessionFolder.audio_path(index)"
            ) from None
    posix = PurePosixPath(candidate.as_posix())
    if posix.is_absolute() or ".." in posix.parts or not posix.parts:
        raise StorageError(f"{where}: the audio path '{value}' leaves the session folder")
    return str(posix)


def validate_document(document: object, *, where: str = "session") -> dict[str, Any]:
    """Check the parts of a session document that storage relies on; return it as a dict."""
    if not isinstance(document, Mapping):
        raise StorageError(f"{where} is not a session document (expected a JSON object)")
    schema = document.get("schema")
    if schema != SESSION_SCHEMA:
        raise StorageError(
            f"{where} has schema {schema!r}, not {SESSION_SCHEMA!r}; update Interview Coach to open it"
        )
    check_session_id(document.get("id"))  # type: ignore[arg-type]
    answers = document.get("answers")
    if not isinstance(answers, list) or not all(isinstance(a, Mapping) for a in answers):
        raise StorageError(f"{where} has no list of answers")
    for answer in answers:
        if not isinstance(answer.get("index"), int):
            raise StorageError(f"{where}: every answer needs a whole-number 'index'")
    summary = document.get("summary")
    if summary is not None and not isinstance(summary, Mapping):
        raise StorageError(f"{where}: 'summary' must be an object")
    return dict(document)


def read_document(folder: Path) -> dict[str, Any]:
    """Read and check ``folder/session.json``."""
    file = folder / DOCUMENT_NAME
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise StorageError(f"the session file {file} is missing; the session was deleted or moved") from None
    except OSError as error:
        raise StorageError(f"cannot read {file}: {error.strerror or error}") from None
    try:
        document = json.loads(text)
    except ValueError:
        raise StorageError(f"{file} is damaged (not valid JSON); restore it from an exported zip") from None
    return validate_document(document, where=str(file))


@dataclass(frozen=True)
class SessionFolder:
    """Where one session's files live. Paths only; nothing is created until written."""

    session_id: str
    path: Path

    @property
    def document_path(self) -> Path:
        return self.path / DOCUMENT_NAME

    @property
    def report_path(self) -> Path:
        return self.path / REPORT_NAME

    @property
    def answers_dir(self) -> Path:
        return self.path / ANSWERS_DIR

    @property
    def transcripts_dir(self) -> Path:
        return self.path / TRANSCRIPTS_DIR

    def audio_ref(self, index: int) -> str:
        """The document's relative path for answer ``index`` (1-based): ``answers/NN.wav``."""
        return f"{ANSWERS_DIR}/{index:02d}.wav"

    def audio_path(self, index: int) -> Path:
        """Where answer ``index`` is recorded to."""
        return self.path / self.audio_ref(index)

    def transcript_path(self, index: int) -> Path:
        return self.transcripts_dir / f"{index:02d}.json"

    def resolve(self, relative: str) -> Path:
        """The file a document path (such as an answer's ``audio``) points at, kept inside the folder."""
        ref = relative_audio_ref(relative, self.path, where=f"session {self.session_id}")
        assert ref is not None
        return self.path / ref


class SessionStore:
    """Creates, saves and loads session folders under ``root`` (default ``data_dir()/sessions``)."""

    def __init__(self, root: Path | None = None) -> None:
        self._root = root

    @property
    def root(self) -> Path:
        root = self._root if self._root is not None else paths.data_dir() / "sessions"
        root.mkdir(parents=True, exist_ok=True)
        return root

    def path_for(self, session_id: str) -> Path:
        return self.root / check_session_id(session_id)

    def folder(self, session_id: str) -> SessionFolder:
        """The folder of an existing or future session (not created)."""
        return SessionFolder(session_id, self.path_for(session_id))

    def create(self, session_id: str | None = None) -> SessionFolder:
        """Make a new, empty session folder (with ``answers/`` and ``transcripts/``)."""
        if session_id is None:
            session_id = new_session_id()
            while self.path_for(session_id).exists():
                session_id = new_session_id()
        folder = self.folder(session_id)
        try:
            folder.path.mkdir(parents=True, exist_ok=False)
        except FileExistsError:
            raise StorageError(f"a session named {session_id} already exists") from None
        except OSError as error:
            raise StorageError(
                f"cannot create the session folder {folder.path}: {error.strerror or error}",
                exit_code=EXIT_OUTPUT,
            ) from None
        folder.answers_dir.mkdir()
        folder.transcripts_dir.mkdir()
        log.info("created session folder %s", folder.path)
        return folder

    def save_document(self, folder: SessionFolder, document: Mapping[str, Any]) -> Path:
        """Write the generated session document atomically into ``folder``.

        The document's ``id`` must be the folder's; audio paths are stored relative to the folder.
        ``notes`` and ``history`` are not written: they live in the history database.
        """
        data = validate_document(document, where=f"session {folder.session_id}")
        if data["id"] != folder.session_id:
            raise StorageError(f"the document's id {data['id']} does not match the folder {folder.session_id}")
        answers = []
        for answer in data["answers"]:
            answer = dict(answer)
            answer["audio"] = relative_audio_ref(
                answer.get("audio"), folder.path, where=f"answer {answer['index']} of {folder.session_id}"
            )
            answers.append(answer)
        data["answers"] = answers
        for key in DERIVED_KEYS:
            data.pop(key, None)
        try:
            write_text_atomic(folder.document_path, json.dumps(data, ensure_ascii=False, indent=2))
        except OSError as error:
            raise StorageError(
                f"cannot save {folder.document_path}: {error.strerror or error}", exit_code=EXIT_OUTPUT
            ) from None
        return folder.document_path

    def load_document(self, session_id: str) -> dict[str, Any]:
        """The generated document of a saved session (without notes)."""
        return read_document(self.path_for(session_id))

    def exists(self, session_id: str) -> bool:
        return (self.path_for(session_id) / DOCUMENT_NAME).is_file()

    def session_ids(self) -> Iterator[str]:
        """Ids of the folders under the root (finished or not), in name order."""
        for entry in sorted(self.root.iterdir()):
            if entry.is_dir() and _SESSION_ID.fullmatch(entry.name):
                yield entry.name
