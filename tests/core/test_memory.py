"""Freed memory goes back to the system after a big job."""

from __future__ import annotations

import sys

import numpy as np
import psutil
import pytest

from interview_app.memory import release_free_memory


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim is Linux only")
def test_release_returns_freed_heap_to_the_system() -> None:
    process = psutil.Process()
    # Many mid-sized blocks (below glibc's mmap threshold, so they live on the heap and stay there
    # when freed), then free all but the last, which pins the top of the heap.
    blocks = [np.ones(16_000, dtype=np.float64) for _ in range(1_500)]  # 1,500 x 125 KiB: about 180 MiB
    keep = blocks[-1]
    del blocks
    before = process.memory_info().rss
    assert release_free_memory() is True
    after = process.memory_info().rss
    assert keep.sum() == 16_000
    assert before - after > 100 * 2**20, f"only {(before - after) / 2**20:.0f} MB went back"
