"""Past sessions in SQLite (``data_dir()/history.sqlite3``): list, open, delete, compare, progress, notes.

The schema is a series of files in ``schema/`` (``0001_initial.sql``, ``0002_...``) applied in order
through ``PRAGMA user_version``; a database written by a newer version is refused, never touched.
Each session's generated document stays in its folder; the database keeps what the lists need
(date, bank, person, dimension scores) and the consultant's notes and sign-off, which are never
written into the generated analysis.

Deleting is thorough: ``secure_delete`` is on (freed pages are overwritten with zeros) and the file
is vacuumed after a delete, so a removed session's rows are not left in free pages.
"""

from __future__ import annotations

import contextlib
import logging
import re
import shutil
import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from interview_app import paths
from interview_app.errors import EXIT_OUTPUT
from interview_app.storage.compare import Comparison, compare_documents
from interview_app.storage.errors import StorageError
from interview_app.storage.sessions import (
    SessionFolder,
    SessionStore,
    check_session_id,
    read_document,
    validate_document,
)

log = logging.getLogger(__name__)

DB_NAME = "history.sqlite3"
PERSON_LABEL_MAX = 40  # characters of a name or nickname; longer input is cut
_MIGRATION_NAME = re.compile(r"(\d{4})_[a-z0-9_]+\.sql")
OVERALL = 0  # answer_index of the note on the whole session


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def migrations() -> list[tuple[int, str, str]]:
    """``(version, file name, SQL)`` for every schema file, in order; versions are 1, 2, 3... without gaps."""
    found = []
    for entry in resources.files("interview_app.storage").joinpath("schema").iterdir():
        match = _MIGRATION_NAME.fullmatch(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    if [version for version, _, _ in found] != list(range(1, len(found) + 1)):
        raise RuntimeError(f"schema files are not numbered 1..n: {[name for _, name, _ in found]}")
    return found


def latest_version() -> int:
    return len(migrations())


def _sort_key(created_at: str) -> tuple[float, str]:
    try:
        return (datetime.fromisoformat(created_at).timestamp(), created_at)
    except (TypeError, ValueError):
        return (0.0, created_at or "")


def clean_person_label(value: object) -> str | None:
    """A name or nickname as stored: spaces trimmed and runs of them made one, control characters
    dropped, at most :data:`PERSON_LABEL_MAX` characters; None when nothing is left."""
    if not isinstance(value, str):
        return None
    printable = "".join(ch if ch.isprintable() else " " for ch in value)
    label = " ".join(printable.split())[:PERSON_LABEL_MAX].strip()
    return label or None


def _person_label(document: Mapping[str, Any]) -> str | None:
    person = document.get("person")
    return clean_person_label(person.get("label") if isinstance(person, Mapping) else None)


def _dimension_scores(document: Mapping[str, Any]) -> dict[str, float | None]:
    summary = document.get("summary") or {}
    scores: dict[str, float | None] = {}
    for dimension in summary.get("dimensions") or []:
        if isinstance(dimension, Mapping) and isinstance(dimension.get("id"), str):
            score = dimension.get("score")
            scores[dimension["id"]] = float(score) if isinstance(score, int | float) else None
    return scores


@dataclass(frozen=True)
class SessionRow:
    """One line of the history list."""

    id: str
    created_at: str
    bank_id: str | None
    bank_title: str | None
    language: str | None
    mode: str | None
    person_label: str | None
    dimensions: Mapping[str, float | None] = field(default_factory=dict)
    signed_by: str | None = None
    folder: Path | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["dimensions"] = dict(self.dimensions)
        data["folder"] = str(self.folder) if self.folder else None
        return data


class ProgressPoint(NamedTuple):
    """One session on a person's progress line: when, and the dimension scores."""

    created_at: str
    dimensions: dict[str, float | None]


class History:
    """The history database. Every call opens its own short connection, so any thread may use it."""

    def __init__(self, db_path: Path | None = None, *, store: SessionStore | None = None) -> None:
        self.db_path = Path(db_path) if db_path is not None else paths.data_dir() / DB_NAME
        self.store = store or SessionStore()
        self.db_path.parent.mkdir(parents=True, exist_ok=True)
        self._migrate()

    # -- connection and migrations ------------------------------------------------------------
    @contextlib.contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        try:
            connection = sqlite3.connect(self.db_path, timeout=10)
        except sqlite3.Error as error:
            raise StorageError(
                f"cannot open the history database {self.db_path}: {error}", exit_code=EXIT_OUTPUT
            ) from None
        try:
            connection.row_factory = sqlite3.Row
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute("PRAGMA secure_delete = ON")
            yield connection
        except sqlite3.DatabaseError as error:
            if "not a database" in str(error) or "malformed" in str(error):
                raise StorageError(
                    f"the history database {self.db_path} is damaged ({error}); move it aside to start a new one"
                ) from None
            raise
        finally:
            connection.close()

    def schema_version(self) -> int:
        with self._connect() as db:
            return int(db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        steps = migrations()
        with self._connect() as db:
            current = int(db.execute("PRAGMA user_version").fetchone()[0])
            if current > len(steps):
                raise StorageError(
                    f"the history database {self.db_path} comes from a newer Interview Coach (schema version "
                    f"{current}; this one knows up to {len(steps)}); update the app. The file was left untouched."
                )
            for version, name, sql in steps[current:]:
                log.info("upgrading %s to schema version %d (%s)", self.db_path, version, name)
                try:
                    db.executescript(f"BEGIN;\n{sql}\nPRAGMA user_version = {version};\nCOMMIT;")
                except sqlite3.Error as error:
                    db.rollback()
                    log.exception("upgrading %s to schema version %d failed", self.db_path, version)
                    raise StorageError(
                        f"the history database {self.db_path} could not be upgraded ({error}); it was left as it "
                        "was. Check there is free disk space and start again",
                        exit_code=EXIT_OUTPUT,
                    ) from None

    # -- adding and listing -------------------------------------------------------------------
    def _folder_text(self, folder: Path) -> str:
        try:
            return folder.resolve().relative_to(paths.data_dir().resolve()).as_posix()
        except ValueError:
            return str(folder.resolve())

    def _folder_path(self, text: str) -> Path:
        path = Path(text)
        return path if path.is_absolute() else paths.data_dir() / path

    def add_session(self, document: Mapping[str, Any], folder: SessionFolder | Path) -> SessionRow:
        """Record a saved session (or update it after re-analysis; notes are kept)."""
        data = validate_document(document)
        folder_path = folder.path if isinstance(folder, SessionFolder) else Path(folder)
        bank: Mapping[str, Any] = data["bank"] if isinstance(data.get("bank"), Mapping) else {}
        scores = _dimension_scores(data)
        values = {
            "id": data["id"],
            "created_at": str(data.get("created_at") or _now()),
            "language": data.get("language"),
            "mode": data.get("mode"),
            "bank_id": bank.get("id"),
            "bank_title": bank.get("title"),
            "person_label": _person_label(data),
            "folder": self._folder_text(folder_path),
            "added_at": _now(),
        }
        with self._connect() as db, db:
            db.execute(
                """INSERT INTO sessions (id, created_at, language, mode, bank_id, bank_title, person_label,
                                         folder, added_at)
                   VALUES (:id, :created_at, :language, :mode, :bank_id, :bank_title, :person_label,
                           :folder, :added_at)
                   ON CONFLICT(id) DO UPDATE SET created_at = excluded.created_at, language = excluded.language,
                       mode = excluded.mode, bank_id = excluded.bank_id, bank_title = excluded.bank_title,
                       person_label = excluded.person_label, folder = excluded.folder""",
                values,
            )
            db.execute("DELETE FROM dimension_scores WHERE session_id = ?", (data["id"],))
            db.executemany(
                "INSERT INTO dimension_scores (session_id, dimension, score) VALUES (?, ?, ?)",
                [(data["id"], dimension, score) for dimension, score in scores.items()],
            )
        return self._row(data["id"])

    def _rows(self, where: str = "", params: tuple[Any, ...] = ()) -> list[SessionRow]:
        with self._connect() as db:
            sessions = db.execute(
                f"""SELECT s.*, o.name AS signed_by FROM sessions s
                    LEFT JOIN sign_offs o ON o.session_id = s.id {where}""",
                params,
            ).fetchall()
            scores: dict[str, dict[str, float | None]] = {}
            for score in db.execute("SELECT session_id, dimension, score FROM dimension_scores"):
                scores.setdefault(score["session_id"], {})[score["dimension"]] = score["score"]
        rows = [
            SessionRow(
                id=s["id"],
                created_at=s["created_at"],
                bank_id=s["bank_id"],
                bank_title=s["bank_title"],
                language=s["language"],
                mode=s["mode"],
                person_label=s["person_label"],
                dimensions=scores.get(s["id"], {}),
                signed_by=s["signed_by"],
                folder=self._folder_path(s["folder"]),
            )
            for s in sessions
        ]
        rows.sort(key=lambda row: (_sort_key(row.created_at), row.id), reverse=True)
        return rows

    def _row(self, session_id: str) -> SessionRow:
        rows = self._rows("WHERE s.id = ?", (check_session_id(session_id),))
        if not rows:
            raise StorageError(f"there is no session {session_id} in the history")
        return rows[0]

    def has_session(self, session_id: str) -> bool:
        with self._connect() as db:
            return db.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone() is not None

    def list_sessions(self, person: str | None = None) -> list[SessionRow]:
        """Past sessions, newest first; only ``person``'s when given."""
        if person is None:
            return self._rows()
        return self._rows("WHERE s.person_label = ?", (clean_person_label(person),))

    def people(self) -> list[str]:
        """The names and nicknames sessions were saved under, the most recently practised first."""
        latest: dict[str, tuple[float, str]] = {}
        with self._connect() as db:
            for row in db.execute("SELECT person_label, created_at FROM sessions WHERE person_label IS NOT NULL"):
                key = _sort_key(row["created_at"])
                if row["person_label"] not in latest or key > latest[row["person_label"]]:
                    latest[row["person_label"]] = key
        return sorted(latest, key=lambda name: (latest[name], name), reverse=True)

    def session_folder(self, session_id: str) -> SessionFolder:
        row = self._row(session_id)
        assert row.folder is not None
        return SessionFolder(row.id, row.folder)

    def get_session(self, session_id: str) -> dict[str, Any]:
        """The session document for display: the generated analysis plus notes and earlier sessions."""
        row = self._row(session_id)
        assert row.folder is not None
        document = read_document(row.folder)
        notes = self.get_notes(session_id)
        for answer in document["answers"]:
            notes["answers"].setdefault(str(answer["index"]), "")
        notes["answers"] = dict(sorted(notes["answers"].items(), key=lambda item: int(item[0])))
        document["notes"] = notes
        earlier = []
        if row.person_label:
            for point in self.list_sessions(row.person_label):
                if _sort_key(point.created_at) < _sort_key(row.created_at):
                    earlier.append(
                        {"session_id": point.id, "created_at": point.created_at, "dimensions": dict(point.dimensions)}
                    )
        document["history"] = sorted(earlier, key=lambda item: _sort_key(item["created_at"]))
        return document

    # -- deleting -----------------------------------------------------------------------------
    def forget(self, session_id: str) -> bool:
        """Remove a session's rows (scores, notes, sign-off) and vacuum; the folder is left alone."""
        with self._connect() as db:
            with db:
                removed = db.execute("DELETE FROM sessions WHERE id = ?", (session_id,)).rowcount > 0
            db.execute("VACUUM")
        return removed

    def forget_all(self) -> int:
        """Remove every session's rows (kiosk start-up) and vacuum; returns how many were removed."""
        with self._connect() as db:
            with db:
                removed = db.execute("DELETE FROM sessions").rowcount
            db.execute("VACUUM")
        return removed

    def delete_session(self, session_id: str) -> None:
        """Delete a session: its rows, notes and its whole folder (recordings, transcripts, report)."""
        check_session_id(session_id)
        folder = self.session_folder(session_id).path if self.has_session(session_id) else None
        fallback = self.store.path_for(session_id)
        if folder is None and not fallback.exists():
            raise StorageError(f"there is no session {session_id} to delete")
        self.forget(session_id)
        for path in {p for p in (folder, fallback) if p is not None}:
            if path.exists():
                shutil.rmtree(path)
        log.info("deleted session %s", session_id)

    # -- comparing and progress ---------------------------------------------------------------
    def compare(self, a_id: str, b_id: str) -> Comparison:
        """How session ``b`` differs from session ``a``: dimension deltas and per-metric differences."""
        a = read_document(self.session_folder(a_id).path)
        b = read_document(self.session_folder(b_id).path)
        return compare_documents(a, b)

    def progress(self, person: str) -> list[ProgressPoint]:
        """``person``'s sessions, oldest first, as ``(created_at, dimension scores)``."""
        if not clean_person_label(person):
            return []
        rows = self.list_sessions(person)
        return [ProgressPoint(row.created_at, dict(row.dimensions)) for row in reversed(rows)]

    # -- notes --------------------------------------------------------------------------------
    def set_note(self, session_id: str, text: str, *, answer_index: int | None = None) -> None:
        """Set the consultant's note on the session (or on one answer); empty text removes it.

        Changing a note after sign-off withdraws the sign-off: a signature covers the notes it saw.
        """
        self._row(session_id)
        if answer_index is not None and (isinstance(answer_index, bool) or not isinstance(answer_index, int)
                                         or answer_index < 1):
            raise StorageError(f"answer numbers start at 1 (got {answer_index!r})")
        index = OVERALL if answer_index is None else answer_index
        text = (text or "").strip()
        with self._connect() as db, db:
            old = db.execute(
                "SELECT text FROM notes WHERE session_id = ? AND answer_index = ?", (session_id, index)
            ).fetchone()
            if (old["text"] if old else "") == text:
                return
            if text:
                db.execute(
                    """INSERT INTO notes (session_id, answer_index, text, updated_at) VALUES (?, ?, ?, ?)
                       ON CONFLICT(session_id, answer_index) DO UPDATE SET text = excluded.text,
                           updated_at = excluded.updated_at""",
                    (session_id, index, text, _now()),
                )
            else:
                db.execute("DELETE FROM notes WHERE session_id = ? AND answer_index = ?", (session_id, index))
            if db.execute("DELETE FROM sign_offs WHERE session_id = ?", (session_id,)).rowcount:
                log.info("notes of session %s changed after sign-off; the sign-off was withdrawn", session_id)

    def get_notes(self, session_id: str) -> dict[str, Any]:
        """The ``notes`` part of the session document: overall, per answer, and the sign-off."""
        self._row(session_id)
        notes: dict[str, Any] = {"overall": "", "answers": {}, "signed_by": None, "signed_at": None}
        with self._connect() as db:
            for note in db.execute(
                "SELECT answer_index, text FROM notes WHERE session_id = ? ORDER BY answer_index", (session_id,)
            ):
                if note["answer_index"] == OVERALL:
                    notes["overall"] = note["text"]
                else:
                    notes["answers"][str(note["answer_index"])] = note["text"]
            signed = db.execute("SELECT name, signed_at FROM sign_offs WHERE session_id = ?", (session_id,)).fetchone()
        if signed:
            notes["signed_by"], notes["signed_at"] = signed["name"], signed["signed_at"]
        return notes

    def sign_off(self, session_id: str, name: str, *, signed_at: str | None = None) -> str:
        """Record that consultant ``name`` reviewed the session; returns the time of signing."""
        self._row(session_id)
        name = (name or "").strip()
        if not name:
            raise StorageError("type your name to sign off the session")
        when = signed_at or _now()
        with self._connect() as db, db:
            db.execute(
                """INSERT INTO sign_offs (session_id, name, signed_at) VALUES (?, ?, ?)
                   ON CONFLICT(session_id) DO UPDATE SET name = excluded.name, signed_at = excluded.signed_at""",
                (session_id, name, when),
            )
        return when

    def restore_notes(self, session_id: str, notes: Mapping[str, Any]) -> None:
        """Store notes in the document's ``notes`` shape (from an imported zip), sign-off included."""
        overall = notes.get("overall")
        if isinstance(overall, str):
            self.set_note(session_id, overall)
        answers = notes.get("answers")
        if isinstance(answers, Mapping):
            for key, text in answers.items():
                if isinstance(text, str) and str(key).isdigit() and int(key) >= 1:
                    self.set_note(session_id, text, answer_index=int(key))
        signed_by = notes.get("signed_by")
        if isinstance(signed_by, str) and signed_by.strip():
            signed_at = notes.get("signed_at")
            self.sign_off(session_id, signed_by, signed_at=signed_at if isinstance(signed_at, str) else None)
