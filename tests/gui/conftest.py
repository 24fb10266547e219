"""GUI test set-up: WebEngine ready before the QApplication, one main-window factory."""

from __future__ import annotations

import pytest

from interview_app.gui.app import prepare_environment

prepare_environment()  # before pytest-qt creates the QApplication


def _close_quietly(window) -> None:
    window.kiosk = False  # closing a kiosk asks for the PIN; the test is over
    window.shutdown()


@pytest.fixture
def make_window(qtbot):
    """Build a main window with the given settings; shut its threads down after the test."""
    from interview_app.gui.main_window import MainWindow
    from interview_app.storage.settings import Settings

    windows = []

    def factory(settings: Settings | None = None, **kwargs):
        settings = settings or Settings(mic_checked=True)
        kwargs.setdefault("load_model", False)
        kwargs.setdefault("check_tts", False)
        window = MainWindow(settings, **kwargs)
        qtbot.addWidget(window, before_close_func=_close_quietly)
        if not window.kiosk:  # a kiosk is full screen (a resize would end that)
            window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    return factory
