"""The sandbox's Nomad API over real loopback HTTP: every gateway rejection, then the order API
(create, look up, cancel), and the official nomad-envoy-cli client accepted end to end."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from app.core.clients.signing import SIGNATURE_HEADER, build_string_to_sign
from app.core.secrets import SANDBOX_SECRETS
from app.core.targets import Target
from app.sandbox import SandboxServer
from tests.fixtures.sandbox import NOMAD_STORE, SandboxFactory, nomad_order, nomad_request


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=10) as client:
        yield client


def _gateway_error(response: httpx.Response) -> str:
    """The gateway's way of refusing: an error status, empty body, reason in the headers."""
    assert response.status_code >= 400
    assert response.content == b""
    assert response.headers["X-Ca-Request-Id"]
    assert response.headers["X-Ca-Error-Code"]
    return response.headers["X-Ca-Error-Message"]


def _send(http: httpx.Client, request: httpx.Request) -> httpx.Response:
    return http.send(request)


def _post(http: httpx.Client, sandbox: SandboxServer, order: Any, **options: Any) -> httpx.Response:
    return http.send(nomad_request(sandbox, "POST", payload=order, **options))


# -- the gateway ------------------------------------------------------------------------------


def test_signed_create_is_accepted(http: httpx.Client, sandbox: SandboxServer) -> None:
    response = _post(http, sandbox, nomad_order("N-1"))

    assert response.status_code == 200
    assert response.headers["X-Ca-Request-Id"]
    body = response.json()
    assert body["code"] == 200
    order_id = body["data"]["orderId"]
    assert order_id.isdigit()
    assert body["data"]["order"]["orderId"] == order_id
    assert body["data"]["order"]["clientOrderRef"] == "N-1"
    assert len(body["connectorResponses"]) == 1
    assert body["connectorResponses"][0]["platform"] == "nomad"
    assert isinstance(body["responseTime"], int)
    assert sandbox.count_by_reference(Target.NOMAD, "N-1") == 1


def test_wrong_app_key(http: httpx.Client, sandbox: SandboxServer) -> None:
    response = _post(http, sandbox, nomad_order(), app_key="999")
    assert _gateway_error(response) == "Invalid AppKey"
    assert response.status_code == 400
    assert sandbox.orders(Target.NOMAD) == []


def test_wrong_secret_reports_the_server_string_to_sign(
    http: httpx.Client, sandbox: SandboxServer
) -> None:
    request = nomad_request(sandbox, "POST", payload=nomad_order(), app_secret="wrong")
    response = http.send(request)

    message = _gateway_error(response)
    assert response.status_code == 400
    prefix = "Invalid Signature, Server StringToSign:"
    assert message.startswith(prefix)
    expected = build_string_to_sign("POST", request.url.path, {}, dict(request.headers))
    assert message[len(prefix) :] == expected.replace("\n", "")
    assert sandbox.orders(Target.NOMAD) == []


def test_tampered_body_fails_content_md5(http: httpx.Client, sandbox: SandboxServer) -> None:
    request = nomad_request(sandbox, "POST", payload=nomad_order())
    tampered = httpx.Request(
        "POST", request.url, headers=request.headers, content=request.content.replace(b"1", b"2")
    )
    assert _gateway_error(http.send(tampered)) == "Invalid Content-MD5"


def test_md5_with_an_empty_body_is_invalid(http: httpx.Client, sandbox: SandboxServer) -> None:
    request = nomad_request(sandbox, "GET")
    request.headers["Content-MD5"] = "1B2M2Y8AsgTpgAmY7PhCfg=="
    assert _gateway_error(http.send(request)) == "Invalid Content-MD5"


def test_unsigned_change_to_a_signed_header_breaks_the_signature(
    http: httpx.Client, sandbox: SandboxServer
) -> None:
    request = nomad_request(sandbox, "GET")
    request.headers["Accept"] = "*/*"  # the classic trap: an HTTP client's default Accept
    assert _gateway_error(http.send(request)).startswith("Invalid Signature")


def test_missing_signature(http: httpx.Client, sandbox: SandboxServer) -> None:
    request = nomad_request(sandbox, "GET")
    del request.headers[SIGNATURE_HEADER]
    response = http.send(request)
    assert _gateway_error(response) == "Empty Signature"


@pytest.mark.parametrize("minutes", [-16, 16])
def test_timestamp_outside_15_minutes_is_expired(
    http: httpx.Client, sandbox: SandboxServer, minutes: int
) -> None:
    timestamp_ms = int((time.time() + minutes * 60) * 1000)
    response = _post(http, sandbox, nomad_order(), timestamp_ms=timestamp_ms)
    assert _gateway_error(response) == "Timestamp Expired"


