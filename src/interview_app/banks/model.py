"""The bank and question types: frozen dataclasses with a stable JSON form."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from interview_app.banks.catalog import CATEGORY_BY_ID, JOB_FAMILY_BY_ID, NCS_BY_ID
from interview_app.banks.problems import Problem
from interview_app.errors import UserError

FORMAT_VERSION = 1  # the bank file format this version reads and writes
BANKS_JSON_SCHEMA = "interview-app/banks/1"  # `interview-app banks list --json`

BankLanguage = Literal["ko", "en"]


class BankError(UserError):
    """A bank cannot be read, found or written; ``problems`` lists every detail when there are several."""

    def __init__(self, message: str, *, problems: Sequence[Problem] = (), exit_code: int | None = None) -> None:
        super().__init__(message, exit_code=exit_code)
        self.problems: tuple[Problem, ...] = tuple(problems)


@dataclass(frozen=True)
class Question:
    """One interview question and what a good answer to it covers."""

    id: str
    text: str
    category: str  # a QuestionCategory id (banks/catalog.py)
    prep_seconds: int
    answer_seconds: int
    competencies: tuple[str, ...] = ()  # NCS area ids (banks/catalog.py)
    key_points: tuple[str, ...] = ()  # what a strong answer covers
    keywords: tuple[str, ...] = ()  # words a relevant answer uses; Korean in dictionary form
    follow_ups: tuple[str, ...] = ()  # what an interviewer may ask next

    def competency_names(self, language: BankLanguage = "ko") -> tuple[str, ...]:
        """The competencies' display names (의사소통능력 / Communication)."""
        return tuple(getattr(NCS_BY_ID[c], language) if c in NCS_BY_ID else c for c in self.competencies)

    def category_name(self, language: BankLanguage = "ko") -> str:
        category = CATEGORY_BY_ID.get(self.category)
        return getattr(category, language) if category else self.category

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "category": self.category,
            "prep_seconds": self.prep_seconds,
            "answer_seconds": self.answer_seconds,
            "competencies": list(self.competencies),
            "key_points": list(self.key_points),
            "keywords": list(self.keywords),
            "follow_ups": list(self.follow_ups),
        }


@dataclass(frozen=True)
class Bank:
    """A question bank: built in (``question_banks/``) or the user's own (data folder)."""

    id: str
    title: str
    language: BankLanguage
    job_family: str | None = None  # a JobFamily id (banks/catalog.py), None for common questions
    format_version: int = FORMAT_VERSION
    description: str = ""
    questions: tuple[Question, ...] = ()
    source: Path | None = None
    builtin: bool = False

    def __len__(self) -> int:
        return len(self.questions)

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise BankError(
            f"the bank '{self.id}' has no question '{question_id}'; "
            f"run 'interview-app banks list --json' to see its questions"
        )

    def job_family_name(self, language: BankLanguage = "ko") -> str | None:
        family = JOB_FAMILY_BY_ID.get(self.job_family or "")
        return getattr(family, language) if family else self.job_family

    def draw(self, count: int, *, rng: random.Random | None = None) -> tuple[Question, ...]:
        """Pick ``count`` questions for one practice session, as an interview runs.

        A self-introduction (if the bank has one) comes first and a closing question last
        (when two or more are drawn); the rest are drawn at random without repeats.
        """
        rng = rng or random.Random()
        count = max(0, min(count, len(self.questions)))
        if count == 0:
            return ()
        intros = [q for q in self.questions if q.category == "self_introduction"]
        closings = [q for q in self.questions if q.category == "closing"]
        first = [rng.choice(intros)] if intros else []
        last = [rng.choice(closings)] if closings and count - len(first) >= 1 and count >= 2 else []
        chosen = {q.id for q in first + last}
        middle_pool = [
            q for q in self.questions if q.id not in chosen and q.category not in ("self_introduction", "closing")
        ]
        wanted = count - len(first) - len(last)
        if wanted > len(middle_pool):  # a small bank: allow more intros/closings in the middle
            middle_pool += [q for q in self.questions if q.id not in chosen and q not in middle_pool]
        middle = rng.sample(middle_pool, wanted)
        return tuple(first + middle + last)

    def to_dict(self, *, with_questions: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "language": self.language,
            "job_family": self.job_family,
            "format": self.format_version,
            "description": self.description,
            "builtin": self.builtin,
            "source": str(self.source) if self.source else None,
            "question_count": len(self.questions),
        }
        if with_questions:
            data["questions"] = [q.to_dict() for q in self.questions]
        return data
