"""Delivery measured from real synthetic speech (espeak-ng, sox): pauses, latency, voice, volume, pitch."""

from __future__ import annotations

import json
import subprocess
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

import speechkit
from interview_app.analysis.acoustics import measure_audio
from interview_app.transcription.types import Word

RATE = speechkit.SAMPLE_RATE
SENTENCES = (
    "I worked at a small cafe during university, and I learned how to serve customers quickly.",
    "My manager asked me to reduce the waiting time at lunch.",
    "So I proposed a new order system with numbered tickets.",
    "As a result, the waiting time dropped by thirty percent.",
    "I learned that small changes can make a big difference.",
)
GAPS_S = (0.6, 1.5, 2.0, 3.0)  # silences inserted after sentences 1-4


def _audible(x: np.ndarray, rate: int = RATE) -> tuple[float, float]:
    """Where a synthesised part is audible (above 1% of its peak), in seconds."""
    loud = np.flatnonzero(np.abs(x) > 0.01 * np.abs(x).max())
    return loud[0] / rate, (loud[-1] + 1) / rate


@dataclass
class Answer:
    samples: np.ndarray
    rate: int
    pauses: list[tuple[float, float]]  # true silences between audible speech
    sentences: list[tuple[float, float]]  # where each sentence is audible


def _assemble(parts: list[np.ndarray], gaps: tuple[float, ...], rate: int = RATE, lead_s: float = 0.0) -> Answer:
    pieces = [np.zeros(round(lead_s * rate), np.float32)]
    t = lead_s
    sentences = []
    for i, part in enumerate(parts):
        start, end = _audible(part, rate)
        sentences.append((t + start, t + end))
        pieces.append(part)
        t += len(part) / rate
        if i < len(gaps):
            pieces.append(np.zeros(round(gaps[i] * rate), np.float32))
            t += gaps[i]
    pauses = [(a[1], b[0]) for a, b in zip(sentences, sentences[1:], strict=False)]
    return Answer(np.concatenate(pieces), rate, pauses, sentences)


def _speak(text: str, out: Path, rate: int = RATE) -> np.ndarray:
    samples, got = speechkit.read_wav(speechkit.speak(text, out, rate=rate))
    assert got == rate
    return samples


def _speak_voice(text: str, out: Path, voice: str) -> np.ndarray:
    return speechkit.read_wav(speechkit.speak(text, out, voice=voice))[0]


@pytest.fixture(scope="module")
def parts(tmp_path_factory: pytest.TempPathFactory) -> list[np.ndarray]:
    folder = tmp_path_factory.mktemp("sentences")
    return [_speak(text, folder / f"s{i}.wav") for i, text in enumerate(SENTENCES)]


@pytest.fixture(scope="module")
def answer(parts: list[np.ndarray]) -> Answer:
    return _assemble(parts, GAPS_S)


def _assert_long_pauses_found(measures, answer: Answer, tolerance: float = 0.3) -> None:
    for (true_start, true_end), inserted in zip(answer.pauses, GAPS_S, strict=True):
        if inserted < 1.5:
            continue
        near = [p for p in measures.long_pauses if abs(p.start - true_start) <= tolerance
                and abs(p.end - true_end) <= tolerance]
        assert near, f"pause {true_start:.2f}-{true_end:.2f} not found in {measures.long_pauses}"


def test_every_inserted_long_pause_is_found_within_300_ms(answer: Answer) -> None:
    measures = measure_audio(answer.samples, RATE)
    _assert_long_pauses_found(measures, answer)
    assert len(measures.long_pauses) == 3
    assert measures.longest_pause_s == pytest.approx(answer.pauses[-1][1] - answer.pauses[-1][0], abs=0.3)


