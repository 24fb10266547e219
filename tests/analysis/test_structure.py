"""Structure: conclusion first, STAR time shares, closing, specifics, relevance, blind hiring."""

from __future__ import annotations

from typing import Any

from transcript_kit import make

from interview_app.analysis import analyze_answer
from interview_app.banks import find_question

SITUATION_HEAVY = (
    "저는 작년 여름에 카페에서 아르바이트를 했습니다. "
    "당시 카페는 대학교 앞에 있어서 시험 기간마다 손님이 많았습니다. "
    "처음에는 직원이 세 명뿐이었고 주문 기계도 오래되어 자주 멈췄습니다. "
    "점장님은 다른 지점도 맡고 계셔서 자주 안 계셨습니다. "
    "그래서 제가 주문 순서표를 만들었습니다. 그 결과 대기 시간이 절반으로 줄었습니다."
)


def _items(node: Any) -> list[dict[str, Any]]:
    """Every evidence item anywhere in a result."""
    found = []
    if isinstance(node, dict):
        if {"text", "start", "end", "words"} <= set(node):
            found.append(node)
        for value in node.values():
            found.extend(_items(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(_items(value))
    return found


def test_a_situation_heavy_story_is_flagged_with_a_conclusion_first_rewrite() -> None:
    result = analyze_answer(make(SITUATION_HEAVY), question="어려운 문제를 해결한 경험을 말씀해 주세요.")
    parts = result.structure["star_parts"]
    assert result.structure["star_balance"] == "situation_heavy"
    assert parts["situation"]["share"] > 0.5 > parts["action"]["share"]
    assert parts["situation"]["start"] < parts["action"]["start"] < parts["result"]["start"]
    assert not result.structure["conclusion_first"]
    heavy = result.finding("star_situation_heavy")
    assert heavy is not None and heavy["severity"] == "major"
    missing = result.finding("conclusion_missing")
    assert missing is not None and missing["evidence"][0]["text"].startswith("저는 작년 여름에")
    # The opening rewritten from their own result sentence (once per answer: on the situation finding).
    assert heavy["rewrite"] == {"before": "저는 작년 여름에 카페에서 아르바이트를 했습니다.",
                                "after": "결론부터 말씀드리면, 대기 시간이 절반으로 줄었습니다."}
    assert missing["rewrite"] is None


def test_a_conclusion_first_star_answer_with_figures_and_closing() -> None:
    script = ("제 강점은 끈기입니다. 대학교 때 동아리에서 공모전을 준비했습니다. "
              "제 역할은 자료 정리를 담당하는 것이었습니다. "
              "저는 매일 두 시간씩 파이썬을 공부해 정리를 자동화했습니다. 그 결과 작업 시간을 40% 줄였습니다. "
              "이 끈기로 맡은 업무를 끝까지 해내겠습니다.")
    result = analyze_answer(make(script), question="본인의 강점은 무엇입니까?")
    st = result.structure
    assert st["conclusion_first"] and st["conclusion"]["text"] == "제 강점은 끈기입니다."
    assert st["star"] == {"situation": True, "task": True, "action": True, "result": True}
    assert st["closing"] and st["closing_item"]["text"] == "이 끈기로 맡은 업무를 끝까지 해내겠습니다."
    assert [n["text"] for n in st["number_items"]] == ["두", "40%"]  # 두 시간씩, 40%
    assert [n["text"] for n in st["named_items"]] == ["파이썬을"]
    strengths = {f["id"] for f in result.findings if f["severity"] == "strength"}
    assert {"conclusion_first", "star_complete", "closing", "numbers", "formality_formal"} <= strengths


def test_every_item_carries_a_time_span_inside_the_recording() -> None:
    result = analyze_answer(make("음 저는 <2.0> 그 그때 좀 힘든 것 같습니다. 그래서 3명이 같이 했어요."),
                            question="힘들었던 경험을 말씀해 주세요.").to_dict()
    items = _items(result)
    assert len(items) > 8
    for item in items:
        assert 0 <= item["start"] <= item["end"] <= result["duration_s"]
        first, last = item["words"]
        assert 0 <= first <= last <= len(result["transcript"]["words"])


def test_relevance_uses_the_banks_keywords_and_flags_an_off_topic_answer() -> None:
    question = find_question("ko-common", "conflict")
    on_topic = analyze_answer(
        make("저는 팀원 간 의견 갈등을 대화로 조율해 해결한 경험이 있습니다. "
             "서로의 우려를 정리해 공유했고 합의했습니다."),
        question=question.text, key_points=question.key_points, keywords=question.keywords)
    assert on_topic.relevance["level"] == "high"
    assert "갈등" in on_topic.relevance["matched_keywords"]
    used = {item["keyword"]: item["text"] for item in on_topic.relevance["keyword_items"]}
    assert used["갈등"] == "갈등을"
    off_topic = analyze_answer(make("저는 여행을 좋아합니다. 작년에는 유럽에 다녀왔습니다. 음식이 맛있었습니다."),
                               question=question.text, key_points=question.key_points, keywords=question.keywords)
    assert off_topic.relevance["level"] == "low"
    finding = off_topic.finding("relevance_low")
    assert finding is not None and finding["severity"] == "major" and "동문서답" in finding["message"]


def test_without_a_question_relevance_is_skipped_not_guessed() -> None:
    result = analyze_answer(make("저는 꼼꼼합니다. 감사합니다."))
    assert result.relevance["level"] is None
    assert {"what": "relevance", "why": "no question, key points or keywords given"} in result.skipped


def test_blind_hiring_in_english() -> None:
    script = "I graduated from Yonsei University last year. My father is an engineer, so I grew up in Ulsan."
    plain = analyze_answer(make(script, language="en"))
    assert plain.blind_hiring == {"enabled": False, "items": []}
    blind = analyze_answer(make(script, language="en"), blind_hiring=True)
    assert [(i["kind"], i["text"]) for i in blind.blind_hiring["items"]] == [
        ("school", "Yonsei University"), ("family", "My father"), ("hometown", "grew up in")]
    assert blind.finding("blind_hiring")["message"].startswith("The answer mentions school names, family details")


def test_we_instead_of_i_is_noted() -> None:
    script = "저희 팀은 앱을 만들었습니다. 저희가 기획했고 우리가 개발했습니다. 저희는 상을 받았습니다."
    result = analyze_answer(make(script))
    assert result.structure["i_vs_we"] == {"i": 0, "we": 4}
    assert result.finding("we_not_i") is not None
