"""The journal on real SQLite files and a real PostgreSQL server (tests taking `journal` or
`make_journal` run on both): records, history queries, migrations, failures, locking."""

from __future__ import annotations

import json
import sqlite3
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from app.core.journal import (
    AttemptKind,
    DuplicateReferenceError,
    HistoryFilter,
    Journal,
    JournalError,
    NewAttempt,
    OrderState,
    SendLock,
    SendLockBusyError,
    schema,
)
from app.core.targets import Target


@pytest.fixture
def journal(make_journal) -> Journal:
    return make_journal()


def add(journal: Journal, reference: str, payload: dict | None = None, **options: object):
    defaults: dict = {"target": Target.KA, "account": "Sandbox KA", "fingerprint": "fp",
                      "generated": False, "batch_id": None, "profile": None}
    defaults.update(options)
    return journal.add_order(
        defaults["target"], defaults["account"], reference,
        json.dumps(payload or {"customOrderId": reference}), defaults["fingerprint"],
        generated=defaults["generated"], batch_id=defaults["batch_id"],
        profile=defaults["profile"],
    )


def test_file_is_wal_and_versioned(tmp_path: Path) -> None:
    Journal(tmp_path / "journal.sqlite3").close()
    conn = sqlite3.connect(tmp_path / "journal.sqlite3")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST_VERSION
    conn.close()


def test_order_life_is_recorded_with_its_exact_payload(journal: Journal) -> None:
    batch = journal.create_batch(Target.KA, "Sandbox KA", 1, "orders.json")
    payload = {"customOrderId": "A-1", "remark": "café ünïcode"}
    order = add(journal, "A-1", payload, batch_id=batch)
    assert order.state is OrderState.QUEUED and order.payload == payload
    assert journal.claim_for_send(order.id)
    assert not journal.claim_for_send(order.id), "a sending order cannot be claimed twice"
    attempt = NewAttempt(AttemptKind.SEND, 1000.0, "accepted", "created", '{"method": "POST"}',
                         200, '{"code": 10000}', 12.5)
    done = journal.record(order.id, attempt, OrderState.ACCEPTED, remote_id="77")
    assert (done.state, done.remote_id, done.attempt_count) == (OrderState.ACCEPTED, "77", 1)
    [stored] = journal.attempts(order.id)
    assert (stored.kind, stored.http_status, stored.response_body, stored.duration_ms) == (
        AttemptKind.SEND, 200, '{"code": 10000}', 12.5)
    assert stored.profile == "Sandbox KA" and stored.target is Target.KA


def test_reference_is_unique_per_target_and_account(journal: Journal) -> None:
    add(journal, "R-1")
    with pytest.raises(DuplicateReferenceError):
        add(journal, "R-1")
    add(journal, "R-1", account="Production KA")
    add(journal, "R-1", target=Target.NOMAD, account="Sandbox KA")
    assert journal.count() == 3


def test_a_renamed_profile_keeps_its_orders_attempts_and_batches(journal: Journal) -> None:
    shop = "https://shop.example.test"
    batch = journal.create_batch(Target.KA, shop, 2, profile="Shop KA")
    first = add(journal, "RN-1", account=shop, profile="Shop KA", batch_id=batch)
    journal.record(first.id, NewAttempt(AttemptKind.SEND, 1.0, "accepted"), OrderState.ACCEPTED,
                   remote_id="9")
    add(journal, "RN-2", account=shop, profile="Shop KA", batch_id=batch)
    add(journal, "RN-1", account="https://other.example.test", profile="Other KA")

    assert journal.rename_profile("Shop KA", "Main shop KA") == 2
    found = journal.find(Target.KA, shop, "RN-1")  # its identity is its account: unchanged
    assert found is not None and found.state is OrderState.ACCEPTED
    assert found.profile == "Main shop KA"
    assert journal.attempts(first.id)[0].profile == "Main shop KA"
    assert journal.count(HistoryFilter(profile="Main shop KA")) == 2
    assert journal.count(HistoryFilter(profile="Other KA")) == 1  # untouched


