"""Korean: speech levels per sentence, fillers through tags and surface forms, hedges, syllables."""

from __future__ import annotations

import pytest
from transcript_kit import make

from interview_app.analysis import analyze_answer
from interview_app.analysis.korean import sino_korean, spoken_syllables


@pytest.mark.parametrize(
    ("text", "syllables"),
    [("15%", 5), ("2023년", 6), ("3.5점", 4), ("10명", 2), ("1만", 1), ("SQL을", 4), ("데이터", 3)],
)
def test_digits_are_counted_as_spoken(text: str, syllables: int) -> None:
    assert spoken_syllables(text) == syllables


def test_sino_korean_reading() -> None:
    assert sino_korean(2023) == "이천이십삼"
    assert sino_korean(15) == "십오"
    assert sino_korean(10000) == "만"
    assert sino_korean(350000) == "삼십오만"


def test_pace_counts_spoken_syllables_over_speaking_time() -> None:
    # 12 syllables (이번 = 2, 매출이 = 3, 15% = 5 spoken, 늘었습니다 = 5 -> wait: counted below) in 4 words.
    result = analyze_answer(make("이번 매출이 15% 늘었습니다", seconds_per_word=0.6, gap=0.1))
    syllables = 2 + 3 + 5 + 5
    speaking = 4 * 0.6 + 3 * 0.1
    assert result.pace["unit"] == "syllables_per_min"
    assert result.pace["value"] == round(syllables / speaking * 60)


def test_speech_level_is_read_per_sentence_in_run_on_speech() -> None:
    result = analyze_answer(make("제가 먼저 제안했습니다 그래서 다들 좋아했어요 근데 좀 힘들었어"))
    styles = [s["style"] for s in result.formality["sentences"]]
    assert styles == ["formal", "polite", "casual"]
    assert result.formality["casual_count"] == 1
    assert result.formality["dominant"] == "casual"  # a tie goes to the style to work on
    casual = result.finding("formality_casual")
    assert casual is not None and casual["severity"] == "major"
    assert casual["rewrite"] == {"before": "근데 좀 힘들었어", "after": "근데 좀 힘들었습니다."}
    polite = result.finding("formality_polite")
    assert polite is not None and polite["rewrite"]["after"] == "그래서 다들 좋아했습니다."


def test_formal_answer_is_a_strength_and_greeting_does_not_count() -> None:
    result = analyze_answer(make("안녕하세요 저는 데이터 분석가를 꿈꾸는 지원자입니다. 감사합니다."))
    assert result.formality["counts"] == {"formal": 2, "polite": 0, "casual": 0, "other": 0}
    assert result.finding("formality_formal") is not None


def test_fillers_use_tags_and_surface_forms() -> None:
    result = analyze_answer(make("음... 어 그 프로젝트에서 이제 그 결과 매출이 늘었습니다"))
    texts = [(f["text"], f["tier"]) for f in result.fillers["items"]]
    assert ("음...", "always") in texts
    assert ("어", "always") in texts
    assert ("이제", "context") in texts
    # '그 결과': 그 is a determiner here, not a filler.
    assert [f for f in result.fillers["items"] if f["text"] == "그" and f["words"][0] == 5] == []


def test_restarts_are_repeats_and_their_first_word_a_filler() -> None:
    result = analyze_answer(make("저 저희가 그 그때 제가 제가 했습니다"))
    assert [r["text"] for r in result.repeats["items"]] == ["저 저희가", "그 그때", "제가 제가"]
    assert {f["text"] for f in result.fillers["items"]} == {"저", "그"}


def test_low_confidence_words_are_marked_and_not_counted() -> None:
    result = analyze_answer(make("음 저는 어 준비했습니다", low=(0, 2)))
    assert result.fillers["count"] == 0
    flags = [w["low_confidence"] for w in result.transcript["words"]]
    assert flags == [True, False, True, False]


def test_hedge_has_a_rewrite_in_the_speakers_own_words() -> None:
    result = analyze_answer(make("제 강점은 성실함인 것 같습니다. 팀에서 좋은 평가를 받은 것 같습니다."))
    rewrites = [h["rewrite"] for h in result.hedges["items"]]
    assert {"before": "성실함인 것 같습니다.", "after": "성실함입니다."} in rewrites
    assert {"before": "받은 것 같습니다.", "after": "받았습니다."} in rewrites
    finding = result.finding("hedges")
    assert finding is not None and finding["rewrite"] is not None
    assert "것 같다" in finding["message"]


def test_evidence_points_at_the_right_words_despite_je_normalisation() -> None:
    # kiwipiepy turns 제 into 저+의; evidence must still map back to the transcript's words.
    result = analyze_answer(make("제가 맡은 일은 좋은 것 같습니다"))
    item = result.hedges["items"][0]
    assert item["text"] == "좋은 것 같습니다"
    assert item["words"] == [3, 6]
    words = result.transcript["words"]
    assert item["start"] == words[3]["start"] and item["end"] == words[5]["end"]
