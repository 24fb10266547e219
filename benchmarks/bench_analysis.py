"""Time and memory of the analysis engine, beside the raw libraries it builds on, and the labelled-set accuracy.

Figures printed:

- Korean analyser load: ``Kiwi()`` plus its first call, once per process (kiwipiepy + model);
- one answer of about 70 s (no transcription): ``analyze_answer`` on a Korean and an English
  transcript, beside the raw ``Kiwi.split_into_sents(..., return_tokens=True)`` on the same text;
- one answer with 60 s of audio: ``analyze_answer(audio=...)`` beside the raw ``measure_audio``;
- the labelled set (tests/analysis/labelled) through ``interview-app analyze``: accuracy per label.

Times are the median of repeated calls in this process after one warm-up call.
Run: ``/work/venv/bin/python benchmarks/bench_analysis.py`` (needs espeak-ng and sox for the audio part).
"""

from __future__ import annotations

import contextlib
import io
import json
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests"), str(ROOT / "tests" / "analysis")]

RUNS = 30


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096 / 2**20


def _median(call: Callable[[], object], runs: int = RUNS) -> float:
    call()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _long_transcript(language: str, ids: tuple[str, ...], rate: float):  # type: ignore[no-untyped-def]
    from labelled import make_transcripts, scoring

    from interview_app.transcription.types import Transcript

    scripts = {a["id"]: a for a in scoring.answers()}
    script = " <0.8> ".join(scripts[i]["script"] for i in ids)
    words, duration = make_transcripts.timings(script, language, rate, 0)
    return Transcript.from_dict({"language": language, "duration_s": duration, "words": words,
                                 "question": scripts[ids[0]]["question"]})


def main() -> None:
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), "unknown")
    cores = sum(line.startswith("processor") for line in cpuinfo)
    import kiwipiepy

    print(f"machine: {cpu}, {cores} cores; python {platform.python_version()}, kiwipiepy {kiwipiepy.__version__}")

    from interview_app.analysis import analyze_answer, korean, load_norms

    base = _rss_mb()
    start = time.perf_counter()
    kiwi = korean.kiwi()
    load_s = time.perf_counter() - start
    print(f"Korean analyser load (Kiwi() + first call): {load_s:.2f} s, +{_rss_mb() - base:.0f} MB resident")
    norms = load_norms()

    ko = _long_transcript("ko", ("ko01_strength_star", "ko14_conflict_good", "ko09_leadership_we"), 290)
    en = _long_transcript("en", ("en01_strength_star", "en10_failure_good", "en02_conflict_fillers",
                                 "en05_fast"), 150)
    for label, transcript in (("Korean", ko), ("English", en)):
        seconds = _median(lambda t=transcript: analyze_answer(t, norms=norms))
        line = (f"one {label} answer ({transcript.words[-1].end:.0f} s, {len(transcript.words)} words): "
                f"analyze_answer {seconds * 1000:.1f} ms")
        if label == "Korean":
            raw = _median(lambda t=transcript: list(kiwi.split_into_sents(t.text, return_tokens=True)))
            line += f"; raw kiwi split_into_sents+tokens {raw * 1000:.1f} ms ({seconds / raw:.1f}x)"
        print(line)

    try:
        from test_answer_audio import build_answer

        import speechkit
        from interview_app.analysis.acoustics import measure_audio
    except Exception as error:  # noqa: BLE001 - the audio part is optional
        print(f"audio part skipped: {error}")
    else:
        with tempfile.TemporaryDirectory() as tmp:
            transcript, samples, _ = build_answer(Path(tmp), 160)
            repeats = int(np.ceil(60 * speechkit.SAMPLE_RATE / samples.size))
            words = [w.to_dict() for w in transcript.words]
            span = samples.size / speechkit.SAMPLE_RATE
            all_words = [{**w, "start": w["start"] + k * span, "end": w["end"] + k * span}
                         for k in range(repeats) for w in words]
            from interview_app.transcription.types import Transcript

            long_audio = np.tile(samples, repeats)
            long_audio += np.random.default_rng(0).normal(0, 0.001, long_audio.size).astype(np.float32)
            long = Transcript.from_dict({"language": "en", "duration_s": long_audio.size / speechkit.SAMPLE_RATE,
                                         "words": all_words})
            with_audio = _median(lambda: analyze_answer(long, audio=long_audio, norms=norms), runs=5)
            raw = _median(lambda: measure_audio(long_audio, speechkit.SAMPLE_RATE, long.words), runs=5)
            print(f"one answer with {long_audio.size / speechkit.SAMPLE_RATE:.0f} s of audio: analyze_answer "
                  f"{with_audio * 1000:.0f} ms; raw measure_audio {raw * 1000:.0f} ms")

    from labelled import scoring

    from interview_app.cli import main as cli

    with tempfile.TemporaryDirectory() as tmp:
        def run(answer: dict) -> dict:
            out = Path(tmp) / f"{answer['id']}.json"
            with contextlib.redirect_stdout(io.StringIO()):
                assert cli(scoring.cli_args(answer, out)) == 0
            return json.loads(out.read_text(encoding="utf-8"))

        start = time.perf_counter()
        tally, misses = scoring.score(run)
        elapsed = time.perf_counter() - start
    print(f"labelled set: {len(scoring.answers())} answers through `interview-app analyze` in {elapsed:.1f} s")
    print(scoring.report(tally, misses))


if __name__ == "__main__":
    main()
