"""Three desks, each its own data folder, one team journal (a real PostgreSQL server): they submit
overlapping files of a few hundred orders at once to a sandbox that drops connections after
storing an order and answers 503s, and one desk is killed with SIGKILL midway. Re-runs settle
everything: the sandbox holds every reference exactly once (it would take a duplicate), and every
desk's `history` says the same."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from app.core.journal import HistoryFilter, Journal
from app.core.journal.postgres import PostgresDatabase
from app.core.secrets import SANDBOX_SECRETS
from app.core.targets import Target
from app.sandbox import SandboxConfig, SandboxServer
from tests.fixtures.sandbox import ka_order

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
UNIQUE = 300
LEASE = 2.0  # seconds: how soon the killed desk's sends are taken over


def desk_env(home: Path, name: str, url: str) -> dict[str, str]:
    return dict(os.environ, ORDER_DESK_HOME=str(home), ORDER_DESK_DATABASE_URL=url,
                ORDER_DESK_DESK_NAME=name, ORDER_DESK_LEASE_SECONDS=str(LEASE),
                ORDER_DESK_KA_TOKEN=SANDBOX_SECRETS["ka_token"],
                PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")


def submit(env: dict[str, str], orders: Path, server: SandboxServer) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "app", "submit", str(orders), "--target", "ka",
         "--base-url", server.ka_base_url, "--json", "--concurrency", "6",
         "--no-rate-limit", "--lookup-settle", "0"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def history(env: dict[str, str]) -> dict[str, tuple[str, str | None, str]]:
    done = subprocess.run([sys.executable, "-m", "app", "history", "--json", "--limit", "5000"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
                          check=True)
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    return {row["ref"]: (row["state"], row["remote_id"], row["desk"]) for row in rows}


def test_three_desks_one_killed_create_each_order_once(
        tmp_path: Path, sandbox_factory: Callable[..., SandboxServer],
        team_journal_url: str) -> None:
    server = sandbox_factory(SandboxConfig(
        allow_duplicate_references=True, latency=0.02, drop_after_commit_rate=0.1,
        error_rate=0.1, ka_rate_limit=None, seed=5,
    ))
    references = [f"TEAM-{n:03d}" for n in range(UNIQUE)]
    chance = random.Random(7)
    # Each desk: two thirds of the orders, overlapping the others', in an order of its own.
    shares = [references[:200], references[100:], references[:100] + references[200:]]
    desks = []
    for number, share in enumerate(shares, 1):
        orders = tmp_path / f"desk{number}.json"
        mixed = share[:]
        chance.shuffle(mixed)
        orders.write_text(json.dumps([ka_order(ref) for ref in mixed]), encoding="utf-8")
        desks.append((desk_env(tmp_path / f"desk{number}", f"desk {number}", team_journal_url),
                      orders))

    children = [submit(env, orders, server) for env, orders in desks]
    victim = children[1]
    assert victim.stdout is not None
    for _ in range(40):  # midway: after some of its results
        victim.stdout.readline()
    victim.send_signal(signal.SIGKILL)
    victim.communicate()
    for child in (children[0], children[2]):
        _, err = child.communicate(timeout=300)
        assert child.returncode in (0, 3, 4), err

    with Journal(database=PostgresDatabase(team_journal_url)) as team:
        assert team.count() == UNIQUE, "each order journaled once, whichever desk came first"
        entered_on = {record.desk for record in team.page(None, 0, -1)}
    assert entered_on <= {"desk 1", "desk 2", "desk 3"} and len(entered_on) >= 2

    time.sleep(LEASE + 0.5)  # the killed desk's leases run out
    for _round in range(3):
        codes = []
        for env, orders in desks:
            child = submit(env, orders, server)
            _, err = child.communicate(timeout=300)
            codes.append(child.returncode)
            assert child.returncode in (0, 3, 4), err
        if codes == [0, 0, 0]:
            break
    assert codes == [0, 0, 0]

    assert {ref: server.count_by_reference(Target.KA, ref) for ref in references} == dict.fromkeys(
        references, 1)
    assert len(server.orders(Target.KA)) == UNIQUE
    seen = [history(env) for env, _ in desks]
    assert seen[0] == seen[1] == seen[2]
    assert set(seen[0]) == set(references)
    assert {state for state, _, _ in seen[0].values()} == {"accepted"}
    assert all(remote_id for _, remote_id, _ in seen[0].values())
    with Journal(database=PostgresDatabase(team_journal_url)) as team:
        assert team.count(HistoryFilter(reference="TEAM-")) == UNIQUE
