"""The report in a real browser: fits a phone and a desktop, asks for nothing, prints one answer per page."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import report_chromium as chromium
from report_real import real_session

from interview_app.reports import write_report


def _load_fixture(name: str) -> dict:
    path = Path(__file__).resolve().parent / "fixtures" / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8"))


pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not chromium.available(), reason="chromium and chromium-driver are not installed")]

OVERFLOW_JS = """
const limit = window.innerWidth;
const wide = [];
for (const el of document.querySelectorAll('body *')) {
  const box = el.getBoundingClientRect();
  if (box.width === 0 && box.height === 0) continue;
  const name = typeof el.className === 'string' ? el.className : el.className.baseVal;
  if (box.right > limit + 0.5 || box.left < -0.5)
    wide.push(el.tagName + '.' + name + ' ' + Math.round(box.left) + '..' + Math.round(box.right));
}
return {scrollWidth: document.documentElement.scrollWidth, innerWidth: limit, wide: wide.slice(0, 10)};
"""


@pytest.fixture(scope="module")
def browser():
    driver, profile = chromium.start()
    driver.execute_cdp_cmd("Network.enable", {})
    yield driver
    chromium.stop(driver, profile)


@pytest.fixture(scope="module")
def reports(tmp_path_factory):

    folder = tmp_path_factory.mktemp("reports")
    written = {lang: write_report(_load_fixture(f"session_{lang}"), folder / f"report-{lang}.html")
               for lang in ("ko", "en")}
    # Long unbroken words, a long question and long names must wrap, not widen the page.
    stress = _load_fixture("session_ko")
    stress["person"]["label"] = "김" * 60
    stress["bank"]["title"] = "공공기관블라인드채용대비질문세트" * 5
    answer = stress["answers"][0]
    answer["question"] = "지원동기와입사후포부를구체적인수치와함께말씀해주세요" * 6
    answer["analysis"]["transcript"]["words"][2]["word"] = " " + "Supercalifragilisticexpialidocious" * 4
    answer["analysis"]["findings"][0]["rewrite"] = {"before": "가" * 120, "after": "나" * 120}
    written["stress"] = write_report(stress, folder / "report-stress.html")
    written["real-ko"] = write_report(real_session("ko"), folder / "report-real-ko.html")
    return written


@pytest.mark.parametrize("lang", ["ko", "en", "stress", "real-ko"])
@pytest.mark.parametrize("width", [1280, 390])
def test_nothing_overflows_the_page_width(browser, reports, lang, width):
    chromium.set_viewport(browser, width, 900)  # not "mobile": a mobile viewport would widen to fit overflow
    browser.get(reports[lang].as_uri())
    result = browser.execute_script(OVERFLOW_JS)
    assert result["scrollWidth"] <= result["innerWidth"], result
    assert result["wide"] == [], result


def test_no_request_leaves_the_file(browser, reports):
    browser.get_log("performance")  # drop what earlier pages logged
    for lang in ("ko", "en"):
        browser.get(reports[lang].as_uri())
        entries = browser.execute_script(
            "return performance.getEntriesByType('resource').map(e => e.name)")
        assert all(name.startswith(("file:", "data:")) for name in entries), entries
    requests = [json.loads(entry["message"])["message"] for entry in browser.get_log("performance")]
    urls = [m["params"]["request"]["url"] for m in requests if m["method"] == "Network.requestWillBeSent"]
    assert urls, "the browser log shows no request at all, so this test would prove nothing"
    assert all(url.startswith(("file:", "data:")) for url in urls), urls


def test_korean_text_is_drawn_with_a_korean_font(browser, reports):
    browser.get(reports["ko"].as_uri())
    browser.execute_cdp_cmd("DOM.enable", {})
    browser.execute_cdp_cmd("CSS.enable", {})
    root = browser.execute_cdp_cmd("DOM.getDocument", {})["root"]["nodeId"]
    node = browser.execute_cdp_cmd("DOM.querySelector", {"nodeId": root, "selector": "p.transcript"})["nodeId"]
    fonts = browser.execute_cdp_cmd("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    names = " ".join(f["familyName"] for f in fonts)
    assert any(k in names for k in ("Noto Sans CJK KR", "Noto Sans KR", "NanumGothic", "Nanum Gothic")), fonts


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_print_puts_each_answer_on_its_own_page(browser, reports, tmp_path, lang):
    chromium.set_viewport(browser, 1280, 900)
    browser.get(reports[lang].as_uri())
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        breaks = browser.execute_script(
            "return [...document.querySelectorAll('section.answer')].map(s => getComputedStyle(s).breakBefore)")
        questions = browser.execute_script(
            "return [...document.querySelectorAll('section.answer p.question')].map(p => p.textContent.trim())")
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert breaks and all(value == "page" for value in breaks)
    pdf = tmp_path / "print.pdf"
    pdf.write_bytes(chromium.print_pdf(browser))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages >= len(questions) + 1
    texts = [subprocess.run(["pdftotext", "-f", str(p), "-l", str(p), str(pdf), "-"], capture_output=True,
                            text=True, check=True).stdout.replace("\n", " ") for p in range(1, pages + 1)]
    starts = []
    for question in questions:
        key = question.split(" ", 1)[1][:12]  # after the "질문"/"Question" tag, a piece that stays on one line
        starts.append(next(i for i, text in enumerate(texts) if key in text))
    assert starts == sorted(set(starts)), starts  # one answer per page at least, in order
