"""Delivering one journaled order: send, retry what is safe, reconcile what is uncertain.

Every request is preceded by a journal write that claims the order (queued -> sending) and followed
by one that records the attempt and the resulting state, so a crash between the two leaves a
`sending` row that recovery turns into `unknown` and reconciles: never a silent resend.
"""

from __future__ import annotations

import json
import logging
import random
import time
from collections.abc import Callable
from dataclasses import asdict

from app.core.engine.control import BatchControl
from app.core.engine.lane import Lane
from app.core.engine.policy import RetryPolicy
from app.core.engine.results import OrderResult, ResultStatus
from app.core.journal import AttemptKind, Journal, NewAttempt, OrderRecord, OrderState
from app.core.outcome import LookupResult, LookupState, OutcomeKind, SendOutcome

log = logging.getLogger(__name__)

_STATE_AFTER_SEND = {
    OutcomeKind.ACCEPTED: OrderState.ACCEPTED,
    OutcomeKind.REJECTED: OrderState.REJECTED,
    OutcomeKind.RETRY: OrderState.QUEUED,
    OutcomeKind.UNKNOWN: OrderState.UNKNOWN,
}
_STATE_AFTER_LOOKUP = {
    LookupState.FOUND: OrderState.ACCEPTED,
    LookupState.ABSENT: OrderState.QUEUED,
    LookupState.UNKNOWN: OrderState.UNKNOWN,
}
_RESULT_OF_STATE = {
    OrderState.ACCEPTED: ResultStatus.ACCEPTED,
    OrderState.REJECTED: ResultStatus.REJECTED,
    OrderState.UNKNOWN: ResultStatus.UNKNOWN,
    OrderState.SENDING: ResultStatus.UNKNOWN,
    OrderState.CANCELLED: ResultStatus.CANCELLED,
    OrderState.QUEUED: ResultStatus.NOT_SENT,
}


def result_of(index: int, record: OrderRecord) -> OrderResult:
    """The batch result an order's journal row stands for."""
    return OrderResult(
        index,
        record.reference,
        _RESULT_OF_STATE[record.state],
        remote_id=record.remote_id,
        message=record.message,
        order_id=record.id,
    )


