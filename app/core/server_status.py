"""An accepted order's life on the server, in one vocabulary for both APIs.

Clients read the API's own words (KA `processing`, Nomad `WAIT_SELLER_SEND_GOODS`) into a
`ServerView`: one `ServerPart` per order the server holds (KA splits one created order by
warehouse), each with its status and tracking. The journal keeps the view as JSON beside the
order, with a summary `ServerStatus` the history filters on.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

from app.core.outcome import RecordedRequest


class ServerStatus(StrEnum):
    WAITING = "waiting"  # created, not paid or not yet taken on (KA waiting_payment)
    PROCESSING = "processing"  # being prepared, nothing shipped
    PARTLY_SHIPPED = "partly_shipped"  # some parcels (or split parts) shipped
    SHIPPED = "shipped"
    COMPLETED = "completed"  # delivered / trade finished
    CANCELLED = "cancelled"  # cancelled or closed before shipping
    REFUNDED = "refunded"  # refunded (wholly or in part) after the fact
    ABNORMAL = "abnormal"  # the server flags a problem (KA abnormal_order, Nomad TRADE_FAILED)
    NOT_FOUND = "not_found"  # the server does not list the order (any more)
    UNRECOGNISED = "unrecognised"  # a status word neither API documents: shown as it is


# Status refreshes without named orders (`order-desk status`, the window's automatic refresh)
# look at accepted orders created this many days ago at most; older ones are asked by name.
RECENT_DAYS = 30

# The history's shipment filter, and what refuses a cancel locally.
SHIPPED_STATUSES = frozenset({ServerStatus.PARTLY_SHIPPED, ServerStatus.SHIPPED,
                              ServerStatus.COMPLETED})
CANCELLED_STATUSES = frozenset({ServerStatus.CANCELLED, ServerStatus.REFUNDED})
# Nothing more will happen to these: the automatic refresh leaves them alone.
FINAL_STATUSES = frozenset({ServerStatus.COMPLETED, ServerStatus.CANCELLED,
                            ServerStatus.REFUNDED})

# Summary of several parts: the least advanced part speaks for the order, except that any
# shipped part makes it partly shipped (a cancel is then refused).
_PROGRESS = (ServerStatus.ABNORMAL, ServerStatus.UNRECOGNISED, ServerStatus.WAITING,
             ServerStatus.PROCESSING, ServerStatus.PARTLY_SHIPPED, ServerStatus.SHIPPED,
             ServerStatus.COMPLETED, ServerStatus.REFUNDED, ServerStatus.CANCELLED,
             ServerStatus.NOT_FOUND)


class Shipment(StrEnum):
    """The history's filter on what the server last said."""

    SHIPPED = "shipped"
    NOT_SHIPPED = "not_shipped"  # accepted, neither shipped nor cancelled (or never checked)
    CANCELLED = "cancelled"


class CancelState(StrEnum):
    SENDING = "sending"  # a cancel request is (or was, before a crash) in flight
    REQUESTED = "requested"  # the server took the request; it finishes on its side (KA refund)
    CANCELLED = "cancelled"  # the server says it is cancelled
    REFUSED = "refused"  # the server (or Order Desk, as it has shipped) said no
    UNKNOWN = "unknown"  # the request may have arrived: look it up before any new cancel
    NOT_CANCELLED = "not_cancelled"  # nothing took effect (looked up, or never sent): may ask again


# Where a cancel stands, in the three words the command line and the window report it by.
CANCEL_OUTCOME = {
    CancelState.CANCELLED: "cancelled",
    CancelState.REQUESTED: "cancelled",  # taken by the server, which finishes it on its side
    CancelState.REFUSED: "refused",
    CancelState.NOT_CANCELLED: "refused",
    CancelState.UNKNOWN: "unknown",
    CancelState.SENDING: "unknown",
}

