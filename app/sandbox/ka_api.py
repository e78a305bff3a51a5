"""KA (KakaClo Open API) as the sandbox serves it, under ``/openapi/...``.

Documented behaviour: bearer token (HTTP 401 otherwise), envelope ``{code, message, data}`` with
``code == 10000`` for success and HTTP 200 for business failures, the kkOrderId as a bare JSON
number, HTTP 429 past the leaky bucket. Where the docs are silent the sandbox decides, and says so:

* Failure codes (no table exists): 10001 invalid request, 10002 duplicate ``customOrderId``,
  10003 insufficient balance. Unparseable JSON is HTTP 400 with the envelope.
* A second create with a ``customOrderId`` already stored is rejected (10002) unless the sandbox
  allows duplicate references; the message names the existing kkOrderId.
* Query Order also filters by ``customOrderId`` (the docs do not promise it; clients use it to
  reconcile, falling back to paging).
* ``GET /openapi/v1/payment/balance`` answers ``{"balance": <number>, "currency": "USD"}``; the
  real shape is undocumented. Each order debits its items plus freight for its ``channelType``.
"""

from __future__ import annotations

import hmac
import logging
import math
from collections.abc import Callable, Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any

from app.core.models import validate_order
from app.core.models.countries import is_alpha2
from app.core.targets import Target
from app.sandbox import pricing
from app.sandbox.ratelimit import LeakyBucket
from app.sandbox.store import (
    DuplicateReferenceError,
    InsufficientBalanceError,
    OrderStore,
    StoredOrder,
)
from app.sandbox.wire import Reply, Request, json_reply

log = logging.getLogger(__name__)

SUCCESS = 10000
INVALID_REQUEST = 10001
DUPLICATE_REFERENCE = 10002
INSUFFICIENT_BALANCE = 10003
ORDERS = "/openapi/v2/order/orders"
MAX_PAGE_SIZE = 250
WAREHOUSES = (
    {
        "warehouseId": 7,
        "warehouseCode": "G007",
        "warehouseNameExt": "深圳-默认仓",
        "countryCode": "CN",
        "countryCn": "China",
        "status": 1,
    },
    {
        "warehouseId": 13,
        "warehouseCode": "G004",
        "warehouseNameExt": "东莞-独立站",
        "countryCode": "CN",
        "countryCn": "China",
        "status": 1,
    },
    {
        "warehouseId": 21,
        "warehouseCode": "US01",
        "warehouseNameExt": "美国-海外仓",
        "countryCode": "US",
        "countryCn": "United States",
        "status": 1,
    },
)

Handler = Callable[[Request], Reply]


def envelope(code: int, message: str, data: Any = None, status: int = 200) -> Reply:
    return json_reply(status, {"code": code, "message": message, "data": data})


def _invalid(message: str) -> Reply:
    return envelope(INVALID_REQUEST, message)


def _money(value: Decimal) -> float:
    return float(value.quantize(pricing.CENT))


