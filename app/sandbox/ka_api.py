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
* Splitting by warehouse: SKUs starting with ``US-`` ship from the US warehouse, the rest from
  China; an order with both is stored as two orders with consecutive ids and the same
  ``customOrderId`` (the create answers with the first id; how the real API names the others is
  undocumented), each with its own lines, freight and life.
* Life (`app.sandbox.life`): an order stays ``processing`` until its ship time, then shows
  ``fulfillmentStatus: fully_shipped`` and one shipped fulfillment with carrier and tracking code.
* Refund (the documented cancel, ``POST .../orders/{id}/refund``): only the whole order (no
  ``orderItems``), only before it ships; it is refunded at once (status ``cancel``, refund
  ``refund_successfully``) and the money goes back to the balance. Refused with code 10004 once
  shipped, 10005 when already refunded; unknown order 10006.
"""

from __future__ import annotations

import hmac
import logging
import math
import time
from collections.abc import Callable, Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any

from app.core.models import validate_order
from app.core.models.countries import is_alpha2
from app.core.targets import Target
from app.sandbox import pricing
from app.sandbox.life import Life
from app.sandbox.ratelimit import LeakyBucket
from app.sandbox.store import (
    DuplicateReferenceError,
    InsufficientBalanceError,
    OrderStore,
    StoredOrder,
    utc_now_iso,
)
from app.sandbox.wire import Reply, Request, json_reply

log = logging.getLogger(__name__)

SUCCESS = 10000
INVALID_REQUEST = 10001
DUPLICATE_REFERENCE = 10002
INSUFFICIENT_BALANCE = 10003
ALREADY_SHIPPED = 10004
ALREADY_REFUNDED = 10005
UNKNOWN_ORDER = 10006
REFUND_REASONS = ("Other", "Don't Want Anymore", "Product Selection Error/Multiple Selection",
                  "Incorrect Address Information", "Out Of Stock")
US_SKU_PREFIX = "US-"
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
        life: Life | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._store = store
        self._token = token
        self._bucket = bucket
        self._allow_duplicates = allow_duplicate_references
        self._life = life or Life()
        self._clock = clock
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
        refund = _refund_route(request.method, path)
        if refund is not None:
            return refund[0](self, request, refund[1])
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
        groups = _by_warehouse(wire.get("orderItemsList") or [])
        prices = [(sum((pricing.unit_price(i["sku"]) * i["quantity"] for i in items), Decimal(0)),
                   pricing.freight(wire.get("channelType"), sum(i["quantity"] for i in items)))
                  for _, items in groups]
        parts = iter(zip(groups, prices, strict=True))

        def next_part(remote_id: str, created: str) -> dict[str, Any]:
            (country, items), (subtotal, freight) = next(parts)
            return _order_record(remote_id, created, {**wire, "orderItemsList": items},
                                 subtotal, freight, country)

        try:
            order, *_ = self._store.create(
                Target.KA,
                store="",
                reference=reference,
                record_for=next_part,
                cost=sum((subtotal + freight for subtotal, freight in prices), Decimal(0)),
                allow_duplicate=self._allow_duplicates,
                parts=len(groups),
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
        records = [r for r in map(self._live, orders) if _within(r, windows)]
        start = (page_number - 1) * page_size
        data = {
            "list": records[start : start + page_size],
            "total": len(records),
            "pageNumber": page_number,
            "pageSize": page_size,
            "totalPageNumber": math.ceil(len(records) / page_size),
        }
        return envelope(SUCCESS, "success", data)

    def _live(self, order: StoredOrder) -> dict[str, Any]:
        """The order's record as of now: shipped once its ship time has come."""
        record = order.record
        if record.get("status") != "processing":
            return record
        parcel = self._life.parcel("ka", order.remote_id, order.created_at, self._clock())
        if parcel is None:
            return record
        items = [{**item, "fulfillmentStatus": "fully_shipped"}
                 for item in record.get("orderItems") or []]
        return {
            **record,
            "fulfillmentStatus": "fully_shipped",
            "updateDate": parcel.shipped_at,
            "orderItems": items,
            "fulfillments": [{
                "id": int(order.remote_id) * 10 + 1,
                "packId": int(order.remote_id) * 10 + 1,
                "status": "shipped",
                "carrier": parcel.carrier,
                "carrierType": "latest",
                "trackingCode": parcel.code,
                "logisticsSearchUrl": f"https://t.17track.net/en#nums={parcel.code}",
                "deliveryTime": parcel.shipped_at,
                "items": [{"itemId": item["itemId"], "skuCode": item["skuCode"],
                           "quantity": item["productNum"]} for item in items],
                "trackingInfos": [{"carrier": parcel.carrier, "trackingCode": parcel.code}],
            }],
        }

    def _refund(self, request: Request, order_id: str) -> Reply:
        try:
            body = request.json() if request.body.strip() else {}
        except ValueError as exc:
            return envelope(400, f"request body is not valid JSON: {exc}", status=400)
        if not isinstance(body, dict):
            return _invalid("request body: must be a JSON object")
        reason = body.get("refundReason", "Other")
        if reason not in REFUND_REASONS:
            return _invalid(f"refundReason: must be one of {', '.join(REFUND_REASONS)}")
        if body.get("orderItems"):
            return _invalid("orderItems: partial refunds are not simulated; leave it out to "
                            "refund the whole order")
        found = self._store.find(Target.KA, remote_ids=[order_id]) if order_id.isdigit() else []
        if not found:
            return envelope(UNKNOWN_ORDER, f"order {order_id} does not exist")
        order = found[0]
        record = self._live(order)
        if record.get("status") == "cancel":
            refunds = self._store.refunds(order_id)
            number = refunds[-1][0] if refunds else "?"
            return envelope(ALREADY_REFUNDED,
                            f"order {order_id} has already been refunded (refundNo {number})")
        if record.get("fulfillmentStatus") != "waiting_to_ship":
            return envelope(ALREADY_SHIPPED,
                            f"order {order_id} has shipped and can no longer be refunded")
        now = utc_now_iso()
        refunded = {**record, "status": "cancel", "refundStatus": "refunded", "cancelDate": now,
                    "refundDate": now, "updateDate": now,
                    "refundedAmount": record.get("finalAmount"), "refundableAmount": 0.0}
        number = self._store.add_refund(order, refunded, str(body.get("remark") or ""),
                                        "refund_successfully",
                                        credit=Decimal(str(record.get("finalAmount") or 0)))
        reply = envelope(SUCCESS, "success", str(number))
        reply.committed = True
        return reply

    def _refunds(self, request: Request, order_id: str) -> Reply:
        data = {"list": [{"refundNo": str(number), "id": int(order_id) if order_id.isdigit()
                          else order_id, "remark": remark, "refundStatus": status}
                         for number, remark, status in self._store.refunds(order_id)]}
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