def test_no_long_pause_is_invented_inside_continuous_speech(answer: Answer) -> None:
    measures = measure_audio(answer.samples, RATE)
    # Only the four inserted silences are half a second or longer (the 0.6 s one included).
    assert len([p for p in measures.pauses if p.duration_s >= 0.5]) == 4
    for pause in measures.pauses:
        for start, end in answer.sentences:
            inside = min(pause.end, end) - max(pause.start, start)
            assert inside < 0.5, f"a {pause.duration_s:.2f} s pause inside the sentence at {start:.1f}-{end:.1f}"
    # Speaking time is the sentences' time, not the recording's.
    sentence_time = sum(end - start for start, end in answer.sentences)
    assert measures.speech_s == pytest.approx(sentence_time, rel=0.1)


def test_a_click_or_breath_inside_a_long_pause_does_not_split_it(tmp_path: Path, parts: list[np.ndarray]) -> None:
    click, _ = speechkit.read_wav(speechkit.noise(0.15, tmp_path / "click.wav", color="whitenoise", amplitude=0.3))
    gap = np.zeros(round(1.4 * RATE), np.float32)
    built = _assemble([parts[1], np.concatenate([gap, click, gap]), parts[2]], (0.0, 0.0))
    (_, first_end), _, (second_start, _) = built.sentences
    measures = measure_audio(built.samples, RATE)
    assert len(measures.long_pauses) == 1
    assert measures.long_pauses[0].start == pytest.approx(first_end, abs=0.3)
    assert measures.long_pauses[0].end == pytest.approx(second_start, abs=0.3)


def test_pauses_in_korean_speech_are_found(tmp_path: Path) -> None:
    sentences = ("저는 대학교 때 카페에서 아르바이트를 하면서 고객 응대를 배웠습니다.",
                 "그 결과 대기 시간을 삼십 퍼센트 줄였습니다.",
                 "이 경험을 살려 귀사에 기여하겠습니다.")
    parts = [_speak_voice(text, tmp_path / f"ko{i}.wav", "ko") for i, text in enumerate(sentences)]
    built = _assemble(parts, (2.0, 0.3))
    measures = measure_audio(built.samples, RATE)
    assert len(measures.long_pauses) == 1
    pause = measures.long_pauses[0]
    assert pause.start == pytest.approx(built.pauses[0][0], abs=0.3)
    assert pause.end == pytest.approx(built.pauses[0][1], abs=0.3)
    assert measures.pitch_available


def test_start_latency_of_two_seconds_of_silence(tmp_path: Path, parts: list[np.ndarray]) -> None:
    lead, _ = speechkit.read_wav(speechkit.silence(2.0, tmp_path / "lead.wav"))
    samples = np.concatenate([lead, parts[1]])
    measures = measure_audio(samples, RATE)
    assert measures.start_latency_s == pytest.approx(2.0 + _audible(parts[1])[0], abs=0.2)


@pytest.mark.parametrize(("color", "amplitude"), [("pinknoise", 0.05), ("whitenoise", 0.3), ("brownnoise", 0.5)])
def test_noise_alone_is_not_speech(tmp_path: Path, color: str, amplitude: float) -> None:
    samples, _ = speechkit.read_wav(speechkit.noise(5.0, tmp_path / "noise.wav", color=color, amplitude=amplitude))
    measures = measure_audio(samples, RATE, [Word(0.5, 1.0, " invented", 0.3)])
    assert measures.speech_spans == ()
    assert measures.speech_s == 0.0
    assert measures.start_latency_s is None
    assert measures.volume_dbfs is None
    assert measures.voiced_unworded == ()
    assert measures.pitch_available is False
    assert measures.noise_floor_dbfs > -60.0  # the noise is measured as the room's level


def test_silence_alone_is_not_speech(tmp_path: Path) -> None:
    samples, _ = speechkit.read_wav(speechkit.silence(3.0, tmp_path / "silence.wav"))
    measures = measure_audio(samples, RATE)
    assert not measures.has_speech
    assert measures.pauses == ()
    assert measures.duration_s == pytest.approx(3.0, abs=0.01)
    assert measures.pitch_median_hz is None


