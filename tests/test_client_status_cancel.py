"""Status and cancel of accepted orders, with the real clients against the sandbox over loopback:
its orders' life (processing, then shipped with tracking), KA's split orders and paging, cancels
before and after shipping, and a cancel whose outcome is unknown, looked up."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import closing
from typing import Any

import pytest

from app.core.clients.ka import KaClient
from app.core.clients.nomad import NomadClient
from app.core.outcome import OutcomeKind
from app.core.secrets import SANDBOX_SECRETS
from app.core.server_status import CancelState, ServerStatus, StatusQuery
from app.core.targets import Target
from app.sandbox import SandboxServer
from tests.fixtures.sandbox import NOMAD_STORE, SandboxFactory, ka_order, nomad_order

HOUR = 3600.0
Client = KaClient | NomadClient


def client_for(server: SandboxServer, target: Target, **options: Any) -> Client:
    if target is Target.KA:
        return KaClient(server.ka_base_url, SANDBOX_SECRETS["ka_token"], timeout=10, **options)
    return NomadClient(server.nomad_base_url, NOMAD_STORE, SANDBOX_SECRETS["nomad_app_key"],
                       SANDBOX_SECRETS["nomad_app_secret"], "TEST", timeout=10, **options)


def create(client: Client, reference: str, **changes: Any) -> StatusQuery:
    order = (ka_order if client.target is Target.KA else nomad_order)(reference, **changes)
    outcome = client.create_order(order)
    assert outcome.kind is OutcomeKind.ACCEPTED, outcome.message
    return StatusQuery(reference, outcome.remote_id, time.time())


@pytest.fixture(params=[Target.KA, Target.NOMAD], ids=["ka", "nomad"])
def target(request: pytest.FixtureRequest) -> Target:
    return request.param


@pytest.fixture
def server(sandbox_factory: SandboxFactory) -> SandboxServer:
    return sandbox_factory(ship_after=HOUR, seed=3)


@pytest.fixture
def client(server: SandboxServer, target: Target) -> Iterator[Client]:
    made = client_for(server, target)
    yield made
    made.close()


def test_an_order_is_processing_then_ships_with_tracking(
        server: SandboxServer, client: Client) -> None:
    asked = [create(client, "LIFE-1"), create(client, "LIFE-2")]
    before = client.order_status(asked)
    assert not before.failure and before.requests == 1, "one page answers both"
    assert {v.status for v in before.views.values()} == {ServerStatus.PROCESSING}
    assert all(v.tracking == () for v in before.views.values())
    server.advance(1.6 * HOUR)  # past every seeded ship time (0.5 to 1.5 times ship_after)
    after = client.order_status(asked)
    for query in asked:
        view = after.views[query.reference]
        assert view.status is ServerStatus.SHIPPED
        (parcel,) = view.tracking
        assert parcel.carrier and parcel.code
        assert view.parts[0].remote_id == query.remote_id
    assert after.request is not None and after.http_status == 200


def test_the_same_seed_gives_the_same_tracking(sandbox_factory: SandboxFactory,
                                               target: Target) -> None:
    codes = []
    for _ in range(2):
        server = sandbox_factory(ship_after=0.0, seed=11)
        with closing(client_for(server, target)) as client:
            asked = [create(client, "SEED-1")]
            codes.append(client.order_status(asked).views["SEED-1"].tracking)
    assert codes[0] == codes[1] and codes[0]


def test_an_order_never_sent_is_not_found(client: Client) -> None:
    create(client, "REAL-1")
    answer = client.order_status([StatusQuery("GHOST-1", "999", time.time())])
    assert not answer.failure
    assert answer.views["GHOST-1"].status is ServerStatus.NOT_FOUND


def test_cancel_before_shipping(server: SandboxServer, client: Client) -> None:
    (asked,) = [create(client, "CXL-1")]
    outcome = client.cancel(asked.remote_id or "")
    assert outcome.kind is OutcomeKind.ACCEPTED, outcome.message
    view = client.order_status([asked]).views["CXL-1"]
    assert view.status is ServerStatus.CANCELLED
    assert client.cancel_state_of(view) is CancelState.CANCELLED
    server.advance(2 * HOUR)
    assert client.order_status([asked]).views["CXL-1"].status is ServerStatus.CANCELLED, \
        "a cancelled order never ships"


def test_cancel_after_shipping_is_refused_in_the_api_s_words(
        server: SandboxServer, client: Client) -> None:
    asked = create(client, "SHIP-1")
    server.advance(2 * HOUR)
    outcome = client.cancel(asked.remote_id or "")
    assert outcome.kind is OutcomeKind.REJECTED
    assert "shipped" in outcome.message
    assert client.order_status([asked]).views["SHIP-1"].status is ServerStatus.SHIPPED


def test_a_cancel_with_an_unknown_outcome_is_settled_by_a_lookup(
        server: SandboxServer, client: Client) -> None:
    asked = create(client, "LOST-1")
    server.set_faults(drop_after_commit_rate=1.0)
    outcome = client.cancel(asked.remote_id or "")
    assert outcome.kind is OutcomeKind.UNKNOWN
    server.set_faults(drop_after_commit_rate=0.0)
    view = client.order_status([asked]).views["LOST-1"]
    assert client.cancel_state_of(view) is CancelState.CANCELLED


def test_a_lookup_of_a_cancel_that_never_arrived_says_not_cancelled(client: Client) -> None:
    asked = create(client, "KEPT-1")
    view = client.order_status([asked]).views["KEPT-1"]
    assert client.cancel_state_of(view) is CancelState.NOT_CANCELLED


def test_ka_shows_every_part_of_a_split_order(server: SandboxServer) -> None:
    with closing(client_for(server, Target.KA)) as client:
        asked = create(client, "SPLIT-1", orderItemsList=[
            {"sku": "SKU-RED-M", "quantity": 1}, {"sku": "US-LAMP-1", "quantity": 2}])
        view = client.order_status([asked]).views["SPLIT-1"]
        assert len(view.parts) == 2 and view.parts[0].remote_id == asked.remote_id
        assert view.status is ServerStatus.PROCESSING
        server.advance(2 * HOUR)
        shipped = client.order_status([asked]).views["SPLIT-1"]
        assert shipped.status is ServerStatus.SHIPPED and len(shipped.tracking) == 2
        # Cancelling the operator's order means cancelling each part.
        assert client.cancel(view.parts[1].remote_id).kind is OutcomeKind.REJECTED


def test_ka_split_parts_summarise_while_one_has_shipped(server: SandboxServer) -> None:
    with closing(client_for(server, Target.KA)) as client:
        asked = create(client, "SPLIT-2", orderItemsList=[
            {"sku": "SKU-RED-M", "quantity": 1}, {"sku": "US-LAMP-1", "quantity": 1}])
        view = client.order_status([asked]).views["SPLIT-2"]
        client.cancel(view.parts[1].remote_id)
        server.advance(2 * HOUR)
        after = client.order_status([asked]).views["SPLIT-2"]
        assert [p.status for p in after.parts] == [ServerStatus.SHIPPED, ServerStatus.CANCELLED]
        assert after.status is ServerStatus.SHIPPED


def test_ka_status_reads_every_page(server: SandboxServer) -> None:
    with closing(client_for(server, Target.KA, status_page_size=10)) as client:
        asked = [create(client, f"PAGE-{n:02d}") for n in range(25)]
        paced = []
        answer = client.order_status(asked, pace=lambda: paced.append(1) or True)
        assert not answer.failure
        assert answer.requests == 3 and len(paced) == 2, "pages 2 and 3 waited for the limiter"
        assert set(answer.views) == {q.reference for q in asked}
        assert {v.status for v in answer.views.values()} == {ServerStatus.PROCESSING}


def test_nomad_status_of_many_orders_is_paged_not_one_request_each(server: SandboxServer) -> None:
    with closing(client_for(server, Target.NOMAD)) as client:
        asked = [create(client, f"NPAGE-{n:03d}") for n in range(120)]
        answer = client.order_status(asked)
        assert not answer.failure and answer.requests == 2  # 100 + 20
        assert len(answer.views) == 120
        assert {v.status for v in answer.views.values()} == {ServerStatus.PROCESSING}


def test_a_failed_search_concludes_nothing(server: SandboxServer, target: Target) -> None:
    with closing(client_for(server, target)) as client:
        asked = [create(client, "FAIL-1"), create(client, "FAIL-2")]
    with closing(client_for(server, target)) as client:
        server.set_faults(error_rate=1.0)
        answer = client.order_status(asked)
    assert answer.failure and answer.views == {}, "no order is called not found"