class KaApi:
    def __init__(
        self,
        store: OrderStore,
        token: str,
        bucket: LeakyBucket | None,
        *,
        allow_duplicate_references: bool = False,
    ) -> None:
        self._store = store
        self._token = token
        self._bucket = bucket
        self._allow_duplicates = allow_duplicate_references
        self._routes: dict[tuple[str, str], Handler] = {
            ("POST", ORDERS): self._create_order,
            ("GET", ORDERS): self._query_orders,
            ("POST", f"{ORDERS}/channel"): self._channel_quote,
            ("POST", f"{ORDERS}/channel/automationSplit"): self._split_quote,
            ("GET", "/openapi/v1/product/countryAndWarehouse"): self._warehouses,
            ("GET", "/openapi/v1/payment/balance"): self._balance,
        }

    def handle(self, request: Request) -> Reply:
        if not self._authorised(request.headers.get("authorization", "")):
            return envelope(401, "Unauthorized", status=401)
        wait = self._bucket.admit() if self._bucket else None
        if wait is not None:
            reply = envelope(429, "Too Many Requests", status=429)
            reply.headers["Retry-After"] = str(max(1, math.ceil(wait)))
            return reply
        path = request.path.rstrip("/")
        handler = self._routes.get((request.method, path))
        if handler is None:
            if any(known == path for _, known in self._routes):
                return envelope(405, "Method Not Allowed", status=405)
            return envelope(404, "Not Found", status=404)
        return handler(request)

    def _authorised(self, header: str) -> bool:
        scheme, _, value = header.partition(" ")
        # Constant-time comparison: the token is a secret.
        return scheme.lower() == "bearer" and hmac.compare_digest(
            value.strip().encode("utf-8"), self._token.encode("utf-8")
        )

    # -- orders -------------------------------------------------------------------------------

    def _create_order(self, request: Request) -> Reply:
        try:
            payload = request.json()
        except ValueError as exc:
            return envelope(400, f"request body is not valid JSON: {exc}", status=400)
        if not isinstance(payload, dict):
            return _invalid("request body: must be a JSON object")
        # Either address key is accepted (the docs disagree); the record keeps orderAddress.
        result = validate_order(Target.KA, payload, strict=True, address_key="orderAddress")
        if result.wire is None:
            return _invalid("; ".join(str(error) for error in result.errors))
        wire = result.wire
        reference = wire.get(Target.KA.spec.reference_field)
        items = wire.get("orderItemsList") or []
        subtotal = sum((pricing.unit_price(i["sku"]) * i["quantity"] for i in items), Decimal(0))
        freight = pricing.freight(wire.get("channelType"), sum(i["quantity"] for i in items))
        try:
            order = self._store.create(
                Target.KA,
                store="",
                reference=reference,
                record_for=lambda remote_id, created: _order_record(
                    remote_id, created, wire, subtotal, freight
                ),
                cost=subtotal + freight,
                allow_duplicate=self._allow_duplicates,
            )
        except DuplicateReferenceError as dup:
            return envelope(
                DUPLICATE_REFERENCE,
                f"customOrderId {reference!r} already exists (kkOrderId {dup.existing.remote_id})",
            )
        except InsufficientBalanceError as short:
            return envelope(
                INSUFFICIENT_BALANCE,
                f"Insufficient balance: {short.balance} USD left, the order costs {short.cost} USD",
            )
        reply = envelope(SUCCESS, "success", int(order.remote_id))
        reply.committed = True
        return reply

    def _query_orders(self, request: Request) -> Reply:
        query = request.query
        try:
            page_number = _int_param(query, "pageNumber", 1, 1, None)
            page_size = _int_param(query, "pageSize", 10, 1, MAX_PAGE_SIZE)
            windows = [
                (name, field, _time_param(query, name))
                for name, field in (
                    ("createStartTime", "createDate"),
                    ("createEndTime", "createDate"),
                    ("updateStartTime", "updateDate"),
                    ("updateEndTime", "updateDate"),
                )
            ]
        except ValueError as exc:
            return _invalid(str(exc))
        ids = query.get("ids")
        orders = self._store.find(
            Target.KA,
            reference=query.get("customOrderId") or None,
            remote_ids=[i.strip() for i in ids.split(",") if i.strip()] if ids else None,
            listed=True,
        )
        records = [o.record for o in orders if _within(o, windows)]
        start = (page_number - 1) * page_size
        data = {
            "list": records[start : start + page_size],
            "total": len(records),
            "pageNumber": page_number,
            "pageSize": page_size,
            "totalPageNumber": math.ceil(len(records) / page_size),
        }
        return envelope(SUCCESS, "success", data)

    # -- quotes, warehouses, balance ----------------------------------------------------------

    def _quote_request(self, request: Request) -> tuple[int, str | None]:
        """Total quantity of a channel-quote request, or an error message."""
        try:
            body = request.json()
        except ValueError as exc:
            return 0, f"request body is not valid JSON: {exc}"
        if not isinstance(body, dict):
            return 0, "request body: must be a JSON object"
        country = body.get("shipToCountry")
        if not (isinstance(country, str) and is_alpha2(country)):
            return 0, "shipToCountry: must be a 2-letter country code such as FR"
        products = body.get("products")
        if not isinstance(products, list) or not products:
            return 0, "products: required"
        total = 0
        for index, product in enumerate(products):
            sku = product.get("sku") if isinstance(product, dict) else None
            quantity = product.get("quantity") if isinstance(product, dict) else None
            if not isinstance(sku, str) or not sku.strip():
                return 0, f"products.{index}.sku: required"
            if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 1:
                return 0, f"products.{index}.quantity: must be a whole number of at least 1"
            total += quantity
        return total, None

    def _channel_quote(self, request: Request) -> Reply:
        quantity, error = self._quote_request(request)
        if error:
            return _invalid(error)
        fastest_first = sorted(pricing.CHANNELS, key=lambda c: c.freight(1), reverse=True)
        data = [
            {
                "channelCode": c.channel_code,
                "channelNameEn": c.name,
                "estimatedFreight": _money(c.freight(quantity)),
                "estimatedFreightCurrency": "USD",
                "deliveryTime": c.delivery_time,
                "channelType": c.channel_type,
            }
            for c in fastest_first
        ]
        return envelope(SUCCESS, "success", data)

    def _split_quote(self, request: Request) -> Reply:
        quantity, error = self._quote_request(request)
        if error:
            return _invalid(error)
        data = [
            {
                "deliveryTime": c.delivery_time,
                "estimatedFreight": _money(c.freight(quantity)),
                "channelType": c.channel_type,
            }
            for c in pricing.CHANNELS
        ]
        return envelope(SUCCESS, "success", data)

    def _warehouses(self, request: Request) -> Reply:
        return envelope(SUCCESS, "success", {"list": list(WAREHOUSES)})

    def _balance(self, request: Request) -> Reply:
        return envelope(
            SUCCESS, "success", {"balance": _money(self._store.balance()), "currency": "USD"}
        )


