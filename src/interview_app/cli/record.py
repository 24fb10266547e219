"""``interview-app record OUT.wav``: record from a microphone, e.g. to set up a café kiosk.

Shows a level bar on a terminal, stops after ``--seconds`` or on Ctrl+C, and always keeps the
file. A microphone lost mid-way keeps what was recorded and exits with the device code.
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

from interview_app.audio.levels import SILENCE_DBFS, Level
from interview_app.audio.recorder import Recorder, RecorderWarning, Recording
from interview_app.errors import EXIT_DEVICE, EXIT_OK

BAR_WIDTH = 30
BAR_FLOOR_DBFS = -60.0
BAR_UPDATES_PER_SECOND = 5


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "record",
        help="record from a microphone to a WAV file",
        description="Record from the chosen microphone (see 'interview-app devices') to OUT.wav at the "
        "microphone's own rate. Ctrl+C stops and keeps the file.",
    )
    parser.add_argument("out", type=Path, metavar="OUT.wav", help="the WAV file to write")
    parser.add_argument("--device", metavar="NAME", help="microphone name, part of one, or id "
                        "(default: the remembered choice, else the system default)")
    parser.add_argument("--seconds", type=float, metavar="N", help="stop after N seconds (default: on Ctrl+C)")
    parser.set_defaults(func=run)


def level_bar(level: Level, elapsed_s: float) -> str:
    """A one-line meter: ``[#########.............] -23 dBFS  0:12``."""
    share = (max(level.rms_dbfs, BAR_FLOOR_DBFS) - BAR_FLOOR_DBFS) / -BAR_FLOOR_DBFS
    filled = round(share * BAR_WIDTH)
    clip = " CLIP" if level.clipping else ""
    rms = "  -inf" if level.rms_dbfs <= SILENCE_DBFS else f"{level.rms_dbfs:6.1f}"
    minutes, seconds = divmod(int(elapsed_s), 60)
    return f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {rms} dBFS {minutes:2d}:{seconds:02d}{clip}"


@contextlib.contextmanager
def _terminate_like_ctrl_c() -> Iterator[None]:
    """Ctrl+C (even where a launcher ignored it) and SIGTERM stop the recording and keep the file."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous_term = signal.signal(signal.SIGTERM, interrupt)
    previous_int = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous_term)
        signal.signal(signal.SIGINT, previous_int)


@contextlib.contextmanager
def _uninterruptible() -> Iterator[None]:
    """While the file is being finished, a second Ctrl+C must not cut it short."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def run(args: argparse.Namespace) -> int:
    err = sys.stderr
    on_terminal = err.isatty()
    latest: list[Level] = []
    warnings: list[RecorderWarning] = []
    recorder = Recorder(device=args.device, on_level=latest.append, on_warning=warnings.append)
    tick = threading.Event()
    stopped_by_user = False
    with _terminate_like_ctrl_c():
        path = recorder.start(args.out)
        limit = f" for {args.seconds:g} s" if args.seconds else ""
        print(f"recording from {recorder.device_name or 'the default input'} at {recorder.sample_rate} Hz to "
              f"{path}{limit}; press Ctrl+C to stop", file=err, flush=True)
        shown_warnings = 0
        last_bar = 0.0
        try:
            while recorder.state == "recording":
                if args.seconds is not None and recorder.elapsed_s >= args.seconds:
                    break
                tick.wait(0.05)
                now = time.monotonic()
                while shown_warnings < len(warnings):
                    prefix = "\n" if on_terminal and last_bar else ""
                    print(f"{prefix}warning: {warnings[shown_warnings].message}", file=err, flush=True)
                    shown_warnings += 1
                if on_terminal and latest and now - last_bar >= 1 / BAR_UPDATES_PER_SECOND:
                    print("\r" + level_bar(latest[-1], recorder.elapsed_s), end="", file=err, flush=True)
                    latest.clear()
                    last_bar = now
        except KeyboardInterrupt:
            stopped_by_user = True
        with _uninterruptible():
            recording = recorder.stop()
    if on_terminal and last_bar:
        print(file=err)
    for warning in recording.warnings:
        if warning not in warnings[:shown_warnings]:
            print(f"warning: {warning.message}", file=err)
    print(_saved_line(recording, stopped_by_user))
    if "device_lost" in recording.warning_codes:
        print("interview-app: the microphone stopped working during the recording; what was recorded "
              "until then is kept", file=err)
        return EXIT_DEVICE
    return EXIT_OK


def _saved_line(recording: Recording, stopped_by_user: bool) -> str:
    layout = "mono" if recording.channels == 1 else f"{recording.channels} channels"
    how = " (stopped with Ctrl+C)" if stopped_by_user else ""
    return (f"saved {recording.path} ({recording.duration_s:.1f} s, {recording.sample_rate} Hz, {layout})"
            f"{how}")
