"""Kiosk mode: the consultant PIN, the idle timeout, and no trace of earlier people."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

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


# --- the window holds ------------------------------------------------------------------------

def _kiosk_window(make_window, **kwargs):
    settings = Settings(mic_checked=True, kiosk_mode=True, kiosk_pin_hash=hash_pin("4821"))
    return make_window(settings, **kwargs)


def test_kiosk_window_is_frameless_on_top_and_full_screen(make_window):
    window = _kiosk_window(make_window)
    flags = window.windowFlags()
    assert flags & Qt.WindowType.FramelessWindowHint
    assert flags & Qt.WindowType.WindowStaysOnTopHint
    assert window.isFullScreen()
    assert window.leave_kiosk("4821")
    assert not window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert not window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert not window.isFullScreen()


def test_closing_a_kiosk_needs_the_consultant_pin(make_window, qtbot):
    window = _kiosk_window(make_window)
    assert not window.close()  # the window manager's close, Alt+F4, Ctrl+Q all end up here
    assert window.isVisible() and window.kiosk
    dialog = window.pin_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.textEchoMode() == QLineEdit.EchoMode.Password
    dialog.reject()  # Cancel: nothing happens
    assert window.isVisible() and window.kiosk
    assert not window.close()
    dialog = window.pin_dialog
    dialog.setTextValue("0000")
    dialog.accept()  # a wrong PIN: still open, still a kiosk
    assert window.isVisible() and window.kiosk
    assert window.statusBar().currentMessage() == "PIN이 맞지 않습니다."
    assert not window.close()
    window.pin_dialog.setTextValue("4821")
    window.pin_dialog.accept()  # the right PIN: the app closes
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    assert not window.kiosk


def test_the_kiosk_goes_back_to_full_screen(make_window, qtbot):
    window = _kiosk_window(make_window)
    window.showNormal()
    qtbot.waitUntil(window.isFullScreen, timeout=5000)
    window.showMinimized()
    qtbot.waitUntil(lambda: window.isFullScreen() and not window.isMinimized(), timeout=5000)
    window.setWindowState(Qt.WindowState.WindowMaximized)
    qtbot.waitUntil(window.isFullScreen, timeout=5000)


@pytest.mark.parametrize(("key", "modifier"), [
    (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
    (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_F11, Qt.KeyboardModifier.NoModifier),
])
def test_keyboard_shortcuts_do_not_leave_the_kiosk(make_window, qtbot, key, modifier):
    window = _kiosk_window(make_window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    for screen in (window.start_screen, window.interview_screen):
        window.show_screen(screen)
        qtbot.keyClick(window.windowHandle(), key, modifier)
        qtbot.wait(50)
        assert window.isVisible() and window.isFullScreen() and window.kiosk
        if window.pin_dialog is not None and window.pin_dialog.isVisible():
            assert key == Qt.Key.Key_Q  # Ctrl+Q quits only through the PIN
            window.pin_dialog.reject()


def test_ctrl_q_asks_for_the_pin_in_a_kiosk(make_window, qtbot):
    window = _kiosk_window(make_window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.pin_dialog is not None and window.pin_dialog.isVisible(), timeout=3000)
    assert window.isVisible() and window.kiosk
    window.pin_dialog.reject()


# --- no way to the file system ---------------------------------------------------------------

def test_a_kiosk_interview_offers_no_audio_file(make_window, qtbot):
    from interview_app.banks import get_bank

    window = _kiosk_window(make_window, prep_seconds=30, answer_seconds=30)
    window.start_session({"language": "ko", "mode": "mock", "bank": get_bank("ko-common"), "count": 1,
                          "random": False, "read_aloud": False})
    assert window.controller.state == "prep"
    assert not window.interview_screen.use_file.isVisible()
    window.interview_screen._choose_file()  # even if reached somehow, no file dialog opens
    assert QApplication.activeModalWidget() is None
    window.abort_session()
    assert window.leave_kiosk("4821")
    window.start_session({"language": "ko", "mode": "mock", "bank": get_bank("ko-common"), "count": 1,
                          "random": False, "read_aloud": False})
    assert window.interview_screen.use_file.isVisible()  # on the person's own computer it is there


def _kiosk_results(make_window, qtbot):
    from sessionkit import save_session

    window = _kiosk_window(make_window)
    folder = save_session(person="하늘")
    with qtbot.waitSignal(window.results_screen.report_loaded, timeout=30_000):
        window._on_report_ready(str(folder / "report.html"))
    return window, window.results_screen


def test_kiosk_saves_only_to_a_usb_drive_without_a_file_dialog(make_window, qtbot, tmp_path, private_data_dir):
    from interview_app.gui.drives import Drive

    window, results = _kiosk_results(make_window, qtbot)
    assert results.view.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu  # no "save page"
    results.find_drives = list  # no USB stick plugged in
    results.save_html_button.click()
    assert QApplication.activeModalWidget() is None
    assert "USB" in results.status.text() and not results.exported
    usb = tmp_path / "KINGSTON"
    usb.mkdir()
    results.find_drives = lambda: [Drive(usb, "KINGSTON")]
    results.save_html_button.click()
    assert QApplication.activeModalWidget() is None
    saved = list(usb.iterdir())
    assert len(saved) == 1 and saved[0].name.startswith("interview-report-") and saved[0].suffix == ".html"
    assert str(saved[0]) in results.status.text() and results.exported
    with qtbot.waitSignal(results.saved, timeout=30_000):
        results.save_pdf_button.click()
    assert sorted(p.suffix for p in usb.iterdir()) == [".html", ".pdf"]
    # Two drives: a menu of the drives, and nothing else.
    other = tmp_path / "SDCARD"
    other.mkdir()
    results.find_drives = lambda: [Drive(usb, "KINGSTON"), Drive(other, "SDCARD")]
    results.save_zip_button.click()
    menu = results.drive_menu
    assert menu is not None and [a.text() for a in menu.actions()] == ["KINGSTON", "SDCARD"]
    with qtbot.waitSignal(results.saved, timeout=30_000):
        menu.actions()[1].trigger()
    menu.close()
    assert [p.suffix for p in other.iterdir()] == [".zip"]
    assert not any(private_data_dir in p.parents for p in (*usb.iterdir(), *other.iterdir()))


def test_kiosk_printing_offers_no_print_to_file(make_window, qtbot):
    from PySide6.QtWidgets import QComboBox

    window, results = _kiosk_results(make_window, qtbot)
    results.print_report()
    dialog = results.print_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    printers = dialog.findChild(QComboBox, "printers")
    names = [printers.itemText(i) for i in range(printers.count())] if printers is not None else []
    assert not any("File" in name or "PDF" in name for name in names), names
    dialog.reject()
    assert window.leave_kiosk("4821")
    results.print_report()
    dialog = results.print_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    printers = dialog.findChild(QComboBox, "printers")
    assert any("File" in printers.itemText(i) for i in range(printers.count()))  # the check above can fail
    dialog.reject()


def test_removable_drives_are_mounted_writable_folders_under_the_media_roots(tmp_path, private_data_dir):
    from interview_app.fileio import free_name
    from interview_app.gui.drives import removable_drives

    media = tmp_path / "media" / "haneul"
    for name in ("KINGSTON", "CDROM", "SDCARD"):
        (media / name).mkdir(parents=True)
    (media / "SDCARD").chmod(0o500)  # read-only card
    mounted = {str(media / "KINGSTON"), str(media / "CDROM"), str(media / "SDCARD"), str(private_data_dir)}
    mounted_roots = [media, private_data_dir.parent]
    import os

    found = removable_drives(roots=mounted_roots, is_mount=lambda p: p in mounted and p != str(media / "CDROM"))
    labels = [d.label for d in found]
    if os.geteuid() == 0:  # root may write to a read-only folder
        labels.remove("SDCARD")
    assert labels == ["KINGSTON"]  # not the unmounted one, not the app's data folder
    (media / "KINGSTON" / "interview-report.pdf").write_bytes(b"%PDF")
    assert free_name(media / "KINGSTON", "interview-report", "pdf").name == "interview-report-2.pdf"
