"""The journal: outbox and history, in a SQLite file or a team's PostgreSQL. See `store.Journal`."""

from __future__ import annotations

from app.core.journal.database import JournalUnreachable
from app.core.journal.identity import DeskIdentity, this_desk
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
    "DeskIdentity",
    "DuplicateReferenceError",
    "HistoryFilter",
    "Journal",
    "JournalError",
    "JournalGone",
    "JournalUnreachable",
    "NewAttempt",
    "OrderRecord",
    "OrderState",
    "SendLock",
    "SendLockBusyError",
    "this_desk",
]
