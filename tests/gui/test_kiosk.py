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
    watcher.start()
    qtbot.waitUntil(lambda: watcher.timer.remainingTime() < 700, timeout=2000)
    qtbot.keyClick(target, Qt.Key.Key_A)  # activity restarts the clock
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