def test_timestamp_within_the_window_is_accepted(
    http: httpx.Client, sandbox: SandboxServer
) -> None:
    timestamp_ms = int((time.time() - 14 * 60) * 1000)
    assert _post(http, sandbox, nomad_order(), timestamp_ms=timestamp_ms).status_code == 200


def test_malformed_timestamp(http: httpx.Client, sandbox: SandboxServer) -> None:
    request = nomad_request(sandbox, "GET")
    request.headers["X-Ca-Timestamp"] = "yesterday"
    assert _gateway_error(http.send(request)) == "Invalid Timestamp"


def test_reused_nonce_is_refused_and_nothing_is_stored_twice(
    http: httpx.Client, sandbox: SandboxServer
) -> None:
    first = nomad_request(sandbox, "POST", payload=nomad_order(None), nonce="nonce-1")
    assert http.send(first).status_code == 200
    replay = nomad_request(sandbox, "POST", payload=nomad_order(None), nonce="nonce-1")

    assert _gateway_error(http.send(replay)) == "Nonce Used"
    assert len(sandbox.orders(Target.NOMAD)) == 1


def test_a_badly_signed_request_does_not_burn_its_nonce(
    http: httpx.Client, sandbox: SandboxServer
) -> None:
    bad = nomad_request(sandbox, "GET", nonce="n-2", app_secret="wrong")
    assert _gateway_error(http.send(bad)).startswith("Invalid Signature")
    assert http.send(nomad_request(sandbox, "GET", nonce="n-2")).status_code == 200


@pytest.mark.parametrize("stage", ["TEST", "PRE", "RELEASE", "test", "release"])
def test_documented_stages_are_accepted_in_any_case(
    http: httpx.Client, sandbox: SandboxServer, stage: str
) -> None:
    assert http.send(nomad_request(sandbox, "GET", stage=stage)).status_code == 200


def test_unknown_stage_is_an_invalid_url(http: httpx.Client, sandbox: SandboxServer) -> None:
    response = http.send(nomad_request(sandbox, "GET", stage="STAGING"))
    assert _gateway_error(response) == "Invalid Url"
    assert response.status_code == 400


def test_unknown_api_and_method(http: httpx.Client, sandbox: SandboxServer) -> None:
    assert _gateway_error(http.get(sandbox.nomad_base_url + "/nothing")) == "API Not Found"
    put = nomad_request(sandbox, "PUT", payload=nomad_order())
    assert _gateway_error(http.send(put)) == "Invalid Url"


def test_custom_credentials_are_honoured(
    http: httpx.Client, sandbox_factory: SandboxFactory
) -> None:
    server = sandbox_factory(nomad_app_key="k-1", nomad_app_secret="s-1")
    good = nomad_request(server, "GET", app_key="k-1", app_secret="s-1")
    assert http.send(good).status_code == 200
    assert _gateway_error(http.send(nomad_request(server, "GET"))) == "Invalid AppKey"


# -- the order API ----------------------------------------------------------------------------


def test_invalid_order_is_code_400_naming_the_field(
    http: httpx.Client, sandbox: SandboxServer
) -> None:
    order = nomad_order()
    del order["currency"]
    body = _post(http, sandbox, order).json()

    assert body["code"] == 400
    assert "currency" in body["message"]
    assert body["connectorResponses"][0]["code"] == 400
    assert "currency" in body["connectorResponses"][0]["responseEn"]
    assert sandbox.orders(Target.NOMAD) == []


def test_unparseable_body_is_http_400(http: httpx.Client, sandbox: SandboxServer) -> None:
    response = http.send(nomad_request(sandbox, "POST", body=b"{oops"))
    assert response.status_code == 400
    assert response.json()["code"] == 400


def test_duplicate_reference_in_a_store_is_refused(
    http: httpx.Client, sandbox: SandboxServer
) -> None:
    first = _post(http, sandbox, nomad_order("D-1")).json()["data"]["orderId"]
    second = _post(http, sandbox, nomad_order("D-1")).json()

    assert second["code"] == 409
    assert "D-1" in second["message"] and first in second["message"]
    assert sandbox.count_by_reference(Target.NOMAD, "D-1") == 1
    # Another store is another shop: the same reference is fine there.
    other = _post(http, sandbox, nomad_order("D-1"), store="acme.youzan.other").json()
    assert other["code"] == 200


def test_lookup_by_client_order_ref_and_by_order_id(
    http: httpx.Client, sandbox: SandboxServer
) -> None:
    ids = [_post(http, sandbox, nomad_order(f"L-{n}")).json()["data"]["orderId"] for n in range(3)]

    by_ref = _send(http, nomad_request(sandbox, "GET", query={"client_order_ref": "L-1"})).json()
    by_id = _send(http, nomad_request(sandbox, "GET", query={"order_id": ids[2]})).json()
    absent = _send(http, nomad_request(sandbox, "GET", query={"client_order_ref": "nope"})).json()

    assert by_ref["code"] == 200
    assert [o["orderId"] for o in by_ref["data"]["orders"]] == [ids[1]]
    assert [o["clientOrderRef"] for o in by_id["data"]["orders"]] == ["L-2"]
    assert absent["code"] == 200 and absent["data"]["orders"] == []


