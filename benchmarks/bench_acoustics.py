"""Time and peak memory of measure_audio on 60 s and 600 s of speech, beside the raw library calls.

Speech-like audio: five espeak-ng sentences with pauses (about 26 s), repeated to length, with a
room noise floor at about -60 dBFS (a microphone never gives the digital zeros espeak-ng does, and
Praat's pitch tracker is faster on exact zeros).
Each measurement runs in a fresh process; peak memory is the highest resident size a sampling
thread sees during the call (every millisecond) above the size just before it. Compared on the same audio:

- ``parselmouth``: the raw pitch call (``Sound(x).to_pitch_ac``) measure_audio makes once;
- ``numpy rms``: one plain numpy RMS pass over 10 ms blocks.

Run: ``/work/venv/bin/python benchmarks/bench_acoustics.py`` (needs espeak-ng and sox).
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import tempfile
import threading
import time
import wave
from pathlib import Path

import numpy as np

RATE = 16_000
SENTENCES = (
    "I worked at a small cafe during university, and I learned how to serve customers quickly.",
    "My manager asked me to reduce the waiting time at lunch.",
    "So I proposed a new order system with numbered tickets.",
    "As a result, the waiting time dropped by thirty percent.",
    "I learned that small changes can make a big difference.",
)
GAPS_S = (0.6, 1.5, 2.0, 3.0, 0.4)
REPEATS = 3


def _speech(folder: Path) -> np.ndarray:
    pieces = []
    for i, (text, gap) in enumerate(zip(SENTENCES, GAPS_S, strict=True)):
        raw, out = folder / f"{i}.espeak.wav", folder / f"{i}.wav"
        subprocess.run(["espeak-ng", "-v", "en-us", "-w", str(raw), text], check=True)
        subprocess.run(["sox", str(raw), "-r", str(RATE), "-c", "1", "-b", "16", str(out)], check=True)
        with wave.open(str(out), "rb") as wav:
            pieces.append(np.frombuffer(wav.readframes(wav.getnframes()), "<i2").astype(np.float32) / 32768)
        pieces.append(np.zeros(round(gap * RATE), np.float32))
    return np.concatenate(pieces)


_PAGE_MB = resource.getpagesize() / 2**20


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * _PAGE_MB


class _PeakRss:
    """Highest resident size seen while the block runs, in MB above the size at its start."""

    def __enter__(self) -> _PeakRss:
        self.base = self.peak = _rss_mb()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._stop.wait(0.001):
            self.peak = max(self.peak, _rss_mb())

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _rss_mb())

    @property
    def mb(self) -> float:
        return self.peak - self.base


def _one(kind: str, path: str) -> None:
    """Child process: load the audio, run one kind of call REPEATS times, print JSON."""
    x = np.load(path)
    import parselmouth

    from interview_app.analysis.acoustics import measure_audio

    def run() -> object:
        if kind == "measure_audio":
            return measure_audio(x, RATE)
        if kind == "parselmouth":
            return parselmouth.Sound(x.astype(np.float64), RATE).to_pitch_ac(
                time_step=0.01, pitch_floor=75.0, pitch_ceiling=500.0)
        hop = RATE // 100
        blocks = x[: x.size // hop * hop].reshape(-1, hop)
        return np.sqrt(np.mean(blocks * blocks, axis=1))

    times, peaks = [], []
    for _ in range(REPEATS):
        with _PeakRss() as peak:
            start = time.perf_counter()
            result = run()
            times.append(time.perf_counter() - start)
            del result
        peaks.append(peak.mb)
    print(json.dumps({"seconds": min(times), "peak_mb": max(peaks)}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--one", nargs=2, metavar=("KIND", "NPY"), help=argparse.SUPPRESS)
    parser.add_argument("--durations", type=float, nargs="+", default=[60.0, 600.0])
    args = parser.parse_args()
    if args.one:
        _one(*args.one)
        return

    src = str(Path(__file__).resolve().parents[1] / "src")
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), "unknown")
    cores = sum(line.startswith("processor") for line in cpuinfo)
    print(f"machine: {cpu}, {cores} cores; "
          f"python {platform.python_version()}, numpy {np.__version__}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        speech = _speech(folder)
        for seconds in args.durations:
            samples = np.resize(speech, round(seconds * RATE))
            samples += np.random.default_rng(0).normal(0.0, 0.001, samples.size).astype(np.float32)
            npy = folder / f"{seconds:.0f}.npy"
            np.save(npy, samples)
            results = {}
            for kind in ("measure_audio", "parselmouth", "numpy_rms"):
                out = subprocess.run(
                    [sys.executable, __file__, "--one", kind, str(npy)],
                    check=True, capture_output=True, text=True, env={"PYTHONPATH": src, "PATH": "/usr/bin:/bin"},
                )
                results[kind] = json.loads(out.stdout)
            ours = results["measure_audio"]
            print(f"\n{seconds:.0f} s of speech (best of {REPEATS}):")
            for kind, figures in results.items():
                ratio = ours["seconds"] / figures["seconds"] if figures["seconds"] else float("nan")
                print(f"  {kind:14s} {figures['seconds'] * 1000:8.1f} ms  peak +{figures['peak_mb']:6.1f} MB"
                      + ("" if kind == "measure_audio" else f"   measure_audio is {ratio:5.2f}x this"))
            print(f"  real-time factor of measure_audio: {ours['seconds'] / seconds:.4f}")


if __name__ == "__main__":
    main()
