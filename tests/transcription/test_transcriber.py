from __future__ import annotations

import json
import re
import threading

import numpy as np
import pytest

from interview_app.audio.files import load_audio
from interview_app.errors import EXIT_MODEL
from interview_app.transcription.errors import ModelError, TranscriptionCancelled
from interview_app.transcription.transcriber import Transcriber
from interview_app.transcription.types import Transcript

pytestmark = pytest.mark.model


def character_error_rate(reference: str, hypothesis: str) -> float:
    """Levenshtein distance over characters / reference length, after lower-casing and
    dropping punctuation (spaces count, collapsed to one)."""

    def clean(text: str) -> str:
        return " ".join(re.sub(r"[^\w\s']", " ", text.lower()).split())

    ref, hyp = clean(reference), clean(hypothesis)
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        diagonal, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            diagonal, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, diagonal + (r != h))
    return row[len(hyp)] / len(ref)


def test_cer_helper_counts_edits():
    assert character_error_rate("abcd", "abcd") == 0
    assert character_error_rate("abcd", "abxd") == 0.25
    assert character_error_rate("Hello, world.", "hello world") == 0


def test_english_speech_is_transcribed_with_low_error_and_timed_words(transcriber, recordings, speech_script):
    transcript = transcriber.transcribe(recordings["speech"], language="en")
    assert character_error_rate(speech_script, transcript.text) < 0.10, transcript.text
    assert transcript.empty_reason is None and transcript.dropped == ()
    assert transcript.language == "en" and transcript.model == "base"
    words = transcript.words
    assert len(words) >= 25
    starts = [w.start for w in words]
    assert starts == sorted(starts)
    assert all(0 <= w.start <= w.end <= transcript.duration_s + 0.1 for w in words)
    assert all(0 < w.probability <= 1 for w in words)
    # The stable JSON form reads back to the same transcript.
    data = json.loads(transcript.to_json())
    assert data["schema"] == "interview-app/transcript/1" and data["source"] == str(recordings["speech"])
    assert Transcript.from_json(transcript.to_json()) == Transcript.from_dict(data)


def test_nothing_is_invented_in_a_long_silence_between_sentences(transcriber, recordings):
    transcript = transcriber.transcribe(recordings["with_gap"], language="en")
    gap_start, gap_end = recordings["gap_span"]
    assert "report" in transcript.text and "manager" in transcript.text
    # Whisper places words only roughly; none may sit well inside the six silent seconds.
    inside = [w for w in transcript.words if w.start > gap_start + 0.7 and w.end < gap_end - 0.7]
    assert inside == []
    assert transcript.dropped == ()


def test_samples_and_paths_give_the_same_transcript(transcriber, recordings):
    from_path = transcriber.transcribe(recordings["speech"], language="en")
    from_samples = transcriber.transcribe(load_audio(recordings["speech"]), language="en", question="Q?")
    assert from_samples.text == from_path.text
    assert from_samples.question == "Q?" and from_samples.source is None


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("silence", "silence"),
        ("short", "too_short"),
        ("pink_noise", "no_speech"),
        ("white_noise", "no_speech"),
        ("faint_hiss", "silence"),  # a muted microphone
        ("room_noise", "no_speech"),
    ],
)
@pytest.mark.parametrize("language", ["ko", "en"])
def test_silence_and_noise_give_an_empty_transcript_with_a_reason(transcriber, recordings, name, reason, language):
    transcript = transcriber.transcribe(recordings[name], language=language)
    assert transcript.words == [] and transcript.text == ""
    assert transcript.empty_reason == reason
    assert transcript.to_dict()["empty_reason"] == reason


def test_language_auto_detects_english(transcriber, recordings):
    transcript = transcriber.transcribe(recordings["speech"], language="auto")
    assert transcript.language == "en" and transcript.language_probability > 0.5


def test_progress_climbs_to_one(transcriber, recordings):
    seen: list[float] = []
    transcriber.transcribe(recordings["speech"], language="en", on_progress=seen.append)
    assert seen[0] == 0.0 and seen[-1] == 1.0
    assert seen == sorted(seen) and len(seen) >= 3


def test_cancel_between_segments_raises(transcriber, recordings):
    cancel = threading.Event()

    def stop_after_first_segment(fraction: float) -> None:
        if 0 < fraction < 1:
            cancel.set()

    with pytest.raises(TranscriptionCancelled):
        transcriber.transcribe(recordings["speech"], language="en", on_progress=stop_after_first_segment,
                               cancel=cancel)
    # The model is free again afterwards.
    assert transcriber.transcribe(recordings["speech"], language="en").words


def test_cancel_before_start_does_no_work(transcriber, recordings):
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(TranscriptionCancelled):
        transcriber.transcribe(recordings["speech"], language="en", cancel=cancel)


def test_english_only_model_refuses_korean_and_treats_auto_as_english(recordings):
    tiny = Transcriber("tiny.en")
    with pytest.raises(ModelError, match="English only.*base") as caught:
        tiny.transcribe(recordings["speech"], language="ko")
    assert caught.value.exit_code == EXIT_MODEL
    assert not tiny.is_loaded  # refused before loading anything
    transcript = tiny.load().transcribe(np.zeros(16_000 * 2, dtype=np.float32), language="auto")
    assert transcript.language == "en" and transcript.empty_reason == "silence"


def test_unknown_language_is_refused(transcriber, recordings):
    with pytest.raises(Exception, match="unknown language 'jp'"):
        transcriber.transcribe(recordings["speech"], language="jp")


def test_auto_chooses_between_korean_and_english_only():
    from interview_app.transcription.transcriber import _pick_ko_or_en

    assert _pick_ko_or_en([("ja", 0.6), ("ko", 0.3), ("en", 0.1)]) == ("ko", pytest.approx(0.75))
    assert _pick_ko_or_en([("th", 0.9), ("en", 0.06), ("ko", 0.02)]) == ("en", pytest.approx(0.75))


def test_auto_on_silence_and_noise_is_empty(transcriber, recordings):
    for name, reason in (("silence", "silence"), ("pink_noise", "no_speech")):
        transcript = transcriber.transcribe(recordings[name], language="auto")
        assert transcript.empty_reason == reason and transcript.language == "ko"


def test_the_bundled_answer_keeps_its_filler_and_closing_line(transcriber):
    from interview_app.paths import content_dir

    transcript = transcriber.transcribe(content_dir("samples") / "answer_en.ogg", language="en")
    assert transcript.dropped == ()
    assert transcript.text.startswith("In my last internship")  # the prompt leaves no trace
    assert transcript.text.endswith("Thank you.")  # a real closing line is not taken for invented text
    assert "um" in [w.text.strip(",.").lower() for w in transcript.words]
    # Speech starts after 0.8 s of silence; Whisper puts the first word at the start of the
    # voice-activity chunk, so it may sit up to the 200 ms padding early, not more.
    assert 0.55 <= transcript.words[0].start < 1.3
