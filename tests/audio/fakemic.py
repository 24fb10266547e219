"""A stand-in for the physical microphone: feeds a real WAV's frames through the recorder's callback.

``FakeMicrophone(wav)`` is a stream factory with ``sounddevice.InputStream``'s signature. It
refuses rates other than the WAV's (as a device refuses unsupported formats), delivers blocks from
its own thread (as fast as possible, or paced like a real device), and can fail mid-way the two
ways real devices do when unplugged: the stream finishes with an error, or the audio just stops.
"""

from __future__ import annotations

import threading
import time
import wave
from pathlib import Path
from typing import Any

import numpy as np
import sounddevice as sd


def read_int16(path: Path) -> tuple[np.ndarray, int]:
    with wave.open(str(path), "rb") as wav:
        rate, channels = wav.getframerate(), wav.getnchannels()
        data = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2").reshape(-1, channels)
    return data.copy(), rate


class _Status:
    def __init__(self, overflow: bool) -> None:
        self.input_overflow = overflow

    def __bool__(self) -> bool:
        return self.input_overflow


class FakeStream:
    def __init__(self, mic: FakeMicrophone, *, samplerate: float, channels: int, dtype: str, callback: Any,
                 finished_callback: Any = None, **_: Any) -> None:
        if int(samplerate) != mic.rate:
            raise sd.PortAudioError(f"Invalid sample rate [PaErrorCode -9997] ({samplerate})")
        assert dtype == "int16"
        self.mic = mic
        self.channels = channels
        self.callback = callback
        self.finished_callback = finished_callback
        self.active = False
        self.failed = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def _frames(self) -> np.ndarray:
        source = self.mic.source
        if source.shape[1] == self.channels:
            return source
        return np.repeat(source[:, :1], self.channels, axis=1)

    def start(self) -> None:
        if self.mic.start_delay_s:
            threading.Event().wait(self.mic.start_delay_s)  # a Bluetooth headset switching profiles
        if self.mic.manual:
            self.active = True
            return
        self.active = True
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def push(self, frames: np.ndarray, *, overflow: bool = False) -> None:
        """Manual mode: deliver these int16 frames now, from the calling thread."""
        block = np.ascontiguousarray(frames.reshape(len(frames), -1)[:, : self.channels])
        self.callback(block, len(block), None, _Status(overflow))

    def _run(self) -> None:
        frames = self._frames()
        block = self.mic.block
        began = time.monotonic()
        fail_at = int(self.mic.fail_after_s * self.mic.rate) if self.mic.fail_after_s is not None else None
        for index, start in enumerate(range(0, len(frames), block)):
            if self._stop.is_set():
                return
            if fail_at is not None and start >= fail_at:
                self._fail()
                return
            chunk = np.ascontiguousarray(frames[start:start + block])
            self.callback(chunk, len(chunk), None, _Status(index in self.mic.overflow_blocks))
            self.mic.delivered_frames = start + len(chunk)
            if self.mic.realtime:
                due = began + (start + len(chunk)) / self.mic.rate
                self._stop.wait(max(0.0, due - time.monotonic()))
        self.mic.drained.set()

    def _fail(self) -> None:
        self.failed = True
        if self.mic.fail_mode == "finished":
            self.active = False
            if self.finished_callback:
                self.finished_callback()
        self.mic.drained.set()

    def stop(self) -> None:
        if self.mic.hang_on_stop is not None and self.failed:
            self.mic.hang_on_stop.wait()  # a driver call that never returns, until the test lets go
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join()
        if self.failed:
            raise sd.PortAudioError("Device unavailable [PaErrorCode -9985]")
        self.active = False

    def close(self) -> None:
        self.stop()


class FakeMicrophone:
    """Stream factory feeding ``wav`` (or int16 ``source`` frames at ``rate``)."""

    def __init__(self, wav: Path | None = None, *, source: np.ndarray | None = None, rate: int = 16000,
                 realtime: bool = False, block: int | None = None, fail_after_s: float | None = None,
                 fail_mode: str = "finished", overflow_blocks: tuple[int, ...] = (), manual: bool = False,
                 hang_on_stop: threading.Event | None = None, start_delay_s: float = 0.0) -> None:
        if wav is not None:
            source, rate = read_int16(wav)
        assert source is not None
        self.source = source.reshape(len(source), -1)
        self.rate = rate
        self.realtime = realtime
        self.block = block or max(1, rate // 100)
        self.fail_after_s = fail_after_s
        self.fail_mode = fail_mode
        self.overflow_blocks = set(overflow_blocks)
        self.manual = manual
        self.hang_on_stop = hang_on_stop
        self.start_delay_s = start_delay_s
        self.drained = threading.Event()
        self.delivered_frames = 0
        self.streams: list[FakeStream] = []

    def __call__(self, **kwargs: Any) -> FakeStream:
        stream = FakeStream(self, **kwargs)
        self.streams.append(stream)
        return stream