# A cancel may be asked (again) from these; the others are in flight or settled.
CANCEL_ALLOWED_FROM = frozenset({None, CancelState.REFUSED, CancelState.NOT_CANCELLED})


@dataclass(frozen=True)
class Tracking:
    carrier: str
    code: str
    url: str = ""

    def as_json(self) -> dict[str, str]:
        data = {"carrier": self.carrier, "code": self.code}
        if self.url:
            data["url"] = self.url
        return data


@dataclass(frozen=True)
class ServerPart:
    """One order as the server holds it."""

    remote_id: str
    status: ServerStatus
    raw_status: str  # the API's own word(s), e.g. "processing / partially_shipped"
    tracking: tuple[Tracking, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {"remote_id": self.remote_id, "status": self.status.value,
                "raw_status": self.raw_status,
                "tracking": [t.as_json() for t in self.tracking]}


@dataclass(frozen=True)
class ServerView:
    """What the server said about one journaled order at ``checked_at``."""

    parts: tuple[ServerPart, ...]
    checked_at: float
    raw: Any = field(default=None, compare=False, repr=False)

    @property
    def status(self) -> ServerStatus:
        return summarise(part.status for part in self.parts)

    @property
    def tracking(self) -> tuple[Tracking, ...]:
        return tuple(t for part in self.parts for t in part.tracking)

    def parts_json(self) -> str:
        return json.dumps([part.as_json() for part in self.parts], ensure_ascii=False)


def summarise(statuses: Iterable[ServerStatus]) -> ServerStatus:
    found = list(statuses)
    if not found:
        return ServerStatus.NOT_FOUND
    shipped = [s for s in found if s in SHIPPED_STATUSES]
    if shipped and len(shipped) < len(found) and not all(
            s in SHIPPED_STATUSES | CANCELLED_STATUSES for s in found):
        return ServerStatus.PARTLY_SHIPPED
    return min(found, key=_PROGRESS.index)


def parts_from_json(text: str | None) -> tuple[ServerPart, ...]:
    """The parts the journal kept (tolerant: a damaged entry gives no parts, not a crash)."""
    try:
        items = json.loads(text or "[]")
    except ValueError:
        return ()
    parts = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        try:
            status = ServerStatus(str(item.get("status")))
        except ValueError:
            status = ServerStatus.UNRECOGNISED
        tracking = tuple(
            Tracking(str(t.get("carrier") or ""), str(t.get("code") or ""), str(t.get("url") or ""))
            for t in item.get("tracking") or [] if isinstance(t, dict))
        parts.append(ServerPart(str(item.get("remote_id") or ""), status,
                                str(item.get("raw_status") or ""), tracking))
    return tuple(parts)


@dataclass(frozen=True)
class StatusQuery:
    """One accepted order to ask the server about."""

    reference: str
    remote_id: str | None
    created_at: float  # when it was journaled (seconds since the epoch): the search window


@dataclass(frozen=True)
class StatusAnswer:
    """What one status refresh learnt. ``views`` holds every order it could conclude about, by
    reference (an order the whole search did not find has a view with no parts); the others
    are left as they were, with ``failure`` saying why."""

    views: dict[str, ServerView]
    request: RecordedRequest | None = None  # the first request, for the journal
    http_status: int | None = None
    duration_ms: float = 0.0
    requests: int = 0
    failure: str = ""
    retry_after: float | None = None  # the server asked to wait (429/503) this long


def created_windows(times: Iterable[float], slack: timedelta) -> list[tuple[datetime, datetime]]:
    """Creation-time windows that cover orders journaled at ``times``, each widened by
    ``slack`` on both sides (clock skew, a server reading our UTC as its local time), those
    that overlap merged: orders of one busy week are one window, an old order its own."""
    windows: list[tuple[datetime, datetime]] = []
    for moment in sorted(datetime.fromtimestamp(t, UTC) for t in times):
        start, end = moment - slack, moment + slack
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows
