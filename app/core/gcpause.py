"""Bulk work without the cyclic garbage collector's pauses.

Reading and checking a big spreadsheet builds millions of small objects that are all kept: each
collection walks everything built so far again, which was about 40% of a 100,000-row import and
held the GIL for half a second at a time. Reference counting still frees what is dropped.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_paused = 0


@contextmanager
def collection_paused() -> Iterator[None]:
    """No collection while inside; once the last overlapping pause ends (two imports at once),
    what was built is frozen (later collections skip it) and collection resumes."""
    global _paused
    with _lock:
        if _paused == 0:
            gc.disable()
        _paused += 1
    try:
        yield
    finally:
        with _lock:
            _paused -= 1
            if _paused == 0:
                gc.freeze()
                gc.enable()
