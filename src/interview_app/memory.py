"""Give freed memory back to the system after a big job (a transcription, an analysis).

The C allocator keeps memory that Python, the Whisper decoder or the pitch tracker have freed, to
reuse it; on a laptop the app shares with a browser that memory looks taken for as long as the app
runs. After a 60 s answer the decoder leaves 100-200 MB of such free memory behind; glibc's
``malloc_trim`` returns it. Elsewhere (macOS, Windows, musl) this does nothing: their allocators
return large blocks on their own.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import logging
import sys
from typing import Any

log = logging.getLogger(__name__)


@functools.lru_cache(maxsize=1)
def _glibc() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


def release_free_memory() -> bool:
    """Return the allocator's free memory to the system; True when there was a way to ask."""
    trim = _glibc()
    if trim is None:
        return False
    trim(0)
    return True
