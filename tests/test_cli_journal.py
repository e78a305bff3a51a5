"""`order-desk journal`: moving a desk's journal onto a team journal (a real PostgreSQL server),
idempotently, refusing references the team journal holds with other content; `check`; `use`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from app.cli import main
from app.core.journal import AttemptKind, Journal, NewAttempt, OrderState
from app.core.journal.postgres import PostgresDatabase
from app.core.journal.schema import LATEST_VERSION
from app.core.paths import journal_path
from app.core.settings import load_settings
from app.core.targets import Target

SHOP = "https://shop.example.test"


def _local_orders(count: int) -> None:
    with Journal(journal_path()) as journal:
        batch = journal.create_batch(Target.KA, SHOP, count, "orders.csv")
        for number in range(count):
            order = journal.add_order(Target.KA, SHOP, f"P-{number}",
                                      json.dumps({"customOrderId": f"P-{number}"}), f"fp{number}",
                                      generated=False, batch_id=batch)
            journal.claim_for_send(order.id)
            if number == 0:
                continue  # left `sending`, as by a crash: pushed as unknown, to reconcile
            journal.record(order.id, NewAttempt(AttemptKind.SEND, 1.0, "accepted", "created"),
                           OrderState.ACCEPTED, remote_id=f"KK-{number}")


def test_push_copies_orders_and_attempts_once_and_refuses_different_content(
        team_journal_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    _local_orders(5)
    with Journal(database=PostgresDatabase(team_journal_url)) as team:
        team.add_order(Target.KA, SHOP, "P-4", "{}", "other content", generated=False,
                       batch_id=None)
        team.add_order(Target.KA, SHOP, "P-3", json.dumps({"customOrderId": "P-3"}), "fp3",
                       generated=False, batch_id=None)

    assert main(["journal", "push", "--to", team_journal_url]) == 1
    out = capsys.readouterr().out
    assert "refused P-4" in out and "copied 3, already there 1, refused 1" in out

    assert main(["journal", "push", "--to", team_journal_url, "--json"]) == 1
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines[-1] == {"summary": {"copied": 0, "held": 4, "differs": 1}}

    with Journal(database=PostgresDatabase(team_journal_url)) as team:
        crashed = team.find(Target.KA, SHOP, "P-0")
        assert crashed is not None and crashed.state is OrderState.UNKNOWN
        sent = team.find(Target.KA, SHOP, "P-1")
        assert sent is not None and (sent.state, sent.remote_id) == (OrderState.ACCEPTED, "KK-1")
        assert [a.outcome for a in team.attempts(sent.id)] == ["accepted"]
        assert team.find(Target.KA, SHOP, "P-4").fingerprint == "other content"  # untouched


def test_check_reports_where_the_schema_and_the_counts(
        team_journal_url: str, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    _local_orders(2)
    assert main(["journal", "check", "--json"]) == 0
    local = json.loads(capsys.readouterr().out)
    assert (local["team"], local["orders"], local["schema_version"]) == (False, 2, LATEST_VERSION)

    assert main(["journal", "push", "--to", team_journal_url]) == 0
    monkeypatch.setenv("ORDER_DESK_DATABASE_URL", team_journal_url)
    capsys.readouterr()
    assert main(["journal", "check"]) == 0
    out = capsys.readouterr().out
    assert "team journal: postgresql://postgres@127.0.0.1:" in out
    assert "orders: 2 (accepted 1, unknown 1)" in out

    with psycopg.connect(team_journal_url, autocommit=True) as conn:
        conn.execute("UPDATE journal_schema SET version = 99")
    assert main(["journal", "check"]) == 2
    assert "newer Order Desk" in capsys.readouterr().err


def test_use_keeps_the_url_without_a_password(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal", "use", "postgresql://clerk:pw@db.example.test/team"]) == 2
    assert "password" in capsys.readouterr().err
    assert load_settings().team_journal_url == ""
    url = "postgresql://clerk@db.example.test/team?sslmode=verify-full"
    assert main(["journal", "use", url]) == 0
    assert load_settings().team_journal_url == url
    assert main(["journal", "use", "--local"]) == 0
    assert load_settings().team_journal_url == ""


# The command line on a machine without libpq, as the Linux bundle would run there (it uses
# psycopg's Python binding on the system's libpq): psycopg's search for the library finds none.
_WITHOUT_LIBPQ = """
import ctypes.util, os, sys
find = ctypes.util.find_library
ctypes.util.find_library = lambda name: None if "pq" in name else find(name)
os.environ["PSYCOPG_IMPL"] = "python"
from app.cli import main
sys.exit(main(sys.argv[1:]))
"""
SAMPLE = Path(__file__).resolve().parents[1] / "resources" / "samples" / "ka_orders.json"


def _without_libpq(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
    return subprocess.run([sys.executable, "-c", _WITHOUT_LIBPQ, *args], capture_output=True,
                          text=True, env=env, timeout=120)


def test_without_libpq_a_team_journal_is_refused_saying_what_to_install() -> None:
    url = "postgresql://clerk@db.example.test/team"
    refused = _without_libpq("journal", "use", url)  # its password cannot be looked for
    assert refused.returncode == 2 and "libpq5" in refused.stderr, refused.stderr
    assert load_settings().team_journal_url == ""
    assert main(["journal", "use", url]) == 0  # kept where libpq is installed
    for command in (["history"], ["submit", str(SAMPLE), "--target", "ka"]):
        stopped = _without_libpq(*command)
        assert stopped.returncode == 2, stopped.stdout + stopped.stderr
        assert "PostgreSQL's client library (libpq)" in stopped.stderr
        assert "libpq5" in stopped.stderr and "Traceback" not in stopped.stderr
    # The settings still load: what needs no journal works, and the URL is kept.
    checked = _without_libpq("validate", str(SAMPLE), "--target", "ka")
    assert checked.returncode == 0 and "2 valid" in checked.stderr, checked.stderr
    assert load_settings().team_journal_url == url
