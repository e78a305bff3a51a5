"""Journal schema, versioned with ``PRAGMA user_version``. Each migration moves the file one version
forward inside one transaction; a copy of the file is taken before the first one runs."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Mapping
from pathlib import Path

from app.core.redaction import scrub_stored_attempt

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
    # v2: orders are keyed on the account they go to, not on a profile's name (see
    # app.core.accounts); `not_sent` for orders the server never took (429/503 until the tries ran
    # out). `legacy_accounts` (target, profile -> account) is filled by `migrate` from the
    # settings before this runs. Where two profiles reached one account with the same reference,
    # the order most likely to exist remotely keeps the key; the others stay in the history
    # under a label of their own.
    """
    CREATE TABLE orders_v2 (
        id INTEGER PRIMARY KEY,
        target TEXT NOT NULL,
        account TEXT NOT NULL,
        profile TEXT NOT NULL,
        reference TEXT NOT NULL,
        reference_generated INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'accepted', 'rejected',
            'unknown', 'not_sent', 'cancelled')),
        payload TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        remote_id TEXT,
        message TEXT NOT NULL DEFAULT '',
        batch_id INTEGER REFERENCES batches (id),
        attempt_count INTEGER NOT NULL DEFAULT 0,
        created_at REAL NOT NULL,
        updated_at REAL NOT NULL,
        -- the reference is the idempotency key of one account at one API
        UNIQUE (target, account, reference)
    );
    INSERT INTO orders_v2 (id, target, account, profile, reference, reference_generated, state,
        payload, fingerprint, remote_id, message, batch_id, attempt_count, created_at,
        updated_at)
    SELECT id, target,
        CASE WHEN claim = 1 THEN account ELSE account || ' (via ' || profile || ')' END,
        profile, reference, reference_generated, state, payload, fingerprint, remote_id,
        message, batch_id, attempt_count, created_at, updated_at
    FROM (
        SELECT orders.*, mapped.account, row_number() OVER (
            PARTITION BY orders.target, mapped.account, orders.reference
            ORDER BY CASE orders.state WHEN 'accepted' THEN 0 WHEN 'sending' THEN 1
                WHEN 'unknown' THEN 1 WHEN 'queued' THEN 2 ELSE 3 END, orders.id
        ) AS claim
        FROM orders JOIN (
            SELECT DISTINCT orders.target, orders.profile,
                coalesce(legacy_accounts.account, 'profile ' || orders.profile) AS account
            FROM orders LEFT JOIN legacy_accounts
                ON legacy_accounts.target = orders.target
                AND legacy_accounts.profile = orders.profile
        ) AS mapped ON mapped.target = orders.target AND mapped.profile = orders.profile
    );
    DROP TABLE orders;
    ALTER TABLE orders_v2 RENAME TO orders;
    CREATE INDEX orders_by_reference ON orders (reference);
    CREATE INDEX orders_by_state ON orders (state);
    CREATE INDEX orders_by_target ON orders (target);
    CREATE INDEX orders_by_created ON orders (created_at);
    CREATE INDEX orders_by_batch ON orders (batch_id);
    CREATE INDEX orders_by_fingerprint ON orders (target, account, fingerprint);
    CREATE INDEX orders_by_account ON orders (target, account, state);
    CREATE TRIGGER orders_text_insert AFTER INSERT ON orders BEGIN
        INSERT INTO orders_text (rowid, reference, remote_id, message, payload)
        VALUES (new.id, new.reference, new.remote_id, new.message, new.payload);
    END;
    CREATE TRIGGER orders_text_delete AFTER DELETE ON orders BEGIN
        INSERT INTO orders_text (orders_text, rowid, reference, remote_id, message, payload)
        VALUES ('delete', old.id, old.reference, old.remote_id, old.message, old.payload);
    END;
    CREATE TRIGGER orders_text_update
    AFTER UPDATE OF reference, remote_id, message, payload ON orders BEGIN
        INSERT INTO orders_text (orders_text, rowid, reference, remote_id, message, payload)
        VALUES ('delete', old.id, old.reference, old.remote_id, old.message, old.payload);
        INSERT INTO orders_text (rowid, reference, remote_id, message, payload)
        VALUES (new.id, new.reference, new.remote_id, new.message, new.payload);
    END;
    ALTER TABLE batches ADD COLUMN account TEXT NOT NULL DEFAULT '';
    UPDATE batches SET account = coalesce(
        (SELECT account FROM legacy_accounts
         WHERE legacy_accounts.target = batches.target
         AND legacy_accounts.profile = batches.profile),
        'profile ' || batches.profile);
    """,
    # v3: what the server says of an accepted order after it was created (status checks and
    # cancels are attempts of kinds 'status' and 'cancel'). `server_status` is the summary the
    # history filters on (app.core.server_status.ServerStatus), `server_parts` the parts the
    # server holds (KA splits an order by warehouse) with their tracking, as JSON;
    # `cancel_state` follows a cancel (CancelState), so one whose outcome is unknown is looked
    # up, never sent again blindly. Plain columns and one index: any SQL database carries them.
    """
    ALTER TABLE orders ADD COLUMN server_status TEXT;
    ALTER TABLE orders ADD COLUMN server_parts TEXT;
    ALTER TABLE orders ADD COLUMN server_checked_at REAL;
    ALTER TABLE orders ADD COLUMN cancel_state TEXT;
    CREATE INDEX orders_by_server_status ON orders (server_status);
    """,
    # v4: who entered each order (operator, desk); the lease of an order being sent, after which
    # another desk of a team journal takes its desk for stopped (a desk's own file, guarded by
    # its lock file, never needs one).
    """
    ALTER TABLE orders ADD COLUMN entered_by TEXT NOT NULL DEFAULT '';
    ALTER TABLE orders ADD COLUMN desk TEXT NOT NULL DEFAULT '';
    ALTER TABLE orders ADD COLUMN lease_holder TEXT;
    ALTER TABLE orders ADD COLUMN lease_until REAL;
    """,
)

LATEST_VERSION = len(MIGRATIONS)


def _scrub_credentials(conn: sqlite3.Connection) -> None:
    """Journals before v2 kept the Nomad app key (x-ca-key) and the request signature in the
    requests they recorded, and the gateway's echo of the key in answers: redact them."""
    rows = conn.execute("SELECT id, request, response_body, message FROM attempts "
                        "WHERE request IS NOT NULL").fetchall()
    for attempt_id, request, body, message in rows:
        scrubbed = scrub_stored_attempt(request, body, message)
        if scrubbed != (request, body, message):
            conn.execute("UPDATE attempts SET request = ?, response_body = ?, message = ? "
                         "WHERE id = ?", (*scrubbed, attempt_id))


