"""A WAV file written as audio arrives, readable at any moment, repairable after a crash.

The header is rewritten with the true sizes at least every second and the data is fsync'ed as
often, so a crash or power cut loses at most about a second. A marker file beside the WAV
(``NAME.wav.recording``, JSON) exists from before the first sample until the final fsync: a WAV
that still has its marker is unfinished and :func:`repair` fixes its header from the file size.
"""

from __future__ import annotations

import contextlib
import json
import os
import struct
import wave
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from interview_app.fileio import write_text_atomic

HEADER_BYTES = 44
SAMPLE_WIDTH = 2  # 16-bit PCM
MARKER_SUFFIX = ".recording"


def marker_path(wav_path: Path) -> Path:
    return wav_path.with_name(wav_path.name + MARKER_SUFFIX)


def _header(sample_rate: int, channels: int, data_bytes: int) -> bytes:
    block_align = channels * SAMPLE_WIDTH
    return (
        b"RIFF"
        + struct.pack("<I", 36 + data_bytes)
        + b"WAVEfmt "
        + struct.pack("<IHHIIHH", 16, 1, channels, sample_rate, sample_rate * block_align, block_align, 16)
        + b"data"
        + struct.pack("<I", data_bytes)
    )


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform can open a folder (Windows)
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class WavStream:
    """Append 16-bit PCM frames to ``path``; :meth:`checkpoint` makes what is there durable."""

    def __init__(self, path: Path, sample_rate: int, channels: int, info: dict[str, Any] | None = None) -> None:
        self.path = path
        self.sample_rate = sample_rate
        self.channels = channels
        self.data_bytes = 0
        marker = {
            "schema": "interview-app/recording-marker/1",
            "pid": os.getpid(),
            "sample_rate": sample_rate,
            "channels": channels,
            "sample_width": SAMPLE_WIDTH,
            **(info or {}),
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(marker_path(path), json.dumps(marker, ensure_ascii=False))
        self._file: BinaryIO = open(path, "wb")  # noqa: SIM115 - kept open while recording
        self._file.write(_header(sample_rate, channels, 0))
        self._file.flush()
        _fsync_dir(path.parent)

    @property
    def frames(self) -> int:
        return self.data_bytes // (SAMPLE_WIDTH * self.channels)

    def write(self, pcm: bytes) -> None:
        """Append interleaved little-endian int16 frames (handed to the OS at once)."""
        self._file.write(pcm)
        self._file.flush()
        self.data_bytes += len(pcm)

    def checkpoint(self) -> None:
        """Rewrite the header with the current sizes and fsync everything written so far."""
        self._file.seek(0)
        self._file.write(_header(self.sample_rate, self.channels, self.data_bytes))
        self._file.seek(0, os.SEEK_END)
        self._file.flush()
        os.fsync(self._file.fileno())

    def close(self) -> None:
        """Finish: final header, fsync, then remove the marker (the file is now complete)."""
        if self._file.closed:
            return
        try:
            self.checkpoint()
        finally:
            self._file.close()
        with contextlib.suppress(FileNotFoundError):
            marker_path(self.path).unlink()
        _fsync_dir(self.path.parent)


def repair(wav_path: Path) -> int:
    """Fix an unfinished WAV's header from its size (dropping a torn last frame); return its frames."""
    marker = marker_path(wav_path)
    info: dict[str, Any] = {}
    with contextlib.suppress(OSError, ValueError):
        info = json.loads(marker.read_text(encoding="utf-8"))
    sample_rate = int(info.get("sample_rate", 0))
    channels = int(info.get("channels", 0))
    size = wav_path.stat().st_size
    with open(wav_path, "r+b") as handle:
        head = handle.read(HEADER_BYTES)
        if not (sample_rate and channels) and len(head) == HEADER_BYTES and head[:4] == b"RIFF":
            channels, sample_rate = struct.unpack("<HI", head[22:28])
        if not (sample_rate and channels):
            raise ValueError(f"{wav_path} has neither a marker nor a header to repair it from")
        frame_bytes = channels * SAMPLE_WIDTH
        data_bytes = max(0, size - HEADER_BYTES) // frame_bytes * frame_bytes
        handle.truncate(HEADER_BYTES + data_bytes)
        handle.seek(0)
        handle.write(_header(sample_rate, channels, data_bytes))
        handle.flush()
        os.fsync(handle.fileno())
    marker.unlink(missing_ok=True)
    _fsync_dir(wav_path.parent)
    return data_bytes // frame_bytes


def read_marker(wav_path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(marker_path(wav_path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def read_pcm(path: Path) -> tuple[np.ndarray, int]:
    """A 16-bit WAV as float32 of shape (frames, channels) in [-1, 1], and its sample rate."""
    with wave.open(str(path), "rb") as wav:
        if wav.getsampwidth() != SAMPLE_WIDTH:
            raise ValueError(f"{path} is not 16-bit PCM")
        channels = wav.getnchannels()
        rate = wav.getframerate()
        frames = wav.readframes(wav.getnframes())
    samples = np.frombuffer(frames, dtype="<i2").astype(np.float32) / 32768.0
    return samples.reshape(-1, channels), rate
