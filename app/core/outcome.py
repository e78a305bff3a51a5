"""Typed results shared by models, clients, the journal and the engine.

Clients never raise for API or transport trouble: they return a `SendOutcome` whose `kind` tells the
engine what is safe to do next.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True)
class FieldError:
    """One rejected field. `loc` is the dotted wire path, e.g. ``orderAddress.phone`` or
    ``orderItemsList.0.quantity``; `message` is written for an operator."""

    loc: str
    message: str

    def __str__(self) -> str:
        return f"{self.loc}: {self.message}" if self.loc else self.message


class OutcomeKind(StrEnum):
    ACCEPTED = "accepted"  # the API created the order; remote_id is set
    REJECTED = "rejected"  # the API said no (validation, balance, auth); do not resend as is
    RETRY = "retry"  # nothing was created (connect error, 429, 503): safe to resend
    UNKNOWN = "unknown"  # the request may have reached the server: reconcile before any resend


@dataclass(frozen=True)
class RecordedRequest:
    """What went over the wire, with secrets already redacted; safe to store and show."""

    method: str
    url: str
    headers: dict[str, str]
    body: str

    def to_json(self) -> str:
        """As the journal keeps it (`dataclasses.asdict` copied every header on the way)."""
        return json.dumps({"method": self.method, "url": self.url, "headers": self.headers,
                           "body": self.body}, ensure_ascii=False)


@dataclass(frozen=True)
class SendOutcome:
    kind: OutcomeKind
    message: str = ""
    remote_id: str | None = None
    http_status: int | None = None
    response_body: str | None = None
    retry_after: float | None = None  # seconds the server asked us to wait, if it said
    field_errors: tuple[FieldError, ...] = ()
    request: RecordedRequest | None = None
    duration_ms: float = 0.0
    # A refusal because the API already holds an order under this reference. If an earlier
    # attempt of ours may have created it, it is ours: the engine looks it up instead.
    reference_exists: bool = False
    # A refusal that every further order of the batch would meet too (the credential refused,
    # the balance spent, the account suspended): the batch holds instead of sending on.
    blocks_account: bool = False


class LookupState(StrEnum):
    FOUND = "found"
    ABSENT = "absent"
    UNKNOWN = "unknown"  # the lookup itself failed; nothing can be concluded


@dataclass(frozen=True)
class LookupResult:
    state: LookupState
    remote_id: str | None = None
    message: str = ""
    raw: dict | None = field(default=None, compare=False)
