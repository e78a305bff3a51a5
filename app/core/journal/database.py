"""Where a journal lives. `Journal` (store.py) holds the one set of SQL every backend runs; a
`Database` gives it connections and transactions, and the few pieces of SQL that differ between
SQLite (one desk: a file) and PostgreSQL (a team: a server).

Queries are written with ``?`` placeholders; a backend whose driver wants another style
translates them (see `app.core.journal.postgres`).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Protocol


class JournalError(RuntimeError):
    """The journal could not be read or written. The message is meant for the operator."""


class JournalGone(JournalError):
    """The journal's file was deleted or replaced under the running program."""


class DuplicateReferenceError(JournalError):
    """Another order of the same account already uses this reference."""


class JournalUnreachable(JournalError):
    """The team journal's server cannot be reached: nothing may be sent until it can."""


TEAM_JOURNAL_SCHEMES = ("postgresql://", "postgres://")


def is_team_journal_url(value: str) -> bool:
    """Whether ``value`` names a team journal; told without the PostgreSQL driver, which a
    machine without libpq cannot load."""
    return value.strip().lower().startswith(TEAM_JOURNAL_SCHEMES)


class Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...
    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...


class Connection(Protocol):
    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor: ...
    @property
    def in_transaction(self) -> bool: ...


class Database:
    """The backend interface (see the module docstring). Subclasses fill in every method."""

    #: the file, for a journal kept in one (its lock file sits beside it); None for a server
    path: Path | None = None
    #: several desks write it at once: `sending` orders carry leases instead of a lock file
    shared = False
    #: what the operator reads when the journal is named (a path, a URL without its password)
    label = ""
    #: appended to a SELECT that reads a row about to be changed, so no other desk changes it
    #: in between
    for_update = ""
    #: the database's own clock, seconds since the epoch (leases are judged by one clock)
    now_sql = ""
    #: the driver's exception base class
    errors: tuple[type[BaseException], ...] = ()

    def connection(self) -> AbstractContextManager[Connection]:
        raise NotImplementedError

    def write_lock(self) -> AbstractContextManager[object]:
        """Held around each write transaction of this process."""
        return contextlib.nullcontext()

    def begin(self, conn: Connection, *, durable: bool = True) -> None:
        """Open a write transaction. ``durable=False``: its commit need not wait for the disk
        (a power cut may undo it, never half of it); see `Journal.transaction`."""
        conn.execute("BEGIN")
        if not durable:
            conn.execute("SET LOCAL synchronous_commit TO OFF")

    def end(self, conn: Connection, *, durable: bool = True) -> None:
        """After a transaction `begin` opened has committed or rolled back. Its failure is
        only logged: `begin` of a durable transaction must not count on it having run."""

    def check_still_there(self) -> None:
        """Raise JournalGone when the journal is no longer the one opened."""

    def explain(self, exc: BaseException) -> JournalError:
        """The driver's exception as a JournalError in plain words."""
        raise NotImplementedError

    def is_duplicate(self, exc: BaseException) -> bool:
        """Whether ``exc`` is a unique constraint refusing a second row."""
        raise NotImplementedError

    def text_match(self, text: str) -> tuple[str, list[Any]]:
        """A WHERE term (and its parameters) matching orders whose reference, remote id,
        message or payload hold every word of ``text`` (or a word beginning so)."""
        raise NotImplementedError

    def text_ids(self, text: str) -> tuple[str, list[Any]] | None:
        """A SELECT of the ``id`` of each order ``text_match`` matches, read from the text index
        alone (for a search by text and nothing else), or None to filter the orders table."""
        return None

    def greatest(self, first: str, second: str) -> str:
        return f"greatest({first}, {second})"

    def schema_version(self) -> int:
        raise NotImplementedError

    def listen(self, on_change: Callable[[int], None], stop: threading.Event) -> None:
        """Call ``on_change(order id)`` whenever another desk changes an order, until ``stop``
        is set; 0 means "something may have changed". A journal nobody else writes returns at
        once."""

    def close(self) -> None:
        raise NotImplementedError
