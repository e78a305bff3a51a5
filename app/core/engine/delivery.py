"""Delivering one journaled order: send, retry what is safe, reconcile what is uncertain.

Every request is preceded by a journal write that claims the order (queued -> sending) and followed
by one that records the attempt and the resulting state, so a crash between the two leaves a
`sending` row that recovery turns into `unknown` and reconciles: never a silent resend. The
payload sent is the one the claim read, so the journal always holds what went out. A worker
claims its next order while its request is out, and records a final outcome (accepted, rejected)
in the transaction of a later claim (`Carry`): no disk sync between an answer and the next
request, and the order is reported only once its outcome is written. An order claimed and not
sent yet is `sending` too, and is recovered the same way.

Reconciling looks the reference up. "Found" is believed at once. "Absent" is believed only once
the profile's `lookup_settle_seconds` have passed since the last request that may have created the
order ended (an API's order query may lag behind creation, and a slow backend may still be writing
it); before that the order stays `unknown`, with the time after which a reconcile can settle it.

A refusal saying the reference already exists (`SendOutcome.reference_exists`) is read in the
light of the order's history. If an earlier request of the order may have reached the server,
the existing order is almost certainly that one: the answer counts as `unknown` and the order is
looked up (found -> accepted with its remote id), never marked rejected, never sent blindly again.
If no earlier request of ours went out, someone else used the reference: the order is rejected
with the API's message, so the operator sees it was not created.

An order whose every try was turned away before the server processed it (429, 503, no
connection) ends `not_sent` when its tries run out: nothing was created, there is nothing to
reconcile, and the next submit of the same order sends it.
"""

from __future__ import annotations

import functools
import logging
import math
import random
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from app.core import phrases
from app.core.engine.ahead import ClaimsAhead
from app.core.engine.control import BatchControl
from app.core.engine.lane import Lane
from app.core.engine.policy import RetryPolicy
from app.core.engine.results import OrderResult, ResultStatus
from app.core.journal import AttemptKind, Journal, NewAttempt, OrderRecord, OrderState
from app.core.outcome import LookupResult, LookupState, OutcomeKind, SendOutcome
from app.core.phrases import fill

log = logging.getLogger(__name__)

