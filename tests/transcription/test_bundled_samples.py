from __future__ import annotations

import json

from interview_app.audio.files import SAMPLE_RATE, load_audio
from interview_app.paths import content_dir
from interview_app.transcription.types import Transcript


def test_the_english_sample_answer_is_bundled_with_its_question(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = content_dir("samples")
    meta = json.loads((folder / "answer_en.json").read_text(encoding="utf-8"))
    assert meta["language"] == "en" and meta["question"].startswith("Tell me about a time")
    samples = load_audio(folder / meta["audio"])
    assert 30 <= samples.size / SAMPLE_RATE <= 45
    assert (folder / meta["audio"]).stat().st_size < 400_000


def test_the_korean_transcript_fixture_reads_as_a_one_minute_introduction():
    data = json.loads((content_dir("samples") / "answer_ko.transcript.json").read_text(encoding="utf-8"))
    transcript = Transcript.from_dict(data)
    assert transcript.language == "ko" and "자기소개" in transcript.question
    assert 40 <= transcript.duration_s <= 60
    words = transcript.words
    assert all(a.end <= b.start for a, b in zip(words, words[1:], strict=False))
    assert words[-1].end <= transcript.duration_s
    assert transcript.text.endswith("감사합니다.") and "음" in [w.text for w in words]


def test_every_sample_has_metadata_pointing_at_its_answer():
    folder = content_dir("samples")
    metas = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in folder.glob("answer_??.json")}
    assert sorted(metas) == ["answer_en.json", "answer_ko.json"]
    for meta in metas.values():
        assert meta["language"] in ("ko", "en") and meta["question"] and meta["keywords"]
        assert (folder / (meta.get("audio") or meta["transcript"])).is_file()
