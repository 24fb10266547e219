"""The one place the desktop app reaches into the core packages.

Screens and workers call these functions instead of importing banks, audio, transcription,
analysis, reports and storage themselves, so a change in a core interface is wired in here once.
A core part that is not installed raises :class:`PartMissing` (a :class:`UserError`), which the
screens show in plain words; nothing here pretends a missing part worked.
"""

from __future__ import annotations

import importlib
import json
import logging
import secrets
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from interview_app.errors import UserError
from interview_app.fileio import write_text_atomic

log = logging.getLogger(__name__)

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


def check_microphone(seconds: float, *, device: str | None, stream_factory: Callable[..., Any] | None,
                     on_level: Callable[[Any], None]) -> Any:
    """Record a few seconds, judge them, and delete the test recording (nothing personal is kept)."""
    import tempfile

    check = _get("interview_app.audio.miccheck", "check_microphone")
    with tempfile.TemporaryDirectory(prefix="mic-check-") as folder:
        return check(seconds, stream_factory=stream_factory, device=device, out_dir=folder, on_level=on_level)


# --- transcription and analysis -----------------------------------------------------------

def make_transcriber(model: str) -> Any:
    return _get("interview_app.transcription.transcriber", "Transcriber")(model=model)


def warm_up_transcriber(transcriber: Any) -> None:
    """Decode a second of silence once, so the voice-activity model and decoder are ready before
    the first answer (their first use briefly holds the interpreter lock)."""
    import numpy as np

    try:
        transcriber.transcribe(np.zeros(16_000, dtype=np.float32), language="auto", question=None)
    except Exception:  # the warm-up is a courtesy; a real problem shows on the first answer
        log.info("transcriber warm-up failed", exc_info=True)


def load_audio(path: Path) -> Any:
    return _get("interview_app.audio.files", "load_audio")(path)


def transcribe(transcriber: Any, audio: Any, *, language: str | None, question: str | None,
               on_progress: Callable[[float], None] | None, cancel: Any) -> Any:
    return transcriber.transcribe(audio, language=language, question=question, on_progress=on_progress,
                                  cancel=cancel)


def start_incremental(transcriber: Any, *, language: str, question: str | None) -> Any:
    """A transcriber for one answer that works on it in pieces while it is recorded."""
    return _get("interview_app.transcription.incremental", "IncrementalTranscriber")(transcriber, language, question)


def recorded_seconds(path: Path) -> float:
    """How much audio the WAV being recorded holds so far (from its header; 0 when unreadable)."""
    import wave

    try:
        with wave.open(str(path), "rb") as wav:
            return wav.getnframes() / wav.getframerate()
    except (OSError, EOFError, wave.Error, ZeroDivisionError):
        return 0.0


def read_growing_audio(path: Path) -> Any:
    """The audio recorded so far into ``path`` (the recorder rewrites its header twice a second), at 16 kHz;
    None while there is nothing readable yet."""
    try:
        return _get("interview_app.audio.files", "load_audio")(path)
    except Exception as error:  # half a header, not a second of audio yet: try again on the next tick
        log.debug("the answer being recorded cannot be read yet: %s", error)
        return None


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
    document = result.to_dict() if hasattr(result, "to_dict") else dict(result)
    release_free_memory()  # the pitch tracker's copies of the audio
    return document


def release_free_memory() -> None:
    """Give the memory a finished job freed back to the system (see interview_app.memory)."""
    _get("interview_app.memory", "release_free_memory")()


def run_in_background(nice: int) -> None:
    """Lower this process's priority (the analysis helper), so the window stays first in line."""
    import os

    if hasattr(os, "nice"):
        try:
            os.nice(nice)
        except OSError:
            log.info("could not lower the analysis process's priority")


def warm_up_analysis(language: str | None = None) -> bool:
    """Import the analysis (and its acoustic libraries) ahead of the first answer, and load the Korean
    analyser when the session is in Korean (or its language is not known yet)."""
    analysis = _module("interview_app.analysis")
    if language in (None, "ko", "auto"):
        analysis.warm_up()
    return True


def build_session(answers: Sequence[dict[str, Any]], *, language: str, mode: str, bank: Any,
                  person: str | None = None) -> dict[str, Any]:
    """The session document; ``person`` (a name or nickname, or None) goes into ``person.label``."""
    build = _get("interview_app.analysis.session", "build_session")
    return dict(build(list(answers), language=language, mode=mode, bank=bank, person=clean_person(person)))


# --- reports ------------------------------------------------------------------------------

def render_report(document: dict[str, Any], *, language: str | None) -> str:
    return str(_get("interview_app.reports", "render_html")(document, language=language))


def export_pdf(html_path: Path, pdf_path: Path) -> Path:
    _get("interview_app.gui.pdf_export", "export_pdf")(html_path, pdf_path)
    return pdf_path


# --- session folders, history, notes (interview_app.storage) -------------------------------

def _history() -> Any:
    return _get("interview_app.storage.history", "History")()


def _folder(session_dir: Path) -> Any:
    folder_class = _get("interview_app.storage.sessions", "SessionFolder")
    return folder_class(Path(session_dir).name, Path(session_dir))


def sessions_root() -> Path:
    return Path(_get("interview_app.storage.sessions", "SessionStore")().root)


def new_session_dir() -> Path:
    """A new, empty session folder (``answers/``, ``transcripts/``) under the data folder."""
    return Path(_get("interview_app.storage.sessions", "SessionStore")().create().path)


def answer_path(session_dir: Path, index: int) -> Path:
    """``answers/NN.wav`` (1-based, as in the session file)."""
    return Path(_folder(session_dir).audio_path(index))


