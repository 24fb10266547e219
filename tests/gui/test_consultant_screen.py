"""Consultant mode: notes per answer and overall, stored apart from the analysis, signed, re-exported."""

from __future__ import annotations

import json
import zipfile

import pytest
from sessionkit import save_session

from interview_app.gui import i18n
from interview_app.gui.screens.consultant import ConsultantScreen
from interview_app.storage.history import History

pytestmark = pytest.mark.gui


def test_notes_are_stored_apart_signed_and_re_exported(qtbot, tmp_path):
    i18n.set_language("ko")
    folder = save_session()
    generated_before = (folder / "session.json").read_text(encoding="utf-8")
    screen = ConsultantScreen()
    qtbot.addWidget(screen)
    screen.open_session(folder)
    assert set(screen.answer_notes) == {"1", "2", "3"}
    screen.answer_notes["2"].setPlainText("STAR 중 결과가 빠졌습니다. 숫자로 마무리해 보세요.")
    screen.overall.setPlainText("두괄식이 좋아졌습니다.")
    screen.signer.setText("박상담")
    screen.sign.click()
    assert "박상담" in screen.signed.text()

    # Stored in the history database, not in the generated analysis.
    notes = History().get_notes(folder.name)
    assert notes["answers"]["2"].startswith("STAR 중 결과가")
    assert notes["overall"] == "두괄식이 좋아졌습니다."
    assert notes["signed_by"] == "박상담"
    assert (folder / "session.json").read_text(encoding="utf-8") == generated_before

    # Reopening shows what was written.
    again = ConsultantScreen()
    qtbot.addWidget(again)
    again.open_session(folder)
    assert again.overall.toPlainText() == "두괄식이 좋아졌습니다."
    assert again.signer.text() == "박상담"

    target = screen.reexport(tmp_path / "for-haneul.zip")
    with zipfile.ZipFile(target) as archive:
        names = set(archive.namelist())
        exported = json.loads(archive.read("session.json"))
        report = archive.read("report.html").decode("utf-8")
    assert {"session.json", "report.html", "answers/01.wav", "answers/02.wav"} <= names
    assert exported["notes"]["overall"] == "두괄식이 좋아졌습니다."
    assert "두괄식이 좋아졌습니다." in report and "박상담" in report


def test_opening_an_exported_zip(qtbot, tmp_path):
    folder = save_session()
    screen = ConsultantScreen()
    qtbot.addWidget(screen)
    screen.open_session(folder)
    screen.overall.setPlainText("다음에는 마무리 문장을 준비하세요.")
    zip_path = screen.reexport(tmp_path / "session.zip")
    History().delete_session(folder.name)
    assert not folder.exists()

    other = ConsultantScreen()
    qtbot.addWidget(other)
    other.open_zip_file(zip_path)
    assert other.session_dir is not None and other.session_dir.exists()
    assert other.overall.toPlainText() == "다음에는 마무리 문장을 준비하세요."
    assert other.sign.isEnabled()


def test_a_broken_zip_is_explained(qtbot, tmp_path):
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"not a zip")
    screen = ConsultantScreen()
    qtbot.addWidget(screen)
    screen.open_zip_file(broken)
    assert "zip" in screen.status.text()
    assert screen.session_dir is None
    assert not screen.sign.isEnabled()
