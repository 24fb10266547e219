"""The one boundary the GUI tests cannot have: a physical microphone.

:class:`WavFeed` is a stream factory with ``sounddevice.InputStream``'s signature. Each stream the
recorder opens plays the next WAV's frames into the recorder's callback from its own thread, then
keeps delivering quiet room noise (paced like a real device) until the recorder stops it.
"""

from __future__ import annotations

import threading
import time
import wave
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

RATE = 16_000
BLOCK = 320  # 20 ms


def read_frames(path: Path) -> np.ndarray:
    with wave.open(str(path), "rb") as wav:
        assert wav.getframerate() == RATE and wav.getnchannels() == 1
        return np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2").reshape(-1, 1).copy()


class _Stream:
    def __init__(self, feed: WavFeed, frames: np.ndarray, *, samplerate: float, channels: int, dtype: str,
                 callback: Any, **_: Any) -> None:
        if int(samplerate) != RATE or channels != 1:
            raise ValueError(f"Invalid sample rate or channels ({samplerate}, {channels})")
        self.feed, self.frames, self.callback = feed, frames, callback
        self.stop_event = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.delivered = threading.Event()

    def start(self) -> None:
        self.thread.start()

    def _run(self) -> None:
        began = time.monotonic()
        for start in range(0, len(self.frames), BLOCK):
            if self.stop_event.is_set():
                return
            chunk = np.ascontiguousarray(self.frames[start:start + BLOCK])
            self.callback(chunk, len(chunk), None, None)
            if self.feed.realtime:
                self.stop_event.wait(max(0.0, began + (start + len(chunk)) / RATE - time.monotonic()))
        self.delivered.set()
        rng = np.random.default_rng(0)
        while not self.stop_event.wait(BLOCK / RATE):
            room = rng.integers(-40, 40, size=(BLOCK, 1), dtype=np.int16)
            self.callback(room, BLOCK, None, None)

    def stop(self) -> None:
        self.stop_event.set()
        if self.thread.is_alive() and self.thread is not threading.current_thread():
            self.thread.join()

    def close(self) -> None:
        self.stop()


class WavFeed:
    """Stream factory: the n-th stream opened plays ``wavs[n]`` (the last one again when they run out)."""

    def __init__(self, wavs: Sequence[Path] | None = None, *, frames: Sequence[np.ndarray] = (),
                 realtime: bool = False) -> None:
        self.sources = [read_frames(Path(w)) for w in (wavs or ())] + list(frames)
        self.realtime = realtime
        self.streams: list[_Stream] = []

    def __call__(self, **kwargs: Any) -> _Stream:
        frames = self.sources[min(len(self.streams), len(self.sources) - 1)]
        stream = _Stream(self, frames, **kwargs)
        if int(kwargs.get("samplerate", 0)) == RATE:
            self.streams.append(stream)
        return stream

    def all_delivered(self, count: int) -> bool:
        return len(self.streams) >= count and all(s.delivered.is_set() for s in self.streams[:count])
