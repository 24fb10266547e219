"""A broken bank file names the file, the line and the problem, and says what to do: all problems at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_app.banks import BankError, load_bank_file, validate_file

GOOD = """\
format = 1
id = "ko-test"
title = "테스트 은행"
language = "ko"

[[questions]]
id = "first"
text = "1분 자기소개를 해 주세요."
category = "self_introduction"
competencies = ["communication"]

[[questions]]
id = "second"
text = "갈등을 해결한 경험을 말씀해 주세요."
category = "experience"
answer_seconds = 120
competencies = ["interpersonal"]
keywords = ["갈등", "해결"]
"""


def write(tmp_path: Path, text: str, name: str = "bank.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_bank_loads_with_category_defaults(tmp_path):
    bank = load_bank_file(write(tmp_path, GOOD))
    first, second = bank.questions
    assert (bank.id, bank.title, bank.language, bank.job_family) == ("ko-test", "테스트 은행", "ko", None)
    assert (first.prep_seconds, first.answer_seconds) == (30, 60)  # self-introduction default
    assert (second.prep_seconds, second.answer_seconds) == (30, 120)  # its own time wins
    assert second.keywords == ("갈등", "해결")


def test_bank_defaults_table_overrides_category_defaults(tmp_path):
    text = GOOD.replace('language = "ko"\n', 'language = "ko"\n\n[defaults]\nprep_seconds = 15\nanswer_seconds = 45\n')
    first, second = load_bank_file(write(tmp_path, text)).questions
    assert (first.prep_seconds, first.answer_seconds) == (15, 45)
    assert second.answer_seconds == 120


def test_syntax_error_gives_line_and_column(tmp_path):
    path = write(tmp_path, GOOD.replace('text = "갈등을', 'text "갈등을'))
    [problem] = validate_file(path)
    assert problem.file == str(path)
    assert problem.line == 14
    assert "column" in problem.message and "syntax" in problem.message
    assert str(problem).startswith(f"{path}:14: TOML syntax error")


def test_semantic_problems_are_all_reported_with_their_lines(tmp_path):
    text = GOOD.replace('id = "second"', 'id = "first"')  # duplicate id
    text = text.replace('competencies = ["interpersonal"]', 'competencies = ["interpersonal", "charisma"]')
    text = text.replace("answer_seconds = 120", 'answer_seconds = "120"')  # wrong type
    text = text.replace('category = "self_introduction"', 'category = "self_introduction"\nkeywrds = ["x"]')
    text = text.replace('text = "1분 자기소개를 해 주세요."', 'text = ""')
    problems = validate_file(write(tmp_path, text))
    found = {(p.code, p.line, p.question_id) for p in problems}
    assert found == {
        ("field_empty", 8, "first"),
        ("key_unknown_suggest", 10, "first"),
        ("question_id_duplicate", 14, "first"),
        ("field_type", 17, "first"),
        ("competency_unknown", 18, "first"),
    }
    by_code = {p.code: p for p in problems}
    assert "line 7" in by_code["question_id_duplicate"].message
    assert "'keywords'" in by_code["key_unknown_suggest"].what_to_do
    assert "whole number" in by_code["field_type"].message
    assert [p.line for p in problems] == sorted(p.line for p in problems)  # in file order


def test_korean_competency_name_gets_the_id_to_write(tmp_path):
    path = write(tmp_path, GOOD.replace('competencies = ["communication"]', 'competencies = ["의사소통능력"]'))
    [problem] = validate_file(path)
    assert (problem.line, problem.question_id) == (10, "first")
    assert "'communication'" in problem.what_to_do
    assert "communication" in problem.text("ko") and "역량" in problem.text("ko")


@pytest.mark.parametrize(
    ("change", "code", "line"),
    [
        (('language = "ko"', 'language = "jp"'), "language_unknown", 4),
        (('id = "ko-test"', 'id = "KO Test"'), "bank_id_invalid", 2),
        (('language = "ko"', 'language = "ko"\njob_family = "marketing"'), "job_family_unknown", 5),
        (('answer_seconds = 120', 'answer_seconds = 0'), "seconds_not_positive", 16),
        (('answer_seconds = 120', 'answer_seconds = 90000'), "seconds_too_long", 16),
        (('category = "experience"', 'category = "경험"'), "category_unknown_suggest", 15),
        (('category = "experience"', 'category = "story"'), "category_unknown", 15),
        (('keywords = ["갈등", "해결"]', 'keywords = ["갈등", ""]'), "list_item_empty", 18),
        (('keywords = ["갈등", "해결"]', 'keywords = "갈등"'), "list_item_type", 18),
        (('title = "테스트 은행"\n', ''), "field_missing", None),
        (('language = "ko"\n', 'language = "ko"\n\n[defaults]\nprep_seconds = 0\n'), "seconds_not_positive", 7),
        (('language = "ko"\n', 'language = "ko"\n\n[defaults]\nprep = 10\n'), "key_unknown", 7),
    ],
)
def test_each_kind_of_problem_is_placed(tmp_path, change, code, line):
    problems = validate_file(write(tmp_path, GOOD.replace(*change)))
    assert [(p.code, p.line) for p in problems] == [(code, line)]
    assert problems[0].message and problems[0].what_to_do


def test_a_newer_format_is_refused_without_guessing(tmp_path):
    [problem] = validate_file(write(tmp_path, GOOD.replace("format = 1", "format = 2")))
    assert problem.code == "format_unsupported" and problem.line == 1
    assert "update Interview Coach" in problem.what_to_do


def test_missing_empty_and_mis_encoded_files(tmp_path):
    [missing] = validate_file(tmp_path / "nope.toml")
    assert missing.code == "file_missing"
    [empty] = validate_file(write(tmp_path, "  \n", "empty.toml"))
    assert empty.code == "file_empty"
    cp949 = tmp_path / "cp949.toml"
    cp949.write_bytes(GOOD.encode("cp949"))
    [encoding] = validate_file(cp949)
    assert encoding.code == "file_not_utf8" and encoding.line == 3
    [sheet] = validate_file(write(tmp_path, "질문,분류\n", "list.csv"))
    assert sheet.code == "file_is_sheet" and "import-csv" in sheet.what_to_do
    [no_questions] = validate_file(write(tmp_path, GOOD.split("[[questions]]")[0], "q.toml"))
    assert no_questions.code == "questions_missing"


def test_a_bom_from_notepad_is_accepted(tmp_path):
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode("utf-8"))
    assert validate_file(path) == []


def test_load_bank_file_raises_a_one_line_user_error(tmp_path):
    path = write(tmp_path, GOOD.replace('id = "second"', 'id = "first"').replace('language = "ko"', 'language = "x"'))
    with pytest.raises(BankError) as raised:
        load_bank_file(path)
    assert "\n" not in raised.value.message
    assert str(path) in raised.value.message and "1 more problem" in raised.value.message
    assert len(raised.value.problems) == 2


def test_the_documented_example_is_a_valid_bank(tmp_path):
    from interview_app import paths

    readme = (paths.content_dir("question_banks") / "README.md").read_text(encoding="utf-8")
    example = readme.split("```toml\n", 1)[1].split("```", 1)[0]
    bank = load_bank_file(write(tmp_path, example))
    assert bank.job_family == "data_analysis"
    assert bank.questions[0].prep_seconds == 20 and bank.questions[0].follow_ups


def test_every_message_renders_in_korean_with_the_same_values():
    """A translator edits one table; a Korean message may not ask for a value the English one lacks."""
    import string

    from interview_app.banks import MESSAGES

    def fields(template: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(template) if name}

    for code, languages in MESSAGES.items():
        english = fields(" ".join(languages["en"]))
        korean = fields(" ".join(languages["ko"]))
        korean = {name.removesuffix("_ko") for name in korean}
        assert korean == english, code


def test_english_sub_skills_and_misspelt_ids_get_the_area_id(tmp_path):
    text = GOOD.replace('competencies = ["communication"]', 'competencies = ["teamwork", "comunication"]')
    problems = validate_file(write(tmp_path, text))
    assert [p.params["suggestion"] for p in problems] == ["interpersonal", "communication"]
    assert "(처음: 7번째 줄)" in validate_file(write(tmp_path, GOOD.replace('"second"', '"first"')))[0].text("ko")