def _order_record(
    remote_id: str, created: str, wire: dict[str, Any], subtotal: Decimal, freight: Decimal
) -> dict[str, Any]:
    """The order as Query Order returns it (documented V2 field names)."""
    address: dict[str, Any] = wire.get("orderAddress") or {}
    items = []
    for index, item in enumerate(wire.get("orderItemsList") or [], start=1):
        price = pricing.unit_price(item["sku"])
        items.append(
            {
                "id": int(remote_id) * 100 + index,
                "itemId": f"{remote_id}-{index}",
                "skuCode": item["sku"],
                "productName": f"Sandbox product {item['sku']}",
                "amount": _money(price),
                "productNum": item["quantity"],
                "total": _money(price * item["quantity"]),
                "stockStatus": "normal",
                "fulfillmentStatus": "waiting_to_ship",
                "refundStatus": None,
                "countryCode": "CN",
            }
        )
    final = subtotal + freight
    return {
        "id": int(remote_id),
        "customOrderId": wire.get("customOrderId"),
        "remark": wire.get("remark"),
        "salePlatform": wire.get("salePlatform"),
        "channelType": wire.get("channelType"),
        "status": "processing",
        "financialStatus": "paid",
        "fulfillmentStatus": "waiting_to_ship",
        "refundStatus": None,
        "purchaseDate": created,
        "payDate": created,
        "createDate": created,
        "updateDate": created,
        "warehouseId": WAREHOUSES[0]["warehouseId"],
        "currencyCode": "USD",
        "subTotalAmount": _money(subtotal),
        "freightAmount": _money(freight),
        "couponAmount": 0.0,
        "promotionAmount": 0.0,
        "finalAmount": _money(final),
        "refundableAmount": _money(final),
        "refundedAmount": 0.0,
        "shippingAddress": dict(address),
        "orderItems": items,
        "fulfillments": [],
    }


def _int_param(
    query: Mapping[str, str | None], name: str, default: int, low: int, high: int | None
) -> int:
    raw = query.get(name)
    if raw in (None, ""):
        return default
    if not str(raw).isdigit() or int(raw) < low or (high is not None and int(raw) > high):
        limit = f"between {low} and {high}" if high else f"at least {low}"
        raise ValueError(f"{name}: must be a whole number {limit} (got {raw!r})")
    return int(raw)


def _parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _time_param(query: Mapping[str, str | None], name: str) -> datetime | None:
    raw = query.get(name)
    if not raw:
        return None
    try:
        moment = _parse_time(raw)
    except ValueError:
        raise ValueError(
            f"{name}: must be an ISO-8601 UTC time such as 2016-01-18T23:41:00Z (got {raw!r})"
        ) from None
    if moment.tzinfo is None:
        raise ValueError(f"{name}: must name its time zone, e.g. end with Z (got {raw!r})")
    return moment


def _within(order: StoredOrder, windows: list[tuple[str, str, datetime | None]]) -> bool:
    for name, field, bound in windows:
        if bound is None:
            continue
        moment = _parse_time(order.record[field])
        if (name.endswith("StartTime") and moment < bound) or (
            name.endswith("EndTime") and moment > bound
        ):
            return False
    return True