# Python run inside a migration's transaction, after its script, by the index of the script.
MIGRATION_STEPS: dict[int, Callable[[sqlite3.Connection], None]] = {1: _scrub_credentials}


class NewerSchemaError(RuntimeError):
    """The file was written by a newer Order Desk; opening it could damage it."""


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def backup_path(path: Path, version: int) -> Path:
    return path.with_name(f"{path.name}.v{version}.bak")


# (target value, profile name) -> account key, for journals written before orders were keyed on
# their account (schema v1).
LegacyAccounts = Mapping[tuple[str, str], str]


def migrate(conn: sqlite3.Connection, path: Path, legacy_accounts: LegacyAccounts) -> None:
    """Bring the file to LATEST_VERSION (the connection must be in autocommit mode)."""
    version = schema_version(conn)
    if version > LATEST_VERSION:
        raise NewerSchemaError(
            f"schema version {version} is newer than this program understands ({LATEST_VERSION})"
        )
    if version == LATEST_VERSION:
        return
    backup: Path | None = None
    if version > 0:
        # A migration that goes wrong must not cost the operator their history.
        backup = backup_path(path, version)
        log.info("backing up journal schema v%d to %s before migrating", version, backup)
        with sqlite3.connect(backup) as copy:
            conn.backup(copy)
        copy.close()
    # Tables are rebuilt with their rows' ids kept; foreign keys are checked once at the end
    # (the switch is a no-op inside a transaction, so it is set around it). What a step
    # redacts is overwritten on disk, not just unlinked (secure_delete), and leaves no old
    # copy in the write-ahead log (checkpoint).
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("PRAGMA secure_delete = ON")
    try:
        for step in range(version, LATEST_VERSION):
            _migrate_one(conn, step, legacy_accounts)
    finally:
        conn.execute("PRAGMA secure_delete = OFF")
        conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    if backup is not None and version <= 1:
        _scrub_backup(backup)


def _scrub_backup(backup: Path) -> None:
    """The copy kept before migrating holds what the migration redacted: redact it there too."""
    copy = sqlite3.connect(backup, isolation_level=None)
    try:
        copy.execute("BEGIN")
        _scrub_credentials(copy)
        copy.execute("COMMIT")
        copy.execute("VACUUM")
    finally:
        copy.close()


def _migrate_one(conn: sqlite3.Connection, step: int, legacy_accounts: LegacyAccounts) -> None:
    conn.execute("BEGIN IMMEDIATE")
    if schema_version(conn) > step:  # another process migrated it meanwhile
        conn.execute("ROLLBACK")
        return
    try:
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS legacy_accounts "
                     "(target TEXT, profile TEXT, account TEXT, PRIMARY KEY (target, profile))")
        conn.execute("DELETE FROM legacy_accounts")
        conn.executemany("INSERT INTO legacy_accounts VALUES (?, ?, ?)",
                         [(target, profile, account)
                          for (target, profile), account in legacy_accounts.items()])
        # executescript would commit on its own; run the statements one by one instead.
        for statement in _statements(MIGRATIONS[step]):
            conn.execute(statement)
        if step in MIGRATION_STEPS:
            MIGRATION_STEPS[step](conn)
        if conn.execute("PRAGMA foreign_key_check").fetchone() is not None:
            raise sqlite3.IntegrityError(f"migration to v{step + 1} broke a foreign key")
        conn.execute(f"PRAGMA user_version = {step + 1}")
        conn.execute("DROP TABLE legacy_accounts")
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