@pytest.mark.parametrize("seconds", [0.0, 0.005, 0.05, 0.25])
def test_very_short_audio_is_measured_without_error(parts: list[np.ndarray], seconds: float) -> None:
    start = round(_audible(parts[0])[0] * RATE) + RATE // 2  # inside a word
    samples = parts[0][start : start + round(seconds * RATE)]
    measures = measure_audio(samples, RATE)
    assert measures.duration_s == pytest.approx(seconds, abs=1e-3)
    assert measures.pauses == ()
    assert measures.pitch_available is False  # a quarter second is too little to judge pitch
    json.dumps(measures.to_dict())


def _hum(tmp_path: Path) -> np.ndarray:
    """A sustained "uhhh" (a long schwa), the shape of a dropped filler."""
    raw = tmp_path / "hum.espeak.wav"
    out = tmp_path / "hum.wav"
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "80", "-w", str(raw), "[[@@@@@@@@]]"], check=True)
    subprocess.run(["sox", str(raw), "-r", str(RATE), "-c", "1", "-b", "16", str(out)], check=True)
    return speechkit.read_wav(out)[0]


def test_voice_with_no_word_is_reported_and_a_covering_word_silences_it(tmp_path: Path, parts) -> None:
    hum = _hum(tmp_path)
    built = _assemble([parts[1], hum, parts[2]], (0.8, 0.8))
    (first, hum_span, last) = built.sentences
    words = [Word(first[0], first[1], " manager", 0.9), Word(last[0], last[1], " tickets", 0.9)]

    measures = measure_audio(built.samples, RATE, words)
    assert len(measures.voiced_unworded) == 1
    stretch = measures.voiced_unworded[0]
    assert hum_span[0] - 0.15 <= stretch.start and stretch.end <= hum_span[1] + 0.15
    assert stretch.duration_s >= 0.5

    with_filler = [*words, Word(hum_span[0], hum_span[1], " uh", 0.5)]
    assert measure_audio(built.samples, RATE, with_filler).voiced_unworded == ()


@pytest.mark.model
def test_with_real_whisper_words_only_the_hums_are_voice_without_words(tmp_path: Path, parts, request) -> None:
    pytest.importorskip("interview_app.transcription.transcriber")
    transcriber = request.getfixturevalue("transcriber")
    hum = _hum(tmp_path)
    built = _assemble([parts[0], hum, parts[1], parts[2], hum, parts[3]], (0.5, 0.5, 1.5, 0.3, 0.5))
    hums = [built.sentences[1], built.sentences[4]]
    words = transcriber.transcribe(built.samples, language="en").words
    assert len(words) > 30

    stretches = measure_audio(built.samples, RATE, words).voiced_unworded
    for stretch in stretches:  # nothing invented inside the sentences the words cover
        assert any(start - 0.3 <= stretch.start and stretch.end <= end + 0.3 for start, end in hums), stretch
    for start, end in hums:  # each hum is either reported or was transcribed after all
        reported = any(s.start < end and s.end > start for s in stretches)
        transcribed = any(w.start < end and w.end > start for w in words)
        assert reported or transcribed
    assert stretches, "Whisper transcribed both hums; nothing was left to find"


def test_pauses_are_cross_checked_with_word_timestamps(answer: Answer) -> None:
    # A recogniser that placed the second sentence's first word a second early, inside the pause.
    (_, first_end), (second_start, second_end) = answer.sentences[0], answer.sentences[1]
    words = [Word(0.0, first_end, " first", 0.9), Word(second_start - 1.0, second_end, " second", 0.9)]
    pauses = measure_audio(answer.samples, RATE, words).pauses
    assert pauses[0].word_overlap_s == pytest.approx(1.0 - (answer.pauses[0][1] - pauses[0].end), abs=0.1)
    assert pauses[2].word_overlap_s == 0.0
    assert measure_audio(answer.samples, RATE).pauses[0].word_overlap_s is None


