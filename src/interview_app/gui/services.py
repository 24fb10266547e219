"""The one place the desktop app reaches into the core packages.

Screens and workers call these functions instead of importing banks, audio, transcription,
analysis, reports and storage themselves, so a change in a core interface is wired in here once.
A core part that is not installed raises :class:`PartMissing` (a :class:`UserError`), which the
screens show in plain words; nothing here pretends a missing part worked.
"""

from __future__ import annotations

import datetime as _dt
import importlib
import json
import logging
import secrets
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from interview_app import paths
from interview_app.errors import UserError
from interview_app.fileio import write_text_atomic

log = logging.getLogger(__name__)

SESSION_FILE = "session.json"
NOTES_FILE = "notes.json"
REPORT_FILE = "report.html"


class PartMissing(UserError):
    """A core part of the app is not installed in this build."""


def _module(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError as error:
        raise PartMissing(f"{name} is not available in this build ({error})") from None


def _get(module: str, name: str) -> Any:
    """``module.name`` from a core package, or :class:`PartMissing` when this build lacks it."""
    value = getattr(_module(module), name, None)
    if value is None:
        raise PartMissing(f"{module}.{name} is not available in this build")
    return value


def has(name: str) -> bool:
    """Whether the core module ``name`` (for example ``interview_app.audio.recorder``) is installed."""
    try:
        importlib.import_module(name)
    except ImportError:
        return False
    return True


# --- question banks -----------------------------------------------------------------------

@dataclass(frozen=True)
class QuestionView:
    """What the interview screen needs of a question (copied from the bank's Question)."""

    id: str
    text: str
    prep_seconds: float = 30.0
    answer_seconds: float = 60.0
    key_points: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    competencies: tuple[str, ...] = ()
    source: Any = field(default=None, compare=False, repr=False)

    @classmethod
    def from_question(cls, question: Any) -> QuestionView:
        return cls(
            id=str(getattr(question, "id", "")),
            text=str(getattr(question, "text", question)),
            prep_seconds=float(getattr(question, "prep_seconds", None) or 30.0),
            answer_seconds=float(getattr(question, "answer_seconds", None) or 60.0),
            key_points=tuple(getattr(question, "key_points", ()) or ()),
            keywords=tuple(getattr(question, "keywords", ()) or ()),
            competencies=tuple(getattr(question, "competencies", ()) or ()),
            source=question,
        )


def load_banks() -> list[Any]:
    """Every question bank (bundled and the user's own)."""
    return list(_get("interview_app.banks", "load_banks")())


def draw_questions(bank: Any, count: int, *, random_draw: bool) -> list[QuestionView]:
    questions = [QuestionView.from_question(q) for q in bank.questions]
    if random_draw:
        picked = secrets.SystemRandom().sample(questions, k=min(count, len(questions)))
        return picked
    return questions[:count]


# --- recording ----------------------------------------------------------------------------

def list_input_devices() -> list[Any]:
    return list(_get("interview_app.audio.devices", "list_input_devices")())


def device_name(device: Any) -> str:
    return str(getattr(device, "name", device))


def make_recorder(*, device: str | None, on_level: Callable[[Any], None], on_warning: Callable[[Any], None],
                  stream_factory: Callable[..., Any] | None = None) -> Any:
    recorder_class = _get("interview_app.audio.recorder", "Recorder")
    kwargs: dict[str, Any] = {"device": device, "on_level": on_level, "on_warning": on_warning}
    if stream_factory is not None:
        kwargs["stream_factory"] = stream_factory
    return recorder_class(None, **kwargs)


# --- transcription and analysis -----------------------------------------------------------

def make_transcriber(model: str) -> Any:
    return _get("interview_app.transcription.transcriber", "Transcriber")(model=model)


def load_audio(path: Path) -> Any:
    return _get("interview_app.audio.files", "load_audio")(path)


def transcribe(transcriber: Any, audio: Any, *, language: str | None, question: str | None,
               on_progress: Callable[[float], None] | None, cancel: Any) -> Any:
    return transcriber.transcribe(audio, language=language, question=question, on_progress=on_progress,
                                  cancel=cancel)


def analyze_answer(transcript: Any, *, audio: Any, question: QuestionView, bank_id: str | None,
                   language: str | None, blind_hiring: bool) -> dict[str, Any]:
    result = _get("interview_app.analysis", "analyze_answer")(
        transcript,
        audio=audio,
        question=question.text,
        question_id=question.id or None,
        bank_id=bank_id,
        key_points=question.key_points,
        keywords=question.keywords,
        competencies=question.competencies,
        language=language,
        blind_hiring=blind_hiring,
    )
    return result.to_dict() if hasattr(result, "to_dict") else dict(result)


def build_session(answers: Sequence[dict[str, Any]], *, language: str, mode: str, bank: Any) -> dict[str, Any]:
    build = _get("interview_app.analysis.session", "build_session")
    return dict(build(list(answers), language=language, mode=mode, bank=bank))


# --- reports ------------------------------------------------------------------------------

def render_report(document: dict[str, Any], *, language: str | None) -> str:
    return str(_get("interview_app.reports", "render_html")(document, language=language))


def export_pdf(html_path: Path, pdf_path: Path) -> Path:
    _get("interview_app.gui.pdf_export", "export_pdf")(html_path, pdf_path)
    return pdf_path


# --- session folders ----------------------------------------------------------------------

def sessions_root() -> Path:
    root = paths.data_dir() / "sessions"
    root.mkdir(parents=True, exist_ok=True)
    return root


def new_session_id() -> str:
    return _dt.datetime.now().strftime("%Y-%m-%dT%H-%M-%S") + "-" + secrets.token_hex(2)


def new_session_dir() -> Path:
    folder = sessions_root() / new_session_id()
    (folder / "answers").mkdir(parents=True)
    return folder


def answer_path(session_dir: Path, index: int) -> Path:
    """``answers/NN.wav`` (1-based, as in the session file)."""
    return session_dir / "answers" / f"{index:02d}.wav"


def write_session(session_dir: Path, document: dict[str, Any], *, language: str | None) -> Path:
    """Write session.json and report.html into ``session_dir``; return the report's path."""
    write_text_atomic(session_dir / SESSION_FILE, json.dumps(document, ensure_ascii=False, indent=2))
    report = session_dir / REPORT_FILE
    write_text_atomic(report, render_report(with_notes(session_dir, document), language=language))
    return report


def read_session(session_dir: Path) -> dict[str, Any]:
    return dict(json.loads((session_dir / SESSION_FILE).read_text(encoding="utf-8")))


def list_sessions() -> list[dict[str, Any]]:
    """Past sessions, newest first: ``{id, dir, created_at, bank, mode, language, dimensions}``."""
    rows = []
    for folder in sorted(sessions_root().iterdir(), reverse=True):
        file = folder / SESSION_FILE
        if not file.is_file():
            continue
        try:
            document = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            log.warning("skipping unreadable session file %s", file)
            continue
        dimensions = {d.get("id"): d.get("score") for d in document.get("summary", {}).get("dimensions", [])}
        rows.append({
            "id": document.get("id", folder.name),
            "dir": folder,
            "created_at": document.get("created_at", ""),
            "bank": (document.get("bank") or {}).get("title", ""),
            "mode": document.get("mode", ""),
            "language": document.get("language", ""),
            "dimensions": dimensions,
        })
    return rows


def delete_session(session_dir: Path) -> None:
    """Remove a session folder and everything in it (recordings, transcripts, report)."""
    shutil.rmtree(session_dir, ignore_errors=False)


# --- consultant notes (kept apart from the generated analysis) ------------------------------

def empty_notes() -> dict[str, Any]:
    return {"overall": "", "answers": {}, "signed_by": None, "signed_at": None}


def read_notes(session_dir: Path) -> dict[str, Any]:
    file = session_dir / NOTES_FILE
    if not file.is_file():
        return empty_notes()
    notes = empty_notes()
    notes.update(json.loads(file.read_text(encoding="utf-8")))
    return notes


def save_notes(session_dir: Path, notes: dict[str, Any]) -> None:
    write_text_atomic(session_dir / NOTES_FILE, json.dumps(notes, ensure_ascii=False, indent=2))


def with_notes(session_dir: Path, document: dict[str, Any]) -> dict[str, Any]:
    """The session document with the consultant's notes filled in (the file on disk is untouched)."""
    merged = dict(document)
    merged["notes"] = read_notes(session_dir)
    return merged


def rerender_report(session_dir: Path) -> Path:
    document = read_session(session_dir)
    report = session_dir / REPORT_FILE
    write_text_atomic(report, render_report(with_notes(session_dir, document), language=document.get("language")))
    return report


# --- export, import, wipe -----------------------------------------------------------------

def export_zip(session_dir: Path, out_path: Path) -> Path:
    """A zip with the session file, notes, report and audio, for a consultant."""
    out_path = Path(out_path)
    archive = shutil.make_archive(str(out_path.with_suffix("")), "zip", root_dir=session_dir)
    if Path(archive) != out_path:
        Path(archive).replace(out_path)
    return out_path


def import_zip(zip_path: Path) -> Path:
    """Unpack an exported zip into a new session folder and return it."""
    target = sessions_root() / (Path(zip_path).stem + "-" + secrets.token_hex(2))
    try:
        shutil.unpack_archive(str(zip_path), str(target), "zip")
    except (OSError, ValueError, shutil.ReadError) as error:
        shutil.rmtree(target, ignore_errors=True)
        raise UserError(f"cannot open {zip_path}: {error}; choose a zip exported from Interview Coach") from None
    if not (target / SESSION_FILE).is_file():
        shutil.rmtree(target, ignore_errors=True)
        raise UserError(f"{zip_path} holds no session.json; choose a zip exported from Interview Coach")
    return target


def wipe_session(session_dir: Path) -> None:
    """Kiosk mode: remove everything of this session from the disk."""
    shutil.rmtree(session_dir, ignore_errors=True)
    for leftover in paths.recordings_dir().glob("*"):
        if leftover.is_file():
            leftover.unlink(missing_ok=True)
        else:
            shutil.rmtree(leftover, ignore_errors=True)
