"""Question lists kept in Excel become valid banks; bad rows are named and nothing half-written is left."""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

import pytest

from interview_app import paths
from interview_app.banks import BankError, get_bank, import_csv, load_bank_file, validate_file

KOREAN_ROWS = [
    ["번호", "질문", "분류", "준비시간(초)", "답변시간", "역량", "핵심포인트", "키워드", "꼬리질문"],
    ["1", "1분 자기소개를 해 주세요.", "자기소개", "20", "1분", "의사소통능력, 자기개발",
     "강점을 먼저 말한다\n경험으로 뒷받침한다", "강점; 경험", ""],
    ["2", "우리 카페를 찾은 이유는 무엇인가요?", "지원동기", "", "1분 30초", "조직이해",
     "구체적인 이유", "이유, 계기", "다른 곳과 비교하면 어떤가요?;추천하겠습니까?"],
    ["", "갈등을 해결한 경험을 말씀해 주세요.", "경험", "30초", "", "팀워크; 문제해결", "", "갈등", ""],
]


def excel_csv(path: Path, rows: list[list[str]], *, encoding: str, delimiter: str = ",") -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    data = buffer.getvalue().encode(encoding)
    if encoding == "utf-8":
        data = codecs.BOM_UTF8 + data  # what Excel's "CSV UTF-8" writes
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(("encoding", "delimiter"), [("utf-8", ","), ("cp949", ";"), ("euc-kr", "\t")])
def test_excel_csv_round_trips_into_the_loader(tmp_path, encoding, delimiter):
    source = excel_csv(tmp_path / "질문목록.csv", KOREAN_ROWS, encoding=encoding, delimiter=delimiter)
    target = import_csv(source, bank_id="ko-cafe", title="카페 질문", language="ko", job_family="service_planning")
    assert target == paths.user_banks_dir() / "ko-cafe.toml"
    assert validate_file(target) == []
    bank = get_bank("ko-cafe")
    assert (bank.title, bank.language, bank.job_family, bank.builtin) == ("카페 질문", "ko", "service_planning", False)
    intro, motive, conflict = bank.questions
    assert (intro.id, intro.category, intro.prep_seconds, intro.answer_seconds) == ("q01", "self_introduction", 20, 60)
    assert intro.competencies == ("communication", "self_development")
    assert intro.key_points == ("강점을 먼저 말한다", "경험으로 뒷받침한다")
    assert intro.keywords == ("강점", "경험")
    assert (motive.category, motive.prep_seconds, motive.answer_seconds) == ("motivation", 30, 90)
    assert motive.follow_ups == ("다른 곳과 비교하면 어떤가요?", "추천하겠습니까?")
    assert motive.keywords == ("이유", "계기")
    assert (conflict.id, conflict.category, conflict.answer_seconds) == ("q03", "experience", 90)
    assert conflict.competencies == ("interpersonal", "problem_solving")


def test_english_headers_and_plain_utf8(tmp_path):
    rows = [["Question", "Category", "Competencies", "Keywords"],
            ["Tell me about yourself.", "introduction", "communication", "strength;experience"],
            ["Why this role?", "", "", ""]]
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    source = tmp_path / "en.csv"
    source.write_text(buffer.getvalue(), encoding="utf-8")
    target = import_csv(source, bank_id="en-cafe", title="Cafe", language="en", out_dir=tmp_path / "out")
    bank = load_bank_file(target)
    assert [q.category for q in bank.questions] == ["self_introduction", "general"]
    assert bank.questions[0].keywords == ("strength", "experience")


def test_a_title_row_above_the_header_is_skipped(tmp_path):
    source = excel_csv(tmp_path / "titled.csv", [["우리 카페 면접 질문 (2026년)", ""], *KOREAN_ROWS], encoding="utf-8")
    target = import_csv(source, bank_id="ko-titled", title="제목 있음", language="ko", out_dir=tmp_path / "out")
    assert len(load_bank_file(target)) == 3


