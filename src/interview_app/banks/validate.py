"""Read and check a bank file: every problem at once, each with its file, line and question id.

The checks work on plain dicts (what tomllib returns), so the CSV import runs the very same
rules on its rows. Lines are found by scanning the source text for each ``[[questions]]``
table and each ``key =`` inside it.
"""

from __future__ import annotations

import difflib
import logging
import re
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from interview_app.banks.catalog import (
    CATEGORY_BY_ID,
    DEFAULT_PREP_SECONDS,
    JOB_FAMILY_BY_ID,
    NCS_AREAS,
    NCS_BY_ID,
    QUESTION_CATEGORIES,
)
from interview_app.banks.model import FORMAT_VERSION, Bank, BankError, Question
from interview_app.banks.problems import Problem, make_problem, type_name

log = logging.getLogger(__name__)

TOP_KEYS = ("format", "id", "title", "language", "job_family", "description", "defaults", "questions")
DEFAULTS_KEYS = ("prep_seconds", "answer_seconds")
QUESTION_KEYS = (
    "id", "text", "category", "prep_seconds", "answer_seconds",
    "competencies", "key_points", "keywords", "follow_ups",
)
LIST_KEYS = ("competencies", "key_points", "keywords", "follow_ups")
LANGUAGES = ("ko", "en")
SHEET_SUFFIXES = (".csv", ".tsv", ".xlsx", ".xls", ".xlsm", ".ods")
MAX_SECONDS = 600  # ten minutes: anything longer is almost surely milliseconds or a typo

BANK_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
QUESTION_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
_SYNTAX_PLACE = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


@dataclass(frozen=True)
class Issue:
    """A problem before it has a place: its code, the key it concerns, and message values."""

    code: str
    key: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    table: str | None = None  # the [table] the key sits in, when not at the top of the file


def _quoted(values: Sequence[str]) -> str:
    return ", ".join(f"'{v}'" for v in values)


# English names consultants use for NCS sub-skills (the catalog keeps the Korean ones).
_ENGLISH_SUB_SKILLS = {
    "teamwork": "interpersonal", "leadership": "interpersonal", "conflict management": "interpersonal",
    "negotiation": "interpersonal", "customer service": "interpersonal", "listening": "communication",
    "writing": "communication", "presentation": "communication", "critical thinking": "problem_solving",
    "time management": "resource_management", "budgeting": "resource_management", "statistics": "numeracy",
    "computer skills": "information", "ethics": "work_ethics", "integrity": "work_ethics",
    "self management": "self_development", "career development": "self_development",
}


def _competency_aliases() -> dict[str, str]:
    aliases: dict[str, str] = {_norm(name): area for name, area in _ENGLISH_SUB_SKILLS.items()}
    for area in NCS_AREAS:
        for name in (area.id, area.ko, area.ko.removesuffix("능력"), area.en, *area.sub_skills_ko):
            aliases[_norm(name)] = area.id
    return aliases


def _category_aliases() -> dict[str, str]:
    aliases: dict[str, str] = {}
    for category in QUESTION_CATEGORIES:
        for name in (category.id, category.ko, category.en, *category.aliases):
            aliases[_norm(name)] = category.id
    return aliases


def _norm(name: str) -> str:
    return re.sub(r"[\s_·\-/]+", "", name.strip().lower())


COMPETENCY_ALIASES = _competency_aliases()
CATEGORY_ALIASES = _category_aliases()


def resolve_competency(name: str) -> str | None:
    """The NCS area id for an id, a Korean or English area name, or a sub-skill (팀워크, teamwork)."""
    found = COMPETENCY_ALIASES.get(_norm(name))
    if found is None:  # a misspelt id such as 'comunication'
        close = difflib.get_close_matches(name.strip().lower(), list(NCS_BY_ID), n=1, cutoff=0.8)
        found = close[0] if close else None
    return found


def resolve_category(name: str) -> str | None:
    """The category id for an id or one of its Korean or English names (지원동기, motivation)."""
    return CATEGORY_ALIASES.get(_norm(name))


def _unknown_key_issue(key: str, allowed: Sequence[str]) -> Issue:
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    if close:
        return Issue("key_unknown_suggest", key, {"key": key, "suggestion": close[0]})
    return Issue("key_unknown", key, {"key": key, "allowed": _quoted(allowed)})


