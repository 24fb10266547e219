"""Settings: moving the data folder in the background, and the app using the new one without a restart.

The folder dialog is Qt's own; the tests call the slot it leads to with the chosen path.
"""

from __future__ import annotations

import pytest
from sessionkit import save_session

from datakit import USER_BANK
from interview_app import paths
from interview_app.gui import i18n, services
from interview_app.gui.kiosk import hash_pin
from interview_app.storage.settings import Settings

pytestmark = pytest.mark.gui


def _open_settings(window):
    window.start_screen.settings.click()
    assert window.current_screen() is window.settings_screen
    return window.settings_screen


def test_the_data_folder_moves_and_the_app_uses_it_at_once(qtbot, make_window, movable_data_dir, tmp_path):
    i18n.set_language("ko")
    old = movable_data_dir.resolve()
    folder = save_session(created_at="2026-11-20T10:00:00+09:00", person="하늘")
    (paths.user_banks_dir() / "cafe.toml").write_text(USER_BANK, encoding="utf-8")
    window = make_window()
    screen = _open_settings(window)
    assert screen.data_folder.text() == str(old)
    assert screen.change_folder.isEnabled() and screen.change_folder.text() == "바꾸기…"
    window.consultant_screen.open_session(folder)
    target = tmp_path / "새 위치" / "면접 코치"

    with qtbot.waitSignal(screen.data_folder_moved, timeout=60_000) as moved:
        screen.move_data_folder(str(target))
        # While it runs: a busy indicator, nothing else to press, and the window does not close.
        assert screen.moving and not screen.move_busy.isHidden()
        assert not screen.back.isEnabled() and not screen.save_button.isEnabled()
        assert not screen.change_folder.isEnabled()
        window.close()
        assert window.isVisible()
    new = target.resolve()
    assert moved.args == [str(new)]
    assert screen.data_folder.text() == str(new)
    assert screen.message.text() == f"데이터 폴더를 옮겼습니다: {new}"
    assert screen.move_busy.isHidden() and screen.back.isEnabled() and screen.change_folder.isEnabled()
    assert paths.data_dir() == new and not old.exists()
    assert window.consultant_screen.session_dir is None  # it pointed into the old folder

    # No restart: the history, the sessions, the settings and the user's banks come from the new folder.
    window.show_history()
    assert window.history_screen.table.rowCount() == 1
    assert window.history_screen.table.item(0, 1).text() == "하늘"
    assert window.history_screen.sessions[0]["dir"] == new / "sessions" / folder.name
    window.history_screen.table.selectRow(0)
    with qtbot.waitSignal(window.results_screen.report_loaded, timeout=30_000):
        window.history_screen.open_button.click()
    assert window.results_screen.report_path == new / "sessions" / folder.name / "report.html"
    window.finish_results()
    cafe = [bank for bank in window.start_screen.banks if bank.id == "ko-cafe"]
    assert cafe and cafe[0].source == new / "question_banks" / "cafe.toml"
    screen = _open_settings(window)
    screen.keep_days.setValue(9)
    assert screen.save()
    assert Settings.path() == new / "settings.json" and Settings.load().keep_recordings_days == 9
    assert services.new_session_dir().parent == new / "sessions"


def test_a_folder_that_cannot_take_the_data_is_refused_in_plain_words(qtbot, make_window, movable_data_dir,
                                                                     tmp_path):
    old = movable_data_dir.resolve()
    save_session(person="하늘")
    busy = tmp_path / "내 문서"
    busy.mkdir()
    (busy / "이력서.hwp").write_bytes(b"resume")
    window = make_window()
    screen = _open_settings(window)
    for language, words in (("ko", "다른 파일이 들어 있습니다"), ("en", "already has other files")):
        i18n.set_language(language)
        with qtbot.waitSignal(screen.move_failed, timeout=30_000) as failed:
            screen.move_data_folder(str(busy))
        assert words in failed.args[0] and screen.message.text() == failed.args[0]
        assert screen.change_folder.isEnabled() and screen.back.isEnabled() and screen.move_busy.isHidden()
    i18n.set_language("ko")
    assert paths.data_dir() == old and screen.data_folder.text() == str(old)
    assert sorted(p.name for p in busy.iterdir()) == ["이력서.hwp"]
    window.show_history()
    assert window.history_screen.table.rowCount() == 1


def test_not_offered_during_an_interview(make_window, movable_data_dir, tmp_path):
    i18n.set_language("ko")
    window = make_window(prep_seconds=300)
    window.start_screen.begin.click()
    assert window.session_running()
    screen = window.settings_screen
    screen.load(window.settings)  # (the settings are not reachable during an interview; the slot checks anyway)
    assert not screen.change_folder.isEnabled()
    assert screen.move_note.text() == "면접이 진행 중일 때는 데이터 폴더를 옮길 수 없습니다."
    assert screen.move_data_folder(str(tmp_path / "new")) is None
    assert paths.data_dir() == movable_data_dir.resolve() and not (tmp_path / "new").exists()
    window.abort_session()
    screen.load(window.settings)
    assert screen.change_folder.isEnabled() and screen.move_note.isHidden()


def test_not_offered_in_kiosk_mode_until_the_consultant_unlocks_it(make_window, movable_data_dir, tmp_path):
    window = make_window(Settings(mic_checked=True, kiosk_mode=True, kiosk_pin_hash=hash_pin("4821")), language="en")
    screen = window.settings_screen
    screen.load(window.settings)
    assert not screen.change_folder.isEnabled()
    assert "consultant must unlock" in screen.move_note.text()
    assert screen.move_data_folder(str(tmp_path / "new")) is None
    assert not (tmp_path / "new").exists()
    assert window.leave_kiosk("4821")
    assert screen.change_folder.isEnabled()
    i18n.set_language("ko")


def test_a_folder_chosen_by_the_variable_is_shown_but_not_moved(make_window, private_data_dir):
    window = make_window()
    screen = window.settings_screen
    screen.load(window.settings)
    assert screen.data_folder.text() == str(private_data_dir)
    assert not screen.change_folder.isEnabled()
    assert "INTERVIEW_APP_DATA_DIR" in screen.move_note.text()
