"""The banks shipped with the app: valid, complete, and usable by the analyzer and the GUI."""

from __future__ import annotations

import re

import pytest

from interview_app import paths
from interview_app.banks import load_banks, validate_file
from interview_app.banks.catalog import CATEGORY_BY_ID, NCS_BY_ID
from interview_app.banks.loader import bank_files

MINIMUM_QUESTIONS = {
    "ko-common": 20,
    "ko-digital-marketing": 10,
    "ko-data-analysis": 10,
    "ko-service-planning": 10,
    "ko-software-development": 10,
    "ko-ai-engineering": 10,
    "en-common-behavioural": 15,
}
HANGUL = re.compile(r"[가-힣]")


@pytest.fixture(scope="module")
def builtin():
    return {bank.id: bank for bank in load_banks(include_user=False)}


def test_every_bundled_file_validates():
    files = bank_files(paths.content_dir("question_banks"))
    assert len(files) == len(MINIMUM_QUESTIONS)
    for file in files:
        assert validate_file(file) == [], file


def test_bundled_banks_meet_the_counts(builtin):
    assert set(builtin) == set(MINIMUM_QUESTIONS)
    for bank_id, minimum in MINIMUM_QUESTIONS.items():
        assert len(builtin[bank_id]) >= minimum, bank_id
        assert builtin[bank_id].builtin


def test_one_korean_bank_per_academy_job_family(builtin):
    families = {b.job_family for b in builtin.values() if b.language == "ko" and b.job_family}
    assert families == {"digital_marketing", "data_analysis", "service_planning", "software_development",
                        "ai_engineering"}


def test_common_bank_covers_the_classic_korean_questions(builtin):
    common = builtin["ko-common"]
    texts = " ".join(q.text for q in common.questions)
    for topic in ("1분", "자기소개", "지원", "강점", "약점", "갈등", "실패", "역량", "포부", "마지막", "팀",
                  "리더십", "스트레스", "규정"):
        assert topic in texts, topic
    categories = {q.category for q in common.questions}
    assert {"self_introduction", "motivation", "experience", "closing", "vision"} <= categories


def test_every_question_gives_the_analyzer_and_report_what_they_need(builtin):
    for bank in builtin.values():
        assert bank.description
        ids = [q.id for q in bank.questions]
        assert len(ids) == len(set(ids))
        assert any(q.follow_ups for q in bank.questions), bank.id
        for q in bank.questions:
            where = f"{bank.id}/{q.id}"
            assert q.competencies and all(c in NCS_BY_ID for c in q.competencies), where
            assert len(q.key_points) >= 3, where
            assert len(q.keywords) >= 3, where
            assert q.category in CATEGORY_BY_ID, where
            assert q.prep_seconds == 30 and 60 <= q.answer_seconds <= 90, where
            assert bool(HANGUL.search(q.text)) == (bank.language == "ko"), where


def test_korean_keywords_are_in_dictionary_form(builtin):
    """The analyzer matches lemmas: a keyword with an ending or particle (해결했다, 협업을) never matches.

    Each keyword is analysed inside a short sentence (alone, nouns like 이상치 are misread as 이상하지).
    """
    from kiwipiepy import Kiwi

    kiwi = Kiwi()

    def inflections(keyword: str) -> list[str]:
        tokens = kiwi.tokenize(f"{keyword}를 설명하겠습니다")
        return [t.form for t in tokens if t.start < len(keyword) and (t.tag.startswith(("E", "J")) or t.tag == "VCP")]

    assert inflections("해결했다") and inflections("협업을")  # the check itself catches what it should
    inflected = [
        f"{bank.id}/{q.id}: {keyword}"
        for bank in builtin.values()
        if bank.language == "ko"
        for q in bank.questions
        for keyword in q.keywords
        if inflections(keyword)
    ]
    assert inflected == []


def test_english_keywords_are_single_lower_case_words(builtin):
    for q in builtin["en-common-behavioural"].questions:
        for keyword in q.keywords:
            assert re.fullmatch(r"[a-z]+", keyword), (q.id, keyword)