CANCELLED_MESSAGE = phrases.CANCELLED_BEFORE_SENT
OTHER_DESK_POLL = 0.2  # seconds between looks at an order another desk is sending

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
# Outcomes after which an order needs nothing more of its worker: they may wait for its next claim.
_FINAL = (OutcomeKind.ACCEPTED, OutcomeKind.REJECTED)
_RESULT_OF_STATE = {
    OrderState.ACCEPTED: ResultStatus.ACCEPTED,
    OrderState.REJECTED: ResultStatus.REJECTED,
    OrderState.UNKNOWN: ResultStatus.UNKNOWN,
    OrderState.SENDING: ResultStatus.UNKNOWN,
    OrderState.CANCELLED: ResultStatus.CANCELLED,
    OrderState.QUEUED: ResultStatus.NOT_SENT,
    OrderState.NOT_SENT: ResultStatus.NOT_SENT,
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


@dataclass(frozen=True)
class Unsaved:
    """An order's final outcome, received and not journaled yet: `Carry` writes it."""

    index: int
    write: Callable[[], OrderRecord]  # journals it; the order's record as written


# A held outcome: what writes it, and whom to tell once it is written (or could not be).
Held = tuple[Unsaved, Callable[[OrderResult], None], Callable[[BaseException], None]]


@contextmanager
def _joined(journal: Journal, held: Held | None, *, durable: bool = True) -> Iterator[None]:
    """One transaction: the held outcome first, then the block's writes; the outcome is
    reported once committed."""
    if held is None:
        yield
        return
    unsaved, saved, failed = held
    try:
        with journal.transaction(durable=durable):
            record = unsaved.write()
            yield
    except BaseException as exc:
        # The block's writes failed (the next claim): the held outcome, rolled back with
        # them, is written on its own, so an accepted order is not left `sending`.
        try:
            record = unsaved.write()
        except BaseException:
            log.exception("journaling an outcome on its own failed too")
            failed(exc)
        else:
            saved(result_of(unsaved.index, record))
        raise
    saved(result_of(unsaved.index, record))


class _WrittenAhead:
    """A worker's held outcome and the claim of its next order, written in one transaction on
    the batch's claims thread (`ClaimsAhead`), perhaps with other workers' in the same one."""

    def __init__(self, journal: Journal, held: Held | None, order_id: int) -> None:
        self._journal = journal
        self._held = held
        self.order_id = order_id
        self.claimed: Future[OrderRecord | None] = Future()

    def body(self) -> tuple[OrderRecord | None, OrderRecord | None]:
        """The writes, inside a transaction of the claims thread."""
        record = self._held[0].write() if self._held is not None else None
        return record, self._journal.claim_for_send(self.order_id)

    def done(self, written: tuple[OrderRecord | None, OrderRecord | None]) -> None:
        """The transaction committed."""
        record, claimed = written
        if self._held is not None and record is not None:
            unsaved, saved, _ = self._held
            saved(result_of(unsaved.index, record))
        self.claimed.set_result(claimed)

    def fail(self, exc: BaseException) -> None:
        """Nothing of it may be counted on (the journal's file was replaced meanwhile)."""
        if self.claimed.done():
            return
        if self._held is not None:
            self._held[2](exc)
        self.claimed.set_exception(exc)

    def alone(self) -> None:
        """In a transaction of its own (the shared one failed, or there is no other)."""
        try:
            with _joined(self._journal, self._held):
                claimed = self._journal.claim_for_send(self.order_id)
        except BaseException as exc:
            self.claimed.set_exception(exc)
        else:
            self.claimed.set_result(claimed)


class Carry:
    """One worker's journal writes on the way from one answer to its next request.

    A worker's next order is claimed ahead, while its current request is out (`claim_next`,
    just before the request leaves), on the batch's claims thread (`ClaimsAhead`): the way from
    an answer to the next request holds no disk sync. An order's final outcome is held until
    the worker's next request is about to leave; it then goes in the same transaction as the
    claim made ahead then (the order two after it), or, with no such claim, is written before
    the request leaves (without waiting for the disk: the next sync carries it there), or in
    the same transaction as the next order's own claim (`joined`) when that was not made
    ahead. Either way, a request only goes out once its order's claim is on the disk, and the
    transaction that claimed it holds every outcome its worker had before.

    An outcome is held only while its worker goes straight on to its next order; it is saved on
    its own (`save`) before the worker waits for anything (a rate-limit token, a pause, a
    lookup, an empty queue). Its order is reported (``saved``) only once it is written; if that
    fails, it is reported with the failure (``failed``), and an order claimed in the same
    transaction is not sent. A crash before then leaves the order `sending`, which the next
    start turns into `unknown` and looks up: never sent twice; so does a crash before an order
    claimed ahead is sent. Outcomes are held, and orders claimed ahead, only on a desk's own
    journal: on a team journal, one transaction holding two orders' rows could wait in a circle
    with another desk's, and an order claimed ahead by a desk that stopped would keep the
    others from it until its lease ran out.
    """

    def __init__(self, journal: Journal, *, may_hold: bool = True,
                 ahead: ClaimsAhead | None = None,
                 upcoming: Callable[[], int | None] | None = None) -> None:
        self._journal = journal
        self.may_hold = may_hold and not journal.shared
        self._held: Held | None = None
        self._ahead = ahead if self.may_hold else None
        self._upcoming = upcoming  # the worker's next order, if one is ready for it
        self._next: _WrittenAhead | None = None  # claimed ahead, not taken up yet
        self._answered = False

    def __bool__(self) -> bool:
        return self._held is not None

    def hold(self, unsaved: Unsaved, saved: Callable[[OrderResult], None],
             failed: Callable[[BaseException], None]) -> None:
        if self._held is not None:
            raise RuntimeError("a carry holds one outcome at a time")
        self._held = (unsaved, saved, failed)

    def claim_next(self, sending: OrderRecord) -> None:
        """The request of ``sending`` (claimed) is about to leave: the worker's next order is
        claimed meanwhile, with the held outcome; with no next order to claim, the held outcome
        is written now, and if it cannot be, the claim of ``sending`` is given back and the
        exception raised (its request must not go out)."""
        self._settle()
        order_id = None
        if self._next is None and self._ahead is not None and self._upcoming is not None:
            order_id = self._upcoming()
        if order_id is not None and self._ahead is not None:
            written = _WrittenAhead(self._journal, self._held, order_id)
            self._ahead.submit(written)
            self._held, self._next = None, written
            return
        if self._held is None:
            return
        try:
            self.save(durable=False)
        except BaseException:
            try:
                self._journal.unclaim(sending.id)
            except Exception:  # left `sending`: the next start looks it up
                log.exception("giving back order %s's claim failed", sending.reference)
            raise

    def answered(self) -> None:
        """An answer came: claims give way while the worker writes it and sends its next."""
        if self._ahead is not None and not self._answered:
            self._answered = True
            self._ahead.answered(+1)

    def _settle(self) -> None:
        if self._answered and self._ahead is not None:
            self._answered = False
            self._ahead.answered(-1)

    def has_ahead(self, order_id: int) -> bool:
        return self._next is not None and self._next.order_id == order_id

    def take_ahead(self) -> OrderRecord | None:
        """The order claimed ahead (None: it was no longer queued), to be sent."""
        assert self._next is not None and self._ahead is not None
        written, self._next = self._next, None
        return self._ahead.result(written.claimed)

    def give_back(self) -> None:
        """The batch is paused or cancelled: the order claimed ahead and not taken up yet is
        queued again (taken up in its turn, it is claimed again)."""
        if self._next is None or self._ahead is None:
            return
        written, self._next = self._next, None
        try:
            claimed = self._ahead.result(written.claimed)
            if claimed is not None:
                self._journal.unclaim(claimed.id)
        except Exception:  # not claimed, or left `sending`: looked up before it is sent
            log.exception("giving back order %s's claim failed", written.order_id)

    def save(self, *, durable: bool = True) -> None:
        """Journal the held outcome now, on its own (the worker is about to wait: no claim
        follows soon to carry it to the disk, unless ``durable=False`` says one does)."""
        self._settle()
        with self.joined(durable=durable):
            pass

    def joined(self, *, durable: bool = True) -> AbstractContextManager[None]:
        """One transaction: the held outcome first, then the block's writes."""
        held, self._held = self._held, None
        return _joined(self._journal, held, durable=durable)


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
        self.ahead = ClaimsAhead(journal)  # the batch's claims made ahead (`Carry.claim_next`)

    def deliver(self, index: int, order_id: int, *, settle: bool = True,
                carry: Carry | None = None,
                claimed: OrderRecord | None = None) -> OrderResult | Unsaved:
        """Bring one order to a final state (or as far as is safe). ``settle=False`` skips the
        wait before a lookup (recovery of outcomes that are long past). With a ``carry``, the
        outcome it holds is journaled with this order's claim (or before anything waits), and
        this order's final outcome may come back `Unsaved`, for the caller to hand to it.
        ``claimed``: the order as claimed already (at its admission), its request not sent."""
        carry = carry if carry is not None else Carry(self._journal, may_hold=False)
        if claimed is None and carry.has_ahead(order_id):
            claimed = carry.take_ahead()
        if claimed is not None:
            return self._send(index, claimed, carry, claimed=True)
        record = self._journal.get(order_id)
        if record.state in (OrderState.SENDING, OrderState.UNKNOWN):
            carry.save()  # what follows may wait
        if record.state is OrderState.SENDING and self._journal.shared:
            record = self._await_other_desk(record)
        if record.state is OrderState.UNKNOWN:
            record = self._reconcile(record, settle=settle)
        if record.state is not OrderState.QUEUED:
            return result_of(index, record)
        return self._send(index, record, carry)

    # -- sending -------------------------------------------------------------------------------

    def _send(self, index: int, record: OrderRecord, carry: Carry, *,
              claimed: bool = False) -> OrderResult | Unsaved:
        """``claimed``: ``record`` was claimed ahead (it is `sending`, its request not out)."""
        tries = 0
        while True:
            if self._control.paused or self._control.cancelled.is_set():
                if claimed:  # not sent: queued again, to be claimed once the batch goes on
                    claimed = False
                    self._journal.unclaim(record.id)
                carry.give_back()  # the worker's next order too, if claimed already
                carry.save()  # before waiting: never wait holding an outcome unsaved
                self._control.wait_while_paused()
            # A pause landing from here on is seen before the next order, as one landing while
            # this order's request is out.
            if self._control.cancelled.is_set():
                return self._cancel(index, record)
            if not self._lane.bucket.try_acquire():
                carry.save()  # before waiting for a token
                if not self._lane.bucket.acquire(stop=self._control.cancelled):
                    continue  # cancelled while waiting for a token
            if not self._lane.slots.acquire(blocking=False):
                carry.save()  # before waiting for another batch's request to end
                self._lane.slots.acquire()
            try:
                if not claimed:
                    with carry.joined():  # the last order's outcome and this claim: one commit
                        fresh = self._journal.claim_for_send(record.id)
                    if fresh is None and self._journal.shared:
                        break  # another desk claimed it first: its outcome is this order's
                    if fresh is None:
                        return result_of(index, self._journal.get(record.id))
                    record = fresh  # another batch may have queued it again with a new payload
                else:
                    # Claimed a while ago (ahead, or at its admission), the file looked at then:
                    # replaced since, nothing more may go out.
                    self._journal.check_still_there()
                claimed = False
                started = self._wall_clock()
                carry.claim_next(record)
                outcome = self._create(record.payload)
                carry.answered()
            finally:
                self._lane.slots.release()
            outcome = self._read_existing_reference(record, outcome)
            if outcome.kind in _FINAL and not outcome.blocks_account and carry.may_hold:
                return Unsaved(index, self._send_writer(record, outcome, started))
            record = self._record_send(record, outcome, started)
            if outcome.blocks_account and self._control.hold(record.message):
                # The owner learns it from the progress that reports this order's result.
                log.warning("batch holds: the account cannot take orders (%s)", record.message)
            tries += 1
            if outcome.kind is OutcomeKind.UNKNOWN:
                record = self._reconcile(record, settle=True, carry=carry)
            if record.state is not OrderState.QUEUED:
                return result_of(index, record)
            if tries >= self._policy.max_send_attempts:
                return self._give_up(index, record, tries)
            self._back_off(outcome, tries)
        return self.deliver(index, record.id)

    def _await_other_desk(self, record: OrderRecord) -> OrderRecord:
        """Another desk of the team journal is sending the order: wait for its outcome, or for
        its lease to run out (that desk stopped; the order becomes unknown, to reconcile)."""
        while record.state is OrderState.SENDING and not self._control.cancelled.is_set():
            if self._journal.lease_expired(record.id):
                self._journal.mark_interrupted()
            elif self._control.sleep(OTHER_DESK_POLL):
                break
            record = self._journal.get(record.id)
        return record

    def _give_up(self, index: int, record: OrderRecord, tries: int) -> OrderResult:
        """Every try was turned away before the server processed it (429, 503, no connection):
        nothing was created. The order is `not sent`, which the next submit of it sends again;
        there is nothing to reconcile."""
        log.warning("order %s not sent after %d tries", record.reference, tries)
        self._journal.set_state(
            record.id,
            OrderState.NOT_SENT,
            message=fill(phrases.TRIES_RUN_OUT, tries, record.message or phrases.NO_ANSWER),
            only_from=(OrderState.QUEUED,),
        )
        return result_of(index, self._journal.get(record.id))

    def _create(self, payload: dict[str, object]) -> SendOutcome:
        try:
            return self._lane.client.create_order(payload)
        except Exception as exc:  # a client bug must not lose track of a request in flight
            log.exception("client failed while sending")
            return SendOutcome(OutcomeKind.UNKNOWN, message=fill(phrases.CLIENT_ERROR, exc))

    def _read_existing_reference(self, record: OrderRecord, outcome: SendOutcome) -> SendOutcome:
        """"Reference already exists" after an earlier request that may have arrived: ours."""
        if not outcome.reference_exists or outcome.kind is not OutcomeKind.REJECTED:
            return outcome
        if not self._journal.may_have_been_sent(record.id):
            return outcome  # someone else's order: the operator must see this one was not created
        log.info("order %s: reference already on the server after an earlier attempt; "
                 "looking it up", record.reference)
        return replace(
            outcome,
            kind=OutcomeKind.UNKNOWN,
            message=f"{outcome.message} ({phrases.PROBABLY_CREATED})",
        )

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
        return self._send_writer(record, outcome, started)()

    def _send_writer(
        self, record: OrderRecord, outcome: SendOutcome, started: float
    ) -> Callable[[], OrderRecord]:
        """The journal write of a send's outcome, its attempt made ready (the request encoded)
        before it runs: other writers wait while a transaction is open."""
        message = outcome.message or "; ".join(str(error) for error in outcome.field_errors)
        request = outcome.request
        attempt = NewAttempt(
            AttemptKind.SEND,
            started,
            outcome.kind.value,
            message,
            request_json=request.to_json() if request else None,
            http_status=outcome.http_status,
            response_body=outcome.response_body,
            duration_ms=outcome.duration_ms,
        )
        return functools.partial(
            self._journal.record,
            record.id,
            attempt,
            _STATE_AFTER_SEND[outcome.kind],
            message=message,
            remote_id=outcome.remote_id,
            only_from=(OrderState.SENDING,),
        )

    def _cancel(self, index: int, record: OrderRecord) -> OrderResult:
        # One journal write for all the batch's orders not sent yet, not one (and one disk
        # sync) each: a stopped batch of thousands ends in a moment.
        if record.batch_id is not None and self._control.claim_bulk_cancel():
            self._journal.cancel_queued(record.batch_id, CANCELLED_MESSAGE)
        current = self._journal.get(record.id)
        if current.state is OrderState.QUEUED:  # queued again by another batch meanwhile
            self._journal.set_state(record.id, OrderState.CANCELLED, message=CANCELLED_MESSAGE,
                                    only_from=(OrderState.QUEUED,))
            current = self._journal.get(record.id)
        return result_of(index, current)

    # -- reconciling ---------------------------------------------------------------------------

    def _reconcile(self, record: OrderRecord, *, settle: bool,
                   carry: Carry | None = None) -> OrderRecord:
        """Look an uncertain order up by its reference: found -> accepted; proven absent ->
        queued (safe to send again under the same reference); still unclear -> stays unknown.
        ``carry``: its worker's, whose next order may be claimed ahead already."""
        for lookup in range(self._policy.lookup_attempts):
            if lookup == 0:
                delay = self._policy.settle_delay if settle else 0.0
            else:
                delay = self._policy.backoff(lookup, self._rng)
            if self._control.sleep(delay):
                break
            if self._control.paused:
                if carry is not None:
                    carry.give_back()  # not left `sending`, unsent, for the whole pause
                self._control.wait_while_paused()
            if not self._lane.bucket.acquire(stop=self._control.cancelled):
                break
            started = self._wall_clock()
            tick = time.perf_counter()
            found = self._lookup(record)
            attempt = NewAttempt(
                AttemptKind.LOOKUP,
                started,
                found.state.value,
                found.message,
                duration_ms=(time.perf_counter() - tick) * 1000,
            )
            state, message = _STATE_AFTER_LOOKUP[found.state], _lookup_message(found)
            premature = False
            if found.state is LookupState.ABSENT:
                believable_after = self._absence_believable_after(record)
                premature = self._wall_clock() < believable_after
                if premature:
                    state = OrderState.UNKNOWN
                    message = fill(phrases.NOT_LISTED_YET,
                                   _clock_text(believable_after, now=self._wall_clock()))
            record = self._journal.record(
                record.id,
                attempt,
                state,
                message=message,
                remote_id=found.remote_id,
                only_from=(OrderState.UNKNOWN,),
            )
            if record.state is not OrderState.UNKNOWN or premature:
                return record  # only time can make "absent" believable: no more lookups now
        log.warning("order %s: outcome still unknown", record.reference)
        return record

    def _absence_believable_after(self, record: OrderRecord) -> float:
        """When "not found" starts to mean "never created" for this order."""
        last = self._journal.last_uncertain_send(record.id)
        # No recorded uncertain request (a journal from before they were recorded): the order
        # cannot have been sent before it was journaled.
        settle = float(self._lane.profile.lookup_settle_seconds)
        return (record.created_at if last is None else last) + settle

    def _lookup(self, record: OrderRecord) -> LookupResult:
        since = datetime.fromtimestamp(record.created_at, UTC)
        try:
            return self._lane.client.lookup(
                record.reference, since=since,
                pace=lambda: self._lane.bucket.acquire(stop=self._control.cancelled))
        except Exception as exc:
            log.exception("client failed while looking an order up")
            return LookupResult(LookupState.UNKNOWN, message=fill(phrases.CLIENT_ERROR, exc))


def _clock_text(moment: float, *, now: float) -> str:
    """Local wall-clock time, rounded up to the minute (so "after" is true), with the date when
    it is not the day of ``now``."""
    shown = datetime.fromtimestamp(math.ceil(moment / 60) * 60)
    if shown.date() == datetime.fromtimestamp(now).date():
        return shown.strftime("%H:%M")
    return shown.strftime("%Y-%m-%d %H:%M")


def _lookup_message(found: LookupResult) -> str:
    if found.state is LookupState.FOUND:
        return phrases.FOUND_AFTER_UNCERTAIN
    if found.state is LookupState.ABSENT:
        return phrases.ABSENT_SENDING_AGAIN
    return fill(phrases.LOOKUP_FAILED, found.message or phrases.NO_ANSWER)
