"""KA's documented limit: a leaky bucket of 120 requests draining at 2 per second."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class LeakyBucket:
    def __init__(
        self, rate: float, burst: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._rate = rate
        self._burst = burst
        self._clock = clock
        self._level = 0.0
        self._last = clock()
        self._lock = threading.Lock()

    def admit(self) -> float | None:
        """Count one request. None if it fits; otherwise the seconds until one would fit."""
        with self._lock:
            now = self._clock()
            self._level = max(0.0, self._level - (now - self._last) * self._rate)
            self._last = now
            if self._level + 1 > self._burst:
                return (self._level + 1 - self._burst) / self._rate
            self._level += 1
            return None
