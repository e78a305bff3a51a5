"""`order-desk submit` killed with SIGKILL at random moments, then run again on the same file:
every order ends up created exactly once on the server and accepted in the journal."""

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

from app.core.journal import HistoryFilter, Journal, OrderState
from app.core.paths import journal_path
from app.core.secrets import SANDBOX_SECRETS
from app.core.targets import Target
from app.sandbox import SandboxConfig, SandboxServer
from tests.fixtures.sandbox import ka_order

# Sandboxes reached by URL are servers like any other: they need credentials.
pytestmark = pytest.mark.usefixtures("sandbox_credentials")

ROOT = Path(__file__).resolve().parent.parent
ORDERS = 120


def submit(orders: Path, server: SandboxServer) -> subprocess.Popen[str]:
    env = dict(os.environ, ORDER_DESK_KA_TOKEN=SANDBOX_SECRETS["ka_token"],
               PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    return subprocess.Popen(
        # The sandbox lists an order the moment it stores it: "not found" needs no settle wait
        # (a URL otherwise gets KA's documented 300 s, and an order a kill left unknown and
        # uncreated would stay unknown in the final run).
        [sys.executable, "-m", "app", "submit", str(orders), "--target", "ka",
         "--base-url", server.ka_base_url, "--json", "--concurrency", "6",
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
