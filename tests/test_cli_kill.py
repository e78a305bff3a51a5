"""`order-desk submit` killed with SIGKILL at random moments, then run again on the same file:
every order ends up created exactly once on the server and accepted in the journal."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from app.core.journal import HistoryFilter, Journal, OrderState
from app.core.journal.postgres import PostgresDatabase
from app.core.paths import journal_path
from app.core.secrets import SANDBOX_SECRETS
from app.core.targets import Target
from app.sandbox import SandboxConfig, SandboxServer
from tests.fixtures.sandbox import ka_order

# Sandboxes reached by URL are servers like any other: they need credentials.
pytestmark = pytest.mark.usefixtures("sandbox_credentials")

ROOT = Path(__file__).resolve().parent.parent
ORDERS = 120


def submit(orders: Path, server: SandboxServer, *, concurrency: int = 6,
           extra_env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    env = dict(os.environ, ORDER_DESK_KA_TOKEN=SANDBOX_SECRETS["ka_token"],
               PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring", **(extra_env or {}))
    return subprocess.Popen(
        # The sandbox lists an order the moment it stores it: "not found" needs no settle wait
        # (a URL otherwise gets KA's documented 300 s, and an order a kill left unknown and
        # uncreated would stay unknown in the final run).
        [sys.executable, "-m", "app", "submit", str(orders), "--target", "ka",
         "--base-url", server.ka_base_url, "--json", "--concurrency", str(concurrency),
         "--lookup-settle", "0"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def test_killed_runs_then_a_clean_re_run_create_each_order_exactly_once(
    tmp_path: Path, sandbox_factory: Callable[..., SandboxServer]
) -> None:
    server = sandbox_factory(SandboxConfig(
        allow_duplicate_references=True, latency=0.02, drop_after_commit_rate=0.1,
        error_rate=0.05, ka_rate_limit=None, seed=3,
    ))
    references = [f"KILL-{n:03d}" for n in range(ORDERS)]
    orders = tmp_path / "orders.json"
    orders.write_text(json.dumps([ka_order(ref) for ref in references]), encoding="utf-8")
    chance = random.Random(11)
    for round_number in range(4):
        child = submit(orders, server)
        assert child.stdout is not None
        if round_number == 0:
            time.sleep(chance.uniform(0.2, 0.8))  # perhaps before the first order is journaled
        else:
            for _ in range(chance.randint(1, 25)):  # mid-batch: after some results
                child.stdout.readline()
        child.send_signal(signal.SIGKILL)
        child.communicate()
    with Journal(journal_path()) as journal:
        assert journal.count(HistoryFilter(state=OrderState.ACCEPTED)) < ORDERS, (
            "the kills should have interrupted the work")
    final = submit(orders, server)
    out, err = final.communicate(timeout=120)
    assert final.returncode == 0, err
    lines = [json.loads(line) for line in out.splitlines()]
    assert sorted(line["ref"] for line in lines) == references
    assert {line["status"] for line in lines} == {"accepted"}
    assert {ref: server.count_by_reference(Target.KA, ref) for ref in references} == dict.fromkeys(
        references, 1)
    assert len(server.orders(Target.KA)) == ORDERS
    with Journal(journal_path()) as journal:
        assert journal.count(HistoryFilter(state=OrderState.ACCEPTED)) == ORDERS
        assert journal.count() == ORDERS


def _sending_references(backend: str, url: str) -> set[str]:
    """The references the journal holds as `sending`, read from outside the sending process."""
    query = "SELECT reference FROM orders WHERE state = 'sending'"
    if backend == "postgres":
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            try:
                return {row[0] for row in conn.execute(query)}
            except psycopg.errors.UndefinedTable:  # still being created
                return set()
    if not journal_path().exists():
        return set()
    conn = sqlite3.connect(f"{journal_path().resolve().as_uri()}?mode=ro", uri=True, timeout=10)
    try:
        return {row[0] for row in conn.execute(query)}
    except sqlite3.OperationalError:  # still being created
        return set()
    finally:
        conn.close()


@contextmanager
def _journal_frozen(backend: str, url: str) -> Iterator[None]:
    """Nothing more can be written to the journal while the block runs: an open transaction
    of the test's holds every row (PostgreSQL) or the file's write lock (SQLite)."""
    if backend == "postgres":
        import psycopg

        with psycopg.connect(url) as conn:  # a transaction, rolled back at the end
            conn.execute("SELECT id FROM orders FOR UPDATE")
            yield
            conn.rollback()
        return
    conn = sqlite3.connect(journal_path(), timeout=10, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        yield
        conn.execute("ROLLBACK")
    finally:
        conn.close()


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_outcomes_not_yet_journaled_when_killed_are_looked_up_never_sent_again(
    backend: str, tmp_path: Path, sandbox_factory: Callable[..., SandboxServer],
    request: pytest.FixtureRequest,
) -> None:
    """The server has answered orders whose outcome the process had not journaled yet (a
    worker writes an accepted order's outcome with its next claim): killed then, the next run
    finds them `sending`, looks each up and marks it accepted, and sends none of them again."""
    url = ""
    env = {}
    if backend == "postgres":
        url = request.getfixturevalue("team_journal_url")
        env = {"ORDER_DESK_DATABASE_URL": url, "ORDER_DESK_LEASE_SECONDS": "1"}
    server = sandbox_factory(SandboxConfig(allow_duplicate_references=True, latency=0.3,
                                           ka_rate_limit=None))
    references = [f"HELD-{n:02d}" for n in range(16)]
    orders = tmp_path / "orders.json"
    orders.write_text(json.dumps([ka_order(ref) for ref in references]), encoding="utf-8")

    child = submit(orders, server, concurrency=4, extra_env=env)
    deadline = time.monotonic() + 60
    in_flight: set[str] = set()
    while len(in_flight) < 4:  # every worker's first request is out
        assert time.monotonic() < deadline, "the orders were never sent"
        time.sleep(0.02)
        in_flight = _sending_references(backend, url)
    with _journal_frozen(backend, url):
        # The requests out reach the server and are answered; their outcomes cannot be written.
        held = _sending_references(backend, url)
        while any(server.count_by_reference(Target.KA, ref) == 0 for ref in held):
            assert time.monotonic() < deadline, "the requests in flight never arrived"
            time.sleep(0.02)
        child.send_signal(signal.SIGKILL)
        child.communicate()
    assert held and held == _sending_references(backend, url), (
        "created on the server, still `sending` in the journal")
    time.sleep(1.5 if backend == "postgres" else 0)  # the killed desk's leases run out

    final = submit(orders, server, concurrency=4, extra_env=env)
    out, err = final.communicate(timeout=120)
    assert final.returncode == 0, err
    assert {json.loads(line)["status"] for line in out.splitlines()} == {"accepted"}
    assert {ref: server.count_by_reference(Target.KA, ref) for ref in references} == dict.fromkeys(
        references, 1)
    database = PostgresDatabase(url) if backend == "postgres" else None
    with Journal(journal_path(), database=database) as journal:
        journaled = {record.reference: record for record in journal.page(limit=-1)}
        for ref in held:
            record = journaled[ref]
            assert record.state is OrderState.ACCEPTED
            assert [(a.kind.value, a.outcome) for a in journal.attempts(record.id)] == [
                ("send", "unknown"), ("lookup", "found")]


def test_orders_claimed_ahead_and_never_sent_when_killed_are_looked_up_then_sent_once(
    tmp_path: Path, sandbox_factory: Callable[..., SandboxServer]
) -> None:
    """A worker claims its next order while its request is out (on a desk's own journal).
    Killed then, the next run finds that order `sending` like one whose request was cut short,
    looks it up, finds it absent, and sends it: once, like every order in flight at the kill."""
    backend, url = "sqlite", ""
    server = sandbox_factory(SandboxConfig(allow_duplicate_references=True, latency=0.6,
                                           ka_rate_limit=None))
    references = [f"AHEAD-{n:02d}" for n in range(16)]
    orders = tmp_path / "orders.json"
    orders.write_text(json.dumps([ka_order(ref) for ref in references]), encoding="utf-8")

    child = submit(orders, server, concurrency=4)
    deadline = time.monotonic() + 60
    sending: set[str] = set()
    while len(sending) < 8:  # four requests out, and each worker's next order claimed
        assert time.monotonic() < deadline, "the next orders were never claimed"
        time.sleep(0.02)
        sending = _sending_references(backend, url)
    child.send_signal(signal.SIGKILL)  # long before the first answer
    child.communicate()
    time.sleep(0.8)  # the requests that were out reach the server's end of them
    never_sent = {ref for ref in sending if server.count_by_reference(Target.KA, ref) == 0}
    assert never_sent and never_sent < sending, (sending, never_sent)
    assert _sending_references(backend, url) >= sending

    server.set_faults(latency=0.0)
    final = submit(orders, server, concurrency=4)
    out, err = final.communicate(timeout=120)
    assert final.returncode == 0, err
    assert {json.loads(line)["status"] for line in out.splitlines()} == {"accepted"}
    assert {ref: server.count_by_reference(Target.KA, ref) for ref in references} == dict.fromkeys(
        references, 1)
    with Journal(journal_path()) as journal:
        journaled = {record.reference: record for record in journal.page(limit=-1)}
        for ref in never_sent:
            record = journaled[ref]
            assert record.state is OrderState.ACCEPTED
            assert [(a.kind.value, a.outcome) for a in journal.attempts(record.id)] == [
                ("send", "unknown"), ("lookup", "absent"), ("send", "accepted")]