def test_a_reference_is_unique_per_account_not_per_profile(journal: Journal) -> None:
    shop = "https://shop.example.test"
    add(journal, "ONE-1", account=shop, profile="Shop KA")
    with pytest.raises(DuplicateReferenceError):  # another profile, the same account
        add(journal, "ONE-1", account=shop, profile="Shop KA (second desk)")
    elsewhere = add(journal, "ONE-1", account="https://other.example.test", profile="Shop KA")
    assert journal.find(Target.KA, "https://other.example.test", "ONE-1") == elsewhere


def test_state_changes_can_be_conditional(journal: Journal) -> None:
    order = add(journal, "R-1")
    assert not journal.set_state(order.id, OrderState.CANCELLED, only_from=[OrderState.SENDING])
    assert journal.get(order.id).state is OrderState.QUEUED
    attempt = NewAttempt(AttemptKind.LOOKUP, 1.0, "found")
    after = journal.record(order.id, attempt, OrderState.ACCEPTED, only_from=[OrderState.UNKNOWN])
    assert after.state is OrderState.QUEUED, "the attempt is kept but the state is not changed"
    assert len(journal.attempts(order.id)) == 1
    # No state to change from: the attempt alone.
    assert not journal.set_state(order.id, OrderState.CANCELLED, only_from=())
    after = journal.record(order.id, attempt, OrderState.ACCEPTED, only_from=())
    assert after.state is OrderState.QUEUED
    assert len(journal.attempts(order.id)) == 2


def test_requeue_only_from_states_that_never_created_anything(journal: Journal) -> None:
    order = add(journal, "R-1")
    journal.set_state(order.id, OrderState.REJECTED, message="bad phone")
    again = journal.requeue(order.id, batch_id=None, payload_json='{"fixed": true}')
    assert again.state is OrderState.QUEUED and again.payload == {"fixed": True}
    journal.set_state(order.id, OrderState.UNKNOWN)
    with pytest.raises(JournalError):
        journal.requeue(order.id, batch_id=None)


def test_interrupted_sends_become_unknown(make_journal) -> None:
    journal = make_journal(lease_seconds=0)  # a team journal's: run out at once
    sending = add(journal, "R-1")
    queued = add(journal, "R-2")
    journal.claim_for_send(sending.id)
    assert journal.mark_interrupted() == 1
    assert journal.get(sending.id).state is OrderState.UNKNOWN
    assert journal.get(queued.id).state is OrderState.QUEUED
    assert journal.accounts_in_state(OrderState.UNKNOWN) == [(Target.KA, "Sandbox KA")]


def test_an_interrupted_send_is_recorded_as_an_attempt_ending_at_recovery(make_journal) -> None:
    now = [1_000.0]
    journal = make_journal(clock=lambda: now[0], lease_seconds=0)
    order = add(journal, "R-1")
    claimed = journal.claim_for_send(order.id)
    assert claimed is not None and claimed.state is OrderState.SENDING
    assert claimed.payload == order.payload
    assert journal.last_uncertain_send(order.id) is None
    assert not journal.may_have_been_sent(order.id)
    now[0] = 1_030.0
    journal.mark_interrupted()
    [attempt] = journal.attempts(order.id)
    assert (attempt.kind, attempt.outcome, attempt.started_at) == (AttemptKind.SEND, "unknown",
                                                                    1_000.0)
    assert attempt.duration_ms == pytest.approx(30_000)
    assert journal.last_uncertain_send(order.id) == pytest.approx(1_030.0)
    assert journal.may_have_been_sent(order.id)
    journal.close()


def test_only_uncertain_sends_count_as_possibly_created(journal: Journal) -> None:
    order = add(journal, "R-1")
    journal.claim_for_send(order.id)
    journal.record(order.id, NewAttempt(AttemptKind.SEND, 10.0, "rejected"), OrderState.REJECTED)
    journal.record(order.id, NewAttempt(AttemptKind.LOOKUP, 20.0, "absent"), OrderState.REJECTED)
    assert not journal.may_have_been_sent(order.id)
    assert journal.last_uncertain_send(order.id) is None
    journal.record(order.id, NewAttempt(AttemptKind.SEND, 30.0, "unknown", duration_ms=2_500),
                   OrderState.UNKNOWN)
    journal.record(order.id, NewAttempt(AttemptKind.SEND, 40.0, "retry"), OrderState.QUEUED)
    assert journal.may_have_been_sent(order.id)
    assert journal.last_uncertain_send(order.id) == pytest.approx(32.5)


