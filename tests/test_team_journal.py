"""The team journal on a real PostgreSQL server: what only a journal shared by several desks has
to prove (one schema migration however many desks start at once, one claim per order across
desks, leases, an unreachable server, passwords kept out of sight). The journal's own behaviour
runs on both backends in test_journal.py."""

from __future__ import annotations

import json
import threading
import time

import psycopg
import pytest

from app.core.desk import open_journal
from app.core.journal import (
    AttemptKind,
    DeskIdentity,
    DuplicateReferenceError,
    HistoryFilter,
    Journal,
    JournalError,
    JournalUnreachable,
    NewAttempt,
    OrderState,
    schema,
)
from app.core.journal.postgres import PG_FIRST_VERSION, PG_MIGRATIONS, PostgresDatabase
from app.core.settings import Settings
from app.core.targets import Target

ACCOUNT = "https://shop.example.test"


def desk(url: str, name: str, **options: object) -> Journal:
    return Journal(database=PostgresDatabase(url), desk=DeskIdentity("ana", name), **options)


def add(journal: Journal, reference: str) -> int:
    return journal.add_order(Target.KA, ACCOUNT, reference, json.dumps({"ref": reference}), "fp",
                             generated=False, batch_id=None).id


def test_every_schema_version_has_its_postgresql_script() -> None:
    assert set(PG_MIGRATIONS) == set(range(PG_FIRST_VERSION, schema.LATEST_VERSION + 1))


def test_desks_starting_at_once_migrate_once(team_journal_url: str) -> None:
    opened: list[Journal] = []
    errors: list[BaseException] = []

    def start(number: int) -> None:
        try:
            opened.append(desk(team_journal_url, f"desk {number}"))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=start, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with psycopg.connect(team_journal_url) as conn:
        assert conn.execute("SELECT version FROM journal_schema").fetchall() == [
            (schema.LATEST_VERSION,)]
    for journal in opened:
        journal.close()


