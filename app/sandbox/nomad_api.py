"""Nomad Envoy as the sandbox serves it, under ``/envoy/order/{store}``, behind the gateway checks.

Envelope: ``OrderApiResponse`` ``{code, message, connectorResponses, responseTime, data}`` with
``code == 200`` for success. Business failures come back with HTTP 200 and the failure in
``code`` (the generated client only sees an envelope on 2xx; gateway failures are non-2xx with an
empty body). Where the sources are silent the sandbox decides, and says so:

* 400 invalid order or parameter (``message`` and the connector entry name the fields),
  404 unknown ``order_id`` on cancel, 409 duplicate ``clientOrderRef`` in the same store (unless
  the sandbox allows duplicate references). Unparseable JSON is HTTP 400 with the envelope.
* ``orderId`` is an integer string; a new order's status is ``WAIT_SELLER_SEND_GOODS``; cancel sets
  ``TRADE_CLOSED`` and is idempotent.
* Life (`app.sandbox.life`): at its ship time an order becomes ``WAIT_BUYER_CONFIRM_GOODS`` with
  ``trackingReference``, ``expressCompany`` and ``shippedDate``. A cancel after that is refused by
  "the platform": envelope code 400 with the platform's words in ``connectorResponses``.
* The order query also reads ``created_range`` (``start/end``, ISO-8601 UTC), paged like the rest.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any
from urllib.parse import unquote

from app.core.models import validate_order
from app.core.targets import Target
from app.sandbox.gateway import API_NOT_FOUND, INVALID_METHOD, Gateway
from app.sandbox.life import Life
from app.sandbox.store import DuplicateReferenceError, OrderStore, StoredOrder
from app.sandbox.wire import Reply, Request, json_reply

log = logging.getLogger(__name__)

PREFIX = "/envoy"
ORDER_PREFIX = f"{PREFIX}/order/"
OK = 200
INVALID = 400
NOT_FOUND = 404
DUPLICATE = 409
NEW_STATUS = "WAIT_SELLER_SEND_GOODS"
SHIPPED_STATUS = "WAIT_BUYER_CONFIRM_GOODS"
CANCELLED_STATUS = "TRADE_CLOSED"
PAGE_SIZES = (1, 10, 50, 100)
MAX_PAGE_NO = 1000


class NomadApi:
    def __init__(
        self, store: OrderStore, gateway: Gateway, *, allow_duplicate_references: bool = False,
        life: Life | None = None, clock: Callable[[], float] = time.time,
    ) -> None:
        self._store = store
        self._gateway = gateway
        self._allow_duplicates = allow_duplicate_references
        self._life = life or Life()
        self._clock = clock
        self._methods: dict[str, Callable[[Request, str, float], Reply]] = {
            "POST": self._add_order,
            "GET": self._get_orders,
            "DELETE": self._cancel_order,
        }

    def handle(self, request: Request) -> Reply:
        started = time.perf_counter()
        segment = request.path[len(ORDER_PREFIX) :] if request.path.startswith(ORDER_PREFIX) else ""
        if not segment or "/" in segment:
            return API_NOT_FOUND.reply()
        handler = self._methods.get(request.method)
        if handler is None:
            return INVALID_METHOD.reply()
        rejection = self._gateway.check(request)
        if rejection is not None:
            log.debug("gateway refused %s %s: %s", request.method, request.path, rejection.message)
            return rejection.reply()
        # The signed path is the quoted one; the store id itself is the unquoted text.
        return handler(request, unquote(segment), started)

    def _add_order(self, request: Request, store: str, started: float) -> Reply:
        try:
            payload = request.json()
        except ValueError as exc:
            return _response(INVALID, f"request body is not valid JSON: {exc}", started, status=400)
        if not isinstance(payload, dict):
            return _response(INVALID, "request body: must be a JSON object", started)
        result = validate_order(Target.NOMAD, payload, strict=True)
        if result.wire is None:
            message = "; ".join(str(error) for error in result.errors)
            return _response(
                INVALID, message, started, connector=_connector(payload, INVALID, message, 0)
            )
        wire = result.wire
        reference = wire.get(Target.NOMAD.spec.reference_field)
        try:
            order, = self._store.create(
                Target.NOMAD,
                store=store,
                reference=reference,
                record_for=lambda remote_id, created: {
                    **wire,
                    "orderId": remote_id,
                    "status": NEW_STATUS,
                    "createdAt": created,
                    "updatedAt": created,
                },
                allow_duplicate=self._allow_duplicates,
            )
        except DuplicateReferenceError as dup:
            message = (
                f"clientOrderRef {reference!r} already exists in store {store!r} "
                f"(orderId {dup.existing.remote_id})"
            )
            return _response(DUPLICATE, message, started, connector=_connector(wire, 409, message))
        reply = _response(
            OK,
            "success",
            started,
            data={
                "orderId": order.remote_id,
                "returnValue": order.remote_id,
                "order": order.record,
            },
            connector=_connector(wire, OK, f"order {order.remote_id} created"),
        )
        reply.committed = True
        return reply

    def _get_orders(self, request: Request, store: str, started: float) -> Reply:
        query = request.query
        page_no, page_size = query.get("page_no") or "1", query.get("page_size") or "10"
        if not page_no.isdigit() or not 1 <= int(page_no) <= MAX_PAGE_NO:
            return _response(INVALID, f"page_no: must be between 1 and {MAX_PAGE_NO}", started)
        if not page_size.isdigit() or int(page_size) not in PAGE_SIZES:
            sizes = ", ".join(map(str, PAGE_SIZES))
            return _response(INVALID, f"page_size: must be one of {sizes}", started)
        try:
            created = _range(query.get("created_range"))
        except ValueError:
            return _response(INVALID, "created_range: must be start/end in ISO-8601 UTC, e.g. "
                             "2024-03-01T13:00:00Z/2024-03-02T13:00:00Z", started)
        order_id = query.get("order_id")
        orders = self._store.find(
            Target.NOMAD,
            store=store,
            reference=query.get("client_order_ref") or None,
            remote_ids=[order_id] if order_id else None,
            listed=True,
        )
        if created is not None:
            orders = [o for o in orders if created[0] <= _moment(o.created_at) <= created[1]]
        records = [self._live(o) for o in orders]
        if query.get("status"):
            records = [r for r in records if r.get("status") == query["status"]]
        start = (int(page_no) - 1) * int(page_size)
        page = records[start : start + int(page_size)]
        return _response(
            OK, "success", started, data={"orders": page, "returnValue": str(len(records))}
        )

    def _live(self, order: StoredOrder) -> dict[str, Any]:
        """The order's record as of now: shipped once its ship time has come."""
        record = order.record
        if record.get("status") != NEW_STATUS:
            return record
        parcel = self._life.parcel("nomad", order.remote_id, order.created_at, self._clock())
        if parcel is None:
            return record
        return {**record, "status": SHIPPED_STATUS, "trackingReference": parcel.code,
                "expressCompany": parcel.carrier, "shippedDate": parcel.shipped_at,
                "updatedAt": parcel.shipped_at}

    def _cancel_order(self, request: Request, store: str, started: float) -> Reply:
        order_id = request.query.get("order_id") or ""
        if not order_id.isdigit():
            return _response(INVALID, "order_id: required, a whole number", started)
        found = self._store.find(Target.NOMAD, store=store, remote_ids=[order_id])
        if not found:
            return _response(NOT_FOUND, f"order {order_id} not found in store {store!r}", started)
        order: StoredOrder = found[0]
        record = self._live(order)
        if record.get("status") == CANCELLED_STATUS:
            message = f"order {order_id} was already cancelled"
        elif record.get("status") != NEW_STATUS:
            message = (f"order {order_id} cannot be cancelled: it is {record.get('status')} "
                       "(shipped) on the platform")
            return _response(INVALID, message, started,
                             connector=_connector(record, INVALID, message, 1, "CancelOrder"))
        else:
            order = self._store.replace_record(order, {**order.record, "status": CANCELLED_STATUS})
            record = order.record
            message = f"order {order_id} cancelled"
        data = {"orderId": order_id, "returnValue": message, "order": record}
        reply = _response(OK, message, started, data=data,
                          connector=_connector(record, OK, message, 1, "CancelOrder"))
        reply.committed = True
        return reply


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _range(text: str | None) -> tuple[datetime, datetime] | None:
    """A ``start/end`` range (ValueError when malformed), None when not given."""
    if not text:
        return None
    start, _, end = text.partition("/")
    first, last = _moment(start), _moment(end)
    if first.tzinfo is None or last.tzinfo is None:
        raise ValueError(text)
    return first, last


def _connector(
    order: dict[str, Any], code: int, message: str, request_count: int = 1,
    mapping: str = "AddOrderMapping",
) -> dict[str, Any]:
    """One plausible entry for the call to the underlying e-commerce platform."""
    platform = str(order.get("platformName") or "")
    action = "cancel" if mapping == "CancelOrder" else "create"
    return {
        "input": json.dumps(order, ensure_ascii=False),
        "mappingName": mapping,
        "api": [f"sandbox.{platform or 'platform'}.order.{action}"],
        "apiDocLink": "",
        "httpRequestRawData": "",
        "code": code,
        "response": message,
        "responseEn": message,
        "platform": platform,
        "requestCount": request_count,
        "responseTime": 1,
    }


def _response(
    code: int,
    message: str,
    started: float,
    *,
    data: dict[str, Any] | None = None,
    connector: dict[str, Any] | None = None,
    status: int = 200,
) -> Reply:
    body = {
        "code": code,
        "message": message,
        "connectorResponses": [connector] if connector else [],
        "responseTime": int((time.perf_counter() - started) * 1000),
        "data": data,
    }
    return json_reply(status, body)
