"""Bad inputs get one clear line; a report on disk is replaced whole or not at all."""

from __future__ import annotations

import json

import pytest

from interview_app.errors import EXIT_INPUT, EXIT_OUTPUT
from interview_app.reports import ReportInputError, ReportOutputError, load_document, render_html, write_report


def _broken(documents, name, change):
    document = documents(name)
    change(document)
    return document


CASES = {
    "not json": (b"{not json", "is not valid JSON (line 1"),
    "empty": (b"   \n", "is empty"),
    "a list": (b"[1, 2]", "not an analysis or session result (the JSON is not an object)"),
    "a transcript": (json.dumps({"schema": "interview-app/transcript/1", "language": "ko"}).encode(),
                     "not an analysis or session result (schema is 'interview-app/transcript/1')"),
    "no schema": (json.dumps({"language": "ko"}).encode(), "schema is None"),
    "newer session": (json.dumps({"schema": "interview-app/session/2", "answers": []}).encode(),
                      "unsupported schema version 'interview-app/session/2'"),
    "newer analysis": (json.dumps({"schema": "interview-app/analysis/2"}).encode(),
                       "unsupported schema version 'interview-app/analysis/2'"),
    "not utf-8": ("{\"schema\": \"한\"}".encode("euc-kr"), "is not UTF-8 text"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_file_that_is_not_a_valid_result_gets_one_line(tmp_path, case):
    raw, expected = CASES[case]
    path = tmp_path / "input.json"
    path.write_bytes(raw)
    with pytest.raises(ReportInputError) as caught:
        load_document(path)
    assert expected in caught.value.message
    assert "\n" not in caught.value.message
    assert caught.value.message.startswith(str(path))
    assert caught.value.exit_code == EXIT_INPUT


def test_a_missing_file_or_a_folder_gets_one_line(tmp_path):
    with pytest.raises(ReportInputError, match="no such file"):
        load_document(tmp_path / "nothing.json")
    with pytest.raises(ReportInputError, match="is a folder"):
        load_document(tmp_path)


BROKEN = {
    "session without answers": ("session_ko", lambda d: d.update(answers=[]), "the session has no answers"),
    "answer without analysis": ("session_ko", lambda d: d["answers"][1].pop("analysis"), "answer 2 lacks its analysis"),
    "older inner analysis": ("session_ko",
                             lambda d: d["answers"][0]["analysis"].update(schema="interview-app/analysis/0"),
                             "answer 1: unsupported analysis schema 'interview-app/analysis/0'"),
    "no transcript words": ("session_en", lambda d: d["answers"][0]["analysis"]["transcript"].pop("words"),
                            "answer 1 lacks 'transcript.words'"),
    "word without time": ("analysis_ko", lambda d: d["transcript"]["words"][2].pop("start"),
                          "transcript word 2 has no number 'start'"),
    "finding without message": ("analysis_ko", lambda d: d["findings"][1].pop("message"),
                                "finding 1 has no message"),
    "unknown language": ("session_ko", lambda d: d.update(language="ja"), "has language 'ja'"),
    "summary not an object": ("session_ko", lambda d: d.update(summary=[1]), "'summary' must be an object"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_result_missing_what_the_report_needs_is_refused_with_one_line(documents, tmp_path, case):
    name, change, expected = BROKEN[case]
    path = tmp_path / "result.json"
    path.write_text(json.dumps(_broken(documents, name, change), ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ReportInputError) as caught:
        load_document(path)
    assert expected in caught.value.message and "\n" not in caught.value.message


def test_rendering_refuses_an_unknown_report_language(documents):
    with pytest.raises(ReportInputError, match="unknown report language 'fr'"):
        render_html(documents("session_ko"), language="fr")


def test_a_failed_render_keeps_the_old_report_and_leaves_no_partial_file(documents, tmp_path):
    out = tmp_path / "report.html"
    write_report(documents("session_ko"), out)
    before = out.read_bytes()
    broken = documents("session_en")
    broken["answers"][1]["analysis"]["findings"][0].pop("id")
    with pytest.raises(ReportInputError):
        write_report(broken, out)
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]


def test_a_new_report_replaces_the_old_one_whole(documents, tmp_path):
    out = tmp_path / "report.html"
    write_report(documents("session_ko"), out)
    written = write_report(documents("session_en"), out)
    assert written == out
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert "At a glance" in html
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]


def test_an_output_that_cannot_be_written_gets_the_output_exit_code(documents, tmp_path):
    with pytest.raises(ReportOutputError) as caught:
        write_report(documents("session_ko"), tmp_path)
    assert caught.value.exit_code == EXIT_OUTPUT
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(ReportOutputError, match="cannot write the report"):
        write_report(documents("session_ko"), blocker / "report.html")
    assert blocker.read_text() == "not a folder"
