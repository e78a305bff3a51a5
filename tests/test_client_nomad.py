"""NomadClient against the real sandbox (gateway checks included) over loopback HTTP."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import closing
from typing import Any

import pytest

from app.core.clients import make_client
from app.core.clients.http import ApiFailure
from app.core.clients.nomad import NomadClient, NomadOrder
from app.core.outcome import LookupState, OutcomeKind, SendOutcome
from app.core.secrets import SANDBOX_SECRETS
from app.core.settings import SANDBOX_PROFILES
from app.core.targets import Target
from app.sandbox import SandboxServer
from tests.fixtures.sandbox import NOMAD_STORE, nomad_order

KEY = SANDBOX_SECRETS["nomad_app_key"]
SECRET = SANDBOX_SECRETS["nomad_app_secret"]


def _nomad(server: SandboxServer, **options: Any) -> NomadClient:
    settings: dict[str, Any] = {"store": NOMAD_STORE, "app_key": KEY, "app_secret": SECRET}
    settings.update(options)
    return NomadClient(
        server.nomad_base_url,
        settings.pop("store"),
        settings.pop("app_key"),
        settings.pop("app_secret"),
        "TEST",
        timeout=10,
        **settings,
    )


@pytest.fixture
def client(sandbox: SandboxServer) -> Iterator[NomadClient]:
    with closing(_nomad(sandbox)) as nomad:
        yield nomad


def _assert_no_secret(outcome: SendOutcome, secret: str = SECRET) -> None:
    assert secret not in repr(outcome)


def test_accepted_order_can_be_found_read_and_cancelled(
    client: NomadClient, sandbox: SandboxServer
) -> None:
    outcome = client.create_order(nomad_order("NM-ACC"))
    assert outcome.kind is OutcomeKind.ACCEPTED
    assert outcome.remote_id is not None
    _assert_no_secret(outcome)
    assert sandbox.count_by_reference(Target.NOMAD, "NM-ACC") == 1

    found = client.lookup("NM-ACC")
    assert (found.state, found.remote_id) == (LookupState.FOUND, outcome.remote_id)
    order = client.get_order(outcome.remote_id)
    assert isinstance(order, NomadOrder)
    assert order.client_order_ref == "NM-ACC"
    assert order.status == "WAIT_SELLER_SEND_GOODS"

    cancelled = client.cancel_order(outcome.remote_id)
    assert cancelled.kind is OutcomeKind.ACCEPTED
    after = client.get_order(outcome.remote_id)
    assert isinstance(after, NomadOrder) and after.status == "TRADE_CLOSED"


def test_rejected_fields_are_named(client: NomadClient, sandbox: SandboxServer) -> None:
    order = nomad_order("NM-REJ")
    del order["currency"]
    outcome = client.create_order(order)
    assert outcome.kind is OutcomeKind.REJECTED
    assert [error.loc for error in outcome.field_errors] == ["currency"]
    assert "nomad 400" in outcome.message  # the connector's own words are shown too
    assert sandbox.count_by_reference(Target.NOMAD, "NM-REJ") == 0


def test_duplicate_reference_is_rejected(client: NomadClient) -> None:
    first = client.create_order(nomad_order("NM-DUP"))
    second = client.create_order(nomad_order("NM-DUP"))
    assert second.kind is OutcomeKind.REJECTED
    assert first.remote_id is not None and first.remote_id in second.message


def test_wrong_secret_shows_both_strings_to_sign_but_no_secret(sandbox: SandboxServer) -> None:
    wrong = "wrong-app-secret"
    with closing(_nomad(sandbox, app_secret=wrong)) as client:
        outcome = client.create_order(nomad_order("NM-SIG"))
    assert outcome.kind is OutcomeKind.REJECTED
    assert outcome.http_status == 400
    assert "Invalid Signature" in outcome.message
    assert "x-ca-stage:TEST" in outcome.message and "/envoy/order/sandbox.store" in outcome.message
    assert "they match, so the app secret is wrong" in outcome.message
    _assert_no_secret(outcome, wrong)
    _assert_no_secret(outcome)
    assert sandbox.count_by_reference(Target.NOMAD, "NM-SIG") == 0


def test_wrong_app_key_is_named(sandbox: SandboxServer) -> None:
    with closing(_nomad(sandbox, app_key="999")) as client:
        outcome = client.create_order(nomad_order("NM-KEY"))
    assert outcome.kind is OutcomeKind.REJECTED
    assert "Invalid AppKey" in outcome.message


def test_a_replayed_nonce_is_an_unknown_outcome_not_a_rejection(
    client: NomadClient, sandbox: SandboxServer
) -> None:
    """Our nonces are never reused, so "Nonce Used" means a copy of this very request arrived
    first (a replaying proxy, say) and may have created the order: never "rejected"."""
    with closing(_nomad(sandbox, new_nonce=lambda: "fixed-nonce")) as replaying:
        assert replaying.create_order(nomad_order("NM-N1")).kind is OutcomeKind.ACCEPTED
        outcome = replaying.create_order(nomad_order("NM-N1"))  # the same request, replayed
    assert outcome.kind is OutcomeKind.UNKNOWN
    assert "Nonce Used" in outcome.message and "look it up" in outcome.message
    assert client.lookup("NM-N1").state is LookupState.FOUND
    assert sandbox.count_by_reference(Target.NOMAD, "NM-N1") == 1


def test_clock_skew_is_explained(sandbox: SandboxServer) -> None:
    with closing(_nomad(sandbox, clock=lambda: time.time() - 3600)) as client:
        outcome = client.create_order(nomad_order("NM-CLOCK"))
    assert outcome.kind is OutcomeKind.REJECTED
    assert "Timestamp Expired" in outcome.message and "clock" in outcome.message


def test_service_unavailable_is_retry(client: NomadClient, sandbox: SandboxServer) -> None:
    sandbox.set_faults(error_rate=1.0)
    outcome = client.create_order(nomad_order("NM-503"))
    assert outcome.kind is OutcomeKind.RETRY
    assert "Service Unavailable" in outcome.message


def test_malformed_success_body_is_unknown(client: NomadClient, sandbox: SandboxServer) -> None:
    sandbox.set_faults(malformed_rate=1.0)
    outcome = client.create_order(nomad_order("NM-HTML"))
    assert outcome.kind is OutcomeKind.UNKNOWN
    sandbox.set_faults(malformed_rate=0.0)
    assert client.lookup("NM-HTML").state is LookupState.ABSENT


def test_commit_then_drop_is_unknown_and_lookup_finds_the_order(
    client: NomadClient, sandbox: SandboxServer
) -> None:
    sandbox.set_faults(drop_after_commit_rate=1.0)
    outcome = client.create_order(nomad_order("NM-DROP"))
    assert outcome.kind is OutcomeKind.UNKNOWN
    sandbox.set_faults(drop_after_commit_rate=0.0)
    found = client.lookup("NM-DROP")
    assert found.state is LookupState.FOUND
    assert found.remote_id == sandbox.orders(Target.NOMAD)[0]["orderId"]


def test_store_ids_with_reserved_characters_are_quoted_and_signed(sandbox: SandboxServer) -> None:
    with closing(_nomad(sandbox, store="org/shop name")) as client:
        outcome = client.create_order(nomad_order("NM-STORE"))
        assert outcome.kind is OutcomeKind.ACCEPTED, outcome.message
        assert outcome.request is not None
        assert "/envoy/order/org%2Fshop%20name" in outcome.request.url
        assert client.lookup("NM-STORE").state is LookupState.FOUND
    with closing(_nomad(sandbox)) as other_store:
        assert other_store.lookup("NM-STORE").state is LookupState.ABSENT


def test_get_and_cancel_of_unknown_orders_fail_softly(client: NomadClient) -> None:
    assert isinstance(client.get_order("123"), ApiFailure)
    cancelled = client.cancel_order("123")
    assert cancelled.kind is OutcomeKind.REJECTED
    assert "not found" in cancelled.message


def test_make_client_builds_a_working_sandbox_client(sandbox: SandboxServer) -> None:
    profile = next(p for p in SANDBOX_PROFILES if p.target is Target.NOMAD)
    client = make_client(profile, SANDBOX_SECRETS, base_url=sandbox.nomad_base_url)
    with closing(client):
        assert client.create_order(nomad_order("NM-MAKE")).kind is OutcomeKind.ACCEPTED


def test_make_client_names_missing_secrets() -> None:
    profile = next(p for p in SANDBOX_PROFILES if p.target is Target.NOMAD)
    secrets = {"nomad_app_key": KEY, "nomad_app_secret": None}
    with pytest.raises(ValueError, match="ORDER_DESK_NOMAD_APP_SECRET") as raised:
        make_client(profile, secrets, base_url="http://127.0.0.1:1/envoy")
    assert "credentials set" in str(raised.value)
    assert "nomad_app_key" not in str(raised.value)


def test_make_client_needs_a_url() -> None:
    profile = next(p for p in SANDBOX_PROFILES if p.target is Target.KA)
    with pytest.raises(ValueError, match="no base URL"):
        make_client(profile, SANDBOX_SECRETS)
