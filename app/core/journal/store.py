"""The journal: one SQLite file that is both the outbox (an order is written before it is sent) and
the history (every attempt, its request and response).

Thread-safe: connections come from a small pool, one per concurrent caller; every write is one
short ``BEGIN IMMEDIATE`` transaction (or part of a `Journal.transaction` block). Any SQLite failure
surfaces as `JournalError` with a plain reason.
"""

from __future__ import annotations

import logging
import os
import queue
import sqlite3
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from app.core.journal.records import (
    AttemptKind,
    AttemptRecord,
    HistoryFilter,
    NewAttempt,
    OrderRecord,
    OrderState,
)
from app.core.journal.schema import LATEST_VERSION, LegacyAccounts, NewerSchemaError, migrate
from app.core.server_status import (
    CANCELLED_STATUSES,
    FINAL_STATUSES,
    SHIPPED_STATUSES,
    CancelState,
    ServerStatus,
    ServerView,
    Shipment,
)
from app.core.targets import Target

log = logging.getLogger(__name__)

_ORDER_COLUMNS = (
    "id, target, account, profile, reference, reference_generated, state, payload, fingerprint, "
    "remote_id, message, batch_id, attempt_count, created_at, updated_at, server_status, "
    "server_parts, server_checked_at, cancel_state"
)
_ATTEMPT_COLUMNS = (
    "id, order_id, kind, started_at, target, profile, request, http_status, response_body, "
    "duration_ms, outcome, message"
)


class JournalError(RuntimeError):
    """The journal could not be read or written. The message is meant for the operator."""


class JournalGone(JournalError):
    """The journal's file was deleted or replaced under the running program."""


class DuplicateReferenceError(JournalError):
    """Another order of the same account already uses this reference."""


def _explain(exc: sqlite3.Error, path: Path) -> str:
    name = getattr(exc, "sqlite_errorname", "") or ""
    if name.startswith("SQLITE_FULL"):
        return f"The journal could not be written: the disk is full ({path})."
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return (
            f"The journal is locked by another program ({path}). Close other Order Desk windows "
            "or commands and try again."
        )
    if name.startswith(("SQLITE_CANTOPEN", "SQLITE_READONLY")) and not os.access(
            path.parent, os.W_OK):
        return (f"The data folder {path.parent} is read-only: Order Desk cannot keep its journal "
                "there, so nothing is sent (reading the history still works).")
    if name.startswith("SQLITE_READONLY"):
        return f"The journal is read-only ({path}); check the file's permissions."
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return f"The journal file is damaged or is not an Order Desk journal ({path})."
    if name.startswith("SQLITE_CANTOPEN"):
        return f"The journal could not be opened ({path}); check the folder exists and is writable."
    if name.startswith("SQLITE_IOERR"):
        return f"The journal could not be read or written: a disk error occurred ({path})."
    return f"The journal failed: {exc} ({path})."


