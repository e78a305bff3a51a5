"""What every fulfilment-API client offers the engine. Implementations: `ka.KaClient`,
`nomad.NomadClient`. Clients are thread-safe (one httpx.Client each) and never raise for API or
transport trouble: every problem becomes a typed `SendOutcome` / `LookupResult`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, Protocol

from app.core.outcome import LookupResult, SendOutcome
from app.core.targets import Target

# Blocks until the next request may go; False means stop (the batch was cancelled).
Pacer = Callable[[], bool]


class OrderClient(Protocol):
    target: Target

    def create_order(self, payload: dict[str, Any]) -> SendOutcome:
        """Send one wire payload (already validated, reference already set)."""
        ...

    def lookup(
        self, reference: str, *, since: datetime | None = None, pace: Pacer | None = None
    ) -> LookupResult:
        """Find an order by the operator's reference (KA customOrderId, Nomad clientOrderRef).
        ``since``: the order cannot have been created before then (when it was journaled); a
        client that searches a time window must reach back at least that far. ``pace``: called
        before every request after the first (a paged search), so each one waits for the rate
        limit; when it returns False the lookup stops, concluding nothing."""
        ...

    def close(self) -> None: ...
