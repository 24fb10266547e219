from __future__ import annotations

import json

import pytest

from interview_app.errors import EXIT_INPUT, EXIT_MODEL, EXIT_USAGE

pytestmark = pytest.mark.model


def test_one_file_writes_one_json(cli, answers, tmp_path):
    out = tmp_path / "answer.json"
    result = cli("transcribe", answers["first"], "--json", out, "--lang", "en", "--question", "Describe yourself.")
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema"] == "interview-app/transcript/1"
    assert "careful and patient" in data["text"].lower()
    assert data["question"] == "Describe yourself." and data["source"] == str(answers["first"])
    assert all({"word", "start", "end", "probability"} <= set(w) for s in data["segments"] for w in s["words"])


def test_several_files_load_the_model_once_into_a_folder(cli, answers, tmp_path, private_data_dir):
    out = tmp_path / "transcripts"
    result = cli("transcribe", answers["first"], answers["second"], answers["silence"], "--json", out,
                 "--lang", "en")
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in out.iterdir())
    # Two inputs are both called first.*: the second gets its own name instead of overwriting.
    assert written == ["first-2.json", "first.json", "silence.json"]
    assert "good ideas come from many people" in json.loads((out / "first-2.json").read_text())["text"].lower()
    silent = json.loads((out / "silence.json").read_text())
    assert silent["text"] == "" and silent["empty_reason"] == "silence"
    log = (private_data_dir / "logs" / "interview-app.log").read_text(encoding="utf-8")
    assert log.count("loaded model base") == 1


def test_without_json_the_text_is_printed(cli, answers):
    result = cli("transcribe", answers["first"], "--lang", "en", "--quiet")
    assert result.returncode == 0 and "careful and patient" in result.stdout.lower()
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("nope.wav", None, "not found"),
        ("empty.wav", b"", "empty"),
        ("bad.mp3", b"\xff\xfb" + b"garbage" * 99, "damaged"),
        ("notes.txt", b"hello", "unsupported format"),
    ],
)
def test_unreadable_audio_is_one_line_and_exit_code_3(one_line_error, cli, tmp_path, name, content, words):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = cli("transcribe", path, "--json", tmp_path / "out.json")
    one_line_error(result, EXIT_INPUT, str(path), words)
    assert not (tmp_path / "out.json").exists()


def test_a_bad_file_among_good_ones_is_reported_and_the_rest_done(one_line_error, cli, answers, tmp_path):
    out = tmp_path / "out"
    result = cli("transcribe", answers["first"], tmp_path / "missing.ogg", "--json", out, "--lang", "en", "-q")
    one_line_error(result, EXIT_INPUT, "missing.ogg", "not found")
    assert [p.name for p in out.iterdir()] == ["first.json"]


def test_english_only_model_refuses_korean(one_line_error, cli, answers):
    result = cli("transcribe", answers["first"], "--model", "tiny.en", "--lang", "ko")
    one_line_error(result, EXIT_MODEL, "English only")


def test_several_files_need_a_folder(one_line_error, cli, answers, tmp_path):
    file = tmp_path / "taken.json"
    file.write_text("{}")
    result = cli("transcribe", answers["first"], answers["silence"], "--json", file)
    one_line_error(result, EXIT_USAGE, "must be a folder")