class Journal:
    """Open (creating or migrating) the journal at ``path``.

    ``on_connect`` runs on every new connection (tests use it to cap the file size and so simulate
    a full disk). ``clock`` gives wall-clock seconds since the epoch. ``legacy_accounts`` maps
    (target, profile name) to the account that profile reaches, for a journal written before
    orders were keyed on their account (see `app.core.journal.schema`). ``read_only`` opens an
    existing, current journal for reading only (a read-only data folder): nothing is migrated.

    The journal is the file it was opened from, for good: an empty file is refused rather than
    made a new journal (which would forget every order sent), and once the file is deleted or
    replaced under a running program, every write fails (`JournalGone`) instead of landing in a
    file nobody will read again.
    """

    def __init__(
        self,
        path: Path | str,
        *,
        clock: Callable[[], float] = time.time,
        busy_timeout: float = 5.0,
        on_connect: Callable[[sqlite3.Connection], None] | None = None,
        legacy_accounts: LegacyAccounts | None = None,
        read_only: bool = False,
    ) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self._clock = clock
        self._busy_timeout = busy_timeout
        self._on_connect = on_connect
        self._idle: queue.SimpleQueue[sqlite3.Connection] = queue.SimpleQueue()
        self._all: list[sqlite3.Connection] = []
        self._all_lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._local = threading.local()
        self._closed = False
        self._identity: tuple[int, int] | None = None
        _refuse_unusable_file(self.path, read_only=read_only)
        try:
            with self._connection() as conn:
                if read_only:
                    _check_current(conn, self.path)
                else:
                    migrate(conn, self.path, legacy_accounts or {})
            self._identity = _identity(self.path)
        except NewerSchemaError as exc:
            self.close()
            raise JournalError(
                f"The journal {self.path} was written by a newer Order Desk ({exc}); "
                "update Order Desk to open it."
            ) from exc
        except sqlite3.Error as exc:
            self.close()
            raise JournalError(_explain(exc, self.path)) from exc
        except JournalError:
            self.close()
            raise

    # -- connections -------------------------------------------------------------------------

    def _open_connection(self) -> sqlite3.Connection:
        if self.read_only:
            conn = self._connect_read_only()
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=self._busy_timeout, isolation_level=None,
                                   check_same_thread=False)
        try:
            if not self.read_only:
                conn.execute("PRAGMA journal_mode = WAL")
            # FULL: a committed `queued` row survives a power cut, which is the outbox's promise.
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            if self._on_connect is not None:
                self._on_connect(conn)
        except BaseException:
            conn.close()
            raise
        with self._all_lock:
            self._all.append(conn)
        return conn

    def _connect_read_only(self) -> sqlite3.Connection:
        uri = self.path.resolve().as_uri()
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=self._busy_timeout,
                               isolation_level=None, check_same_thread=False)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.OperationalError:
            conn.close()
            # A WAL journal closed cleanly has no shared-memory file, and a read-only folder
            # cannot get one: read the file as it is (nobody can change it there either).
            return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True,
                                   timeout=self._busy_timeout, isolation_level=None,
                                   check_same_thread=False)

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        if self._closed:
            raise JournalError("The journal is closed.")
        ongoing: sqlite3.Connection | None = getattr(self._local, "transaction", None)
        if ongoing is not None:  # inside `transaction()`: see its own uncommitted writes
            yield ongoing
            return
        try:
            conn = self._idle.get_nowait()
        except queue.Empty:
            try:
                conn = self._open_connection()
            except sqlite3.Error as exc:
                raise JournalError(_explain(exc, self.path)) from exc
        try:
            yield conn
        finally:
            self._idle.put(conn)

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One short write transaction; SQLite errors become JournalError, nothing half-done.

        Writers of this process queue on a lock: left to SQLite, they would meet SQLITE_BUSY
        and back off with sleeps of up to 100 ms. The busy timeout is for other processes.
        """
        ongoing: sqlite3.Connection | None = getattr(self._local, "transaction", None)
        if ongoing is not None:  # part of the enclosing `transaction()`
            yield ongoing
            return
        with self._write_lock, self._connection() as conn:
            self._check_still_there()
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise JournalError(_explain(exc, self.path)) from exc
            self._local.transaction = conn
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.IntegrityError) and "UNIQUE" in str(exc):
                    message = f"The reference is already in use: {exc}"
                    raise DuplicateReferenceError(message) from exc
                if isinstance(exc, sqlite3.Error):
                    raise JournalError(_explain(exc, self.path)) from exc
                raise
            finally:
                self._local.transaction = None

    def _check_still_there(self) -> None:
        """Raise JournalGone when the file is no longer the one this journal opened."""
        if self._identity is None:
            return  # still opening
        try:
            now = _identity(self.path)
        except FileNotFoundError:
            raise JournalGone(
                f"The journal file {self.path} was deleted or moved while Order Desk was using "
                "it. Nothing more is sent: without it, what was sent cannot be known. Put it "
                "back, or start again knowing that orders of this run may already exist."
            ) from None
        if now != self._identity:
            raise JournalGone(
                f"The journal file {self.path} was replaced by another file while Order Desk "
                "was using it. Nothing more is sent; start again to use the file now there."
            )

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Make this thread's journal calls inside the block one transaction: all or nothing,
        and one disk sync instead of one per write. Keep it short; other writers wait."""
        with self._write():
            yield

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._connection() as conn:
            try:
                return conn.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise JournalError(_explain(exc, self.path)) from exc

    def close(self) -> None:
        """Close every connection (call once no other thread uses the journal)."""
        self._closed = True
        with self._all_lock:
            for conn in self._all:
                conn.close()
            self._all.clear()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writes --------------------------------------------------------------------------------

    def create_batch(
        self, target: Target, account: str, total: int, source: str = "", *,
        profile: str | None = None,
    ) -> int:
        with self._write() as conn:
            cursor = conn.execute(
                "INSERT INTO batches (created_at, target, account, profile, total, source) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (self._clock(), target.value, account, account if profile is None else profile,
                 total, source),
            )
            return int(cursor.lastrowid or 0)

    def add_order(
        self,
        target: Target,
        account: str,
        reference: str,
        payload_json: str,
        fingerprint: str,
        *,
        generated: bool,
        batch_id: int | None,
        profile: str | None = None,
    ) -> OrderRecord:
        """Journal a new order of ``account`` as `queued` (``profile``: the name it was entered
        with, the account if not given); DuplicateReferenceError if the reference is taken."""
        now = self._clock()
        with self._write() as conn:
            cursor = conn.execute(
                "INSERT INTO orders (target, account, profile, reference, reference_generated, "
                "state, payload, fingerprint, batch_id, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?)",
                (target.value, account, account if profile is None else profile, reference,
                 int(generated), payload_json, fingerprint, batch_id, now, now),
            )
            return self._get(conn, int(cursor.lastrowid or 0))

    def requeue(
        self,
        order_id: int,
        *,
        batch_id: int | None,
        payload_json: str | None = None,
        fingerprint: str | None = None,
    ) -> OrderRecord:
        """Queue an order that was never created (queued, rejected, not sent or cancelled) again,
        optionally with a corrected payload."""
        with self._write() as conn:
            cursor = conn.execute(
                "UPDATE orders SET state = 'queued', batch_id = ?, message = '', "
                "payload = coalesce(?, payload), fingerprint = coalesce(?, fingerprint), "
                "updated_at = ? WHERE id = ? "
                "AND state IN ('queued', 'rejected', 'not_sent', 'cancelled')",
                (batch_id, payload_json, fingerprint, self._clock(), order_id),
            )
            if cursor.rowcount != 1:
                raise JournalError(f"Order {order_id} cannot be queued again from its state.")
            return self._get(conn, order_id)

    def adopt(self, order_id: int, batch_id: int) -> OrderRecord:
        """Make an existing order part of a new batch without touching its state or payload."""
        with self._write() as conn:
            conn.execute(
                "UPDATE orders SET batch_id = ?, updated_at = ? WHERE id = ?",
                (batch_id, self._clock(), order_id),
            )
            return self._get(conn, order_id)

    def claim_for_send(self, order_id: int) -> OrderRecord | None:
        """queued -> sending, counting the attempt; the claimed order, whose payload is the one to
        send. None if the order is no longer queued (e.g. cancelled meanwhile); then nothing may
        be sent."""
        with self._write() as conn:
            cursor = conn.execute(
                "UPDATE orders SET state = 'sending', attempt_count = attempt_count + 1, "
                "updated_at = ? WHERE id = ? AND state = 'queued'",
                (self._clock(), order_id),
            )
            return self._get(conn, order_id) if cursor.rowcount == 1 else None

    def record(
        self,
        order_id: int,
        attempt: NewAttempt,
        state: OrderState,
        *,
        message: str | None = None,
        remote_id: str | None = None,
        only_from: Sequence[OrderState] | None = None,
    ) -> OrderRecord:
        """Store one attempt and the order's resulting state in a single transaction. With
        ``only_from``, the state changes only if the order is still in one of those states."""
        with self._write() as conn:
            order = self._get(conn, order_id)
            conn.execute(
                f"INSERT INTO attempts ({_ATTEMPT_COLUMNS.removeprefix('id, ')}) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (order_id, attempt.kind.value, attempt.started_at, order.target.value,
                 order.profile, attempt.request_json, attempt.http_status,
                 attempt.response_body, attempt.duration_ms, attempt.outcome, attempt.message),
            )
            if only_from is None or order.state in only_from:
                self._set_state(conn, order_id, state, message, remote_id)
            return self._get(conn, order_id)

    def cancel_queued(self, batch_id: int, message: str) -> int:
        """Every order of the batch still `queued` becomes `cancelled`, in one transaction;
        returns how many."""
        with self._write() as conn:
            cursor = conn.execute(
                "UPDATE orders SET state = 'cancelled', message = ?, updated_at = ? "
                "WHERE batch_id = ? AND state = 'queued'",
                (message, self._clock(), batch_id),
            )
            return int(cursor.rowcount)

    def set_state(
        self,
        order_id: int,
        state: OrderState,
        *,
        message: str | None = None,
        remote_id: str | None = None,
        only_from: Sequence[OrderState] | None = None,
    ) -> bool:
        """Change an order's state (only from the listed states, if given). True if it changed."""
        with self._write() as conn:
            if only_from is not None:
                row = conn.execute("SELECT state FROM orders WHERE id = ?", (order_id,)).fetchone()
                if row is None or OrderState(row[0]) not in only_from:
                    return False
            self._set_state(conn, order_id, state, message, remote_id)
            return True

    def _set_state(
        self,
        conn: sqlite3.Connection,
        order_id: int,
        state: OrderState,
        message: str | None,
        remote_id: str | None,
    ) -> None:
        conn.execute(
            "UPDATE orders SET state = ?, message = coalesce(?, message), "
            "remote_id = coalesce(?, remote_id), updated_at = ? WHERE id = ?",
            (state.value, message, remote_id, self._clock(), order_id),
        )

    def record_server(
        self,
        order_id: int,
        attempt: NewAttempt,
        *,
        view: ServerView | None = None,
        cancel_state: CancelState | None = None,
    ) -> OrderRecord:
        """Store one status or cancel attempt with what it learnt, in one transaction: the
        server's view of the order (status, parts, tracking, when) and where a cancel stands.
        A server that says the order is cancelled settles a cancel still open."""
        with self._write() as conn:
            order = self._get(conn, order_id)
            conn.execute(
                f"INSERT INTO attempts ({_ATTEMPT_COLUMNS.removeprefix('id, ')}) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (order_id, attempt.kind.value, attempt.started_at, order.target.value,
                 order.profile, attempt.request_json, attempt.http_status,
                 attempt.response_body, attempt.duration_ms, attempt.outcome, attempt.message),
            )
            if view is not None:
                conn.execute(
                    "UPDATE orders SET server_status = ?, server_parts = ?, "
                    "server_checked_at = ?, updated_at = ? WHERE id = ?",
                    (view.status.value, view.parts_json(), view.checked_at, self._clock(),
                     order_id),
                )
                if cancel_state is None and view.status in CANCELLED_STATUSES and (
                        order.cancel_state not in (None, CancelState.CANCELLED)):
                    cancel_state = CancelState.CANCELLED
            if cancel_state is not None:
                conn.execute("UPDATE orders SET cancel_state = ?, updated_at = ? WHERE id = ?",
                             (cancel_state.value, self._clock(), order_id))
            return self._get(conn, order_id)

    def claim_for_cancel(self, order_id: int) -> OrderRecord | None:
        """Mark a cancel in flight (cancel_state `sending`) and return the order; None when it
        may not be asked: not accepted, shipped or cancelled as far as the server last said, or
        a cancel already open (in flight, requested or unknown: look that one up first)."""
        closed = [s.value for s in SHIPPED_STATUSES | CANCELLED_STATUSES]
        with self._write() as conn:
            cursor = conn.execute(
                "UPDATE orders SET cancel_state = 'sending', updated_at = ? "
                "WHERE id = ? AND state = 'accepted' "
                "AND (cancel_state IS NULL OR cancel_state = 'refused') "
                "AND (server_status IS NULL OR server_status NOT IN "
                f"({', '.join('?' * len(closed))}))",
                (self._clock(), order_id, *closed),
            )
            return self._get(conn, order_id) if cursor.rowcount == 1 else None

    def status_due(
        self,
        *,
        target: Target | None = None,
        account: str | None = None,
        created_since: float | None = None,
        checked_before: float | None = None,
        limit: int = -1,
    ) -> list[OrderRecord]:
        """Accepted orders whose life on the server is not over (never checked, or not in a
        final status), least recently checked first: what a status refresh asks about."""
        final = [s.value for s in FINAL_STATUSES]
        terms = ["state = 'accepted'",
                 f"(server_status IS NULL OR server_status NOT IN ({', '.join('?' * len(final))}))"]
        params: list[Any] = list(final)
        for column, op, value in (("target", "=", target and target.value),
                                  ("account", "=", account),
                                  ("created_at", ">=", created_since)):
            if value is not None:
                terms.append(f"{column} {op} ?")
                params.append(value)
        if checked_before is not None:
            terms.append("(server_checked_at IS NULL OR server_checked_at < ?)")
            params.append(checked_before)
        rows = self._read(
            f"SELECT {_ORDER_COLUMNS} FROM orders WHERE {' AND '.join(terms)} "
            "ORDER BY coalesce(server_checked_at, 0), id LIMIT ?",
            (*params, limit),
        )
        return [_order(row) for row in rows]

    def mark_interrupted(self) -> int:
        """After a crash: every `sending` row becomes `unknown` (its request may have arrived).
        Only call while no engine of any process is sending (see `SendLock`)."""
        now = self._clock()
        with self._write() as conn:
            # The lost request is an attempt like any other: it shows in the history, and it ends
            # (as far as anyone can tell) now, which is when a lookup may start to be believed.
            # A `sending` row was last touched when it was claimed, i.e. when the request began.
            conn.execute(
                f"INSERT INTO attempts ({_ATTEMPT_COLUMNS.removeprefix('id, ')}) "
                "SELECT id, 'send', updated_at, target, profile, NULL, NULL, NULL, "
                "max(0, ? - updated_at) * 1000, 'unknown', "
                "'interrupted while sending (the program stopped); the request may have arrived' "
                "FROM orders WHERE state = 'sending'",
                (now,),
            )
            cursor = conn.execute(
                "UPDATE orders SET state = 'unknown', updated_at = ?, "
                "message = 'interrupted while sending; to be reconciled' WHERE state = 'sending'",
                (now,),
            )
            if cursor.rowcount:
                log.warning("%d order(s) were interrupted while sending", cursor.rowcount)
            # A cancel cut short alike: looked up by the next status check, never resent blindly.
            conn.execute(
                f"INSERT INTO attempts ({_ATTEMPT_COLUMNS.removeprefix('id, ')}) "
                "SELECT id, 'cancel', ?, target, profile, NULL, NULL, NULL, 0, 'unknown', "
                "'interrupted while cancelling (the program stopped); the request may have "
                "arrived' FROM orders WHERE cancel_state = 'sending'",
                (now,),
            )
            conn.execute("UPDATE orders SET cancel_state = 'unknown', updated_at = ? "
                         "WHERE cancel_state = 'sending'", (now,))
            return cursor.rowcount

    # -- reads ---------------------------------------------------------------------------------

    def last_uncertain_send(self, order_id: int) -> float | None:
        """When the last request that may have created the order (an `unknown` send, including
        one cut short by a crash) ended; None if there was none."""
        rows = self._read(
            "SELECT max(started_at + duration_ms / 1000.0) FROM attempts "
            "WHERE order_id = ? AND kind = 'send' AND outcome = 'unknown'",
            (order_id,),
        )
        value = rows[0][0]
        return None if value is None else float(value)

    def may_have_been_sent(self, order_id: int) -> bool:
        """Whether an earlier request of the order may have reached the server: any send that
        was not refused outright (retry outcomes included, in case a server misreported one)."""
        rows = self._read(
            "SELECT 1 FROM attempts WHERE order_id = ? AND kind = 'send' "
            "AND outcome != 'rejected' LIMIT 1",
            (order_id,),
        )
        return bool(rows)

    def _get(self, conn: sqlite3.Connection, order_id: int) -> OrderRecord:
        sql = f"SELECT {_ORDER_COLUMNS} FROM orders WHERE id = ?"
        row = conn.execute(sql, (order_id,)).fetchone()
        if row is None:
            raise JournalError(f"Order {order_id} is not in the journal.")
        return _order(row)

    def get(self, order_id: int) -> OrderRecord:
        with self._connection() as conn:
            try:
                return self._get(conn, order_id)
            except sqlite3.Error as exc:
                raise JournalError(_explain(exc, self.path)) from exc

    def find(self, target: Target, account: str, reference: str) -> OrderRecord | None:
        rows = self._read(
            f"SELECT {_ORDER_COLUMNS} FROM orders "
            "WHERE target = ? AND account = ? AND reference = ?",
            (target.value, account, reference),
        )
        return _order(rows[0]) if rows else None

    def accepted_references(self, target: Target, account: str) -> frozenset[str]:
        """Every reference the account has had accepted (one query): an import preview marks
        its orders already sent, which a send skips."""
        rows = self._read(
            "SELECT reference FROM orders WHERE target = ? AND account = ? AND state = ?",
            (target.value, account, OrderState.ACCEPTED.value),
        )
        return frozenset(str(reference) for (reference,) in rows)

    def same_content(self, target: Target, account: str, fingerprint: str) -> list[OrderRecord]:
        """Earlier orders of this account with the same content fingerprint, oldest first."""
        rows = self._read(
            f"SELECT {_ORDER_COLUMNS} FROM orders "
            "WHERE target = ? AND account = ? AND fingerprint = ? ORDER BY id",
            (target.value, account, fingerprint),
        )
        return [_order(row) for row in rows]

    def in_state(
        self, state: OrderState, *, target: Target | None = None, account: str | None = None
    ) -> list[OrderRecord]:
        return self.page(HistoryFilter(state=state, target=target, account=account), 0, -1,
                         oldest_first=True)

    def unsettled(self, target: Target, account: str) -> dict[OrderState, int]:
        """How many orders of the account are not settled yet (queued, sending or unknown), by
        state; states with none are left out."""
        rows = self._read(
            "SELECT state, count(*) FROM orders WHERE target = ? AND account = ? "
            "AND state IN (?, ?, ?) GROUP BY state",
            (target.value, account, OrderState.QUEUED.value, OrderState.SENDING.value,
             OrderState.UNKNOWN.value),
        )
        return {OrderState(state): int(count) for state, count in rows}

    def rename_profile(self, old: str, new: str) -> int:
        """Call every order, attempt and batch entered with profile ``old`` by its new name
        (the history's label; the orders' identity is their account, which a rename does not
        change). Returns the number of orders relabelled."""
        with self._write() as conn:
            moved = conn.execute("UPDATE orders SET profile = ? WHERE profile = ?",
                                 (new, old)).rowcount
            conn.execute("UPDATE attempts SET profile = ? WHERE profile = ?", (new, old))
            conn.execute("UPDATE batches SET profile = ? WHERE profile = ?", (new, old))
        return int(moved)

    def accounts_in_state(self, state: OrderState) -> list[tuple[Target, str]]:
        rows = self._read(
            "SELECT DISTINCT target, account FROM orders WHERE state = ? ORDER BY target, account",
            (state.value,),
        )
        return [(Target(target), account) for target, account in rows]

    def count(self, where: HistoryFilter | None = None) -> int:
        clause, params = _where(where or HistoryFilter())
        return int(self._read(f"SELECT count(*) FROM orders {clause}", params)[0][0])

    def page(
        self,
        where: HistoryFilter | None = None,
        offset: int = 0,
        limit: int = 100,
        *,
        oldest_first: bool = False,
    ) -> list[OrderRecord]:
        """Orders matching ``where``, newest first by default; ``limit=-1`` means all."""
        clause, params = _where(where or HistoryFilter())
        order = "ASC" if oldest_first else "DESC"
        rows = self._read(
            f"SELECT {_ORDER_COLUMNS} FROM orders {clause} ORDER BY id {order} LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        return [_order(row) for row in rows]

    def attempts(self, order_id: int) -> list[AttemptRecord]:
        rows = self._read(
            f"SELECT {_ATTEMPT_COLUMNS} FROM attempts WHERE order_id = ? ORDER BY id", (order_id,)
        )
        return [_attempt(row) for row in rows]


def _identity(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_dev, stat.st_ino


def _create_complete(path: Path) -> None:
    """A new journal appears at ``path`` whole or not at all: built beside it, then linked into
    place (which fails if another process got there first; then theirs is used). So a file of 0
    bytes at the path never means "being created"."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-", suffix=".new")
    os.close(fd)
    draft = Path(name)
    try:
        conn = sqlite3.connect(draft, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            migrate(conn, draft, {})
        finally:
            conn.close()  # the last connection checkpoints: the file holds everything
        try:
            os.link(draft, path)
        except FileExistsError:
            pass  # another process made it first: use theirs
        except OSError:
            # No hard links on this file system (FAT, some network shares): a rename, which
            # only races with another brand-new journal, so no order can be lost either way.
            if not path.exists():
                os.replace(draft, path)
    finally:
        for leftover in (draft, draft.with_name(draft.name + "-wal"),
                         draft.with_name(draft.name + "-shm")):
            leftover.unlink(missing_ok=True)


def _refuse_unusable_file(path: Path, *, read_only: bool) -> None:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        if read_only:
            raise JournalError(f"There is no journal at {path} yet.") from None
        try:
            _create_complete(path)
        except (OSError, sqlite3.Error) as exc:
            raise JournalError(f"The journal could not be created at {path}: "
                               f"{getattr(exc, 'strerror', None) or exc}.") from exc
        return
    except OSError as exc:
        raise JournalError(f"The journal {path} cannot be read: {exc.strerror or exc}.") from exc
    if size == 0:
        raise JournalError(
            f"The journal file {path} is empty (0 bytes): it was probably cut short or emptied. "
            "Order Desk does not start a new journal over it, which would forget which orders "
            "were sent. Restore it from a backup, or move it away to start a new journal."
        )
    if not read_only:
        _refuse_foreign(path)


def _refuse_foreign(path: Path) -> None:
    """A database of another program (unversioned, with tables) is not made a journal; looked
    at read-only, before anything (such as the WAL switch) writes to it."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            foreign = conn.execute("PRAGMA user_version").fetchone()[0] == 0 and conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' LIMIT 1").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise JournalError(_explain(exc, path)) from exc
    if foreign:
        raise JournalError(
            f"The file {path} is a database, but not an Order Desk journal; it is left as it "
            "is. Move it away to start a new journal there."
        )


def _check_current(conn: sqlite3.Connection, path: Path) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version != LATEST_VERSION:
        raise JournalError(
            f"The journal {path} (schema v{version}) needs Order Desk to upgrade it, which it "
            "cannot do in a read-only folder. Open it once where it can be written."
        )


def _order(row: tuple[Any, ...]) -> OrderRecord:
    return OrderRecord(
        id=row[0],
        target=Target(row[1]),
        account=row[2],
        profile=row[3],
        reference=row[4],
        reference_generated=bool(row[5]),
        state=OrderState(row[6]),
        payload_json=row[7],
        fingerprint=row[8],
        remote_id=row[9],
        message=row[10],
        batch_id=row[11],
        attempt_count=row[12],
        created_at=row[13],
        updated_at=row[14],
        server_status=None if row[15] is None else _server_status(row[15]),
        server_parts_json=row[16],
        server_checked_at=row[17],
        cancel_state=None if row[18] is None else CancelState(row[18]),
    )


def _server_status(value: str) -> ServerStatus:
    try:
        return ServerStatus(value)
    except ValueError:  # written by a newer Order Desk
        return ServerStatus.UNRECOGNISED


def _attempt(row: tuple[Any, ...]) -> AttemptRecord:
    return AttemptRecord(
        id=row[0],
        order_id=row[1],
        kind=AttemptKind(row[2]),
        started_at=row[3],
        target=Target(row[4]),
        profile=row[5],
        request_json=row[6],
        http_status=row[7],
        response_body=row[8],
        duration_ms=row[9],
        outcome=row[10],
        message=row[11],
    )


def _fts_query(text: str) -> str:
    """Each word becomes a quoted prefix term, so operator input can never be FTS syntax."""
    words = text.split()
    return " ".join('"' + word.replace('"', '""') + '"*' for word in words)


def _where(where: HistoryFilter) -> tuple[str, list[Any]]:
    terms: list[str] = []
    params: list[Any] = []
    if where.reference:
        # A range instead of LIKE so the reference index is used (LIKE is case-insensitive).
        terms.append("reference >= ? AND reference < ?")
        params += [where.reference, where.reference + "\U0010ffff"]
    if where.state is not None:
        terms.append("state = ?")
        params.append(where.state.value)
    if where.target is not None:
        terms.append("target = ?")
        params.append(where.target.value)
    if where.account is not None:
        terms.append("account = ?")
        params.append(where.account)
    if where.profile is not None:
        terms.append("profile = ?")
        params.append(where.profile)
    if where.since is not None:
        terms.append("created_at >= ?")
        params.append(where.since)
    if where.until is not None:
        terms.append("created_at < ?")
        params.append(where.until)
    if where.batch_id is not None:
        terms.append("batch_id = ?")
        params.append(where.batch_id)
    if where.shipment is not None:
        shipped = [s.value for s in SHIPPED_STATUSES]
        cancelled = [s.value for s in CANCELLED_STATUSES]
        if where.shipment is Shipment.SHIPPED:
            terms.append(f"server_status IN ({', '.join('?' * len(shipped))})")
            params += shipped
        elif where.shipment is Shipment.CANCELLED:
            terms.append(f"server_status IN ({', '.join('?' * len(cancelled))})")
            params += cancelled
        else:
            closed = shipped + cancelled
            terms.append("state = 'accepted' AND (server_status IS NULL OR server_status NOT IN "
                         f"({', '.join('?' * len(closed))}))")
            params += closed
    if where.text and where.text.split():
        terms.append("id IN (SELECT rowid FROM orders_text WHERE orders_text MATCH ?)")
        params.append(_fts_query(where.text))
    return ("WHERE " + " AND ".join(terms) if terms else ""), params
