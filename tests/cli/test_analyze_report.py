"""`analyze --report` writes the feedback report beside the JSON, from the same analysis."""

from __future__ import annotations

import json

from markupsafe import escape

from interview_app import paths
from interview_app.cli import main


def test_analyze_writes_json_and_report(tmp_path, capsys):
    transcript = paths.content_dir("samples") / "answer_ko.transcript.json"
    out_json = tmp_path / "analysis.json"
    out_html = tmp_path / "report.html"
    status = main([
        "analyze", "--transcript", str(transcript), "--question", "1분 동안 자기소개를 해 주세요.",
        "--json", str(out_json), "--report", str(out_html),
    ])
    assert status == 0
    analysis = json.loads(out_json.read_text(encoding="utf-8"))
    html = out_html.read_text(encoding="utf-8")
    assert "면접 연습 피드백" in html  # Korean report for a Korean answer
    for finding in analysis["findings"]:
        assert str(escape(finding["message"])) in html
    assert str(out_html) in capsys.readouterr().out


def test_report_failure_leaves_no_half_written_file(tmp_path):
    transcript = paths.content_dir("samples") / "answer_ko.transcript.json"
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where a folder should be", encoding="utf-8")
    status = main([
        "analyze", "--transcript", str(transcript), "--json", str(tmp_path / "a.json"),
        "--report", str(blocked / "report.html"),
    ])
    assert status == 6
    assert blocked.read_text(encoding="utf-8") == "a file where a folder should be"
