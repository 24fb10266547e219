"""Settings are kept between runs; kiosk mode needs a PIN, stored only as a salted hash."""

from __future__ import annotations

import json
import re

import pytest

from interview_app.gui import i18n
from interview_app.gui.kiosk import verify_pin
from interview_app.gui.screens.settings import SettingsScreen
from interview_app.storage.settings import Settings

pytestmark = pytest.mark.gui


def test_changes_are_saved_and_read_back(qtbot):
    i18n.set_language("ko")
    screen = SettingsScreen(Settings())
    qtbot.addWidget(screen)
    screen.model.setCurrentIndex(screen.model.findData("tiny.en"))
    screen.ui_language.setCurrentIndex(screen.ui_language.findData("en"))
    screen.answer_language.setCurrentIndex(screen.answer_language.findData("en"))
    screen.keep_days.setValue(7)
    screen.font_scale.setValue(1.4)
    screen.blind.setChecked(True)
    with qtbot.waitSignal(screen.saved):
        screen.save_button.click()
    loaded = Settings.load()
    assert (loaded.model, loaded.ui_language, loaded.answer_language) == ("tiny.en", "en", "en")
    assert loaded.keep_recordings_days == 7 and loaded.font_scale == 1.4 and loaded.blind_hiring
    assert screen.message.text() == "설정을 저장했습니다."


def test_kiosk_mode_needs_a_pin_and_keeps_only_its_hash(qtbot):
    screen = SettingsScreen(Settings())
    qtbot.addWidget(screen)
    screen.kiosk.setChecked(True)
    assert not screen.save()
    assert "PIN" in screen.message.text()
    assert not Settings.load().kiosk_mode
    screen.pin.setText("2580")
    screen.idle.setValue(3)
    assert screen.save()
    loaded = Settings.load()
    assert loaded.kiosk_mode and loaded.kiosk_idle_minutes == 3
    stored = Settings.path().read_text(encoding="utf-8")
    # Only a salted hash is kept. Its hex digits may contain "2580" by chance (it happened), so the
    # long hex runs are taken out before looking for the PIN anywhere else.
    assert "2580" not in re.sub(r"[0-9a-f]{16,}", "", stored)
    assert "2580" not in json.loads(stored).values()
    assert verify_pin("2580", loaded.kiosk_pin_hash)
