"""Real test audio made at test time: espeak-ng speech, sox silences and noise.

Every helper writes 16 kHz mono 16-bit WAV unless told otherwise. Whisper does not recognise
espeak-ng's Korean voice, so Korean speech is covered through transcript fixtures instead.
"""

from __future__ import annotations

import shutil
import subprocess
import wave
from collections.abc import Sequence
from pathlib import Path

import numpy as np

SAMPLE_RATE = 16_000


def _run(command: Sequence[str]) -> None:
    subprocess.run(list(command), check=True, capture_output=True)


def require_tools() -> None:
    missing = [tool for tool in ("espeak-ng", "sox") if shutil.which(tool) is None]
    if missing:
        raise RuntimeError(f"test speech needs {', '.join(missing)} (scripts/setup.sh installs them)")


def speak(text: str, out: Path, *, voice: str = "en-us", words_per_min: int = 160,
          rate: int = SAMPLE_RATE) -> Path:
    """Synthesise ``text`` with espeak-ng at ``words_per_min`` and resample to ``rate`` mono."""
    require_tools()
    raw = out.with_suffix(".espeak.wav")
    _run(["espeak-ng", "-v", voice, "-s", str(words_per_min), "-w", str(raw), text])
    _run(["sox", str(raw), "-r", str(rate), "-c", "1", "-b", "16", str(out)])
    raw.unlink()
    return out


def silence(seconds: float, out: Path, *, rate: int = SAMPLE_RATE) -> Path:
    _run(["sox", "-n", "-r", str(rate), "-c", "1", "-b", "16", str(out), "trim", "0", f"{seconds}"])
    return out


def noise(seconds: float, out: Path, *, amplitude: float = 0.05, color: str = "pinknoise",
          rate: int = SAMPLE_RATE) -> Path:
    _run(["sox", "-n", "-r", str(rate), "-c", "1", "-b", "16", str(out),
          "synth", f"{seconds}", color, "vol", f"{amplitude}"])
    return out


def concat(parts: Sequence[Path], out: Path) -> Path:
    """Join WAV files end to end (same rate and channels)."""
    _run(["sox", *map(str, parts), str(out)])
    return out


def convert(src: Path, out: Path, *extra: str) -> Path:
    """Convert with sox; the output format follows ``out``'s suffix (flac, ogg, mp3...)."""
    _run(["sox", str(src), *extra, str(out)])
    return out


def duration(path: Path) -> float:
    with wave.open(str(path), "rb") as wav:
        return wav.getnframes() / wav.getframerate()


def read_wav(path: Path) -> tuple[np.ndarray, int]:
    """Return float32 samples in [-1, 1] (first channel) and the sample rate."""
    with wave.open(str(path), "rb") as wav:
        frames = wav.readframes(wav.getnframes())
        channels = wav.getnchannels()
        rate = wav.getframerate()
    samples = np.frombuffer(frames, dtype="<i2").astype(np.float32) / 32768.0
    return samples.reshape(-1, channels)[:, 0].copy(), rate