def test_history_filters(make_journal) -> None:
    now = [1_000.0]
    journal = make_journal(clock=lambda: now[0])
    for number in range(30):
        now[0] = 1_000.0 + number
        target = Target.KA if number % 2 else Target.NOMAD
        recipient = "Jeanne Martin" if number == 7 else f"Person {number}"
        add(journal, f"R-{number:02d}", {"recipient": recipient}, target=target)
    accepted = journal.find(Target.KA, "Sandbox KA", "R-07")
    assert accepted is not None
    journal.set_state(accepted.id, OrderState.ACCEPTED, remote_id="KK-555")

    assert journal.count() == 30
    assert [r.reference for r in journal.page(HistoryFilter(reference="R-1"), 0, 3)] == [
        "R-19", "R-18", "R-17"]
    assert journal.count(HistoryFilter(reference="R-1")) == 10
    assert journal.count(HistoryFilter(target=Target.KA)) == 15
    assert journal.count(HistoryFilter(state=OrderState.ACCEPTED)) == 1
    assert journal.count(HistoryFilter(since=1_010.0, until=1_020.0)) == 10
    assert [r.reference for r in journal.page(HistoryFilter(text="martin"))] == ["R-07"]
    assert [r.reference for r in journal.page(HistoryFilter(text="jea"))] == ["R-07"]
    assert [r.reference for r in journal.page(HistoryFilter(text="KK-555"))] == ["R-07"]
    assert journal.count(HistoryFilter(text='"unbalanced OR (')) == 0  # never FTS syntax
    page = journal.page(None, 10, 5)
    assert [r.reference for r in page] == [f"R-{n:02d}" for n in range(19, 14, -1)]
    journal.close()


def test_a_search_by_text_alone_reads_the_same_orders_as_one_combined_with_a_filter(
    make_journal,
) -> None:
    """Text alone is answered from the text index; with any other criterion, from the orders:
    the same orders, pages and counts either way, after changes and deletions too."""
    now = [1_000.0]
    journal = make_journal(clock=lambda: now[0])
    for number in range(40):
        now[0] = 1_000.0 + number
        city = "Lyon" if number % 3 else "Paris"
        add(journal, f"R-{number:02d}", {"recipient": f"Dupont {number}", "city": city})
    changed = journal.find(Target.KA, "Sandbox KA", "R-05")
    assert changed is not None
    journal.set_state(changed.id, OrderState.ACCEPTED, remote_id="KK-777",
                      message="Dupont moved to Lyon")
    if journal.path is not None:  # an order removed by hand (the index follows, by trigger)
        conn = sqlite3.connect(journal.path)
        with conn:
            conn.execute("DELETE FROM orders WHERE reference = 'R-09'")
        conn.close()
    everything = HistoryFilter(since=0.0)  # matches every order: the general path
    for text in ("dupont", "lyon", "dupont lyon", "paris", "KK-777", "nobody", "dup"):
        alone, combined = HistoryFilter(text=text), replace(everything, text=text)
        assert journal.count(alone) == journal.count(combined), text
        for offset, limit in ((0, 5), (5, 5), (12, 100), (0, -1)):
            assert journal.page(alone, offset, limit) == journal.page(combined, offset, limit)
            assert (journal.page(alone, offset, limit, oldest_first=True)
                    == journal.page(combined, offset, limit, oldest_first=True))
    assert journal.count(HistoryFilter(text="dupont")) == (39 if journal.path else 40)
    assert [r.reference for r in journal.page(HistoryFilter(text="paris"), 0, 3)] == [
        "R-39", "R-36", "R-33"]
    assert [r.reference for r in journal.page(HistoryFilter(text="KK-777"))] == ["R-05"]
    journal.close()


