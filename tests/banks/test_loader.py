"""Built-in and user banks merge; a broken user bank never stops the app and is named."""

from __future__ import annotations

import os
import random

import pytest

from interview_app import paths
from interview_app.banks import BankError, find_question, get_bank, load_all, load_banks

USER_BANK = """\
format = 1
id = "{bank_id}"
title = "{title}"
language = "ko"
job_family = "data_analysis"

[[questions]]
id = "sql-window"
text = "윈도우 함수를 써 본 경험을 말씀해 주세요."
category = "technical"
competencies = ["technology"]
keywords = ["윈도우", "함수"]
"""


def user_bank(name: str, bank_id: str = "ko-cafe", title: str = "우리 카페 질문", text: str | None = None):
    path = paths.user_banks_dir() / name
    path.write_text(text if text is not None else USER_BANK.format(bank_id=bank_id, title=title), encoding="utf-8")
    return path


def test_user_bank_in_the_data_folder_is_merged():
    user_bank("cafe.toml")
    banks = load_banks()
    ids = [b.id for b in banks]
    assert "ko-cafe" in ids and "ko-common" in ids and "en-common-behavioural" in ids
    cafe = get_bank("ko-cafe")
    assert not cafe.builtin and cafe.source == paths.user_banks_dir() / "cafe.toml"
    assert find_question("ko-cafe", "sql-window").answer_seconds == 90  # technical default
    assert ids.index("ko-cafe") < ids.index("en-common-behavioural")  # Korean first
    assert "ko-cafe" not in [b.id for b in load_banks(include_user=False)]


def test_a_broken_user_bank_is_skipped_and_named():
    broken = user_bank("broken.toml", text='format = 1\nid = "x"\ntitle = "깨진 파일\n')
    user_bank("cafe.toml")
    result = load_all()
    assert "ko-cafe" in [b.id for b in result.banks]
    assert len(result.banks) == 8
    assert result.broken_files == (str(broken),)
    assert result.problems[0].line == 3


def test_a_user_bank_with_a_built_in_id_replaces_it():
    path = user_bank("common.toml", bank_id="ko-common", title="카페 공통 질문")
    result = load_all()
    common = [b for b in result.banks if b.id == "ko-common"]
    assert len(common) == 1 and common[0].title == "카페 공통 질문"
    assert result.replaced == {"ko-common": path}


def test_two_user_banks_with_one_id_keep_the_first_and_name_the_second():
    user_bank("a.toml", title="첫째")
    second = user_bank("b.toml", title="둘째")
    result = load_all()
    assert [b.title for b in result.banks if b.id == "ko-cafe"] == ["첫째"]
    [problem] = result.problems
    assert problem.file == str(second) and problem.code == "bank_id_duplicate"


def test_an_edited_bank_is_read_again():
    path = user_bank("cafe.toml", title="처음")
    assert get_bank("ko-cafe").title == "처음"
    path.write_text(USER_BANK.format(bank_id="ko-cafe", title="고침"), encoding="utf-8")
    os.utime(path, ns=(1, 1))  # a different modification time even on coarse clocks
    assert get_bank("ko-cafe").title == "고침"


def test_non_bank_files_are_ignored():
    (paths.user_banks_dir() / "notes.txt").write_text("memo", encoding="utf-8")
    (paths.user_banks_dir() / ".cafe.toml.123.part").write_text("format = ", encoding="utf-8")
    assert load_all().problems == ()


def test_unknown_bank_and_question_are_user_errors():
    with pytest.raises(BankError, match="no question bank 'nope'"):
        get_bank("nope")
    with pytest.raises(BankError, match="has no question 'nope'"):
        find_question("ko-common", "nope")


def test_a_draw_runs_like_an_interview():
    bank = get_bank("ko-common")
    for seed in range(5):
        drawn = bank.draw(5, rng=random.Random(seed))
        assert len(drawn) == 5 and len({q.id for q in drawn}) == 5
        assert drawn[0].category == "self_introduction"
        assert drawn[-1].category == "closing"
        assert all(q.category not in ("self_introduction", "closing") for q in drawn[1:-1])
    assert bank.draw(5, rng=random.Random(7)) == bank.draw(5, rng=random.Random(7))
    assert len(bank.draw(500)) == len(bank)
    small = get_bank("ko-data-analysis")
    assert len(small.draw(len(small))) == len(small)


def test_bank_json_form_is_stable():
    bank = get_bank("ko-data-analysis")
    data = bank.to_dict()
    assert data["job_family"] == "data_analysis" and data["builtin"] is True
    assert data["question_count"] == len(data["questions"]) == len(bank)
    assert set(data["questions"][0]) == {"id", "text", "category", "prep_seconds", "answer_seconds",
                                         "competencies", "key_points", "keywords", "follow_ups"}
    question = bank.questions[0]
    assert question.competency_names("ko")[0].endswith("능력")
    assert bank.job_family_name("ko") == "데이터 분석"


def test_an_unusable_user_folder_still_leaves_the_built_in_banks(private_data_dir):
    (private_data_dir / "question_banks").write_text("not a folder", encoding="utf-8")
    result = load_all()
    assert len(result.banks) == 7
    [problem] = result.problems
    assert problem.file == str(private_data_dir / "question_banks") and problem.code == "file_unreadable"