def test_lookup_is_per_store_and_pages(http: httpx.Client, sandbox: SandboxServer) -> None:
    for n in range(3):
        _post(http, sandbox, nomad_order(f"S-{n}"))
    _post(http, sandbox, nomad_order("elsewhere"), store="acme.youzan.other")

    page = _send(
        http, nomad_request(sandbox, "GET", query={"page_no": "2", "page_size": "1"})
    ).json()
    all_here = _send(http, nomad_request(sandbox, "GET", query={"page_size": "10"})).json()

    assert [o["clientOrderRef"] for o in page["data"]["orders"]] == ["S-1"]
    assert [o["clientOrderRef"] for o in all_here["data"]["orders"]] == ["S-0", "S-1", "S-2"]


@pytest.mark.parametrize("query", [{"page_size": "7"}, {"page_no": "0"}, {"page_no": "1001"}])
def test_lookup_rejects_bad_paging(
    http: httpx.Client, sandbox: SandboxServer, query: dict[str, str]
) -> None:
    body = _send(http, nomad_request(sandbox, "GET", query=query)).json()
    assert body["code"] == 400


def test_cancel_closes_the_order_and_is_idempotent(
    http: httpx.Client, sandbox: SandboxServer
) -> None:
    order_id = _post(http, sandbox, nomad_order("C-1")).json()["data"]["orderId"]

    first = _send(http, nomad_request(sandbox, "DELETE", query={"order_id": order_id})).json()
    again = _send(http, nomad_request(sandbox, "DELETE", query={"order_id": order_id})).json()
    status = _send(http, nomad_request(sandbox, "GET", query={"order_id": order_id})).json()

    assert first["code"] == again["code"] == 200
    assert "already" in again["message"]
    assert status["data"]["orders"][0]["status"] == "TRADE_CLOSED"
    filtered = _send(http, nomad_request(sandbox, "GET", query={"status": "TRADE_CLOSED"})).json()
    assert [o["orderId"] for o in filtered["data"]["orders"]] == [order_id]


@pytest.mark.parametrize(("order_id", "code"), [("12345", 404), ("abc", 400), ("", 400)])
def test_cancel_unknown_or_malformed_order_id(
    http: httpx.Client, sandbox: SandboxServer, order_id: str, code: int
) -> None:
    query = {"order_id": order_id} if order_id else {}
    body = _send(http, nomad_request(sandbox, "DELETE", query=query)).json()
    assert body["code"] == code


def test_store_ids_are_quoted_in_the_path_and_signed_that_way(
    http: httpx.Client, sandbox: SandboxServer
) -> None:
    store = "org.youzan.shop with space"
    body = _post(http, sandbox, nomad_order("Q-1"), store=store).json()
    assert body["code"] == 200
    found = _send(
        http, nomad_request(sandbox, "GET", store=store, query={"client_order_ref": "Q-1"})
    ).json()
    assert len(found["data"]["orders"]) == 1


def test_the_official_client_is_accepted_end_to_end(sandbox: SandboxServer) -> None:
    """nomad-envoy-cli (the vendor's own client, lower-case ``test`` stage by default) signs its
    own requests; the sandbox's gateway must agree with it."""
    envoy = pytest.importorskip("nomad_envoy_cli")
    configuration = envoy.Configuration()
    configuration.host = sandbox.nomad_base_url
    configuration.api_key = {"x-ca-key": SANDBOX_SECRETS["nomad_app_key"]}
    configuration.platform_parameters = {
        "ALICLOUD_APIGATEWAY_APP_SECRET": SANDBOX_SECRETS["nomad_app_secret"]
    }
    api = envoy.OrderApi(envoy.ApiClient(configuration))
    product = envoy.Product(product_id="p1", currency="CNY", mass_unit="Kilogram")
    order = envoy.Order(
        platform_name="nomad",
        currency="CNY",
        client_order_ref="OFFICIAL-1",
        items=[envoy.OrderProduct(quantity=1, product=product)],
    )

    created = api.add_order(NOMAD_STORE, order)
    found = api.get_order_by_field(NOMAD_STORE, client_order_ref="OFFICIAL-1")
    cancelled = api.cancel_order(NOMAD_STORE, order_id=int(created.data.order_id))

    assert created.code == 200
    assert [o.order_id for o in found.data.orders] == [created.data.order_id]
    assert cancelled.code == 200
    assert sandbox.count_by_reference(Target.NOMAD, "OFFICIAL-1") == 1
