"""`interview-app demo`: the headless main job on the bundled sample answers.

Transcribes the English sample recording with the bundled model, analyses it and the Korean
sample transcript, and writes one report per language. Shows the whole pipeline on a machine
without a display or a microphone.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from interview_app import paths
from interview_app.errors import EXIT_OK


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="run the whole pipeline on the bundled sample answers and write reports",
        description="Transcribe, analyse and report on the bundled sample answers (no microphone needed).",
    )
    parser.add_argument(
        "--out", type=Path, default=Path("out/demo"), help="folder for transcripts, analyses and reports"
    )
    parser.add_argument("--model", default="base", help="speech model (default: the bundled base)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from interview_app.analysis import analyze_answer
    from interview_app.analysis.session import build_session
    from interview_app.audio.files import load_audio
    from interview_app.reports import write_report
    from interview_app.transcription.transcriber import Transcriber
    from interview_app.transcription.types import Transcript

    samples = paths.content_dir("samples")
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    for meta_file in sorted(samples.glob("*.json")):
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        if meta.get("schema") == "interview-app/transcript/1" or "words" in meta or "segments" in meta:
            continue  # a transcript fixture, read through its sample's metadata
        name = meta_file.stem
        language = meta["language"]
        question = meta["question"]
        audio = None
        if meta.get("audio"):
            print(f"[{name}] transcribing {meta['audio']} ...", file=sys.stderr)
            audio = load_audio(samples / meta["audio"])
            transcriber = Transcriber(model=args.model)
            transcriber.load()
            transcript = transcriber.transcribe(audio, language=language, question=question)
        else:
            transcript = Transcript.from_json((samples / meta["transcript"]).read_text(encoding="utf-8"))
        (out / f"{name}.transcript.json").write_text(transcript.to_json(), encoding="utf-8")
        analysis = analyze_answer(
            transcript,
            audio=audio,
            question=question,
            key_points=tuple(meta.get("key_points", ())),
            keywords=tuple(meta.get("keywords", ())),
            competencies=tuple(meta.get("competencies", ())),
            language=language,
        ).to_dict()
        (out / f"{name}.analysis.json").write_text(
            json.dumps(analysis, ensure_ascii=False, indent=2), encoding="utf-8"
        )
        session = build_session(
            [{"index": 1, "question_id": None, "question": question, "audio": None, "analysis": analysis}],
            language=language,
            mode="demo",
        )
        report = write_report(session, out / f"{name}.report.html")
        written.append(report)
        print(f"[{name}] {len(analysis['findings'])} findings -> {report}")
    if not written:
        print("interview-app: no sample answers were found; reinstall Interview Coach", file=sys.stderr)
        return 3
    return EXIT_OK
