"""The kiosk under a real X server and window manager (Xvfb + openbox), driven with xdotool.

What the offscreen tests cannot show: the window manager's own Alt+F4, minimise and "show desktop"
(Super+D) reach the app as they would on a café machine, and the app holds. Nothing is installed
here: scripts/setup.sh installs xvfb, openbox, xdotool and x11-utils.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from interview_app.gui.kiosk import hash_pin
from interview_app.storage.settings import Settings

pytestmark = pytest.mark.gui

TOOLS = ("Xvfb", "openbox", "xdotool", "xprop")
TITLE, PIN_TITLE = "면접 코치", "상담사 확인"


def _wait(condition: Callable[[], object], seconds: float, what: str, debug: Callable[[], str] | None = None) -> None:
    tick = threading.Event()
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {seconds:.0f} s for: {what} ({debug() if debug else ''})")
        tick.wait(0.1)


class Desktop:
    """An X display with a window manager, and xdotool/xprop pointed at it."""

    def __init__(self, display: str) -> None:
        self.env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}

    def run(self, *command: str) -> str:
        done = subprocess.run(command, env=self.env, capture_output=True, text=True, timeout=20)
        return done.stdout.strip() if done.returncode == 0 else ""

    def windows(self, title: str) -> list[str]:
        return self.run("xdotool", "search", "--onlyvisible", "--name", title).split()

    def active(self) -> str:
        return self.run("xdotool", "getactivewindow")

    def state(self, window: str) -> str:
        return self.run("xprop", "-id", window, "_NET_WM_STATE", "WM_STATE")

    def key(self, *keys: str) -> None:
        self.run("xdotool", "key", "--clearmodifiers", *keys)

    def type(self, text: str) -> None:
        self.run("xdotool", "type", "--delay", "60", text)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


@contextlib.contextmanager
def desktop(folder: Path) -> Iterator[Desktop]:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed (scripts/setup.sh installs them)")
    read_end, write_end = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                            pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    processes = [xvfb]
    try:
        with os.fdopen(read_end) as pipe:
            number = pipe.readline().strip()  # Xvfb picks a free display and says which
        assert number, "Xvfb did not start"
        screen = Desktop(f":{number}")
        wm = subprocess.Popen(["openbox", "--config-file", "/etc/xdg/openbox/rc.xml"], env=screen.env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=folder)
        processes.append(wm)
        _wait(lambda: "_NET_SUPPORTING_WM_CHECK(WINDOW)" in screen.run("xprop", "-root", "_NET_SUPPORTING_WM_CHECK"),
              20, "openbox to manage the screen")
        yield screen
    finally:
        for process in reversed(processes):
            _stop(process)


def test_kiosk_holds_against_the_window_manager(tmp_path, private_data_dir):
    Settings(mic_checked=True, kiosk_mode=True, kiosk_pin_hash=hash_pin("4821")).save()
    with desktop(tmp_path) as screen, (tmp_path / "app.log").open("w") as log:
        app = subprocess.Popen([sys.executable, "-m", "interview_app", "gui"], env=screen.env,
                               stdout=subprocess.DEVNULL, stderr=log)
        try:
            _wait(lambda: screen.windows(TITLE) or app.poll() is not None, 60, "the kiosk window")
            assert app.poll() is None, (tmp_path / "app.log").read_text()
            window = screen.windows(TITLE)[0]
            _wait(lambda: screen.active() == window, 20, "the kiosk window to have the focus")
            state = screen.state(window)
            assert "_NET_WM_STATE_FULLSCREEN" in state and "_NET_WM_STATE_ABOVE" in state, state

            def back_in_front() -> bool:
                now = screen.state(window)
                return (screen.active() == window and "_NET_WM_STATE_FULLSCREEN" in now
                        and "window state: Normal" in now)

            # The window manager's close (Alt+F4) only asks for the PIN; Escape dismisses the question.
            screen.key("alt+F4")
            _wait(lambda: screen.windows(PIN_TITLE), 20, "the PIN dialog after Alt+F4")
            assert app.poll() is None
            screen.key("Escape")
            _wait(lambda: not screen.windows(PIN_TITLE), 20, "the PIN dialog to close on Escape")
            _wait(back_in_front, 20, "the kiosk window in front after the dialog")
            screen.key("ctrl+w")
            screen.key("Escape")
            assert app.poll() is None and screen.windows(TITLE)
            # Minimised by the window manager, or hidden by "show desktop": it comes back, full screen.
            screen.run("xdotool", "windowminimize", window)
            _wait(back_in_front, 20, "the kiosk window back after minimising")
            screen.key("super+d")
            _wait(back_in_front, 20, "the kiosk window back after 'show desktop'",
                  lambda: f"{screen.state(window)} {screen.run('xprop', '-root', '_NET_SHOWING_DESKTOP')}")
            # A wrong PIN keeps it open; the right one closes the app.
            screen.key("alt+F4")
            _wait(lambda: screen.windows(PIN_TITLE), 20, "the PIN dialog")
            screen.type("0000")
            screen.key("Return")
            _wait(lambda: not screen.windows(PIN_TITLE), 20, "the PIN dialog to close")
            assert app.poll() is None
            _wait(back_in_front, 20, "the kiosk window in front after a wrong PIN")
            screen.key("alt+F4")
            _wait(lambda: screen.windows(PIN_TITLE), 20, "the PIN dialog again")
            screen.type("4821")
            screen.key("Return")
            _wait(lambda: app.poll() is not None, 30, "the app to close after the right PIN")
            assert app.returncode == 0, (tmp_path / "app.log").read_text()
        finally:
            _stop(app)
