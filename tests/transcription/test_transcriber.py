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
