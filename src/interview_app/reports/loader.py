"""Read and check an analysis or session result before anything is rendered.

Only the fields the report cannot do without are required; everything else the contract
describes (docs/analysis-result.md) is optional here and the report leaves it out when absent.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from interview_app.reports.errors import ReportInputError

ANALYSIS_SCHEMA = "interview-app/analysis/1"
SESSION_SCHEMA = "interview-app/session/1"
KNOWN_SCHEMAS = (ANALYSIS_SCHEMA, SESSION_SCHEMA)
LANGUAGES = ("ko", "en")


def load_document(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read ``path`` as JSON and check it is an analysis or session result (version 1)."""
    file = Path(path)
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        raise ReportInputError(f"{file}: no such file; give the path of a session or analysis .json") from None
    except IsADirectoryError:
        raise ReportInputError(f"{file} is a folder; give the path of a session or analysis .json") from None
    except OSError as error:
        raise ReportInputError(f"{file} cannot be read ({error.strerror}); check its permissions") from None
    if not raw.strip():
        raise ReportInputError(f"{file} is empty; give a session or analysis result written by Interview Coach")
    try:
        document = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ReportInputError(f"{file} is not UTF-8 text; give a session or analysis .json") from None
    except json.JSONDecodeError as error:
        raise ReportInputError(f"{file} is not valid JSON (line {error.lineno}: {error.msg})") from None
    try:
        validate_document(document)
    except ReportInputError as error:
        raise ReportInputError(f"{file}: {error.message}") from None
    return document


def validate_document(document: Any) -> None:
    """Raise :class:`ReportInputError` (one line) unless ``document`` can be rendered."""
    if not isinstance(document, Mapping):
        raise ReportInputError("not an analysis or session result (the JSON is not an object)")
    schema = document.get("schema")
    if schema not in KNOWN_SCHEMAS:
        if isinstance(schema, str) and schema.startswith(("interview-app/analysis/", "interview-app/session/")):
            raise ReportInputError(
                f"unsupported schema version '{schema}' (this version reads '{ANALYSIS_SCHEMA}' and "
                f"'{SESSION_SCHEMA}'); update Interview Coach"
            )
        raise ReportInputError(
            f"not an analysis or session result (schema is {schema!r}); "
            "use the .json written by 'interview-app analyze' or a practice session"
        )
    if schema == ANALYSIS_SCHEMA:
        _check_analysis(document, "the analysis")
        return
    _check_language(document, "the session")
    answers = document.get("answers")
    if not isinstance(answers, list) or not answers:
        raise ReportInputError("the session has no answers to report on")
    for position, answer in enumerate(answers, start=1):
        where = f"answer {position}"
        if not isinstance(answer, Mapping):
            raise ReportInputError(f"{where} is not an object")
        analysis = answer.get("analysis")
        if not isinstance(analysis, Mapping):
            raise ReportInputError(f"{where} lacks its analysis")
        if analysis.get("schema") != ANALYSIS_SCHEMA:
            raise ReportInputError(
                f"{where}: unsupported analysis schema {analysis.get('schema')!r} "
                f"(this version reads '{ANALYSIS_SCHEMA}')"
            )
        _check_analysis(analysis, where)
    for key in ("summary", "notes"):
        if document.get(key) is not None and not isinstance(document[key], Mapping):
            raise ReportInputError(f"the session's '{key}' must be an object")
    if document.get("history") is not None and not isinstance(document["history"], list):
        raise ReportInputError("the session's 'history' must be a list")


def _check_language(document: Mapping[str, Any], where: str) -> None:
    if document.get("language") not in LANGUAGES:
        raise ReportInputError(f"{where} has language {document.get('language')!r}; expected 'ko' or 'en'")


def _check_analysis(analysis: Mapping[str, Any], where: str) -> None:
    _check_language(analysis, where)
    transcript = analysis.get("transcript")
    if not isinstance(transcript, Mapping) or not isinstance(transcript.get("words"), list):
        raise ReportInputError(f"{where} lacks 'transcript.words'")
    for index, word in enumerate(transcript["words"]):
        if not isinstance(word, Mapping) or not isinstance(word.get("word"), str):
            raise ReportInputError(f"{where}: transcript word {index} has no text")
        for key in ("start", "end"):
            if not isinstance(word.get(key), int | float):
                raise ReportInputError(f"{where}: transcript word {index} has no number '{key}'")
    findings = analysis.get("findings")
    if not isinstance(findings, list):
        raise ReportInputError(f"{where} lacks the list 'findings'")
    for index, finding in enumerate(findings):
        if not isinstance(finding, Mapping) or not isinstance(finding.get("message"), str):
            raise ReportInputError(f"{where}: finding {index} has no message")
        if not isinstance(finding.get("id"), str):
            raise ReportInputError(f"{where}: finding {index} has no id")