def test_two_desks_share_references_and_each_order_is_claimed_once(team_journal_url: str) -> None:
    first, second = desk(team_journal_url, "desk 1"), desk(team_journal_url, "desk 2")
    ids = [add(first, f"R-{n}") for n in range(60)]
    with pytest.raises(DuplicateReferenceError):
        add(second, "R-0")
    with second.transaction():  # a refused reference does not undo the rest of the block
        with pytest.raises(DuplicateReferenceError):
            add(second, "R-1")
        add(second, "S-1")
    assert second.find(Target.KA, ACCOUNT, "S-1") is not None

    claims: list[tuple[str, int]] = []
    lock = threading.Lock()

    def claim_all(journal: Journal, name: str) -> None:
        for order_id in ids:
            if journal.claim_for_send(order_id) is not None:
                with lock:
                    claims.append((name, order_id))

    threads = [threading.Thread(target=claim_all, args=(journal, f"{journal.desk.desk}/{n}"))
               for journal in (first, second) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(order_id for _, order_id in claims) == ids
    assert {name.split("/")[0] for name, _ in claims} <= {"desk 1", "desk 2"}
    record = second.get(ids[0])
    assert (record.entered_by, record.desk) == ("ana", "desk 1")
    first.close()
    second.close()


def test_a_stopped_desks_sends_are_taken_over_once_its_lease_runs_out(
        team_journal_url: str) -> None:
    stopped = desk(team_journal_url, "stopped", lease_seconds=1.0)
    other = desk(team_journal_url, "other", lease_seconds=1.0)
    order_id = add(stopped, "L-1")
    assert stopped.claim_for_send(order_id) is not None
    assert other.mark_interrupted() == 0, "a live lease is left alone"
    assert not other.lease_expired(order_id)
    time.sleep(0.6)
    assert stopped.renew_leases() == 1  # still alive: renewed
    time.sleep(0.6)
    assert other.mark_interrupted() == 0
    time.sleep(1.2)  # the desk stopped renewing
    assert other.lease_expired(order_id)
    assert other.mark_interrupted() == 1
    record = other.get(order_id)
    assert record.state is OrderState.UNKNOWN
    assert [a.outcome for a in other.attempts(order_id)] == ["unknown"]
    # The stopped desk's late answer no longer changes what the other desk took over.
    late = stopped.record(order_id, NewAttempt(AttemptKind.SEND, time.time(), "accepted"),
                          OrderState.ACCEPTED, remote_id="KK-1", only_from=(OrderState.SENDING,))
    assert late.state is OrderState.UNKNOWN
    stopped.close()
    other.close()


def test_an_unreachable_server_is_said_plainly_without_the_password(
        postgres_server) -> None:
    url = f"postgresql://clerk:s3cret-pw@127.0.0.1:{_closed_port()}/team?sslmode=disable"
    with pytest.raises(JournalUnreachable) as caught:
        Journal(database=PostgresDatabase(url))
    message = str(caught.value)
    assert "s3cret" not in message
    assert "postgresql://clerk@127.0.0.1:" in message and "Nothing is sent" in message


def test_the_team_journal_is_chosen_by_url_and_its_password_comes_from_the_environment(
        postgres_server, monkeypatch: pytest.MonkeyPatch) -> None:
    url = postgres_server.new_database()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE ROLE clerk LOGIN PASSWORD 'clerk-pw' SUPERUSER")
    clerk_url = url.replace("postgres@", "clerk@")
    monkeypatch.setenv("ORDER_DESK_DATABASE_URL", clerk_url)
    monkeypatch.setenv("ORDER_DESK_DATABASE_PASSWORD", "clerk-pw")
    with open_journal(Settings()) as journal:
        assert journal.shared and journal.path is None
        assert "clerk-pw" not in journal.label
        add(journal, "E-1")
        assert journal.count(HistoryFilter(reference="E-")) == 1
    with pytest.raises(ValueError, match="password"):
        from app.core.settings import check_team_journal_url

        check_team_journal_url(url.replace("postgres@", "clerk:pw@"))


def _closed_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_the_readmes_least_privilege_role_can_do_what_a_desk_does(team_journal_url: str) -> None:
    """The roles and grants the README gives: the owner creates the tables, the desks' role only
    reads, inserts and updates (and listens)."""
    suffix = team_journal_url.rsplit("_", 1)[-1]
    owner, clerk = f"owner_{suffix}", f"clerk_{suffix}"
    dbname = team_journal_url.rsplit("/", 1)[-1]
    with psycopg.connect(team_journal_url, autocommit=True) as admin:
        admin.execute(f"CREATE ROLE {owner} LOGIN")
        admin.execute(f"CREATE ROLE {clerk} LOGIN")
        admin.execute(f"ALTER DATABASE {dbname} OWNER TO {owner}")
        admin.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC")
        admin.execute(f"GRANT USAGE ON SCHEMA public TO {clerk}")
    as_owner = team_journal_url.replace("postgres@", f"{owner}@")
    as_clerk = team_journal_url.replace("postgres@", f"{clerk}@")
    with pytest.raises(JournalError, match="refused this desk's role"):
        desk(as_clerk, "too early")  # no tables yet, and no right to create them
    desk(as_owner, "setup").close()
    with psycopg.connect(as_owner, autocommit=True) as conn:
        conn.execute(f"GRANT SELECT, INSERT, UPDATE ON orders, attempts, batches TO {clerk}")
        conn.execute(f"GRANT SELECT ON journal_schema TO {clerk}")
        conn.execute(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {clerk}")
    journal = desk(as_clerk, "front", lease_seconds=0)
    heard: list[int] = []
    stop = threading.Event()
    listener = threading.Thread(target=journal.watch, args=(heard.append, stop), daemon=True)
    listener.start()
    deadline = time.monotonic() + 10
    while not heard and time.monotonic() < deadline:  # listening from here on (0: connected)
        time.sleep(0.05)
    batch = journal.create_batch(Target.KA, ACCOUNT, 1, "orders.csv")
    order_id = journal.add_order(Target.KA, ACCOUNT, "LP-1", "{}", "fp", generated=False,
                                 batch_id=batch).id
    assert journal.claim_for_send(order_id) is not None
    journal.renew_leases()
    assert journal.mark_interrupted() == 1
    journal.record(order_id, NewAttempt(AttemptKind.LOOKUP, 1.0, "found"), OrderState.ACCEPTED,
                   remote_id="KK-1")
    assert journal.count(HistoryFilter(text="KK-1")) == 1
    deadline = time.monotonic() + 10
    while order_id not in heard and time.monotonic() < deadline:
        time.sleep(0.05)
    assert order_id in heard
    stop.set()
    listener.join(5)
    journal.close()


def test_tls_options_in_the_url_reach_the_server(team_journal_url: str) -> None:
    """libpq options pass through: this test server has no TLS, so requiring it is refused."""
    with pytest.raises(JournalUnreachable, match="SSL"):
        Journal(database=PostgresDatabase(team_journal_url + "?sslmode=require"))
    with Journal(database=PostgresDatabase(team_journal_url + "?sslmode=disable")) as journal:
        assert journal.count() == 0
