"""Client-side rate limiting: a thread-safe token bucket shared by every worker of one profile.

KA documents a leaky bucket of 120 requests draining at 2 per second; a token bucket with the same
rate and burst lets a batch start at full speed and then settles at the sustained rate, so the
server never has a reason to answer 429. A server that still asks us to wait (429/503 with
Retry-After) pauses the whole bucket, not just the worker that was told.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable

log = logging.getLogger(__name__)


class TokenBucket:
    """Tokens refill at ``rate`` per second up to ``burst``; each request takes one.

    ``rate=None`` means no client-side limit (the sandbox, or an account with a generous quota);
    `defer` still works then, so a server's Retry-After is honoured either way.
    """

    def __init__(
        self,
        rate: float | None,
        burst: int = 1,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if rate is not None and rate <= 0:
            raise ValueError("rate must be positive or None")
        if burst < 1:
            raise ValueError("burst must be at least 1")
        self.rate = rate
        self.burst = burst
        self._clock = clock
        self._tokens = float(burst)
        self._stamp = clock()
        self._blocked_until = 0.0
        self._cond = threading.Condition()

    def _refill(self, now: float) -> None:
        if self.rate is not None:
            self._tokens = min(float(self.burst), self._tokens + (now - self._stamp) * self.rate)
        self._stamp = now

    def _wait_needed(self, now: float) -> float:
        """Seconds until a token may be taken (0 when one is available now)."""
        if now < self._blocked_until:
            return self._blocked_until - now
        if self.rate is None or self._tokens >= 1.0:
            return 0.0
        return (1.0 - self._tokens) / self.rate

    def _take(self) -> float:
        """Take a token if one is there (0.0); else the seconds until one may be taken."""
        now = self._clock()
        self._refill(now)
        wait = self._wait_needed(now)
        if wait <= 0 and self.rate is not None:
            self._tokens -= 1.0
        return wait

    def try_acquire(self) -> bool:
        """Take a token if one is available now; never waits."""
        with self._cond:
            return self._take() <= 0

    def acquire(self, stop: threading.Event | None = None) -> bool:
        """Block until a token is taken. Returns False (taking nothing) if ``stop`` gets set."""
        with self._cond:
            while True:
                if stop is not None and stop.is_set():
                    return False
                wait = self._take()
                if wait <= 0:
                    return True
                # Wake early when `defer` or `wake` changes the picture; re-check `stop` at least
                # a few times a second so a cancelled batch does not sit out a long Retry-After.
                self._cond.wait(min(wait, 0.25))

    def defer(self, seconds: float) -> None:
        """Let nobody through for ``seconds`` (the server said so), and drop saved-up burst so the
        restart is gentle."""
        if seconds <= 0:
            return
        with self._cond:
            now = self._clock()
            self._refill(now)
            self._blocked_until = max(self._blocked_until, now + seconds)
            self._tokens = min(self._tokens, 1.0)
            log.debug("rate limiter paused for %.2f s", seconds)
            self._cond.notify_all()

    def wake(self) -> None:
        """Make waiting threads re-check their stop event now."""
        with self._cond:
            self._cond.notify_all()


def parse_rate_limit(text: str) -> tuple[float, int]:
    """Parse the CLI form ``R`` or ``R/BURST`` (e.g. ``2/120``) into (rate per second, burst).

    Without a burst the bucket holds one token, i.e. requests are evenly spaced.
    """
    rate_text, _, burst_text = text.strip().partition("/")
    try:
        rate = float(rate_text)
        burst = int(burst_text) if burst_text else 1
    except ValueError:
        raise ValueError(f"rate limit {text!r}: expected R or R/BURST, e.g. 2/120") from None
    if not math.isfinite(rate) or rate <= 0 or burst < 1:
        raise ValueError(f"rate limit {text!r}: rate must be positive and burst at least 1")
    return rate, burst
