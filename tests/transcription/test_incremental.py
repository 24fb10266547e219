"""Transcribing an answer in pieces while it is recorded gives the same words at the same times."""

from __future__ import annotations

import difflib

import numpy as np
import pytest
from test_transcriber import character_error_rate

import speechkit
from interview_app.audio.files import SAMPLE_RATE, load_audio
from interview_app.transcription.incremental import IncrementalTranscriber, merge
from interview_app.transcription.types import Transcript

pytestmark = pytest.mark.model

ANSWER = (
    "In my last internship I analysed customer surveys every week. "
    "I presented the results to the marketing team with clear numbers. "
    "When a colleague disagreed with my method, we met and compared our data. "
    "We found a mistake in the sampling, and I fixed it the same day. "
    "After that, the team trusted the weekly report and used it for planning. "
    "I learned to explain numbers simply and to listen before I defend my work. "
    "In this job I would like to bring the same care to your customers."
)


@pytest.fixture(scope="module")
def long_answer(tmp_path_factory):
    folder = tmp_path_factory.mktemp("incremental")
    return load_audio(speechkit.speak(ANSWER, folder / "answer.wav", words_per_min=110))


def feed_like_recording(incremental: IncrementalTranscriber, samples: np.ndarray, step_s: float = 5.0) -> None:
    step = int(step_s * SAMPLE_RATE)
    for end in range(step, samples.size, step):
        incremental.feed(samples[:end])


def test_pieces_give_the_one_shot_words_and_times(transcriber, long_answer):
    assert long_answer.size / SAMPLE_RATE > 40
    whole = transcriber.transcribe(long_answer, language="en")
    incremental = IncrementalTranscriber(transcriber, "en", "Tell me about a project.")
    feed_like_recording(incremental, long_answer)
    assert len(incremental.cuts) >= 2
    assert long_answer.size - incremental.done_samples < 25 * SAMPLE_RATE
    merged = incremental.finish(long_answer)

    assert merged.empty_reason is None
    assert merged.duration_s == pytest.approx(long_answer.size / SAMPLE_RATE)
    assert merged.question == "Tell me about a project."
    assert [s.id for s in merged.segments] == list(range(len(merged.segments)))
    assert character_error_rate(whole.text, merged.text) < 0.05
    assert character_error_rate(ANSWER, merged.text) < 0.1
    # Word times: the words both transcripts share, aligned in order, are at the same place
    # within 0.3 s. Whisper stretches one edge of a word into a neighbouring pause in either
    # transcript, so the edge that did not move is compared (start or end).
    def norm(words):
        return [w.text.lower().strip(".,!?") for w in words]

    matcher = difflib.SequenceMatcher(a=norm(whole.words), b=norm(merged.words), autojunk=False)
    pairs = [(whole.words[block.a + k], merged.words[block.b + k])
             for block in matcher.get_matching_blocks() for k in range(block.size)]
    assert len(pairs) >= 0.9 * len(whole.words)
    for one_shot, piece in pairs:
        assert min(abs(one_shot.start - piece.start), abs(one_shot.end - piece.end)) <= 0.3, (one_shot, piece)
    times = [w.start for w in merged.words]
    assert times == sorted(times)

    # Every cut is in a pause: the audio there is quiet, and no word of either transcript spans it.
    for cut in incremental.cuts:
        around = long_answer[cut - 800:cut + 800]
        assert float(np.sqrt(np.mean(np.square(around)))) < 0.01
        seconds = cut / SAMPLE_RATE
        for word in [*whole.words, *merged.words]:
            assert not (word.start + 0.1 < seconds < word.end - 0.1), (word, seconds)


def test_a_short_answer_is_a_normal_transcription(transcriber, long_answer):
    short = long_answer[: 8 * SAMPLE_RATE]
    incremental = IncrementalTranscriber(transcriber, "en")
    feed_like_recording(incremental, short)
    assert incremental.cuts == []
    assert incremental.finish(short) == transcriber.transcribe(short, language="en")


def test_a_silent_answer_stays_empty_with_a_reason(transcriber):
    silent = np.zeros(40 * SAMPLE_RATE, dtype=np.float32)
    incremental = IncrementalTranscriber(transcriber, "en")
    feed_like_recording(incremental, silent)
    assert incremental.cuts
    result = incremental.finish(silent)
    assert result.is_empty and result.empty_reason == "silence"
    assert result.duration_s == pytest.approx(40.0)


def test_merge_shifts_times_and_keeps_the_reason_of_empty_pieces():
    first = Transcript.from_dict({"language": "en", "duration_s": 10,
                                  "words": [{"word": " Hello", "start": 1.0, "end": 1.4}]})
    second = Transcript.from_dict({"language": "en", "duration_s": 5,
                                   "words": [{"word": " there", "start": 0.5, "end": 0.9}]})
    merged = merge([(0.0, first), (10.0, second)], duration_s=15.0)
    assert [(w.word, w.start, w.end) for w in merged.words] == [(" Hello", 1.0, 1.4), (" there", 10.5, 10.9)]
    assert merged.text == "Hello there" and merged.duration_s == 15.0
    quiet = Transcript(language="en", duration_s=5, empty_reason="no_speech")
    assert merge([(0.0, quiet), (5.0, quiet)], duration_s=10).empty_reason == "no_speech"
