"""What a person and a consultant read in the report: every finding, every mark, the right numbers."""

from __future__ import annotations

import re

import pytest
import report_checks as checks
from report_html import parse

from interview_app.reports import render_html

SESSIONS = ("session_ko", "session_en")


@pytest.mark.parametrize("name", SESSIONS)
def test_every_finding_appears_with_its_suggestion_rewrite_and_evidence(documents, name):
    document = documents(name)
    checks.check_findings(document, parse(render_html(document)))


@pytest.mark.parametrize("name", SESSIONS)
def test_every_marked_word_carries_its_mark(documents, name):
    document = documents(name)
    assert checks.check_marks(document, parse(render_html(document))) >= 5


@pytest.mark.parametrize("name", SESSIONS)
def test_long_pauses_and_hesitations_appear_in_the_transcript_with_their_length(documents, name):
    document = documents(name)
    checks.check_pauses(document, parse(render_html(document)))


@pytest.mark.parametrize("name", SESSIONS)
def test_the_numbers_match_the_result(documents, name):
    document = documents(name)
    tree = parse(render_html(document))
    checks.check_answer_numbers(document, tree)
    checks.check_summary_numbers(document, tree)


def test_first_screen_has_three_strengths_three_changes_with_rewrites_and_the_bands(documents):
    document = documents("session_ko")
    tree = parse(render_html(document))
    first = tree.by_id("at-a-glance")
    findings = {(a["index"], f["id"]): f for a in document["answers"] for f in a["analysis"]["findings"]}
    strengths = first.find_all("div", class_="strengths")[0].find_all("li", class_="point")
    changes = first.find_all("div", class_="changes")[0].find_all("li", class_="point")
    assert [li.attrs["data-finding"] for li in strengths] == [r["finding"] for r in document["summary"]["strengths"]]
    assert [li.attrs["data-finding"] for li in changes] == [r["finding"] for r in document["summary"]["improvements"]]
    for li, ref in zip(changes, document["summary"]["improvements"], strict=True):
        rewrite = findings[(ref["answer"], ref["finding"])]["rewrite"]
        assert rewrite["after"] in li.text and rewrite["before"] in li.text
    bands = {n.attrs["data-band"]: n for n in first.find_all("div") if "data-band" in n.attrs}
    assert list(bands) == ["pace", "fillers", "length", "formality"]
    mean_pace = sum(a["analysis"]["pace"]["value"] for a in document["answers"]) / 3
    assert f"{round(mean_pace)} 음절/분" in bands["pace"].text
    assert bands["pace"].find_all("svg")  # a bullet chart against the band
    for band in bands.values():  # every band names the source of its norm, on hover and as a footnote
        assert band.attrs["title"]
        for link in band.find_all("a"):
            assert tree.by_id(link.attrs["href"][1:]).tag == "li"


def test_competencies_history_and_consultant_notes(documents):
    document = documents("session_ko")
    tree = parse(render_html(document))
    profile = tree.find_all("ul", class_="profile")[0]
    assert len(profile.find_all("li", class_="comp")) == 10  # all NCS areas, empty ones shown as such
    assert "문제해결능력" in tree.find_all("li", data_competency="problem_solving")[0].text
    progress = tree.find_all("table", class_="history")[0].text
    for earlier in document["history"]:
        for score in earlier["dimensions"].values():
            assert str(score) in progress
    assert "▲ 8" in progress  # structure 50 -> 58
    assert document["notes"]["overall"] in tree.by_id("overall-notes").text
    assert "이지은 상담사" in tree.by_id("overall-notes").text
    assert document["notes"]["answers"]["2"] in tree.by_id("answer-2-notes").text
    empty = tree.by_id("answer-1-notes").find_all("div", class_="notes-box")[0]
    assert "empty" in empty.classes and not empty.text.strip()  # a blank, printable box


def test_without_history_or_notes_the_report_says_so_and_leaves_room_to_write(documents):
    document = documents("session_en")
    tree = parse(render_html(document))
    assert "No earlier sessions on record." in tree.find_all("div", class_="progress")[0].text
    for number in (1, 2):
        assert "empty" in tree.by_id(f"answer-{number}-notes").find_all("div", class_="notes-box")[0].classes
    assert "empty" in tree.by_id("overall-notes").find_all("div", class_="notes-box")[0].classes


def test_labels_follow_the_session_language_and_can_be_overridden(documents):
    korean = render_html(documents("session_ko"))
    english = render_html(documents("session_en"))
    assert '<html lang="ko">' in korean and "한눈에 보기" in korean and "At a glance" not in korean
    assert '<html lang="en">' in english and "At a glance" in english
    assert not re.search(r"[\uac00-\ud7a3]", english)  # no Korean label leaks into an English report
    overridden = render_html(documents("session_ko"), language="en")
    assert "At a glance" in overridden and "한눈에 보기" not in overridden
    assert "첫 문장에서 자신을 한 문장으로 소개했습니다" in overridden  # the analysis' own words stay as spoken


