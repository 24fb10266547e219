"""Import a question list kept in Excel (saved as CSV) into a bank file.

Accepts what Excel and other spreadsheets write for Korean text: UTF-8 with or without a BOM,
CP949/EUC-KR, and UTF-16 ("Unicode text"); commas, semicolons or tabs between cells; column
names in Korean or English. Every bad row is reported with its spreadsheet row number (the
header is row 1) and nothing is written unless the whole sheet is good.
"""

from __future__ import annotations

import codecs
import csv
import io
import logging
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from interview_app import paths
from interview_app.banks.catalog import JOB_FAMILY_BY_ID, QUESTION_CATEGORIES
from interview_app.banks.loader import bank_files
from interview_app.banks.model import FORMAT_VERSION, Bank, BankError
from interview_app.banks.problems import Problem, make_problem
from interview_app.banks.validate import (
    BANK_ID_PATTERN,
    LANGUAGES,
    build_question,
    check_question,
    read_bank_file,
    resolve_category,
    resolve_competency,
)
from interview_app.banks.writer import write_bank
from interview_app.errors import EXIT_OUTPUT, EXIT_USAGE

log = logging.getLogger(__name__)

# Column names people use, normalised (lower case; spaces, '_', '-' and a "(초)"-style unit removed).
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "아이디", "질문id", "문항id", "코드", "번호", "질문번호", "문항번호", "no", "number"),
    "text": ("질문", "질문내용", "문항", "문항내용", "질문문", "question", "text"),
    "category": ("분류", "유형", "질문유형", "카테고리", "구분", "category", "type"),
    "prep_seconds": ("준비시간", "준비", "prep", "prepseconds", "preptime", "preparation"),
    "answer_seconds": ("답변시간", "답변", "응답시간", "answer", "answerseconds", "answertime"),
    "competencies": ("역량", "평가역량", "ncs", "ncs역량", "직업기초능력", "competencies", "competency"),
    "key_points": ("핵심포인트", "평가포인트", "평가요소", "핵심내용", "좋은답변", "keypoints", "points"),
    "keywords": ("키워드", "핵심어", "keywords", "keyword"),
    "follow_ups": ("꼬리질문", "추가질문", "후속질문", "followups", "followup", "followupquestions"),
}
_COLUMN_BY_ALIAS = {alias: key for key, aliases in COLUMN_ALIASES.items() for alias in aliases}
_SPLIT_LINES = re.compile(r"[;\n\r]+")
_SPLIT_WORDS = re.compile(r"[;\n\r,、]+")  # keywords and competencies never hold commas
_SECONDS = re.compile(r"(?:(\d+)\s*분)?\s*(?:(\d+)(?:\.0+)?\s*(?:초|s|sec|secs|seconds)?)?")


def _column_key(header: str) -> str | None:
    name = re.sub(r"\(.*?\)|\[.*?\]", "", header.strip().lower())
    name = re.sub(r"[\s_\-·./]+", "", name)
    return _COLUMN_BY_ALIAS.get(name)


def _decode(data: bytes, file: str) -> str:
    if data.startswith(codecs.BOM_UTF8):
        candidates: Sequence[str] = ("utf-8-sig",)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ("utf-16",)
    else:
        candidates = ("utf-8", "cp949")  # cp949 is a superset of EUC-KR
    for encoding in candidates:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    problem = make_problem("csv_encoding", file)
    raise BankError(str(problem), problems=[problem])


def _delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _seconds(cell: str) -> int | None:
    match = _SECONDS.fullmatch(cell.strip().lower())
    if not match or not (match.group(1) or match.group(2)):
        return None
    return int(match.group(1) or 0) * 60 + int(match.group(2) or 0)


def _split(cell: str, pattern: re.Pattern[str]) -> list[str]:
    return [part.strip() for part in pattern.split(cell) if part.strip()]


def _fail(file: str, problems: list[Problem]) -> BankError:
    if len(problems) == 1 and problems[0].row is None:
        return BankError(str(problems[0]), problems=problems)
    noun = "problem" if len(problems) == 1 else "problems"
    return BankError(
        f"{file}: {len(problems)} {noun} found (listed above); nothing was written. Fix the sheet and import it again",
        problems=problems,
    )


