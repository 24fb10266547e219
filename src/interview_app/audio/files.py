"""Read an audio file into the one shape the pipeline uses: float32, 16 kHz, mono.

WAV, FLAC, MP3, M4A (AAC) and OGG (Vorbis or Opus) at any sample rate are decoded with
PyAV (the FFmpeg libraries faster-whisper already ships with); several channels are
averaged into one. Every problem a person can fix raises :class:`AudioFileError` naming
the file and what is wrong with it.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import av
import numpy as np

from interview_app.errors import EXIT_INPUT, UserError

log = logging.getLogger(__name__)

SAMPLE_RATE = 16_000

# Suffixes the app accepts, with the name people know the format by.
SUPPORTED_FORMATS: dict[str, str] = {
    ".wav": "WAV",
    ".flac": "FLAC",
    ".mp3": "MP3",
    ".m4a": "M4A",
    ".ogg": "OGG",
    ".oga": "OGG",
    ".opus": "OGG (Opus)",
}


class AudioFileError(UserError):
    """An audio file is missing, empty, corrupt or in a format the app does not read."""

    exit_code = EXIT_INPUT

    def __init__(self, path: str | os.PathLike[str], problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


def supported_formats_text() -> str:
    return ", ".join(dict.fromkeys(name.split(" ")[0] for name in SUPPORTED_FORMATS.values()))


def load_audio(path: str | os.PathLike[str]) -> np.ndarray:
    """Decode ``path`` to float32 samples in [-1, 1] at :data:`SAMPLE_RATE`, one channel.

    Raises :class:`AudioFileError` when the file is missing, empty, corrupt, has no sound
    in it, or is not one of :data:`SUPPORTED_FORMATS`.
    """
    file = Path(path)
    if not file.exists():
        raise AudioFileError(file, "file not found; check the name and folder")
    if file.is_dir():
        raise AudioFileError(file, "is a folder, not an audio file")
    if file.suffix.lower() not in SUPPORTED_FORMATS:
        raise AudioFileError(
            file, f"unsupported format '{file.suffix or '(no extension)'}'; use {supported_formats_text()}"
        )
    try:
        size = file.stat().st_size
    except OSError as error:
        raise AudioFileError(file, f"cannot be read ({error.strerror})") from None
    if size == 0:
        raise AudioFileError(file, "the file is empty (0 bytes); record the answer again")
    try:
        samples = _decode(file)
    except AudioFileError:
        raise
    except PermissionError:
        raise AudioFileError(file, "permission denied; check who may read the file") from None
    except (av.FFmpegError, OSError, ValueError, IndexError, RuntimeError) as error:
        log.info("decoding %s failed: %r", file, error)
        raise AudioFileError(
            file, "the file is damaged or not really audio; record it again or export it anew"
        ) from None
    if samples.size == 0:
        raise AudioFileError(file, "holds no sound (0 samples); record the answer again")
    return samples


def _decode(file: Path) -> np.ndarray:
    """Decode every audio frame, resample to 16 kHz float planar, then average the channels."""
    with av.open(str(file), mode="r", metadata_errors="ignore") as container:
        if not container.streams.audio:
            raise AudioFileError(file, "contains no audio track")
        stream = container.streams.audio[0]
        stream.codec_context.thread_type = "AUTO"
        resampler: av.AudioResampler | None = None
        chunks: list[np.ndarray] = []

        def take(frames: list[av.AudioFrame]) -> None:
            for out in frames:
                chunks.append(out.to_ndarray())  # shape (channels, samples), planar float

        for frame in container.decode(stream):
            if resampler is None:
                # Keep the channel layout so the downmix below is a plain average.
                resampler = av.AudioResampler(format="fltp", layout=frame.layout.name, rate=SAMPLE_RATE)
            take(resampler.resample(frame))
        if resampler is not None:
            take(resampler.resample(None))
    if not chunks:
        return np.zeros(0, dtype=np.float32)
    planar = np.concatenate(chunks, axis=1).astype(np.float32, copy=False)
    chunks.clear()
    # One row of a C-ordered array is already contiguous: mono input costs no further copy.
    mono = planar.mean(axis=0, dtype=np.float32) if planar.shape[0] > 1 else planar[0]
    np.clip(mono, -1.0, 1.0, out=mono)
    return mono
