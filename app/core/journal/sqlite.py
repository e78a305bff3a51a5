"""The journal of one desk: a SQLite file in the data folder.

Connections come from a small pool, one per concurrent caller; every write is one short
``BEGIN IMMEDIATE`` transaction. One process sends from the file at a time (`SendLock`).
"""

from __future__ import annotations

import logging
import os
import queue
import sqlite3
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, cast

from app.core.journal.database import (
    Connection,
    Database,
    DuplicateReferenceError,
    JournalError,
    JournalGone,
)
from app.core.journal.schema import LATEST_VERSION, LegacyAccounts, NewerSchemaError, migrate

log = logging.getLogger(__name__)


class SqliteDatabase(Database):
    now_sql = "((julianday('now') - 2440587.5) * 86400.0)"
    errors = (sqlite3.Error,)

    def __init__(
        self,
        path: Path | str,
        *,
        busy_timeout: float = 5.0,
        on_connect: Callable[[sqlite3.Connection], None] | None = None,
        legacy_accounts: LegacyAccounts | None = None,
        read_only: bool = False,
    ) -> None:
        self.file = Path(path)
        self.path = self.file
        self.label = str(self.file)
        self.read_only = read_only
        self._busy_timeout = busy_timeout
        self._on_connect = on_connect
        self._idle: queue.SimpleQueue[sqlite3.Connection] = queue.SimpleQueue()
        self._all: list[sqlite3.Connection] = []
        self._all_lock = threading.Lock()
        self._write_lock = threading.Lock()
        # Connections perhaps left at `synchronous = NORMAL` (see `begin`); under the write lock.
        self._relaxed: set[object] = set()
        self._closed = False
        self._identity: tuple[int, int] | None = None
        _refuse_unusable_file(self.file, read_only=read_only)
        try:
            with self.connection() as conn:
                raw = cast(sqlite3.Connection, conn)
                if read_only:
                    _check_current(raw, self.file)
                else:
                    migrate(raw, self.file, legacy_accounts or {})
            self._identity = _identity(self.file)
        except NewerSchemaError as exc:
            self.close()
            raise JournalError(
                f"The journal {self.file} was written by a newer Order Desk ({exc}); "
                "update Order Desk to open it."
            ) from exc
        except sqlite3.Error as exc:
            self.close()
            raise self.explain(exc) from exc
        except JournalError:
            self.close()
            raise

    # -- connections -------------------------------------------------------------------------

    def _open_connection(self) -> sqlite3.Connection:
        if self.read_only:
            conn = self._connect_read_only()
        else:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.file, timeout=self._busy_timeout, isolation_level=None,
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
        uri = self.file.resolve().as_uri()
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

    def connection(self) -> AbstractContextManager[Connection]:
        return self._pooled()

    @contextmanager
    def _pooled(self) -> Iterator[Connection]:
        if self._closed:
            raise JournalError("The journal is closed.")
        try:
            conn = self._idle.get_nowait()
        except queue.Empty:
            try:
                conn = self._open_connection()
            except sqlite3.Error as exc:
                raise self.explain(exc) from exc
        try:
            yield cast(Connection, conn)
        finally:
            if conn.in_transaction:
                # A ROLLBACK that failed left it inside its transaction: lent again, its writes
                # would all fail and its reads see rows never committed. Closing rolls it back.
                self._drop(conn)
            else:
                self._idle.put(conn)

    def _drop(self, conn: sqlite3.Connection) -> None:
        with self._all_lock:
            if conn in self._all:
                self._all.remove(conn)
        self._relaxed.discard(conn)
        try:
            conn.close()
        except sqlite3.Error:
            log.exception("closing a journal connection left inside a transaction")

    def write_lock(self) -> AbstractContextManager[object]:
        # Writers of this process queue on a lock: left to SQLite, they would meet SQLITE_BUSY
        # and back off with sleeps of up to 100 ms. The busy timeout is for other processes.
        return self._write_lock

    def begin(self, conn: Connection, *, durable: bool = True) -> None:
        if not durable:
            # The commit writes the log without syncing it; the next durable commit's sync
            # carries it to the disk too (the log is written in order).
            self._relaxed.add(conn)  # marked first: whatever fails after, it is reset
            conn.execute("PRAGMA synchronous = NORMAL")
        elif conn in self._relaxed:
            # Its reset after a commit that did not wait failed: a claim committed as it is
            # could be lost to a power cut after its request went out.
            conn.execute("PRAGMA synchronous = FULL")
            self._relaxed.discard(conn)
        conn.execute("BEGIN IMMEDIATE")

    def end(self, conn: Connection, *, durable: bool = True) -> None:
        if not durable:
            conn.execute("PRAGMA synchronous = FULL")
            self._relaxed.discard(conn)

    def check_still_there(self) -> None:
        if self._identity is None:
            return  # still opening
        try:
            now = _identity(self.file)
        except FileNotFoundError:
            raise JournalGone(
                f"The journal file {self.file} was deleted or moved while Order Desk was using "
                "it. Nothing more is sent: without it, what was sent cannot be known. Put it "
                "back, or start again knowing that orders of this run may already exist."
            ) from None
        if now != self._identity:
            raise JournalGone(
                f"The journal file {self.file} was replaced by another file while Order Desk "
                "was using it. Nothing more is sent; start again to use the file now there."
            )

    def explain(self, exc: BaseException) -> JournalError:
        if self.is_duplicate(exc):
            return DuplicateReferenceError(f"The reference is already in use: {exc}")
        return JournalError(_explain(exc, self.file))

    def is_duplicate(self, exc: BaseException) -> bool:
        return isinstance(exc, sqlite3.IntegrityError) and "UNIQUE" in str(exc)

    def text_match(self, text: str) -> tuple[str, list[Any]]:
        return "id IN (SELECT rowid FROM orders_text WHERE orders_text MATCH ?)", [
            _fts_query(text)]

    def text_ids(self, text: str) -> tuple[str, list[Any]]:
        # The full-text table holds one row per order (kept by triggers), its rowid the order's
        # id: it counts its matches and gives the newest ones without visiting each order
        # (a million orders: 7 ms instead of 110 to count, 4 instead of 20 for a page).
        return ("SELECT rowid AS id FROM orders_text WHERE orders_text MATCH ?",
                [_fts_query(text)])

    def greatest(self, first: str, second: str) -> str:
        return f"max({first}, {second})"

    def schema_version(self) -> int:
        with self._pooled() as conn:
            return int(conn.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        self._closed = True
        with self._all_lock:
            for conn in self._all:
                conn.close()
            self._all.clear()


def _fts_query(text: str) -> str:
    """Each word becomes a quoted prefix term, so operator input can never be FTS syntax."""
    return " ".join('"' + word.replace('"', '""') + '"*' for word in text.split())


def _explain(exc: BaseException, path: Path) -> str:
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
            # Nobody sees the draft before it is complete: one disk sync at the end (below)
            # instead of one per migration step and checkpoint, a third of a first start.
            conn.execute("PRAGMA synchronous = OFF")
            migrate(conn, draft, {})
        finally:
            conn.close()  # the last connection checkpoints: the file holds everything
        with draft.open("rb+") as written:
            os.fsync(written.fileno())  # whole on disk before it is linked into place
        try:
            os.link(draft, path)
        except FileExistsError:
            pass  # another process made it first: use theirs
        except OSError:
            # No hard links on this file system (FAT, some network shares): a rename, which
            # only races with another brand-new journal, so no order can be lost either way.
            if not path.exists():
                os.replace(draft, path)
        _sync_folder(path.parent)  # the new name survives a power cut too
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


def _sync_folder(folder: Path) -> None:
    """A folder's entries on disk (POSIX); elsewhere the file system has no such call."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # Windows cannot sync a folder; NTFS journals its entries itself
    finally:
        os.close(fd)
