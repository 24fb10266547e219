"""Answers with real audio: espeak-ng speech at known rates with inserted silences (sox-free joins).

The words are laid over each spoken sentence in proportion to their length, as a recogniser
would time them; the pauses come from the audio itself.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import speechkit
from interview_app.analysis import analyze_answer
from interview_app.transcription.types import Transcript

SENTENCES = [
    "My greatest strength is turning messy data into clear decisions.",
    "During my internship our reports were scattered across twelve spreadsheets.",
    "I built a small script that merged the files every morning.",
    "As a result the weekly report took twenty minutes instead of three hours.",
]
GAPS_S = (1.6, 0.4, 2.0)  # silences inserted after sentences 1, 2 and 3
LEAD_S = 0.5
RATE = speechkit.SAMPLE_RATE


def _trim(samples: np.ndarray, threshold: float = 0.01) -> np.ndarray:
    loud = np.flatnonzero(np.abs(samples) > threshold)
    return samples[loud[0]: loud[-1] + 1]


def build_answer(tmp: Path, words_per_min: int) -> tuple[Transcript, np.ndarray, list[tuple[float, float]]]:
    """Speech, the transcript a recogniser would give, and where the silences were inserted."""
    audio = [np.zeros(int(LEAD_S * RATE), np.float32)]
    words: list[dict] = []
    inserted: list[tuple[float, float]] = []
    t = LEAD_S
    for k, sentence in enumerate(SENTENCES):
        spoken, _ = speechkit.read_wav(speechkit.speak(sentence, tmp / f"s{k}.wav", words_per_min=words_per_min))
        spoken = _trim(spoken)
        seconds = len(spoken) / RATE
        tokens = sentence.split()
        letters = sum(len(w) for w in tokens)
        cursor = t
        for token in tokens:
            span = seconds * len(token) / letters
            words.append({"word": " " + token, "start": round(cursor, 3), "end": round(cursor + span - 0.02, 3),
                          "probability": 0.9})
            cursor += span
        audio.append(spoken)
        t += seconds
        if k < len(GAPS_S):
            audio.append(np.zeros(int(GAPS_S[k] * RATE), np.float32))
            inserted.append((t, t + GAPS_S[k]))
            t += GAPS_S[k]
    audio.append(np.zeros(RATE // 2, np.float32))
    samples = np.concatenate(audio)
    transcript = Transcript.from_dict({"language": "en", "duration_s": len(samples) / RATE, "words": words,
                                       "question": "What is your greatest strength?"})
    return transcript, samples, inserted


@pytest.mark.parametrize(("words_per_min", "band"), [(80, "slow"), (160, "ok"), (260, "fast")])
def test_pace_band_and_every_long_pause_within_300_ms(tmp_path: Path, words_per_min: int, band: str) -> None:
    transcript, samples, inserted = build_answer(tmp_path, words_per_min)
    result = analyze_answer(transcript, audio=samples)
    assert result.pace["verdict"] == band, result.pace["value"]
    found = [(p["start"], p["end"]) for p in result.pauses["items"]]
    long_inserted = [(a, b) for a, b in inserted if b - a >= 1.5]
    assert len(found) == len(long_inserted)
    for (a, b), (fa, fb) in zip(long_inserted, found, strict=True):
        assert abs(fa - a) <= 0.3 and abs(fb - b) <= 0.3, (a, b, fa, fb)
    assert all(p["source"] in ("audio", "both") for p in result.pauses["items"])
    assert result.voice is not None and result.voice["volume_verdict"] == "ok"
    assert not any(s["what"] == "voice" for s in result.skipped)
    assert result.latency["seconds"] == pytest.approx(LEAD_S, abs=0.1)


@pytest.mark.model
def test_audio_path_through_the_command_line_needs_the_model(tmp_path: Path) -> None:
    """`interview-app analyze --audio` transcribes with the bundled model, then analyses."""
    pytest.importorskip("interview_app.transcription.transcriber")
    pytest.importorskip("interview_app.audio.files")
    from interview_app.cli import main

    transcript, samples, inserted = build_answer(tmp_path, 160)
    wav = tmp_path / "answer.wav"
    pcm = (np.clip(samples, -1, 1) * 32767).astype("<i2")
    import wave

    with wave.open(str(wav), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(pcm.tobytes())
    out_json = tmp_path / "out.json"
    assert main(["analyze", "--audio", str(wav), "--lang", "en", "--question", "What is your greatest strength?",
                 "--json", str(out_json)]) == 0
    result = json.loads(out_json.read_text(encoding="utf-8"))
    assert result["language"] == "en"
    assert result["pace"]["verdict"] == "ok"
    long_inserted = [(a, b) for a, b in inserted if b - a >= 1.5]
    found = [(p["start"], p["end"]) for p in result["pauses"]["items"]]
    assert len(found) == len(long_inserted)
    for (a, b), (fa, fb) in zip(long_inserted, found, strict=True):
        assert abs(fa - a) <= 0.3 and abs(fb - b) <= 0.3
    assert result["structure"]["conclusion_first"]
