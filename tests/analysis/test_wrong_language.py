"""An answer spoken in the other language is analysed as what it is, and the person is told first."""

from __future__ import annotations

from interview_app.analysis import analyze_answer
from interview_app.transcription.types import Transcript


def _transcript(text: str, language: str) -> Transcript:
    words, t = [], 0.4
    for token in text.split():
        words.append({"word": " " + token, "start": t, "end": t + 0.35, "probability": 0.95})
        t += 0.45
    return Transcript.from_dict({"language": language, "duration_s": t + 0.5, "words": words})


ENGLISH = ("My greatest strength is persistence. At my internship I cleaned three years of sales data "
           "and found why stock was wasted. As a result waste fell by ten percent.")
KOREAN = ("저의 강점은 끈기입니다. 인턴 때 3년 치 판매 데이터를 정리해 재고 폐기 원인을 찾았습니다. "
          "그 결과 폐기율이 10퍼센트 줄었습니다.")


def test_english_spoken_in_a_korean_session_is_flagged_in_korean_and_analysed_as_english():
    result = analyze_answer(_transcript(ENGLISH, "ko"), question="본인의 강점은 무엇입니까?", language="ko").to_dict()
    first = result["findings"][0]
    assert first["id"] == "language_mismatch" and first["severity"] == "major"
    assert "영어로 답한" in first["message"]
    assert result["language"] == "en"
    assert result["pace"]["unit"] == "words_per_min"
    assert result["formality"]["dominant"] is None


def test_korean_spoken_in_an_english_session_is_flagged_in_english():
    result = analyze_answer(_transcript(KOREAN, "en"), question="What is your greatest strength?",
                            language="en").to_dict()
    assert result["findings"][0]["id"] == "language_mismatch"
    assert "in Korean" in result["findings"][0]["message"]
    assert result["language"] == "ko" and result["pace"]["unit"] == "syllables_per_min"


def test_english_terms_inside_a_korean_answer_are_not_a_language_switch():
    text = "저는 SQL과 Python으로 A/B 테스트 결과를 분석했습니다. 그 결과 전환율이 15퍼센트 올랐습니다."
    result = analyze_answer(_transcript(text, "ko"), question="데이터 분석 경험을 말해 주세요.").to_dict()
    assert result["language"] == "ko"
    assert "language_mismatch" not in {f["id"] for f in result["findings"]}
