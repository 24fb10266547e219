"""Report rendering speed and memory: a 5-answer Korean session.

Compares the full ``render_html`` (checks, view building, template) with a bare jinja2 render of
the same template from an already built context, in the same run. Prints figures; asserts nothing.

    /work/venv/bin/python benchmarks/bench_report.py
"""

from __future__ import annotations

import copy
import json
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import jinja2  # noqa: E402

from interview_app import paths  # noqa: E402
from interview_app.reports import render_html, write_report  # noqa: E402
from interview_app.reports import view as report_view  # noqa: E402
from interview_app.reports.render import BASE_TEMPLATE  # noqa: E402

RUNS = 15


def five_answer_session() -> dict:
    session = json.loads((ROOT / "tests/reports/fixtures/session_ko.json").read_text(encoding="utf-8"))
    extra = copy.deepcopy(session["answers"][:2])
    for offset, answer in enumerate(extra, start=4):
        answer["index"] = offset
    session["answers"].extend(extra)
    return session


def timed(function, runs: int = RUNS) -> tuple[float, float]:
    function()  # warm up (template compilation, caches)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000, min(samples) * 1000


def main() -> None:
    session = five_answer_session()
    words = sum(len(a["analysis"]["transcript"]["words"]) for a in session["answers"])
    context = report_view.build(session)
    bare = jinja2.Environment(loader=jinja2.FileSystemLoader(str(paths.content_dir("report_templates"))),
                              autoescape=True)
    template = bare.get_template(BASE_TEMPLATE)

    full_ms, full_min = timed(lambda: render_html(session))
    view_ms, view_min = timed(lambda: report_view.build(session))
    bare_ms, bare_min = timed(lambda: template.render(**context))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.html"
        write_ms, write_min = timed(lambda: write_report(session, out))
        size_kb = out.stat().st_size / 1024

    tracemalloc.start()
    render_html(session)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    print(f"5-answer Korean session, {words} transcript words, report {size_kb:.0f} KiB; median (min) of {RUNS} runs")
    print(f"  render_html (checks + view + template) : {full_ms:7.1f} ms ({full_min:.1f})")
    print(f"    of which view building               : {view_ms:7.1f} ms ({view_min:.1f})")
    print(f"  bare jinja2 render, same template      : {bare_ms:7.1f} ms ({bare_min:.1f})")
    print(f"  write_report (render + atomic write)   : {write_ms:7.1f} ms ({write_min:.1f})")
    print(f"  peak Python memory during render_html  : {peak / 1024 / 1024:7.1f} MiB")


if __name__ == "__main__":
    main()
