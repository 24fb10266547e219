"""Real-time factor and peak memory of transcription, beside raw faster-whisper (not a test).

    /work/venv/bin/python benchmarks/bench_transcription.py [--repeats 3] [--threads 2]

Each measurement runs in a fresh process so peak memory is its own. Both sides get the same
audio file, model folder, compute type, thread count and decoding settings (the ones the app
uses: beam 5, word timestamps, voice-activity filter, no conditioning on previous text, the
English filler prompt). "ours" is Transcriber.transcribe (our decoding of the file, silence
checks, guards, dataclasses); "raw" is WhisperModel.transcribe with its own decoding of the file,
consuming the segment generator. Runs alternate ours/raw so load from other work on the machine
hits both alike; CPU time (all threads of the process) is steadier than wall time on a shared
machine, so the ratio is given for both.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def child(side: str, audio: str, threads: int, model: str) -> None:
    from interview_app.transcription.models import resolve_model
    from interview_app.transcription.transcriber import DECODING, FILLER_PROMPTS, Transcriber

    info = resolve_model(model)
    started = time.perf_counter()
    cpu_started = 0.0
    if side == "ours":
        transcriber = Transcriber(model, cpu_threads=threads).load()
        loaded, cpu_started = time.perf_counter(), time.process_time()
        transcript = transcriber.transcribe(audio, language="en")
        words = len(transcript.words)
        duration = transcript.duration_s
    else:
        from faster_whisper import WhisperModel

        whisper = WhisperModel(str(info.path), device="cpu", compute_type="int8", cpu_threads=threads)
        loaded, cpu_started = time.perf_counter(), time.process_time()
        prompt = FILLER_PROMPTS["en"] if DECODING.use_filler_prompt else None
        segments, result = whisper.transcribe(audio, **DECODING.faster_whisper_kwargs("en", prompt))
        words = sum(len(s.words or ()) for s in segments)
        duration = result.duration
    done, cpu_s = time.perf_counter(), time.process_time() - cpu_started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(json.dumps({"load_s": loaded - started, "transcribe_s": done - loaded, "cpu_s": cpu_s, "peak_mb": peak_mb,
                      "words": words, "audio_s": duration}))


def run_child(side: str, audio: Path, threads: int, model: str) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, __file__, "--child", side, "--audio", str(audio), "--threads", str(threads), "--model", model],
        check=True, capture_output=True, text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def make_audio(folder: Path) -> list[Path]:
    """The bundled 45 s sample, and the same answer twice over (90 s) for a longer recording."""
    sample = ROOT / "samples" / "answer_en.ogg"
    double = folder / "answer_en_x2.wav"
    subprocess.run(["sox", str(sample), str(sample), "-r", "16000", str(double)], check=True)
    return [sample, double]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--model", default="base")
    parser.add_argument("--child", choices=("ours", "raw"))
    parser.add_argument("--audio")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.audio, args.threads, args.model)
        return

    cpu = next((line.split(":", 1)[1].strip() for line in subprocess.run(
        ["lscpu"], capture_output=True, text=True).stdout.splitlines() if line.startswith("Model name")), "?")
    print(f"machine: {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"model {args.model}, int8, cpu_threads={args.threads}, {args.repeats} runs per side (alternating)\n")
    with tempfile.TemporaryDirectory() as tmp:
        for audio in make_audio(Path(tmp)):
            runs: dict[str, list[dict[str, float]]] = {"ours": [], "raw": []}
            for _ in range(args.repeats):
                for side in ("ours", "raw"):
                    runs[side].append(run_child(side, audio, args.threads, args.model))
            audio_s = runs["raw"][0]["audio_s"]
            print(f"{audio.name} ({audio_s:.1f} s of audio)")
            summary = {}
            for side, results in runs.items():
                times = [r["transcribe_s"] for r in results]
                cpu = statistics.median(r["cpu_s"] for r in results)
                best, median = min(times), statistics.median(times)
                peak = max(r["peak_mb"] for r in results)
                summary[side] = (best, median, cpu, peak)
                print(f"  {side:<4}  wall best {best:5.2f} s (RTF {best / audio_s:.3f}), median {median:5.2f} s "
                      f"(RTF {median / audio_s:.3f}); CPU median {cpu:5.2f} s; "
                      f"load {min(r['load_s'] for r in results):.2f} s; peak RSS {peak:.0f} MB; "
                      f"words {results[0]['words']:.0f}")
            (ob, om, oc, op), (rb, rm, rc, rp) = summary["ours"], summary["raw"]
            print(f"  ours/raw: wall best {ob / rb:.3f}x, wall median {om / rm:.3f}x, CPU median {oc / rc:.3f}x, "
                  f"peak memory {op / rp:.3f}x\n")


if __name__ == "__main__":
    main()
