"""Reports of real analysis results: the analyzer's own output for Korean and English sessions.

The transcripts are word-timed fixtures (tests/reports/fixtures/transcripts); the analysis and
the session summary come from interview_app.analysis. History and consultant notes, which the
analyzer does not produce, are added from the hand-made session.
"""

from __future__ import annotations

import json

import pytest
import report_checks as checks
from report_html import parse
from report_real import ANSWERS, real_session

from interview_app.reports import load_document, render_html, write_report


@pytest.fixture(scope="module")
def sessions(tmp_path_factory):
    """Each session goes through the file the app would write, and back through load_document."""
    folder = tmp_path_factory.mktemp("real")
    loaded = {}
    for lang in ANSWERS:
        path = folder / f"session_{lang}.json"
        path.write_text(json.dumps(real_session(lang), ensure_ascii=False), encoding="utf-8")
        loaded[lang] = load_document(path)
    return loaded


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_real_results_show_every_finding_mark_pause_and_number(sessions, lang):
    document = sessions[lang]
    tree = parse(render_html(document))
    assert sum(len(a["analysis"]["findings"]) for a in document["answers"]) >= 4
    checks.check_findings(document, tree)
    assert checks.check_marks(document, tree) >= 3  # the fixtures hold fillers, hedges and repeats
    checks.check_pauses(document, tree)
    checks.check_answer_numbers(document, tree)
    checks.check_summary_numbers(document, tree)


def test_real_korean_report_has_korean_labels_and_the_first_screen(sessions):
    document = sessions["ko"]
    tree = parse(render_html(document))
    first = tree.by_id("at-a-glance")
    assert "한눈에 보기" in first.text and "가장 잘한 점" in first.text
    assert 1 <= len(first.find_all("div", class_="strengths")[0].find_all("li", class_="point")) <= 3
    changes = first.find_all("div", class_="changes")[0].find_all("li", class_="point")
    assert 1 <= len(changes) <= 3
    bands = [n.attrs["data-band"] for n in first.find_all("div") if "data-band" in n.attrs]
    assert bands == ["pace", "fillers", "length", "formality"]


def test_real_english_report_has_english_labels_only(sessions):
    html = render_html(sessions["en"])
    assert '<html lang="en">' in html and "At a glance" in html and "한눈에" not in html


def test_history_and_notes_from_the_app_database_render_with_a_real_session(sessions, documents, tmp_path):
    document = json.loads(json.dumps(sessions["ko"]))
    hand_made = documents("session_ko")
    document["history"], document["notes"] = hand_made["history"], hand_made["notes"]
    out = write_report(document, tmp_path / "report.html")
    tree = parse(out.read_text(encoding="utf-8"))
    progress = tree.find_all("table", class_="history")[0].text
    for earlier in hand_made["history"]:
        for score in earlier["dimensions"].values():
            assert str(score) in progress
    for dimension in document["summary"]["dimensions"]:
        assert str(round(dimension["score"])) in progress
    assert hand_made["notes"]["overall"] in tree.by_id("overall-notes").text
