"""Signals shaped with sox for the recorder's warnings (loud, quiet, digital silence)."""

from __future__ import annotations

import subprocess
from pathlib import Path


def sox_effect(src: Path, out: Path, *effects: str) -> Path:
    """Apply sox effects (gain, vol, ...) to ``src``; sox wants effects after the output file."""
    subprocess.run(["sox", str(src), str(out), *effects], check=True, capture_output=True)
    return out


def digital_silence(seconds: float, out: Path, *, rate: int = 16000) -> Path:
    """Exact zeros, as a muted or refused input delivers them (sox's -D: no dither)."""
    subprocess.run(["sox", "-D", "-n", "-r", str(rate), "-c", "1", "-b", "16", str(out), "trim", "0", str(seconds)],
                   check=True, capture_output=True)
    return out


def mix(first: Path, second: Path, out: Path) -> Path:
    """Mix two recordings of the same rate (sox -m), as a voice over background noise."""
    subprocess.run(["sox", "-m", str(first), str(second), str(out)], check=True, capture_output=True)
    return out
