"""Problems found in a bank file or a CSV sheet, and every message about them, in one place.

Each problem has a ``code``; the wording lives in :data:`MESSAGES` (Korean and English), so a
translator edits one table. ``Problem.message`` and ``Problem.what_to_do`` are the English
wording the command line prints; :meth:`Problem.text` renders either language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

Language = Literal["ko", "en"]

# code -> language -> (what happened, what to do). No final full stop: the formatter adds it.
MESSAGES: dict[str, dict[str, tuple[str, str]]] = {
    # The file itself
    "file_missing": {
        "en": ("the file does not exist", "check the path and the file name"),
        "ko": ("파일이 없습니다", "경로와 파일 이름을 확인하세요"),
    },
    "file_not_file": {
        "en": ("this is a folder, not a file", "give the path of a bank file (.toml) or a CSV file"),
        "ko": ("파일이 아니라 폴더입니다", "질문 은행 파일(.toml)이나 CSV 파일의 경로를 입력하세요"),
    },
    "file_unreadable": {
        "en": ("the file cannot be read ({error})", "check that it exists and that you may read it"),
        "ko": ("파일을 읽을 수 없습니다({error})", "파일이 있는지, 읽기 권한이 있는지 확인하세요"),
    },
    "file_empty": {
        "en": ("the file is empty", "write a bank in it (see question_banks/README.md) or delete it"),
        "ko": ("파일이 비어 있습니다", "질문 은행을 작성하거나(question_banks/README.md 참고) 파일을 지우세요"),
    },
    "file_not_utf8": {
        "en": ("the file is not saved as UTF-8 text", "open it in a text editor and save it with UTF-8 encoding"),
        "ko": ("파일이 UTF-8 텍스트로 저장되어 있지 않습니다",
               "텍스트 편집기에서 열어 UTF-8 인코딩으로 다시 저장하세요"),
    },
    "file_is_sheet": {
        "en": ("this is a spreadsheet file, not a bank file (.toml)",
               "import it with 'interview-app banks import-csv' (save Excel workbooks as CSV first)"),
        "ko": ("표 계산 파일이지 질문 은행 파일(.toml)이 아닙니다",
               "'interview-app banks import-csv'로 가져오세요(Excel 통합 문서는 먼저 CSV로 저장하세요)"),
    },
    "file_is_workbook": {
        "en": ("this is an Excel workbook, not a CSV file", "in Excel, use Save As > 'CSV UTF-8' and import that file"),
        "ko": ("CSV 파일이 아니라 Excel 통합 문서입니다",
               "Excel에서 다른 이름으로 저장 > 'CSV UTF-8'로 저장한 파일을 가져오세요"),
    },
    "toml_syntax": {
        "en": ("TOML syntax error: {detail}", "fix this line: check quotes, brackets, commas and '=' signs"),
        "ko": ("TOML 문법 오류: {detail}", "이 줄의 따옴표, 괄호, 쉼표, '=' 기호를 확인하세요"),
    },
    # The bank
    "format_missing": {
        "en": ("there is no 'format' line", "add `format = 1` at the top of the file"),
        "ko": ("'format' 줄이 없습니다", "파일 맨 위에 `format = 1`을 추가하세요"),
    },
    "format_unsupported": {
        "en": ("format version {value} is not supported (this version of Interview Coach reads {supported})",
               "update Interview Coach, or write the bank in format {supported}"),
        "ko": ("형식 버전 {value}은(는) 지원하지 않습니다(이 버전은 {supported}을(를) 읽습니다)",
               "Interview Coach를 업데이트하거나 형식 {supported}(으)로 작성하세요"),
    },
    "field_missing": {
        "en": ("the bank has no '{key}'", "add `{key} = ...` near the top of the file"),
        "ko": ("질문 은행에 '{key}' 항목이 없습니다", "파일 위쪽에 `{key} = ...`을 추가하세요"),
    },
    "field_type": {
        "en": ("'{key}' must be {expected}, not {actual}", "change the value of '{key}' to {expected}"),
        "ko": ("'{key}' 값은 {expected_ko} 형식이어야 합니다(지금은 {actual_ko} 형식)",
               "'{key}' 값을 {expected_ko} 형식으로 고치세요"),
    },
    "field_empty": {
        "en": ("'{key}' is empty", "write a value for '{key}'"),
        "ko": ("'{key}' 값이 비어 있습니다", "'{key}' 값을 채우세요"),
    },
    "bank_id_invalid": {
        "en": ("the bank id '{value}' has characters that are not allowed",
               "use lower-case letters, digits and '-' only, e.g. 'ko-my-bank'"),
        "ko": ("질문 은행 id '{value}'에 쓸 수 없는 문자가 있습니다",
               "영문 소문자, 숫자, '-'만 쓰세요(예: 'ko-my-bank')"),
    },
    "language_unknown": {
        "en": ("language '{value}' is not supported", "use 'ko' (Korean) or 'en' (English)"),
        "ko": ("언어 '{value}'은(는) 지원하지 않습니다", "'ko'(한국어)나 'en'(영어)을 쓰세요"),
    },
    "job_family_unknown": {
        "en": ("unknown job family '{value}'", "use one of {known}, or remove the line"),
        "ko": ("알 수 없는 직무군 '{value}'입니다", "{known} 중 하나를 쓰거나 이 줄을 지우세요"),
    },
    "key_unknown": {
        "en": ("unknown setting '{key}'", "remove it or fix the spelling; allowed here: {allowed}"),
        "ko": ("알 수 없는 항목 '{key}'입니다", "지우거나 철자를 고치세요. 쓸 수 있는 항목: {allowed}"),
    },
    "key_unknown_suggest": {
        "en": ("unknown setting '{key}'", "did you mean '{suggestion}'? Fix the spelling or remove it"),
        "ko": ("알 수 없는 항목 '{key}'입니다", "'{suggestion}'을(를) 쓰려던 것인가요? 철자를 고치거나 지우세요"),
    },
    "questions_missing": {
        "en": ("the bank has no questions", "add at least one [[questions]] table"),
        "ko": ("질문이 하나도 없습니다", "[[questions]] 표를 하나 이상 추가하세요"),
    },
    "questions_type": {
        "en": ("'questions' must be a list of [[questions]] tables", "write each question as a [[questions]] table"),
        "ko": ("'questions'는 [[questions]] 표의 목록이어야 합니다", "질문마다 [[questions]] 표로 작성하세요"),
    },
    "defaults_type": {
        "en": ("'defaults' must be a table", "write it as a [defaults] table with prep_seconds and answer_seconds"),
        "ko": ("'defaults'는 표여야 합니다", "prep_seconds와 answer_seconds를 담은 [defaults] 표로 작성하세요"),
    },
    "bank_id_duplicate": {
        "en": ("bank id '{value}' is also used by {other}",
               "give each bank its own id; this file is skipped until then"),
        "ko": ("질문 은행 id '{value}'를 {other}도 쓰고 있습니다",
               "은행마다 다른 id를 쓰세요. 그때까지 이 파일은 건너뜁니다"),
    },
    # One question
    "question_type": {
        "en": ("question number {index} is not a table", "write it as a [[questions]] table"),
        "ko": ("{index}번째 질문이 표 형식이 아닙니다", "[[questions]] 표로 작성하세요"),
    },
    "question_field_missing": {
        "en": ("the question has no '{key}'", "add `{key} = ...` to this question"),
        "ko": ("질문에 '{key}' 항목이 없습니다", "이 질문에 `{key} = ...`을 추가하세요"),
    },
    "question_id_invalid": {
        "en": ("the question id '{value}' has characters that are not allowed",
               "use lower-case letters, digits, '-', '_' or '.', e.g. 'motivation-2'"),
        "ko": ("질문 id '{value}'에 쓸 수 없는 문자가 있습니다",
               "영문 소문자, 숫자, '-', '_', '.'만 쓰세요(예: 'motivation-2')"),
    },
    "question_id_duplicate": {
        "en": ("the question id '{value}' is used twice (first at {first})", "give each question its own id"),
        "ko": ("질문 id '{value}'가 두 번 쓰였습니다(처음: {first})", "질문마다 다른 id를 쓰세요"),
    },
    "category_unknown": {
        "en": ("unknown category '{value}'", "use one of {known}"),
        "ko": ("알 수 없는 질문 유형 '{value}'입니다", "{known} 중 하나를 쓰세요"),
    },
    "category_unknown_suggest": {
        "en": ("unknown category '{value}'", "write '{suggestion}' (the id of that category) instead"),
        "ko": ("알 수 없는 질문 유형 '{value}'입니다", "그 유형의 id인 '{suggestion}'(으)로 쓰세요"),
    },
    "seconds_not_positive": {
        "en": ("'{key}' must be more than 0 seconds, not {value}", "write a number of seconds such as 30 or 60"),
        "ko": ("'{key}'는 0초보다 커야 합니다(지금은 {value})", "30이나 60처럼 초 단위 숫자를 쓰세요"),
    },
    "seconds_too_long": {
        "en": ("'{key}' is {value} seconds, more than the limit of {limit}",
               "write the time in seconds (90 for a minute and a half), not milliseconds"),
        "ko": ("'{key}'가 {value}초로, 한도 {limit}초를 넘습니다", "밀리초가 아니라 초 단위로 쓰세요(1분 30초는 90)"),
    },
    "competency_unknown": {
        "en": ("unknown competency '{value}'", "use the NCS area ids {known}"),
        "ko": ("알 수 없는 역량 '{value}'입니다", "NCS 영역 id {known} 중에서 쓰세요"),
    },
    "competency_unknown_suggest": {
        "en": ("unknown competency '{value}'", "write '{suggestion}' (the id of that NCS area) instead"),
        "ko": ("알 수 없는 역량 '{value}'입니다", "그 NCS 영역의 id인 '{suggestion}'(으)로 쓰세요"),
    },
    "list_item_type": {
        "en": ("'{key}' must be a list of texts", "write it like {key} = [\"first\", \"second\"]"),
        "ko": ("'{key}'는 글의 목록이어야 합니다", "{key} = [\"첫째\", \"둘째\"]처럼 쓰세요"),
    },
    "list_item_empty": {
        "en": ("'{key}' has an empty entry", "remove the empty \"\" entry"),
        "ko": ("'{key}'에 빈 항목이 있습니다", "빈 \"\" 항목을 지우세요"),
    },
    # CSV import
    "csv_encoding": {
        "en": ("the file is neither UTF-8 nor CP949/EUC-KR text", "in Excel, save it as 'CSV UTF-8 (comma delimited)'"),
        "ko": ("파일이 UTF-8이나 CP949/EUC-KR 텍스트가 아닙니다",
               "Excel에서 'CSV UTF-8(쉼표로 분리)' 형식으로 저장하세요"),
    },
    "csv_no_text_column": {
        "en": ("no column holds the questions (header: {header})",
               "name the column with the questions '질문' or 'question' in the first row"),
        "ko": ("질문이 들어 있는 열이 없습니다(첫 행: {header})",
               "첫 행에서 질문이 있는 열의 이름을 '질문'이나 'question'으로 하세요"),
    },
    "csv_column_unknown": {
        "en": ("the column '{value}' is not a known field", "rename it to one of {known}, or delete the column"),
        "ko": ("'{value}' 열은 알 수 없는 항목입니다", "{known} 중 하나로 이름을 바꾸거나 열을 지우세요"),
    },
    "csv_column_duplicate": {
        "en": ("the columns '{value}' and '{other}' both mean '{key}'", "keep one of them"),
        "ko": ("'{value}' 열과 '{other}' 열이 모두 '{key}'를 뜻합니다", "하나만 남기세요"),
    },
    "csv_no_rows": {
        "en": ("the sheet has a header but no questions", "add one question per row under the header"),
        "ko": ("첫 행만 있고 질문이 없습니다", "첫 행 아래에 한 행에 질문 하나씩 넣으세요"),
    },
    "csv_seconds_invalid": {
        "en": ("'{key}' is '{value}', which is not a number of seconds", "write whole seconds such as 60, or 1분 30초"),
        "ko": ("'{key}' 값 '{value}'는 초 단위 숫자가 아닙니다", "60이나 1분 30초처럼 쓰세요"),
    },
    "csv_category_unknown": {
        "en": ("unknown category '{value}'", "use one of {known}, or leave the cell empty"),
        "ko": ("알 수 없는 질문 유형 '{value}'입니다", "{known} 중 하나를 쓰거나 칸을 비워 두세요"),
    },
    "csv_row_width": {
        "en": ("the row has {value} cells but the header has {limit}",
               "check for a stray delimiter or an unclosed quote in this row"),
        "ko": ("이 행의 칸은 {value}개인데 첫 행은 {limit}개입니다",
               "이 행에 구분 기호가 더 있거나 따옴표가 닫히지 않았는지 확인하세요"),
    },
}

# How the messages name value types.
TYPE_NAMES = {
    "text": ("text", "따옴표로 감싼 글"),
    "integer": ("a whole number", "정수"),
    "list": ("a list", "목록"),
    "table": ("a table", "표"),
    "boolean": ("true/false", "true/false"),
    "number": ("a number with a decimal point", "소수점 있는 수"),
    "date": ("a date", "날짜"),
}


def type_name(value: Any) -> str:
    """The TOML type name of ``value`` (a key of :data:`TYPE_NAMES`)."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "table"
    return "date"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a bank or a CSV sheet: where it is, what it is, and what to do.

    ``line`` is a line of a TOML file; ``row`` a spreadsheet row of a CSV file (the header is
    row 1, as Excel counts). Either may be None when the place is not known.
    """

    file: str
    line: int | None
    question_id: str | None
    message: str
    what_to_do: str
    code: str = ""
    row: int | None = None
    params: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def location(self) -> str:
        if self.line is not None:
            return f"{self.file}:{self.line}"
        if self.row is not None:
            return f"{self.file}: row {self.row}"
        return self.file

    def __str__(self) -> str:
        return self.text("en")

    def text(self, language: Language = "en") -> str:
        """One line: ``file:line: [question-id] problem. what to do.``"""
        if language == "en" or self.code not in MESSAGES:
            message, what_to_do = self.message, self.what_to_do
        else:
            message, what_to_do = _render(self.code, language, self.params)
        place = self.location()
        if self.row is not None and self.line is None and language == "ko":
            place = f"{self.file}: {self.row}행"
        qid = f" [{self.question_id}]" if self.question_id else ""
        return f"{place}:{qid} {message}. {_capital(what_to_do)}."

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "row": self.row,
            "question_id": self.question_id,
            "code": self.code,
            "message": self.message,
            "what_to_do": self.what_to_do,
        }


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _render(code: str, language: Language, params: dict[str, Any]) -> tuple[str, str]:
    message, what_to_do = MESSAGES[code][language]
    values = dict(params)
    for unit, english, korean in (("line", "line {}", "{}번째 줄"), ("row", "row {}", "{}행"),
                                  ("question", "question {}", "{}번째 질문")):
        if f"first_{unit}" in values:
            values["first"] = (english if language == "en" else korean).format(values.pop(f"first_{unit}"))
    for key in ("expected", "actual"):
        if key in values:
            english, korean = TYPE_NAMES.get(values[key], (values[key], values[key]))
            values[key] = english
            values[f"{key}_ko"] = korean
    return message.format(**values), what_to_do.format(**values)


def make_problem(
    code: str,
    file: str | Path,
    *,
    line: int | None = None,
    question_id: str | None = None,
    row: int | None = None,
    **params: Any,
) -> Problem:
    """Build a :class:`Problem` from its code and the values its message needs."""
    message, what_to_do = _render(code, "en", params)
    return Problem(
        file=str(file),
        line=line,
        question_id=question_id,
        message=message,
        what_to_do=what_to_do,
        code=code,
        row=row,
        params=dict(params),
    )