def test_concurrent_writers_from_many_threads(journal: Journal) -> None:
    errors: list[BaseException] = []

    def worker(number: int) -> None:
        try:
            for index in range(25):
                order = add(journal, f"T{number}-{index}")
                journal.claim_for_send(order.id)
                journal.record(order.id, NewAttempt(AttemptKind.SEND, 1.0, "accepted"),
                               OrderState.ACCEPTED, remote_id=str(index))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert journal.count(HistoryFilter(state=OrderState.ACCEPTED)) == 200


def test_full_disk_is_reported_plainly_and_nothing_is_half_written(tmp_path: Path) -> None:
    path = tmp_path / "full.sqlite3"
    Journal(path).close()
    size = sqlite3.connect(path).execute("PRAGMA page_count").fetchone()[0]

    def cap(conn: sqlite3.Connection) -> None:
        conn.execute(f"PRAGMA max_page_count = {size + 2}")

    journal = Journal(path, on_connect=cap)
    big = {"remark": "x" * 50_000}
    with pytest.raises(JournalError, match="disk is full"):
        for number in range(10):
            add(journal, f"R-{number}", big)
    count = journal.count()
    assert count < 10
    assert all(record.payload == big for record in journal.page(None, 0, -1))
    journal.close()


def test_locked_database_is_reported_plainly(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "locked.sqlite3", busy_timeout=0.2)
    other = sqlite3.connect(journal.path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(JournalError, match="locked by another program"):
            add(journal, "R-1")
    finally:
        other.execute("ROLLBACK")
        other.close()
    add(journal, "R-1")  # works again once the other program lets go
    journal.close()


def test_not_a_journal_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "garbage.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(JournalError, match="damaged or is not an Order Desk journal"):
        Journal(path)


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    Journal(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.LATEST_VERSION + 1}")
    conn.close()
    with pytest.raises(JournalError, match="newer Order Desk"):
        Journal(path)


def test_migration_takes_a_backup_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.sqlite3"
    with Journal(path) as journal:
        add(journal, "KEEP-ME")
    extra = "ALTER TABLE orders ADD COLUMN note TEXT NOT NULL DEFAULT '';"
    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, extra))
    monkeypatch.setattr(schema, "LATEST_VERSION", len(schema.MIGRATIONS))
    with Journal(path) as journal:
        assert journal.find(Target.KA, "Sandbox KA", "KEEP-ME") is not None
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST_VERSION
    assert "note" in [row[1] for row in conn.execute("PRAGMA table_info(orders)")]
    conn.close()
    backup = sqlite3.connect(schema.backup_path(path, schema.LATEST_VERSION - 1))
    assert backup.execute("SELECT reference FROM orders").fetchall() == [("KEEP-ME",)]
    assert backup.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST_VERSION - 1
    backup.close()


