"""How patient the engine is: retries, back-off and reconciliation timing."""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class RetryPolicy:
    max_send_attempts: int = 8  # per order per batch, for outcomes that created nothing
    backoff_base: float = 0.5  # seconds; doubles each retry
    backoff_cap: float = 30.0
    lookup_attempts: int = 5  # before an unknown outcome is left unknown
    # Wait before looking up an unknown outcome, so an order the server is still writing is found
    # rather than reported absent (and sent again).
    settle_delay: float = 1.0

    def backoff(self, retry: int, rng: random.Random) -> float:
        """Delay before retry number ``retry`` (1-based): half fixed, half random, so workers
        that failed together do not come back together."""
        ceiling = min(self.backoff_cap, self.backoff_base * 2 ** (retry - 1))
        return ceiling / 2 + rng.uniform(0, ceiling / 2)
