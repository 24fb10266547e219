"""`interview-app analyze` from the outside: exit codes, one-line messages, the JSON it writes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from interview_app.cli import main
from interview_app.errors import EXIT_INPUT, EXIT_OUTPUT, EXIT_USAGE

GOOD = {
    "language": "ko",
    "question": "본인의 강점은 무엇입니까?",
    "duration_s": 9.0,
    "words": [
        {"word": " 제", "start": 0.5, "end": 0.7, "probability": 0.95},
        {"word": " 강점은", "start": 0.75, "end": 1.3, "probability": 0.95},
        {"word": " 꼼꼼함인", "start": 1.35, "end": 2.0, "probability": 0.95},
        {"word": " 것", "start": 2.05, "end": 2.2, "probability": 0.95},
        {"word": " 같습니다.", "start": 2.25, "end": 3.0, "probability": 0.95},
    ],
}


def _write(tmp_path: Path, data: object, name: str = "t.json") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "interview_app", *args], capture_output=True, text=True,
                          timeout=120)


def test_transcript_file_gives_documented_json(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    assert main(["analyze", "--transcript", str(_write(tmp_path, GOOD)), "--json", str(out)]) == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["schema"] == "interview-app/analysis/1"
    assert result["language"] == "ko"
    assert result["pace"]["unit"] == "syllables_per_min"
    assert result["hedges"]["count"] == 1
    assert result["hedges"]["items"][0]["rewrite"]["after"] == "꼼꼼함입니다."
    assert {"what": "voice", "why": "no audio given"} in result["skipped"]
    finding = next(f for f in result["findings"] if f["id"] == "hedges")
    assert finding["message"].startswith("'것 같다'")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json", "not valid JSON"),
        ("", "is empty"),
        ({"language": "ko", "words": []}, "lacks the field 'duration_s'"),
        ({**GOOD, "words": []}, "has no words"),
        ({**GOOD, "words": [GOOD["words"][1], GOOD["words"][0]]}, "out of order"),
        ({**GOOD, "words": [GOOD["words"][0], {**GOOD["words"][1], "start": 0.6}]}, "overlap"),
        ({**GOOD, "language": "ja"}, "language 'ja' is not one the analyzer knows"),
        ({**GOOD, "words": [{"word": " 제", "start": 0.5}]}, "lacks the field 'end'"),
    ],
)
def test_bad_transcripts_get_one_line_and_exit_input(tmp_path: Path, capsys, content, expected) -> None:
    code = main(["analyze", "--transcript", str(_write(tmp_path, content)), "--json", str(tmp_path / "o.json")])
    err = capsys.readouterr().err
    assert code == EXIT_INPUT
    assert expected in err
    assert err.startswith("interview-app: ") and err.count("\n") == 1
    assert not (tmp_path / "o.json").exists()


def test_lang_flag_overrides_a_mislabelled_transcript(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    path = _write(tmp_path, {**GOOD, "language": "ja"})
    assert main(["analyze", "--transcript", str(path), "--lang", "ko", "--json", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["formality"]["dominant"] == "formal"


def test_subprocess_exit_codes(tmp_path: Path) -> None:
    missing = _run("analyze", "--transcript", str(tmp_path / "nope.json"), "--json", str(tmp_path / "o.json"))
    assert missing.returncode == EXIT_INPUT
    assert missing.stderr.strip() == f"interview-app: transcript file not found: {tmp_path / 'nope.json'}"
    assert "Traceback" not in missing.stderr
    usage = _run("analyze", "--json", str(tmp_path / "o.json"))
    assert usage.returncode == EXIT_USAGE
    ok = _run("analyze", "--transcript", str(_write(tmp_path, GOOD)), "--json", str(tmp_path / "o.json"))
    assert ok.returncode == 0, ok.stderr
    assert json.loads((tmp_path / "o.json").read_text(encoding="utf-8"))["question"] == GOOD["question"]


def test_site_norms_change_a_verdict_and_unknown_keys_are_refused(tmp_path: Path, capsys) -> None:
    path = _write(tmp_path, GOOD)
    out = tmp_path / "out.json"
    assert main(["analyze", "--transcript", str(path), "--json", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["length"]["verdict"] == "short"
    site = tmp_path / "site.toml"
    site.write_text("[length]\nshort_below_s = 2.0\n", encoding="utf-8")
    assert main(["analyze", "--transcript", str(path), "--site-norms", str(site), "--json", str(out)]) == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["length"]["verdict"] == "ok"
    assert result["norms"]["length.short_below_s"]["source"] == "site override (site.toml)"
    site.write_text("[length]\nshort_below = 2.0\n", encoding="utf-8")
    capsys.readouterr()
    code = main(["analyze", "--transcript", str(path), "--site-norms", str(site), "--json", str(out)])
    assert code == EXIT_INPUT
    assert "unknown threshold 'length.short_below'" in capsys.readouterr().err


def test_blind_hiring_flag(tmp_path: Path) -> None:
    words = [" 저는", " 서울대학교에서", " 경영학을", " 전공했고", " 아버지가", " 은행원이십니다."]
    data = {**GOOD, "words": [{"word": w, "start": 0.5 + i * 0.7, "end": 1.1 + i * 0.7, "probability": 0.9}
                              for i, w in enumerate(words)]}
    out = tmp_path / "out.json"
    path = _write(tmp_path, data)
    assert main(["analyze", "--transcript", str(path), "--json", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["blind_hiring"]["items"] == []
    assert main(["analyze", "--transcript", str(path), "--blind-hiring", "--json", str(out)]) == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    kinds = {item["kind"]: item["text"] for item in result["blind_hiring"]["items"]}
    assert kinds == {"school": "서울대학교에서", "family": "아버지가"}
    assert any(f["id"] == "blind_hiring" and f["severity"] == "major" for f in result["findings"])


def test_bank_question_supplies_question_keywords_and_competencies(tmp_path: Path, capsys) -> None:
    out = tmp_path / "out.json"
    path = _write(tmp_path, GOOD)
    assert main(["analyze", "--transcript", str(path), "--bank", "ko-common", "--question-id", "strengths",
                 "--json", str(out)]) == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["question"] == "본인의 가장 큰 강점은 무엇입니까?"
    assert (result["bank_id"], result["question_id"]) == ("ko-common", "strengths")
    assert result["competencies"] == ["self_development", "communication"]
    assert "강점" in result["relevance"]["matched_keywords"]
    capsys.readouterr()
    code = main(["analyze", "--transcript", str(path), "--bank", "ko-common", "--question-id", "nope",
                 "--json", str(out)])
    assert code == EXIT_INPUT
    assert "has no question 'nope'" in capsys.readouterr().err
    assert main(["analyze", "--transcript", str(path), "--bank", "ko-common", "--json", str(out)]) == EXIT_USAGE


def test_an_unwritable_output_is_exit_6(tmp_path: Path, capsys) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    code = main(["analyze", "--transcript", str(_write(tmp_path, GOOD)), "--json", str(blocker / "out.json")])
    assert code == EXIT_OUTPUT
    assert capsys.readouterr().err.startswith("interview-app: cannot write ")


def test_a_silent_recording_says_why_it_has_no_words(tmp_path: Path, capsys) -> None:
    silent = {"language": "ko", "duration_s": 5.0, "words": [], "empty_reason": "silence"}
    code = main(["analyze", "--transcript", str(_write(tmp_path, silent)), "--json", str(tmp_path / "o.json")])
    assert code == EXIT_INPUT
    assert capsys.readouterr().err == (
        "interview-app: the transcript has no words (silence); record the answer again or check the transcript file\n")


def test_a_broken_or_missing_recording_is_one_line_exit_3(tmp_path: Path, capsys) -> None:
    broken = tmp_path / "answer.wav"
    broken.write_text("not audio", encoding="utf-8")
    for path in (broken, tmp_path / "missing.wav"):
        code = main(["analyze", "--audio", str(path), "--json", str(tmp_path / "o.json")])
        err = capsys.readouterr().err
        assert code == EXIT_INPUT
        assert err.startswith("interview-app: ") and err.count("\n") == 1
        assert str(path) in err
