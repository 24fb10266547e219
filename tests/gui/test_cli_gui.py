"""`interview-app gui` refuses a kiosk that could never be left."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytestmark = pytest.mark.gui


def test_kiosk_without_a_pin_is_refused_with_a_plain_message():
    result = subprocess.run([sys.executable, "-m", "interview_app", "gui", "--kiosk"], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip() == ("interview-app: kiosk mode needs a consultant PIN to leave it; "
                                     "set one in the app's settings first")
