from __future__ import annotations

import json

import pytest

from interview_app import paths
from interview_app.fileio import write_text_atomic
from interview_app.storage.settings import Settings
from interview_app.transcription.types import Transcript, TranscriptFormatError


def test_content_is_found_from_any_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert paths.content_dir("question_banks").is_dir()
    assert paths.content_dir("report_templates").is_dir()


def test_data_dir_follows_override(private_data_dir):
    assert paths.data_dir() == private_data_dir


def test_flat_word_transcript_round_trips():
    flat = {
        "language": "ko",
        "question": "자기소개를 해 주세요.",
        "duration_s": 3.0,
        "words": [
            {"word": " 안녕하세요", "start": 0.2, "end": 0.9, "probability": 0.97},
            {"word": " 저는", "start": 1.0, "end": 1.3, "probability": 0.95},
        ],
    }
    transcript = Transcript.from_dict(flat)
    assert transcript.text == "안녕하세요 저는"
    again = Transcript.from_json(transcript.to_json())
    assert again == transcript
    assert json.loads(transcript.to_json())["schema"] == "interview-app/transcript/1"


@pytest.mark.parametrize(
    ("payload", "problem"),
    [
        ({"duration_s": 1, "words": []}, "language"),
        ({"language": "ko", "duration_s": 1}, "neither"),
        ({"language": "ko", "duration_s": 1, "words": [{"word": " a", "start": 0}]}, "end"),
        ({"schema": "other/9", "language": "ko", "duration_s": 1, "words": []}, "schema"),
    ],
)
def test_bad_transcripts_name_the_problem(payload, problem):
    with pytest.raises(TranscriptFormatError, match=problem):
        Transcript.from_dict(payload)


def test_settings_survive_a_broken_file():
    Settings.path().write_text("{not json", encoding="utf-8")
    assert Settings.load() == Settings()
    settings = Settings(ui_language="en", kiosk_mode=True)
    settings.save()
    assert Settings.load() == settings


def test_atomic_write_keeps_the_old_file_on_failure(tmp_path):
    target = tmp_path / "report.html"
    write_text_atomic(target, "old")

    class Boom(Exception):
        pass

    from interview_app.fileio import atomic_writer

    with pytest.raises(Boom), atomic_writer(target) as handle:
        handle.write("half")
        raise Boom
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_atomic_write_gives_ordinary_permissions(tmp_path):
    import os

    target = tmp_path / "report.html"
    write_text_atomic(target, "<p>ok</p>")
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask
