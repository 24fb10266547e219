"""Background jobs report back on the GUI thread, and signals can be emitted for hours."""

from __future__ import annotations

import sys
import threading

import pytest
from PySide6.QtCore import QObject, Signal

from interview_app.gui.qtfix import emit
from interview_app.gui.workers import run_job

pytestmark = pytest.mark.gui


class _Meter(QObject):
    level = Signal(float, float, int)


def test_an_hour_of_level_readings_and_meter_paints_cannot_exhaust_none_or_true(qtbot):
    """PySide 6.12 takes a reference from None/True per call on Python 3.11; ours must not."""
    from interview_app.gui.widgets.level_meter import LevelMeter

    meter_signal = _Meter()
    widget = LevelMeter()
    qtbot.addWidget(widget)
    widget.resize(300, 20)
    meter_signal.level.connect(widget.set_level)
    before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(72_000):  # 20 readings a second for an hour
        emit(meter_signal.level, -20.0, -10.0, 0)
    for _ in range(200):
        widget.grab()
    assert widget.rms_dbfs == -20.0
    # An hour of readings leaves the reference counts of None and True where they were.
    after = sys.getrefcount(None), sys.getrefcount(True)
    assert abs(after[0] - before[0]) < 1000 and abs(after[1] - before[1]) < 1000


def test_a_job_reports_its_result_on_the_gui_thread(qtbot):
    threads = []

    def work(x: int) -> int:
        threads.append(threading.current_thread())
        return x * 2

    job = run_job(work, 21)
    with qtbot.waitSignal(job.finished, timeout=5000) as done:
        pass
    assert done.args == [42]
    assert threads and threads[0] is not threading.main_thread()


def test_a_failing_job_says_what_went_wrong(qtbot):
    from interview_app.errors import UserError

    def work() -> None:
        raise UserError("the disk is full; free some space and try again")

    job = run_job(work)
    with qtbot.waitSignal(job.failed, timeout=5000) as failed:
        pass
    assert failed.args == ["the disk is full; free some space and try again"]