def write_session(session_dir: Path, document: dict[str, Any], *, transcripts: dict[int, dict[str, Any]]) -> Path:
    """Save the generated session (document, transcripts, history row) and its report; return the report."""
    folder = _folder(session_dir)
    document["id"] = folder.session_id
    _get("interview_app.storage.sessions", "SessionStore")().save_document(folder, document)
    for index, transcript in transcripts.items():
        write_text_atomic(folder.transcript_path(index), json.dumps(transcript, ensure_ascii=False, indent=2))
    _history().add_session(document, folder)
    return rerender_report(session_dir)


def display_document(session_dir: Path) -> dict[str, Any]:
    """The session as shown and exported: the generated analysis with notes and earlier sessions."""
    return dict(_history().get_session(Path(session_dir).name))


def rerender_report(session_dir: Path) -> Path:
    """Write report.html from the session and the consultant's notes; return its path."""
    document = display_document(session_dir)
    report = Path(session_dir) / REPORT_FILE
    write_text_atomic(report, render_report(document, language=None))
    return report


def list_sessions() -> list[dict[str, Any]]:
    """Past sessions, newest first: ``{id, dir, created_at, bank, mode, language, person, dimensions}``."""
    return [
        {"id": row.id, "dir": row.folder, "created_at": row.created_at or "", "bank": row.bank_title or "",
         "mode": row.mode or "", "language": row.language or "", "person": row.person_label,
         "dimensions": dict(row.dimensions), "signed_by": row.signed_by}
        for row in _history().list_sessions()
    ]


def import_answer_file(source: Path, target: Path) -> Path:
    """Keep an audio file as the answer at ``target`` (16 kHz mono WAV); a bad file raises a UserError."""
    recording = _get("interview_app.audio.importing", "import_answer")(source, out_dir=target.parent)
    Path(recording.path).replace(target)
    return target


def delete_session(session_dir: Path) -> None:
    """Remove a session: its history rows and notes, and its folder (recordings, transcripts, report)."""
    session_id = Path(session_dir).name
    history = _history()
    if history.has_session(session_id):
        history.delete_session(session_id)
    else:
        shutil.rmtree(session_dir, ignore_errors=True)


def compare_sessions(a_id: str, b_id: str) -> Any:
    return _history().compare(a_id, b_id)


def progress(person: str | None) -> list[Any]:
    """``(created_at, dimensions)`` oldest first: the person's sessions, or every session without a name."""
    if person:
        return list(_history().progress(person))
    return [(row["created_at"], row["dimensions"]) for row in reversed(list_sessions()) if not row["person"]]


# --- who is practising --------------------------------------------------------------------

def person_label_max() -> int:
    """How many characters a name or nickname may have."""
    return int(_get("interview_app.storage.history", "PERSON_LABEL_MAX"))


def clean_person(text: str | None) -> str | None:
    """A name or nickname as it is stored (trimmed, capped), or None for none."""
    label: str | None = _get("interview_app.storage.history", "clean_person_label")(text)
    return label


def people() -> list[str]:
    """The names sessions on this computer were saved under, the most recently practised first."""
    return list(_history().people())


def read_notes(session_dir: Path) -> dict[str, Any]:
    return dict(_history().get_notes(Path(session_dir).name))


def save_notes(session_dir: Path, notes: dict[str, Any]) -> None:
    """Store the consultant's notes (in the history database, apart from the generated analysis)."""
    history = _history()
    session_id = Path(session_dir).name
    history.set_note(session_id, notes.get("overall", ""))
    for number, text in notes.get("answers", {}).items():
        history.set_note(session_id, text, answer_index=int(number))


def sign_off(session_dir: Path, name: str) -> str:
    return str(_history().sign_off(Path(session_dir).name, name))


# --- export, import, wipe -----------------------------------------------------------------

def export_zip(session_dir: Path, out_path: Path) -> Path:
    """A zip with the session (notes merged in), the report and the audio, for a consultant."""
    return Path(_get("interview_app.storage.export", "export_zip")(Path(session_dir), Path(out_path)))


def import_zip(zip_path: Path) -> Path:
    """Import an exported zip (or find it already imported) and return its session folder."""
    session_id = _get("interview_app.storage.export", "import_zip")(Path(zip_path), replace=True)
    return Path(_history().session_folder(session_id).path)


def wipe_session(session_dir: Path) -> Any:
    """Kiosk mode: remove everything of this session from the disk, then check nothing is left."""
    return _get("interview_app.storage.retention", "wipe_session")(Path(session_dir).name)


def wipe_all_sessions() -> Any:
    """Kiosk start-up: nothing of any earlier person stays (a crash's or power cut's leftovers too)."""
    return _get("interview_app.storage.retention", "wipe_all_sessions")()


def purge_old_recordings() -> Any:
    return _get("interview_app.storage.retention", "purge_per_settings")()


# --- the data folder ----------------------------------------------------------------------

def data_folder() -> Path:
    return Path(_get("interview_app.paths", "data_dir")())


def data_folder_fixed_by_environment() -> bool:
    """Whether INTERVIEW_APP_DATA_DIR chooses the data folder (then it is not moved from the settings)."""
    return bool(_get("interview_app.paths", "data_dir_from_environment")())


def move_data_folder(target: Path) -> Any:
    """Copy the data folder to ``target``, check the copy, use it from now on, delete the old copy.

    Returns a MoveResult; a DataFolderError (with ``message_ko``) says why nothing moved."""
    return _get("interview_app.storage.relocate", "move_data_folder")(Path(target))
