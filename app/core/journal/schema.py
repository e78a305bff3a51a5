"""Journal schema, versioned with ``PRAGMA user_version``. Each migration moves the file one version
forward inside one transaction; a copy of the file is taken before the first one runs."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

log = logging.getLogger(__name__)

# Index i holds the script that takes a file from version i to version i + 1. Never edit a script
# that has shipped: append a new one.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE batches (
        id INTEGER PRIMARY KEY,
        created_at REAL NOT NULL,
        target TEXT NOT NULL,
        profile TEXT NOT NULL,
        total INTEGER NOT NULL,
        source TEXT NOT NULL DEFAULT ''
    );

    CREATE TABLE orders (
        id INTEGER PRIMARY KEY,
        target TEXT NOT NULL,
        profile TEXT NOT NULL,
        reference TEXT NOT NULL,
        reference_generated INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN
            ('queued', 'sending', 'accepted', 'rejected', 'unknown', 'cancelled')),
        payload TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        remote_id TEXT,
        message TEXT NOT NULL DEFAULT '',
        batch_id INTEGER REFERENCES batches (id),
        attempt_count INTEGER NOT NULL DEFAULT 0,
        created_at REAL NOT NULL,
        updated_at REAL NOT NULL,
        -- the reference is the idempotency key of one account (profile) at one API
        UNIQUE (target, profile, reference)
    );
    -- Each index also carries the rowid, so "WHERE x = ? ORDER BY id DESC LIMIT n" walks it
    -- backwards without sorting.
    CREATE INDEX orders_by_reference ON orders (reference);
    CREATE INDEX orders_by_state ON orders (state);
    CREATE INDEX orders_by_target ON orders (target);
    CREATE INDEX orders_by_created ON orders (created_at);
    CREATE INDEX orders_by_batch ON orders (batch_id);
    CREATE INDEX orders_by_fingerprint ON orders (target, profile, fingerprint);

    CREATE TABLE attempts (
        id INTEGER PRIMARY KEY,
        order_id INTEGER NOT NULL REFERENCES orders (id),
        kind TEXT NOT NULL,
        started_at REAL NOT NULL,
        target TEXT NOT NULL,
        profile TEXT NOT NULL,
        request TEXT,
        http_status INTEGER,
        response_body TEXT,
        duration_ms REAL NOT NULL DEFAULT 0,
        outcome TEXT NOT NULL,
        message TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX attempts_by_order ON attempts (order_id);
    CREATE INDEX attempts_by_time ON attempts (started_at);

    -- Free-text search over what an operator remembers of an order: its reference, the remote
    -- id, the API's message, and the payload (recipient, phone, SKUs...). Kept in step by triggers.
    CREATE VIRTUAL TABLE orders_text USING fts5 (
        reference, remote_id, message, payload,
        content = 'orders', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER orders_text_insert AFTER INSERT ON orders BEGIN
        INSERT INTO orders_text (rowid, reference, remote_id, message, payload)
        VALUES (new.id, new.reference, new.remote_id, new.message, new.payload);
    END;
    CREATE TRIGGER orders_text_delete AFTER DELETE ON orders BEGIN
        INSERT INTO orders_text (orders_text, rowid, reference, remote_id, message, payload)
        VALUES ('delete', old.id, old.reference, old.remote_id, old.message, old.payload);
    END;
    -- Only the searchable columns re-index; state changes alone stay cheap.
    CREATE TRIGGER orders_text_update
    AFTER UPDATE OF reference, remote_id, message, payload ON orders BEGIN
        INSERT INTO orders_text (orders_text, rowid, reference, remote_id, message, payload)
        VALUES ('delete', old.id, old.reference, old.remote_id, old.message, old.payload);
        INSERT INTO orders_text (rowid, reference, remote_id, message, payload)
        VALUES (new.id, new.reference, new.remote_id, new.message, new.payload);
    END;
    """,
)

LATEST_VERSION = len(MIGRATIONS)


class NewerSchemaError(RuntimeError):
    """The file was written by a newer Order Desk; opening it could damage it."""


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def backup_path(path: Path, version: int) -> Path:
    return path.with_name(f"{path.name}.v{version}.bak")


def migrate(conn: sqlite3.Connection, path: Path) -> None:
    """Bring the file to LATEST_VERSION (the connection must be in autocommit mode)."""
    version = schema_version(conn)
    if version > LATEST_VERSION:
        raise NewerSchemaError(
            f"schema version {version} is newer than this program understands ({LATEST_VERSION})"
        )
    if version == LATEST_VERSION:
        return
    if version > 0:
        # A migration that goes wrong must not cost the operator their history.
        target = backup_path(path, version)
        log.info("backing up journal schema v%d to %s before migrating", version, target)
        with sqlite3.connect(target) as copy:
            conn.backup(copy)
        copy.close()
    for step in range(version, LATEST_VERSION):
        conn.execute("BEGIN IMMEDIATE")
        if schema_version(conn) > step:  # another process migrated it meanwhile
            conn.execute("ROLLBACK")
            continue
        try:
            # executescript would commit on its own; run the statements one by one instead.
            for statement in _statements(MIGRATIONS[step]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {step + 1}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        log.info("journal migrated to schema v%d", step + 1)


def _statements(script: str) -> list[str]:
    """Split a script into complete statements (trigger bodies contain semicolons)."""
    statements: list[str] = []
    current = ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            if current.strip():
                statements.append(current.strip())
            current = ""
    if current.strip():
        statements.append(current.strip())
    return statements
