"""The only place that adapts core jobs to Qt: one QObject worker per job in a QThread.

Workers report through typed signals; nothing slow (model loading, transcription, analysis,
report rendering, opening or closing the microphone) runs on the GUI thread. Recorder callbacks
arrive on the audio thread and are marshalled to the GUI through queued signals.

Every emission goes through :func:`interview_app.gui.qtfix.emit` (see that module for why).
"""

from __future__ import annotations

import concurrent.futures
import logging
import multiprocessing
import os
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThread, QThreadPool, QTimer, Signal, Slot

from interview_app.errors import UserError
from interview_app.gui import i18n, services
from interview_app.gui.qtfix import emit

log = logging.getLogger(__name__)

BACKGROUND_NICE = 10  # how much lower than the GUI the transcription and analysis run (Unix nice)
AHEAD_EVERY_MS = 2000  # while an answer is recorded, how often its new audio is looked at


def _describe(error: BaseException) -> str:
    """What went wrong, in the interface's language where the error carries a Korean wording."""
    if not isinstance(error, UserError):
        return f"{type(error).__name__}: {error}"
    return i18n.user_message(error)


# --- one-off jobs -------------------------------------------------------------------------

class JobSignals(QObject):
    """``finished``/``failed`` of one job, always delivered on the GUI thread's event loop (so a
    connection made right after :func:`run_job` returns never misses them, and plain functions
    connected to them run on the GUI thread)."""

    finished = Signal(object)
    failed = Signal(str)
    _done = Signal(object)
    _error = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self._done.connect(self._relay_done, Qt.ConnectionType.QueuedConnection)
        self._error.connect(self._relay_error, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _relay_done(self, result: object) -> None:
        emit(self.finished, result)

    @Slot(str)
    def _relay_error(self, message: str) -> None:
        emit(self.failed, message)


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...], signals: JobSignals) -> None:
        super().__init__()
        self.fn, self.args, self.signals = fn, args, signals
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.fn(*self.args)
        except Exception as error:  # reported to the screen, logged with its traceback
            if not isinstance(error, UserError):
                log.error("background job failed:\n%s", traceback.format_exc())
            emit(self.signals._error, _describe(error))
        else:
            emit(self.signals._done, result)


_live_jobs: set[JobSignals] = set()


def run_job(fn: Callable[..., Any], *args: Any) -> JobSignals:
    """Run ``fn(*args)`` on the thread pool; connect to the returned object's ``finished``/``failed``."""
    signals = JobSignals()
    _live_jobs.add(signals)
    # Let go of the signals object only after every slot has run (dropping it inside its own
    # emission would delete the QObject while Qt is still dispatching from it).
    signals.finished.connect(lambda _r: QTimer.singleShot(0, lambda: _live_jobs.discard(signals)))
    signals.failed.connect(lambda _e: QTimer.singleShot(0, lambda: _live_jobs.discard(signals)))
    QThreadPool.globalInstance().start(_Runnable(fn, args, signals))
    return signals


class LevelRelay(QObject):
    """A callable for core ``on_level`` callbacks (any thread) that re-emits levels on the GUI thread."""

    level = Signal(float, float, int)  # rms dBFS, peak dBFS, clipping (0/1: see the note at the top)

    def __call__(self, level: Any) -> None:
        emit(self.level, float(level.rms_dbfs), float(level.peak_dbfs), int(bool(level.clipping)))


# --- the answer pipeline: model loading, transcription, analysis, report -----------------