def _check_seconds(key: str, value: Any) -> Issue | None:
    if type_name(value) != "integer":
        return Issue("field_type", key, {"key": key, "expected": "integer", "actual": type_name(value)})
    if value <= 0:
        return Issue("seconds_not_positive", key, {"key": key, "value": value})
    if value > MAX_SECONDS:
        return Issue("seconds_too_long", key, {"key": key, "value": value, "limit": MAX_SECONDS})
    return None


def _check_text_list(key: str, value: Any) -> list[Issue]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        return [Issue("list_item_type", key, {"key": key})]
    if any(not item.strip() for item in value):
        return [Issue("list_item_empty", key, {"key": key})]
    return []


def _text_fields(raw: Mapping[str, Any], keys: tuple[str, ...], missing_code: str,
                 issues: list[Issue]) -> Iterator[tuple[str, str]]:
    """Yield each required text field that is present and non-empty; note the others in ``issues``."""
    for key in keys:
        if key not in raw:
            issues.append(Issue(missing_code, None, {"key": key}))
            continue
        value = raw[key]
        if not isinstance(value, str):
            issues.append(Issue("field_type", key, {"key": key, "expected": "text", "actual": type_name(value)}))
        elif not value.strip():
            issues.append(Issue("field_empty", key, {"key": key}))
        else:
            yield key, value


def check_question(raw: Any, index: int) -> list[Issue]:
    """Every problem with one question table (``index`` counts from 1)."""
    if not isinstance(raw, Mapping):
        return [Issue("question_type", None, {"index": index})]
    issues: list[Issue] = []
    for key in raw:
        if key not in QUESTION_KEYS:
            issues.append(_unknown_key_issue(key, QUESTION_KEYS))
    for key, value in _text_fields(raw, ("id", "text", "category"), "question_field_missing", issues):
        if key == "id" and not QUESTION_ID_PATTERN.match(value):
            issues.append(Issue("question_id_invalid", key, {"value": value}))
        elif key == "category" and value not in CATEGORY_BY_ID:
            suggestion = resolve_category(value)
            if suggestion:
                issues.append(Issue("category_unknown_suggest", key, {"value": value, "suggestion": suggestion}))
            else:
                issues.append(Issue("category_unknown", key, {"value": value, "known": _quoted(list(CATEGORY_BY_ID))}))
    for key in ("prep_seconds", "answer_seconds"):
        if key in raw and (issue := _check_seconds(key, raw[key])):
            issues.append(issue)
    for key in LIST_KEYS:
        if key not in raw:
            continue
        list_issues = _check_text_list(key, raw[key])
        issues.extend(list_issues)
        if key == "competencies" and not list_issues:
            for name in raw[key]:
                if name in NCS_BY_ID:
                    continue
                suggestion = resolve_competency(name)
                if suggestion:
                    issues.append(Issue("competency_unknown_suggest", key, {"value": name, "suggestion": suggestion}))
                else:
                    issues.append(Issue("competency_unknown", key, {"value": name, "known": _quoted(list(NCS_BY_ID))}))
    return issues


def check_bank_header(raw: Mapping[str, Any]) -> list[Issue]:
    """Problems with the bank's own fields (everything but the questions)."""
    issues: list[Issue] = []
    for key in raw:
        if key not in TOP_KEYS:
            issues.append(_unknown_key_issue(key, TOP_KEYS))
    for key, value in _text_fields(raw, ("id", "title", "language"), "field_missing", issues):
        if key == "id" and not BANK_ID_PATTERN.match(value):
            issues.append(Issue("bank_id_invalid", key, {"value": value}))
        elif key == "language" and value not in LANGUAGES:
            issues.append(Issue("language_unknown", key, {"value": value}))
    for key in ("job_family", "description"):
        optional = raw.get(key)
        if optional is not None and not isinstance(optional, str):
            issues.append(Issue("field_type", key, {"key": key, "expected": "text", "actual": type_name(optional)}))
    family = raw.get("job_family")
    if isinstance(family, str) and family.strip() and family not in JOB_FAMILY_BY_ID:
        known = _quoted(list(JOB_FAMILY_BY_ID))
        issues.append(Issue("job_family_unknown", "job_family", {"value": family, "known": known}))
    defaults = raw.get("defaults")
    if defaults is not None:
        if not isinstance(defaults, Mapping):
            issues.append(Issue("defaults_type", "defaults"))
        else:
            for key, value in defaults.items():
                if key not in DEFAULTS_KEYS:
                    issue = _unknown_key_issue(key, DEFAULTS_KEYS)
                elif (checked := _check_seconds(key, value)) is not None:
                    issue = checked
                else:
                    continue
                issues.append(Issue(issue.code, issue.key, issue.params, table="defaults"))
    return issues


