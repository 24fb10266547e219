"""``interview-app``: a thin command line over the same pipeline the desktop app uses.

Each subcommand lives in its own module here with ``register(subparsers)``; the module sets
``func`` on its parser. Problems the user can fix print one line and exit with the documented
code (see :mod:`interview_app.errors` and docs/cli.md); bugs print the log file's path.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from interview_app import __version__
from interview_app.errors import EXIT_BUG, EXIT_CANCELLED, UserError
from interview_app.logsetup import configure_logging

log = logging.getLogger(__name__)

# Subcommand modules, in the order `interview-app --help` lists them.
SUBCOMMANDS = (
    "gui",
    "demo",
    "transcribe",
    "analyze",
    "report",
    "banks",
    "model",
    "devices",
    "record",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="interview-app",
        description="Interview Coach: practise job interviews aloud and get feedback, offline.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to the terminal")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in SUBCOMMANDS:
        module = importlib.import_module(f"interview_app.cli.{name}")
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    log_file = configure_logging(verbose=args.verbose)
    try:
        return int(args.func(args) or 0)
    except UserError as error:
        print(f"interview-app: {error.message}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("interview-app: stopped", file=sys.stderr)
        return EXIT_CANCELLED
    except Exception:
        log.exception("unexpected error in '%s'", args.command)
        print(
            f"interview-app: unexpected error (a bug); details are in {log_file}",
            file=sys.stderr,
        )
        return EXIT_BUG
