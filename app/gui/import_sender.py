"""What the import dialog needs from the engine: start a batch for one profile, get a handle.

The window passes an `EngineSender` built from its engine and the profile in use; tests can pass
the same class over a private engine. Callbacks come from engine threads; the dialog relays them
to the GUI thread through signals.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from app.core.engine import BatchHandle, OrderResult, Progress, SubmissionEngine
from app.core.settings import Profile

log = logging.getLogger(__name__)


class ImportSender(Protocol):
    @property
    def profile(self) -> Profile: ...

    def submit(
        self,
        payloads: Sequence[dict[str, Any]],
        *,
        source: str,
        on_progress: Callable[[Progress], None],
        on_result: Callable[[OrderResult], None],
    ) -> BatchHandle: ...

    def accepted_references(self) -> frozenset[str]:
        """References of the profile's account already accepted (called on a worker thread):
        orders carrying one are skipped when sent."""
        ...


class EngineSender:
    """Sends through a `SubmissionEngine` (journal, rate limit, exactly-once) with one profile."""

    def __init__(self, engine: SubmissionEngine, profile: Profile) -> None:
        self._engine = engine
        self._profile = profile

    @property
    def profile(self) -> Profile:
        return self._profile

    def accepted_references(self) -> frozenset[str]:
        return self._engine.accepted_references(self._profile)

    def submit(
        self,
        payloads: Sequence[dict[str, Any]],
        *,
        source: str,
        on_progress: Callable[[Progress], None],
        on_result: Callable[[OrderResult], None],
    ) -> BatchHandle:
        return self._engine.submit_batch(
            list(payloads), self._profile, source=source,
            on_progress=on_progress, on_result=on_result,
        )