class _PipelineWorker(QObject):
    """Lives in the pipeline thread; handles requests one at a time, in order."""

    model_loading = Signal(str)
    model_ready = Signal(str)
    model_failed = Signal(str)
    stage = Signal(int, str)  # answer index, "transcribing" | "analysing"
    progress = Signal(int, float)
    answer_done = Signal(int, object)  # index, {"analysis": dict, "transcript": dict}
    answer_failed = Signal(int, str)
    report_ready = Signal(str)
    report_failed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.transcriber: Any = None
        self.model_name: str | None = None
        self.cancel = threading.Event()
        self._analysis_pool: concurrent.futures.ProcessPoolExecutor | None = None
        # The answer being recorded, transcribed piece by piece ahead of its end.
        self._ahead: dict[str, Any] | None = None
        self._ahead_timer: QTimer | None = None

    def analysis_pool(self) -> concurrent.futures.ProcessPoolExecutor:
        """One helper process for the analysis, alive for one session.

        Its acoustic part (Praat's pitch tracker) holds the interpreter lock for about a third of a
        second per minute of audio, which would freeze the window; in its own process it cannot. The
        Korean analyser in it takes about 300 MB, so it starts with a session and stops once the
        session's last answer is analysed (before the report opens in the web view, the other big
        user of memory); the idle app holds neither.
        """
        if self._analysis_pool is None:
            self._analysis_pool = concurrent.futures.ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=services.run_in_background,
                initargs=(BACKGROUND_NICE,))
        return self._analysis_pool

    @Slot(str)
    def begin_session(self, language: str) -> None:
        """Start the helper and load what the session's language needs (the Korean analyser takes a
        second or more), while the person reads the first question."""
        try:
            self.analysis_pool().submit(services.warm_up_analysis, language)
        except Exception as error:  # the first answer starts it instead
            log.info("could not start the analysis process ahead: %s", error)

    def analyse(self, transcript: Any, **kwargs: Any) -> dict[str, Any]:
        try:
            return self.analysis_pool().submit(services.analyze_answer, transcript, **kwargs).result()
        except concurrent.futures.process.BrokenProcessPool:
            log.warning("the analysis process stopped; analysing in this process instead")
            self._analysis_pool = None
            return services.analyze_answer(transcript, **kwargs)

    @property
    def analysis_running(self) -> bool:
        return self._analysis_pool is not None

    def close(self, *, wait: bool = False) -> None:
        """Stop the analysis helper (its memory is the system's again once it has exited)."""
        if self._analysis_pool is not None:
            self._analysis_pool.shutdown(wait=wait, cancel_futures=True)
            self._analysis_pool = None

    def _ensure_model(self, name: str) -> Any:
        if self.transcriber is None or self.model_name != name:
            emit(self.model_loading, name)
            transcriber = services.make_transcriber(name)
            transcriber.load()
            services.warm_up_transcriber(transcriber)
            self.transcriber, self.model_name = transcriber, name
            emit(self.model_ready, name)
        return self.transcriber

    @Slot()
    def lower_priority(self) -> None:
        """Let the GUI thread win the CPU on a two-core laptop: this thread (and the decoder threads it
        starts, which inherit it) runs at a lower priority. Linux sets it per thread with nice."""
        if sys.platform.startswith("linux"):
            try:
                os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), BACKGROUND_NICE)
            except OSError as error:
                log.info("could not lower the pipeline thread's priority: %s", error)

    @Slot(str)
    def load_model(self, name: str) -> None:
        try:
            self._ensure_model(name)
        except Exception as error:
            log.exception("model %s failed to load", name)
            emit(self.model_failed, _describe(error))

    @Slot(object)
    def begin_answer(self, request: dict[str, Any]) -> None:
        """An answer started recording into ``request["wav"]``: transcribe it in pieces as it grows."""
        self._stop_ahead()
        if self.transcriber is None or self.model_name != request["model"]:
            return  # the model is not ready: the whole answer is transcribed at its end, as before
        try:
            incremental = services.start_incremental(self.transcriber, language=request["language"],
                                                     question=request["question"].text)
        except Exception as error:  # the whole answer is transcribed at its end instead
            log.info("not transcribing ahead: %s", _describe(error))
            return
        self._ahead = {"index": request["index"], "wav": str(request["wav"]), "incremental": incremental}
        if self._ahead_timer is None:
            self._ahead_timer = QTimer(self)
            self._ahead_timer.setInterval(AHEAD_EVERY_MS)
            self._ahead_timer.timeout.connect(self._transcribe_ahead)
        self._ahead_timer.start()

    @Slot()
    def _transcribe_ahead(self) -> None:
        ahead = self._ahead
        if ahead is None or self.cancel.is_set():
            self._stop_ahead()
            return
        incremental = ahead["incremental"]
        if services.recorded_seconds(Path(ahead["wav"])) - incremental.done_s < incremental.min_piece_s:
            return  # not enough new audio yet: the file is not even read
        audio = services.read_growing_audio(Path(ahead["wav"]))
        if audio is None:
            return
        try:
            if incremental.feed(audio, cancel=self.cancel):
                services.release_free_memory()  # the decoder's working memory, until the next piece
        except Exception as error:
            log.info("transcribing ahead stopped (%s); the answer is transcribed at its end", _describe(error))
            self._stop_ahead()

    @Slot()
    def stop_ahead(self) -> None:
        self._stop_ahead()

    def _stop_ahead(self) -> dict[str, Any] | None:
        ahead, self._ahead = self._ahead, None
        if self._ahead_timer is not None:
            self._ahead_timer.stop()
        return ahead

    @Slot(object)
    def process_answer(self, request: dict[str, Any]) -> None:
        index = request["index"]
        try:
            ahead = self._stop_ahead()
            transcriber = self._ensure_model(request["model"])
            emit(self.stage, index, "transcribing")
            audio = services.load_audio(Path(request["wav"]))
            on_progress = lambda fraction: emit(self.progress, index, float(fraction))  # noqa: E731
            if ahead is not None and ahead["index"] == index and Path(ahead["wav"]) == Path(request["wav"]):
                # Only what was recorded after the last piece is left to transcribe.
                transcript = ahead["incremental"].finish(audio, on_progress=on_progress, cancel=self.cancel)
            else:
                transcript = services.transcribe(
                    transcriber, audio, language=request["language"], question=request["question"].text,
                    on_progress=on_progress, cancel=self.cancel,
                )
            services.release_free_memory()  # the decoder's working memory
            if transcript.is_empty:  # nothing to analyse; the screens say so in plain words
                emit(self.answer_done, index, {"analysis": None, "transcript": transcript.to_dict(),
                                               "empty_reason": transcript.empty_reason or "no_speech"})
                return
            emit(self.stage, index, "analysing")
            analysis = self.analyse(
                transcript, audio=audio, question=request["question"], bank_id=request.get("bank_id"),
                language=request["language"], blind_hiring=request.get("blind_hiring", False),
            )
        except Exception as error:
            log.exception("answer %s could not be processed", index)
            emit(self.answer_failed, index, _describe(error))
            return
        emit(self.answer_done, index, {"analysis": analysis, "transcript": transcript.to_dict()})

    @Slot(object)
    def build_report(self, request: dict[str, Any]) -> None:
        self.close(wait=True)  # every answer is analysed: the helper's memory goes before the web view's comes
        try:
            document = services.build_session(
                request["answers"], language=request["language"], mode=request["mode"], bank=request["bank"],
                person=request.get("person"),
            )
            report = services.write_session(Path(request["session_dir"]), document,
                                            transcripts=request["transcripts"])
        except Exception as error:
            log.exception("the report could not be built")
            emit(self.report_failed, _describe(error))
            return
        emit(self.report_ready, str(report))


