"""`interview-app banks`: list, validate and import-csv, with one-line messages and documented exit codes."""

from __future__ import annotations

import codecs
import json
import subprocess
import sys

from interview_app import paths
from interview_app.cli import main
from interview_app.errors import EXIT_INPUT, EXIT_OK, EXIT_OUTPUT, EXIT_USAGE

BROKEN = """\
format = 1
id = "ko-broken"
title = "깨진 은행"
language = "ko"

[[questions]]
id = "a"
text = "첫 질문"
category = "experience"
competencies = ["teamwork"]

[[questions]]
id = "a"
text = "둘째 질문"
category = "experience"
"""


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "interview_app", *args], capture_output=True, text=True,
                          timeout=60, check=False)


def test_validate_reports_each_problem_on_its_own_line_without_a_traceback(tmp_path):
    bank = tmp_path / "broken.toml"
    bank.write_text(BROKEN, encoding="utf-8")
    result = run_cli("banks", "validate", str(bank), str(tmp_path / "missing.toml"))
    assert result.returncode == EXIT_INPUT
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith(f"{bank}:10: [a] unknown competency 'teamwork'. ")
    assert lines[1].startswith(f"{bank}:13: [a] the question id 'a' is used twice (first at line 7). ")
    assert lines[2] == f"{tmp_path / 'missing.toml'}: the file does not exist. Check the path and the file name."
    assert lines[3] == "interview-app: 3 problem(s) in 2 of 2 bank file(s)"


def test_import_of_a_missing_csv_is_one_line(tmp_path):
    result = run_cli("banks", "import-csv", str(tmp_path / "none.csv"), "--id", "ko-x", "--title", "x", "--lang", "ko")
    assert result.returncode == EXIT_INPUT
    assert result.stderr == f"interview-app: {tmp_path / 'none.csv'}: the file does not exist. " \
                            "Check the path and the file name.\n"


def test_validate_without_files_checks_every_bank(capsys):
    assert main(["banks", "validate"]) == EXIT_OK
    assert "ok: 7 bank file(s), no problems" in capsys.readouterr().out
    (paths.user_banks_dir() / "mine.toml").write_text(BROKEN, encoding="utf-8")
    assert main(["banks", "validate"]) == EXIT_INPUT
    err = capsys.readouterr().err
    assert "mine.toml:10: [a]" in err and "in 1 of 8 bank file(s)" in err


def test_list_shows_banks_and_names_a_broken_user_file(capsys):
    (paths.user_banks_dir() / "mine.toml").write_text(BROKEN, encoding="utf-8")
    assert main(["banks", "list", "--lang", "ko"]) == EXIT_OK
    captured = capsys.readouterr()
    rows = captured.out.strip().splitlines()
    assert len(rows) == 6 and rows[0].startswith("ko-common") and "공통 면접 질문" in rows[0]
    assert "mine.toml" in captured.err and "banks validate" in captured.err
    assert main(["banks", "list", "--json"]) == EXIT_OK
    payload = json.loads(capsys.readouterr().out)
    assert payload["schema"] == "interview-app/banks/1"
    assert {b["id"] for b in payload["banks"]} >= {"ko-common", "en-common-behavioural"}
    assert payload["broken_files"] == [str(paths.user_banks_dir() / "mine.toml")]


def test_import_csv_writes_a_bank_the_list_then_shows(tmp_path, capsys):
    source = tmp_path / "cafe.csv"
    source.write_bytes(codecs.BOM_UTF8 + "질문,분류\r\n자기소개를 해 주세요.,자기소개\r\n".encode())
    args = ["banks", "import-csv", str(source), "--id", "ko-cafe", "--title", "카페", "--lang", "ko"]
    assert main(args) == EXIT_OK
    assert f"imported 1 questions into {paths.user_banks_dir() / 'ko-cafe.toml'}" in capsys.readouterr().out
    assert main(["banks", "list"]) == EXIT_OK
    assert "ko-cafe" in capsys.readouterr().out
    assert main(args) == EXIT_OUTPUT
    assert "already exists" in capsys.readouterr().err
    assert main([*args[:-4], "--title", "카페", "--lang", "ko", "--id", "Bad Id"]) == EXIT_USAGE


def test_import_csv_lists_every_bad_row(tmp_path, capsys):
    source = tmp_path / "bad.csv"
    source.write_text("질문,답변시간\n,60\n좋은 질문,한참\n", encoding="utf-8")
    assert main(["banks", "import-csv", str(source), "--id", "ko-x", "--title", "x", "--lang", "ko"]) == EXIT_INPUT
    err = capsys.readouterr().err.strip().splitlines()
    assert err[0].startswith(f"{source}: row 2: [q01] the question has no 'text'")
    assert err[1].startswith(f"{source}: row 3: [q02] 'answer_seconds' is '한참'")
    assert err[2].startswith("interview-app: ") and "nothing was written" in err[2]
    assert list(paths.user_banks_dir().iterdir()) == []
