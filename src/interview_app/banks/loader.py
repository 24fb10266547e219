"""Load every bank: the built-in ones from ``question_banks/`` and the user's own from the data folder.

Rules (documented in question_banks/README.md):

- A bank file with any problem is skipped as a whole and reported in ``LoadResult.problems``;
  the others still load, so the app always starts and can say which file is broken.
- A user bank whose id equals a built-in bank's id replaces the built-in one (a café can
  tailor a bundled bank by copying it into its folder); ``LoadResult.replaced`` lists them.
- Two user banks with the same id: the first by file name is kept, the other is reported.
- Only ``*.toml`` files are read; hidden files and half-written ``.part`` files are ignored.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from interview_app import paths
from interview_app.banks.catalog import JOB_FAMILIES
from interview_app.banks.model import Bank, BankError, Question
from interview_app.banks.problems import Problem, make_problem
from interview_app.banks.validate import read_bank_file

log = logging.getLogger(__name__)

_FAMILY_ORDER = {family.id: rank for rank, family in enumerate(JOB_FAMILIES)}

# Parsed files, keyed by path and checked against size, modification time and inode on every call,
# so the GUI can call load_banks() freely and still see a file edited a moment ago.
_cache: dict[tuple[Path, bool], tuple[tuple[int, int, int], Bank | None, list[Problem]]] = {}


@dataclass(frozen=True)
class LoadResult:
    """The banks that loaded, the problems of the files that did not, and which built-ins were replaced."""

    banks: tuple[Bank, ...]
    problems: tuple[Problem, ...] = ()
    replaced: dict[str, Path] = field(default_factory=dict)  # built-in bank id -> user file replacing it
    file_count: int = 0  # bank files read, loaded or not

    @property
    def broken_files(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.file for p in self.problems))


def bank_files(folder: Path) -> list[Path]:
    """The bank files in ``folder``, sorted by name."""
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.iterdir() if p.suffix.lower() == ".toml" and not p.name.startswith(".") and p.is_file()
    )


def _read(path: Path, *, builtin: bool) -> tuple[Bank | None, list[Problem]]:
    try:
        stat = path.stat()
        stamp = (stat.st_size, stat.st_mtime_ns, stat.st_ino)
    except OSError:
        return read_bank_file(path, builtin=builtin)
    cached = _cache.get((path, builtin))
    if cached and cached[0] == stamp:
        return cached[1], cached[2]
    bank, problems = read_bank_file(path, builtin=builtin)
    _cache[(path, builtin)] = (stamp, bank, problems)
    return bank, problems


def _sort_key(bank: Bank) -> tuple[int, int, int, str]:
    family_rank = -1 if bank.job_family is None else _FAMILY_ORDER.get(bank.job_family, len(_FAMILY_ORDER))
    return (0 if bank.language == "ko" else 1, 0 if bank.builtin else 1, family_rank, bank.id)


def load_all(*, include_user: bool = True) -> LoadResult:
    """Load the built-in banks and (unless told not to) the user's, reporting what could not load."""
    problems: list[Problem] = []
    by_id: dict[str, Bank] = {}
    builtin_files = bank_files(paths.content_dir("question_banks"))
    file_count = len(builtin_files)
    for path in builtin_files:
        bank, file_problems = _read(path, builtin=True)
        if bank is None:
            log.error("built-in bank %s is broken: %s", path, file_problems[0])
            problems.extend(file_problems)
        elif bank.id in by_id:
            problems.append(_duplicate(bank, by_id[bank.id]))
        else:
            by_id[bank.id] = bank

    replaced: dict[str, Path] = {}
    if include_user:
        user_ids: dict[str, Bank] = {}
        try:
            user_files = bank_files(paths.user_banks_dir())
        except OSError as error:  # an unusable data folder must not stop the app
            folder = paths.data_dir() / "question_banks"
            log.warning("cannot read the user bank folder %s: %s", folder, error)
            problems.append(make_problem("file_unreadable", str(folder), error=error.strerror or error))
            user_files = []
        file_count += len(user_files)
        for path in user_files:
            bank, file_problems = _read(path, builtin=False)
            if bank is None:
                log.warning("skipping broken bank file %s: %s", path, file_problems[0])
                problems.extend(file_problems)
                continue
            if bank.id in user_ids:
                problems.append(_duplicate(bank, user_ids[bank.id]))
                continue
            user_ids[bank.id] = bank
            if bank.id in by_id:
                log.info("user bank %s replaces the built-in bank '%s'", path, bank.id)
                replaced[bank.id] = path
            by_id[bank.id] = bank
    return LoadResult(
        banks=tuple(sorted(by_id.values(), key=_sort_key)),
        problems=tuple(problems),
        replaced=replaced,
        file_count=file_count,
    )


def _duplicate(bank: Bank, kept: Bank) -> Problem:
    other = os.fspath(kept.source) if kept.source else "another bank"
    return make_problem("bank_id_duplicate", str(bank.source), line=None, value=bank.id, other=other)


def load_banks(*, include_user: bool = True) -> list[Bank]:
    """Every bank that loads, built-in first (Korean, then English). Broken files are skipped and logged."""
    return list(load_all(include_user=include_user).banks)


def get_bank(bank_id: str) -> Bank:
    """The bank with id ``bank_id`` (a user bank replacing a built-in one wins)."""
    for bank in load_banks():
        if bank.id == bank_id:
            return bank
    raise BankError(f"there is no question bank '{bank_id}'; run 'interview-app banks list' to see the bank ids")


def find_question(bank_id: str, question_id: str) -> Question:
    """The question ``question_id`` of bank ``bank_id``."""
    return get_bank(bank_id).question(question_id)