class Pipeline(QObject):
    """Transcribes and analyses answers in a background thread while the next one is recorded.

    Owned by the main window for the whole run, so the model is loaded once (at launch).
    """

    _nice = Signal()
    _load = Signal(str)
    _session = Signal(str)
    _begin = Signal(object)
    _answer = Signal(object)
    _report = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.thread = QThread()
        self.thread.setObjectName("pipeline")
        self.worker = _PipelineWorker()
        self.worker.moveToThread(self.thread)
        self._nice.connect(self.worker.lower_priority)
        self._load.connect(self.worker.load_model)
        self._session.connect(self.worker.begin_session)
        self._begin.connect(self.worker.begin_answer)
        self._answer.connect(self.worker.process_answer)
        # The worker's timer must be stopped in its own thread: finished is emitted there, last.
        self.thread.finished.connect(self.worker.stop_ahead, Qt.ConnectionType.DirectConnection)
        self._report.connect(self.worker.build_report)
        # Re-exported signals.
        self.model_loading = self.worker.model_loading
        self.model_ready = self.worker.model_ready
        self.model_failed = self.worker.model_failed
        self.stage = self.worker.stage
        self.progress = self.worker.progress
        self.answer_done = self.worker.answer_done
        self.answer_failed = self.worker.answer_failed
        self.report_ready = self.worker.report_ready
        self.report_failed = self.worker.report_failed
        self.thread.start(QThread.Priority.LowPriority)  # Windows and macOS honour this; Linux: lower_priority
        emit(self._nice)

    @property
    def model_loaded(self) -> bool:
        return self.worker.transcriber is not None

    def load_model(self, name: str) -> None:
        emit(self._load, name)

    def adopt_model(self, transcriber: Any, name: str) -> None:
        """Use an already loaded transcriber (call before any work is queued)."""
        self.worker.transcriber, self.worker.model_name = transcriber, name

    def begin_session(self, language: str) -> None:
        """A session in ``language`` starts: its analysis helper starts and loads what it needs."""
        emit(self._session, language)

    def begin_answer(self, request: dict[str, Any]) -> None:
        """An answer is being recorded into ``request["wav"]`` (index, wav, question, language, model):
        transcribe it ahead while it grows, so little is left when :meth:`submit_answer` comes."""
        self.worker.cancel.clear()
        emit(self._begin, request)

    def submit_answer(self, request: dict[str, Any]) -> None:
        self.worker.cancel.clear()
        emit(self._answer, request)

    def build_report(self, request: dict[str, Any]) -> None:
        emit(self._report, request)

    def cancel(self) -> None:
        self.worker.cancel.set()

    def shutdown(self) -> None:
        self.worker.cancel.set()
        self.thread.quit()
        self.thread.wait()
        self.worker.close()


