"""The sandbox's KA API over real loopback HTTP: auth, create, duplicates, queries, quotes and
the rate limit."""

from __future__ import annotations

import time
from collections.abc import Iterator
from decimal import Decimal

import httpx
import pytest

from app.core.targets import Target
from app.sandbox import SandboxServer
from app.sandbox.ratelimit import LeakyBucket
from tests.fixtures.sandbox import SandboxFactory, ka_headers, ka_order

ORDERS = "/openapi/v2/order/orders"


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    with httpx.Client(headers=ka_headers(), timeout=10) as client:
        yield client


def _create(http: httpx.Client, sandbox: SandboxServer, payload: object) -> httpx.Response:
    return http.post(sandbox.base_url + ORDERS, json=payload)


def test_create_returns_a_bare_number_id_and_stores_the_order(
    http: httpx.Client, sandbox: SandboxServer
) -> None:
    response = _create(http, sandbox, ka_order("KA-7"))

    assert response.status_code == 200
    body = response.json()
    assert body["code"] == 10000
    assert isinstance(body["data"], int)
    stored = sandbox.orders(Target.KA)
    assert [o["id"] for o in stored] == [body["data"]]
    assert stored[0]["customOrderId"] == "KA-7"
    assert stored[0]["shippingAddress"]["country"] == "FR"
    assert sandbox.count_by_reference(Target.KA, "KA-7") == 1


def test_ids_are_distinct_and_increasing(http: httpx.Client, sandbox: SandboxServer) -> None:
    ids = [_create(http, sandbox, ka_order(f"KA-{n}")).json()["data"] for n in range(3)]
    assert ids == sorted(set(ids))


@pytest.mark.parametrize("key", ["orderAddress", "orderAddresses"])
def test_either_documented_address_key_is_accepted(
    http: httpx.Client, sandbox: SandboxServer, key: str
) -> None:
    payload = ka_order()
    payload[key] = payload.pop("orderAddress")
    assert _create(http, sandbox, payload).json()["code"] == 10000


def test_invalid_order_is_rejected_with_the_field_and_nothing_stored(
    http: httpx.Client, sandbox: SandboxServer
) -> None:
    payload = ka_order()
    del payload["orderAddress"]["phone"]

    response = _create(http, sandbox, payload)

    assert response.status_code == 200  # business failures keep HTTP 200, like the real API
    body = response.json()
    assert body["code"] not in (10000, None)
    assert "orderAddress.phone" in body["message"]
    assert body["data"] is None
    assert sandbox.orders(Target.KA) == []


def test_strict_validation_refuses_what_only_operator_input_may_contain(
    http: httpx.Client, sandbox: SandboxServer
) -> None:
    payload = ka_order()
    payload["orderAddress"]["country"] = "France"  # the app normalises names; the API does not
    assert _create(http, sandbox, payload).json()["code"] != 10000


def test_unparseable_json_is_http_400(http: httpx.Client, sandbox: SandboxServer) -> None:
    response = http.post(sandbox.base_url + ORDERS, content=b"{not json")
    assert response.status_code == 400
    assert response.json()["code"] == 400


@pytest.mark.parametrize("authorization", [None, "Bearer wrong-token", "sandbox-ka-token"])
def test_missing_or_wrong_token_is_401_with_envelope(
    sandbox: SandboxServer, authorization: str | None
) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    response = httpx.post(sandbox.base_url + ORDERS, json=ka_order(), headers=headers)

    assert response.status_code == 401
    assert response.json()["code"] == 401
    assert sandbox.orders(Target.KA) == []


def test_custom_token_is_honoured(sandbox_factory: SandboxFactory) -> None:
    server = sandbox_factory(ka_token="my-token")
    url = server.base_url + "/openapi/v1/payment/balance"
    assert httpx.get(url, headers=ka_headers("my-token")).json()["code"] == 10000
    assert httpx.get(url, headers=ka_headers()).status_code == 401


