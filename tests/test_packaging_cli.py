"""The installed build is the whole program: the frozen command line, run for real.

`--help` lists every command the source defines and each shows its options; the sample orders and
orders naming their country in other languages (`Deutschland`, `法国`) are validated and
submitted to the built-in simulator; `history --json` shows them; the other commands answer. From
dist/ (the session's build, tests/fixtures/frozen.py) and, on CI, through the installed .deb.
"""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from app.cli import build_parser
from tests.fixtures.frozen import cannot_install_debs, headless_env
from tests.test_cli_commands import subcommands

pytestmark = pytest.mark.slow

SAMPLES = Path(__file__).resolve().parents[1] / "resources" / "samples"
TIMEOUT = 120  # seconds per command: a cold start of the bundle plus a few orders


def _order(reference: str, country: str, phone: str, city: str, street: str,
           postcode: str) -> dict[str, Any]:
    return {
        "customOrderId": reference,
        "channelType": "Standard",
        "orderAddress": {"recipient": "Frozen Smoke", "phone": phone, "country": country,
                         "province": city, "city": city, "street1": street, "zip": postcode},
        "orderItemsList": [{"sku": "SKU-RED-M", "quantity": 1}],
    }


# Country names as operators paste them from exports in other languages.
FOREIGN_NAMES = [
    _order("FROZEN-DE", "Deutschland", "+49 30 901820", "Berlin", "Unter den Linden 1", "10117"),
    _order("FROZEN-FR", "法国", "+33 1 42 68 53 00", "Paris", "10 rue de Rivoli", "75004"),
]
KA_REFS = {"SAMPLE-KA-1", "SAMPLE-KA-2", "SAMPLE-CSV-1", "SAMPLE-CSV-2", "FROZEN-DE", "FROZEN-FR"}
NOMAD_REFS = {"SAMPLE-NM-1", "SAMPLE-NM-2"}


class FrozenCli:
    """Runs one installed `order-desk` in a data folder of its own, headless."""

    def __init__(self, command: Path, home: Path) -> None:
        self.command = command
        self.env = headless_env(ORDER_DESK_HOME=str(home))
        self.home = home

    def run(self, *args: str, code: int = 0) -> subprocess.CompletedProcess[str]:
        result = subprocess.run([str(self.command), *args], env=self.env, capture_output=True,
                                text=True, encoding="utf-8", timeout=TIMEOUT)
        shown = f"order-desk {' '.join(args)}\n{result.stdout}{result.stderr}"
        assert result.returncode == code, shown
        assert "Traceback" not in result.stderr, shown
        return result

    def json_lines(self, *args: str) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.run(*args).stdout.splitlines()]


def _listed_commands(help_text: str) -> list[str]:
    """The command names of `order-desk --help` (argparse lists them indented by four)."""
    return re.findall(r"^    ([a-z][\w-]*)\s", help_text, flags=re.MULTILINE)