def read_csv_questions(csv_path: str | Path) -> list[dict[str, Any]]:
    """The sheet's questions as bank question tables, or :class:`BankError` listing every bad row."""
    path = Path(csv_path)
    file = str(path)
    if not path.exists():
        raise _fail(file, [make_problem("file_missing", file)])
    if path.is_dir():
        raise _fail(file, [make_problem("file_not_file", file)])
    if path.suffix.lower() in (".xlsx", ".xls", ".xlsm", ".ods"):
        raise _fail(file, [make_problem("file_is_workbook", file)])
    try:
        data = path.read_bytes()
    except OSError as error:
        raise _fail(file, [make_problem("file_unreadable", file, error=error.strerror or error)]) from None
    text = _decode(data, file)
    if not text.strip():
        raise _fail(file, [make_problem("file_empty", file)])

    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)))
    filled = [i for i, row in enumerate(rows) if any(cell.strip() for cell in row)]
    # The header is the first row naming a question column; a title row above it is skipped.
    header_index = next((i for i in filled[:10] if any(_column_key(c) == "text" for c in rows[i])), filled[0])
    if header_index != filled[0]:
        log.info("%s: rows above row %d hold no column names; skipped as a title", file, header_index + 1)
    header = rows[header_index]
    problems: list[Problem] = []
    columns: dict[int, str] = {}
    seen: dict[str, str] = {}
    for position, name in enumerate(header):
        if not name.strip():
            continue  # an unnamed column: its cells are checked below
        key = _column_key(name)
        if key is None:
            known = ", ".join(f"'{aliases[0]}'" for aliases in COLUMN_ALIASES.values())
            problems.append(make_problem("csv_column_unknown", file, row=header_index + 1, value=name.strip(),
                                         known=known))
        elif key in seen:
            problems.append(make_problem("csv_column_duplicate", file, row=header_index + 1, value=seen[key],
                                         other=name.strip(), key=key))
        else:
            seen[key] = name.strip()
            columns[position] = key
    if "text" not in seen:
        problems.append(make_problem("csv_no_text_column", file, row=header_index + 1,
                                     header=" | ".join(c.strip() for c in header)))
    if problems:
        raise _fail(file, problems)

    questions: list[dict[str, Any]] = []
    row_of: list[int] = []
    for index in range(header_index + 1, len(rows)):
        row_number = index + 1
        cells = rows[index]
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header) and any(cell.strip() for cell in cells[len(header):]):
            problems.append(make_problem("csv_row_width", file, row=row_number, value=len(cells), limit=len(header)))
            continue
        unnamed = [p for p, cell in enumerate(cells) if cell.strip() and p < len(header) and p not in columns]
        if unnamed:
            problems.append(make_problem("csv_column_unknown", file, row=row_number,
                                         value=f"column {unnamed[0] + 1} (no name)",
                                         known=", ".join(f"'{a[0]}'" for a in COLUMN_ALIASES.values())))
            continue
        values = {columns[p]: cell for p, cell in enumerate(cells) if p in columns}
        entry, row_problems = _row_to_question(values, file, row_number)
        problems.extend(row_problems)
        questions.append(entry)
        row_of.append(row_number)

    if not questions and not problems:
        problems.append(make_problem("csv_no_rows", file, row=header_index + 1))
    _assign_ids(questions)
    id_of_row = {row: entry["id"] for entry, row in zip(questions, row_of, strict=True)}
    problems = [replace(p, question_id=id_of_row.get(p.row or 0)) for p in problems]
    seen_ids: dict[str, int] = {}
    for entry, row_number in zip(questions, row_of, strict=True):
        qid = entry["id"]
        for issue in check_question(entry, row_number):
            problems.append(make_problem(issue.code, file, row=row_number, question_id=qid, **issue.params))
        if qid in seen_ids:
            problems.append(make_problem("question_id_duplicate", file, row=row_number, question_id=qid,
                                         value=qid, first_row=seen_ids[qid]))
        seen_ids.setdefault(qid, row_number)
    if problems:
        raise _fail(file, sorted(problems, key=lambda p: p.row or 0))
    return questions


