"""The report inside the app (Qt WebEngine), replay of answers, and saving as HTML, PDF and zip."""

from __future__ import annotations

import zipfile

import pytest
from sessionkit import save_session

from interview_app.gui import i18n
from interview_app.gui.screens.results import ResultsScreen

pytestmark = pytest.mark.gui


@pytest.fixture
def results(qtbot):
    screen = ResultsScreen()
    qtbot.addWidget(screen, before_close_func=lambda w: w.dispose())
    screen.resize(1366, 768)
    screen.show()
    return screen


def _page_text(qtbot, screen) -> str:
    box = {}
    screen.view.page().toPlainText(lambda text: box.setdefault("text", text))
    qtbot.waitUntil(lambda: "text" in box, timeout=10_000)
    return box["text"]


def test_report_is_shown_with_replay_buttons(qtbot, results):
    i18n.set_language("ko")
    folder = save_session()
    with qtbot.waitSignal(results.report_loaded, timeout=30_000) as loaded:
        results.show_report(folder / "report.html")
    assert loaded.args == [1]
    text = _page_text(qtbot, results)
    assert "1분 자기소개" in text  # the first question, rendered by the real report
    # One replay button per recorded answer.
    assert [b.text() for b in results.play_buttons] == ["답변 1 듣기", "답변 2 듣기"]
    assert not results.kiosk_notice.isVisibleTo(results)


def test_clicking_a_recording_link_in_the_report_plays_it(qtbot, results):
    folder = save_session()
    with qtbot.waitSignal(results.report_loaded, timeout=30_000):
        results.show_report(folder / "report.html")
    with qtbot.waitSignal(results.page.audio_requested, timeout=10_000) as requested:
        results.view.page().runJavaScript("document.querySelector('a.audio').click()")
    assert requested.args[0].toLocalFile().endswith("answers/01.wav")
    assert results.player is not None
    assert results.player.source().toLocalFile().endswith("answers/01.wav")


def test_save_as_html_pdf_and_zip(qtbot, results, tmp_path):
    folder = save_session()
    with qtbot.waitSignal(results.report_loaded, timeout=30_000):
        results.show_report(folder / "report.html", kiosk=True)
    assert results.kiosk_notice.isVisibleTo(results)
    assert not results.exported
    results.save("html", tmp_path / "report.html")
    assert (tmp_path / "report.html").read_text(encoding="utf-8") == (folder / "report.html").read_text(
        encoding="utf-8")
    assert results.exported
    with qtbot.waitSignal(results.saved, timeout=30_000):
        results.save("zip", tmp_path / "session.zip")
    with zipfile.ZipFile(tmp_path / "session.zip") as archive:
        assert {"session.json", "report.html", "answers/01.wav"} <= set(archive.namelist())
    results.save("pdf", tmp_path / "report.pdf")
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    assert str(tmp_path / "report.pdf") in results.status.text()