def test_a_word_placed_early_over_a_silence_is_told_apart_from_a_stretched_word(answer: Answer) -> None:
    measures = measure_audio(answer.samples, RATE)
    (_, pause_end), (speech_start, speech_end) = answer.pauses[3], answer.sentences[4]
    # The recogniser's first word after the 3 s pause starts 2 s early and "lasts" 2.3 s.
    early = Word(pause_end - 2.0, speech_start + 0.3, " I", 0.8)
    assert measures.speech_within(early.start, early.end) == pytest.approx(0.3, abs=0.15)
    assert measures.speech_onset_after(early.start) == pytest.approx(speech_start, abs=0.15)
    inside = (speech_start + speech_end) / 2
    assert measures.speech_onset_after(inside) == inside
    assert measures.speech_onset_after(answer.samples.size / RATE) is None


def test_the_same_speech_6_db_quieter_reads_6_db_lower(tmp_path: Path, answer: Answer) -> None:
    loud_path = tmp_path / "loud.wav"
    quiet_path = tmp_path / "quiet.wav"
    _write_wav(loud_path, answer.samples)
    subprocess.run(["sox", str(loud_path), str(quiet_path), "gain", "-6"], check=True)
    quiet, _ = speechkit.read_wav(quiet_path)
    loud_measures = measure_audio(answer.samples, RATE)
    quiet_measures = measure_audio(quiet, RATE)
    assert loud_measures.volume_dbfs - quiet_measures.volume_dbfs == pytest.approx(6.0, abs=0.5)
    assert quiet_measures.volume_variation_db == pytest.approx(loud_measures.volume_variation_db, abs=1.0)
    assert len(quiet_measures.long_pauses) == len(loud_measures.long_pauses) == 3


def test_a_quiet_cheap_microphone_with_hum_noise_and_dc_offset_still_finds_the_pauses(tmp_path, answer) -> None:
    noise, _ = speechkit.read_wav(speechkit.noise(len(answer.samples) / RATE + 0.1, tmp_path / "room.wav",
                                                  amplitude=0.004))
    quiet_speech = answer.samples * 10 ** (-30 / 20)  # speech around -50 dBFS
    t = np.arange(len(quiet_speech)) / RATE
    mains_hum = 0.01 * np.sin(2 * np.pi * 60.0 * t)  # louder than the speech itself
    samples = (quiet_speech + noise[: len(quiet_speech)] + mains_hum + 0.1).astype(np.float32)
    measures = measure_audio(samples, RATE)
    _assert_long_pauses_found(measures, answer)
    assert len(measures.long_pauses) == 3
    assert measures.volume_dbfs < -45.0
    assert 10.0 < measures.snr_db < 40.0
    assert measures.dc_offset == pytest.approx(0.1, abs=0.01)
    clean_pitch = measure_audio(answer.samples, RATE).pitch_median_hz
    assert measures.pitch_median_hz == pytest.approx(clean_pitch, rel=0.05)


def test_echo_in_a_large_room_does_not_delay_the_pauses(tmp_path: Path, answer: Answer) -> None:
    dry, wet = tmp_path / "dry.wav", tmp_path / "wet.wav"
    _write_wav(dry, answer.samples)
    subprocess.run(["sox", str(dry), str(wet), "reverb", "50", "50", "100", "100", "0", "0"], check=True)
    measures = measure_audio(speechkit.read_wav(wet)[0], RATE)
    _assert_long_pauses_found(measures, answer, tolerance=0.2)
    assert len(measures.long_pauses) == 3


def test_clipping_is_measured(answer: Answer) -> None:
    clipped = np.clip(answer.samples * 8.0, -1.0, 1.0)
    assert measure_audio(clipped, RATE).clipping_ratio > 0.01
    assert measure_audio(answer.samples, RATE).clipping_ratio == 0.0


