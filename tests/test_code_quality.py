"""House rules that a reader would otherwise have to check by hand."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORE = ("banks", "audio", "transcription", "analysis", "reports", "storage")


def test_core_never_imports_qt():
    offenders = []
    for package in CORE:
        for module in (ROOT / "src" / "interview_app" / package).rglob("*.py"):
            text = module.read_text(encoding="utf-8")
            if re.search(r"^\s*(from|import)\s+PySide6", text, re.M):
                offenders.append(str(module.relative_to(ROOT)))
    assert offenders == []


def test_ruff_is_clean():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "src", "tests", "benchmarks"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean_on_the_core():
    packages = [f"src/interview_app/{p}" for p in CORE]
    result = subprocess.run([sys.executable, "-m", "mypy", *packages], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