def test_duplicate_reference_is_rejected_naming_the_existing_order(
    http: httpx.Client, sandbox: SandboxServer
) -> None:
    first = _create(http, sandbox, ka_order("DUP-1")).json()["data"]
    second = _create(http, sandbox, ka_order("DUP-1")).json()

    assert second["code"] == 10002
    assert "DUP-1" in second["message"] and str(first) in second["message"]
    assert sandbox.count_by_reference(Target.KA, "DUP-1") == 1


def test_orders_without_reference_are_never_duplicates(
    http: httpx.Client, sandbox: SandboxServer
) -> None:
    for _ in range(2):
        assert _create(http, sandbox, ka_order(None)).json()["code"] == 10000
    assert len(sandbox.orders(Target.KA)) == 2


def test_duplicates_can_be_allowed_so_tests_can_count_them(
    http: httpx.Client, sandbox_factory: SandboxFactory
) -> None:
    server = sandbox_factory(allow_duplicate_references=True)
    for _ in range(2):
        assert _create(http, server, ka_order("TWICE")).json()["code"] == 10000
    assert server.count_by_reference(Target.KA, "TWICE") == 2


def test_balance_is_debited_by_each_order(http: httpx.Client, sandbox: SandboxServer) -> None:
    url = sandbox.base_url + "/openapi/v1/payment/balance"
    before = http.get(url).json()["data"]
    _create(http, sandbox, ka_order())
    after = http.get(url).json()["data"]

    assert before["currency"] == "USD"
    charged = Decimal(str(before["balance"])) - Decimal(str(after["balance"]))
    assert charged == Decimal(str(sandbox.orders(Target.KA)[0]["finalAmount"]))
    assert charged > 0


def test_insufficient_balance_rejects_and_stores_nothing(
    http: httpx.Client, sandbox_factory: SandboxFactory
) -> None:
    server = sandbox_factory(ka_opening_balance=Decimal("1.00"))
    body = _create(http, server, ka_order()).json()

    assert body["code"] == 10003
    assert "balance" in body["message"].lower()
    assert server.orders(Target.KA) == []


def test_query_by_ids_and_by_custom_order_id(http: httpx.Client, sandbox: SandboxServer) -> None:
    ids = [_create(http, sandbox, ka_order(f"Q-{n}")).json()["data"] for n in range(3)]
    url = sandbox.base_url + ORDERS

    by_ids = http.get(url, params={"ids": f"{ids[0]},{ids[2]}"}).json()["data"]
    by_ref = http.get(url, params={"customOrderId": "Q-1"}).json()["data"]
    none = http.get(url, params={"customOrderId": "absent"}).json()

    assert [o["id"] for o in by_ids["list"]] == [ids[0], ids[2]]
    assert by_ids["total"] == 2
    assert [o["id"] for o in by_ref["list"]] == [ids[1]]
    assert none["code"] == 10000 and none["data"]["list"] == [] and none["data"]["total"] == 0


def test_query_pages(http: httpx.Client, sandbox: SandboxServer) -> None:
    ids = [_create(http, sandbox, ka_order(f"P-{n}")).json()["data"] for n in range(5)]
    url = sandbox.base_url + ORDERS

    page = http.get(url, params={"pageNumber": 2, "pageSize": 2}).json()["data"]

    assert [o["id"] for o in page["list"]] == ids[2:4]
    assert (page["total"], page["pageNumber"], page["pageSize"], page["totalPageNumber"]) == (
        5,
        2,
        2,
        3,
    )


def test_query_by_creation_window(http: httpx.Client, sandbox: SandboxServer) -> None:
    _create(http, sandbox, ka_order())
    created = sandbox.orders(Target.KA)[0]["createDate"]
    url = sandbox.base_url + ORDERS

    inside = http.get(url, params={"createStartTime": created, "createEndTime": created})
    after = http.get(url, params={"createStartTime": "2999-01-01T00:00:00Z"})

    assert inside.json()["data"]["total"] == 1
    assert after.json()["data"]["total"] == 0