def test_markup_in_a_transcript_or_a_question_renders_as_text(documents):
    document = documents("session_en")
    answer = document["answers"][0]
    answer["analysis"]["transcript"]["words"][3]["word"] = ' <script>alert("x")</script>'
    answer["question"] = '<img src=x onerror="alert(1)">Tell me about yourself.'
    answer["analysis"]["findings"][0]["message"] = "<b>bold</b> claim"
    answer["audio"] = "javascript:alert(1)"
    document["answers"][1]["audio"] = "https://example.com/a.wav"
    html = render_html(document)
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    tree = parse(html)
    assert '<script>alert("x")</script>' in checks.words_in(checks.answer_section(tree, 1))[3].text
    assert "<b>Be honest.</b>" in checks.answer_section(tree, 2).find_all("p", class_="question")[0].text
    assert not tree.find_all("a", class_="audio")  # neither a script link nor a web address


def test_the_page_is_self_contained(documents):
    html = render_html(documents("session_ko"))
    tree = parse(html)
    assert not tree.find_all("script") and not tree.find_all("link") and not tree.find_all("img")
    assert "://" not in html and "url(" not in html and "@import" not in html
    links = [a.attrs["href"] for a in tree.find_all("a")]
    assert all(h.startswith("#") or h.startswith("answers/") for h in links)
    assert len(tree.find_all("style")) == 1


def test_each_answer_has_an_anchor_and_a_plain_link_to_its_recording(documents):
    document = documents("session_ko")
    tree = parse(render_html(document))
    audio = {a.attrs["data-answer"]: a.attrs["href"] for a in tree.find_all("a", class_="audio")}
    assert audio == {"1": "answers/01.wav", "2": "answers/02.wav"}  # answer 3 has no recording
    for answer in document["answers"]:
        assert tree.by_id(f"answer-{answer['index']}").tag == "section"


def test_a_single_analysis_renders_as_a_one_answer_report(documents):
    analysis = documents("analysis_ko")
    tree = parse(render_html(analysis))
    assert len(tree.find_all("section", class_="answer")) == 1
    assert analysis["question"] in tree.by_id("answer-1").text
    assert "이 결과에는 영역별 점수가 없습니다." in tree.by_id("summary").text
    strengths = tree.find_all("div", class_="strengths")[0].find_all("li", class_="point")
    changes = tree.find_all("div", class_="changes")[0].find_all("li", class_="point")
    assert [li.attrs["data-finding"] for li in strengths] == [
        f["id"] for f in analysis["findings"] if f["severity"] == "strength"][:3]
    assert changes[0].attrs["data-finding"] == "star_situation_heavy"  # the major one with a rewrite first


def test_missing_optional_sections_degrade_instead_of_failing(documents):
    document = documents("session_ko")
    for answer in document["answers"]:
        analysis = answer["analysis"]
        for key in ("voice", "structure", "pace", "relevance", "formality", "hesitations", "norms", "length"):
            analysis.pop(key, None)
    del document["summary"], document["history"], document["notes"]
    tree = parse(render_html(document))
    assert len(tree.find_all("section", class_="answer")) == 3
    assert "속도 구간 정보가 없습니다." in tree.by_id("answer-1").text


def test_a_change_without_a_rewrite_still_shows_the_persons_own_words_and_what_to_do(documents):
    document = documents("session_ko")
    finding = next(f for f in document["answers"][2]["analysis"]["findings"] if f["id"] == "casual_ending")
    finding["rewrite"] = None
    tree = parse(render_html(document))
    point = next(li for li in tree.by_id("at-a-glance").find_all("li", class_="point")
                 if li.attrs["data-finding"] == "casual_ending")
    assert "이렇게 말했습니다" in point.text and finding["evidence"][0]["text"] in point.text
    assert finding["suggestion"] in point.text


def test_each_metric_names_the_source_of_its_norm_on_hover_and_in_the_footnotes(documents):
    document = documents("session_ko")
    tree = parse(render_html(document))
    norms = document["answers"][0]["analysis"]["norms"]
    section = checks.answer_section(tree, 1)
    pace = section.find_all("div", data_metric="pace")[0]
    for norm_id in ("pace.ko.target_low", "pace.ko.target_high"):
        assert norms[norm_id]["source"] in pace.attrs["title"]
    for link in pace.find_all("a"):
        footnote = tree.by_id(link.attrs["href"][1:])
        assert footnote.find_all("code")[0].text.startswith("pace.")
        assert link.attrs["title"] in footnote.text
    sources = tree.by_id("sources").text
    assert "Laske & DiGennaro Reed 2024" in sources and "판단 기준, 조정 가능" in sources


def test_an_answer_with_no_recognised_speech_says_so(documents):
    document = documents("session_en")
    analysis = document["answers"][1]["analysis"]
    analysis["transcript"] = {"text": "", "words": []}
    for section in ("fillers", "hedges", "repeats", "hesitations", "pauses"):
        analysis[section]["items"] = []
    analysis["pace"]["series"] = []
    analysis["structure"]["star_parts"] = {}
    analysis["findings"] = [{"id": "no_speech", "category": "expression", "severity": "major",
                             "message": "No speech was heard in this answer.", "suggestion": "Check the microphone.",
                             "rewrite": None, "evidence": [], "norms": []}]
    tree = parse(render_html(document))
    section = checks.answer_section(tree, 2)
    assert "No speech was recognised." in section.text
    assert "No speech was heard in this answer." in tree.by_id("answer-2-no_speech").text
