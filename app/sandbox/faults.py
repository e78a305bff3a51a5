"""Fault injection: which requests get latency, a 503, a malformed body, or no answer at all."""

from __future__ import annotations

import random
import threading
from dataclasses import replace
from typing import Any

from app.sandbox.config import FAULT_FIELDS, SandboxConfig


class FaultPlan:
    """Thread-safe fault rates that tests and trainers may change while the server runs."""

    def __init__(self, config: SandboxConfig) -> None:
        self._config = config
        self._random = random.Random(config.seed)
        self._lock = threading.Lock()

    @property
    def latency(self) -> float:
        return self._config.latency

    def update(self, **changes: Any) -> SandboxConfig:
        unknown = set(changes) - set(FAULT_FIELDS)
        if unknown:
            raise TypeError(
                f"not a fault setting: {', '.join(sorted(unknown))} "
                f"(known: {', '.join(FAULT_FIELDS)})"
            )
        updated = replace(self._config, **changes)
        updated.check()
        with self._lock:
            self._config = updated
        return updated

    def strikes(self, fault: str) -> bool:
        """Decide whether this request suffers `fault` (a *_rate field name)."""
        with self._lock:
            rate: float = getattr(self._config, fault)
            # Rates of exactly 0 or 1 consume no randomness, so seeded runs stay comparable.
            if rate <= 0.0 or rate >= 1.0:
                return rate >= 1.0
            return self._random.random() < rate