def _by_ref(lines: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {line["ref"]: line for line in lines if "ref" in line}


def _every_command_works(command: Path, scratch: Path) -> None:
    cli = FrozenCli(command, scratch / "home")
    foreign = scratch / "foreign-names.json"
    foreign.write_text(json.dumps(FOREIGN_NAMES, ensure_ascii=False), encoding="utf-8")
    ka_files = [str(SAMPLES / "ka_orders.json"), str(SAMPLES / "ka_orders.csv"), str(foreign)]
    nomad_files = [str(SAMPLES / "nomad_orders.json")]

    expected = list(subcommands(build_parser()))
    assert _listed_commands(cli.run("--help").stdout) == expected
    for name in expected:
        assert cli.run(name, "--help").stdout.startswith(f"usage: order-desk {name}")

    valid = _by_ref(cli.json_lines("validate", *ka_files, "--target", "ka", "--json"))
    assert {ref: line["status"] for ref, line in valid.items()} == dict.fromkeys(KA_REFS, "valid")
    valid = _by_ref(cli.json_lines("validate", *nomad_files, "--target", "nomad", "--json"))
    assert set(valid) == NOMAD_REFS

    # No --base-url: the sandbox profiles send to the simulator the app starts itself.
    sent = _by_ref(cli.json_lines("submit", *ka_files, "--target", "ka", "--json"))
    sent |= _by_ref(cli.json_lines("submit", *nomad_files, "--target", "nomad", "--json"))
    assert {ref: line["status"] for ref, line in sent.items()} == dict.fromkeys(
        KA_REFS | NOMAD_REFS, "accepted")
    assert all(line["remote_id"] for line in sent.values())

    history = _by_ref(cli.json_lines("history", "--json"))
    assert {ref: (line["state"], line["target"], line["remote_id"])
            for ref, line in history.items()} == {
        ref: ("accepted", "nomad" if ref in NOMAD_REFS else "ka", sent[ref]["remote_id"])
        for ref in KA_REFS | NOMAD_REFS}
    again = _by_ref(cli.json_lines("submit", str(foreign), "--target", "ka", "--json"))
    assert {ref: line["status"] for ref, line in again.items()} == {
        "FROZEN-DE": "accepted", "FROZEN-FR": "accepted"}  # already accepted: not sent again
    assert len(cli.json_lines("history", "--json")) == len(KA_REFS | NOMAD_REFS)

    assert "nothing to reconcile" in cli.run("reconcile").stderr
    profiles = json.loads(cli.run("profile", "list", "--json").stdout)["profiles"]
    assert {p["name"] for p in profiles} == {"Sandbox KA", "Sandbox Nomad"}
    assert len(json.loads(cli.run("credentials", "status", "--json").stdout)["secrets"]) == 3
    _standalone_sandbox_takes_orders(cli, foreign)
    assert not list((cli.home / "crash").glob("crash-*")), "a command left a crash report"


def _standalone_sandbox_takes_orders(cli: FrozenCli, orders: Path) -> None:
    """`order-desk sandbox` serves (here to a submit by URL, with the token from the
    environment) until Ctrl+C."""
    with subprocess.Popen([str(cli.command), "sandbox", "--port", "0"], env=cli.env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as server:
        assert server.stdout is not None
        shown = ""
        try:
            while "KA base URL:" not in shown and server.poll() is None:
                shown += server.stdout.readline()
            urls = re.findall(r"KA base URL:\s+(\S+)", shown)
            assert len(urls) == 1, shown
            cli.env["ORDER_DESK_KA_TOKEN"] = "sandbox-ka-token"  # as the sandbox printed it
            sent = _by_ref(cli.json_lines("submit", str(orders), "--target", "ka",
                                          "--base-url", urls[0], "--json"))
            assert {line["status"] for line in sent.values()} == {"accepted"}
        finally:
            cli.env.pop("ORDER_DESK_KA_TOKEN", None)
            server.send_signal(signal.SIGINT)
            stdout, stderr = server.communicate(timeout=TIMEOUT)
        assert server.returncode == 0, shown + stdout + stderr
        assert "Traceback" not in stderr


@pytest.mark.skipif(sys.platform == "win32", reason="Ctrl+C is a console event on Windows")
def test_frozen_command_line_does_everything(frozen_executable: Path, tmp_path: Path) -> None:
    _every_command_works(frozen_executable, tmp_path)


def test_frozen_command_line_sends_through_a_team_journal(
    frozen_executable: Path, team_journal_url: str, tmp_path: Path,
) -> None:
    """The bundle's PostgreSQL driver (on Linux psycopg's own binding on the system's libpq) keeps
    a real team journal: what the frozen command line sends is in the server's database."""
    import psycopg

    cli = FrozenCli(frozen_executable, tmp_path / "home")
    cli.env["ORDER_DESK_DATABASE_URL"] = team_journal_url
    orders = tmp_path / "foreign-names.json"
    orders.write_text(json.dumps(FOREIGN_NAMES, ensure_ascii=False), encoding="utf-8")
    sent = _by_ref(cli.json_lines("submit", str(orders), "--target", "ka", "--json"))
    assert {ref: line["status"] for ref, line in sent.items()} == {
        "FROZEN-DE": "accepted", "FROZEN-FR": "accepted"}
    assert set(_by_ref(cli.json_lines("history", "--json"))) == {"FROZEN-DE", "FROZEN-FR"}
    with psycopg.connect(team_journal_url) as conn:
        rows = conn.execute("SELECT reference, state, remote_id FROM orders").fetchall()
    assert {ref: (state, remote_id) for ref, state, remote_id in rows} == {
        ref: ("accepted", line["remote_id"]) for ref, line in sent.items()}


@pytest.mark.skipif(cannot_install_debs() is not None, reason=str(cannot_install_debs()))
def test_installed_deb_command_line_does_everything(installed_deb: Path, tmp_path: Path) -> None:
    _every_command_works(installed_deb, tmp_path)
