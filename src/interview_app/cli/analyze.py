"""`interview-app analyze`: analyse one answer (a transcript file, or audio transcribed first)."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any

from interview_app.errors import EXIT_OK, EXIT_OUTPUT, EXIT_USAGE, UserError
from interview_app.fileio import write_text_atomic
from interview_app.storage.settings import Settings
from interview_app.transcription.types import Transcript, TranscriptFormatError

log = logging.getLogger(__name__)

# Optional fields a transcript file may carry beside the transcript itself (docs/transcript-format.md).
_EXTRA_FIELDS = ("question_id", "bank_id", "key_points", "keywords", "competencies")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "analyze",
        help="analyse one answer's structure and delivery",
        description="Analyse one answer: how it is built (conclusion first, STAR, relevance) and how it is "
                    "said (pace, fillers, pauses, hedging, formality). Writes the JSON of docs/analysis-result.md.",
    )
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--audio", metavar="FILE", help="a recording; it is transcribed first")
    source.add_argument("--transcript", metavar="FILE.json", help="a transcript (docs/transcript-format.md)")
    parser.add_argument("--question", metavar="TEXT", help="the question that was answered")
    parser.add_argument("--bank", metavar="ID", help="question bank id (with --question-id)")
    parser.add_argument("--question-id", metavar="QID", help="question id in the bank")
    parser.add_argument("--lang", choices=("ko", "en", "auto"), default="auto",
                        help="the answer's language (default: the transcript's)")
    parser.add_argument("--json", metavar="OUT.json", required=True,
                        help="where to write the analysis ('-' for stdout)")
    parser.add_argument("--report", metavar="OUT.html", help="also write the HTML feedback report")
    parser.add_argument("--site-norms", metavar="FILE", help="a site's thresholds file overriding the defaults")
    parser.add_argument("--blind-hiring", action="store_true",
                        help="flag school names, hometown and family details (public-sector practice)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from interview_app.analysis import analyze_answer, load_norms

    if bool(args.bank) != bool(args.question_id):
        raise UserError("--bank and --question-id go together; give both or neither", exit_code=EXIT_USAGE)
    if args.question and args.bank:
        raise UserError("give either --question or --bank with --question-id, not both", exit_code=EXIT_USAGE)
    settings = Settings.load()
    norms = load_norms(args.site_norms or settings.site_norms)
    found = find_bank_question(args.bank, args.question_id) if args.bank else None
    question = found.text if found else args.question
    extras: dict[str, Any] = {}
    audio = None
    if args.transcript:
        transcript, extras = read_transcript(Path(args.transcript))
    else:
        transcript, audio = transcribe(Path(args.audio), args.lang, settings, question)

    context: dict[str, Any] = {
        "question_id": extras.get("question_id"),
        "bank_id": extras.get("bank_id"),
        "key_points": tuple(extras.get("key_points") or ()),
        "keywords": tuple(extras.get("keywords") or ()),
        "competencies": tuple(extras.get("competencies") or ()),
    }
    if found is not None:
        context.update(question_id=found.id, bank_id=args.bank, key_points=tuple(found.key_points),
                       keywords=tuple(found.keywords), competencies=tuple(found.competencies))
    analysis = analyze_answer(
        transcript,
        audio=audio,
        question=question,
        language=None if args.lang == "auto" else args.lang,
        norms=norms,
        blind_hiring=bool(args.blind_hiring or settings.blind_hiring),
        **context,
    )
    text = analysis.to_json()
    if args.json == "-":
        sys.stdout.write(text + "\n")
    else:
        try:
            write_text_atomic(args.json, text + "\n")
        except OSError as error:
            raise UserError(f"cannot write {args.json}: {error.strerror or error}", exit_code=EXIT_OUTPUT) from None
        problems = [f for f in analysis.findings if f["severity"] in ("major", "minor")]
        print(f"wrote {args.json}: {len(analysis.findings)} findings ({len(problems)} to work on)")
    if args.report:
        from interview_app.reports import write_report

        report = write_report(analysis.to_dict(), Path(args.report))
        print(f"wrote {report}", file=sys.stderr if args.json == "-" else sys.stdout)
    return EXIT_OK


def read_transcript(path: Path) -> tuple[Transcript, dict[str, Any]]:
    """Read a transcript file; a broken one becomes a one-line message naming the problem."""
    from interview_app.analysis import AnalysisInputError

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise AnalysisInputError(f"transcript file not found: {path}") from None
    except UnicodeDecodeError:
        raise AnalysisInputError(f"{path} is not UTF-8 text; save the transcript as UTF-8 JSON") from None
    except OSError as error:
        raise AnalysisInputError(f"cannot read {path}: {error.strerror or error}") from None
    if not text.strip():
        raise AnalysisInputError(f"{path} is empty; it should hold a transcript (docs/transcript-format.md)")
    try:
        transcript = Transcript.from_json(text)
    except TranscriptFormatError as error:
        raise AnalysisInputError(f"{path}: {error}") from None
    data = json.loads(text)
    extras = {k: data.get(k) for k in _EXTRA_FIELDS if isinstance(data, dict) and data.get(k) is not None}
    for key in ("key_points", "keywords", "competencies"):
        value = extras.get(key)
        if value is not None and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            raise AnalysisInputError(f"{path}: '{key}' must be a list of texts")
    return transcript, extras


def transcribe(path: Path, lang: str, settings: Settings, question: str | None) -> tuple[Transcript, Any]:
    """Load the recording and transcribe it with the bundled model."""
    from interview_app.audio.files import load_audio
    from interview_app.transcription.transcriber import Transcriber

    if not path.exists():
        from interview_app.analysis import AnalysisInputError

        raise AnalysisInputError(f"audio file not found: {path}")
    samples = load_audio(path)
    transcriber = Transcriber(model=settings.model)
    transcriber.load()
    transcript = transcriber.transcribe(samples, language=lang, question=question)
    return transcript, samples


def find_bank_question(bank_id: str, question_id: str) -> Any:
    from interview_app.banks import find_question

    return find_question(bank_id, question_id)