# --- the recorder -------------------------------------------------------------------------

class _RecorderWorker(QObject):
    started = Signal(str)
    stopped = Signal(object)
    failed = Signal(str, str)  # code, message

    def __init__(self) -> None:
        super().__init__()
        self.recorder: Any = None

    @Slot(object)
    def start(self, request: dict[str, Any]) -> None:
        try:
            if self.recorder is None:
                self.recorder = services.make_recorder(
                    device=request["device"], on_level=request["on_level"], on_warning=request["on_warning"],
                    stream_factory=request["stream_factory"],
                )
            path = self.recorder.start(Path(request["path"]))
        except Exception as error:
            log.exception("recording could not start")
            self.recorder = None
            emit(self.failed, str(getattr(error, "code", "start_failed")), _describe(error))
            return
        emit(self.started, str(path))

    @Slot()
    def stop(self) -> None:
        if self.recorder is None:
            emit(self.stopped, None)
            return
        try:
            recording = self.recorder.stop()
        except Exception as error:
            log.exception("recording could not stop cleanly")
            emit(self.failed, str(getattr(error, "code", "stop_failed")), _describe(error))
            return
        emit(self.stopped, recording)

    @Slot(int)
    def set_paused(self, paused: int) -> None:
        if self.recorder is None:
            return
        try:
            self.recorder.pause() if paused else self.recorder.resume()
        except Exception as error:
            log.exception("recorder pause/resume failed")
            emit(self.failed, str(getattr(error, "code", "pause_failed")), _describe(error))


class RecorderBridge(QObject):
    """Drives a core Recorder from its own thread; levels and warnings come back as signals."""

    level = Signal(float, float, int)  # rms dBFS, peak dBFS, clipping (0/1)
    warning = Signal(str, str)  # code, message
    _start = Signal(object)
    _stop = Signal()
    _pause = Signal(int)

    def __init__(self, *, device: str | None = None, stream_factory: Callable[..., Any] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.device = device
        self.stream_factory = stream_factory
        self.thread = QThread()
        self.thread.setObjectName("recorder")
        self.worker = _RecorderWorker()
        self.worker.moveToThread(self.thread)
        self._start.connect(self.worker.start)
        self._stop.connect(self.worker.stop)
        self._pause.connect(self.worker.set_paused)
        self.started = self.worker.started
        self.stopped = self.worker.stopped
        self.failed = self.worker.failed
        self.thread.start()

    def _on_level(self, level: Any) -> None:  # the recorder's writer thread
        emit(self.level, float(level.rms_dbfs), float(level.peak_dbfs), int(bool(level.clipping)))

    def _on_warning(self, warning: Any) -> None:  # the recorder's writer thread
        emit(self.warning, str(warning.code), str(getattr(warning, "message", "")))

    def start(self, path: Path) -> None:
        emit(self._start, {"path": str(path), "device": self.device, "stream_factory": self.stream_factory,
                          "on_level": self._on_level, "on_warning": self._on_warning})

    def stop(self) -> None:
        emit(self._stop)

    def set_paused(self, paused: bool) -> None:
        emit(self._pause, int(paused))

    def shutdown(self) -> None:
        self.thread.quit()
        self.thread.wait()