def test_a_failing_migration_leaves_the_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.sqlite3"
    with Journal(path) as journal:
        add(journal, "KEEP-ME")
    broken = "ALTER TABLE orders ADD COLUMN note TEXT; ALTER TABLE nowhere ADD COLUMN x TEXT;"
    version = schema.LATEST_VERSION
    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, broken))
    monkeypatch.setattr(schema, "LATEST_VERSION", len(schema.MIGRATIONS))
    with pytest.raises(JournalError):
        Journal(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == version
    assert "note" not in [row[1] for row in conn.execute("PRAGMA table_info(orders)")]
    conn.close()


def test_send_lock_admits_one_holder(tmp_path: Path) -> None:
    first, second = SendLock(tmp_path / "j.sqlite3"), SendLock(tmp_path / "j.sqlite3")
    first.acquire()
    with pytest.raises(SendLockBusyError):
        second.acquire()
    first.release()
    second.acquire()
    assert second.held
    second.release()


_WRITER = """
import json, sys
from app.core.journal import AttemptKind, Journal, NewAttempt, OrderState, SendLock
from app.core.targets import Target
path = sys.argv[1]
SendLock(__import__("pathlib").Path(path)).acquire()
journal = Journal(path)
number = 0
while True:
    order = journal.add_order(Target.KA, "p", f"R-{number}", json.dumps({"n": number}), "fp",
                              generated=False, batch_id=None)
    journal.claim_for_send(order.id)
    journal.record(order.id, NewAttempt(AttemptKind.SEND, 1.0, "accepted"), OrderState.ACCEPTED,
                   remote_id=str(number))
    print(number, flush=True)
    number += 1
"""


def test_journal_and_lock_survive_a_killed_process(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "killed.sqlite3"
    root = Path(__file__).resolve().parent.parent
    child = subprocess.Popen([sys.executable, "-c", _WRITER, str(path)], cwd=root,
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    confirmed = -1
    for line in child.stdout:
        confirmed = int(line)
        if confirmed >= 40:
            break
    child.kill()  # SIGKILL: no chance to close anything
    child.wait()
    child.stdout.close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with Journal(path) as journal:
        for number in range(confirmed + 1):  # everything reported done is there, complete
            record = journal.find(Target.KA, "p", f"R-{number}")
            assert record is not None and record.state is OrderState.ACCEPTED
            assert record.payload == {"n": number} and record.remote_id == str(number)
    lock = SendLock(path)
    lock.acquire()  # the dead holder's lock went with it
    lock.release()


def test_a_transaction_groups_writes_all_or_nothing(journal: Journal) -> None:
    with journal.transaction():
        first = add(journal, "G-1")
        assert journal.find(Target.KA, "Sandbox KA", "G-1") == first  # sees its own writes
        add(journal, "G-2")
    assert journal.count() == 2
    with pytest.raises(DuplicateReferenceError), journal.transaction():
        add(journal, "G-3")
        add(journal, "G-1")  # fails: the whole block is undone
    assert journal.find(Target.KA, "Sandbox KA", "G-3") is None
    assert journal.count() == 2


def test_many_processes_may_open_a_new_journal_at_once(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "shared.sqlite3"
    code = "import sys; from app.core.journal import Journal; Journal(sys.argv[1]).close()"
    root = Path(__file__).resolve().parent.parent
    children = [subprocess.Popen([sys.executable, "-c", code, str(path)], cwd=root,
                                 stderr=subprocess.PIPE, text=True) for _ in range(4)]
    errors = [child.communicate()[1] for child in children]
    assert [child.returncode for child in children] == [0] * 4, errors
    with Journal(path) as journal:
        assert journal.count() == 0


def test_a_failed_reset_after_a_commit_not_waiting_for_the_disk_keeps_later_claims_durable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The reset fails as SQLite refuses it on a connection still inside a transaction (a
    # rollback that failed): that connection goes back to the pool, and a claim committed on it
    # later must still wait for the disk before its request leaves.
    from app.core.journal.sqlite import SqliteDatabase

    connections: list[sqlite3.Connection] = []
    end = SqliteDatabase.end

    def refused(self: SqliteDatabase, conn: object, *, durable: bool = True) -> None:
        raise sqlite3.OperationalError("Safety level may not be changed inside a transaction")

    with Journal(tmp_path / "journal.sqlite3", on_connect=connections.append) as journal:
        monkeypatch.setattr(SqliteDatabase, "end", refused)
        with journal.transaction(durable=False):
            add(journal, "N-1")  # committed: reported so, though the reset after it failed
        monkeypatch.setattr(SqliteDatabase, "end", end)
        assert journal.find(Target.KA, "Sandbox KA", "N-1") is not None
        with journal.transaction():
            order = add(journal, "N-2")
            assert journal.claim_for_send(order.id) is not None
            levels = {conn.execute("PRAGMA synchronous").fetchone()[0] for conn in connections}
    assert levels == {2}  # FULL


def test_a_connection_left_inside_its_transaction_is_closed_not_lent_again(
    tmp_path: Path,
) -> None:
    # What a ROLLBACK that failed leaves: a pooled connection still inside its transaction.
    # Lent again, its next BEGIN would fail and its reads would see what was never committed.
    from app.core.journal.sqlite import SqliteDatabase

    db = SqliteDatabase(tmp_path / "journal.sqlite3")
    try:
        with db.connection() as left:
            left.execute("BEGIN IMMEDIATE")
            left.execute("CREATE TABLE never_committed (x)")
        with db.connection() as conn:
            assert conn is not left and not conn.in_transaction
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
            assert "never_committed" not in tables
            conn.execute("BEGIN IMMEDIATE")  # the write lock was given up with it
            conn.execute("ROLLBACK")
    finally:
        db.close()
