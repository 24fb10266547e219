"""A breath between sentences and a long greeting are not hesitations; the same inside a clause is."""

from __future__ import annotations

from interview_app.analysis import analyze_answer
from interview_app.transcription.types import Transcript


def _transcript(timed_words: list[tuple[str, float, float]]) -> Transcript:
    words = [{"word": " " + w, "start": a, "end": b, "probability": 0.95} for w, a, b in timed_words]
    return Transcript.from_dict({"language": "ko", "duration_s": timed_words[-1][2] + 0.5, "words": words})


def _hesitations(transcript: Transcript) -> list[dict]:
    return analyze_answer(transcript, question="강점이 무엇입니까?").to_dict()["hesitations"]["items"]


def test_breath_between_sentences_is_not_a_hesitation_but_inside_a_clause_it_is():
    between = _transcript([
        ("저의", 0.3, 0.6), ("강점은", 0.6, 1.1), ("끈기입니다.", 1.1, 1.8),
        ("그래서", 2.5, 2.9), ("끝까지", 2.9, 3.4), ("해결했습니다.", 3.4, 4.2),
    ])
    assert not [h for h in _hesitations(between) if h["kind"] in ("gap", "long_gap")]
    inside = _transcript([
        ("저의", 0.3, 0.6), ("강점은", 0.6, 1.1), ("끈기입니다.", 1.1, 1.8),
        ("그래서", 2.0, 2.4), ("끝까지", 3.1, 3.6), ("해결했습니다.", 3.6, 4.4),
    ])
    gaps = [h for h in _hesitations(inside) if h["kind"] == "gap"]
    assert len(gaps) == 1 and gaps[0]["start"] == 2.4


def test_long_greeting_is_not_a_stretched_word_but_a_drawn_out_short_one_is():
    greeting = _transcript([("안녕하십니까.", 0.3, 1.4), ("저의", 1.6, 1.9), ("강점은", 1.9, 2.4),
                            ("끈기입니다.", 2.4, 3.1)])
    assert not [h for h in _hesitations(greeting) if h["kind"] == "stretched_word"]
    drawn_out = _transcript([("저는", 0.3, 1.4), ("끈기가", 1.5, 1.9), ("강점입니다.", 1.9, 2.6)])
    stretched = [h for h in _hesitations(drawn_out) if h["kind"] == "stretched_word"]
    assert [h["text"] for h in stretched] == ["저는"]
