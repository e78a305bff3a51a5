"""The journal: both the outbox (an order is written before it is sent) and the history (every
attempt, its request and response). One set of SQL for every backend: a SQLite file for one desk
(`app.core.journal.sqlite`), a PostgreSQL server shared by a team (`app.core.journal.postgres`).

Thread-safe: every write is one short transaction (or part of a `Journal.transaction` block). Any
database failure surfaces as `JournalError` with a plain reason.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Any

from app.core.journal.database import (
    Connection,
    Database,
    DuplicateReferenceError,
    JournalError,
    JournalGone,
    JournalUnreachable,
)
from app.core.journal.identity import DeskIdentity, this_desk
from app.core.journal.records import (
    AttemptKind,
    AttemptRecord,
    HistoryFilter,
    NewAttempt,
    OrderRecord,
    OrderState,
)
from app.core.journal.schema import LegacyAccounts
from app.core.journal.sqlite import SqliteDatabase
from app.core.server_status import (
    CANCEL_ALLOWED_FROM,
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

__all__ = ["DuplicateReferenceError", "Journal", "JournalError", "JournalGone",
           "JournalUnreachable"]

_ORDER_COLUMNS = (
    "id, target, account, profile, reference, reference_generated, state, payload, fingerprint, "
    "remote_id, message, batch_id, attempt_count, created_at, updated_at, server_status, "
    "server_parts, server_checked_at, cancel_state, entered_by, desk"
)
_ATTEMPT_COLUMNS = (
    "id, order_id, kind, started_at, target, profile, request, http_status, response_body, "
    "duration_ms, outcome, message"
)

# How long a desk's claim on an order it is sending holds without being renewed: after that,
# another desk of a team journal takes the order for interrupted and reconciles it.
DEFAULT_LEASE_SECONDS = 60.0
LEASE_ENV = "ORDER_DESK_LEASE_SECONDS"


class CopyOutcome(StrEnum):
    COPIED = "copied"
    HELD = "held"  # the journal holds the reference already, with the same content
    DIFFERS = "differs"  # it holds the reference with other content: left as it is


class Journal:
    """Open (creating or migrating) the SQLite journal at ``path``, or the one ``database``
    holds (`app.core.journal.postgres.PostgresDatabase` for a team journal).

    ``on_connect`` runs on every new SQLite connection (tests use it to cap the file size and so
    simulate a full disk). ``clock`` gives wall-clock seconds since the epoch. ``legacy_accounts``
    maps (target, profile name) to the account that profile reaches, for a journal written before
    orders were keyed on their account (see `app.core.journal.schema`). ``read_only`` opens an
    existing, current journal for reading only (a read-only data folder): nothing is migrated.
    ``desk`` names who enters the orders written through this journal (the history shows it).

    A SQLite journal is the file it was opened from, for good: an empty file is refused rather
    than made a new journal (which would forget every order sent), and once the file is deleted
    or replaced under a running program, every write fails (`JournalGone`) instead of landing in
    a file nobody will read again.
    """

    def __init__(
        self,
        path: Path | str | None = None,
        *,
        database: Database | None = None,
        clock: Callable[[], float] = time.time,
        busy_timeout: float = 5.0,
        on_connect: Callable[[sqlite3.Connection], None] | None = None,
        legacy_accounts: LegacyAccounts | None = None,
        read_only: bool = False,
        desk: DeskIdentity | None = None,
        lease_seconds: float | None = None,
    ) -> None:
        if database is None:
            if path is None:
                raise ValueError("a journal needs a path or a database")
            database = SqliteDatabase(path, busy_timeout=busy_timeout, on_connect=on_connect,
                                      legacy_accounts=legacy_accounts, read_only=read_only)
        self._db = database
        self.path: Path | None = database.path
        self.read_only = read_only
        self._clock = clock
        self._desk = desk or this_desk()
        self.lease_seconds = lease_seconds if lease_seconds is not None else float(
            os.environ.get(LEASE_ENV) or DEFAULT_LEASE_SECONDS)
        self._local = threading.local()

    @property
    def shared(self) -> bool:
        """Several desks send from this journal at once (a team journal): `sending` orders are
        claimed with a lease, and no lock file is used."""
        return self._db.shared

    @property
    def label(self) -> str:
        """The journal's name for the operator: its file, or its server (never a password)."""
        return self._db.label

    @property
    def desk(self) -> DeskIdentity:
        return self._desk

    @property
    def database(self) -> Database:
        return self._db

    def watch(self, on_change: Callable[[int], None], stop: threading.Event) -> None:
        """Block, calling ``on_change(order id)`` as other desks of a team journal record
        outcomes (PostgreSQL's LISTEN/NOTIFY: nothing polls the table), until ``stop`` is set.
        Returns at once for a desk's own journal. Run it on a thread of its own."""
        self._db.listen(on_change, stop)

    def schema_version(self) -> int:
        try:
            return self._db.schema_version()
        except self._db.errors as exc:
            raise self._db.explain(exc) from exc

    # -- connections -------------------------------------------------------------------------

    @contextmanager
    def _connection(self) -> Iterator[Connection]:
        ongoing: Connection | None = getattr(self._local, "transaction", None)
        if ongoing is not None:  # inside `transaction()`: see its own uncommitted writes
            yield ongoing
            return
        with self._db.connection() as conn:
            yield conn

    @contextmanager
    def _write(self, *, durable: bool = True) -> Iterator[Connection]:
        """One short write transaction; database errors become JournalError, nothing half-done."""
        ongoing: Connection | None = getattr(self._local, "transaction", None)
        if ongoing is not None:  # part of the enclosing `transaction()`
            yield ongoing
            return
        # Checked before the lock: a check gives the interpreter to other threads, and inside
        # the lock every such hand-over is a wait all writers share.
        self._db.check_still_there()
        self._local.claimed = False
        self._local.durable = durable
        with self._db.write_lock(), self._connection() as conn:
            try:
                try:
                    self._db.begin(conn, durable=durable)
                except self._db.errors as exc:
                    raise self._db.explain(exc) from exc
                self._local.transaction = conn
                try:
                    yield conn
                    conn.execute("COMMIT")
                except BaseException as exc:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    if isinstance(exc, self._db.errors):
                        raise self._db.explain(exc) from exc
                    raise
                finally:
                    self._local.transaction = None
            finally:
                if not durable:
                    try:
                        self._db.end(conn, durable=durable)
                    except self._db.errors:
                        # Not the transaction's failure (it may have committed): the next
                        # durable one on this connection resets it first (`Database.begin`).
                        log.exception("resetting the journal connection after a commit failed")
        if self._local.claimed:
            # The file may have been replaced while this waited for the lock: the claim went
            # into the old one, and its request must not go out.
            self._db.check_still_there()

    def check_still_there(self) -> None:
        """Raise JournalGone if the journal is no longer the one opened (its file deleted or
        replaced): an order claimed a while ago must not be sent then."""
        self._db.check_still_there()

    @contextmanager
    def transaction(self, *, durable: bool = True) -> Iterator[None]:
        """Make this thread's journal calls inside the block one transaction: all or nothing,
        and one disk sync instead of one per write. Keep it short; other writers wait.

        ``durable=False``: the commit does not wait for the disk; a power cut or a crash of the
        machine may undo it (whole), until the next durable commit, whose sync covers it. Only
        for writes whose loss leaves an order in a state the next start resolves (an outcome
        lost leaves its order `sending`, looked up like any order a crash interrupted); never
        for a claim, which must be on the disk before its request leaves."""
        with self._write(durable=durable):
            yield

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            with self._connection() as conn:
                return list(conn.execute(sql, params).fetchall())
        except self._db.errors as exc:
            raise self._db.explain(exc) from exc

    def close(self) -> None:
        """Close every connection (call once no other thread uses the journal)."""
        self._db.close()

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
                "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                (self._clock(), target.value, account, account if profile is None else profile,
                 total, source),
            )
            return int(cursor.fetchone()[0])

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
        with, the account if not given); DuplicateReferenceError if the reference is taken
        (the enclosing transaction goes on: another desk may have just journaled it)."""
        now = self._clock()
        with self._write() as conn:
            # A second desk adding the same reference waits here for the first one's commit,
            # then adds nothing.
            rows = conn.execute(
                "INSERT INTO orders (target, account, profile, reference, reference_generated, "
                "state, payload, fingerprint, batch_id, created_at, updated_at, entered_by, desk) "
                "VALUES (?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?) "
                f"ON CONFLICT (target, account, reference) DO NOTHING RETURNING {_ORDER_COLUMNS}",
                (target.value, account, account if profile is None else profile, reference,
                 int(generated), payload_json, fingerprint, batch_id, now, now,
                 self._desk.operator, self._desk.desk),
            ).fetchall()
            if not rows:
                raise DuplicateReferenceError(
                    f"The reference {reference} is already in use for {account}.")
            return _order(rows[0])

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
            if not self._local.durable:
                raise RuntimeError("a claim must be on the disk before its request leaves")
            # One statement: of two desks claiming at once, the second finds it no longer queued.
            rows = conn.execute(
                "UPDATE orders SET state = 'sending', attempt_count = attempt_count + 1, "
                f"updated_at = ?, lease_holder = ?, lease_until = {self._db.now_sql} + ? "
                f"WHERE id = ? AND state = 'queued' RETURNING {_ORDER_COLUMNS}",
                (self._clock(), self._desk.holder, self.lease_seconds, order_id),
            ).fetchall()
            if rows:  # checked again once committed (see `_write`)
                self._local.claimed = True
            return _order(rows[0]) if rows else None

    def unclaim(self, order_id: int) -> bool:
        """sending -> queued for an order this desk claimed and has not sent (a claim made ahead
        of its turn, given back on a pause or a cancel); True if it was given back."""
        with self._write() as conn:
            cursor = conn.execute(
                "UPDATE orders SET state = 'queued', attempt_count = attempt_count - 1, "
                "updated_at = ?, lease_holder = NULL, lease_until = NULL "
                "WHERE id = ? AND state = 'sending' AND lease_holder = ?",
                (self._clock(), order_id, self._desk.holder),
            )
            return cursor.rowcount == 1

    def renew_leases(self) -> int:
        """Extend the lease of every order this process is sending (a team journal's desks call
        it while their requests are in flight); returns how many."""
        with self._write() as conn:
            cursor = conn.execute(
                f"UPDATE orders SET lease_until = {self._db.now_sql} + ? "
                "WHERE state = 'sending' AND lease_holder = ?",
                (self.lease_seconds, self._desk.holder),
            )
            return int(cursor.rowcount)

    def lease_expired(self, order_id: int) -> bool:
        """Whether an order some desk is sending has outlived its lease (that desk stopped)."""
        rows = self._read(
            "SELECT 1 FROM orders WHERE id = ? AND state = 'sending' "
            f"AND (lease_until IS NULL OR lease_until < {self._db.now_sql})",
            (order_id,),
        )
        return bool(rows)

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
        # Two statements: every one is a moment other writers wait for (see `_write`).
        with self._write() as conn:
            conn.execute(
                f"INSERT INTO attempts ({_ATTEMPT_COLUMNS.removeprefix('id, ')}) "
                "SELECT id, ?, ?, target, profile, ?, ?, ?, ?, ?, ? FROM orders WHERE id = ?",
                (attempt.kind.value, attempt.started_at, attempt.request_json,
                 attempt.http_status, attempt.response_body, attempt.duration_ms,
                 attempt.outcome, attempt.message, order_id),
            )
            if only_from is not None and not only_from:  # no state it may change from
                return self._get(conn, order_id)
            states = [s.value for s in only_from] if only_from is not None else []
            rows = conn.execute(
                "UPDATE orders SET state = ?, message = coalesce(?, message), "
                "remote_id = coalesce(?, remote_id), updated_at = ?, lease_holder = NULL, "
                "lease_until = NULL WHERE id = ?"
                + (f" AND state IN ({', '.join('?' * len(states))})" if states else "")
                + f" RETURNING {_ORDER_COLUMNS}",
                (state.value, message, remote_id, self._clock(), order_id, *states),
            ).fetchall()
            # Not in one of ``only_from`` any more (or not there at all: JournalError).
            return _order(rows[0]) if rows else self._get(conn, order_id)

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
                row = conn.execute("SELECT state FROM orders WHERE id = ?" + self._db.for_update,
                                   (order_id,)).fetchone()
                if row is None or OrderState(row[0]) not in only_from:
                    return False
            self._set_state(conn, order_id, state, message, remote_id)
            return True

    def _set_state(
        self,
        conn: Connection,
        order_id: int,
        state: OrderState,
        message: str | None,
        remote_id: str | None,
    ) -> None:
        conn.execute(
            "UPDATE orders SET state = ?, message = coalesce(?, message), "
            "remote_id = coalesce(?, remote_id), updated_at = ?, lease_holder = NULL, "
            "lease_until = NULL WHERE id = ?",
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

    def set_cancel_state(self, order_id: int, state: CancelState) -> OrderRecord:
        """Where a cancel stands once its requests are journaled (one per part of an order the
        server split)."""
        with self._write() as conn:
            conn.execute("UPDATE orders SET cancel_state = ?, updated_at = ? WHERE id = ?",
                         (state.value, self._clock(), order_id))
            return self._get(conn, order_id)

    def claim_for_cancel(self, order_id: int) -> OrderRecord | None:
        """Mark a cancel in flight (cancel_state `sending`) and return the order; None when it
        may not be asked: not accepted, shipped or cancelled as far as the server last said, or
        a cancel already open (in flight, requested or unknown: look that one up first)."""
        closed = [s.value for s in SHIPPED_STATUSES | CANCELLED_STATUSES]
        again = [s.value for s in CANCEL_ALLOWED_FROM if s is not None]
        with self._write() as conn:
            cursor = conn.execute(
                "UPDATE orders SET cancel_state = 'sending', updated_at = ? "
                "WHERE id = ? AND state = 'accepted' "
                f"AND (cancel_state IS NULL OR cancel_state IN ({', '.join('?' * len(again))})) "
                "AND (server_status IS NULL OR server_status NOT IN "
                f"({', '.join('?' * len(closed))}))",
                (self._clock(), order_id, *again, *closed),
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
        """After a crash: `sending` rows become `unknown` (their request may have arrived). In a
        desk's own journal every one of them, so only call while no engine of any process is
        sending (see `SendLock`); in a team journal those whose lease ran out (their desk
        stopped without renewing it)."""
        now = self._clock()
        # A team journal's leases are judged by the server's clock, which every desk shares.
        stopped = (f"state = 'sending' AND (lease_until IS NULL OR lease_until < "
                   f"{self._db.now_sql})" if self.shared else "state = 'sending'")
        with self._write() as conn:
            # The lost request is an attempt like any other: it shows in the history, and it ends
            # (as far as anyone can tell) now, which is when a lookup may start to be believed.
            # A `sending` row was last touched when it was claimed, i.e. when the request began.
            conn.execute(
                f"INSERT INTO attempts ({_ATTEMPT_COLUMNS.removeprefix('id, ')}) "
                "SELECT id, 'send', updated_at, target, profile, NULL, NULL, NULL, "
                f"{self._db.greatest('0', '? - updated_at')} * 1000, 'unknown', "
                "'interrupted while sending (the program stopped); the request may have arrived' "
                f"FROM orders WHERE {stopped}",
                (now,),
            )
            cursor = conn.execute(
                "UPDATE orders SET state = 'unknown', updated_at = ?, lease_holder = NULL, "
                "lease_until = NULL, message = 'interrupted while sending; to be reconciled' "
                f"WHERE {stopped}",
                (now,),
            )
            if cursor.rowcount:
                log.warning("%d order(s) were interrupted while sending", cursor.rowcount)
            # A cancel cut short alike: looked up by the next status check, never resent blindly.
            # In a team journal, only one untouched for a lease's time (its desk stopped).
            cancelling = "cancel_state = 'sending'" + (" AND updated_at < ?" if self.shared
                                                       else "")
            since = (now - self.lease_seconds,) if self.shared else ()
            conn.execute(
                f"INSERT INTO attempts ({_ATTEMPT_COLUMNS.removeprefix('id, ')}) "
                "SELECT id, 'cancel', ?, target, profile, NULL, NULL, NULL, 0, 'unknown', "
                "'interrupted while cancelling (the program stopped); the request may have "
                f"arrived' FROM orders WHERE {cancelling}",
                (now, *since),
            )
            conn.execute("UPDATE orders SET cancel_state = 'unknown', updated_at = ? "
                         f"WHERE {cancelling}", (now, *since))
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

    def _get(self, conn: Connection, order_id: int, *, lock: bool = False) -> OrderRecord:
        sql = f"SELECT {_ORDER_COLUMNS} FROM orders WHERE id = ?"
        if lock:  # about to change it: no other desk may change it in between
            sql += self._db.for_update
        row = conn.execute(sql, (order_id,)).fetchone()
        if row is None:
            raise JournalError(f"Order {order_id} is not in the journal.")
        return _order(row)

    def get(self, order_id: int) -> OrderRecord:
        try:
            with self._connection() as conn:
                return self._get(conn, order_id)
        except self._db.errors as exc:
            raise self._db.explain(exc) from exc

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
        where = where or HistoryFilter()
        if ids := self._text_ids(where):
            return int(self._read(f"SELECT count(*) FROM ({ids[0]})", ids[1])[0][0])
        clause, params = _where(where, self._db)
        return int(self._read(f"SELECT count(*) FROM orders {clause}", params)[0][0])

    def _text_ids(self, where: HistoryFilter) -> tuple[str, list[Any]] | None:
        """The text index's SELECT of matching ids, for a search by text and nothing else."""
        if where.text and where.text.split() and where == HistoryFilter(text=where.text):
            return self._db.text_ids(where.text)
        return None

    def page(
        self,
        where: HistoryFilter | None = None,
        offset: int = 0,
        limit: int = 100,
        *,
        oldest_first: bool = False,
    ) -> list[OrderRecord]:
        """Orders matching ``where``, newest first by default; ``limit=-1`` means all."""
        where = where or HistoryFilter()
        order = "ASC" if oldest_first else "DESC"
        ids = self._text_ids(where)
        if ids is None:
            clause, params = _where(where, self._db)
            ids = f"SELECT id FROM orders {clause}", params
        # The page's ids first, then only those orders: a filter read through an index (a day
        # of a million orders) sorts its matches' ids, not every matching row (3 ms, not 40).
        rows = self._read(
            f"SELECT {_ORDER_COLUMNS} FROM orders WHERE id IN "
            f"({ids[0]} ORDER BY id {order} LIMIT ? OFFSET ?) ORDER BY id {order}",
            (*ids[1], limit, offset),
        )
        return [_order(row) for row in rows]

    def attempts(self, order_id: int) -> list[AttemptRecord]:
        rows = self._read(
            f"SELECT {_ATTEMPT_COLUMNS} FROM attempts WHERE order_id = ? ORDER BY id", (order_id,)
        )
        return [_attempt(row) for row in rows]

    def copy_in(self, order: OrderRecord, attempts: Sequence[AttemptRecord]) -> CopyOutcome:
        """Add an order of another journal with its attempts (moving a desk onto a team
        journal), unless this journal holds its reference already: then nothing is written,
        and the outcome says whether that order has the same content."""
        with self._write() as conn:
            row = conn.execute(
                "INSERT INTO orders (target, account, profile, reference, reference_generated, "
                "state, payload, fingerprint, remote_id, message, attempt_count, created_at, "
                "updated_at, server_status, server_parts, server_checked_at, cancel_state, "
                f"entered_by, desk) VALUES ({', '.join('?' * 19)}) "
                "ON CONFLICT (target, account, reference) DO NOTHING RETURNING id",
                (order.target.value, order.account, order.profile, order.reference,
                 int(order.reference_generated), order.state.value, order.payload_json,
                 order.fingerprint, order.remote_id, order.message, order.attempt_count,
                 order.created_at, order.updated_at,
                 order.server_status.value if order.server_status else None,
                 order.server_parts_json, order.server_checked_at,
                 order.cancel_state.value if order.cancel_state else None,
                 order.entered_by or self._desk.operator, order.desk or self._desk.desk),
            ).fetchone()
            if row is None:
                held = conn.execute(
                    "SELECT fingerprint FROM orders WHERE target = ? AND account = ? "
                    "AND reference = ?", (order.target.value, order.account, order.reference),
                ).fetchone()
                return CopyOutcome.HELD if held[0] == order.fingerprint else CopyOutcome.DIFFERS
            for attempt in attempts:
                conn.execute(
                    f"INSERT INTO attempts ({_ATTEMPT_COLUMNS.removeprefix('id, ')}) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (row[0], attempt.kind.value, attempt.started_at, attempt.target.value,
                     attempt.profile, attempt.request_json, attempt.http_status,
                     attempt.response_body, attempt.duration_ms, attempt.outcome,
                     attempt.message),
                )
            return CopyOutcome.COPIED

    def summary(self) -> dict[str, Any]:
        """What `order-desk journal check` reports: orders by state, attempts, batches, desks."""
        by_state = dict(self._read("SELECT state, count(*) FROM orders GROUP BY state"))
        return {
            "orders": sum(int(n) for n in by_state.values()),
            "by_state": {str(state): int(n) for state, n in sorted(by_state.items())},
            "attempts": int(self._read("SELECT count(*) FROM attempts")[0][0]),
            "batches": int(self._read("SELECT count(*) FROM batches")[0][0]),
            "desks": [str(desk) for (desk,) in self._read(
                "SELECT DISTINCT desk FROM orders WHERE desk != '' ORDER BY desk")],
        }



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
        entered_by=row[19],
        desk=row[20],
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


def _where(where: HistoryFilter, db: Database) -> tuple[str, list[Any]]:
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
        term, more = db.text_match(where.text)
        terms.append(term)
        params += more
    return ("WHERE " + " AND ".join(terms) if terms else ""), params
