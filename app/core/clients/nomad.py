"""Nomad Envoy client: every request signed for the Alibaba Cloud API Gateway.

The body is serialised once and those exact bytes are both hashed (Content-MD5) and sent, and each
call is signed anew (fresh nonce and timestamp), so a resend never trips the gateway's replay check.
Two kinds of refusal exist: the gateway's (non-2xx, reason in the ``X-Ca-Error-Message`` header,
body often empty) and Nomad's own (HTTP 200, envelope ``code`` other than 200, per-platform detail
in ``connectorResponses``). Both reach the operator in words.

Gateway refusals (``X-Ca-Error-Message`` present):

===================================  =========  ==================================================
Refusal                              Kind       Why
===================================  =========  ==================================================
``Throttled by ...``, HTTP 429/503   RETRY      stopped at the gateway; honour Retry-After if any
``Nonce Used``                       UNKNOWN    our nonces are never reused, so this request was
                                                replayed and an earlier copy may have been processed
other 4xx (signature, timestamp,     REJECTED   stopped at the gateway; the same request fails
app key, URL, quota...)                         again until the operator fixes the cause
5xx (Internal Error, Failed To       UNKNOWN    the backend may have processed it
Invoke Backend Service, Async ...)
===================================  =========  ==================================================

Without that header a non-2xx answer came from the backend and follows `app.core.clients.http`.
A refusal because the ``clientOrderRef`` already exists in the store (HTTP or envelope code 409)
is flagged ``reference_exists``, so the engine can tell "ours, from an earlier attempt" apart.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
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
    parse_retry_after,
    says_reference_exists,
    snippet,
)
from app.core.clients.signing import build_string_to_sign, sign_request
from app.core.clients.status_search import FoundPage, search_status
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
from app.core.settings import NOMAD_STAGES
from app.core.targets import Target

log = logging.getLogger(__name__)

SUCCESS_CODE = "200"
INVALID_SIGNATURE_PREFIX = "Invalid Signature, Server StringToSign:"
# What the operator can do about the gateway's commonest refusals.
_GATEWAY_HINTS = {
    "Timestamp Expired": phrases.CLOCK_OFF,
    "Invalid AppKey": phrases.CHECK_APP_KEY,
    "Invalid Url": phrases.CHECK_URL_STORE_STAGE,
    "Unauthorized": phrases.APP_KEY_NOT_AUTHORISED,
    "Nonce Used": phrases.NONCE_USED,
}
MAX_CONNECTOR_LINES = 3
STATUS_PAGE_SIZE = 100  # the largest page_size the order query documents (1, 10, 50, 100)
MAX_PAGE_NO = 1000
# Widening of the created_range searched for an order, as for KA (clocks, time zones).
CREATED_SLACK = timedelta(hours=12)
_NOMAD_STATUS = {
    "WAIT_BUYER_PAY": ServerStatus.WAITING,
    "WAIT_SELLER_SEND_GOODS": ServerStatus.PROCESSING,
    "WAIT_BUYER_CONFIRM_GOODS": ServerStatus.SHIPPED,
    "TRADE_SUCCESS": ServerStatus.COMPLETED,
    "TRADE_CLOSED": ServerStatus.CANCELLED,
    "TRADE_REFUND": ServerStatus.REFUNDED,
    # Part of it refunded: the goods went, so as far as cancelling goes it has shipped.
    "TRADE_PARTIAL_REFUND": ServerStatus.SHIPPED,
    "TRADE_FAILED": ServerStatus.ABNORMAL,
}
# What `check_access` queries for: a reference no operator writes.
CHECK_REFERENCE = "order-desk-connection-check"


@dataclass(frozen=True)
class NomadOrder:
    order_id: str | None
    client_order_ref: str | None
    status: str | None
    raw: dict[str, Any] = field(compare=False, repr=False)


@dataclass(frozen=True)
class _Reply:
    """A 2xx answer whose envelope said success."""

    exchange: Exchange
    data: Any


class NomadClient:
    """One Nomad store behind one gateway app key. Thread-safe: one `httpx.Client` underneath."""

    target = Target.NOMAD

    def __init__(
        self,
        base_url: str,
        store: str,
        app_key: str,
        app_secret: str,
        stage: str,
        *,
        timeout: float = 30.0,
        transport: httpx.BaseTransport | None = None,
        clock: Callable[[], float] = time.time,
        new_nonce: Callable[[], str] = lambda: str(uuid.uuid4()),
    ) -> None:
        if not store:
            raise ValueError("Nomad store: must not be empty")
        if not app_key or not app_secret:
            raise ValueError("Nomad app key and app secret: must not be empty")
        if stage not in NOMAD_STAGES:
            raise ValueError(f"stage: must be one of {', '.join(NOMAD_STAGES)}, not {stage!r}")
        self.store = store
        self.stage = stage
        self._app_key = app_key
        self._app_secret = app_secret
        self._clock = clock
        self._new_nonce = new_nonce
        # The app key is sent (x-ca-key, redacted by the session) and echoed by the gateway in
        # its string to sign on a signature error: both are secrets to redact.
        self._http = HttpSession(
            base_url, secrets=[app_secret, app_key], timeout=timeout, transport=transport
        )
        # Signed exactly as sent, like the official client: the store quoted with no safe chars.
        self.order_path = f"{self._http.path_prefix}/order/{quote(store, safe='')}"

    # -- OrderClient ------------------------------------------------------------------------

    def create_order(self, payload: dict[str, Any]) -> SendOutcome:
        reply = self._call("POST", payload=payload)
        if isinstance(reply, SendOutcome):
            reference = payload.get(Target.NOMAD.spec.reference_field)
            return flag_account_blocked(_flag_existing_reference(reply, reference))
        data = reply.data if isinstance(reply.data, Mapping) else {}
        order = data.get("order")
        remote_id = id_text(data.get("orderId")) or (
            id_text(order.get("orderId")) if isinstance(order, Mapping) else None
        )
        if remote_id is None:
            return reply.exchange.outcome(
                OutcomeKind.ACCEPTED, "Nomad accepted the order but returned no order id"
            )
        return reply.exchange.outcome(
            OutcomeKind.ACCEPTED, fill(phrases.NOMAD_CREATED, remote_id), remote_id=remote_id
        )

    def lookup(
        self, reference: str, *, since: datetime | None = None, pace: Pacer | None = None
    ) -> LookupResult:
        # One request that filters by reference over the whole store: `since` and `pace` are not
        # needed.
        reply = self._call("GET", query={"client_order_ref": reference})
        if isinstance(reply, SendOutcome):
            message = fill(phrases.NOMAD_LOOKUP_FAILED, reply.message)
            return LookupResult(LookupState.UNKNOWN, message=message)
        orders = _orders(reply.data)
        matches = [o for o in orders if o.client_order_ref == reference]
        if matches:
            return LookupResult(
                LookupState.FOUND,
                remote_id=matches[0].order_id,
                message=fill(phrases.NOMAD_FOUND, matches[0].order_id),
                raw={"orders": [o.raw for o in matches]},
            )
        if orders:
            # Orders came back but none is ours: the server ignored the filter, so this page
            # proves nothing about the rest.
            return LookupResult(
                LookupState.UNKNOWN,
                message=phrases.NOMAD_NOT_FILTERED,
            )
        return LookupResult(
            LookupState.ABSENT, message=fill(phrases.NOMAD_ABSENT, repr(reference))
        )

    def close(self) -> None:
        self._http.close()

    # -- more order operations --------------------------------------------------------------

    def get_order(self, order_id: str) -> NomadOrder | ApiFailure:
        reply = self._call("GET", query={"order_id": order_id})
        if isinstance(reply, SendOutcome):
            return ApiFailure.from_outcome(reply)
        orders = _orders(reply.data)
        if not orders:
            return ApiFailure(OutcomeKind.REJECTED, f"Nomad has no order {order_id!r}")
        return next((o for o in orders if o.order_id == order_id), orders[0])

    def check_access(self) -> ApiFailure | None:
        """A harmless signed call (an order query for a reference nobody uses): None when the
        store answered."""
        reply = self._call("GET", query={"client_order_ref": CHECK_REFERENCE})
        return ApiFailure.from_outcome(reply) if isinstance(reply, SendOutcome) else None

    # The platform cancels at once, or says no ("success depends on platform support").
    cancel_accepted_state = CancelState.CANCELLED

    def order_status(self, asked: Sequence[StatusQuery], *,
                     pace: Pacer | None = None) -> StatusAnswer:
        """What Nomad says of each order now. One order is asked for by its order id; more are
        read from pages of up to 100 orders created around when they were, never one request
        per order."""
        single = len(asked) == 1 and asked[0].remote_id
        searches = [{"order_id": asked[0].remote_id or ""}] if single else [
            {"created_range": f"{_iso(start)}/{_iso(end)}"}
            for start, end in created_windows((q.created_at for q in asked), CREATED_SLACK)]

        def fetch(search: Mapping[str, str], number: int) -> tuple[FoundPage | SendOutcome,
                                                                    Exchange]:
            query = {**search, "page_no": str(number), "page_size": str(STATUS_PAGE_SIZE)}
            reply, exchange = self._exchange("GET", query=query)
            if isinstance(reply, SendOutcome):
                return reply, exchange
            orders = _orders(reply.data)
            # Nomad documents no total: a page short of full is the last one.
            return FoundPage([(o.order_id, o.client_order_ref, o.raw) for o in orders],
                             len(orders) < STATUS_PAGE_SIZE or "order_id" in search), exchange

        return search_status(asked, searches, fetch, _nomad_part, clock=self._clock,
                             max_pages=MAX_PAGE_NO, pace=pace)

    def cancel(self, remote_id: str) -> SendOutcome:
        return self.cancel_order(remote_id)

    @staticmethod
    def cancel_state_of(view: ServerView) -> CancelState:
        """Where a cancel stands, from the order as the query shows it."""
        if view.parts and view.status in CANCELLED_STATUSES:
            return CancelState.CANCELLED
        return CancelState.NOT_CANCELLED

    def cancel_order(self, order_id: str) -> SendOutcome:
        """ACCEPTED when Nomad cancelled it (success depends on the platform's support)."""
        reply = self._call("DELETE", query={"order_id": order_id})
        if isinstance(reply, SendOutcome):
            return reply
        return reply.exchange.outcome(
            OutcomeKind.ACCEPTED, fill(phrases.NOMAD_CANCELLED, order_id), remote_id=order_id
        )

    # -- plumbing ---------------------------------------------------------------------------

    def _call(
        self, method: str, *, query: Mapping[str, str] | None = None, payload: Any = None
    ) -> _Reply | SendOutcome:
        return self._exchange(method, query=query, payload=payload)[0]

    def _exchange(
        self, method: str, *, query: Mapping[str, str] | None = None, payload: Any = None
    ) -> tuple[_Reply | SendOutcome, Exchange]:
        """One signed call: what it means, and the exchange itself (request, timing)."""
        query = dict(query or {})
        body = None if payload is None else json.dumps(payload, ensure_ascii=False).encode("utf-8")
        headers = sign_request(
            method,
            self.order_path,
            query,
            body,
            self._app_key,
            self._app_secret,
            self.stage,
            # Fresh for every call: the gateway refuses a nonce it has seen in 15 minutes.
            timestamp_ms=int(self._clock() * 1000),
            nonce=self._new_nonce(),
        )
        exchange = self._http.send(
            method, self.order_path, params=query or None, content=body, headers=headers
        )
        return self._read(exchange, method, query, headers, payload), exchange

    def _read(self, exchange: Exchange, method: str, query: Mapping[str, str],
              headers: Mapping[str, str], payload: Any) -> _Reply | SendOutcome:
        if exchange.failure is not None:
            return exchange.failure
        assert exchange.response is not None
        gateway_error = exchange.response.headers.get("x-ca-error-message")
        if not exchange.response.is_success:
            if gateway_error:
                ours = build_string_to_sign(method, self.order_path, query, headers)
                return _gateway_outcome(exchange, gateway_error, ours)
            return exchange.status_outcome(_backend_detail(exchange))
        try:
            # Exact numbers for a created order's id; queries keep plain floats for their raw data.
            envelope = load_json(exchange.text, exact=payload is not None)
        except ValueError:
            return exchange.unreadable_outcome()
        if not isinstance(envelope, dict) or "code" not in envelope:
            return exchange.unreadable_outcome(phrases.NOT_NOMAD_ENVELOPE)
        code = id_text(envelope.get("code"))
        if code != SUCCESS_CODE:
            return exchange.outcome(
                OutcomeKind.REJECTED,
                _rejection_message(code, envelope),
                field_errors=field_errors_from_message(
                    str(envelope.get("message") or ""), payload or {}
                ),
            )
        return _Reply(exchange, envelope.get("data"))


def _gateway_outcome(exchange: Exchange, error: str, our_string_to_sign: str) -> SendOutcome:
    """A refusal by the API gateway itself; the backend never saw the request unless the
    gateway says it failed on the way to or from it (5xx)."""
    assert exchange.response is not None
    status = exchange.response.status_code
    if error.startswith("Throttled") or status in (429, 503):
        kind = OutcomeKind.RETRY
    elif status >= 500 or error.startswith("Nonce Used"):
        # 5xx: Internal Error, Failed To Invoke Backend, Async Service. Nonce Used: every call
        # is signed with a fresh nonce, so something replayed this very request and the copy
        # that arrived first may have been processed.
        kind = OutcomeKind.UNKNOWN
    else:
        kind = OutcomeKind.REJECTED
    message = fill(phrases.NOMAD_GATEWAY_REFUSED, status, error)
    if error.startswith(INVALID_SIGNATURE_PREFIX):
        # The gateway strips the line breaks from its string; strip ours the same way to compare.
        server = error[len(INVALID_SIGNATURE_PREFIX) :].strip()
        ours = our_string_to_sign.replace("\n", "")
        verdict = phrases.SIGNATURES_MATCH if server == ours else phrases.SIGNATURES_DIFFER
        message = (fill(phrases.NOMAD_GATEWAY_REFUSED, status, "Invalid Signature") + ". "
                   + fill(phrases.NOMAD_SIGNATURES, repr(server), repr(ours), verdict))
    hint = next((h for prefix, h in _GATEWAY_HINTS.items() if error.startswith(prefix)), None)
    if hint:
        message += f" ({hint})"
    if kind is OutcomeKind.UNKNOWN:
        message += f" ({phrases.BACKEND_MAY_HAVE_PROCESSED})"
    request_id = exchange.response.headers.get("x-ca-request-id")
    if request_id:
        message += f" [{fill(phrases.GATEWAY_REQUEST_ID, request_id)}]"
    retry_after = None
    if kind is OutcomeKind.RETRY:
        retry_after = parse_retry_after(exchange.response.headers.get("retry-after"))
    return exchange.outcome(kind, message, retry_after=retry_after)


def _flag_existing_reference(outcome: SendOutcome, reference: object) -> SendOutcome:
    """Mark a refusal that says the clientOrderRef is taken in this store (HTTP or envelope code
    409, as the sandbox answers, or words to that effect)."""
    taken = outcome.kind is OutcomeKind.REJECTED and (
        outcome.http_status == 409
        or "(code 409)" in outcome.message
        or says_reference_exists(outcome.message, reference, Target.NOMAD.spec.reference_field)
    )
    return replace(outcome, reference_exists=True) if taken else outcome


def _backend_detail(exchange: Exchange) -> str:
    try:
        body = load_json(exchange.text)
    except ValueError:
        return exchange.snippet()
    if isinstance(body, dict) and body.get("message"):
        return str(body["message"])
    return exchange.snippet()


def _rejection_message(code: str | None, envelope: Mapping[str, Any]) -> str:
    """The envelope message plus what each underlying platform said (English when given)."""
    message = fill(phrases.NOMAD_REFUSED, code, envelope.get("message") or phrases.NO_MESSAGE)
    details = []
    for connector in (envelope.get("connectorResponses") or [])[:MAX_CONNECTOR_LINES]:
        if not isinstance(connector, Mapping):
            continue
        said = connector.get("responseEn") or connector.get("response")
        if not said:
            continue
        text = said if isinstance(said, str) else json.dumps(said, ensure_ascii=False)
        source = " ".join(
            str(part) for part in (connector.get("platform"), connector.get("code")) if part
        )
        details.append(f"{source}: {snippet(text)}" if source else snippet(text))
    return f"{message} — {'; '.join(details)}" if details else message


def _orders(data: Any) -> list[NomadOrder]:
    """The orders in a GET answer: ``data.orders`` and/or ``data.order``."""
    if not isinstance(data, Mapping):
        return []
    raw = [o for o in data.get("orders") or [] if isinstance(o, Mapping)]
    if not raw and isinstance(data.get("order"), Mapping):
        raw = [data["order"]]
    reference_field = Target.NOMAD.spec.reference_field
    return [
        NomadOrder(
            order_id=id_text(o.get("orderId")),
            client_order_ref=id_text(o.get(reference_field)),
            status=o.get("status"),
            raw=dict(o),
        )
        for o in raw
    ]


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _nomad_part(raw: Mapping[str, Any]) -> ServerPart:
    word = str(raw.get("status") or "")
    code = str(raw.get("trackingReference") or "")
    tracking = (Tracking(str(raw.get("expressCompany") or ""), code),) if code else ()
    return ServerPart(id_text(raw.get("orderId")) or "",
                      _NOMAD_STATUS.get(word, ServerStatus.UNRECOGNISED), word, tracking)
