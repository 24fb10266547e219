"""Record an answer from the microphone without ever losing it.

The audio callback only copies frames into a queue. A writer thread streams them to a WAV on
disk as they arrive (see :mod:`interview_app.audio.wavstream`), measures the level for the meter
(about 20 readings a second), raises warnings (clipping, too quiet, dead input, device lost,
overflows) and notices a device that stopped delivering audio. Whatever happens, :meth:`Recorder.stop`
returns what was recorded; :func:`recover_unfinished` gives back answers cut short by a crash.

The stream is made by one injectable factory with ``sounddevice.InputStream``'s signature, so
tests can feed known audio.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import logging
import os
import queue
import threading
import time
import wave
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np

from interview_app import paths
from interview_app.audio import levels as lv
from interview_app.audio.devices import InputDevice, open_error, resolve_input_device
from interview_app.audio.errors import AudioError
from interview_app.audio.levels import Level, SignalWatch
from interview_app.audio.notices import RecorderWarning, make_warning
from interview_app.audio.recovery import ACTIVE as _ACTIVE
from interview_app.audio.recovery import recover_unfinished
from interview_app.audio.resample import resample
from interview_app.audio.wavstream import WavStream, read_pcm
from interview_app.fileio import free_name

__all__ = [
    "Level",
    "Recorder",
    "RecorderWarning",
    "Recording",
    "StreamFactory",
    "recover_unfinished",
]

log = logging.getLogger(__name__)

TRANSCRIPTION_RATE = 16_000
CHECKPOINT_EVERY_S = 0.5  # header rewrite + fsync; a power cut loses at most about this much
# Rates tried in order after the device's own default, until one opens.
FALLBACK_RATES = (48_000, 44_100, 32_000, 22_050, 16_000)

StreamFactory = Callable[..., Any]
RecorderState = Literal["idle", "recording", "paused", "device_lost", "stopped"]

_STOP = object()


@dataclass(frozen=True)
class Recording:
    """A finished recording: the original-rate WAV and what happened while it was made."""

    path: Path
    sample_rate: int
    channels: int
    duration_s: float
    overflows: int = 0
    warnings: tuple[RecorderWarning, ...] = ()
    device: str | None = None
    recovered: bool = False
    started_at: str | None = field(default=None, compare=False)
    imported_from: str | None = None  # the audio file an imported answer came from

    @property
    def warning_codes(self) -> tuple[str, ...]:
        return tuple(w.code for w in self.warnings)

    def samples(self) -> np.ndarray:
        """The original audio, float32 of shape (frames, channels)."""
        pcm, _ = read_pcm(self.path)
        return pcm

    def samples_16k(self) -> np.ndarray:
        """Mono float32 at 16 kHz for transcription (channels averaged, low-pass filtered)."""
        pcm, rate = read_pcm(self.path)
        mono = pcm.mean(axis=1, dtype=np.float32) if pcm.shape[1] > 1 else pcm[:, 0]
        return resample(mono, rate, TRANSCRIPTION_RATE)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "sample_rate": self.sample_rate,
            "channels": self.channels,
            "duration_s": round(self.duration_s, 3),
            "overflows": self.overflows,
            "warnings": [w.to_dict() for w in self.warnings],
            "device": self.device,
            "recovered": self.recovered,
            "started_at": self.started_at,
            "imported_from": self.imported_from,
        }

    @classmethod
    def from_file(cls, path: str | os.PathLike[str], *, recovered: bool = False) -> Recording:
        """Describe an existing 16-bit WAV (a recovered answer, or one recorded earlier)."""
        path = Path(path)
        with wave.open(str(path), "rb") as wav:
            rate, channels, frames = wav.getframerate(), wav.getnchannels(), wav.getnframes()
        return cls(path, rate, channels, frames / rate if rate else 0.0, recovered=recovered)


def _default_stream_factory() -> StreamFactory:
    import sounddevice as sd

    return sd.InputStream


class Recorder:
    """Records one answer at a time: ``start()``, ``pause()``/``resume()``, ``stop()`` -> :class:`Recording`.

    ``on_level(Level)`` and ``on_warning(RecorderWarning)`` are called from the writer thread
    (never from the audio callback); a GUI adapts them to signals.
    """

    def __init__(
        self,
        out_dir: str | os.PathLike[str] | None = None,
        *,
        device: str | int | InputDevice | None = None,
        stream_factory: StreamFactory | None = None,
        on_level: Callable[[Level], None] | None = None,
        on_warning: Callable[[RecorderWarning], None] | None = None,
        samplerate: int | None = None,
        stall_timeout_s: float = lv.DEVICE_STALL_S,
    ) -> None:
        self.out_dir = Path(out_dir) if out_dir is not None else None
        self.device = device
        self._factory = stream_factory
        self.on_level = on_level
        self.on_warning = on_warning
        self.requested_samplerate = samplerate
        self.stall_timeout_s = stall_timeout_s
        self._state: RecorderState = "idle"
        self._lock = threading.Lock()
        self._warn_lock = threading.Lock()
        self._reset()

    def _reset(self) -> None:
        self._queue: queue.SimpleQueue[object] = queue.SimpleQueue()
        self._stream: Any = None
        self._wav: WavStream | None = None
        self._writer: threading.Thread | None = None
        self._meter: SignalWatch | None = None
        self._paused = False
        self._stopping = False
        self._stream_running = False
        self._overflows = 0
        self._frames_received = 0
        self._last_audio = time.monotonic()
        self._stream_finished = threading.Event()
        self._warnings: list[RecorderWarning] = []
        self._warned: set[str] = set()
        self._sample_rate = 0
        self._channels = 0
        self._device_name: str | None = None
        self._started_at: str | None = None

    # -- public state -------------------------------------------------------------------------

    @property
    def state(self) -> RecorderState:
        return self._state

    @property
    def elapsed_s(self) -> float:
        """Seconds of audio recorded so far (paused time excluded)."""
        return self._frames_received / self._sample_rate if self._sample_rate else 0.0

    @property
    def overflows(self) -> int:
        return self._overflows

    @property
    def sample_rate(self) -> int:
        return self._sample_rate

    @property
    def device_name(self) -> str | None:
        """The readable name of the input in use (None: the factory's default)."""
        return self._device_name

    @property
    def path(self) -> Path | None:
        return self._wav.path if self._wav else None

    @property
    def warnings(self) -> tuple[RecorderWarning, ...]:
        return tuple(self._warnings)

    # -- control -------------------------------------------------------------------------------

    def start(self, path: str | os.PathLike[str] | None = None) -> Path:
        """Open the microphone and start streaming to ``path`` (default: a new file in the recordings folder)."""
        with self._lock:
            if self._state in ("recording", "paused", "device_lost"):
                raise RuntimeError("the recorder is already recording; stop it first")
            self._reset()
            target = Path(path) if path is not None else self._new_path()
            stream = self._open_stream()
            self._started_at = _dt.datetime.now().astimezone().isoformat(timespec="seconds")
            try:
                self._wav = WavStream(
                    target,
                    self._sample_rate,
                    self._channels,
                    info={"device": self._device_name, "started_at": self._started_at},
                )
            except OSError as error:
                _close_quietly(stream)
                from interview_app.audio.errors import RecordingWriteError

                raise RecordingWriteError(str(target), error.strerror or str(error)) from error
            self._stream = stream
            self._state = "recording"
            _ACTIVE.add(target.resolve())
            self._writer = threading.Thread(target=self._write_loop, name="recording-writer", daemon=True)
            self._writer.start()
            self._last_audio = time.monotonic()
            failure = _call_guarded(stream.start, "start")
            self._last_audio = time.monotonic()
            self._stream_running = failure is None  # the device watch starts only now
            if failure is not None:
                self._stopping = True
                self._finish_writer()
                _ACTIVE.discard(target.resolve())
                target.unlink(missing_ok=True)
                _close_quietly(stream)
                self._state = "idle"
                raise open_error(self._device_name or "default", failure)
            log.info(
                "recording to %s from %s at %d Hz, %d channel(s)",
                target, self._device_name or "default input", self._sample_rate, self._channels,
            )
            return target

    def pause(self) -> None:
        """Stop keeping audio until :meth:`resume`; the microphone stays open for a quick resume."""
        if self._state == "recording":
            self._paused = True
            self._state = "paused"

    def resume(self) -> None:
        if self._state == "paused":
            self._last_audio = time.monotonic()
            self._paused = False
            self._state = "recording"

    def stop(self) -> Recording:
        """Stop, make the file complete and durable, and return it (also after the device was lost)."""
        with self._lock:
            if self._state in ("idle", "stopped") or self._wav is None:
                raise RuntimeError("the recorder is not recording")
            self._watch_device(time.monotonic())  # a device lost just now still gets its warning
            self._stopping = True
            closed_cleanly = _close_quietly(self._stream)
            if not closed_cleanly and self._state in ("recording", "paused"):
                self._state = "device_lost"
                self._warn("device_lost")
            self._finish_writer()
            wav = self._wav
            _ACTIVE.discard(wav.path.resolve())
            if self._meter is not None and self._meter.came_alive:
                # The input was silent for a while and then came alive: not a dead microphone.
                self._warnings = [w for w in self._warnings if w.code != "dead_input"]
            if self._overflows:
                self._warnings = [w for w in self._warnings if w.code != "overflow"]
                self._warnings.append(make_warning("overflow", count=self._overflows))
            self._state = "stopped"
            recording = Recording(
                path=wav.path,
                sample_rate=wav.sample_rate,
                channels=wav.channels,
                duration_s=wav.frames / wav.sample_rate,
                overflows=self._overflows,
                warnings=tuple(self._warnings),
                device=self._device_name,
                started_at=self._started_at,
            )
            log.info("recorded %.1f s to %s (warnings: %s)", recording.duration_s, wav.path,
                     ", ".join(recording.warning_codes) or "none")
            return recording

    # -- opening -------------------------------------------------------------------------------

    def _new_path(self) -> Path:
        folder = self.out_dir or paths.recordings_dir()
        folder.mkdir(parents=True, exist_ok=True)
        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        return free_name(folder, f"answer-{stamp}", "wav")

    def _open_stream(self) -> Any:
        factory = self._factory
        device: Any = self.device
        native_rate: float | None = None
        max_channels = 2
        if factory is None:
            name = str(self.device) if isinstance(self.device, (str, int)) else None
            chosen = self.device if isinstance(self.device, InputDevice) else resolve_input_device(name)
            factory = _default_stream_factory()
            device = chosen.id
            native_rate = chosen.default_samplerate
            max_channels = chosen.channels
            self._device_name = chosen.name
        elif isinstance(self.device, InputDevice):
            device = self.device.id
            native_rate = self.device.default_samplerate
            max_channels = self.device.channels
            self._device_name = self.device.name
        elif self.device is not None:
            self._device_name = str(self.device)
        rates: list[int] = []
        for rate in (self.requested_samplerate, native_rate, *FALLBACK_RATES):
            if rate and int(rate) not in rates:
                rates.append(int(rate))
        last_error: Exception | None = None
        callback = self._make_callback()
        for channels in (1, 2) if max_channels >= 2 else (1,):
            for rate in rates:
                try:
                    stream = factory(
                        samplerate=rate,
                        channels=channels,
                        dtype="int16",
                        device=device,
                        callback=callback,
                        finished_callback=self._stream_finished.set,
                        blocksize=0,
                    )
                except AudioError:
                    raise
                except Exception as error:  # PortAudioError, ValueError: try the next format
                    log.debug("input %s refused %d Hz x %d: %s", device, rate, channels, error)
                    last_error = error
                    continue
                self._sample_rate, self._channels = rate, channels
                return stream
        assert last_error is not None
        raise open_error(self._device_name or "default", last_error) from last_error

    # -- the audio callback: copy and hand over, nothing else ------------------------------------

    def _make_callback(self) -> Callable[[Any, int, Any, Any], None]:
        """A callback bound to this take: a stale stream from an earlier take can never write into it."""
        handoff = self._queue

        def callback(indata: Any, frames: int, time_info: Any, status: Any) -> None:
            if handoff is not self._queue:
                return
            self._last_audio = time.monotonic()
            if status and getattr(status, "input_overflow", False):
                self._overflows += 1
            if self._paused or self._stopping:
                return
            handoff.put(bytes(indata))
            self._frames_received += frames

        return callback

    # -- the writer thread -----------------------------------------------------------------------

    def _finish_writer(self) -> None:
        self._queue.put(_STOP)
        if self._writer is not None:
            self._writer.join()

    def _write_loop(self) -> None:
        wav = self._wav
        assert wav is not None
        meter = self._meter = SignalWatch(self._sample_rate, self._channels)
        write_failed = False
        last_checkpoint = time.monotonic()
        while True:
            try:
                item = self._queue.get(timeout=0.05)
            except queue.Empty:
                item = None
            if item is _STOP:
                break
            if isinstance(item, bytes):
                if not write_failed:
                    try:
                        wav.write(item)
                    except OSError as error:
                        write_failed = True
                        log.error("writing %s failed: %s", wav.path, error)
                        self._warn("write_failed", detail=error.strerror or str(error))
                for level in meter.feed(item):
                    self._emit_level(level)
                for code in meter.new_warnings():
                    self._warn(code)
            now = time.monotonic()
            if now - last_checkpoint >= CHECKPOINT_EVERY_S and not write_failed:
                last_checkpoint = now
                try:
                    wav.checkpoint()
                except OSError as error:
                    write_failed = True
                    self._warn("write_failed", detail=error.strerror or str(error))
            self._watch_device(now)
        for level in meter.flush():
            self._emit_level(level)
        for code in meter.new_warnings():
            self._warn(code)
        try:
            wav.close()
        except OSError as error:
            log.error("finishing %s failed: %s", wav.path, error)
            self._warn("write_failed", detail=error.strerror or str(error))

    def _watch_device(self, now: float) -> None:
        if self._stopping or not self._stream_running or self._state not in ("recording", "paused"):
            return
        finished = self._stream_finished.is_set()
        stalled = now - self._last_audio > self.stall_timeout_s
        inactive = False
        if not finished and not stalled and self._stream is not None:
            with contextlib.suppress(Exception):
                inactive = not bool(getattr(self._stream, "active", True))
        if finished or stalled or inactive:
            reason = "stream finished" if finished else "no audio for %.1f s" % (now - self._last_audio)
            log.warning("input device lost (%s) after %.1f s", reason, self.elapsed_s)
            self._state = "device_lost"
            self._warn("device_lost")

    def _warn(self, code: str, **values: object) -> None:
        with self._warn_lock:
            if code in self._warned:
                return
            self._warned.add(code)
            warning = make_warning(code, **values) if code != "overflow" else make_warning(code, count=self._overflows)
            self._warnings.append(warning)
        log.warning("recording: %s", warning.message)
        if self.on_warning is not None:
            try:
                self.on_warning(warning)
            except Exception:
                log.exception("on_warning handler failed")

    def _emit_level(self, level: Level) -> None:
        if self._overflows and "overflow" not in self._warned:
            self._warn("overflow")
        if self.on_level is not None:
            try:
                self.on_level(level)
            except Exception:
                log.exception("on_level handler failed")


STREAM_CALL_TIMEOUT_S = 3.0  # a stream call on a vanished device can block for good


def _call_guarded(function: Callable[[], object], what: str) -> Exception | None:
    """Run a stream call in a helper thread; an error, or a hang past the timeout, is returned as an error.

    PortAudio calls on a device that has just gone away (a sound server that died, a Bluetooth
    headset out of range) can block forever; the audio is safe on disk by then, so the recorder
    carries on without waiting for them.
    """
    outcome: list[Exception | None] = []

    def call() -> None:
        try:
            function()
        except Exception as error:
            outcome.append(error)
        else:
            outcome.append(None)

    helper = threading.Thread(target=call, name=f"stream-{what}", daemon=True)
    helper.start()
    helper.join(STREAM_CALL_TIMEOUT_S)
    if not outcome:
        return TimeoutError(f"the audio device did not answer '{what}' within {STREAM_CALL_TIMEOUT_S:.0f} s")
    return outcome[0]


def _close_quietly(stream: Any) -> bool:
    """Stop and close; False when the stream failed to (a lost device often does)."""
    if stream is None:
        return True
    clean = True
    for method in ("stop", "close"):
        error = _call_guarded(getattr(stream, method), method)
        if error is not None:  # the audio is already safe on disk
            log.info("closing the input stream: %s failed: %s", method, error)
            clean = False
            if isinstance(error, TimeoutError):
                break
    return clean
