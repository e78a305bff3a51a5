"""KA (KakaClo Open API) client: bearer token, `code == 10000` envelope, order create and queries.

Every call returns a typed result or a typed failure; nothing here raises for API or transport
trouble (see `app.core.clients.http` for how HTTP answers map to outcome kinds).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import quote

import httpx

from app.core import phrases
from app.core.clients.base import Pacer
from app.core.clients.fielderrors import field_errors_from_message
from app.core.clients.http import (
    ApiFailure,
    Exchange,
    HttpSession,
    flag_account_blocked,
    id_text,
    load_json,
    says_reference_exists,
)
from app.core.clients.status_search import FoundPage, search_status
from app.core.models.keys import KA_ADDRESS, KA_ADDRESS_KEYS, KA_ADDRESSES
from app.core.outcome import LookupResult, LookupState, OutcomeKind, SendOutcome
from app.core.phrases import fill
from app.core.server_status import (
    CANCELLED_STATUSES,
    CancelState,
    ServerPart,
    ServerStatus,
    ServerView,
    StatusAnswer,
    StatusQuery,
    Tracking,
    created_windows,
)
from app.core.targets import Target

log = logging.getLogger(__name__)

SUCCESS_CODE = "10000"
ORDERS_PATH = "/openapi/v2/order/orders"
CHANNEL_PATH = "/openapi/v2/order/orders/channel"
SPLIT_QUOTE_PATH = "/openapi/v2/order/orders/channel/automationSplit"
WAREHOUSES_PATH = "/openapi/v1/product/countryAndWarehouse"
BALANCE_PATH = "/openapi/v1/payment/balance"
ADDRESS_KEYS = (KA_ADDRESS, KA_ADDRESSES)
MAX_PAGE_SIZE = 250  # documented maximum for Query Order
# Widening of lookup time windows on both sides: clock skew, and a server that might read the UTC
# times we send as its own local time (China is UTC+8). Too wide costs a page; too narrow hides an
# order that exists, which would then be sent again.
SERVER_CLOCK_SLACK = timedelta(hours=12)


@dataclass(frozen=True)
class Warehouse:
    code: str
    name: str
    country_code: str
    enabled: bool
    warehouse_id: int | None = None


@dataclass(frozen=True)
class LogisticsChannel:
    channel_code: str
    name: str
    channel_type: str
    delivery_time: str
    estimated_freight: Decimal | None
    currency: str


@dataclass(frozen=True)
class SplitQuote:
    """One speed of the automatic-split quote; pair `channel_type` with create-order."""

    channel_type: str
    delivery_time: str
    estimated_freight: Decimal | None


@dataclass(frozen=True)
class Balance:
    """The balance endpoint's answer is undocumented: the amount is read from the usual names
    when present, and the raw data is always kept."""

    amount: Decimal | None
    currency: str | None
    raw: Any = field(compare=False)


@dataclass(frozen=True)
class KaOrder:
    order_id: str
    custom_order_id: str | None
    status: str | None
    financial_status: str | None
    fulfillment_status: str | None
    created: str | None
    raw: dict[str, Any] = field(compare=False, repr=False)


@dataclass(frozen=True)
class OrderPage:
    orders: tuple[KaOrder, ...]
    page_number: int
    page_size: int
    total: int | None
    total_pages: int | None

    def is_last(self, seen: int) -> bool:
        """Whether this page ends the listing, ``seen`` orders having been read so far (this
        page's included). Only the server's own figures count: a short page proves nothing, as a
        server may cap the page size below what was asked."""
        if not self.orders:
            return True
        if self.total_pages is not None:
            return self.page_number >= self.total_pages
        if self.total is not None:
            return seen >= self.total
        return False


@dataclass(frozen=True)
class _Reply:
    """A 2xx answer whose envelope said success."""

    exchange: Exchange
    data: Any


def iso_utc(moment: datetime) -> str:
    """The query format KA documents, e.g. 2016-01-18T23:41:00Z."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class KaClient:
    """One KA account. Thread-safe: one `httpx.Client` underneath.

    Lookup by reference cannot trust the server to filter: Query Order documents no
    ``customOrderId`` parameter. So `lookup` asks with the filter anyway (cheap if honoured) and
    pages through the orders created in the last `lookup_window`, matching client-side.
    """

    target = Target.KA

    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        address_key: str = "both",
        timeout: float = 30.0,
        transport: httpx.BaseTransport | None = None,
        lookup_window: timedelta = timedelta(days=3),
        lookup_page_size: int = 100,
        lookup_max_pages: int = 50,
        status_page_size: int = MAX_PAGE_SIZE,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        if address_key not in KA_ADDRESS_KEYS:
            raise ValueError(f"address key: must be one of {', '.join(KA_ADDRESS_KEYS)}")
        if not token:
            raise ValueError("KA token: must not be empty")
        self.address_key = address_key
        self.lookup_window = lookup_window
        self.lookup_page_size = min(lookup_page_size, MAX_PAGE_SIZE)
        self.lookup_max_pages = lookup_max_pages
        self.status_page_size = min(status_page_size, MAX_PAGE_SIZE)
        self._clock = clock
        self._http = HttpSession(
            base_url,
            secrets=[token],
            timeout=timeout,
            transport=transport,
            headers={
                "Authorization": f"Bearer {token}",
                "Accept": "application/json",
                "Content-Type": "application/json",
            },
        )
        # Endpoint paths carry their own /openapi, and the documented "base" ends in /openapi
        # too: accept either form of base URL and send /openapi once. Any other path (a
        # reverse proxy's) is kept in front.
        self._path_prefix = self._http.path_prefix.removesuffix("/openapi")

    # -- orders -----------------------------------------------------------------------------

    def create_order(self, payload: dict[str, Any]) -> SendOutcome:
        wire = with_address_key(payload, self.address_key)
        # Exact numbers: the kkOrderId may arrive as a bare JSON number.
        reply = self._call("POST", ORDERS_PATH, body=wire, exact=True)
        if isinstance(reply, SendOutcome):
            reference = wire.get(Target.KA.spec.reference_field)
            return flag_account_blocked(_flag_existing_reference(reply, reference))
        remote_id = id_text(reply.data)
        if remote_id is None:
            # Created (code 10000) but without an id: never resend; lookup finds the id later.
            return reply.exchange.outcome(
                OutcomeKind.ACCEPTED, "KA accepted the order but returned no order id"
            )
        return reply.exchange.outcome(
            OutcomeKind.ACCEPTED, fill(phrases.KA_CREATED, remote_id), remote_id=remote_id
        )

    def query_orders(
        self,
        *,
        ids: Sequence[str] = (),
        custom_order_id: str | None = None,
        created_from: datetime | None = None,
        created_to: datetime | None = None,
        updated_from: datetime | None = None,
        updated_to: datetime | None = None,
        page_number: int = 1,
        page_size: int = 10,
    ) -> OrderPage | ApiFailure:
        params = {
            "ids": ",".join(ids) or None,
            # Not documented; sent because a server that honours it saves us the paging.
            "customOrderId": custom_order_id,
            "createStartTime": created_from and iso_utc(created_from),
            "createEndTime": created_to and iso_utc(created_to),
            "updateStartTime": updated_from and iso_utc(updated_from),
            "updateEndTime": updated_to and iso_utc(updated_to),
            "pageNumber": str(page_number),
            "pageSize": str(min(page_size, MAX_PAGE_SIZE)),
        }
        reply = self._call("GET", ORDERS_PATH, params={k: v for k, v in params.items() if v})
        if isinstance(reply, SendOutcome):
            return ApiFailure.from_outcome(reply)
        return _order_page(reply.data, page_number, page_size)

    def lookup(
        self, reference: str, *, since: datetime | None = None, pace: Pacer | None = None
    ) -> LookupResult:
        now = self._clock()
        created_from = now - self.lookup_window
        if since is not None:
            # An order journaled long ago must still be found, or it would look absent and be
            # sent again. Slack for clocks (and a server that reads our UTC as its local time).
            created_from = min(created_from, since - SERVER_CLOCK_SLACK)
        seen = 0
        for page_number in range(1, self.lookup_max_pages + 1):
            # Each page is a request of its own: it waits for the rate limit like any other.
            if page_number > 1 and pace is not None and not pace():
                return LookupResult(LookupState.UNKNOWN, message=phrases.KA_LOOKUP_STOPPED)
            page = self.query_orders(
                custom_order_id=reference,
                created_from=created_from,
                created_to=now + SERVER_CLOCK_SLACK,
                page_number=page_number,
                page_size=self.lookup_page_size,
            )
            if isinstance(page, ApiFailure):
                return LookupResult(LookupState.UNKNOWN,
                                    message=fill(phrases.KA_LOOKUP_FAILED, page))
            seen += len(page.orders)
            matches = [o for o in page.orders if o.custom_order_id == reference]
            if matches:
                found = matches[0]
                return LookupResult(
                    LookupState.FOUND,
                    remote_id=found.order_id,
                    message=fill(phrases.KA_FOUND, found.order_id),
                    raw={"orders": [o.raw for o in matches]},
                )
            if page.is_last(seen):
                return LookupResult(
                    LookupState.ABSENT,
                    message=fill(phrases.KA_ABSENT, repr(reference), iso_utc(created_from)),
                )
        return LookupResult(
            LookupState.UNKNOWN,
            message=fill(phrases.KA_LOOKUP_GAVE_UP, self.lookup_max_pages, repr(reference)),
        )

    # -- after the order is created ---------------------------------------------------------

    # A refund KA accepted is processed on its side (within an hour, up to 24 hours).
    cancel_accepted_state = CancelState.REQUESTED

    def order_status(self, asked: Sequence[StatusQuery], *,
                     pace: Pacer | None = None) -> StatusAnswer:
        """What KA says of each order now: every part of it (KA splits an order by warehouse
        into orders that share its customOrderId), from Query Order pages of up to 250 orders
        covering the times they were created, never one request per order."""
        now = self._clock()
        searches = [{"createStartTime": iso_utc(start),
                     "createEndTime": iso_utc(min(end, now + SERVER_CLOCK_SLACK))}
                    for start, end in created_windows((q.created_at for q in asked),
                                                      SERVER_CLOCK_SLACK)]
        seen: dict[str, int] = {}

        def fetch(search: Mapping[str, str], number: int) -> tuple[FoundPage | SendOutcome,
                                                                    Exchange]:
            params = {**search, "pageNumber": str(number), "pageSize": str(self.status_page_size)}
            exchange = self._http.send("GET", self._path_prefix + ORDERS_PATH, params=params)
            reply = self._read(exchange)
            if isinstance(reply, SendOutcome):
                return reply, exchange
            page = _order_page(reply.data, number, self.status_page_size)
            key = search["createStartTime"]
            seen[key] = seen.get(key, 0) + len(page.orders)
            return FoundPage([(o.order_id, o.custom_order_id, o.raw) for o in page.orders],
                             page.is_last(seen[key])), exchange

        return search_status(asked, searches, fetch, _ka_part,
                             clock=lambda: self._clock().timestamp(),
                             max_pages=self.lookup_max_pages, pace=pace)

    def cancel(self, remote_id: str) -> SendOutcome:
        """Ask KA to cancel and refund one order (the documented refund; only before it ships).
        ACCEPTED: KA took the request and refunds on its side."""
        path = f"{ORDERS_PATH}/{quote(remote_id, safe='')}/refund"
        reply = self._call("POST", path, body={"refundReason": "Other",
                                               "remark": "cancelled with Order Desk"})
        if isinstance(reply, SendOutcome):
            return reply
        number = id_text(reply.data)
        return reply.exchange.outcome(
            OutcomeKind.ACCEPTED,
            fill(phrases.KA_REFUND_ACCEPTED, remote_id)
            + (f" [refund {number}]" if number else ""),
        )

    @staticmethod
    def cancel_state_of(view: ServerView) -> CancelState:
        """Where a cancel stands, from the order as Query Order shows it (the refund query's
        path id is ambiguous in the docs: order or refund number; the order's own fields
        are not)."""
        if view.parts and view.status in CANCELLED_STATUSES:
            return CancelState.CANCELLED
        if any("refunding" in part.raw_status for part in view.parts):
            return CancelState.REQUESTED
        return CancelState.NOT_CANCELLED

    # -- reference data and quotes ----------------------------------------------------------

    def country_and_warehouse(self) -> list[Warehouse] | ApiFailure:
        reply = self._call("GET", WAREHOUSES_PATH)
        if isinstance(reply, SendOutcome):
            return ApiFailure.from_outcome(reply)
        return [_warehouse(item) for item in _records(reply.data)]

    def logistics_channels(
        self,
        ship_to_country: str,
        products: Sequence[Mapping[str, Any]],
        warehouse_code: str | None = None,
    ) -> list[LogisticsChannel] | ApiFailure:
        body: dict[str, Any] = {"shipToCountry": ship_to_country, "products": list(products)}
        if warehouse_code:
            body["warehouseCode"] = warehouse_code
        reply = self._call("POST", CHANNEL_PATH, body=body)
        if isinstance(reply, SendOutcome):
            return ApiFailure.from_outcome(reply)
        return [_channel(item) for item in _records(reply.data)]

    def automation_split_quote(
        self, ship_to_country: str, products: Sequence[Mapping[str, Any]]
    ) -> list[SplitQuote] | ApiFailure:
        body = {"shipToCountry": ship_to_country, "products": list(products)}
        reply = self._call("POST", SPLIT_QUOTE_PATH, body=body)
        if isinstance(reply, SendOutcome):
            return ApiFailure.from_outcome(reply)
        return [
            SplitQuote(
                channel_type=_text(item.get("channelType")),
                delivery_time=_text(item.get("deliveryTime")),
                estimated_freight=_decimal(item.get("estimatedFreight")),
            )
            for item in _records(reply.data)
        ]

    def balance(self) -> Balance | ApiFailure:
        reply = self._call("GET", BALANCE_PATH)
        if isinstance(reply, SendOutcome):
            return ApiFailure.from_outcome(reply)
        data = reply.data
        if isinstance(data, Mapping):
            amount = next(
                (data[k] for k in ("balance", "amount", "availableBalance") if k in data), None
            )
            currency = data.get("currency") or data.get("currencyCode")
            return Balance(_decimal(amount), currency and str(currency), data)
        return Balance(_decimal(data), None, data)

    def check_access(self) -> ApiFailure | None:
        """A harmless authenticated call (the balance): None when the account answered."""
        answer = self.balance()
        return answer if isinstance(answer, ApiFailure) else None

    def close(self) -> None:
        self._http.close()

    # -- plumbing ---------------------------------------------------------------------------

    def _call(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        body: Any = None,
        exact: bool = False,
    ) -> _Reply | SendOutcome:
        content = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
        exchange = self._http.send(method, self._path_prefix + path, params=params, content=content)
        return self._read(exchange, body=body, exact=exact)

    def _read(self, exchange: Exchange, *, body: Any = None,
              exact: bool = False) -> _Reply | SendOutcome:
        if exchange.failure is not None:
            return exchange.failure
        assert exchange.response is not None
        if not exchange.response.is_success:
            return exchange.status_outcome(_error_detail(exchange))
        try:
            envelope = load_json(exchange.text, exact=exact)
        except ValueError:
            return exchange.unreadable_outcome()
        if not isinstance(envelope, dict) or "code" not in envelope:
            return exchange.unreadable_outcome(phrases.NOT_KA_ENVELOPE)
        code = id_text(envelope.get("code"))
        if code != SUCCESS_CODE:
            message = _text(envelope.get("message")) or phrases.NO_MESSAGE
            return exchange.outcome(
                OutcomeKind.REJECTED,
                fill(phrases.KA_REFUSED, code, message),
                field_errors=field_errors_from_message(message, body or {}),
            )
        return _Reply(exchange, envelope.get("data"))


def _flag_existing_reference(outcome: SendOutcome, reference: object) -> SendOutcome:
    """Mark a refusal that says the customOrderId is taken (HTTP 409, or the envelope says so:
    the sandbox uses code 10002 and names the existing kkOrderId)."""
    taken = outcome.kind is OutcomeKind.REJECTED and (
        outcome.http_status == 409
        or says_reference_exists(outcome.message, reference, Target.KA.spec.reference_field)
    )
    return replace(outcome, reference_exists=True) if taken else outcome


def with_address_key(payload: Mapping[str, Any], address_key: str) -> dict[str, Any]:
    """The payload with its address under the configured key(s); the docs disagree on the name
    (table: orderAddress, example: orderAddresses), so "both" sends it under each.

    `validate_order` already places it for the profile; this keeps the client right whatever
    shape it is handed (a JSON file written for the other key, an older journal entry)."""
    address = next((payload[k] for k in ADDRESS_KEYS if k in payload), None)
    if address is None:
        return dict(payload)
    keys = ADDRESS_KEYS if address_key == "both" else (address_key,)
    wire = {k: v for k, v in payload.items() if k not in ADDRESS_KEYS}
    wire.update({k: address for k in keys})
    return wire


def _error_detail(exchange: Exchange) -> str:
    """What a non-2xx answer says: the envelope message if any, a hint for auth failures."""
    detail = ""
    try:
        body = load_json(exchange.text)
    except ValueError:
        body = None
    assert exchange.response is not None
    if isinstance(body, dict):
        detail = _text(body.get("message") or body.get("error"))
        if detail.lower() == exchange.response.reason_phrase.lower():
            detail = ""  # "HTTP 401 Unauthorized" says it already
    if exchange.response.status_code in (401, 403):
        # The token may come from the keyring or the environment: point at what tells which.
        hint = phrases.KA_TOKEN_REFUSED
        detail = f"{detail} ({hint})" if detail else hint
    return detail or exchange.snippet()


# -- response parsing (tolerant: documented names, wrong types survive) -----------------------


def _records(data: Any) -> list[Mapping[str, Any]]:
    """The list of records in ``data``: either ``data`` itself or ``data.list``."""
    items = data.get("list") if isinstance(data, Mapping) else data
    return [item for item in items or [] if isinstance(item, Mapping)]


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _decimal(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool) or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _warehouse(item: Mapping[str, Any]) -> Warehouse:
    return Warehouse(
        code=_text(item.get("warehouseCode")),
        name=_text(item.get("warehouseNameExt") or item.get("warehouseName")),
        country_code=_text(item.get("countryCode")),
        enabled=_int(item.get("status")) != 0,
        warehouse_id=_int(item.get("warehouseId")),
    )


def _channel(item: Mapping[str, Any]) -> LogisticsChannel:
    return LogisticsChannel(
        channel_code=_text(item.get("channelCode")),
        name=_text(item.get("channelNameEn")),
        channel_type=_text(item.get("channelType")),
        delivery_time=_text(item.get("deliveryTime")),
        estimated_freight=_decimal(item.get("estimatedFreight")),
        currency=_text(item.get("estimatedFreightCurrency") or "USD"),
    )


def _order(item: Mapping[str, Any]) -> KaOrder:
    reference = item.get(Target.KA.spec.reference_field)
    return KaOrder(
        order_id=id_text(item.get("id")) or "",
        custom_order_id=None if reference is None else str(reference),
        status=item.get("status"),
        financial_status=item.get("financialStatus"),
        fulfillment_status=item.get("fulfillmentStatus"),
        created=item.get("createDate"),
        raw=dict(item),
    )


def _order_page(data: Any, page_number: int, page_size: int) -> OrderPage:
    meta = data if isinstance(data, Mapping) else {}
    return OrderPage(
        orders=tuple(_order(item) for item in _records(data)),
        page_number=_int(meta.get("pageNumber")) or page_number,
        page_size=_int(meta.get("pageSize")) or page_size,
        total=_int(meta.get("total")),
        total_pages=_int(meta.get("totalPageNumber")),
    )


# Query Order's order status -> ours; `processing` orders are told apart by fulfilment.
_KA_STATUS = {"waiting_payment": ServerStatus.WAITING, "processing": ServerStatus.PROCESSING,
              "completed": ServerStatus.COMPLETED, "cancel": ServerStatus.CANCELLED,
              "abnormal_order": ServerStatus.ABNORMAL}
_KA_FULFILMENT = {"partially_shipped": ServerStatus.PARTLY_SHIPPED,
                  "fully_shipped": ServerStatus.SHIPPED, "completed": ServerStatus.COMPLETED}


def _ka_part(raw: Mapping[str, Any]) -> ServerPart:
    status_word = _text(raw.get("status"))
    fulfilment = _text(raw.get("fulfillmentStatus"))
    refund = _text(raw.get("refundStatus"))
    status = _KA_STATUS.get(status_word, ServerStatus.UNRECOGNISED)
    if status is ServerStatus.PROCESSING:
        status = _KA_FULFILMENT.get(fulfilment, status)
    if refund in ("refund", "refunded") and status is not ServerStatus.CANCELLED:
        status = ServerStatus.REFUNDED
    tracking: list[Tracking] = []
    for parcel in raw.get("fulfillments") or []:
        if not isinstance(parcel, Mapping):
            continue
        infos = [i for i in parcel.get("trackingInfos") or [] if isinstance(i, Mapping)]
        code = _text(parcel.get("trackingCode") or (infos[0].get("trackingCode") if infos
                                                    else ""))
        carrier = _text(parcel.get("carrier") or (infos[0].get("carrier") if infos else ""))
        if code and all(t.code != code for t in tracking):
            tracking.append(Tracking(carrier, code, _text(parcel.get("logisticsSearchUrl"))))
    raw_status = " / ".join(word for word in (status_word, fulfilment, refund)
                            if word and word != "NULL")
    return ServerPart(id_text(raw.get("id")) or "", status, raw_status, tuple(tracking))
