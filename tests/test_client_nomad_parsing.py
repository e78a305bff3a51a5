"""NomadClient's signing of what it sends and its reading of answers the sandbox does not give.
(Behaviour against a real server is in test_client_nomad.py.)"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from app.core.clients.http import ApiFailure
from app.core.clients.nomad import NomadClient, NomadOrder
from app.core.clients.signing import content_md5, parse_query, verify_signature
from app.core.outcome import LookupState, OutcomeKind

KEY = "203000000"
SECRET = "nomad-app-secret-456"
ORDER = {
    "platformName": "nomad",
    "currency": "CNY",
    "clientOrderRef": "客户-1",
    "items": [
        {"quantity": 1, "product": {"productId": "p1", "currency": "CNY", "massUnit": "Kilogram"}}
    ],
}

Handler = Callable[[httpx.Request], httpx.Response]


def _client(handler: Handler, store: str = "samarkand.youzan.foreveryoung") -> NomadClient:
    return NomadClient(
        "https://nomad.example.com/envoy",
        store,
        KEY,
        SECRET,
        "TEST",
        transport=httpx.MockTransport(handler),
    )


def _envelope(data: Any = None, code: int = 200, message: str = "success", **extra: Any):  # type: ignore[no-untyped-def]
    return httpx.Response(200, json={"code": code, "message": message, "data": data, **extra})


def _verify(request: httpx.Request) -> None:
    """What a gateway would check: MD5 of the exact bytes, and the signature over the raw path."""
    path = request.url.raw_path.decode().split("?")[0]
    valid, _ = verify_signature(
        request.method, path, parse_query(request.url.query.decode()), request.headers, SECRET
    )
    assert valid
    if request.method == "POST":
        assert request.headers["content-md5"] == content_md5(request.content)


def test_create_signs_the_exact_bytes_it_sends() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return _envelope({"orderId": "880000001"})

    outcome = _client(handler).create_order(ORDER)
    assert outcome.kind is OutcomeKind.ACCEPTED
    assert outcome.remote_id == "880000001"
    request = seen[0]
    _verify(request)
    assert json.loads(request.content) == ORDER
    assert "客户-1".encode() in request.content  # UTF-8, not \u escapes: what was hashed is sent
    assert request.headers["x-ca-stage"] == "TEST"
    signed = request.headers["x-ca-signature-headers"]
    assert signed == "x-ca-key,x-ca-nonce,x-ca-stage,x-ca-timestamp"


def test_every_call_gets_a_fresh_nonce() -> None:
    nonces: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        nonces.append(request.headers["x-ca-nonce"])
        return _envelope({"orderId": "1"})

    client = _client(handler)
    client.create_order(ORDER)
    client.create_order(ORDER)
    assert len(set(nonces)) == 2


def test_store_is_quoted_and_signed_as_sent() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return _envelope({"orders": []})

    _client(handler, store="org/shop name").lookup("A 1&2")
    request = seen[0]
    assert request.url.raw_path.decode().startswith("/envoy/order/org%2Fshop%20name?")
    assert request.url.params["client_order_ref"] == "A 1&2"
    assert "content-md5" not in request.headers
    _verify(request)


def test_rejection_shows_message_and_connector_detail_and_fields() -> None:
    connectors = [
        {"platform": "youzan", "code": 4001, "response": "参数错误", "responseEn": "bad mobile"},
        {"platform": "pdd", "response": {"error": "x"}},
    ]
    response = _envelope(code=400, message="customer.phone: invalid", connectorResponses=connectors)
    outcome = _client(lambda r: response).create_order(ORDER)
    assert outcome.kind is OutcomeKind.REJECTED
    assert "customer.phone: invalid" in outcome.message
    assert "youzan 4001: bad mobile" in outcome.message
    assert 'pdd: {"error": "x"}' in outcome.message
    assert [e.loc for e in outcome.field_errors] == ["customer.phone"]


@pytest.mark.parametrize(
    ("status", "error", "kind"),
    [
        (403, "Throttled by APP Flow Control", OutcomeKind.RETRY),
        (503, "Service Unavailable", OutcomeKind.RETRY),
        (400, "Timestamp Expired", OutcomeKind.REJECTED),
        (403, "Unauthorized", OutcomeKind.REJECTED),
        (500, "Failed To Invoke Backend Service", OutcomeKind.UNKNOWN),
        (504, "Async Service", OutcomeKind.UNKNOWN),
    ],
)
def test_gateway_refusals(status: int, error: str, kind: OutcomeKind) -> None:
    response = httpx.Response(
        status,
        headers={"X-Ca-Error-Message": error, "X-Ca-Request-Id": "REQ-9", "Retry-After": "3"},
    )
    outcome = _client(lambda r: response).create_order(ORDER)
    assert outcome.kind is kind
    assert error in outcome.message and "REQ-9" in outcome.message
    assert outcome.retry_after == (3.0 if kind is OutcomeKind.RETRY else None)


def test_backend_error_without_gateway_header_follows_the_status_table() -> None:
    outcome = _client(lambda r: httpx.Response(502, text="upstream")).create_order(ORDER)
    assert outcome.kind is OutcomeKind.UNKNOWN


def test_lookup_reads_orders_and_single_order_shapes() -> None:
    found = _client(lambda r: _envelope({"order": {"orderId": 77, "clientOrderRef": "R"}})).lookup(
        "R"
    )
    assert (found.state, found.remote_id) == (LookupState.FOUND, "77")
    absent = _client(lambda r: _envelope({"orders": []})).lookup("R")
    assert absent.state is LookupState.ABSENT


def test_lookup_with_an_unfiltered_answer_concludes_nothing() -> None:
    others = {"orders": [{"orderId": "1", "clientOrderRef": "OTHER"}]}
    assert _client(lambda r: _envelope(others)).lookup("R").state is LookupState.UNKNOWN


def test_lookup_rejected_is_unknown() -> None:
    result = _client(lambda r: _envelope(code=500, message="boom")).lookup("R")
    assert result.state is LookupState.UNKNOWN
    assert "boom" in result.message


def test_get_and_cancel() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.method == "DELETE":
            return _envelope({"orderId": "9"})
        return _envelope({"orders": [{"orderId": "9", "clientOrderRef": "R", "status": "X"}]})

    client = _client(handler)
    assert client.get_order("9") == NomadOrder("9", "R", "X", {})
    cancelled = client.cancel_order("9")
    assert cancelled.kind is OutcomeKind.ACCEPTED
    assert seen[1].method == "DELETE" and seen[1].url.params["order_id"] == "9"
    for request in seen:
        _verify(request)


def test_get_of_a_missing_order_is_a_failure() -> None:
    result = _client(lambda r: _envelope({"orders": []})).get_order("9")
    assert isinstance(result, ApiFailure)


def test_construction_refuses_bad_settings() -> None:
    with pytest.raises(ValueError, match="stage"):
        NomadClient("https://n.example.com/envoy", "s", KEY, SECRET, "test")
    with pytest.raises(ValueError, match="store"):
        NomadClient("https://n.example.com/envoy", "", KEY, SECRET, "TEST")
