"""The opening is judged after a greeting, and after '~에 지원한 OOO입니다' the next sentence counts too."""

from __future__ import annotations

from interview_app.analysis import analyze_answer
from interview_app.transcription.types import Transcript


def _transcript(sentences: list[str], language: str = "ko") -> Transcript:
    words, t = [], 0.5
    for sentence in sentences:
        for token in sentence.split():
            words.append({"word": " " + token, "start": t, "end": t + 0.4, "probability": 0.95})
            t += 0.5
        t += 0.4
    return Transcript.from_dict({"language": language, "duration_s": t + 0.5, "words": words})


def test_greeting_then_name_then_strength_is_conclusion_first():
    transcript = _transcript([
        "안녕하세요.",
        "데이터 분석 직무에 지원한 김하늘입니다.",
        "저의 강점은 숫자로 문제를 찾고 끝까지 해결하는 끈기입니다.",
        "카페 아르바이트를 하면서 재고 폐기율이 높다는 문제를 발견했습니다.",
        "감사합니다.",
    ])
    result = analyze_answer(transcript, question="1분 동안 자기소개를 해 주세요.").to_dict()
    assert result["structure"]["conclusion_first"] is True
    assert result["structure"]["conclusion"]["text"].startswith("저의 강점은")
    assert "conclusion_missing" not in {f["id"] for f in result["findings"]}


def test_greeting_then_background_is_still_not_conclusion_first():
    transcript = _transcript([
        "안녕하세요.",
        "대학교 3학년 때 카페 아르바이트를 하면서 재고 폐기율이 높다는 것을 알게 되었습니다.",
        "그래서 판매 데이터를 정리했습니다.",
        "그 결과 폐기율이 줄었습니다.",
    ])
    result = analyze_answer(transcript, question="본인의 강점은 무엇입니까?").to_dict()
    assert result["structure"]["conclusion_first"] is False


def test_english_greeting_is_skipped():
    transcript = _transcript([
        "Good morning.",
        "My greatest strength is turning messy data into decisions.",
        "At my internship I cleaned three years of sales records.",
    ], language="en")
    result = analyze_answer(transcript, question="What is your greatest strength?").to_dict()
    assert result["structure"]["conclusion_first"] is True
    assert result["structure"]["conclusion"]["text"].startswith("My greatest strength")


