"""`interview-app banks list|validate|import-csv`: see, check and import question banks.

Exit codes: 0 when all is well; 3 (EXIT_INPUT) when a bank or CSV file has a problem (one line
per problem on stderr, ``file:line: [question-id] problem. What to do.``); 2 for bad arguments;
6 (EXIT_OUTPUT) when the bank file cannot be written or already exists.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from interview_app.banks import BANKS_JSON_SCHEMA, BankError, import_csv, load_all, load_bank_file, validate_file
from interview_app.banks.catalog import JOB_FAMILY_BY_ID
from interview_app.banks.problems import Problem
from interview_app.errors import EXIT_INPUT, EXIT_OK


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "banks",
        help="list, check and import question banks",
        description="List the question banks, check bank files, or import a CSV question list.",
    )
    actions = parser.add_subparsers(dest="banks_command", metavar="ACTION", required=True)

    listing = actions.add_parser("list", help="list the built-in and your own banks")
    listing.add_argument("--lang", choices=("ko", "en"), help="only banks in this language")
    listing.add_argument("--json", action="store_true", help="print the banks and their questions as JSON")
    listing.set_defaults(func=run_list)

    validate = actions.add_parser(
        "validate",
        help="check bank files and report every problem",
        description="Check bank files (default: every built-in and user bank) and report every problem.",
    )
    validate.add_argument("files", nargs="*", metavar="FILE", type=Path, help="bank files (.toml) to check")
    validate.set_defaults(func=run_validate)

    importer = actions.add_parser(
        "import-csv",
        help="turn a CSV question list (Excel) into a bank",
        description="Import a CSV question list (UTF-8, UTF-8 with BOM or CP949; comma, semicolon or tab) "
        "into a bank file. Columns: 질문/question (required), 번호/id, 분류/category, 준비시간/prep, "
        "답변시간/answer, 역량/competencies, 핵심포인트/key points, 키워드/keywords, 꼬리질문/follow-ups.",
    )
    importer.add_argument("csv", metavar="FILE", type=Path, help="the CSV file")
    importer.add_argument("--id", required=True, dest="bank_id", help="the new bank's id, e.g. ko-my-cafe")
    importer.add_argument("--title", required=True, help="the bank's title as the app shows it")
    importer.add_argument("--lang", required=True, choices=("ko", "en"), help="the language of the questions")
    importer.add_argument("--job-family", choices=sorted(JOB_FAMILY_BY_ID), help="the job family, if any")
    importer.add_argument("--out", type=Path, help="folder to write to (default: your bank folder)")
    importer.add_argument("--force", action="store_true", help="replace a bank file of the same name")
    importer.set_defaults(func=run_import)


def _report(problems: tuple[Problem, ...] | list[Problem]) -> None:
    for problem in problems:
        print(problem.text("en"), file=sys.stderr)


def run_list(args: argparse.Namespace) -> int:
    result = load_all()
    banks = [b for b in result.banks if args.lang is None or b.language == args.lang]
    if args.json:
        payload = {
            "schema": BANKS_JSON_SCHEMA,
            "banks": [b.to_dict() for b in banks],
            "broken_files": list(result.broken_files),
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        width = max((len(b.id) for b in banks), default=0)
        for bank in banks:
            origin = "built-in" if bank.builtin else "yours"
            if bank.id in result.replaced:
                origin = "yours, replaces the built-in one"
            family = bank.job_family or "-"
            count = f"{len(bank):>3} questions"
            print(f"{bank.id:<{width}}  {bank.language}  {count}  {family:<20}  {bank.title}  ({origin})")
        if not banks:
            print("no banks" + (f" in '{args.lang}'" if args.lang else ""))
    for file in result.broken_files:
        print(f"interview-app: skipped the broken bank file {file}; run 'interview-app banks validate' for details",
              file=sys.stderr)
    return EXIT_OK


def run_validate(args: argparse.Namespace) -> int:
    if args.files:
        problems: list[Problem] = []
        for file in args.files:
            problems.extend(validate_file(file))
        checked = len(args.files)
    else:
        result = load_all()
        problems = list(result.problems)
        checked = result.file_count
    _report(problems)
    if problems:
        files = len({p.file for p in problems})
        print(f"interview-app: {len(problems)} problem(s) in {files} of {checked} bank file(s)", file=sys.stderr)
        return EXIT_INPUT
    print(f"ok: {checked} bank file(s), no problems")
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    try:
        target = import_csv(
            args.csv,
            bank_id=args.bank_id,
            title=args.title,
            language=args.lang,
            job_family=args.job_family,
            out_dir=args.out,
            overwrite=args.force,
        )
    except BankError as error:
        if len(error.problems) > 1 or (error.problems and error.problems[0].row is not None):
            _report(error.problems)
        raise
    bank = load_bank_file(target)
    print(f"imported {len(bank)} questions into {target}")
    if any(b.id == bank.id for b in load_all(include_user=False).banks):
        print(f"note: '{bank.id}' is also a built-in bank id; your bank replaces the built-in one")
    return EXIT_OK