def test_flat_intonation_has_a_smaller_pitch_range(tmp_path: Path) -> None:
    text = SENTENCES[0]
    normal = _speak(text, tmp_path / "normal.wav")
    raw = tmp_path / "flat.espeak.wav"
    ssml = f"<speak><prosody range='0'>{text}</prosody></speak>"
    subprocess.run(["espeak-ng", "-v", "en-us", "-m", "-w", str(raw), ssml], check=True)
    flat_path = tmp_path / "flat.wav"
    subprocess.run(["sox", str(raw), "-r", str(RATE), "-c", "1", "-b", "16", str(flat_path)], check=True)
    flat = speechkit.read_wav(flat_path)[0]
    normal_measures = measure_audio(normal, RATE)
    flat_measures = measure_audio(flat, RATE)
    assert normal_measures.pitch_available and flat_measures.pitch_available
    assert normal_measures.pitch_range_semitones > 2.0
    assert flat_measures.pitch_range_semitones < normal_measures.pitch_range_semitones / 2
    assert flat_measures.pitch_stdev_semitones < normal_measures.pitch_stdev_semitones / 2


@pytest.mark.parametrize("rate", [8000, 16000, 44100])
@pytest.mark.parametrize("frequency", [110.0, 220.0])
def test_a_sine_gives_its_frequency_at_any_sample_rate(tmp_path: Path, rate: int, frequency: float) -> None:
    # A hummed tone between silences (a tone that never changes level is as good as noise).
    quiet = speechkit.silence(0.5, tmp_path / "quiet.wav", rate=rate)
    tone = tmp_path / "sine.wav"
    subprocess.run(["sox", "-n", "-r", str(rate), "-c", "1", "-b", "16", str(tone),
                    "synth", "2", "sine", str(frequency), "vol", "0.3"], check=True)
    samples, got = speechkit.read_wav(speechkit.concat([quiet, tone, quiet], tmp_path / "hum.wav"))
    assert got == rate
    measures = measure_audio(samples, rate)
    assert measures.pitch_available
    assert measures.pitch_median_hz == pytest.approx(frequency, rel=0.01)
    assert measures.pitch_range_semitones < 0.2
    assert measures.start_latency_s == pytest.approx(0.5, abs=0.05)
    assert measures.speech_s == pytest.approx(2.0, abs=0.1)
    assert measures.volume_dbfs == pytest.approx(20 * np.log10(0.3 / np.sqrt(2)), abs=0.5)


def test_a_recording_at_44_1_khz_gives_the_same_pauses(tmp_path: Path) -> None:
    parts = [_speak(text, tmp_path / f"hi{i}.wav", rate=44100) for i, text in enumerate(SENTENCES)]
    built = _assemble(parts, GAPS_S, rate=44100)
    measures = measure_audio(built.samples, 44100)
    _assert_long_pauses_found(measures, built)
    assert len(measures.long_pauses) == 3


def test_integer_pcm_and_stereo_read_like_float_mono(answer: Answer) -> None:
    reference = measure_audio(answer.samples, RATE)
    pcm = np.round(answer.samples * 32767).astype(np.int16)
    stereo = np.stack([answer.samples, answer.samples], axis=1)
    for other in (measure_audio(pcm, RATE), measure_audio(stereo, RATE)):
        assert other.speech_spans == reference.speech_spans
        assert other.volume_dbfs == pytest.approx(reference.volume_dbfs, abs=0.01)


def test_a_ten_minute_answer_finds_every_pause(answer: Answer) -> None:
    repeats = int(np.ceil(600 * RATE / len(answer.samples)))
    samples = np.tile(answer.samples, repeats)
    measures = measure_audio(samples, RATE)
    assert measures.duration_s >= 600
    assert len(measures.long_pauses) == 3 * repeats
    assert len([p for p in measures.pauses if p.duration_s >= 0.5]) == 4 * repeats


def test_the_json_form_is_stable_and_plain(answer: Answer) -> None:
    data = measure_audio(answer.samples, RATE, [Word(0.0, 1.0, " I", 0.9)]).to_dict()
    assert data["schema"] == "interview-app/acoustics/1"
    assert data["long_pause_count"] == 3
    assert data["pauses"][1]["duration_s"] >= 1.5
    assert json.loads(json.dumps(data)) == data


def _write_wav(path: Path, samples: np.ndarray, rate: int = RATE) -> None:
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(np.round(np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes())
