"""`order-desk status` and `order-desk cancel` end to end: a profile reaching a sandbox over
loopback, a real journal in the test's data directory."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.cli import EXIT_OK, EXIT_REJECTED, EXIT_USAGE, main
from app.core.journal import AttemptKind, Journal
from app.core.paths import journal_path
from app.sandbox import SandboxServer
from tests.fixtures.sandbox import NOMAD_STORE, SandboxFactory, ka_order, nomad_order

pytestmark = pytest.mark.usefixtures("sandbox_credentials")
HOUR = 3600.0


def json_lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture
def server(sandbox_factory: SandboxFactory) -> SandboxServer:
    return sandbox_factory(ship_after=HOUR)


@pytest.fixture
def sent(server: SandboxServer, tmp_path: Path, capsys: pytest.CaptureFixture[str],
         sandbox_credentials: dict[str, str]) -> None:
    """Orders A-1..A-3 at KA and N-1 at Nomad, accepted through profiles that reach them."""
    assert main(["profile", "add", "Shop KA", "--target", "ka", "--environment", "test",
                 "--base-url", server.ka_base_url]) == EXIT_OK
    assert main(["profile", "add", "Shop Nomad", "--target", "nomad", "--environment", "test",
                 "--base-url", server.nomad_base_url, "--store", NOMAD_STORE,
                 "--stage", "TEST"]) == EXIT_OK
    ka = tmp_path / "ka.json"
    ka.write_text(json.dumps([ka_order(f"A-{n}") for n in (1, 2, 3)]), encoding="utf-8")
    nomad = tmp_path / "nomad.json"
    nomad.write_text(json.dumps([nomad_order("N-1")]), encoding="utf-8")
    assert main(["submit", str(ka), "--target", "ka", "--profile", "Shop KA"]) == EXIT_OK
    assert main(["submit", str(nomad), "--target", "nomad", "--profile", "Shop Nomad"]) == EXIT_OK
    capsys.readouterr()


@pytest.mark.usefixtures("sent")
def test_status_of_named_orders_as_json_then_shipped(
        server: SandboxServer, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "--ref", "A-1", "--ref", "N-1", "--json"]) == EXIT_OK
    lines = json_lines(capsys.readouterr().out)
    assert [(line["ref"], line["server_status"], line["tracking"]) for line in lines] == [
        ("A-1", "processing", []), ("N-1", "processing", [])]
    assert all(set(line) == {"ref", "remote_id", "server_status", "tracking", "checked_at"}
               and line["remote_id"] and line["checked_at"].endswith("Z") for line in lines)
    server.advance(2 * HOUR)
    assert main(["status"]) == EXIT_OK, "without --ref: the recent unfinished orders"
    rows = [line.split("  ") for line in capsys.readouterr().out.splitlines()]
    assert sorted(row[0] for row in rows) == ["A-1", "A-2", "A-3", "N-1"]
    assert {row[2] for row in rows} == {"shipped"}
    assert all(len(row[3].split()) == 2 for row in rows), "carrier and tracking code"
    with Journal(journal_path()) as journal:
        order = journal.page()[0]
        assert [a.kind for a in journal.attempts(order.id)].count(AttemptKind.STATUS) >= 1


@pytest.mark.usefixtures("sent")
def test_status_narrowed_to_a_profile_and_a_reference_it_does_not_know(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "--profile", "Shop Nomad", "--json"]) == EXIT_OK
    assert [line["ref"] for line in json_lines(capsys.readouterr().out)] == ["N-1"]
    assert main(["status", "--ref", "NOPE"]) == EXIT_USAGE
    assert "NOPE: no such order in the journal" in capsys.readouterr().err


@pytest.mark.usefixtures("sent")
def test_cancel_before_and_after_shipping(
        server: SandboxServer, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cancel", "A-1", "N-1", "--yes", "--json"]) == EXIT_OK
    lines = json_lines(capsys.readouterr().out)
    assert [(line["ref"], line["status"]) for line in lines] == [("A-1", "cancelled"),
                                                                ("N-1", "cancelled")]
    assert all(set(line) == {"ref", "status", "message"} for line in lines)
    server.advance(2 * HOUR)
    assert main(["cancel", "A-2", "--yes"]) == EXIT_REJECTED
    out = capsys.readouterr().out
    assert out.startswith("refused   A-2 (") and "shipped" in out
    assert main(["status", "--ref", "A-1", "--json"]) == EXIT_OK
    assert json_lines(capsys.readouterr().out)[0]["server_status"] == "cancelled"


@pytest.mark.usefixtures("sent")
def test_cancel_asks_first_and_a_script_must_say_yes(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cancel", "A-3"]) == EXIT_USAGE  # stdin is not a terminal under pytest
    assert "--yes" in capsys.readouterr().err
    with Journal(journal_path()) as journal:
        (order,) = [o for o in journal.page() if o.reference == "A-3"]
        assert order.cancel_state is None and journal.attempts(order.id)[-1].kind.value == "send"
