"""`interview-app report` as a consultant runs it: HTML (and PDF) out, one line and a code on problems."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "reports" / "fixtures"


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "interview_app", "report", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=180)


def test_writes_the_html_report_where_asked(tmp_path):
    out = tmp_path / "out" / "report.html"
    result = run_cli(str(FIXTURES / "session_ko.json"), "--out", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(out)
    html = out.read_text(encoding="utf-8")
    assert "면접 연습 피드백 리포트" in html and "팀 프로젝트에서 갈등을 해결한 경험을 말씀해 주세요." in html


def test_without_out_the_report_goes_beside_the_input_and_lang_switches_labels(tmp_path):
    source = shutil.copy(FIXTURES / "analysis_ko.json", tmp_path / "answer.json")
    result = run_cli(str(source), "--lang", "en", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "answer.html").read_text(encoding="utf-8")
    assert "At a glance" in html and "한눈에 보기" not in html


def test_an_invalid_input_prints_one_line_and_exits_3_keeping_the_old_report(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": "interview-app/session/9", "answers": []}', encoding="utf-8")
    out = tmp_path / "report.html"
    out.write_text("the report from last week", encoding="utf-8")
    result = run_cli(str(bad), "--out", str(out), cwd=tmp_path)
    assert result.returncode == 3
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("interview-app: ")
    assert "unsupported schema version 'interview-app/session/9'" in result.stderr
    assert "Traceback" not in result.stderr
    assert out.read_text(encoding="utf-8") == "the report from last week"


def test_an_unwritable_output_exits_6(tmp_path):
    result = run_cli(str(FIXTURES / "session_en.json"), "--out", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 6
    assert result.stderr.startswith("interview-app: ") and result.stderr.count("\n") == 1


@pytest.mark.gui
def test_pdf_export_has_the_korean_text_and_a_page_per_answer(tmp_path):
    pdf = tmp_path / "report.pdf"
    result = run_cli(str(FIXTURES / "session_ko.json"), "--out", str(tmp_path / "r.html"), "--pdf", str(pdf),
                     cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    texts = [subprocess.run(["pdftotext", "-layout", "-f", str(p), "-l", str(p), str(pdf), "-"],
                            capture_output=True, text=True, check=True).stdout for p in range(1, pages + 1)]
    assert "면접 연습 피드백 리포트" in texts[0]
    questions = ["1분 자기소개를 해 주세요.", "팀 프로젝트에서 갈등을 해결한 경험을 말씀해 주세요.",
                 "우리 회사에 지원한 동기는 무엇인가요?"]
    first_pages = [next(i for i, text in enumerate(texts) if q in text) for q in questions]
    assert first_pages == sorted(set(first_pages))  # each answer starts on a page of its own
    assert pages >= len(questions) + 1
