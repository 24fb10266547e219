"""Time of moving a data folder from the settings, beside a plain copy-and-delete of the same folder,
and the cost of ``paths.data_dir()`` now that it may read a pointer file.

- ``move_data_folder``: check the target, copy every file (``shutil.copy2``), check the copy (sizes,
  the database opens and passes ``quick_check``), write the pointer, delete the old copy;
- raw: ``shutil.copytree`` then ``shutil.rmtree`` of the same folder, on the same file system;
- ``data_dir()`` chosen by the variable and by the pointer (microseconds per call).

The data folder: SESSIONS sessions of ANSWERS answers, each answer a 60 s 16 kHz mono WAV
(1.9 MB), with transcripts, session.json, report.html and a history row each.
Run: ``/work/venv/bin/python benchmarks/bench_relocate.py``
"""

from __future__ import annotations

import json
import math
import os
import platform
import shutil
import struct
import sys
import tempfile
import time
import wave
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

SESSIONS = 20
ANSWERS = 5
RUNS = 3


def _wav(path: Path, seconds: float = 60.0) -> None:
    frames = b"".join(struct.pack("<h", int(3000 * math.sin(i / 16_000 * 2 * math.pi * 220)))
                      for i in range(16_000))
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16_000)
        for _ in range(int(seconds)):
            out.writeframes(frames)


def build(folder: Path, sample: Path) -> None:
    """A data folder as a few months of practice leave it."""
    os.environ["INTERVIEW_APP_DATA_DIR"] = str(folder)
    from interview_app.storage.history import History
    from interview_app.storage.sessions import SessionStore
    from interview_app.storage.settings import Settings

    store, history = SessionStore(), History()
    for number in range(SESSIONS):
        session = store.create(f"2026-11-{number + 1:02d}T10-00-00-{number:04x}")
        answers = []
        for index in range(1, ANSWERS + 1):
            shutil.copyfile(sample, session.audio_path(index))
            session.transcript_path(index).write_text(json.dumps({"text": "답변 " * 200}), encoding="utf-8")
            answers.append({"index": index, "question": "질문", "audio": session.audio_ref(index),
                            "analysis": {"schema": "interview-app/analysis/1", "findings": []}})
        document = {"schema": "interview-app/session/1", "id": session.session_id,
                    "created_at": f"2026-11-{number + 1:02d}T10:00:00+09:00", "language": "ko", "mode": "mock",
                    "person": {"label": "하늘"}, "answers": answers,
                    "summary": {"dimensions": [{"id": "delivery", "score": 60 + number}]}}
        store.save_document(session, document)
        session.report_path.write_text("<html>" + "x" * 200_000 + "</html>", encoding="utf-8")
        history.add_session(document, session)
    Settings().save()
    del os.environ["INTERVIEW_APP_DATA_DIR"]


def main() -> None:
    from interview_app import paths
    from interview_app.storage.relocate import move_data_folder

    work = Path(tempfile.mkdtemp(prefix="bench-relocate-"))
    os.environ["INTERVIEW_APP_CONFIG_DIR"] = str(work / "config")
    os.environ.pop("INTERVIEW_APP_DATA_DIR", None)
    sample = work / "sample.wav"
    _wav(sample)
    try:
        source = work / "data"
        build(source, sample)
        files = sum(1 for p in source.rglob("*") if p.is_file())
        size = sum(p.stat().st_size for p in source.rglob("*") if p.is_file())
        ours, raw = [], []
        for run in range(RUNS):
            paths.set_data_dir_pointer(source)
            target = work / f"moved-{run}"
            start = time.perf_counter()
            move_data_folder(target)
            ours.append(time.perf_counter() - start)
            assert paths.data_dir() == target.resolve() and not source.exists()
            start = time.perf_counter()
            shutil.copytree(target, source)
            shutil.rmtree(target)
            raw.append(time.perf_counter() - start)

        calls = 20_000
        timings = {}
        for how in ("variable", "pointer"):
            if how == "variable":
                os.environ["INTERVIEW_APP_DATA_DIR"] = str(source)
            else:
                os.environ.pop("INTERVIEW_APP_DATA_DIR", None)
                paths.set_data_dir_pointer(source)
            start = time.perf_counter()
            for _ in range(calls):
                paths.data_dir()
            timings[how] = (time.perf_counter() - start) / calls * 1e6
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"data folder: {SESSIONS} sessions x {ANSWERS} answers, {files} files, {size / 2**20:.0f} MiB")
    print("| operation | best of 3 | runs |")
    print("|---|---|---|")
    print(f"| move_data_folder | {min(ours):.2f} s | {', '.join(f'{t:.2f}' for t in ours)} |")
    print(f"| copytree + rmtree | {min(raw):.2f} s | {', '.join(f'{t:.2f}' for t in raw)} |")
    print(f"ratio: {min(ours) / min(raw):.2f}x")
    print(f"data_dir(): variable {timings['variable']:.1f} us/call, pointer {timings['pointer']:.1f} us/call")


if __name__ == "__main__":
    main()
