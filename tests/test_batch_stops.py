"""A batch stops sending what cannot succeed: when the API says the account cannot take orders
(balance spent, credential refused), the batch holds; the command line stops with the rest left
for the next submit. A stopped batch ends its unsent orders in one journal write."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from app.cli import EXIT_NOT_SENT, main
from app.core.clients import make_client
from app.core.engine import ResultStatus, SubmissionEngine
from app.core.journal import HistoryFilter, Journal, OrderState
from app.core.outcome import OutcomeKind, SendOutcome
from app.core.paths import journal_path
from app.core.secrets import SANDBOX_SECRETS
from app.core.settings import SANDBOX_PROFILES
from app.core.targets import Target
from app.sandbox import SandboxConfig, SandboxServer
from tests.fixtures.sandbox import ka_order

SandboxFactory = Callable[..., SandboxServer]


@pytest.mark.usefixtures("sandbox_credentials")
def test_a_spent_balance_stops_the_batch_with_the_rest_left_for_later(
    tmp_path: Path, sandbox_factory: SandboxFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    server = sandbox_factory(SandboxConfig(ka_opening_balance=Decimal("1.00"),
                                           ka_rate_limit=None))
    orders = tmp_path / "orders.json"
    orders.write_text(json.dumps([ka_order(f"POOR-{n:03d}") for n in range(300)]),
                      encoding="utf-8")
    code = main(["submit", str(orders), "--target", "ka", "--json", "--concurrency", "4",
                 "--no-rate-limit", "--base-url", server.ka_base_url])
    captured = capsys.readouterr()
    assert code == EXIT_NOT_SENT
    assert "stopped: the account cannot take orders" in captured.err
    assert "Insufficient balance" in captured.err and "Traceback" not in captured.err
    statuses = [json.loads(line)["status"] for line in captured.out.splitlines()
                if line.startswith("{\"ref\"")]
    # A handful refused (those already on their way), not 300.
    assert 1 <= statuses.count("rejected") <= 8
    assert statuses.count("not_sent") == 300 - statuses.count("rejected")
    with Journal(journal_path()) as journal:
        # Journaled ones are cancelled (nothing was created); the rest were never journaled.
        assert journal.count(HistoryFilter(state=OrderState.QUEUED)) == 0
        assert journal.count(HistoryFilter(state=OrderState.REJECTED)) == statuses.count(
            "rejected")
    assert server.orders(Target.KA) == []


class RefusingClient:
    """Refuses every order the way an account with a revoked credential is refused."""

    def __init__(self) -> None:
        self.sent = 0

    def create_order(self, payload: dict[str, object]) -> SendOutcome:
        self.sent += 1
        return SendOutcome(OutcomeKind.REJECTED, "HTTP 401 Unauthorized (the KA token was "
                           "refused)", http_status=401, blocks_account=True)

    def lookup(self, *args: object, **kwargs: object) -> object:
        raise AssertionError("nothing to look up")

    def close(self) -> None:
        pass


def test_a_held_batch_sends_nothing_more_until_resumed_or_cancelled(tmp_path: Path) -> None:
    client = RefusingClient()
    profile = replace(SANDBOX_PROFILES[0], concurrency=1)
    with Journal(tmp_path / "journal.sqlite3") as journal:
        engine = SubmissionEngine(journal, lambda _profile: client)
        try:
            handle = engine.submit_batch([ka_order(f"HOLD-{n}") for n in range(50)], profile)
            seen: list[str] = []
            handle._on_progress = lambda progress: seen.append(progress.held)
            for _ in range(100):
                if handle.control.held_reason:
                    break
                handle.join(0.05)
            assert "token was refused" in handle.control.held_reason
            assert handle.paused and not handle.done
            handle.join(0.3)
            assert client.sent == 1  # held: nothing more went out
            handle.cancel()
            report = handle.wait(10)
        finally:
            engine.close()
        statuses = [r.status for r in report.results]
        assert statuses.count(ResultStatus.REJECTED) == 1
        assert statuses.count(ResultStatus.CANCELLED) == 49
        cancelled = journal.page(HistoryFilter(state=OrderState.CANCELLED), 0, -1)
        # One write for all of them: the same moment on every row.
        assert len(cancelled) == 49 and len({r.updated_at for r in cancelled}) == 1


def test_the_sandbox_s_balance_refusal_is_read_as_the_account_being_blocked(
    sandbox_factory: SandboxFactory,
) -> None:
    server = sandbox_factory(SandboxConfig(ka_opening_balance=Decimal("1.00")))
    profile = SANDBOX_PROFILES[0]
    client = make_client(profile, SANDBOX_SECRETS, base_url=server.ka_base_url)
    wrong = make_client(profile, {"ka_token": "revoked"}, base_url=server.ka_base_url)
    try:
        poor = client.create_order(ka_order("P-1"))
        assert poor.kind is OutcomeKind.REJECTED and poor.blocks_account
        refused = wrong.create_order(ka_order("P-2"))
        assert refused.kind is OutcomeKind.REJECTED and refused.blocks_account
    finally:
        client.close()
        wrong.close()
    assert server.orders(Target.KA) == []