def _refund_route(method: str, path: str) -> tuple[Callable[[KaApi, Request, str], Reply],
                                                   str] | None:
    """The refund endpoints carry the order id in the path."""
    if method == "POST" and path.startswith(f"{ORDERS}/") and path.endswith("/refund"):
        return KaApi._refund, path[len(ORDERS) + 1:-len("/refund")]
    if method == "GET" and path.startswith(f"{ORDERS}/refund/"):
        return KaApi._refunds, path[len(f"{ORDERS}/refund/"):]
    return None


def _by_warehouse(items: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """The lines grouped by the country of the warehouse that ships them, China first."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        country = "US" if str(item["sku"]).upper().startswith(US_SKU_PREFIX) else "CN"
        groups.setdefault(country, []).append(item)
    return sorted(groups.items(), key=lambda group: group[0] != "CN")


def _order_record(
    remote_id: str, created: str, wire: dict[str, Any], subtotal: Decimal, freight: Decimal,
    country: str = "CN",
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
                "countryCode": country,
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
        "warehouseId": next(w["warehouseId"] for w in WAREHOUSES
                            if w["countryCode"] == country),
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


def _within(record: Mapping[str, Any], windows: list[tuple[str, str, datetime | None]]) -> bool:
    for name, field, bound in windows:
        if bound is None:
            continue
        moment = _parse_time(record[field])
        if (name.endswith("StartTime") and moment < bound) or (
            name.endswith("EndTime") and moment > bound
        ):
            return False
    return True
