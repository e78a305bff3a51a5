"""KaClient against the real sandbox over loopback HTTP: every path an order can take."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import closing
from decimal import Decimal

import pytest

from app.core.clients import make_client
from app.core.clients.http import ApiFailure
from app.core.clients.ka import Balance, KaClient, OrderPage
from app.core.outcome import LookupState, OutcomeKind, SendOutcome
from app.core.secrets import SANDBOX_SECRETS
from app.core.settings import SANDBOX_PROFILES
from app.core.targets import Target
from app.sandbox import SandboxServer
from tests.fixtures.sandbox import SandboxFactory, ka_order

TOKEN = SANDBOX_SECRETS["ka_token"]


@pytest.fixture
def client(sandbox: SandboxServer) -> Iterator[KaClient]:
    ka = KaClient(sandbox.ka_base_url, TOKEN, timeout=10)
    yield ka
    ka.close()


def _assert_no_token(outcome: SendOutcome, token: str = TOKEN) -> None:
    assert token not in repr(outcome)
    assert outcome.request is not None
    assert outcome.request.headers["authorization"] == "Bearer ***"


def test_accepted_order_has_its_kk_order_id_and_can_be_found(
    client: KaClient, sandbox: SandboxServer
) -> None:
    outcome = client.create_order(ka_order("KA-ACC-1"))
    assert outcome.kind is OutcomeKind.ACCEPTED
    assert outcome.remote_id is not None and outcome.remote_id.isdigit()
    assert outcome.http_status == 200 and outcome.duration_ms > 0
    _assert_no_token(outcome)
    assert sandbox.count_by_reference(Target.KA, "KA-ACC-1") == 1
    found = client.lookup("KA-ACC-1")
    assert (found.state, found.remote_id) == (LookupState.FOUND, outcome.remote_id)


def test_rejected_fields_are_named(client: KaClient, sandbox: SandboxServer) -> None:
    order = ka_order("KA-REJ-1")
    order["orderAddress"] = {**order["orderAddress"], "recipient": "x" * 40}
    del order["orderAddress"]["province"]
    outcome = client.create_order(order)
    assert outcome.kind is OutcomeKind.REJECTED
    locs = {error.loc for error in outcome.field_errors}
    assert locs == {"orderAddress.recipient", "orderAddress.province"}
    assert "at most 32 characters" in outcome.message
    assert sandbox.count_by_reference(Target.KA, "KA-REJ-1") == 0


def test_duplicate_reference_is_rejected_and_points_at_the_reference(client: KaClient) -> None:
    first = client.create_order(ka_order("KA-DUP-1"))
    second = client.create_order(ka_order("KA-DUP-1"))
    assert second.kind is OutcomeKind.REJECTED
    assert first.remote_id is not None and first.remote_id in second.message
    assert [error.loc for error in second.field_errors] == ["customOrderId"]


def test_wrong_token_is_rejected_without_showing_it(sandbox: SandboxServer) -> None:
    wrong = "not-the-right-token"
    with closing(KaClient(sandbox.ka_base_url, wrong)) as client:
        outcome = client.create_order(ka_order("KA-401"))
    assert outcome.kind is OutcomeKind.REJECTED
    assert outcome.http_status == 401
    assert "token" in outcome.message
    _assert_no_token(outcome, wrong)
    assert sandbox.count_by_reference(Target.KA, "KA-401") == 0


def test_rate_limit_is_retry_with_the_wait_the_server_names(
    sandbox_factory: SandboxFactory,
) -> None:
    server = sandbox_factory(ka_rate_limit=0.5, ka_burst=1)
    with closing(KaClient(server.ka_base_url, TOKEN)) as client:
        assert client.create_order(ka_order("KA-429-1")).kind is OutcomeKind.ACCEPTED
        outcome = client.create_order(ka_order("KA-429-2"))
    assert outcome.kind is OutcomeKind.RETRY
    assert outcome.http_status == 429
    assert outcome.retry_after is not None and outcome.retry_after >= 1
    assert server.count_by_reference(Target.KA, "KA-429-2") == 0


def test_service_unavailable_is_retry(client: KaClient, sandbox: SandboxServer) -> None:
    sandbox.set_faults(error_rate=1.0)
    outcome = client.create_order(ka_order("KA-503"))
    assert outcome.kind is OutcomeKind.RETRY
    assert outcome.http_status == 503
    assert "503 Service Temporarily Unavailable" in outcome.message  # snippet of the HTML page
    assert "<" not in outcome.message


def test_malformed_success_body_is_unknown_then_reconciled(
    client: KaClient, sandbox: SandboxServer
) -> None:
    sandbox.set_faults(malformed_rate=1.0)
    outcome = client.create_order(ka_order("KA-HTML"))
    assert outcome.kind is OutcomeKind.UNKNOWN
    assert outcome.http_status == 200
    sandbox.set_faults(malformed_rate=0.0)
    # The sandbox answers garbage before processing: the lookup proves it is safe to resend.
    assert client.lookup("KA-HTML").state is LookupState.ABSENT


def test_commit_then_drop_is_unknown_and_lookup_finds_the_order(
    client: KaClient, sandbox: SandboxServer
) -> None:
    sandbox.set_faults(drop_after_commit_rate=1.0)
    outcome = client.create_order(ka_order("KA-DROP"))
    assert outcome.kind is OutcomeKind.UNKNOWN
    assert "look it up" in outcome.message
    sandbox.set_faults(drop_after_commit_rate=0.0)
    found = client.lookup("KA-DROP")
    assert found.state is LookupState.FOUND
    assert found.remote_id == str(sandbox.orders(Target.KA)[0]["id"])
    assert sandbox.count_by_reference(Target.KA, "KA-DROP") == 1


def test_read_timeout_after_sending_is_unknown(sandbox: SandboxServer) -> None:
    sandbox.set_faults(latency=0.5)
    with closing(KaClient(sandbox.ka_base_url, TOKEN, timeout=0.1)) as client:
        outcome = client.create_order(ka_order("KA-SLOW"))
    assert outcome.kind is OutcomeKind.UNKNOWN
    assert "ReadTimeout" in outcome.message
    # The server still processes it after we gave up: exactly the case lookup exists for.
    deadline = time.monotonic() + 5
    while sandbox.count_by_reference(Target.KA, "KA-SLOW") == 0 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert sandbox.count_by_reference(Target.KA, "KA-SLOW") == 1


def test_lookup_of_an_unknown_reference_is_absent(client: KaClient) -> None:
    client.create_order(ka_order("KA-OTHER"))
    result = client.lookup("KA-NEVER-SENT")
    assert result.state is LookupState.ABSENT


def test_queries_return_typed_results(client: KaClient) -> None:
    warehouses = client.country_and_warehouse()
    assert isinstance(warehouses, list) and warehouses
    assert all(w.code and w.country_code for w in warehouses)
    products = [{"sku": "SKU-RED-M", "quantity": 2}]
    channels = client.logistics_channels("FR", products)
    assert isinstance(channels, list) and channels
    assert all(c.channel_code and c.estimated_freight for c in channels)
    quotes = client.automation_split_quote("FR", products)
    assert isinstance(quotes, list)
    assert {q.channel_type for q in quotes} >= {"Standard", "Express"}

    before = client.balance()
    created = client.create_order(ka_order("KA-BAL"))
    after = client.balance()
    assert isinstance(before, Balance) and isinstance(after, Balance)
    assert isinstance(before.amount, Decimal) and isinstance(after.amount, Decimal)
    assert after.amount < before.amount
    assert before.currency == "USD"

    assert created.remote_id is not None
    page = client.query_orders(ids=[created.remote_id])
    assert isinstance(page, OrderPage)
    assert [o.order_id for o in page.orders] == [created.remote_id]
    assert page.orders[0].custom_order_id == "KA-BAL"


def test_invalid_quote_is_a_failure_not_an_exception(client: KaClient) -> None:
    result = client.logistics_channels("France", [{"sku": "S", "quantity": 1}])
    assert isinstance(result, ApiFailure)
    assert result.kind is OutcomeKind.REJECTED
    assert [e.loc for e in result.field_errors] == ["shipToCountry"]


def test_make_client_builds_a_working_sandbox_client(sandbox: SandboxServer) -> None:
    profile = next(p for p in SANDBOX_PROFILES if p.target is Target.KA)
    client = make_client(profile, SANDBOX_SECRETS, base_url=sandbox.ka_base_url)
    try:
        assert client.create_order(ka_order("KA-MAKE")).kind is OutcomeKind.ACCEPTED
    finally:
        client.close()
