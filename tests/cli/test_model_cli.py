from __future__ import annotations

import json

from interview_app.errors import EXIT_MODEL
from interview_app.transcription import models


def test_prepare_quiet_prints_nothing(cli):
    result = cli("model", "prepare", "--quiet")
    assert result.returncode == 0 and result.stdout == "" and result.stderr == ""
    assert (models.models_dir() / "base" / "model.bin").stat().st_size == models.BASE_MODEL_SIZE


def test_list_shows_what_can_be_used(cli):
    result = cli("model", "list")
    assert result.returncode == 0
    lines = {line.split()[1] if line.startswith("*") else line.split()[0]: line for line in result.stdout.splitlines()}
    assert "ready" in lines["base"] and lines["base"].startswith("*")  # the default choice
    assert "not downloaded" in lines["medium"]
    listed = json.loads(cli("model", "list", "--json").stdout)
    assert {c["name"]: c["multilingual"] for c in listed}["tiny.en"] is False


def test_verify_checks_the_bundled_models(cli):
    result = cli("model", "verify", "base", "tiny.en")
    assert result.returncode == 0, result.stdout
    assert result.stdout.count("SHA-256 matches") == 2


def test_verify_fails_for_a_model_not_downloaded(cli):
    result = cli("model", "verify", "small")
    assert result.returncode == EXIT_MODEL and "FAIL small: not downloaded" in result.stdout


def test_download_offline_fails_fast_with_one_line(one_line_error, cli):
    result = cli("model", "download", "large-v3-turbo", timeout=30)
    one_line_error(result, EXIT_MODEL, "large-v3-turbo", "keep working")


def test_path_prints_the_model_folder(one_line_error, cli):
    result = cli("model", "path", "tiny.en")
    assert result.returncode == 0
    assert result.stdout.strip() == str(models.resolve_model("tiny.en").path)
    one_line_error(cli("model", "path", "nonsense"), EXIT_MODEL, "unknown model 'nonsense'")
