"""The recorder keeps every frame it is given, in order, and says what went wrong."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest
from fakemic import FakeMicrophone, read_int16
from soxkit import digital_silence, sox_effect

import speechkit
from interview_app.audio.levels import Level
from interview_app.audio.recorder import Recorder, RecorderWarning, Recording
from interview_app.audio.wavstream import marker_path


def record_all(
    mic: FakeMicrophone, out: Path, **kwargs: object
) -> tuple[Recording, list[Level], list[RecorderWarning]]:
    levels: list[Level] = []
    warnings: list[RecorderWarning] = []
    recorder = Recorder(stream_factory=mic, on_level=levels.append, on_warning=warnings.append,
                        stall_timeout_s=60, **kwargs)  # type: ignore[arg-type]
    recorder.start(out)
    assert mic.drained.wait(30)
    return recorder.stop(), levels, warnings


def test_recording_is_the_fed_audio_bit_for_bit(speech_wav: Path, tmp_path: Path) -> None:
    mic = FakeMicrophone(speech_wav)
    recording, _, _ = record_all(mic, tmp_path / "answer.wav")
    fed, rate = read_int16(speech_wav)
    kept, kept_rate = read_int16(recording.path)
    assert kept_rate == rate == recording.sample_rate
    assert np.array_equal(kept, fed)
    assert recording.duration_s == pytest.approx(len(fed) / rate)
    assert not marker_path(recording.path).exists()  # finished: nothing left to recover


def test_48k_stereo_device_keeps_original_and_gives_16k_mono(speech_wav: Path, speech_wav_48k: Path,
                                                            tmp_path: Path) -> None:
    mic = FakeMicrophone(speech_wav_48k)
    recording, _, _ = record_all(mic, tmp_path / "answer.wav")
    assert recording.sample_rate == 48000  # opened at the rate the device supports
    assert np.array_equal(read_int16(recording.path)[0][:, 0], read_int16(speech_wav_48k)[0][:, 0])
    sixteen = recording.samples_16k()
    reference, _ = speechkit.read_wav(speech_wav)
    assert sixteen.dtype == np.float32
    assert abs(len(sixteen) - len(reference)) <= 2
    n = min(len(sixteen), len(reference))
    assert np.corrcoef(sixteen[:n], reference[:n])[0, 1] > 0.99


def test_level_feed_is_about_twenty_per_second(speech_wav: Path, tmp_path: Path) -> None:
    mic = FakeMicrophone(speech_wav)
    levels: list[Level] = []
    threads: set[str] = set()

    def on_level(level: Level) -> None:
        levels.append(level)
        threads.add(threading.current_thread().name)

    recorder = Recorder(stream_factory=mic, on_level=on_level, stall_timeout_s=60)
    recorder.start(tmp_path / "a.wav")
    assert mic.drained.wait(30)
    recording = recorder.stop()
    assert threads == {"recording-writer"}  # never the audio callback's thread: a slow meter cannot drop audio
    assert abs(len(levels) - 20 * recording.duration_s) <= 2
    loudest = max(level.rms_dbfs for level in levels)
    assert -40 < loudest < 0  # speech shows on the meter
    assert min(level.rms_dbfs for level in levels) < loudest - 20  # and the gaps between words too


def test_pause_leaves_out_what_was_said_while_paused(speech_wav: Path, tmp_path: Path) -> None:
    mic = FakeMicrophone(speech_wav, manual=True)
    recorder = Recorder(stream_factory=mic, stall_timeout_s=60)
    recorder.start(tmp_path / "a.wav")
    frames, rate = read_int16(speech_wav)
    first, second, third = frames[:rate], frames[rate:2 * rate], frames[2 * rate:3 * rate]
    stream = mic.streams[-1]
    stream.push(first)
    recorder.pause()
    assert recorder.state == "paused"
    stream.push(second)
    recorder.resume()
    stream.push(third)
    assert recorder.elapsed_s == pytest.approx(2.0)
    recording = recorder.stop()
    kept, _ = read_int16(recording.path)
    assert np.array_equal(kept, np.concatenate([first, third]))


def test_unplugged_mid_answer_keeps_the_partial_answer(speech_wav: Path, tmp_path: Path) -> None:
    mic = FakeMicrophone(speech_wav, fail_after_s=2.5)
    warnings: list[RecorderWarning] = []
    recorder = Recorder(stream_factory=mic, on_warning=warnings.append, stall_timeout_s=60)
    recorder.start(tmp_path / "a.wav")
    assert mic.drained.wait(30)
    recording = recorder.stop()  # the lost device fails to stop; the recording is still returned
    fed, rate = read_int16(speech_wav)
    kept, _ = read_int16(recording.path)
    assert len(kept) == mic.delivered_frames >= int(2.4 * rate)
    assert np.array_equal(kept, fed[: len(kept)])
    assert "device_lost" in recording.warning_codes
    lost = next(w for w in recording.warnings if w.code == "device_lost")
    assert "kept" in lost.message and "마이크" in lost.message_ko


def test_a_driver_that_hangs_on_a_lost_device_does_not_hold_the_answer(speech_wav: Path, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from interview_app.audio import recorder as recorder_module

    monkeypatch.setattr(recorder_module, "STREAM_CALL_TIMEOUT_S", 0.3)
    release = threading.Event()
    mic = FakeMicrophone(speech_wav, fail_after_s=1.5, hang_on_stop=release)
    recorder = Recorder(stream_factory=mic, stall_timeout_s=60)
    recorder.start(tmp_path / "a.wav")
    try:
        assert mic.drained.wait(30)
        recording = recorder.stop()  # returns although the device's stop() never does
    finally:
        release.set()
    assert recording.duration_s == pytest.approx(1.5, abs=0.02)
    assert "device_lost" in recording.warning_codes
    assert np.array_equal(read_int16(recording.path)[0], read_int16(speech_wav)[0][:len(read_int16(recording.path)[0])])


def test_a_device_slow_to_start_is_not_taken_for_a_lost_one(speech_wav: Path, tmp_path: Path) -> None:
    mic = FakeMicrophone(speech_wav, start_delay_s=0.6)
    recorder = Recorder(stream_factory=mic, stall_timeout_s=0.3)
    recorder.start(tmp_path / "a.wav")
    assert mic.drained.wait(30)
    recording = recorder.stop()
    assert recording.warnings == ()
    assert np.array_equal(read_int16(recording.path)[0], read_int16(speech_wav)[0])


def test_device_that_silently_stops_is_noticed(speech_wav: Path, tmp_path: Path) -> None:
    mic = FakeMicrophone(speech_wav, fail_after_s=1.0, fail_mode="stall")
    warnings: list[RecorderWarning] = []
    recorder = Recorder(stream_factory=mic, on_warning=warnings.append, stall_timeout_s=0.5)
    recorder.start(tmp_path / "a.wav")
    assert mic.drained.wait(30)
    deadline_ok = _wait_for(lambda: recorder.state == "device_lost", 10)
    assert deadline_ok, "a device that stopped delivering audio was not noticed"
    assert [w.code for w in warnings] == ["device_lost"]
    recording = recorder.stop()
    assert recording.duration_s == pytest.approx(1.0, abs=0.02)


def test_overflows_are_counted_and_reported(speech_wav: Path, tmp_path: Path) -> None:
    mic = FakeMicrophone(speech_wav, overflow_blocks=(3, 40, 41))
    recording, _, warnings = record_all(mic, tmp_path / "a.wav")
    assert recording.overflows == 3
    overflow = [w for w in recording.warnings if w.code == "overflow"]
    assert len(overflow) == 1 and "3" in overflow[0].message
    assert "overflow" in [w.code for w in warnings]


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda d: sox_effect(speechkit.speak("I am very loud", d / "s.wav"), d / "loud.wav", "gain", "20"),
         "clipping"),
        (lambda d: sox_effect(
            speechkit.concat([speechkit.speak("I am whispering far from the microphone", d / "s.wav"),
                              speechkit.silence(3, d / "z.wav")], d / "c.wav"), d / "quiet.wav", "vol", "0.004"),
         "too_quiet"),
        (lambda d: digital_silence(3, d / "dead.wav"), "dead_input"),
    ],
    ids=["clipping", "too_quiet", "dead_input"],
)
def test_warnings_on_real_signals(make, code: str, tmp_path: Path) -> None:  # noqa: ANN001
    wav = make(tmp_path)
    recording, _, warnings = record_all(FakeMicrophone(wav), tmp_path / "a.wav")
    assert [w.code for w in warnings] == [code]
    assert recording.warning_codes == (code,)


def test_normal_speech_raises_no_warning(speech_wav: Path, tmp_path: Path) -> None:
    recording, _, warnings = record_all(FakeMicrophone(speech_wav), tmp_path / "a.wav")
    assert warnings == [] and recording.warnings == ()


def test_default_file_goes_to_the_recordings_folder(speech_wav: Path, private_data_dir: Path) -> None:
    mic = FakeMicrophone(speech_wav)
    recorder = Recorder(stream_factory=mic, stall_timeout_s=60)
    path = recorder.start()
    assert mic.drained.wait(30)
    recording = recorder.stop()
    assert path == recording.path and path.parent == private_data_dir / "recordings"
    assert Recording.from_file(path).duration_s == pytest.approx(recording.duration_s)


def test_stop_without_start_is_a_bug_not_a_silent_success() -> None:
    with pytest.raises(RuntimeError):
        Recorder(stream_factory=FakeMicrophone(source=np.zeros((10, 1), np.int16))).stop()


def _wait_for(condition, seconds: float) -> bool:  # noqa: ANN001
    import threading
    import time

    event = threading.Event()
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        event.wait(0.02)
    return True
