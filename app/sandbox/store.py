"""The sandbox's orders and KA balance, in SQLite: in memory, or a file that survives restarts.

One connection behind a lock: the HTTP server is threaded, and a check-then-insert (duplicate
reference, balance) must be atomic.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.core.targets import Target

log = logging.getLogger(__name__)

SCHEMA_VERSION = 2  # v2: refunds (KA's cancel); a v1 file simply gains the table
_SCHEMA = """
CREATE TABLE IF NOT EXISTS orders (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    target TEXT NOT NULL,
    remote_id TEXT NOT NULL,
    store TEXT NOT NULL,
    reference TEXT,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    record TEXT NOT NULL,
    UNIQUE (target, remote_id)
);
CREATE INDEX IF NOT EXISTS orders_by_reference ON orders (target, store, reference);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS refunds (
    refund_no INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id TEXT NOT NULL,
    remark TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS refunds_by_order ON refunds (order_id);
"""
_FIRST_REFUND_NO = 5000001
# Ids look like the real ones: KA's kkOrderId is a 13-digit number, Nomad's an integer string.
_FIRST_ID = {Target.KA: 1000000371651, Target.NOMAD: 880000001}
_BALANCE_KEY = "ka_balance"


def _status_of(record: dict[str, Any]) -> str:
    return str(record.get("status") or "")


def _dump(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False)


def utc_now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class StoredOrder:
    target: Target
    remote_id: str
    store: str
    reference: str | None
    status: str
    created_at: str  # ISO-8601 UTC, second precision
    record: dict[str, Any]  # what the query endpoints return for this order


class DuplicateReferenceError(Exception):
    def __init__(self, existing: StoredOrder) -> None:
        super().__init__(existing.reference)
        self.existing = existing


class InsufficientBalanceError(Exception):
    def __init__(self, balance: Decimal, cost: Decimal) -> None:
        super().__init__(f"balance {balance} < cost {cost}")
        self.balance = balance
        self.cost = cost


class StoreError(Exception):
    """The sandbox's database file cannot be used (not SQLite, or from a newer version)."""


class OrderStore:
    def __init__(self, db_path: Path | None, opening_balance: Decimal, *,
                 listing_lag: float = 0.0) -> None:
        self._listing_lag = listing_lag
        self._lock = threading.RLock()
        self._db = sqlite3.connect(
            str(db_path) if db_path else ":memory:", check_same_thread=False, isolation_level=None
        )
        try:
            self._open(db_path, opening_balance)
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise StoreError(f"{db_path} is not a usable sandbox database: {exc}") from None
        except StoreError:
            self._db.close()
            raise

    def _open(self, db_path: Path | None, opening_balance: Decimal) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{db_path} was written by a newer sandbox (schema {version}, "
                f"this one knows {SCHEMA_VERSION})"
            )
        if db_path:
            self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)
        self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        self._db.execute(
            "INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)",
            (_BALANCE_KEY, str(opening_balance)),
        )

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def create(
        self,
        target: Target,
        *,
        store: str,
        reference: str | None,
        record_for: Callable[[str, str], dict[str, Any]],
        cost: Decimal = Decimal(0),
        allow_duplicate: bool = False,
        parts: int = 1,
    ) -> list[StoredOrder]:
        """Store a new order atomically, as ``parts`` orders with consecutive ids (KA splits an
        order by warehouse). ``record_for(remote_id, created_at)`` builds each record, called
        once per part in order; the first part's id is the one the create answers with.

        Raises DuplicateReferenceError (unless allowed) or InsufficientBalanceError (when `cost`
        is more than the KA balance); nothing is stored then.
        """
        with self._transaction() as db:
            if reference and not allow_duplicate:
                existing = self.find(target, store=store, reference=reference)
                if existing:
                    raise DuplicateReferenceError(existing[0])
            if cost:
                balance = self.balance()
                if cost > balance:
                    raise InsufficientBalanceError(balance, cost)
                db.execute(
                    "UPDATE meta SET value = ? WHERE key = ?", (str(balance - cost), _BALANCE_KEY)
                )
            row = db.execute(
                "SELECT MAX(CAST(remote_id AS INTEGER)) FROM orders WHERE target = ?",
                (target.value,),
            ).fetchone()
            first = row[0] + 1 if row[0] is not None else _FIRST_ID[target]
            created_at = utc_now_iso()
            orders = []
            for remote_id in (str(first + n) for n in range(parts)):
                record = record_for(remote_id, created_at)
                order = StoredOrder(
                    target, remote_id, store, reference, _status_of(record), created_at, record
                )
                db.execute(
                    "INSERT INTO orders"
                    " (target, remote_id, store, reference, status, created_at, record)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (target.value, remote_id, store, reference, order.status, created_at,
                     _dump(record)),
                )
                orders.append(order)
        log.debug("stored %s order %s (reference %r, %d part(s))", target.value, first,
                  reference, parts)
        return orders

    def add_refund(self, order: StoredOrder, record: dict[str, Any], remark: str,
                   status: str, *, credit: Decimal = Decimal(0)) -> int:
        """Save the order's changed record and a refund of it, ``credit`` going back to the KA
        balance, in one transaction; the refund number."""
        with self._transaction() as db:
            if credit:
                db.execute("UPDATE meta SET value = ? WHERE key = ?",
                           (str(self.balance() + credit), _BALANCE_KEY))
            db.execute(
                "UPDATE orders SET status = ?, record = ? WHERE target = ? AND remote_id = ?",
                (_status_of(record), _dump(record), order.target.value, order.remote_id),
            )
            row = db.execute("SELECT MAX(refund_no) FROM refunds").fetchone()
            number = row[0] + 1 if row[0] is not None else _FIRST_REFUND_NO
            db.execute("INSERT INTO refunds (refund_no, order_id, remark, status, created_at) "
                       "VALUES (?, ?, ?, ?, ?)",
                       (number, order.remote_id, remark, status, utc_now_iso()))
        return int(number)

    def refunds(self, order_id: str) -> list[tuple[int, str, str]]:
        """(refund number, remark, status) of every refund of a KA order, oldest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT refund_no, remark, status FROM refunds WHERE order_id = ? "
                "ORDER BY refund_no", (order_id,)).fetchall()
        return [(int(n), str(r), str(s)) for n, r, s in rows]

    def replace_record(self, order: StoredOrder, record: dict[str, Any]) -> StoredOrder:
        """Save a changed record (e.g. a cancelled status)."""
        updated = replace(order, status=_status_of(record), record=record)
        with self._transaction() as db:
            db.execute(
                "UPDATE orders SET status = ?, record = ? WHERE target = ? AND remote_id = ?",
                (updated.status, _dump(record), order.target.value, order.remote_id),
            )
        return updated

    def find(
        self,
        target: Target,
        *,
        store: str | None = None,
        reference: str | None = None,
        remote_ids: list[str] | None = None,
        listed: bool = False,
    ) -> list[StoredOrder]:
        """Orders of a target in creation order, narrowed by whichever filters are given.
        ``listed``: only those the order queries show yet (created `listing_lag` seconds ago)."""
        clauses, params = ["target = ?"], [target.value]
        if listed and self._listing_lag > 0:
            shown_until = datetime.fromtimestamp(time.time() - self._listing_lag, UTC)
            clauses.append("created_at <= ?")
            params.append(shown_until.strftime("%Y-%m-%dT%H:%M:%SZ"))
        if store is not None:
            clauses.append("store = ?")
            params.append(store)
        if reference is not None:
            clauses.append("reference = ?")
            params.append(reference)
        if remote_ids is not None:
            if not remote_ids:
                return []
            clauses.append(f"remote_id IN ({','.join('?' * len(remote_ids))})")
            params.extend(remote_ids)
        sql = (
            "SELECT remote_id, store, reference, status, created_at, record FROM orders"
            f" WHERE {' AND '.join(clauses)} ORDER BY seq"
        )
        with self._lock:
            rows = self._db.execute(sql, params).fetchall()
        return [
            StoredOrder(target, rid, st, ref, status, created, json.loads(record))
            for rid, st, ref, status, created, record in rows
        ]

    def balance(self) -> Decimal:
        with self._lock:
            row = self._db.execute(
                "SELECT value FROM meta WHERE key = ?", (_BALANCE_KEY,)
            ).fetchone()
        return Decimal(row[0])
