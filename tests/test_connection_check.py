"""Test connection: one harmless authenticated call per target, against the sandbox with good
credentials, a wrong token or secret and an unreachable port, and each failure named in plain
words (`Problem`), never as a raw transport error."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from app.core.clients.http import ApiFailure
from app.core.connection_check import Problem, classify
from app.core.desk import Desk
from app.core.journal import Journal
from app.core.outcome import OutcomeKind
from app.core.secrets import MemorySecretStore, SecretSource, secret_source
from app.core.settings import Settings, default_profile
from app.core.targets import Environment, Target
from app.sandbox import SandboxServer
from tests.fixtures.sandbox import NOMAD_STORE


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    store = MemorySecretStore()
    journal = Journal(tmp_path / "journal.sqlite3")
    made = Desk(Settings(), store, journal, tmp_path)
    yield made
    made.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_ka_good_token_wrong_token_and_nothing_listening(desk: Desk,
                                                         sandbox: SandboxServer) -> None:
    profile = default_profile("KA test", Target.KA, Environment.TEST, sandbox.ka_base_url)
    good = desk.test_connection(profile, {"ka_token": "sandbox-ka-token"})
    assert good.ok and good.problem is Problem.NONE
    bad = desk.test_connection(profile, {"ka_token": "not-the-token"})
    assert bad.problem is Problem.BAD_TOKEN and bad.http_status == 401
    assert "not-the-token" not in bad.detail
    nowhere = default_profile("KA off", Target.KA, Environment.TEST,
                              f"http://127.0.0.1:{_free_port()}")
    refused = desk.test_connection(nowhere, {"ka_token": "sandbox-ka-token"})
    assert refused.problem is Problem.REFUSED


def test_nomad_good_secret_wrong_secret_and_wrong_key(desk: Desk, sandbox: SandboxServer) -> None:
    profile = default_profile("Nomad test", Target.NOMAD, Environment.TEST,
                              sandbox.nomad_base_url)
    profile = replace(profile, store=NOMAD_STORE)
    secrets = {"nomad_app_key": "203000000", "nomad_app_secret": "sandbox-app-secret"}
    assert desk.test_connection(profile, secrets).ok
    wrong_secret = desk.test_connection(profile, {**secrets, "nomad_app_secret": "nope-nope"})
    assert wrong_secret.problem is Problem.BAD_SIGNATURE
    wrong_key = desk.test_connection(profile, {**secrets, "nomad_app_key": "999"})
    assert wrong_key.problem is Problem.BAD_APP_KEY


def test_missing_credentials_and_settings_are_named_not_raised(desk: Desk) -> None:
    profile = default_profile("KA prod", Target.KA, Environment.PRODUCTION)
    assert desk.test_connection(profile).problem is Problem.MISSING_CREDENTIALS
    insecure = default_profile("KA plain", Target.KA, Environment.TEST, "http://example.com")
    report = desk.test_connection(insecure, {"ka_token": "t0ken"})
    assert report.problem is Problem.INSECURE_URL


def test_the_built_in_sandbox_profile_is_tested_against_the_simulator(tmp_path: Path) -> None:
    settings = Settings()
    started: list[SandboxServer] = []

    def starter(_dir: Path, _secrets: object) -> SandboxServer:
        server = SandboxServer()
        server.start()
        started.append(server)
        return server

    desk = Desk(settings, MemorySecretStore(), Journal(tmp_path / "j.sqlite3"), tmp_path,
                sandbox_starter=starter)  # type: ignore[arg-type]
    try:
        for target in (Target.KA, Target.NOMAD):
            assert desk.test_connection(settings.profile_in_use(target)).ok
    finally:
        desk.close()


@pytest.mark.parametrize(("message", "status", "kind", "problem"), [
    ("Could not connect (ConnectError: [Errno -2] Name or service not known); nothing was sent",
     None, OutcomeKind.RETRY, Problem.UNKNOWN_HOST),
    ("Could not connect (ConnectError: [Errno -3] Temporary failure in name resolution)",
     None, OutcomeKind.RETRY, Problem.UNKNOWN_HOST),
    ("Could not connect (ConnectError: [Errno 111] Connection refused); nothing was sent",
     None, OutcomeKind.RETRY, Problem.REFUSED),
    ("Could not connect (ConnectTimeout: timed out); nothing was sent",
     None, OutcomeKind.RETRY, Problem.TIMEOUT),
    ("Could not connect (ConnectError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify "
     "failed)", None, OutcomeKind.RETRY, Problem.TLS),
    ("Nomad gateway refused the request (HTTP 400): Invalid Url (check the base URL, the store "
     "and the stage)", 400, OutcomeKind.REJECTED, Problem.WRONG_STAGE),
    ("Nomad gateway refused the request (HTTP 404): API Not Found", 404, OutcomeKind.REJECTED,
     Problem.WRONG_STAGE),
    ("Nomad gateway refused the request (HTTP 400): Timestamp Expired", 400,
     OutcomeKind.REJECTED, Problem.CLOCK),
    ("HTTP 429 Too Many Requests", 429, OutcomeKind.RETRY, Problem.BUSY),
    ("HTTP 404 Not Found", 404, OutcomeKind.REJECTED, Problem.NOT_FOUND),
    ("HTTP 502 Bad Gateway", 502, OutcomeKind.UNKNOWN, Problem.SERVER_ERROR),
])
def test_failures_are_classified(message: str, status: int | None, kind: OutcomeKind,
                                 problem: Problem) -> None:
    assert classify(Target.NOMAD, ApiFailure(kind, message, status)) is problem


def test_where_a_secret_comes_from(monkeypatch: pytest.MonkeyPatch) -> None:
    store = MemorySecretStore()
    assert secret_source(store, "P", Target.KA, "ka_token", sandbox=False) is SecretSource.MISSING
    assert secret_source(store, "P", Target.KA, "ka_token",
                         sandbox=True) is SecretSource.SANDBOX_DEFAULT
    store.set("P", "ka_token", "value")
    assert secret_source(store, "P", Target.KA, "ka_token", sandbox=False) is SecretSource.STORED
    monkeypatch.setenv("ORDER_DESK_KA_TOKEN", "from-env")
    assert secret_source(store, "P", Target.KA, "ka_token",
                         sandbox=False) is SecretSource.ENVIRONMENT