@pytest.mark.parametrize(
    ("param", "value"),
    [("pageSize", "251"), ("pageNumber", "0"), ("createStartTime", "yesterday")],
)
def test_query_rejects_bad_parameters(
    http: httpx.Client, sandbox: SandboxServer, param: str, value: str
) -> None:
    body = http.get(sandbox.base_url + ORDERS, params={param: value}).json()
    assert body["code"] != 10000
    assert param in body["message"]


def test_channel_quote_is_fastest_first_and_grows_with_quantity(
    http: httpx.Client, sandbox: SandboxServer
) -> None:
    url = sandbox.base_url + ORDERS + "/channel"

    def quote(quantity: int) -> list[dict[str, object]]:
        body = {"shipToCountry": "US", "products": [{"sku": "S1", "quantity": quantity}]}
        reply = http.post(url, json=body).json()
        assert reply["code"] == 10000
        return list(reply["data"])

    one, five = quote(1), quote(5)
    assert [q["channelType"] for q in one] == ["Expedited", "Express", "Standard"]
    assert one[-1]["channelNameEn"] == "Standard Shipping"
    assert all(q["estimatedFreightCurrency"] == "USD" and q["channelCode"] for q in one)
    for small, large in zip(one, five, strict=True):
        assert float(large["estimatedFreight"]) > float(small["estimatedFreight"])  # type: ignore[arg-type]
    assert quote(1) == one  # deterministic


def test_automation_split_quote_has_three_speeds(
    http: httpx.Client, sandbox: SandboxServer
) -> None:
    body = {"shipToCountry": "FR", "products": [{"sku": "S1", "quantity": 1}]}
    reply = http.post(sandbox.base_url + ORDERS + "/channel/automationSplit", json=body).json()

    assert reply["code"] == 10000
    assert {q["channelType"] for q in reply["data"]} == {"Standard", "Express", "Expedited"}
    assert all(set(q) == {"deliveryTime", "estimatedFreight", "channelType"} for q in reply["data"])


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"shipToCountry": "France", "products": [{"sku": "S", "quantity": 1}]}, "shipToCountry"),
        ({"shipToCountry": "XX", "products": [{"sku": "S", "quantity": 1}]}, "shipToCountry"),
        ({"shipToCountry": "FR", "products": []}, "products"),
        ({"shipToCountry": "FR", "products": [{"sku": "S", "quantity": 0}]}, "quantity"),
    ],
)
def test_channel_quote_rejects_bad_requests(
    http: httpx.Client, sandbox: SandboxServer, body: dict[str, object], field: str
) -> None:
    reply = http.post(sandbox.base_url + ORDERS + "/channel", json=body).json()
    assert reply["code"] != 10000
    assert field in reply["message"]


def test_country_and_warehouse_lists_enabled_warehouses(
    http: httpx.Client, sandbox: SandboxServer
) -> None:
    reply = http.get(sandbox.base_url + "/openapi/v1/product/countryAndWarehouse").json()

    assert reply["code"] == 10000
    codes = {w["warehouseCode"] for w in reply["data"]["list"]}
    assert "G007" in codes  # the documented fallback warehouse
    assert all(w["status"] in (0, 1) and len(w["countryCode"]) == 2 for w in reply["data"]["list"])


def test_unknown_path_and_wrong_method(http: httpx.Client, sandbox: SandboxServer) -> None:
    assert http.get(sandbox.base_url + "/openapi/v9/nothing").status_code == 404
    assert http.delete(sandbox.base_url + ORDERS).status_code == 405


