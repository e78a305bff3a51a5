"""What a batch reports: one result per order, and progress snapshots for a progress bar."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from app.core.outcome import FieldError


class ResultStatus(StrEnum):
    ACCEPTED = "accepted"  # created (now, or already in an earlier run: see `previously`)
    REJECTED = "rejected"  # the API said no
    INVALID = "invalid"  # failed the local checks; never sent
    DUPLICATE = "duplicate"  # same content as an order sent before; held back, never sent
    UNKNOWN = "unknown"  # may exist remotely and could not be resolved; reconcile later
    NOT_SENT = "not_sent"  # the server kept asking us to come back later; nothing was created
    CANCELLED = "cancelled"  # the batch was cancelled before this order was sent


@dataclass(frozen=True)
class OrderResult:
    index: int  # position in the submitted list; -1 for orders resumed by recovery
    reference: str | None
    status: ResultStatus
    remote_id: str | None = None
    message: str = ""
    # The order's journal row; for a DUPLICATE, the earlier order it resembles.
    order_id: int | None = None
    field_errors: tuple[FieldError, ...] = ()
    previously: bool = False  # already accepted before this batch; not sent again
    # With `previously`: this version differs from the accepted one, and was not sent.
    content_differs: bool = False
    # The doubts the engine's check found that did not stop the order (an unknown province);
    # None when it never checked the order (cancelled before, or recovered from an earlier run).
    warnings: tuple[FieldError, ...] | None = None


@dataclass(frozen=True)
class Progress:
    """A snapshot; `done` counts orders with a final result in this batch."""

    total: int
    done: int = 0
    counts: dict[ResultStatus, int] = field(default_factory=dict)
    rate: float = 0.0  # results per second since the batch started
    paused: bool = False
    finished: bool = False
    held: str = ""  # why the batch holds by itself (the account cannot take orders)

    def count(self, status: ResultStatus) -> int:
        return self.counts.get(status, 0)

    @property
    def accepted(self) -> int:
        return self.count(ResultStatus.ACCEPTED)

    @property
    def rejected(self) -> int:
        return self.count(ResultStatus.REJECTED)

    @property
    def unknown(self) -> int:
        return self.count(ResultStatus.UNKNOWN)
