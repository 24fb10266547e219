"""CPU cost of the recording path per second of audio, beside a bare callback that only copies frames.

The recorder's path: the audio callback copies each block into a queue; a writer thread appends
it to the WAV, rewrites the header and fsyncs twice a second, cuts 50 ms meter blocks, measures
RMS and peak and runs the warning rules. The bare path: the same callback copy into a queue and a
thread that drains it and throws the frames away (the least any recorder must do).

Blocks are pushed as fast as the path takes them (no real-time pacing), so the CPU time of the
whole process (all threads) divided by the seconds of audio is the load a live recording puts on
the machine. Also timed: ``Recording.samples_16k()`` (read + resample to 16 kHz) for a minute of
audio at 48 kHz and 44.1 kHz, and the resident memory growth over a ten-minute recording.

Run: ``/work/venv/bin/python benchmarks/bench_recording.py`` (needs espeak-ng and sox).
"""

from __future__ import annotations

import os
import platform
import queue
import resource
import subprocess
import sys
import tempfile
import threading
import time
import wave
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from interview_app.audio.recorder import Recorder  # noqa: E402

BLOCK = 1024  # frames per callback (PortAudio's usual size at 44.1/48 kHz with blocksize=0)
REPEATS = 3


class PushStream:
    """A stream whose blocks are pushed by the benchmark itself (the recorder's factory signature)."""

    def __init__(self, *, samplerate: int, channels: int, callback: Any, **_: Any) -> None:
        self.rate, self.channels, self.callback = samplerate, channels, callback
        self.active = True

    def start(self) -> None:
        pass

    def stop(self) -> None:
        self.active = False

    def close(self) -> None:
        self.active = False


def speech(rate: int, seconds: float, folder: Path) -> np.ndarray:
    raw, out = folder / "s.espeak.wav", folder / f"s{rate}.wav"
    subprocess.run(["espeak-ng", "-v", "en-us", "-w", str(raw),
                    "In my last internship I reduced the report preparation time by forty percent."], check=True)
    subprocess.run(["sox", str(raw), "-r", str(rate), "-c", "1", "-b", "16", str(out)], check=True)
    with wave.open(str(out), "rb") as wav:
        one = np.frombuffer(wav.readframes(wav.getnframes()), "<i2")
    reps = int(np.ceil(seconds * rate / len(one)))
    signal = np.tile(one, reps)[: int(seconds * rate)]
    noise = np.random.default_rng(1).normal(0, 30, signal.size)  # a -60 dBFS room floor
    return np.clip(signal + noise, -32768, 32767).astype(np.int16).reshape(-1, 1)


def drive(callback: Any, frames: np.ndarray, rate: int = 0) -> None:
    """Push the frames in blocks; with ``rate``, paced like a live device (one block per block time)."""
    tick = threading.Event()
    began = time.monotonic()
    for start in range(0, len(frames), BLOCK):
        block = frames[start:start + BLOCK]
        callback(block, len(block), None, None)
        if rate:
            tick.wait(max(0.0, began + (start + len(block)) / rate - time.monotonic()))


def run_recorder(frames: np.ndarray, rate: int, folder: Path, *, live: bool = False) -> tuple[float, float]:
    streams: list[PushStream] = []

    def factory(**kwargs: Any) -> PushStream:
        if kwargs["samplerate"] != rate:
            raise ValueError("unsupported rate")
        streams.append(PushStream(**kwargs))
        return streams[-1]

    levels = []
    recorder = Recorder(folder, stream_factory=factory, on_level=levels.append, stall_timeout_s=1e9)
    cpu, wall = time.process_time(), time.perf_counter()
    recorder.start(folder / "bench.wav")
    drive(streams[-1].callback, frames, rate if live else 0)
    recorder.stop()
    return time.process_time() - cpu, time.perf_counter() - wall


def run_bare(frames: np.ndarray, rate: int = 0) -> tuple[float, float]:
    handoff: queue.SimpleQueue[object] = queue.SimpleQueue()
    done = object()

    def callback(indata: np.ndarray, frame_count: int, time_info: Any, status: Any) -> None:
        handoff.put(bytes(indata))

    def drain() -> None:
        while handoff.get() is not done:
            pass

    cpu, wall = time.process_time(), time.perf_counter()
    thread = threading.Thread(target=drain)
    thread.start()
    drive(callback, frames, rate)
    handoff.put(done)
    thread.join()
    return time.process_time() - cpu, time.perf_counter() - wall


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def main() -> None:
    print(f"python {platform.python_version()}, numpy {np.__version__}, {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for rate in (48_000, 16_000):
            seconds = 60.0
            frames = speech(rate, seconds, folder)
            ours = min((run_recorder(frames, rate, folder) for _ in range(REPEATS)), key=lambda r: r[0])
            bare = min((run_bare(frames) for _ in range(REPEATS)), key=lambda r: r[0])
            per_s = ours[0] / seconds * 1000
            bare_per_s = bare[0] / seconds * 1000
            print(f"{rate} Hz mono, {seconds:.0f} s in blocks of {BLOCK}: recorder {per_s:.2f} ms CPU per audio "
                  f"second ({per_s / 10:.2f}% of a core; wall {ours[1]:.2f} s), bare copy {bare_per_s:.2f} ms "
                  f"({bare_per_s / 10:.2f}%), ratio {per_s / bare_per_s:.1f}x")
        live_s = 20.0
        frames = speech(48_000, live_s, folder)
        ours = run_recorder(frames, 48_000, folder, live=True)
        bare = run_bare(frames, 48_000)
        print(f"48000 Hz live-paced, {live_s:.0f} s: recorder {ours[0] / live_s * 1000:.1f} ms CPU per audio second "
              f"({ours[0] / live_s * 100:.2f}% of a core), bare copy {bare[0] / live_s * 1000:.1f} ms "
              f"({bare[0] / live_s * 100:.2f}%) (both include the pacing loop's own wake-ups)")
        for rate in (48_000, 44_100):
            frames = speech(rate, 60.0, folder)
            recorder_path = folder / f"sixty-{rate}.wav"
            with wave.open(str(recorder_path), "wb") as wav:
                wav.setnchannels(1)
                wav.setsampwidth(2)
                wav.setframerate(rate)
                wav.writeframes(frames.tobytes())
            from interview_app.audio.recorder import Recording

            recording = Recording.from_file(recorder_path)
            best = min(_timed(recording.samples_16k) for _ in range(REPEATS))
            print(f"samples_16k() of 60 s at {rate} Hz: {best * 1000:.0f} ms")
        frames = speech(48_000, 600.0, folder)
        before = rss_mb()
        peak = [before]
        stop = threading.Event()

        def sample() -> None:
            while not stop.wait(0.01):
                peak.append(rss_mb())

        watcher = threading.Thread(target=sample)
        watcher.start()
        cpu, wall = run_recorder(frames, 48_000, folder)
        stop.set()
        watcher.join()
        print(f"600 s at 48 kHz pushed as fast as possible: {cpu:.2f} s CPU, {wall:.2f} s wall, "
              f"peak resident growth {max(peak) - before:.1f} MB (audio itself: {frames.nbytes / 2**20:.1f} MB)")


def _timed(function: Any) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
