"""English counts in the report: "1 answer", "2 answers", never "1 answers"; Korean needs no plural."""

from __future__ import annotations

import re

from report_html import parse

from interview_app.reports import render_html
from interview_app.reports.i18n import STRINGS, choose_forms


def one_answer(document: dict) -> dict:
    """The English session cut to its first answer, with one strength and one change picked."""
    document["answers"] = document["answers"][:1]
    summary = document["summary"]
    summary["strengths"] = [{"answer": 1, "finding": "conclusion_first"}]
    summary["improvements"] = [{"answer": 1, "finding": "hedges"}]
    for dimension in summary["dimensions"]:
        for reason in dimension["reasons"]:
            reason["refs"] = [r for r in reason["refs"] if r["answer"] == 1]
    for key in ("competencies", "job_families"):
        for entry in summary.get(key, []):
            entry["evidence"] = [e for e in entry["evidence"] if e["answer"] == 1]
    # The last session scored one point less in every area: "1 point up".
    document["history"] = [{"session_id": "earlier", "created_at": "2026-11-01T10:00:00+09:00",
                            "dimensions": {d["id"]: d["score"] - 1 for d in summary["dimensions"]}}]
    return document


def page_text(document: dict) -> str:
    return re.sub(r"\s+", " ", parse(render_html(document)).text)


def header_terms(document: dict) -> list[str]:
    header = parse(render_html(document)).find_all("header")[0]
    return [dt.text.strip() for dt in header.find_all("dt")]


def test_a_one_answer_english_report_speaks_in_the_singular(documents):
    document = one_answer(documents("session_en"))
    assert "1 answer" in header_terms(document)
    text = page_text(document)
    assert "We found 1 strength and 1 thing to change." in text
    assert "1 of 1 answer was within the advised length." in text
    assert "That is 1 point up on average since last time." in text
    for wrong in ("1 answers", "1 strengths", "1 things", "1 points", "1 of 1 answers", "1 answer were"):
        assert wrong not in text, wrong


def test_a_two_answer_english_report_speaks_in_the_plural(documents):
    document = documents("session_en")
    document["history"] = [{"session_id": "earlier", "created_at": "2026-11-01T10:00:00+09:00",
                            "dimensions": {d["id"]: d["score"] - 3 for d in document["summary"]["dimensions"]}}]
    assert "2 answers" in header_terms(document)
    text = page_text(document)
    assert "We found 2 strengths and 3 things to change." in text
    assert "2 of 2 answers were within the advised length." in text
    assert "That is 3 points up on average since last time." in text


def test_korean_counts_carry_no_english_forms(documents):
    document = one_answer(documents("session_en"))
    document["language"] = "ko"
    assert "답변 1개" in header_terms(document)
    text = page_text(document)
    assert "잘한 점 1개, 고칠 점 1개를 찾았습니다." in text
    assert "|" not in text.replace("||", "")  # no unchosen "{n|one|other}" left behind


def test_every_english_form_names_a_field_the_sentence_fills():
    for key, (korean, english) in STRINGS.items():
        for name, _one, _other in re.findall(r"\{(\w+)\|([^|{}]*)\|([^|{}]*)\}", english):
            assert "{" + name + "}" in english or "{" + name + "}" in korean, (key, name)
        assert "|" not in korean, key
    assert choose_forms("{n} {n|answer|answers}", {"n": 0}) == "{n} answers"
    assert choose_forms("{n} {n|answer|answers}", {"n": 1}) == "{n} answer"
