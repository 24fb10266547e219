"""Desktop app: a five-question session of 60 s answers through the real pipeline.

Prints the seconds from launch to a usable window (the model loads in the background), the seconds
from the last answer's end to the report being shown, the longest stall of the Qt event loop over
the whole session, and peak memory (the app process, and with its helper processes). For
comparison it also times the raw faster-whisper decode of one 60 s answer in the same run.

    python benchmarks/bench_session.py [--questions 5] [--answer-seconds 60] [--fast]

Answers are espeak-ng speech fed through the recorder's stream factory in real time (``--fast``
feeds them at once, which queues all the transcription at the end: not what a person does).
"""

from __future__ import annotations

import time

LAUNCHED = time.perf_counter()

import argparse  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests"), str(ROOT / "tests" / "gui")]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("INTERVIEW_APP_DATA_DIR", tempfile.mkdtemp(prefix="ic-bench-"))

SENTENCES = {
    "en": ("In my last internship I analysed customer surveys every week, and I presented the results "
           "to the marketing team with clear numbers. "),
    "ko": "지난 인턴십에서 저는 매주 고객 설문을 분석했고, 그 결과를 마케팅 팀에 숫자로 정리해 발표했습니다. ",
}
BANKS = {"en": "en-common-behavioural", "ko": "ko-common"}
VOICES = {"en": "en-us", "ko": "ko"}
# espeak-ng's Korean at 150 words a minute is beyond the model: every window is retried at six
# temperatures (a worst case, about 1 s of decoding per second of audio here). At 120 it is heard
# as Korean and decoded at the first temperature, as a person's speech is.
PACE = {"en": 150, "ko": 120}


class Peak:
    """Samples memory of this process and its children every 0.2 s.

    Resident size (RSS) counts a shared library once in every process that maps it, so the sum over
    the app and its helpers (which share Qt's and WebEngine's libraries) overstates what they take
    together; the proportional set size (PSS, Linux) splits each shared page between its users and
    adds up honestly. Both are kept, and the peak of each process on its own.
    """

    def __init__(self) -> None:
        import psutil

        self.process = psutil.Process()
        self.main = 0
        self.total = 0
        self.main_pss = 0
        self.total_pss = 0
        self.each: dict[str, int] = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    @staticmethod
    def _name(process) -> str:
        try:
            line = process.cmdline()
        except Exception:
            return process.name()
        joined = " ".join(line)
        if "QtWebEngineProcess" in joined:
            kind = re.search(r"--type=([\w-]+)", joined)
            return f"WebEngine {kind.group(1) if kind else 'process'}"
        if "multiprocessing" in joined:
            return "analysis helper"
        return process.name()

    def _run(self) -> None:
        import psutil

        while not self.stop.wait(0.2):
            try:
                processes = [self.process, *self.process.children(recursive=True)]
                infos = []
                for process in processes:
                    try:
                        infos.append((process, process.memory_full_info()))
                    except (psutil.AccessDenied, AttributeError):
                        infos.append((process, process.memory_info()))
            except psutil.Error:
                continue
            rss = [info.rss for _p, info in infos]
            pss = [getattr(info, "pss", info.rss) for _p, info in infos]
            self.main, self.total = max(self.main, rss[0]), max(self.total, sum(rss))
            self.main_pss, self.total_pss = max(self.main_pss, pss[0]), max(self.total_pss, sum(pss))
            for (process, _info), value in zip(infos[1:], pss[1:], strict=True):
                name = self._name(process)
                self.each[name] = max(self.each.get(name, 0), value)


