"""Helper process for the crash test: records a WAV fed in real time until it is killed.

Usage: python record_until_killed.py SOURCE.wav OUT.wav
Prints the number of frames the fake microphone has delivered, ten times a second.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fakemic import FakeMicrophone  # noqa: E402

from interview_app.audio.recorder import Recorder  # noqa: E402


def main() -> None:
    source, out = Path(sys.argv[1]), Path(sys.argv[2])
    mic = FakeMicrophone(source, realtime=True)
    recorder = Recorder(stream_factory=mic, stall_timeout_s=60)
    recorder.start(out)
    tick = threading.Event()
    while True:
        print(mic.delivered_frames, flush=True)
        tick.wait(0.1)


if __name__ == "__main__":
    main()