def default_seconds(category: str, defaults: Mapping[str, Any] | None = None) -> tuple[int, int]:
    """Prep and answer seconds for a question that sets none: the bank's [defaults], else its category's."""
    defaults = defaults or {}
    prep = defaults.get("prep_seconds", DEFAULT_PREP_SECONDS)
    known = CATEGORY_BY_ID.get(category)
    answer = defaults.get("answer_seconds", known.answer_seconds if known else CATEGORY_BY_ID["general"].answer_seconds)
    return int(prep), int(answer)


def build_question(raw: Mapping[str, Any], defaults: Mapping[str, Any] | None = None) -> Question:
    """A :class:`Question` from a table that :func:`check_question` found no problem with."""
    prep, answer = default_seconds(raw["category"], defaults)
    return Question(
        id=raw["id"],
        text=raw["text"].strip(),
        category=raw["category"],
        prep_seconds=int(raw.get("prep_seconds", prep)),
        answer_seconds=int(raw.get("answer_seconds", answer)),
        competencies=tuple(raw.get("competencies", ())),
        key_points=tuple(s.strip() for s in raw.get("key_points", ())),
        keywords=tuple(s.strip() for s in raw.get("keywords", ())),
        follow_ups=tuple(s.strip() for s in raw.get("follow_ups", ())),
    )


class _SourceIndex:
    """Where tables and keys sit in the TOML text, to give each problem its line."""

    _HEADER = re.compile(r"^\s*(\[\[?)\s*\"?([A-Za-z0-9_.\-]+)\"?\s*\]\]?")

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.question_starts: list[int] = []
        self.table_starts: list[tuple[int, str]] = []
        for number, line in enumerate(self.lines, start=1):
            match = self._HEADER.match(line)
            if not match:
                continue
            self.table_starts.append((number, match.group(2)))
            if match.group(1) == "[[" and match.group(2) == "questions":
                self.question_starts.append(number)

    def _end_of(self, start: int) -> int:
        for number, _name in self.table_starts:
            if number > start:
                return number
        return len(self.lines) + 1

    def key_line(self, key: str, start: int, end: int) -> int | None:
        pattern = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")
        for number in range(start, min(end, len(self.lines) + 1)):
            if pattern.match(self.lines[number - 1]):
                return number
        return None

    def top_line(self, key: str | None) -> int | None:
        if key is None:
            return None
        first_table = self.table_starts[0][0] if self.table_starts else len(self.lines) + 1
        line = self.key_line(key, 1, first_table)
        if line is None:
            line = self.table_line(key)
        return line

    def table_key_line(self, table: str, key: str | None) -> int | None:
        start = self.table_line(table)
        if start is None or key is None:
            return start
        return self.key_line(key, start + 1, self._end_of(start)) or start

    def table_line(self, name: str) -> int | None:
        return next((number for number, table in self.table_starts if table == name), None)

    def question_line(self, index: int, key: str | None, question_count: int) -> int | None:
        if len(self.question_starts) != question_count or not 1 <= index <= question_count:
            return None  # inline tables or an unusual layout: name the question by its id instead
        start = self.question_starts[index - 1]
        if key is not None:
            return self.key_line(key, start + 1, self._end_of(start)) or start
        return start


def _syntax_problem(error: tomllib.TOMLDecodeError, file: str) -> Problem:
    message = str(error)
    match = _SYNTAX_PLACE.search(message)
    line = None
    detail = message
    if match:
        line = int(match.group(1))
        detail = f"{message[: match.start()]} (column {match.group(2)})"
    detail = detail.replace("(at end of document)", "at the end of the file").strip()
    return make_problem("toml_syntax", file, line=line, detail=detail)