def make_answers(count: int, seconds: float, language: str) -> list[Path]:
    import speechkit

    folder = Path(tempfile.mkdtemp(prefix="ic-bench-answers-"))
    text = SENTENCES[language] * max(1, int(seconds / 8.5))
    speech = speechkit.speak(text, folder / "speech.wav", voice=VOICES[language],
                             words_per_min=PACE[language])
    if speechkit.duration(speech) > seconds:
        cut = folder / "speech-cut.wav"
        speechkit._run(["sox", str(speech), str(cut), "trim", "0", str(seconds - 0.5)])
        speech = cut
    pad = speechkit.silence(max(0.1, seconds - speechkit.duration(speech)), folder / "pad.wav")
    answer = speechkit.concat([speech, pad], folder / "answer.wav")
    return [answer] * count


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", type=int, default=5)
    parser.add_argument("--answer-seconds", type=float, default=60.0)
    parser.add_argument("--language", choices=sorted(SENTENCES), default="en",
                        help="the bank's and the answers' language (Korean loads the Korean analyser)")
    parser.add_argument("--fast", action="store_true", help="feed answers at once instead of in real time")
    args = parser.parse_args()
    peak = Peak()

    from PySide6.QtCore import QEventLoop, QTimer

    from interview_app.gui.app import apply_look, create_app

    app = create_app([sys.argv[0]])
    apply_look(app, 1.0)
    from interview_app.banks import get_bank
    from interview_app.gui.main_window import MainWindow
    from interview_app.gui.session_controller import ANSWERING
    from interview_app.storage.settings import Settings

    making = time.perf_counter()
    answers = make_answers(args.questions, args.answer_seconds, args.language)
    making_s = time.perf_counter() - making  # test speech, not part of the launch
    from feed import WavFeed

    feed = WavFeed(answers, realtime=not args.fast)
    window = MainWindow(Settings(mic_checked=True, ui_language="en"), stream_factory=feed, language="en",
                        prep_seconds=1.0, answer_seconds=args.answer_seconds + 30)
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    usable = time.perf_counter()
    launch_s = usable - LAUNCHED - making_s  # Python, Qt, WebEngine, banks, the window; not the test speech
    stall = {"last": time.perf_counter(), "longest": 0.0}

    def tick() -> None:
        now = time.perf_counter()
        stall["longest"] = max(stall["longest"], now - stall["last"])
        stall["last"] = now

    def wait_until(check, timeout_s: float) -> None:
        deadline = time.perf_counter() + timeout_s
        while not check():
            if time.perf_counter() > deadline:
                raise SystemExit("timed out")
            loop = QEventLoop()
            QTimer.singleShot(20, loop.quit)
            loop.exec()

    model_ready = {}
    window.pipeline.model_ready.connect(lambda _n: model_ready.setdefault("at", time.perf_counter()))
    ticker = QTimer()
    ticker.setInterval(10)
    ticker.timeout.connect(tick)
    stall["last"] = time.perf_counter()
    ticker.start()
    wait_until(lambda: "at" in model_ready, 120)
    bank = get_bank(BANKS[args.language])
    window.start_session({"language": args.language, "mode": "mock", "bank": bank, "count": args.questions,
                          "random": False, "read_aloud": False})
    controller = window.controller
    speech_s = args.answer_seconds
    for number in range(1, args.questions + 1):
        wait_until(lambda n=number: controller.index == n - 1 and controller.state == ANSWERING, 60)
        wait_until(lambda n=number: feed.all_delivered(n), speech_s + 30)
        last_end = time.perf_counter()
        controller.finish_answer()
    loaded = []
    window.results_screen.report_loaded.connect(loaded.append)
    wait_until(lambda: bool(loaded), 900)
    report_s = time.perf_counter() - last_end
    ticker.stop()
    peak.stop.set()

    # The raw library on the same answer, in the same run.
    import numpy as np
    from faster_whisper import WhisperModel

    from interview_app.audio.files import load_audio
    from interview_app.transcription.models import resolve_model

    samples = load_audio(answers[0]).astype(np.float32)
    model = WhisperModel(str(resolve_model("base").path), device="cpu", compute_type="int8", cpu_threads=2)
    began = time.perf_counter()
    segments, _info = model.transcribe(samples, language=args.language, word_timestamps=True, beam_size=1)
    list(segments)
    raw_s = time.perf_counter() - began

    pace = "fast" if args.fast else "real time"
    print(f"questions: {args.questions} x {args.answer_seconds:.0f} s answers, {args.language} ({pace})")
    ready_s = model_ready["at"] - LAUNCHED - making_s
    print(f"launch to usable window: {launch_s:.2f} s (model ready {ready_s:.2f} s after start)")
    print(f"last answer's end to report shown: {report_s:.2f} s")
    print(f"longest event-loop stall: {stall['longest'] * 1000:.0f} ms")
    mb = 2**20
    for kind, main_peak, total_peak in (("RSS", peak.main, peak.total), ("PSS", peak.main_pss, peak.total_pss)):
        print(f"peak memory ({kind}): app process {main_peak / mb:.0f} MB, "
              f"with helper processes {total_peak / mb:.0f} MB")
    for name, value in sorted(peak.each.items()):
        print(f"  peak PSS of {name}: {value / mb:.0f} MB")
    print(f"raw faster-whisper base, one {args.answer_seconds:.0f} s answer (beam 1, word timestamps): {raw_s:.2f} s")
    window.kiosk = False
    window.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
