"""The microphone check: record a few seconds, judge them, and play them back.

The verdict names the most important problem first: a dead input, then clipping, then a voice
too quiet to transcribe, then a noisy background (measured from the quietest part of the check).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np

from interview_app import paths
from interview_app.audio import levels as lv
from interview_app.audio.errors import AudioError, NoOutputDeviceError
from interview_app.audio.levels import Level
from interview_app.audio.recorder import Recorder, Recording, StreamFactory
from interview_app.audio.recovery import MIC_CHECK_FOLDER

log = logging.getLogger(__name__)

Verdict = Literal["ok", "too_quiet", "clipping", "noisy", "dead", "no_device"]

SPEECH_PERCENTILE = 95  # the level of the louder blocks stands for the voice
NOISE_PERCENTILE = 10  # the quietest blocks stand for the background
MIN_CLIPPING_BLOCKS = 2  # [J] one clipped block can be a cough or a plosive

_MESSAGES: dict[str, tuple[str, str]] = {
    "ok": ("the microphone works well: your voice is clear and the background is quiet",
           "마이크 상태가 좋습니다. 목소리가 또렷하고 주변이 조용합니다."),
    "too_quiet": ("your voice is too quiet to be transcribed reliably; move closer to the microphone or turn "
                  "the input volume up, then check again",
                  "목소리가 너무 작아 정확히 인식되지 않을 수 있습니다. 마이크에 가까이 말하거나 입력 볼륨을 높인 뒤 "
                  "다시 확인하세요."),
    "clipping": ("your voice is too loud for the microphone and gets distorted; move it a little away or turn "
                 "the input volume down, then check again",
                 "소리가 너무 커서 찌그러집니다. 마이크를 조금 멀리 두거나 입력 볼륨을 낮춘 뒤 다시 확인하세요."),
    "noisy": ("the background is noisy ({noise:.0f} dBFS, voice {snr:.0f} dB above it); find a quieter place or "
              "use a headset microphone",
              "주변 소음이 큽니다 (소음 {noise:.0f} dBFS, 목소리와의 차이 {snr:.0f} dB). 조용한 곳으로 옮기거나 "
              "헤드셋 마이크를 쓰세요."),
    "dead": ("the microphone delivers no sound at all; check that it is not muted and that the app may use it "
             "(on a Mac: System Settings > Privacy & Security > Microphone)",
             "마이크에서 아무 소리도 들어오지 않습니다. 음소거 여부와 마이크 사용 권한을 확인하세요 "
             "(Mac: 시스템 설정 > 개인정보 보호 및 보안 > 마이크)."),
}


@dataclass(frozen=True)
class MicCheckResult:
    """What the check measured and what it concludes, in plain words."""

    verdict: Verdict
    message: str
    message_ko: str
    rms_dbfs: float = lv.SILENCE_DBFS
    peak_dbfs: float = lv.SILENCE_DBFS
    speech_dbfs: float = lv.SILENCE_DBFS
    noise_floor_dbfs: float = lv.SILENCE_DBFS
    snr_db: float = 0.0
    clipping_blocks: int = 0
    levels: tuple[Level, ...] = field(default=(), repr=False)
    recording: Recording | None = None
    error_code: str | None = None  # the AudioError code when the microphone could not be used

    @property
    def ok(self) -> bool:
        return self.verdict == "ok"

    def to_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "message": self.message,
            "message_ko": self.message_ko,
            "rms_dbfs": self.rms_dbfs,
            "peak_dbfs": self.peak_dbfs,
            "speech_dbfs": self.speech_dbfs,
            "noise_floor_dbfs": self.noise_floor_dbfs,
            "snr_db": self.snr_db,
            "clipping_blocks": self.clipping_blocks,
            "recording": self.recording.to_dict() if self.recording else None,
            "error_code": self.error_code,
        }


def assess(samples: np.ndarray, rate: int, *, recording: Recording | None = None) -> MicCheckResult:
    """Judge float samples in [-1, 1] (frames, or frames x channels) recorded at ``rate``."""
    samples = samples.reshape(len(samples), -1) if samples.ndim == 1 else samples
    blocks = lv.block_levels(samples, rate)
    overall = lv.measure(samples)
    if not samples.any():
        english, korean = _MESSAGES["dead"]
        return MicCheckResult("dead", english, korean, levels=tuple(blocks), recording=recording)
    rms = np.array([b.rms_dbfs for b in blocks])
    speech = round(float(np.percentile(rms, SPEECH_PERCENTILE)), 1)
    noise = round(float(np.percentile(rms, NOISE_PERCENTILE)), 1)
    snr = round(speech - noise, 1)
    clipping = sum(1 for b in blocks if b.clipping)
    verdict: Verdict
    if clipping >= MIN_CLIPPING_BLOCKS:
        verdict = "clipping"
    elif speech < lv.TOO_QUIET_SPEECH_DBFS:
        verdict = "too_quiet"
    elif noise > lv.NOISY_FLOOR_DBFS or snr < lv.MIN_SNR_DB:
        verdict = "noisy"
    else:
        verdict = "ok"
    english, korean = _MESSAGES[verdict]
    return MicCheckResult(
        verdict=verdict,
        message=english.format(noise=noise, snr=snr),
        message_ko=korean.format(noise=noise, snr=snr),
        rms_dbfs=overall.rms_dbfs,
        peak_dbfs=overall.peak_dbfs,
        speech_dbfs=speech,
        noise_floor_dbfs=noise,
        snr_db=snr,
        clipping_blocks=clipping,
        levels=tuple(blocks),
        recording=recording,
    )


def check_microphone(
    seconds: float = 3,
    *,
    stream_factory: StreamFactory | None = None,
    device: Any = None,
    out_dir: str | Path | None = None,
    on_level: Callable[[Level], None] | None = None,
) -> MicCheckResult:
    """Record ``seconds`` from the microphone (the level goes to ``on_level``) and judge it.

    Never raises for a missing or refused microphone: the verdict is ``no_device`` with the
    message to show. The recording is kept (``result.recording``) for :func:`play_back`.
    """
    folder = Path(out_dir) if out_dir is not None else paths.recordings_dir() / MIC_CHECK_FOLDER
    recorder = Recorder(folder, device=device, stream_factory=stream_factory, on_level=on_level)
    try:
        recorder.start(folder / "mic-check.wav")
    except AudioError as error:
        log.info("microphone check: %s", error.message)
        return MicCheckResult("no_device", error.message, error.message_ko, error_code=error.code)
    tick = threading.Event()
    deadline = time.monotonic() + seconds + 5.0
    while recorder.elapsed_s < seconds and recorder.state == "recording" and time.monotonic() < deadline:
        tick.wait(0.05)
    recording = recorder.stop()
    if recording.duration_s == 0:
        english, korean = _MESSAGES["dead"]
        return MicCheckResult("dead", english, korean, recording=recording)
    result = assess(recording.samples(), recording.sample_rate, recording=recording)
    log.info("microphone check: %s (speech %.1f dBFS, noise %.1f dBFS)", result.verdict,
             result.speech_dbfs, result.noise_floor_dbfs)
    return result


@dataclass(frozen=True)
class PlaybackResult:
    played: bool
    code: str  # played | no_output_device | playback_failed
    message: str
    message_ko: str


def play_back(
    recording: Recording,
    *,
    output_stream_factory: StreamFactory | None = None,
    device: Any = None,
) -> PlaybackResult:
    """Play ``recording`` to the speakers and return when it has been heard.

    Where there is nothing to play on, says so (``played`` is False) instead of failing.
    """
    samples = recording.samples()
    factory = output_stream_factory
    try:
        import sounddevice as sd
    except OSError:  # PortAudio is not there at all
        return _no_output()
    if factory is None:
        try:
            has_output = any(int(d["max_output_channels"]) > 0 for d in sd.query_devices())
        except sd.PortAudioError:
            has_output = False
        if not has_output:
            return _no_output()
        factory = sd.OutputStream
    position = 0
    done = threading.Event()

    def callback(outdata: np.ndarray, frames: int, time_info: Any, status: Any) -> None:
        nonlocal position
        chunk = samples[position:position + frames]
        outdata[: len(chunk)] = chunk
        outdata[len(chunk):] = 0
        position += len(chunk)
        if len(chunk) < frames:
            raise sd.CallbackStop

    try:
        stream = factory(samplerate=recording.sample_rate, channels=recording.channels, dtype="float32",
                         device=device, callback=callback, finished_callback=done.set)
    except Exception as error:
        log.info("playback could not open an output: %s", error)
        return _no_output()
    try:
        with stream:
            done.wait(recording.duration_s + 5.0)
    except Exception as error:
        log.warning("playback failed: %s", error)
        return PlaybackResult(False, "playback_failed",
                              f"the check could not be played back ({error}); the recording itself is fine",
                              "녹음을 재생하지 못했습니다. 녹음 자체는 정상입니다.")
    return PlaybackResult(True, "played", "played back", "재생했습니다")


def _no_output() -> PlaybackResult:
    error = NoOutputDeviceError()
    return PlaybackResult(False, error.code, error.message, error.message_ko)
