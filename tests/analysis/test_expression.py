"""Delivery from word timings: hesitations, long pauses, stretched words, latency, length, pace series."""

from __future__ import annotations

import re

from transcript_kit import make

from interview_app.analysis import analyze_answer
from interview_app.transcription.types import Transcript


def test_gaps_become_hesitations_and_long_pauses() -> None:
    result = analyze_answer(make("저는 <0.6> 준비를 <1.7> 열심히 했습니다", gap=0.1))
    kinds = [(h["kind"], h["words"]) for h in result.hesitations["items"]]
    assert kinds == [("gap", [1, 1]), ("long_gap", [2, 2])]
    assert result.pauses["long_count"] == 1
    pause = result.pauses["items"][0]
    assert pause["source"] == "words" and pause["duration_s"] == 1.8 and pause["text"] == "준비를 … 열심히"
    finding = result.finding("pauses_long")
    assert finding is not None and "1.5초 이상 멈춘 곳이 1번" in finding["message"]


def test_a_drawn_out_first_word_is_a_hesitation() -> None:
    words = [{"word": " 저는", "start": 0.5, "end": 1.6, "probability": 0.9},
             {"word": " 준비했습니다.", "start": 1.7, "end": 2.4, "probability": 0.9}]
    result = analyze_answer(Transcript.from_dict({"language": "ko", "duration_s": 3.0, "words": words}))
    assert [(h["kind"], h["text"], h["duration_s"]) for h in result.hesitations["items"]] == [
        ("stretched_word", "저는", 1.1)]


def test_a_slow_start_and_a_short_answer_are_reported() -> None:
    result = analyze_answer(make("제 강점은 꼼꼼함입니다", start=4.2))
    assert result.latency == {"seconds": 4.2, "verdict": "slow"}
    assert result.finding("latency_slow") is not None
    assert result.length["verdict"] == "short"
    assert result.finding("length_short")["message"].startswith("답변이 2초로 짧습니다")


def test_pace_series_covers_the_answer_in_windows() -> None:
    result = analyze_answer(make("저는 " * 60, seconds_per_word=0.4, gap=0.1))
    series = result.pace["series"]
    assert len(series) == 3
    assert series[0]["start"] == 0.6 and series[-1]["end"] == result.transcript["words"][-1]["end"]
    assert all(120 <= s["value"] <= 280 for s in series)


def test_messages_follow_the_answers_language() -> None:
    english = analyze_answer(make("Um, I, uh, like, did it. I guess it was, like, fine.", language="en"))
    korean = analyze_answer(make("음 저는 어 그냥 했어요. 아마 괜찮았던 것 같아요."))
    hangul = re.compile(r"[\uac00-\ud7a3]")
    assert english.findings and korean.findings
    for finding in english.findings:
        assert not hangul.search(finding["message"] + finding["suggestion"]), finding["id"]
    for finding in korean.findings:
        assert hangul.search(finding["message"]) and hangul.search(finding["suggestion"]), finding["id"]
