"""The journal: SQLite outbox and history. See `store.Journal`."""

from __future__ import annotations

from app.core.journal.lock import SendLock, SendLockBusyError
from app.core.journal.records import (
    MAYBE_CREATED,
    AttemptKind,
    AttemptRecord,
    HistoryFilter,
    NewAttempt,
    OrderRecord,
    OrderState,
)
from app.core.journal.store import DuplicateReferenceError, Journal, JournalError, JournalGone

__all__ = [
    "MAYBE_CREATED",
    "AttemptKind",
    "AttemptRecord",
    "DuplicateReferenceError",
    "HistoryFilter",
    "Journal",
    "JournalError",
    "JournalGone",
    "NewAttempt",
    "OrderRecord",
    "OrderState",
    "SendLock",
    "SendLockBusyError",
]
