"""KaClient's reading of answers the sandbox does not give: odd number forms, unfiltered query
results, undocumented shapes. (Behaviour against a real server is in test_client_ka.py.)"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest

from app.core.clients.http import ApiFailure, InsecureURLError
from app.core.clients.ka import (
    Balance,
    KaClient,
    LogisticsChannel,
    OrderPage,
    SplitQuote,
    Warehouse,
    with_address_key,
)
from app.core.clients.nomad import NomadClient
from app.core.outcome import LookupState, OutcomeKind

TOKEN = "ka-secret-token-123"
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
ADDRESS = {"country": "FR", "phone": "+33123456789", "recipient": "A", "province": "IDF"}
PAYLOAD = {
    "orderAddress": ADDRESS,
    "orderItemsList": [{"sku": "S1", "quantity": 1}],
    "channelType": "Standard",
    "customOrderId": "REF-1",
}

Handler = Callable[[httpx.Request], httpx.Response]


def _client(handler: Handler, **options: Any) -> KaClient:
    return KaClient(
        "https://ka.example.com",
        TOKEN,
        transport=httpx.MockTransport(handler),
        clock=lambda: NOW,
        **options,
    )


def _envelope(data: Any, code: Any = 10000, message: str = "success") -> httpx.Response:
    return httpx.Response(200, json={"code": code, "message": message, "data": data})


def test_create_sends_bearer_json_and_address_under_both_keys() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, text='{"code": 10000, "message": "ok", "data": 1000000371651}')

    outcome = _client(handler).create_order(PAYLOAD)
    assert outcome.kind is OutcomeKind.ACCEPTED
    assert outcome.remote_id == "1000000371651"
    request = seen[0]
    assert request.method == "POST"
    assert request.url == "https://ka.example.com/openapi/v2/order/orders"
    assert request.headers["authorization"] == f"Bearer {TOKEN}"
    assert request.headers["content-type"] == "application/json"
    assert request.headers["accept"] == "application/json"
    body = json.loads(request.content)
    assert body["orderAddress"] == body["orderAddresses"] == ADDRESS
    assert outcome.request is not None and outcome.request.headers["authorization"] == "Bearer ***"


@pytest.mark.parametrize("key", ["orderAddress", "orderAddresses"])
def test_a_single_address_key_is_honoured(key: str) -> None:
    wire = with_address_key({"orderAddresses": ADDRESS, "remark": "x"}, key)
    assert wire == {"remark": "x", key: ADDRESS}


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("123456789012345678901234567890", "123456789012345678901234567890"),  # beyond float
        ("1.000000371651E12", "1000000371651"),
        ('"KK-000123"', "KK-000123"),
    ],
)
def test_order_ids_are_exact_strings(data: str, expected: str) -> None:
    text = f'{{"code": 10000, "message": "Success！", "data": {data}}}'
    outcome = _client(lambda r: httpx.Response(200, text=text)).create_order(PAYLOAD)
    assert outcome.kind is OutcomeKind.ACCEPTED
    assert outcome.remote_id == expected


def test_success_is_the_code_never_the_message() -> None:
    outcome = _client(lambda r: _envelope(None, code=10005, message="success")).create_order(
        PAYLOAD
    )
    assert outcome.kind is OutcomeKind.REJECTED
    assert "10005" in outcome.message


def test_accepted_without_an_id_is_still_accepted() -> None:
    outcome = _client(lambda r: _envelope(None)).create_order(PAYLOAD)
    assert outcome.kind is OutcomeKind.ACCEPTED
    assert outcome.remote_id is None


@pytest.mark.parametrize(
    "response",
    [
        httpx.Response(200, text="<html><body>Gateway maintenance</body></html>"),
        httpx.Response(200, json={"error": "Invalid request"}),
        httpx.Response(200, json=[1, 2]),
    ],
)
def test_unreadable_success_bodies_are_unknown(response: httpx.Response) -> None:
    outcome = _client(lambda r: response).create_order(PAYLOAD)
    assert outcome.kind is OutcomeKind.UNKNOWN
    assert "look the order up" in outcome.message


def test_error_shape_of_the_custom_product_pages_is_shown() -> None:
    response = httpx.Response(400, json={"error": "Invalid request"})
    outcome = _client(lambda r: response).create_order(PAYLOAD)
    assert outcome.kind is OutcomeKind.REJECTED
    assert "Invalid request" in outcome.message


def _orders_server(orders: list[dict[str, Any]], calls: list[httpx.Request]) -> Handler:
    """A server that ignores customOrderId (as the docs allow) and pages everything."""

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        number = int(request.url.params["pageNumber"])
        size = int(request.url.params["pageSize"])
        page = orders[(number - 1) * size : number * size]
        return _envelope(
            {
                "list": page,
                "total": len(orders),
                "pageNumber": number,
                "pageSize": size,
                "totalPageNumber": -(-len(orders) // size),
            }
        )

    return handler


def _orders(count: int) -> list[dict[str, Any]]:
    return [{"id": 5000 + i, "customOrderId": f"OTHER-{i}"} for i in range(count)]


def test_lookup_pages_when_the_server_ignores_the_filter() -> None:
    orders = _orders(25)
    orders[22]["customOrderId"] = "REF-1"
    calls: list[httpx.Request] = []
    result = _client(_orders_server(orders, calls), lookup_page_size=10).lookup("REF-1")
    assert result.state is LookupState.FOUND
    assert result.remote_id == "5022"
    assert len(calls) == 3
    params = calls[0].url.params
    assert params["customOrderId"] == "REF-1"
    assert params["createStartTime"] == "2026-02-26T12:00:00Z"
    # Half a day of slack: skew, or a server reading our UTC as its own time zone.
    assert params["createEndTime"] == "2026-03-02T00:00:00Z"


def test_lookup_without_paging_figures_reads_on_to_an_empty_page() -> None:
    """A server that caps the page size below what was asked and says nothing about totals:
    a short page is not proof of the end, or an existing order would look absent."""
    orders = _orders(25)
    orders[22]["customOrderId"] = "REF-1"
    calls: list[httpx.Request] = []

    def capped(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        number = int(request.url.params["pageNumber"])
        return _envelope(orders[(number - 1) * 10 : number * 10])  # a bare list, 10 at most

    result = _client(capped, lookup_page_size=100).lookup("REF-1")
    assert (result.state, result.remote_id) == (LookupState.FOUND, "5022")
    calls.clear()
    assert _client(capped, lookup_page_size=100).lookup("REF-9").state is LookupState.ABSENT
    assert len(calls) == 4, "absent only after an empty page"


def test_lookup_counts_orders_against_the_total_whatever_the_page_size() -> None:
    orders = _orders(25)
    orders[22]["customOrderId"] = "REF-1"

    def capped_with_total(request: httpx.Request) -> httpx.Response:
        number = int(request.url.params["pageNumber"])
        return _envelope({"list": orders[(number - 1) * 10 : number * 10], "total": 25})

    result = _client(capped_with_total, lookup_page_size=100).lookup("REF-1")
    assert (result.state, result.remote_id) == (LookupState.FOUND, "5022")


def test_lookup_is_absent_only_after_the_last_page() -> None:
    calls: list[httpx.Request] = []
    result = _client(_orders_server(_orders(25), calls), lookup_page_size=10).lookup("REF-1")
    assert result.state is LookupState.ABSENT
    assert len(calls) == 3


def test_lookup_that_runs_out_of_pages_concludes_nothing() -> None:
    calls: list[httpx.Request] = []
    client = _client(_orders_server(_orders(100), calls), lookup_page_size=10, lookup_max_pages=4)
    result = client.lookup("REF-1")
    assert result.state is LookupState.UNKNOWN
    assert len(calls) == 4


def test_every_further_page_waits_for_the_pacer_and_a_refusal_stops_the_lookup() -> None:
    """Each page is a request: the engine's rate limit must be asked before each one, or a
    lookup over a busy account would fire dozens of requests at once and meet 429s."""
    calls: list[httpx.Request] = []
    paced: list[int] = []

    def pace() -> bool:
        paced.append(len(calls))  # requests already sent when the pacer was asked
        return True

    client = _client(_orders_server(_orders(25), calls), lookup_page_size=10)
    assert client.lookup("REF-1", pace=pace).state is LookupState.ABSENT
    assert paced == [1, 2], "asked before the 2nd and 3rd page, not before the first"

    calls.clear()
    stopped = client.lookup("REF-1", pace=lambda: False)  # e.g. the batch was cancelled
    assert stopped.state is LookupState.UNKNOWN and len(calls) == 1


def test_lookup_window_is_configurable() -> None:
    calls: list[httpx.Request] = []
    client = _client(_orders_server([], calls), lookup_window=timedelta(hours=2))
    assert client.lookup("REF-1").state is LookupState.ABSENT
    assert calls[0].url.params["createStartTime"] == "2026-03-01T10:00:00Z"


def test_lookup_reaches_back_to_when_the_order_was_journaled() -> None:
    """An order left unknown for longer than the window must still be found; otherwise it
    would look absent and be sent a second time."""
    calls: list[httpx.Request] = []
    client = _client(_orders_server([], calls), lookup_window=timedelta(days=3))
    journaled = datetime(2026, 2, 20, 12, 0, tzinfo=UTC)
    assert client.lookup("REF-1", since=journaled).state is LookupState.ABSENT
    assert calls[0].url.params["createStartTime"] == "2026-02-20T00:00:00Z"
    recent = datetime(2026, 3, 1, 11, 0, tzinfo=UTC)  # within the window: the window stands
    client.lookup("REF-1", since=recent)
    assert calls[1].url.params["createStartTime"] == "2026-02-26T12:00:00Z"


def test_lookup_failure_is_unknown() -> None:
    result = _client(lambda r: httpx.Response(502, text="bad gateway")).lookup("REF-1")
    assert result.state is LookupState.UNKNOWN
    assert "502" in result.message


def test_query_results_are_typed() -> None:
    routes = {
        "/openapi/v1/product/countryAndWarehouse": {
            "list": [
                {
                    "warehouseId": 13,
                    "warehouseCode": "G004",
                    "warehouseNameExt": "东莞",
                    "countryCode": "CN",
                    "status": 0,
                }
            ]
        },
        "/openapi/v2/order/orders/channel": [
            {
                "channelCode": "C1",
                "channelNameEn": "Fast",
                "estimatedFreight": "12.50",
                "estimatedFreightCurrency": "USD",
                "deliveryTime": "3~4",
                "channelType": "Express",
            }
        ],
        "/openapi/v2/order/orders/channel/automationSplit": [
            {"deliveryTime": "8~12", "estimatedFreight": 5.04, "channelType": "Standard"}
        ],
        "/openapi/v1/payment/balance": {"balance": 99.5, "currency": "USD"},
    }
    client = _client(lambda r: _envelope(routes[r.url.path]))
    products = [{"sku": "S1", "quantity": 2}]
    assert client.country_and_warehouse() == [Warehouse("G004", "东莞", "CN", False, 13)]
    assert client.logistics_channels("FR", products) == [
        LogisticsChannel("C1", "Fast", "Express", "3~4", Decimal("12.50"), "USD")
    ]
    assert client.automation_split_quote("FR", products) == [
        SplitQuote("Standard", "8~12", Decimal("5.04"))
    ]
    assert client.balance() == Balance(Decimal("99.5"), "USD", None)


def test_balance_as_a_bare_number() -> None:
    balance = _client(lambda r: _envelope(12)).balance()
    assert isinstance(balance, Balance) and balance.amount == Decimal(12)


def test_query_orders_reads_a_page() -> None:
    data = {
        "list": [{"id": 1000000371651, "customOrderId": "R", "status": "processing"}],
        "total": 11,
        "pageNumber": 2,
        "pageSize": 10,
    }
    page = _client(lambda r: _envelope(data)).query_orders(ids=["1000000371651"], page_number=2)
    assert isinstance(page, OrderPage)
    assert page.orders[0].order_id == "1000000371651"
    assert page.orders[0].status == "processing"
    assert page.is_last(11) and not page.is_last(10)


def test_query_calls_return_failures_instead_of_raising() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    client = _client(handler)
    for result in (
        client.country_and_warehouse(),
        client.logistics_channels("FR", []),
        client.automation_split_quote("FR", []),
        client.balance(),
        client.query_orders(),
    ):
        assert isinstance(result, ApiFailure)
        assert result.kind is OutcomeKind.RETRY


def test_construction_refuses_bad_settings() -> None:
    with pytest.raises(ValueError, match="address key"):
        KaClient("https://ka.example.com", TOKEN, address_key="orderaddress")
    with pytest.raises(ValueError, match="token"):
        KaClient("https://ka.example.com", "")


@pytest.mark.parametrize(
    ("base_url", "expected"),
    [
        ("https://ka.example.com", "https://ka.example.com/openapi/v1/payment/balance"),
        ("https://ka.example.com/openapi/", "https://ka.example.com/openapi/v1/payment/balance"),
        ("https://proxy.example.com/ka", "https://proxy.example.com/ka/openapi/v1/payment/balance"),
    ],
)
def test_openapi_appears_once_whichever_base_url_form(base_url: str, expected: str) -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return _envelope({"balance": 1})

    client = KaClient(base_url, TOKEN, transport=httpx.MockTransport(handler))
    client.balance()
    assert seen == [expected]


def test_plain_http_to_a_remote_host_is_refused_by_both_clients() -> None:
    with pytest.raises(InsecureURLError):
        KaClient("http://developer.kakaclo.com", TOKEN)
    with pytest.raises(InsecureURLError):
        NomadClient("http://nomad.example.com/envoy", "store", "key", "secret", "TEST")
