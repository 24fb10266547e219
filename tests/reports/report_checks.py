"""Assertions shared by the report tests: what the JSON says must be what the page shows."""

from __future__ import annotations

UNITS = {"ko": {"pace": "음절/분", "s": "초", "count": "회", "per_min": "회/분"},
         "en": {"pace": "words/min", "s": " s", "count": "", "per_min": "/min"}}


def shown(value: float, digits: int = 1) -> str:
    """A number as the report prints it: rounded, without a trailing .0."""
    rounded = round(value, digits)
    return str(int(rounded)) if float(rounded).is_integer() else f"{rounded:.{digits}f}"


def answer_section(tree, number):
    return tree.by_id(f"answer-{number}")


def words_in(section):
    return {int(n.attrs["data-w"]): n for n in section.find_all("span") if "data-w" in n.attrs}


def check_findings(document, tree):
    """Every finding of every answer is on the page with its suggestion, rewrite and evidence."""
    for answer in document["answers"]:
        for finding in answer["analysis"]["findings"]:
            text = tree.by_id(f"answer-{answer['index']}-{finding['id']}").text
            assert finding["message"] in text
            if finding.get("suggestion"):
                assert finding["suggestion"] in text
            if finding.get("rewrite") and finding["rewrite"].get("after"):
                assert finding["rewrite"]["after"] in text
                assert (finding["rewrite"].get("before") or "") in text
            for evidence in finding.get("evidence") or []:
                assert evidence["text"].strip() in text


def check_marks(document, tree):
    """Every filler, hedge, repeat, stretched and low-confidence word carries its mark and symbol."""
    marked = 0
    for answer in document["answers"]:
        analysis = answer["analysis"]
        words = words_in(answer_section(tree, answer["index"]))
        assert len(words) == len(analysis["transcript"]["words"])
        for section, css, opening, closing in (("fillers", "m-filler", "〔", "〕"), ("hedges", "m-hedge", "‹", "›"),
                                               ("repeats", "m-repeat", "", "⟲")):
            for item in analysis[section]["items"]:
                first, end = item["words"]
                for index in range(first, end):
                    assert css in words[index].classes, (section, index, words[index].text)
                    marked += 1
                assert words[first].text.startswith(opening)
                assert words[end - 1].text.endswith(closing)
        for index, word in enumerate(analysis["transcript"]["words"]):
            assert word["word"].strip() in words[index].text
            assert ("m-lowconf" in words[index].classes) == bool(word["low_confidence"]), (index, word)
            if word["low_confidence"]:
                assert words[index].text.endswith("?") or "?" in words[index].text
                marked += 1
        for item in analysis["hesitations"]["items"]:
            if item["kind"] == "stretched_word":
                assert "m-stretched" in words[item["words"][0]].classes
    return marked


def check_pauses(document, tree):
    """Long pauses and hesitation gaps sit in the transcript with their length; the legend explains them."""
    for answer in document["answers"]:
        analysis = answer["analysis"]
        section = answer_section(tree, answer["index"])
        transcript = section.find_all("p", class_="transcript")[0]
        pauses = transcript.find_all("span", class_="g-pause")
        assert len(pauses) == len({p["words"][0] for p in analysis["pauses"]["items"]})
        for chip, item in zip(pauses, sorted(analysis["pauses"]["items"], key=lambda p: p["start"]), strict=True):
            assert chip.text.startswith("‖")
            assert shown(item["duration_s"]) in chip.text
        pause_words = {p["words"][0] for p in analysis["pauses"]["items"]}
        gaps = {h["words"][0] for h in analysis["hesitations"]["items"]
                if h["kind"] in ("gap", "long_gap") and h["words"][0] not in pause_words}
        assert len(transcript.find_all("span", class_="g-gap")) == len(gaps)
        legend = section.find_all("dl", class_="legend")[0].text
        for label in ("〔…〕", "‹…›", "⟲", "‖"):
            assert label in legend


def check_answer_numbers(document, tree):
    """Each answer's metrics show the numbers of its analysis."""
    lang = document["language"]
    unit = UNITS[lang]
    for answer in document["answers"]:
        analysis = answer["analysis"]
        section = answer_section(tree, answer["index"])
        metric = {n.attrs["data-metric"]: n.text for n in section.find_all("div") if "data-metric" in n.attrs}
        assert f"{shown(analysis['pace']['value'], 0)} {unit['pace']}" in metric["pace"]
        fillers = analysis["fillers"]
        assert (f"{fillers['count']}{unit['count']} ({shown(fillers['per_min'])}{unit['per_min']})"
                in metric["fillers"].replace("\n", " "))
        assert f"{shown(analysis['length']['seconds'])}{unit['s']}" in metric["length"]
        assert shown(analysis["pauses"]["longest_s"]) in metric["pauses"]
        if lang == "ko" and analysis["formality"].get("formal_ratio") is not None:
            assert f"{shown(analysis['formality']['formal_ratio'] * 100, 0)}%" in metric["formality"]
        dots = [t.text for t in section.find_all("text", class_="dot-l")]
        assert dots == [shown(w["value"], 0) for w in analysis["pace"]["series"]]


def check_summary_numbers(document, tree):
    """Dimension scores with reasons linking to their findings, job families with quotes, the overall score."""
    summary = document["summary"]
    for dimension in summary["dimensions"]:
        node = tree.find_all("li", data_dimension=dimension["id"])[0]
        assert node.find_all("span", class_="dim-s")[0].text == str(round(dimension["score"]))
        anchors = [a.attrs["href"] for a in node.find_all("a")]
        for reason in dimension["reasons"]:
            assert reason["text"] in node.text
            for ref in reason["refs"]:
                assert f"#answer-{ref['answer']}-{ref['finding']}" in anchors
    for family in summary["job_families"]:
        node = tree.find_all("li", data_job=family["id"])[0]
        assert f"{round(family['score'] * 100)}%" in node.text
        for evidence in family["evidence"]:
            assert evidence["text"] in node.text
    scores = [d["score"] for d in summary["dimensions"]]
    assert tree.find_all("span", class_="score-n")[0].text == str(round(sum(scores) / len(scores)))
