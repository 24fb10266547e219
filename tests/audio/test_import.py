"""Without a microphone, an audio file can be taken as the answer."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import speechkit
from interview_app.audio.importing import import_answer
from interview_app.errors import EXIT_INPUT, UserError


def test_imported_file_becomes_a_16k_mono_answer(speech_wav: Path, speech_wav_48k: Path,
                                                 private_data_dir: Path) -> None:
    recording = import_answer(speech_wav_48k)
    assert recording.path.parent == private_data_dir / "recordings"
    assert (recording.sample_rate, recording.channels) == (16_000, 1)
    assert recording.imported_from == str(speech_wav_48k)
    assert recording.duration_s == pytest.approx(speechkit.duration(speech_wav), abs=0.01)
    reference, _ = speechkit.read_wav(speech_wav)
    got = recording.samples_16k()
    n = min(len(got), len(reference))
    assert np.corrcoef(got[:n], reference[:n])[0, 1] > 0.99


def test_missing_file_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(UserError) as error:
        import_answer(tmp_path / "답변.wav")
    assert error.value.exit_code == EXIT_INPUT and "답변.wav" in error.value.message
