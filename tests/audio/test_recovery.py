"""A crash or power cut mid-answer loses at most about a second; the next start gets the rest back."""

from __future__ import annotations

import os
import signal
import struct
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from fakemic import FakeMicrophone, read_int16

from interview_app.audio.recorder import Recorder, Recording, recover_unfinished
from interview_app.audio.wavstream import WavStream, marker_path

HELPER = Path(__file__).with_name("record_until_killed.py")


def test_sigkill_mid_answer_is_recovered_up_to_the_last_second(speech_wav: Path, tmp_path: Path) -> None:
    fed, rate = read_int16(speech_wav)
    out = tmp_path / "recordings" / "answer.wav"
    delivered = 0
    with subprocess.Popen([sys.executable, str(HELPER), str(speech_wav), str(out)],
                          stdout=subprocess.PIPE, text=True) as process:
        try:
            assert process.stdout is not None
            for line in process.stdout:
                delivered = int(line)
                if delivered >= 3 * rate:
                    break
            process.send_signal(signal.SIGKILL)
        finally:
            process.kill()
            process.wait()
    assert delivered >= 3 * rate, "the recording process never got going"
    assert marker_path(out).exists()  # it died unfinished

    found = recover_unfinished(out.parent)

    assert found == [out]
    kept, kept_rate = read_int16(out)
    assert kept_rate == rate
    assert len(kept) >= delivered - rate  # at most about one second lost
    assert len(kept) < len(fed)  # it really was cut short
    assert np.array_equal(kept, fed[: len(kept)])
    assert Recording.from_file(out).duration_s == pytest.approx(len(kept) / rate)
    assert recover_unfinished(out.parent) == []  # repaired once, offered once


def test_a_recording_in_progress_is_left_alone(speech_wav: Path, tmp_path: Path) -> None:
    mic = FakeMicrophone(speech_wav, manual=True)
    recorder = Recorder(stream_factory=mic, stall_timeout_s=60)
    path = recorder.start(tmp_path / "live.wav")
    mic.streams[-1].push(read_int16(speech_wav)[0][:16000])
    assert recover_unfinished(tmp_path) == []
    recording = recorder.stop()
    assert recording.duration_s == pytest.approx(1.0)
    assert recover_unfinished(tmp_path) == [] and path.exists()


def test_unfinished_file_without_audio_is_cleared(tmp_path: Path) -> None:
    wav = tmp_path / "empty.wav"
    wav.write_bytes(b"")
    marker_path(wav).write_text('{"pid": 0, "sample_rate": 16000, "channels": 1}')
    assert recover_unfinished(tmp_path) == []
    assert not wav.exists() and not marker_path(wav).exists()


def test_torn_last_frame_and_stale_header_are_repaired(tmp_path: Path) -> None:
    wav = tmp_path / "torn.wav"
    frames = (np.arange(4000, dtype=np.int16) * 7).reshape(-1, 2)  # stereo
    # A header that claims no data (as at the first checkpoint), two seconds of data, half a frame.
    head = (b"RIFF" + struct.pack("<I", 36) + b"WAVEfmt " + struct.pack("<IHHIIHH", 16, 1, 2, 8000, 32000, 4, 16)
            + b"data" + struct.pack("<I", 0))
    wav.write_bytes(head + frames.tobytes() + b"\x01\x02\x03")
    marker_path(wav).write_text(f'{{"pid": {os.getpid() + 10_000_000}, "sample_rate": 8000, "channels": 2}}')
    assert recover_unfinished(tmp_path) == [wav]
    kept, rate = read_int16(wav)
    assert rate == 8000 and np.array_equal(kept, frames)


def test_next_start_looks_through_the_whole_data_folder(speech_wav: Path, private_data_dir: Path) -> None:
    answer = private_data_dir / "sessions" / "2026-11-22T10-15-03-4f2a" / "answers" / "01.wav"
    frames = read_int16(speech_wav)[0][:8000]
    stream = WavStream(answer, 16000, 1)  # what the writer leaves behind when the app dies
    stream.write(frames.tobytes())
    stream._file.close()
    assert recover_unfinished() == [answer]
    assert np.array_equal(read_int16(answer)[0], frames)


def test_an_interrupted_microphone_check_is_not_offered_as_an_answer(private_data_dir: Path) -> None:
    check = private_data_dir / "recordings" / "mic-check" / "mic-check.wav"
    stream = WavStream(check, 16000, 1)
    stream.write(np.ones(16000, np.int16).tobytes())
    stream._file.close()
    assert recover_unfinished() == []
    assert not check.exists() and not marker_path(check).exists()
