"""After an order is accepted: asking the server what became of it, and cancelling it.

Both go through the account's lane, so they share its rate limiter with sending (a page of a
status search or a cancel request takes a token like a create). Every answer is journaled as an
attempt of its own kind. A cancel is claimed in the journal before it is sent (never twice at
once), refused without a request when the server last said the order has shipped, and never
sent again blindly: one whose outcome is unknown is settled by the next status check.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from app.core import phrases
from app.core.clients.base import AfterSaleClient
from app.core.engine.lane import Lane
from app.core.journal import AttemptKind, Journal, NewAttempt, OrderRecord, OrderState
from app.core.outcome import OutcomeKind, SendOutcome
from app.core.phrases import fill
from app.core.server_status import (
    CANCELLED_STATUSES,
    SHIPPED_STATUSES,
    CancelState,
    ServerStatus,
    StatusAnswer,
    StatusQuery,
)

log = logging.getLogger(__name__)

# One status search covers at most this many orders (its answer is journaled in one transaction).
STATUS_CHUNK = 500
# A cancel the server turned away before processing (429, 503, no connection) is tried again
# this many times in all, waiting as it asks: nothing reached it, so that is safe.
CANCEL_TRIES = 3
# What is kept of the server's answer about one order on its attempt.
MAX_KEPT_ANSWER = 16 * 1024


@dataclass(frozen=True)
class StatusResult:
    order: OrderRecord  # as the journal has it after the check
    checked: bool  # False: the server could not be asked or did not answer for it
    message: str


@dataclass(frozen=True)
class CancelResult:
    order: OrderRecord
    state: CancelState
    message: str
    sent: bool = False  # a cancel request went to the server


def after_sale_client(lane: Lane) -> AfterSaleClient:
    client = lane.client
    if not isinstance(client, AfterSaleClient):
        raise ValueError(f"{lane.profile.target.label} orders cannot be checked or cancelled "
                         "from here")
    return client


def check_status(
    journal: Journal,
    lane: Lane,
    orders: Sequence[OrderRecord],
    *,
    stop: threading.Event | None = None,
    wall_clock: Callable[[], float] = time.time,
) -> list[StatusResult]:
    """Ask the server about ``orders`` (accepted ones of the lane's account; others are left
    out) in paged searches, journal every answer, and return the orders as they are now."""
    client = after_sale_client(lane)
    asked = [o for o in orders if o.state is OrderState.ACCEPTED]
    results: list[StatusResult] = []
    for start in range(0, len(asked), STATUS_CHUNK):
        chunk = asked[start:start + STATUS_CHUNK]
        if not lane.bucket.acquire(stop=stop):
            break
        started = wall_clock()
        try:
            answer = client.order_status(
                [StatusQuery(o.reference, o.remote_id, o.created_at) for o in chunk],
                pace=lambda: lane.bucket.acquire(stop=stop))
        except Exception as exc:  # a client bug must not lose the orders' history
            log.exception("status query failed")
            answer = StatusAnswer({}, failure=fill(phrases.CLIENT_ERROR, exc))
        if answer.retry_after:
            lane.bucket.defer(answer.retry_after)
        results += _record_status(journal, client, chunk, answer, started,
                                  settle=float(lane.profile.lookup_settle_seconds),
                                  now=wall_clock())
    return results


def _record_status(journal: Journal, client: AfterSaleClient, orders: Sequence[OrderRecord],
                   answer: StatusAnswer, started: float, *, settle: float,
                   now: float) -> list[StatusResult]:
    request = (answer.request.to_json()
               if answer.request is not None else None)
    per_order_ms = answer.duration_ms / max(len(orders), 1)
    results = []
    with journal.transaction():
        for order in orders:
            view = answer.views.get(order.reference)
            if view is None:
                message = answer.failure or phrases.NO_ANSWER
                outcome = "failed"
                body = None
            else:
                outcome = view.status.value
                message = _status_message(view.status, len(view.parts), answer.requests)
                body = json.dumps(view.raw, ensure_ascii=False)[:MAX_KEPT_ANSWER]
            cancel_state = None
            # An order the server does not list (yet) says nothing about a cancel.
            if view is not None and view.parts and order.cancel_state in (
                    CancelState.UNKNOWN, CancelState.REQUESTED):
                settled = client.cancel_state_of(view)
                # A refund KA took may not show yet: only a clear answer changes "requested".
                # "Not cancelled" is believed, as "not found" for a create, only once the
                # profile's settle time has passed since the cancel that may have arrived.
                if settled is CancelState.CANCELLED or (
                        order.cancel_state is CancelState.UNKNOWN
                        and now >= _last_uncertain_cancel(journal, order) + settle):
                    cancel_state = settled
            attempt = NewAttempt(AttemptKind.STATUS, started, outcome, message,
                                 request_json=request, http_status=answer.http_status,
                                 response_body=body, duration_ms=per_order_ms)
            after = journal.record_server(order.id, attempt, view=view,
                                          cancel_state=cancel_state)
            results.append(StatusResult(after, view is not None, message))
    return results


def _last_uncertain_cancel(journal: Journal, order: OrderRecord) -> float:
    """When the last cancel request that may have arrived ended (the order's creation if none
    is journaled)."""
    ends = [a.started_at + a.duration_ms / 1000 for a in journal.attempts(order.id)
            if a.kind is AttemptKind.CANCEL and a.outcome == CancelState.UNKNOWN.value]
    return max(ends, default=order.created_at)


def _status_message(status: ServerStatus, parts: int, requests: int) -> str:
    if status is ServerStatus.NOT_FOUND:
        return phrases.STATUS_NOT_LISTED
    notes = []  # the status itself is the attempt's outcome
    if parts > 1:
        notes.append(fill(phrases.STATUS_SPLIT, parts))
    if requests > 1:
        notes.append(fill(phrases.STATUS_PAGED, requests))
    return "; ".join(notes)


def cancel_orders(
    journal: Journal,
    lane: Lane,
    orders: Sequence[OrderRecord],
    *,
    stop: threading.Event | None = None,
    wall_clock: Callable[[], float] = time.time,
    sleep: Callable[[float], bool] | None = None,
) -> list[CancelResult]:
    """Cancel ``orders`` (accepted ones of the lane's account). Their status is checked first
    (one paged search), so an order the server says has shipped is refused without a request;
    afterwards the cancelled and uncertain ones are checked again, which settles a cancel whose
    outcome was unknown."""
    client = after_sale_client(lane)
    stop = stop or threading.Event()
    fresh = {r.order.id: r.order for r in check_status(journal, lane, orders, stop=stop,
                                                       wall_clock=wall_clock)}
    results: dict[int, CancelResult] = {}
    for order in orders:
        current = fresh.get(order.id) or journal.get(order.id)
        results[order.id] = _cancel_one(journal, lane, client, current, stop, wall_clock,
                                        sleep or stop.wait)
    # What the server now says of every order a request went for: settles an unknown outcome
    # and shows the cancelled status in the history.
    to_confirm = [r.order for r in results.values() if r.sent]
    for checked in check_status(journal, lane, to_confirm, stop=stop, wall_clock=wall_clock):
        before = results[checked.order.id]
        state = checked.order.cancel_state or before.state
        message = before.message
        if state is not before.state:
            message = {CancelState.CANCELLED: phrases.CANCEL_CONFIRMED,
                       CancelState.NOT_CANCELLED: phrases.CANCEL_DID_NOT_TAKE}.get(state,
                                                                                   message)
        results[checked.order.id] = CancelResult(checked.order, state, message, sent=True)
    return [results[o.id] for o in orders]


def _cancel_one(journal: Journal, lane: Lane, client: AfterSaleClient, order: OrderRecord,
                stop: threading.Event, wall_clock: Callable[[], float],
                sleep: Callable[[float], bool]) -> CancelResult:
    refusal = _local_refusal(order)
    if refusal is not None:
        state, message = refusal
        if state is CancelState.REFUSED and order.server_status in SHIPPED_STATUSES:
            # Refused here, but still the answer to the operator's request: journaled as such.
            order = journal.record_server(
                order.id, NewAttempt(AttemptKind.CANCEL, wall_clock(), state.value, message),
                cancel_state=state)
        return CancelResult(order, state, message)
    claimed = journal.claim_for_cancel(order.id)
    if claimed is None:  # changed meanwhile (another window, a command line)
        current = journal.get(order.id)
        state, message = _local_refusal(current) or (CancelState.REFUSED,
                                                     phrases.CANCEL_NOT_NOW)
        return CancelResult(current, state, message)
    # KA may hold the order as several (split by warehouse): each part is cancelled.
    parts = [p.remote_id for p in claimed.server_parts
             if p.remote_id and p.status not in CANCELLED_STATUSES] or [claimed.remote_id or ""]
    states: list[CancelState] = []
    messages: list[str] = []
    for remote_id in parts:
        state, message = _send_cancel(journal, lane, client, claimed, remote_id, stop,
                                      wall_clock, sleep)
        states.append(state)
        messages.append(message)
        if state is CancelState.UNKNOWN:
            break  # settle this one before asking for more
    state = _combined(states)
    return CancelResult(journal.set_cancel_state(claimed.id, state), state, "; ".join(messages),
                        sent=True)


def _local_refusal(order: OrderRecord) -> tuple[CancelState, str] | None:
    """Where a cancel of the order stands without asking the server, and why; None when a
    request may go."""
    if order.state is not OrderState.ACCEPTED:
        return CancelState.REFUSED, fill(phrases.CANCEL_NOTHING_ON_SERVER, order.state.value)
    if order.server_status in SHIPPED_STATUSES:
        return CancelState.REFUSED, fill(phrases.CANCEL_SHIPPED,
                                         order.server_status.value if order.server_status
                                         else "")
    if order.server_status in CANCELLED_STATUSES or order.cancel_state is CancelState.CANCELLED:
        return CancelState.CANCELLED, phrases.CANCEL_ALREADY
    if order.cancel_state is CancelState.UNKNOWN:
        return CancelState.UNKNOWN, phrases.CANCEL_LOOKED_UP
    if order.cancel_state in (CancelState.SENDING, CancelState.REQUESTED):
        return order.cancel_state, phrases.CANCEL_UNDER_WAY
    return None


def _send_cancel(journal: Journal, lane: Lane, client: AfterSaleClient, order: OrderRecord,
                 remote_id: str, stop: threading.Event, wall_clock: Callable[[], float],
                 sleep: Callable[[float], bool]) -> tuple[CancelState, str]:
    """One part's cancel request, each try journaled; tried again only when nothing reached
    the server."""
    for tries in range(1, CANCEL_TRIES + 1):
        if not lane.bucket.acquire(stop=stop):
            break
        started = wall_clock()
        try:
            outcome = client.cancel(remote_id)
        except Exception as exc:  # a client bug: the request may have gone
            log.exception("cancel failed")
            outcome = SendOutcome(OutcomeKind.UNKNOWN, fill(phrases.CLIENT_ERROR, exc))
        request = outcome.request
        journal.record_server(order.id, NewAttempt(
            AttemptKind.CANCEL, started,
            _CANCEL_STATE.get(outcome.kind, client.cancel_accepted_state).value,
            outcome.message,
            request_json=request.to_json() if request else None,
            http_status=outcome.http_status, response_body=outcome.response_body,
            duration_ms=outcome.duration_ms))
        if outcome.kind is not OutcomeKind.RETRY:
            return _CANCEL_STATE.get(outcome.kind, client.cancel_accepted_state), outcome.message
        if outcome.retry_after:
            lane.bucket.defer(outcome.retry_after)  # the account is paced: hold every request
        elif tries < CANCEL_TRIES and sleep(float(tries)):
            break
    return CancelState.NOT_CANCELLED, phrases.CANCEL_TURNED_AWAY


# A cancel request's outcome -> where the cancel stands (ACCEPTED: the client's own meaning).
_CANCEL_STATE = {
    OutcomeKind.REJECTED: CancelState.REFUSED,
    OutcomeKind.UNKNOWN: CancelState.UNKNOWN,
    OutcomeKind.RETRY: CancelState.NOT_CANCELLED,
}


def _combined(states: Sequence[CancelState]) -> CancelState:
    """One order's cancel from its parts': the most urgent to know wins."""
    for state in (CancelState.UNKNOWN, CancelState.REFUSED, CancelState.NOT_CANCELLED,
                  CancelState.REQUESTED):
        if state in states:
            return state
    return CancelState.CANCELLED