def parse_bank_text(text: str, file: str | Path, *, builtin: bool = False) -> tuple[Bank | None, list[Problem]]:
    """Check the TOML ``text`` of a bank; return the bank (when there is no problem) and all problems."""
    name = str(file)
    if not text.strip():
        return None, [make_problem("file_empty", name)]
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return None, [_syntax_problem(error, name)]

    index = _SourceIndex(text)
    problems: list[Problem] = []

    version = raw.get("format")
    if "format" not in raw:
        problems.append(make_problem("format_missing", name, line=1))
    elif type_name(version) != "integer":
        problems.append(make_problem("field_type", name, line=index.top_line("format"), key="format",
                                     expected="integer", actual=type_name(version)))
    elif version != FORMAT_VERSION:
        # A newer format may mean anything: say so and check nothing else.
        return None, [make_problem("format_unsupported", name, line=index.top_line("format"),
                                   value=version, supported=FORMAT_VERSION)]

    for issue in check_bank_header(raw):
        line = index.top_line(issue.key) if issue.table is None else index.table_key_line(issue.table, issue.key)
        problems.append(make_problem(issue.code, name, line=line, **issue.params))

    questions = raw.get("questions")
    if questions is None or questions == []:
        problems.append(make_problem("questions_missing", name, line=None))
        return None, problems
    if not isinstance(questions, list):
        problems.append(make_problem("questions_type", name, line=index.top_line("questions")))
        return None, problems

    first_seen: dict[str, dict[str, int]] = {}
    count = len(questions)
    for number, raw_question in enumerate(questions, start=1):
        qid = raw_question.get("id") if isinstance(raw_question, Mapping) else None
        qid = qid if isinstance(qid, str) and qid.strip() else None
        for issue in check_question(raw_question, number):
            line = index.question_line(number, issue.key, count)
            problems.append(make_problem(issue.code, name, line=line, question_id=qid, **issue.params))
        if qid is not None:
            id_line = index.question_line(number, "id", count)
            place = {"first_line": id_line} if id_line else {"first_question": number}
            if qid in first_seen:
                problems.append(make_problem("question_id_duplicate", name, line=id_line, question_id=qid,
                                             value=qid, **first_seen[qid]))
            else:
                first_seen[qid] = place

    if problems:
        return None, sorted(problems, key=lambda p: p.line or 0)
    defaults = raw.get("defaults") or {}
    family = raw.get("job_family")
    bank = Bank(
        id=raw["id"],
        title=raw["title"].strip(),
        language=raw["language"],
        job_family=family.strip() if isinstance(family, str) and family.strip() else None,
        format_version=raw["format"],
        description=str(raw.get("description", "")).strip(),
        questions=tuple(build_question(q, defaults) for q in questions),
        source=Path(file),
        builtin=builtin,
    )
    return bank, []


def read_bank_file(path: str | Path, *, builtin: bool = False) -> tuple[Bank | None, list[Problem]]:
    """Read and check one bank file: problems with the file itself come back as problems too."""
    path = Path(path)
    name = str(path)
    if not path.exists():
        return None, [make_problem("file_missing", name)]
    if path.is_dir():
        return None, [make_problem("file_not_file", name)]
    if path.suffix.lower() in SHEET_SUFFIXES:
        return None, [make_problem("file_is_sheet", name)]
    try:
        data = path.read_bytes()
    except OSError as error:
        return None, [make_problem("file_unreadable", name, error=error.strerror or error)]
    if data.startswith(b"\xef\xbb\xbf"):  # a BOM from Notepad: harmless, but tomllib rejects it
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, [make_problem("file_not_utf8", name, line=line)]
    return parse_bank_text(text, path, builtin=builtin)


def validate_file(path: str | Path) -> list[Problem]:
    """Every problem with the bank file at ``path``; an empty list means it is a valid bank."""
    return read_bank_file(path)[1]


def load_bank_file(path: str | Path, *, builtin: bool = False) -> Bank:
    """Read one bank file, or raise :class:`BankError` naming its first problem (all are in ``problems``)."""
    bank, problems = read_bank_file(path, builtin=builtin)
    if bank is None:
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        raise BankError(f"{problems[0]}{more}", problems=problems)
    return bank
