"""Plain records the journal hands out: what the GUI's history model and the CLI display."""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from app.core.server_status import CancelState, ServerPart, ServerStatus, Shipment, parts_from_json
from app.core.targets import Target


class OrderState(StrEnum):
    QUEUED = "queued"  # journaled, not sent (or a retry is due): safe to send
    SENDING = "sending"  # a request is (or was, before a crash) in flight
    ACCEPTED = "accepted"  # the API created it; remote_id is set
    REJECTED = "rejected"  # the API said no; message says why
    UNKNOWN = "unknown"  # may exist remotely: reconcile before any resend
    NOT_SENT = "not_sent"  # the server kept refusing to take it (429/503): nothing was created
    CANCELLED = "cancelled"  # withdrawn before it was ever sent


# States in which the order may exist on the server, so it must never be created again blindly.
MAYBE_CREATED = frozenset({OrderState.SENDING, OrderState.ACCEPTED, OrderState.UNKNOWN})


class AttemptKind(StrEnum):
    SEND = "send"
    LOOKUP = "lookup"
    STATUS = "status"  # asking the server what became of an accepted order
    CANCEL = "cancel"  # asking it to cancel one (outcome: a CancelState value)


@dataclass(frozen=True)
class OrderRecord:
    id: int
    target: Target
    account: str  # where it goes (app.core.accounts): with target and reference, its identity
    profile: str  # the profile it was entered with, as it is called now
    reference: str
    reference_generated: bool  # True when Order Desk made the reference up
    state: OrderState
    payload_json: str  # the exact wire payload, as sent
    fingerprint: str
    remote_id: str | None
    message: str
    batch_id: int | None
    attempt_count: int  # send attempts so far
    created_at: float  # seconds since the epoch, UTC
    updated_at: float
    # What the server last said of it once accepted (None: never asked), and any cancel.
    server_status: ServerStatus | None = None
    server_parts_json: str | None = None
    server_checked_at: float | None = None
    cancel_state: CancelState | None = None
    entered_by: str = ""  # the operator who entered it (empty before this was recorded)
    desk: str = ""  # the desk (computer) it was entered on

    @property
    def payload(self) -> dict[str, Any]:
        value = json.loads(self.payload_json)
        assert isinstance(value, dict)
        return value

    @property
    def server_parts(self) -> tuple[ServerPart, ...]:
        return parts_from_json(self.server_parts_json)


@dataclass(frozen=True)
class AttemptRecord:
    id: int
    order_id: int
    kind: AttemptKind
    started_at: float
    target: Target
    profile: str
    request_json: str | None  # RecordedRequest as JSON, secrets already redacted
    http_status: int | None
    response_body: str | None
    duration_ms: float
    outcome: str  # OutcomeKind or LookupState value
    message: str


@dataclass(frozen=True)
class NewAttempt:
    """What the engine hands the journal after one request."""

    kind: AttemptKind
    started_at: float
    outcome: str
    message: str = ""
    request_json: str | None = None
    http_status: int | None = None
    response_body: str | None = None
    duration_ms: float = 0.0


@dataclass(frozen=True)
class HistoryFilter:
    """Every criterion is optional; the ones given must all match.

    ``reference`` matches a whole reference or its beginning; ``text`` matches words (or word
    beginnings) anywhere in the reference, remote id, message or payload (names, phones, SKUs...).
    """

    reference: str | None = None
    state: OrderState | None = None
    target: Target | None = None
    account: str | None = None
    profile: str | None = None
    since: float | None = None  # created at or after
    until: float | None = None  # created before
    text: str | None = None
    batch_id: int | None = None
    shipment: Shipment | None = None  # by what the server last said
