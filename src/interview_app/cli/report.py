"""`interview-app report`: turn a session or analysis result into the HTML report (and a PDF)."""

from __future__ import annotations

import argparse
from pathlib import Path

from interview_app.errors import EXIT_OK


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "report",
        help="write the feedback report (HTML, optionally PDF) from a session or analysis .json",
        description="Write the self-contained HTML feedback report from a session or analysis result. "
        "Exit codes: 3 the input is not a valid result, 6 the report cannot be written.",
    )
    parser.add_argument("input", metavar="SESSION_OR_ANALYSIS.json", type=Path,
                        help="a session file or the output of 'interview-app analyze'")
    parser.add_argument("--out", "-o", type=Path, default=None,
                        help="the HTML file to write (default: the input's name with .html)")
    parser.add_argument("--pdf", type=Path, default=None, metavar="REPORT.pdf",
                        help="also export the report as an A4 PDF")
    parser.add_argument("--lang", choices=("ko", "en"), default=None,
                        help="language of the report's labels (default: the session's language)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from interview_app.reports import load_document, write_report

    document = load_document(args.input)
    out = args.out or args.input.with_suffix(".html")
    html_path = write_report(document, out, language=args.lang)
    print(html_path)
    if args.pdf is not None:
        from interview_app.gui.pdf_export import export_pdf

        print(export_pdf(html_path, args.pdf))
    return EXIT_OK