def test_bad_rows_are_reported_by_row_and_nothing_is_written(tmp_path):
    rows = [KOREAN_ROWS[0],
            ["1", "좋은 질문", "자기소개", "", "", "", "", "", ""],
            ["2", "", "경험", "", "", "", "", "", ""],  # row 3: no question
            ["3", "시간이 이상한 질문", "경험", "삼십", "", "", "", "", ""],  # row 4: not seconds
            ["4", "역량이 이상한 질문", "면접관 질문", "", "", "친화력", "", "", ""],  # row 5: two problems
            ["1", "번호가 겹친 질문", "", "", "", "", "", "", ""]]  # row 6: duplicate id
    source = excel_csv(tmp_path / "bad.csv", rows, encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(BankError) as raised:
        import_csv(source, bank_id="ko-bad", title="나쁜 예", language="ko", out_dir=out)
    problems = raised.value.problems
    assert [(p.row, p.code) for p in problems] == [
        (3, "question_field_missing"),
        (4, "csv_seconds_invalid"),
        (5, "csv_category_unknown"),
        (5, "competency_unknown"),
        (6, "question_id_duplicate"),
    ]
    assert all(p.file == str(source) for p in problems)
    assert str(problems[0]).startswith(f"{source}: row 3: [q02] the question has no 'text'")
    assert "nothing was written" in raised.value.message and "\n" not in raised.value.message
    assert not out.exists() or list(out.iterdir()) == []


def test_unknown_columns_are_refused_rather_than_dropped(tmp_path):
    source = excel_csv(tmp_path / "memo.csv", [["질문", "메모"], ["질문입니다", "중요"]], encoding="utf-8")
    with pytest.raises(BankError) as raised:
        import_csv(source, bank_id="ko-memo", title="메모", language="ko", out_dir=tmp_path)
    [problem] = raised.value.problems
    assert problem.code == "csv_column_unknown" and problem.row == 1 and "'메모'" in problem.message


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "file_empty"),
        (b"\xff\xfe\x00", "csv_encoding"),
        ("분류,역량\n경험,문제해결\n".encode(), "csv_no_text_column"),
        ("질문\n".encode(), "csv_no_rows"),
    ],
)
def test_empty_or_unreadable_sheets_get_one_problem(tmp_path, content, code):
    source = tmp_path / "sheet.csv"
    source.write_bytes(content)
    with pytest.raises(BankError) as raised:
        import_csv(source, bank_id="ko-x", title="x", language="ko", out_dir=tmp_path / "out")
    assert [p.code for p in raised.value.problems] == [code]
    assert not (tmp_path / "out").exists()


def test_an_excel_workbook_is_told_to_be_saved_as_csv(tmp_path):
    workbook = tmp_path / "질문.xlsx"
    workbook.write_bytes(b"PK\x03\x04" + bytes(64))  # the start of every .xlsx (a zip)
    with pytest.raises(BankError, match="Excel workbook") as raised:
        import_csv(workbook, bank_id="ko-x", title="x", language="ko", out_dir=tmp_path / "out")
    assert "CSV UTF-8" in raised.value.message


def test_an_existing_bank_is_not_overwritten_without_asking(tmp_path):
    source = excel_csv(tmp_path / "q.csv", KOREAN_ROWS, encoding="utf-8")
    target = import_csv(source, bank_id="ko-cafe", title="처음", language="ko", out_dir=tmp_path)
    with pytest.raises(BankError, match="already exists"):
        import_csv(source, bank_id="ko-cafe", title="두 번째", language="ko", out_dir=tmp_path)
    assert load_bank_file(target).title == "처음"
    import_csv(source, bank_id="ko-cafe", title="두 번째", language="ko", out_dir=tmp_path, overwrite=True)
    assert load_bank_file(target).title == "두 번째"
    (tmp_path / "renamed.toml").write_bytes(target.read_bytes())
    target.unlink()
    with pytest.raises(BankError, match="already used by"):
        import_csv(source, bank_id="ko-cafe", title="세 번째", language="ko", out_dir=tmp_path)


def test_bad_arguments_are_named(tmp_path):
    source = excel_csv(tmp_path / "q.csv", KOREAN_ROWS, encoding="utf-8")
    with pytest.raises(BankError, match="bank id 'Bad Id'"):
        import_csv(source, bank_id="Bad Id", title="x", language="ko", out_dir=tmp_path)
    with pytest.raises(BankError, match="unknown job family"):
        import_csv(source, bank_id="ko-x", title="x", language="ko", job_family="marketing", out_dir=tmp_path)
