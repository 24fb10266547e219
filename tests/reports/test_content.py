"""What a person and a consultant read in the report: every finding, every mark, the right numbers."""

from __future__ import annotations

import re

import pytest
from htmltree import parse

from interview_app.reports import render_html

SESSIONS = ("session_ko", "session_en")


def _answer_section(tree, number):
    return tree.by_id(f"answer-{number}")


def _words_in(section):
    return {int(n.attrs["data-w"]): n for n in section.find_all("span") if "data-w" in n.attrs}


@pytest.mark.parametrize("name", SESSIONS)
def test_every_finding_appears_with_its_suggestion_rewrite_and_evidence(documents, name):
    document = documents(name)
    tree = parse(render_html(document))
    for answer in document["answers"]:
        for finding in answer["analysis"]["findings"]:
            node = tree.by_id(f"answer-{answer['index']}-{finding['id']}")
            text = node.text
            assert finding["message"] in text
            if finding["suggestion"]:
                assert finding["suggestion"] in text
            if finding["rewrite"]:
                assert finding["rewrite"]["after"] in text
                assert finding["rewrite"]["before"] in text
            for evidence in finding["evidence"]:
                assert evidence["text"] in text


@pytest.mark.parametrize("name", SESSIONS)
def test_every_marked_word_carries_its_mark(documents, name):
    document = documents(name)
    tree = parse(render_html(document))
    for answer in document["answers"]:
        analysis = answer["analysis"]
        words = _words_in(_answer_section(tree, answer["index"]))
        assert len(words) == len(analysis["transcript"]["words"])
        for section, css, opening, closing in (("fillers", "m-filler", "〔", "〕"), ("hedges", "m-hedge", "‹", "›"),
                                               ("repeats", "m-repeat", "", "⟲")):
            for item in analysis[section]["items"]:
                first, end = item["words"]
                for index in range(first, end):
                    assert css in words[index].classes, (section, index, words[index].text)
                assert words[first].text.startswith(opening)
                assert words[end - 1].text.endswith(closing)
        for index, word in enumerate(analysis["transcript"]["words"]):
            assert word["word"].strip() in words[index].text
            assert ("m-lowconf" in words[index].classes) == word["low_confidence"]
            if word["low_confidence"]:
                assert "?" in words[index].text
        for item in analysis["hesitations"]["items"]:
            if item["kind"] == "stretched_word":
                assert "m-stretched" in words[item["words"][0]].classes


@pytest.mark.parametrize("name", SESSIONS)
def test_long_pauses_and_hesitations_appear_in_the_transcript_with_their_length(documents, name):
    document = documents(name)
    tree = parse(render_html(document))
    for answer in document["answers"]:
        analysis = answer["analysis"]
        section = _answer_section(tree, answer["index"])
        transcript = section.find_all("p", class_="transcript")[0]
        pauses = transcript.find_all("span", class_="g-pause")
        assert len(pauses) == analysis["pauses"]["long_count"]
        for chip, item in zip(pauses, analysis["pauses"]["items"], strict=True):
            assert chip.text.startswith("‖")
            assert f"{round(item['duration_s'], 1):g}" in chip.text  # shown to a tenth of a second
        gaps = [h for h in analysis["hesitations"]["items"] if h["kind"] == "gap"]
        assert len(transcript.find_all("span", class_="g-gap")) == len(gaps)
        legend = section.find_all("dl", class_="legend")[0].text
        for label in ("〔…〕", "‹…›", "⟲", "‖"):
            assert label in legend


def test_the_numbers_match_the_result(documents):
    document = documents("session_ko")
    tree = parse(render_html(document))
    for answer in document["answers"]:
        analysis = answer["analysis"]
        section = _answer_section(tree, answer["index"])
        metric = {n.attrs["data-metric"]: n.text for n in section.find_all("div") if "data-metric" in n.attrs}
        assert f"{analysis['pace']['value']} 음절/분" in metric["pace"]
        assert f"{analysis['fillers']['count']}회 ({analysis['fillers']['per_min']:g}회/분)" in metric["fillers"]
        assert f"{analysis['length']['seconds']:.1f}초" in metric["length"]
        assert f"최장 {round(analysis['pauses']['longest_s'], 1):g}초" in metric["pauses"]
        assert f"{round(analysis['formality']['formal_ratio'] * 100)}%" in metric["formality"]
        dots = [t.text for t in section.find_all("text", class_="dot-l")]
        assert dots == [str(w["value"]) for w in analysis["pace"]["series"]]
    for dimension in document["summary"]["dimensions"]:
        node = tree.find_all("li", data_dimension=dimension["id"])[0]
        assert node.find_all("span", class_="dim-s")[0].text == str(dimension["score"])
        for reason in dimension["reasons"]:
            assert reason["text"] in node.text
            for ref in reason["refs"]:
                anchors = [a.attrs["href"] for a in node.find_all("a")]
                assert f"#answer-{ref['answer']}-{ref['finding']}" in anchors
    for family in document["summary"]["job_families"]:
        node = tree.find_all("li", data_job=family["id"])[0]
        assert f"{round(family['score'] * 100)}%" in node.text
        for evidence in family["evidence"]:
            assert evidence["text"] in node.text
    overall = sum(d["score"] for d in document["summary"]["dimensions"]) / 4
    assert tree.find_all("span", class_="score-n")[0].text == str(round(overall))


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
    assert '<script>alert("x")</script>' in _words_in(_answer_section(tree, 1))[3].text
    assert "<b>Be honest.</b>" in _answer_section(tree, 2).find_all("p", class_="question")[0].text
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
