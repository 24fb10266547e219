"""Session summary: scores traceable to findings, top strengths and improvements, competencies with quotes."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
from transcript_kit import make

from interview_app.analysis import AnalysisInputError, analyze_answer
from interview_app.analysis.norms import load_norms
from interview_app.analysis.session import build_session
from interview_app.banks import get_bank

ANSWERS = [
    ("strengths", "제 강점은 끈기입니다. 대학교 때 데이터 분석 동아리에서 공모전을 준비했습니다. "
                  "저는 매일 파이썬을 공부해 정리 과정을 자동화했습니다. 그 결과 작업 시간을 40% 줄였습니다. "
                  "이 끈기로 업무를 끝까지 해내겠습니다."),
    ("conflict", "음 저는 작년에 팀 프로젝트를 했는데 어 팀원이 다섯 명이었고 다들 바빴어요. 그래서 좀 힘들었어. "
                 "그래서 제가 회의를 열자고 했고 잘 마무리된 것 같습니다."),
    ("customer-complaint", "네 편의점에서 손님의 불만을 해결한 경험이 있습니다. "
                           "유통기한이 지난 우유 때문에 화를 내셨습니다. "
                           "제가 바로 사과하고 새 제품으로 바꿔 드렸습니다. "
                           "그 뒤로 매일 유통기한 목록을 확인했습니다."),
]


@pytest.fixture(scope="module")
def session() -> dict:
    bank = get_bank("ko-common")
    analyses = []
    for qid, script in ANSWERS:
        q = bank.question(qid)
        analyses.append({"question_id": qid, "audio": f"answers/{qid}.wav", "analysis": analyze_answer(
            make(script), question=q.text, question_id=qid, bank_id=bank.id, key_points=q.key_points,
            keywords=q.keywords, competencies=q.competencies)})
    created = datetime(2026, 11, 22, 10, 15, 3, tzinfo=timezone(timedelta(hours=9)))
    return build_session(analyses, language="ko", mode="mock", bank=bank, created_at=created)


def test_session_document_shape(session: dict) -> None:
    assert session["schema"] == "interview-app/session/1"
    assert session["id"].startswith("2026-11-22T10-15-03-")
    assert session["created_at"] == "2026-11-22T10:15:03+09:00"
    assert session["bank"] == {"id": "ko-common", "title": "공통 면접 질문"}
    assert [a["index"] for a in session["answers"]] == [1, 2, 3]
    assert session["answers"][1]["audio"] == "answers/conflict.wav"
    json.dumps(session, ensure_ascii=False)


def test_every_score_is_the_base_plus_its_reasons_and_every_reason_names_real_findings(session: dict) -> None:
    base = load_norms().num("session.base_score")
    findings = {a["index"]: {f["id"] for f in a["analysis"]["findings"]} for a in session["answers"]}
    dims = session["summary"]["dimensions"]
    assert [d["id"] for d in dims] == ["delivery", "structure", "content", "language"]
    for dim in dims:
        total = base + sum(r["points"] for r in dim["reasons"])
        assert abs(dim["score"] - min(100, max(0, total))) <= 1, dim["id"]
        for reason in dim["reasons"]:
            assert reason["refs"]
            for ref in reason["refs"]:
                assert ref["finding"] in findings[ref["answer"]]
    language = next(d for d in dims if d["id"] == "language")
    assert language["score"] < base  # answer 2 slips into 반말 and 해요체
    assert any(r["finding"] == "formality_casual" and r["refs"] == [{"answer": 2, "finding": "formality_casual"}]
               for r in language["reasons"])


def test_strengths_and_improvements_are_the_top_three(session: dict) -> None:
    summary = session["summary"]
    assert 1 <= len(summary["strengths"]) <= 3
    assert summary["strengths"][0]["finding"] == "conclusion_first"
    improvements = summary["improvements"]
    assert len(improvements) == 3
    assert all(i["severity"] == "major" for i in improvements)
    assert len({i["finding"] for i in improvements}) == 3
    casual = next(i for i in improvements if i["finding"] == "formality_casual")
    assert casual["rewrite"]["after"].endswith("힘들었습니다.")


def test_competencies_and_job_families_quote_the_answers(session: dict) -> None:
    summary = session["summary"]
    sentences = {(a["index"], s["text"]) for a in session["answers"] for s in a["analysis"]["transcript"]["sentences"]}
    assert summary["competencies"]
    for competency in summary["competencies"]:
        for quote in competency["evidence"]:
            assert (quote["answer"], quote["text"]) in sentences
    areas = {c["id"] for c in summary["competencies"]}
    assert {"technology", "information", "interpersonal"} <= areas  # 파이썬/데이터/팀원·손님
    families = summary["job_families"]
    assert 1 <= len(families) <= 3
    for family in families:
        assert family["evidence"]
        for quote in family["evidence"]:
            assert (quote["answer"], quote["text"]) in sentences
            assert quote["competency"] in family["competencies"]


def test_bands(session: dict) -> None:
    bands = session["summary"]["bands"]
    assert bands["formality"] == "formal"
    assert bands["fillers"] in ("ok", "some", "many")
    assert bands["pace"] in ("slow", "ok", "fast")


def test_a_non_analysis_is_refused() -> None:
    with pytest.raises(AnalysisInputError, match="answer 1 has schema 'nope'"):
        build_session([{"schema": "nope"}], language="ko", mode="mock")
