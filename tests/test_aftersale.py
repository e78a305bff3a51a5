"""Status checks and cancels through the engine: real clients, the sandbox over loopback, a real
journal. Every answer is journaled; a shipped order is refused without a request; a cancel whose
outcome is unknown is looked up, never sent again; the account's rate limit holds."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from app.core.clients import make_client
from app.core.clients.ka import KaClient
from app.core.engine import RetryPolicy, SubmissionEngine
from app.core.journal import AttemptKind, Journal, NewAttempt, OrderRecord, OrderState
from app.core.secrets import SANDBOX_SECRETS
from app.core.server_status import CancelState, ServerStatus
from app.core.settings import SANDBOX_PROFILES, Profile
from app.core.targets import Target
from app.sandbox import SandboxServer
from tests.fixtures.sandbox import SandboxFactory, ka_order, nomad_order

KA, NOMAD = SANDBOX_PROFILES
HOUR = 3600.0
POLICY = RetryPolicy(backoff_base=0.02, backoff_cap=0.2, settle_delay=0.0)


def factory(server: SandboxServer, **ka_options: Any) -> Callable[[Profile], Any]:
    def build(profile: Profile) -> Any:
        if profile.target is Target.KA and ka_options:
            return KaClient(server.ka_base_url, SANDBOX_SECRETS["ka_token"], timeout=5,
                            **ka_options)
        url = server.nomad_base_url if profile.target is Target.NOMAD else server.ka_base_url
        return make_client(replace(profile, timeout=5.0), SANDBOX_SECRETS, base_url=url)

    return build


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    with Journal(tmp_path / "journal.sqlite3") as opened:
        yield opened


@pytest.fixture
def server(sandbox_factory: SandboxFactory) -> SandboxServer:
    return sandbox_factory(ship_after=HOUR, seed=5)


@pytest.fixture(params=[KA, NOMAD], ids=["ka", "nomad"])
def profile(request: pytest.FixtureRequest) -> Profile:
    return request.param


@pytest.fixture
def engine(journal: Journal, server: SandboxServer) -> Iterator[SubmissionEngine]:
    made = SubmissionEngine(journal, factory(server), policy=POLICY)
    yield made
    made.close()


def send(engine: SubmissionEngine, journal: Journal, profile: Profile,
         references: list[str], **changes: Any) -> list[OrderRecord]:
    build = ka_order if profile.target is Target.KA else nomad_order
    report = engine.submit_batch([build(ref, **changes) for ref in references], profile).wait(60)
    assert all(r.remote_id for r in report.results)
    return [journal.find(profile.target, profile.account, ref) for ref in references]  # type: ignore[misc]


def test_a_status_check_is_journaled_for_each_order(
        engine: SubmissionEngine, journal: Journal, server: SandboxServer,
        profile: Profile) -> None:
    orders = send(engine, journal, profile, ["ST-1", "ST-2", "ST-3"])
    server.advance(2 * HOUR)
    results = engine.check_status(profile, orders)
    assert [r.checked for r in results] == [True] * 3
    for order in orders:
        now = journal.get(order.id)
        assert now.state is OrderState.ACCEPTED
        assert now.server_status is ServerStatus.SHIPPED and now.server_checked_at
        assert now.server_parts[0].tracking[0].code
        check = journal.attempts(order.id)[-1]
        assert (check.kind, check.outcome, check.http_status) == (AttemptKind.STATUS, "shipped",
                                                                  200)
        assert check.request_json and "GET" in check.request_json
        assert check.response_body and order.remote_id in check.response_body


def test_cancel_before_shipping(engine: SubmissionEngine, journal: Journal,
                                profile: Profile) -> None:
    (order,) = send(engine, journal, profile, ["CX-1"])
    (result,) = engine.cancel(profile, [order])
    assert result.state is CancelState.CANCELLED, result.message
    after = journal.get(order.id)
    assert (after.cancel_state, after.server_status) == (CancelState.CANCELLED,
                                                         ServerStatus.CANCELLED)
    kinds = [(a.kind, a.outcome) for a in journal.attempts(order.id)]
    assert (AttemptKind.CANCEL, "cancelled" if profile is NOMAD else "requested") in kinds
    assert kinds[-1] == (AttemptKind.STATUS, "cancelled"), "confirmed by a status check"
    (again,) = engine.cancel(profile, [after])
    assert (again.state, again.message) == (CancelState.CANCELLED, "already cancelled")
    assert len(journal.attempts(order.id)) == len(kinds) + 1, "only a status check, no cancel"


def test_a_shipped_order_is_refused_without_a_cancel_request(
        engine: SubmissionEngine, journal: Journal, server: SandboxServer,
        profile: Profile) -> None:
    (order,) = send(engine, journal, profile, ["SH-1"])
    server.advance(2 * HOUR)  # the journal does not know yet: the cancel checks first
    (result,) = engine.cancel(profile, [order])
    assert result.state is CancelState.REFUSED and "shipped" in result.message
    cancels = [a for a in journal.attempts(order.id) if a.kind is AttemptKind.CANCEL]
    assert [(a.outcome, a.request_json) for a in cancels] == [("refused", None)]
    assert journal.get(order.id).cancel_state is CancelState.REFUSED


def test_a_cancel_with_an_unknown_outcome_is_looked_up_not_resent(
        engine: SubmissionEngine, journal: Journal, server: SandboxServer,
        profile: Profile) -> None:
    (order,) = send(engine, journal, profile, ["UN-1"])
    engine.check_status(profile, [order])
    server.set_faults(drop_after_commit_rate=1.0)
    (result,) = engine.cancel(profile, [journal.get(order.id)])
    server.set_faults(drop_after_commit_rate=0.0)
    assert result.state is CancelState.CANCELLED, "the lookup found it cancelled"
    kinds = [(a.kind.value, a.outcome) for a in journal.attempts(order.id)]
    assert [k for k in kinds if k[0] == "cancel"] == [("cancel", "unknown")], "sent once"
    assert kinds[-1] == ("status", "cancelled")


def test_a_cancel_left_unknown_blocks_another_until_looked_up(
        engine: SubmissionEngine, journal: Journal, profile: Profile) -> None:
    (order,) = send(engine, journal, profile, ["UN-2"])
    assert journal.claim_for_cancel(order.id)
    journal.mark_interrupted()  # the program stopped with the cancel in flight
    (result,) = engine.cancel(profile, [journal.get(order.id)])
    # The status check before cancelling settles it: nothing arrived, so it may go now.
    assert result.state is CancelState.CANCELLED
    outcomes = [(a.kind.value, a.outcome) for a in journal.attempts(order.id)]
    assert outcomes[1:4] == [("cancel", "unknown"), ("status", "processing"),
                             ("cancel", "cancelled" if profile is NOMAD else "requested")]


def test_ka_split_order_is_cancelled_part_by_part(
        engine: SubmissionEngine, journal: Journal) -> None:
    (order,) = send(engine, journal, KA, ["SPL-1"], orderItemsList=[
        {"sku": "SKU-RED-M", "quantity": 1}, {"sku": "US-LAMP-1", "quantity": 1}])
    (result,) = engine.cancel(KA, [order])
    assert result.state is CancelState.CANCELLED
    after = journal.get(order.id)
    assert [p.status for p in after.server_parts] == [ServerStatus.CANCELLED] * 2
    cancels = [a for a in journal.attempts(order.id) if a.kind is AttemptKind.CANCEL]
    assert len(cancels) == 2
    assert {json.loads(c.request_json or "{}")["url"].split("/")[-2] for c in cancels} == {
        p.remote_id for p in after.server_parts}


def test_refreshing_hundreds_of_orders_keeps_to_the_ka_rate_limit(
        sandbox_factory: SandboxFactory, journal: Journal) -> None:
    """The sandbox enforces 20 requests/s with a burst of 5; small pages make many requests."""
    server = sandbox_factory(ka_rate_limit=20.0, ka_burst=5, ship_after=HOUR)
    profile = replace(KA, rate_limit=20.0, burst=5, concurrency=4)
    engine = SubmissionEngine(journal, factory(server, status_page_size=10), policy=POLICY)
    try:
        orders = send(engine, journal, profile, [f"RL-{n:03d}" for n in range(300)])
        results = engine.check_status(profile, orders)
    finally:
        engine.close()
    assert [r.checked for r in results] == [True] * 300, {r.message for r in results}
    assert {r.order.server_status for r in results} == {ServerStatus.PROCESSING}
    statuses = [a.http_status for o in orders for a in journal.attempts(o.id)
                if a.kind is AttemptKind.STATUS]
    assert statuses == [200] * 300
    sent = [a for o in orders for a in journal.attempts(o.id) if a.kind is AttemptKind.SEND]
    assert {a.http_status for a in sent} == {200}, "no 429 while sending either"


def test_an_order_not_listed_yet_leaves_an_unknown_cancel_unknown(
        sandbox_factory: SandboxFactory, journal: Journal) -> None:
    server = sandbox_factory(listing_lag=HOUR)  # a search index that has not caught up
    engine = SubmissionEngine(journal, factory(server), policy=POLICY)
    try:
        (order,) = send(engine, journal, KA, ["LAG-1"])
        assert journal.claim_for_cancel(order.id)
        journal.mark_interrupted()
        (result,) = engine.check_status(KA, [journal.get(order.id)])
    finally:
        engine.close()
    assert result.checked and result.order.server_status is ServerStatus.NOT_FOUND
    assert result.order.cancel_state is CancelState.UNKNOWN, "nothing concluded about it"


@pytest.mark.parametrize(("settle", "after"), [(0.0, CancelState.NOT_CANCELLED),
                                               (300.0, CancelState.UNKNOWN)])
def test_not_cancelled_is_believed_only_after_the_settle_time(
        engine: SubmissionEngine, journal: Journal, settle: float, after: CancelState) -> None:
    """A cancel whose answer was lost, and that did not take effect: the server shows the order
    as it was. Before the profile's settle time that may only be a slow listing."""
    (order,) = send(engine, journal, KA, ["SET-1"])
    assert journal.claim_for_cancel(order.id)
    journal.record_server(order.id, NewAttempt(AttemptKind.CANCEL, time.time(), "unknown"),
                          cancel_state=CancelState.UNKNOWN)
    profile = replace(KA, lookup_settle_seconds=settle)
    (result,) = engine.check_status(profile, [journal.get(order.id)])
    assert result.order.server_status is ServerStatus.PROCESSING
    assert result.order.cancel_state is after
