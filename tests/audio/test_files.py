from __future__ import annotations

import subprocess

import numpy as np
import pytest

import speechkit
from interview_app.audio.files import SAMPLE_RATE, AudioFileError, load_audio
from interview_app.errors import EXIT_INPUT


@pytest.fixture(scope="module")
def spoken(tmp_path_factory) -> tuple:
    """A 22.05 kHz espeak-ng sentence and its samples at 16 kHz, as the reference."""
    folder = tmp_path_factory.mktemp("audio")
    wav = speechkit.speak("Please describe your strengths.", folder / "speech.wav", rate=22_050)
    reference = speechkit.speak("Please describe your strengths.", folder / "speech16.wav")
    return wav, speechkit.read_wav(reference)[0]


@pytest.mark.parametrize(
    ("suffix", "extra"),
    [(".wav", ()), (".flac", ("-r", "44100")), (".mp3", ()), (".ogg", ("-r", "48000")), (".m4a", None)],
)
def test_every_supported_format_decodes_to_16k_mono_float(spoken, tmp_path, suffix, extra):
    source, reference = spoken
    target = tmp_path / f"answer{suffix}"
    if extra is None:  # sox cannot write M4A; ffmpeg can
        subprocess.run(["ffmpeg", "-loglevel", "error", "-i", str(source), str(target)], check=True)
    else:
        speechkit.convert(source, target, *extra)
    samples = load_audio(target)
    assert samples.dtype == np.float32 and samples.ndim == 1
    # Same length as the 16 kHz reference, give or take codec padding (MP3/AAC add a few frames).
    assert abs(samples.size - reference.size) < 0.1 * SAMPLE_RATE
    n = min(samples.size, reference.size)
    level = np.sqrt(np.mean(samples[:n] ** 2)) / np.sqrt(np.mean(reference[:n] ** 2))
    assert 0.7 < level < 1.3


def test_stereo_is_downmixed(tmp_path):
    tone = tmp_path / "tone.wav"
    quiet = tmp_path / "quiet.wav"
    subprocess.run(["sox", "-n", "-r", "44100", "-c", "1", "-b", "16", str(tone), "synth", "1", "sine", "440",
                    "vol", "0.5"], check=True)
    speechkit.silence(1, quiet, rate=44_100)
    stereo = tmp_path / "stereo.flac"
    subprocess.run(["sox", "-M", str(tone), str(quiet), str(stereo)], check=True)
    samples = load_audio(stereo)
    assert samples.size == pytest.approx(SAMPLE_RATE, abs=50)
    # The tone on the left channel only comes through at half level: the channels were averaged.
    assert np.abs(samples).max() == pytest.approx(0.25, abs=0.03)


def _corrupt(tmp_path):
    path = tmp_path / "answer.wav"
    path.write_bytes(b"RIFF\x00\x00\x00\x00WAVEjunkjunkjunk" * 20)
    return path


def _empty(tmp_path):
    path = tmp_path / "answer.flac"
    path.write_bytes(b"")
    return path


def _text_as_ogg(tmp_path):
    path = tmp_path / "answer.ogg"
    path.write_text("this is not audio\n" * 50)
    return path


def _unsupported(tmp_path):
    return speechkit.silence(1, tmp_path / "answer.aiff")


def _truncated(tmp_path):
    speech = speechkit.speak("This answer was cut off.", tmp_path / "full.wav")
    flac = speechkit.convert(speech, tmp_path / "full.flac")
    path = tmp_path / "cut.flac"
    path.write_bytes(flac.read_bytes()[:200])
    return path


def _header_only(tmp_path):
    path = speechkit.silence(0, tmp_path / "nothing.wav")
    return path


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda tmp: tmp / "missing.wav", "not found"),
        (_empty, "empty"),
        (_corrupt, "damaged"),
        (_text_as_ogg, "damaged"),
        (_truncated, "damaged"),
        (_unsupported, "unsupported format '.aiff'"),
        (_header_only, "no sound"),
        (lambda tmp: tmp, "folder"),
    ],
)
def test_unreadable_files_name_the_file_and_the_problem(tmp_path, make, words):
    path = make(tmp_path)
    with pytest.raises(AudioFileError) as caught:
        load_audio(path)
    assert words in caught.value.message
    assert str(path) in caught.value.message
    assert "\n" not in caught.value.message
    assert caught.value.exit_code == EXIT_INPUT
