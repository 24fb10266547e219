"""Write a bank as a TOML file in the documented format, atomically."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import tomli_w

from interview_app.banks.model import FORMAT_VERSION, Bank, BankError
from interview_app.banks.validate import default_seconds, parse_bank_text
from interview_app.errors import EXIT_OUTPUT
from interview_app.fileio import write_text_atomic

_HEADER = (
    "# Interview Coach question bank (format {version}).\n"
    "# 형식 설명: question_banks/README.md (Format description: question_banks/README.md)\n"
)


def bank_to_toml(bank: Bank, *, note: str = "") -> str:
    """The TOML text of ``bank``. Times equal to the category's default are left out, so they follow it."""
    top: dict[str, Any] = {"format": FORMAT_VERSION, "id": bank.id, "title": bank.title, "language": bank.language}
    if bank.job_family:
        top["job_family"] = bank.job_family
    if bank.description:
        top["description"] = bank.description
    questions = []
    for question in bank.questions:
        entry: dict[str, Any] = {"id": question.id, "text": question.text, "category": question.category}
        prep, answer = default_seconds(question.category)
        if question.prep_seconds != prep:
            entry["prep_seconds"] = question.prep_seconds
        if question.answer_seconds != answer:
            entry["answer_seconds"] = question.answer_seconds
        for key in ("competencies", "key_points", "keywords", "follow_ups"):
            values = getattr(question, key)
            if values:
                entry[key] = list(values)
        questions.append(entry)
    header = _HEADER.format(version=FORMAT_VERSION)
    if note:
        header += "".join(f"# {line}\n" for line in note.splitlines())
    return header + "\n" + tomli_w.dumps(top) + "\n" + tomli_w.dumps({"questions": questions}, indent=2)


def write_bank(bank: Bank, path: str | Path, *, note: str = "") -> Path:
    """Write ``bank`` to ``path`` atomically, after checking the text reads back as the same bank."""
    path = Path(path)
    text = bank_to_toml(bank, note=note)
    again, problems = parse_bank_text(text, path)
    if again is None or again.questions != bank.questions:  # a bug, never the user's fault
        raise RuntimeError(f"the bank written for {bank.id} does not read back: {problems[:3]}")
    try:
        write_text_atomic(path, text)
    except OSError as error:
        raise BankError(
            f"cannot write {path} ({error.strerror or error}); choose another folder with --out or free some space",
            exit_code=EXIT_OUTPUT,
        ) from None
    return path
