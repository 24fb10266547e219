"""Time and peak memory of loading, validating and importing question banks, beside the raw libraries.

- ``load_all`` cold (parse cache cleared) and warm (every file unchanged, only stat calls),
  against raw ``tomllib.loads`` of the same seven built-in files;
- ``validate_file`` on the largest built-in bank against raw ``tomllib.loads`` of it;
- ``import_csv`` of a 1,000-row CP949 sheet against raw decoding + ``csv.reader`` +
  ``tomli_w.dumps`` of the same rows (no checks, no atomic write).

Best of 5 runs each; peak memory is tracemalloc's peak for one run (Python allocations only).
Run: ``/work/venv/bin/python benchmarks/bench_banks.py``
"""

from __future__ import annotations

import csv
import io
import os
import platform
import sys
import tempfile
import time
import tomllib
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import tomli_w

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from interview_app import paths  # noqa: E402
from interview_app.banks import (  # noqa: E402
    import_csv,
    load_all,
    loader,
    validate_file,
)

RUNS = 5


def measure(function: Callable[[], object]) -> tuple[float, float]:
    """(best seconds of RUNS, peak MiB of one run)."""
    best = float("inf")
    for _ in range(RUNS):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    tracemalloc.start()
    function()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return best, peak / 2**20


def row(name: str, ours: tuple[float, float], raw: tuple[float, float] | None) -> str:
    raw_text = f"{raw[0] * 1000:.2f} ms, {raw[1]:.2f} MiB" if raw else "-"
    ratio = f"{ours[0] / raw[0]:.1f}x" if raw else "-"
    return f"| {name} | {ours[0] * 1000:.2f} ms, {ours[1]:.2f} MiB | {raw_text} | {ratio} |"


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-banks-"))
    os.environ["INTERVIEW_APP_DATA_DIR"] = str(work / "data")
    builtin = sorted(paths.content_dir("question_banks").glob("*.toml"))
    texts = [p.read_text(encoding="utf-8") for p in builtin]
    largest = max(builtin, key=lambda p: p.stat().st_size)

    def cold() -> None:
        loader._cache.clear()
        load_all()

    results = [
        row(f"load_all, cold ({len(builtin)} built-in files)", measure(cold),
            measure(lambda: [tomllib.loads(t) for t in texts])),
        row("load_all, warm (unchanged files)", measure(load_all), None),
        row(f"validate_file({largest.name})", measure(lambda: validate_file(largest)),
            measure(lambda: tomllib.loads(largest.read_text(encoding="utf-8")))),
    ]

    header = ["번호", "질문", "분류", "답변시간", "역량", "핵심포인트", "키워드", "꼬리질문"]
    rows = [[str(i), f"{i}번째 질문입니다. 경험을 말씀해 주세요.", "경험", "90", "의사소통능력; 문제해결",
             "상황을 짧게\n행동을 구체적으로\n결과를 숫자로", "경험, 결과, 행동", "다시 한다면?"]
            for i in range(1, 1001)]
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows([header, *rows])
    sheet = work / "sheet.csv"
    sheet.write_bytes(buffer.getvalue().encode("cp949"))

    def ours() -> None:
        import_csv(sheet, bank_id="ko-bench", title="벤치", language="ko", out_dir=work / "out", overwrite=True)

    def raw() -> None:
        parsed = list(csv.reader(io.StringIO(sheet.read_bytes().decode("cp949"), newline="")))
        tomli_w.dumps({"questions": [dict(zip(parsed[0], r, strict=True)) for r in parsed[1:]]})

    results.append(row("import_csv, 1,000 rows (CP949)", measure(ours), measure(raw)))

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    print(f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print("| operation | interview_app.banks | raw library | ratio |")
    print("|---|---|---|---|")
    print("\n".join(results))


if __name__ == "__main__":
    main()
