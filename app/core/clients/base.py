"""What every fulfilment-API client offers the engine. Implementations: `ka.KaClient`,
`nomad.NomadClient`. Clients are thread-safe (one httpx.Client each) and never raise for API or
transport trouble: every problem becomes a typed `SendOutcome` / `LookupResult`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, Protocol, runtime_checkable

from app.core.outcome import LookupResult, SendOutcome
from app.core.server_status import CancelState, ServerView, StatusAnswer, StatusQuery
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


@runtime_checkable
class AfterSaleClient(Protocol):
    """What a client offers once orders exist: their state on the server, and cancelling."""

    target: Target
    cancel_accepted_state: CancelState  # what an accepted cancel request means for this API

    def order_status(self, asked: Sequence[StatusQuery], *,
                     pace: Pacer | None = None) -> StatusAnswer:
        """Every order asked about that the server could speak for, in as few (paged)
        requests as the API allows; ``pace`` as for `OrderClient.lookup`."""
        ...

    def cancel(self, remote_id: str) -> SendOutcome:
        """Ask the server to cancel one order it holds; ACCEPTED when it took the request."""
        ...

    def cancel_state_of(self, view: ServerView) -> CancelState:
        """Where a cancel stands, judged from a status answer (the lookup of a cancel whose
        outcome is unknown)."""
        ...
