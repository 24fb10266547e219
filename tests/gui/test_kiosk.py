"""Kiosk mode: the consultant PIN, the idle timeout, and no trace of earlier people."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from interview_app.gui import services
from interview_app.gui.kiosk import IdleWatcher, hash_pin, verify_pin
from interview_app.storage.settings import Settings

pytestmark = pytest.mark.gui


def test_pin_is_salted_and_verified():
    first, second = hash_pin("4821"), hash_pin("4821")
    assert first != second  # salted
    assert "4821" not in first
    assert verify_pin("4821", first) and verify_pin("4821", second)
    assert not verify_pin("4822", first)
    assert not verify_pin("4821", None)
    assert not verify_pin("4821", "garbage")


def test_idle_watcher_fires_after_no_input_and_input_postpones_it(qtbot):
    target = QLineEdit()
    qtbot.addWidget(target)
    target.show()
    watcher = IdleWatcher(1000)
    watcher.start(target)
    qtbot.waitUntil(lambda: watcher.timer.remainingTime() < 700, timeout=2000)
    qtbot.keyClick(target.windowHandle(), Qt.Key.Key_A)  # a key press reaches the window: the clock restarts
    assert watcher.timer.remainingTime() > 900
    with qtbot.waitSignal(watcher.idle, timeout=3000):
        pass
    watcher.stop()


def test_kiosk_start_removes_what_an_earlier_person_left(make_window, private_data_dir):
    leftover = services.new_session_dir()
    (leftover / "session.json").write_text(json.dumps({"id": "x"}), encoding="utf-8")
    (leftover / "answers" / "01.wav").write_bytes(b"RIFF")
    settings = Settings(mic_checked=True, kiosk_mode=True, kiosk_pin_hash=hash_pin("4821"))
    window = make_window(settings)
    assert not leftover.exists()
    assert list(services.sessions_root().iterdir()) == []
    # No history, settings or consultant tools for the person at the kiosk.
    assert not window.start_screen.history.isVisible()
    assert not window.start_screen.settings.isVisible()
    assert not window.leave_kiosk("0000")
    assert window.kiosk
    assert window.leave_kiosk("4821")
    assert not window.kiosk
    assert window.start_screen.history.isVisible()


def test_kiosk_idle_returns_to_the_start(make_window, qtbot):
    settings = Settings(mic_checked=True, kiosk_mode=True, kiosk_pin_hash=hash_pin("4821"))
    window = make_window(settings)
    window.idle.timer.setInterval(300)
    window.show_screen(window.mic_screen)
    with qtbot.waitSignal(window.idle.idle, timeout=3000):
        pass
    assert window.current_screen() is window.start_screen


def test_after_the_session_ends_and_is_exported_nothing_of_it_is_left(make_window, qtbot, tmp_path,
                                                                      private_data_dir):
    from sessionkit import save_session

    from interview_app.storage.history import History

    settings = Settings(mic_checked=True, kiosk_mode=True, kiosk_pin_hash=hash_pin("4821"))
    window = make_window(settings)
    folder = save_session(person="하늘")  # what a finished kiosk session leaves before the wipe
    session_id = folder.name
    with qtbot.waitSignal(window.results_screen.report_loaded, timeout=30_000):
        window._on_report_ready(str(folder / "report.html"))
    assert window.current_screen() is window.results_screen
    assert window.results_screen.kiosk_notice.isVisible()
    assert not window.results_screen.open_browser.isVisible()  # no browser history of the report
    usb = tmp_path / "usb"
    usb.mkdir()
    with qtbot.waitSignal(window.results_screen.saved, timeout=30_000):
        window.results_screen.save("zip", usb / "my-interview.zip")
    with qtbot.waitSignal(window.session_wiped, timeout=10_000):
        window.results_screen.finish.click()
    assert window.current_screen() is window.start_screen
    assert (usb / "my-interview.zip").is_file()  # the person keeps their copy
    assert not folder.exists()
    assert History().list_sessions() == []
    transcript_words = "1분 자기소개"
    for path in private_data_dir.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert session_id.encode() not in content, path
            assert transcript_words.encode() not in content, path
            assert path.suffix not in (".wav", ".html"), path