def _row_to_question(values: dict[str, str], file: str, row: int) -> tuple[dict[str, Any], list[Problem]]:
    problems: list[Problem] = []
    entry: dict[str, Any] = {"text": values.get("text", "").strip()}
    raw_id = values.get("id", "").strip()
    if raw_id:
        entry["id"] = f"q{int(raw_id):02d}" if raw_id.isdigit() else raw_id.lower()
    category_cell = values.get("category", "").strip()
    if not category_cell:
        entry["category"] = "general"
    elif (category := resolve_category(category_cell)) is not None:
        entry["category"] = category
    else:
        known = ", ".join(f"'{c.ko}'" for c in QUESTION_CATEGORIES)
        problems.append(make_problem("csv_category_unknown", file, row=row, value=category_cell, known=known))
        entry["category"] = "general"
    for key in ("prep_seconds", "answer_seconds"):
        cell = values.get(key, "").strip()
        if not cell:
            continue
        seconds = _seconds(cell)
        if seconds is None:
            problems.append(make_problem("csv_seconds_invalid", file, row=row, key=key, value=cell))
        else:
            entry[key] = seconds
    competencies = [resolve_competency(name) or name for name in _split(values.get("competencies", ""), _SPLIT_WORDS)]
    entry["competencies"] = list(dict.fromkeys(competencies))
    entry["keywords"] = list(dict.fromkeys(_split(values.get("keywords", ""), _SPLIT_WORDS)))
    entry["key_points"] = _split(values.get("key_points", ""), _SPLIT_LINES)
    entry["follow_ups"] = _split(values.get("follow_ups", ""), _SPLIT_LINES)
    if not entry["text"]:
        del entry["text"]  # reported as a missing question by the shared checks
    return entry, problems


def _assign_ids(questions: list[dict[str, Any]]) -> None:
    used = {q["id"] for q in questions if "id" in q}
    number = 0
    for entry in questions:
        number += 1
        if "id" in entry:
            continue
        candidate = f"q{number:02d}"
        while candidate in used:
            number += 1
            candidate = f"q{number:02d}"
        used.add(candidate)
        entry["id"] = candidate


def _check_arguments(bank_id: str, title: str, language: str, job_family: str | None) -> None:
    problems = []
    if not BANK_ID_PATTERN.match(bank_id):
        problems.append(make_problem("bank_id_invalid", "--id", value=bank_id))
    if not title.strip():
        problems.append(make_problem("field_empty", "--title", key="title"))
    if language not in LANGUAGES:
        problems.append(make_problem("language_unknown", "--lang", value=language))
    if job_family and job_family not in JOB_FAMILY_BY_ID:
        problems.append(make_problem("job_family_unknown", "--job-family", value=job_family,
                                     known=", ".join(f"'{f}'" for f in JOB_FAMILY_BY_ID)))
    if problems:
        raise BankError(str(problems[0]), problems=problems, exit_code=EXIT_USAGE)


def import_csv(
    csv_path: str | Path,
    *,
    bank_id: str,
    title: str,
    language: str,
    job_family: str | None = None,
    out_dir: str | Path | None = None,
    overwrite: bool = False,
) -> Path:
    """Turn a CSV question list into the bank file ``<out_dir>/<bank_id>.toml`` and return its path.

    ``out_dir`` defaults to the user's bank folder, where the loader finds it. An existing file
    is replaced only with ``overwrite``; a different file in that folder with the same bank id
    is never shadowed.
    """
    _check_arguments(bank_id, title, language, job_family)
    questions = read_csv_questions(csv_path)
    folder = Path(out_dir) if out_dir is not None else paths.user_banks_dir()
    target = folder / f"{bank_id}.toml"
    if target.exists() and not overwrite:
        raise BankError(
            f"{target} already exists; choose another --id, or pass --force to replace it",
            exit_code=EXIT_OUTPUT,
        )
    for other in bank_files(folder):
        if other.resolve() == target.resolve():
            continue
        existing, _problems = read_bank_file(other)
        if existing is not None and existing.id == bank_id:
            raise BankError(f"the bank id '{bank_id}' is already used by {other}; choose another --id",
                            exit_code=EXIT_OUTPUT)
    bank = Bank(
        id=bank_id,
        title=title.strip(),
        language=language,  # type: ignore[arg-type]  # checked above
        job_family=job_family or None,
        format_version=FORMAT_VERSION,
        questions=tuple(build_question(q) for q in questions),
        source=target,
    )
    write_bank(bank, target, note=f"Imported from {Path(csv_path).name}.")
    log.info("imported %d questions from %s into %s", len(bank.questions), csv_path, target)
    return target