def test_rate_limit_answers_429_with_retry_after_then_recovers(
    http: httpx.Client, sandbox_factory: SandboxFactory
) -> None:
    server = sandbox_factory(ka_rate_limit=4.0, ka_burst=3)
    url = server.base_url + "/openapi/v1/payment/balance"

    statuses = [http.get(url).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = http.get(url)
    assert limited.status_code == 429
    assert int(limited.headers["Retry-After"]) >= 1
    assert limited.json()["code"] == 429

    # The bucket drains at 4/s, and refused requests do not fill it: one soon fits again.
    deadline = time.monotonic() + 5
    while http.get(url).status_code == 429:
        assert time.monotonic() < deadline, "the rate limit never recovered"
        time.sleep(0.02)  # polling interval, not a wait for a fixed outcome


def test_rate_limit_can_be_disabled(http: httpx.Client, sandbox_factory: SandboxFactory) -> None:
    server = sandbox_factory(ka_rate_limit=None, ka_burst=1)
    url = server.base_url + "/openapi/v1/payment/balance"
    assert {http.get(url).status_code for _ in range(10)} == {200}


def test_unauthenticated_requests_do_not_use_up_the_bucket(
    sandbox_factory: SandboxFactory,
) -> None:
    server = sandbox_factory(ka_rate_limit=0.01, ka_burst=1)
    url = server.base_url + "/openapi/v1/payment/balance"
    for _ in range(3):
        assert httpx.get(url).status_code == 401
    assert httpx.get(url, headers=ka_headers()).status_code == 200


class _FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_leaky_bucket_admits_the_burst_then_drains_at_the_rate() -> None:
    clock = _FakeClock()
    bucket = LeakyBucket(rate=2.0, burst=120, clock=clock)

    assert all(bucket.admit() is None for _ in range(120))
    assert bucket.admit() == pytest.approx(0.5)  # one slot frees after 1/rate seconds
    clock.now = 0.5
    assert bucket.admit() is None
    assert bucket.admit() == pytest.approx(0.5)
    clock.now = 60.5  # a minute later 120 slots have drained
    assert all(bucket.admit() is None for _ in range(120))
    assert bucket.admit() is not None


def test_refund_is_the_documented_cancel_once_and_only_before_shipping(
    http: httpx.Client, sandbox_factory: SandboxFactory
) -> None:
    server = sandbox_factory(ship_after=3600.0)
    first = _create(http, server, ka_order("RF-1")).json()["data"]
    second = _create(http, server, ka_order("RF-2")).json()["data"]
    balance = http.get(server.base_url + "/openapi/v1/payment/balance").json()["data"]["balance"]

    refund = http.post(f"{server.base_url}{ORDERS}/{first}/refund",
                       json={"refundReason": "Don't Want Anymore", "remark": "r"}).json()
    assert refund["code"] == 10000 and str(refund["data"]).isdigit()
    again = http.post(f"{server.base_url}{ORDERS}/{first}/refund", json={}).json()
    assert again["code"] == 10005 and str(refund["data"]) in again["message"]
    listed = http.get(f"{server.base_url}{ORDERS}/refund/{first}").json()["data"]["list"]
    assert [(r["refundNo"], r["id"], r["refundStatus"]) for r in listed] == [
        (str(refund["data"]), first, "refund_successfully")]
    order = http.get(server.base_url + ORDERS, params={"ids": str(first)}).json()["data"]
    assert (order["list"][0]["status"], order["list"][0]["refundStatus"]) == ("cancel",
                                                                             "refunded")
    after = http.get(server.base_url + "/openapi/v1/payment/balance").json()["data"]["balance"]
    assert after > balance, "the money went back"

    assert http.post(f"{server.base_url}{ORDERS}/{second}/refund",
                     json={"refundReason": "Because"}).json()["code"] == 10001
    server.advance(3600.0)
    shipped = http.post(f"{server.base_url}{ORDERS}/{second}/refund", json={}).json()
    assert shipped["code"] == 10004 and "shipped" in shipped["message"]
    assert http.post(f"{server.base_url}{ORDERS}/999/refund", json={}).json()["code"] == 10006
