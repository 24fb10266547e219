"""Take an audio file as an answer: the way to practise without a microphone.

The file is decoded by :func:`interview_app.audio.files.load_audio` (any format it reads) and
stored in the recordings folder as a 16 kHz mono WAV, so an imported answer is a
:class:`~interview_app.audio.recorder.Recording` like a recorded one.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import wave
from collections.abc import Callable
from pathlib import Path

import numpy as np

from interview_app import paths
from interview_app.audio.recorder import TRANSCRIPTION_RATE, Recording
from interview_app.audio.resample import resample
from interview_app.audio.wavstream import read_pcm
from interview_app.errors import EXIT_INPUT, UserError
from interview_app.fileio import atomic_writer


def _loader() -> Callable[[str | os.PathLike[str]], np.ndarray]:
    try:
        from interview_app.audio.files import load_audio
    except ImportError:  # the general decoder is not installed in this build: WAV only
        return _load_wav
    return load_audio


def _load_wav(path: str | os.PathLike[str]) -> np.ndarray:
    file = Path(path)
    if not file.is_file():
        raise UserError(f"{file}: file not found; check the name and folder", exit_code=EXIT_INPUT)
    try:
        pcm, rate = read_pcm(file)
    except (OSError, ValueError, EOFError) as error:
        raise UserError(f"{file}: not a 16-bit WAV file this build can read ({error})", exit_code=EXIT_INPUT) from None
    return resample(pcm.mean(axis=1, dtype=np.float32), rate, TRANSCRIPTION_RATE)


def import_answer(source: str | os.PathLike[str], out_dir: str | os.PathLike[str] | None = None) -> Recording:
    """Decode ``source`` and keep it as a 16 kHz mono WAV answer; raises a UserError the person can act on."""
    source = Path(source)
    samples = _loader()(source)
    folder = Path(out_dir) if out_dir is not None else paths.recordings_dir()
    stem = re.sub(r"[^\w-]+", "_", source.stem)[:40] or "answer"
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"imported-{stamp}-{stem}.wav"
    pcm = (np.clip(samples, -1.0, 1.0) * 32767.0).round().astype("<i2")
    with atomic_writer(target, "wb") as handle, wave.open(handle, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(TRANSCRIPTION_RATE)
        wav.writeframes(pcm.tobytes())
    recording = Recording.from_file(target)
    return Recording(
        path=target,
        sample_rate=recording.sample_rate,
        channels=1,
        duration_s=recording.duration_s,
        imported_from=str(source),
    )
