"""``interview-app transcribe AUDIO... [--json OUT] [--lang ko|en|auto] [--model NAME_OR_PATH]``.

One file: OUT is the JSON file to write. Several files: the model is loaded once and OUT is a
folder that gets one ``<name>.json`` per file. Without ``--json`` the text is printed. A file
that cannot be read is reported on one line and skipped; the exit code is then EXIT_INPUT.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Callable
from pathlib import Path

from interview_app.audio.files import AudioFileError, load_audio
from interview_app.errors import EXIT_INPUT, EXIT_OK, EXIT_OUTPUT, EXIT_USAGE, UserError
from interview_app.fileio import write_text_atomic
from interview_app.storage.settings import Settings
from interview_app.transcription.transcriber import LANGUAGES, Transcriber


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "transcribe",
        help="transcribe recorded answers to JSON with the local speech model",
        description="Transcribe one or more recorded answers (WAV, FLAC, MP3, M4A, OGG) offline. "
        "Several files load the model once; --json is then a folder with one JSON per file.",
    )
    parser.add_argument("audio", nargs="+", metavar="AUDIO", help="audio file(s) to transcribe")
    parser.add_argument("--json", dest="out", metavar="OUT",
                        help="write the transcript JSON here (a folder when there are several files)")
    parser.add_argument("--lang", choices=LANGUAGES, default=None,
                        help="language spoken: ko, en or auto (default: the answer language in settings)")
    parser.add_argument("--model", default=None, metavar="NAME_OR_PATH",
                        help="base, tiny.en, small, medium, large-v3-turbo or a model folder "
                        "(default: the model in settings)")
    parser.add_argument("--question", default=None, help="the question the answer replies to (kept in the JSON)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    parser.set_defaults(func=run)


class OutputError(UserError):
    exit_code = EXIT_OUTPUT


def _outputs(files: list[Path], out: str | None) -> list[Path | None]:
    """Where each file's JSON goes: OUT itself for one file, OUT/<stem>.json for several."""
    if out is None:
        return [None] * len(files)
    target = Path(out)
    if len(files) == 1 and not target.is_dir():
        return [target]
    if target.exists() and not target.is_dir():
        raise UserError(f"--json {target} must be a folder when transcribing several files", exit_code=EXIT_USAGE)
    taken: set[str] = set()
    result: list[Path | None] = []
    for file in files:
        name, n = f"{file.stem}.json", 2
        while name in taken:
            name, n = f"{file.stem}-{n}.json", n + 1
        taken.add(name)
        result.append(target / name)
    return result


def run(args: argparse.Namespace) -> int:
    settings = Settings.load()
    language = args.lang or settings.answer_language
    files = [Path(a) for a in args.audio]
    outputs = _outputs(files, args.out)
    transcriber = Transcriber(args.model or settings.model)
    transcriber.check_language(language)  # refuse ko with an English-only model before any work
    failed = 0
    for index, (file, output) in enumerate(zip(files, outputs, strict=True), start=1):
        try:
            samples = load_audio(file)
        except AudioFileError as error:
            print(f"interview-app: {error.message}", file=sys.stderr)
            failed += 1
            continue
        label = f"[{index}/{len(files)}] {file.name}" if len(files) > 1 else file.name
        progress = None if args.quiet else _progress_printer(label)
        transcriber.load()
        transcript = transcriber.transcribe(samples, language=language, question=args.question,
                                            on_progress=progress)
        transcript = dataclasses.replace(transcript, source=str(file))
        if progress is not None:
            print(file=sys.stderr)
        if output is None:
            prefix = f"{file}: " if len(files) > 1 else ""
            print(prefix + (transcript.text or f"(empty: {transcript.empty_reason})"))
            continue
        try:
            write_text_atomic(output, transcript.to_json() + "\n")
        except OSError as error:
            raise OutputError(f"cannot write {output} ({error.strerror}); choose another place") from None
        if not args.quiet:
            note = f" (empty: {transcript.empty_reason})" if transcript.empty_reason else ""
            print(f"{file} -> {output}{note}", file=sys.stderr)
    return EXIT_INPUT if failed else EXIT_OK


def _progress_printer(label: str) -> Callable[[float], None]:
    interactive = sys.stderr.isatty()

    def show(fraction: float) -> None:
        if interactive:
            print(f"\r{label}: {fraction:4.0%}", end="", file=sys.stderr, flush=True)
        elif fraction >= 1.0:
            print(f"{label}: done", end="", file=sys.stderr, flush=True)

    return show