class Courier:
    """Delivers orders of one batch through one lane. Safe to use from many worker threads."""

    def __init__(
        self,
        journal: Journal,
        lane: Lane,
        control: BatchControl,
        policy: RetryPolicy,
        rng: random.Random,
        *,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self._journal = journal
        self._lane = lane
        self._control = control
        self._policy = policy
        self._rng = rng
        self._wall_clock = wall_clock

    def deliver(self, index: int, order_id: int, *, settle: bool = True) -> OrderResult:
        """Bring one order to a final state (or as far as is safe). ``settle=False`` skips the
        wait before a lookup (recovery of outcomes that are long past)."""
        record = self._journal.get(order_id)
        if record.state is OrderState.UNKNOWN:
            record = self._reconcile(record, settle=settle)
        if record.state is not OrderState.QUEUED:
            return result_of(index, record)
        return self._send(index, record)

    # -- sending -------------------------------------------------------------------------------

    def _send(self, index: int, record: OrderRecord) -> OrderResult:
        payload = record.payload
        tries = 0
        while True:
            self._control.wait_while_paused()
            if self._control.cancelled.is_set():
                return self._cancel(index, record)
            if not self._lane.bucket.acquire(stop=self._control.cancelled):
                continue  # cancelled while waiting for a token
            with self._lane.slots:
                if not self._journal.claim_for_send(record.id):
                    return result_of(index, self._journal.get(record.id))
                started = self._wall_clock()
                outcome = self._create(payload)
            record = self._record_send(record, outcome, started)
            tries += 1
            if outcome.kind is OutcomeKind.UNKNOWN:
                record = self._reconcile(record, settle=True)
            if record.state is not OrderState.QUEUED:
                return result_of(index, record)
            if tries >= self._policy.max_send_attempts:
                log.warning("order %s not sent after %d tries", record.reference, tries)
                return OrderResult(
                    index, record.reference, ResultStatus.NOT_SENT, order_id=record.id,
                    message=f"not sent after {tries} tries ({record.message}); nothing was "
                    "created, submit it again later",
                )
            self._back_off(outcome, tries)

    def _create(self, payload: dict[str, object]) -> SendOutcome:
        try:
            return self._lane.client.create_order(payload)
        except Exception as exc:  # a client bug must not lose track of a request in flight
            log.exception("client failed while sending")
            return SendOutcome(OutcomeKind.UNKNOWN, message=f"client error: {exc}")

    def _back_off(self, outcome: SendOutcome, tries: int) -> None:
        if outcome.kind is not OutcomeKind.RETRY:
            return  # absent after an unknown outcome: resend at once
        wait = outcome.retry_after
        if wait is None:
            wait = self._policy.backoff(tries, self._rng)
        if outcome.retry_after is not None or outcome.http_status == 429:
            # The server is pacing the whole account: hold every worker of this profile.
            self._lane.bucket.defer(wait)
        else:
            self._control.sleep(wait)

    def _record_send(
        self, record: OrderRecord, outcome: SendOutcome, started: float
    ) -> OrderRecord:
        message = outcome.message or "; ".join(str(error) for error in outcome.field_errors)
        request = outcome.request
        attempt = NewAttempt(
            AttemptKind.SEND,
            started,
            outcome.kind.value,
            message,
            request_json=json.dumps(asdict(request), ensure_ascii=False) if request else None,
            http_status=outcome.http_status,
            response_body=outcome.response_body,
            duration_ms=outcome.duration_ms,
        )
        return self._journal.record(
            record.id,
            attempt,
            _STATE_AFTER_SEND[outcome.kind],
            message=message,
            remote_id=outcome.remote_id,
            only_from=(OrderState.SENDING,),
        )

    def _cancel(self, index: int, record: OrderRecord) -> OrderResult:
        self._journal.set_state(
            record.id,
            OrderState.CANCELLED,
            message="cancelled before it was sent",
            only_from=(OrderState.QUEUED,),
        )
        return result_of(index, self._journal.get(record.id))

    # -- reconciling ---------------------------------------------------------------------------

    def _reconcile(self, record: OrderRecord, *, settle: bool) -> OrderRecord:
        """Look an uncertain order up by its reference: found -> accepted; proven absent ->
        queued (safe to send again under the same reference); still unclear -> stays unknown."""
        for lookup in range(self._policy.lookup_attempts):
            if lookup == 0:
                delay = self._policy.settle_delay if settle else 0.0
            else:
                delay = self._policy.backoff(lookup, self._rng)
            if self._control.sleep(delay):
                break
            self._control.wait_while_paused()
            if not self._lane.bucket.acquire(stop=self._control.cancelled):
                break
            started = self._wall_clock()
            tick = time.perf_counter()
            found = self._lookup(record.reference)
            attempt = NewAttempt(
                AttemptKind.LOOKUP,
                started,
                found.state.value,
                found.message,
                duration_ms=(time.perf_counter() - tick) * 1000,
            )
            record = self._journal.record(
                record.id,
                attempt,
                _STATE_AFTER_LOOKUP[found.state],
                message=_lookup_message(found),
                remote_id=found.remote_id,
                only_from=(OrderState.UNKNOWN,),
            )
            if record.state is not OrderState.UNKNOWN:
                return record
        log.warning("order %s: outcome still unknown", record.reference)
        return record

    def _lookup(self, reference: str) -> LookupResult:
        try:
            return self._lane.client.lookup(reference)
        except Exception as exc:
            log.exception("client failed while looking an order up")
            return LookupResult(LookupState.UNKNOWN, message=f"client error: {exc}")


def _lookup_message(found: LookupResult) -> str:
    if found.state is LookupState.FOUND:
        return "found on the server after an uncertain outcome"
    if found.state is LookupState.ABSENT:
        return "not on the server; sending again under the same reference"
    return f"outcome unknown; the lookup failed: {found.message or 'no answer'}"
