"""The submission engine: journals, sends and reconciles orders on background threads."""

from __future__ import annotations

import logging
import queue
import random
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import closing, contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from app.core import phrases
from app.core.clients.base import OrderClient
from app.core.engine.admission import Admission, Admitted
from app.core.engine.batch import BatchHandle, ProgressCallback, ResultCallback
from app.core.engine.delivery import Carry, Courier, Unsaved
from app.core.engine.lane import Lane, account_bucket, bucket_key
from app.core.engine.policy import RetryPolicy
from app.core.engine.results import OrderResult, ResultStatus
from app.core.journal import Journal, OrderRecord, OrderState, SendLock, SendLockBusyError
from app.core.outcome import FieldError
from app.core.phrases import fill
from app.core.ratelimit import TokenBucket
from app.core.settings import Profile

if TYPE_CHECKING:
    from app.core.engine.aftersale import CancelResult, StatusResult

log = logging.getLogger(__name__)

ClientFactory = Callable[[Profile], OrderClient]
# What a batch does once recovery is over: start deliveries on the pool, return their futures.
Work = Callable[[ThreadPoolExecutor, Courier], list[Future[None]]]

# Orders journaled per transaction before their sending starts: large enough to save most disk
# syncs, small enough that the first requests go out at once.
ADMISSION_CHUNK = 16


class SubmissionEngine:
    """Sends orders for any number of profiles; one instance per journal and process.

    ``client_factory`` builds the client of a profile (called once per distinct profile; the
    client is closed by `close`). While any batch runs, the engine holds the journal's `SendLock`;
    when it takes the lock it first turns orders a crash left `sending` into `unknown`, and each
    batch starts by reconciling its profile's unknown orders before anything new is sent.
    """

    def __init__(
        self,
        journal: Journal,
        client_factory: ClientFactory,
        *,
        policy: RetryPolicy | None = None,
        rng: random.Random | None = None,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self._journal = journal
        self._client_factory = client_factory
        self._policy = policy or RetryPolicy()
        self._rng = rng or random.Random()
        self._clock = clock  # for progress rates
        self._wall_clock = wall_clock  # attempt times, and when a lookup may be believed
        # A desk's own file: one sending process at a time. A team journal: leases instead (a
        # lock file would only guard one machine), renewed while batches run.
        self._send_lock = SendLock(journal.path) if journal.path and not journal.shared else None
        self._lease_keeper: threading.Thread | None = None
        self._lease_stop = threading.Event()
        self._lock = threading.Lock()
        self._lanes: dict[Profile, Lane] = {}
        self._buckets: dict[tuple[object, ...], TokenBucket] = {}  # one per account's limit
        self._lane_users: Counter[int] = Counter()  # running batches per lane (by id)
        self._retired: list[Lane] = []  # replaced by `refresh_clients`, closed once unused
        self._active: Counter[str] = Counter()  # running batches per account
        self._handles: set[BatchHandle] = set()
        self._in_delivery: set[int] = set()  # order ids some worker is delivering right now
        self._after_sale = 0  # status checks and cancels under way

    # -- public API ----------------------------------------------------------------------------

    def submit_batch(
        self,
        orders: Sequence[dict[str, Any]],
        profile: Profile,
        *,
        allow_duplicates: bool = False,
        source: str = "",
        on_progress: ProgressCallback | None = None,
        on_result: ResultCallback | None = None,
    ) -> BatchHandle:
        """Validate, journal and send ``orders`` (wire payloads) with ``profile``; returns at once.

        Raises ValueError (from the client factory) when the profile cannot be used, e.g. a
        missing credential. Journal failures surface from `BatchHandle.wait`.
        """
        lane = self._lane(profile)
        handle = BatchHandle(len(orders), on_progress=on_progress, on_result=on_result,
                             clock=self._clock)
        payloads = list(orders)

        def work(pool: ThreadPoolExecutor, courier: Courier) -> list[Future[None]]:
            return self._admit_all(handle, courier, pool, payloads, profile,
                                   allow_duplicates=allow_duplicates, source=source)

        self._start(handle, lane, work, recover_first=True)
        return handle

    def reconcile(
        self,
        profile: Profile,
        *,
        on_progress: ProgressCallback | None = None,
        on_result: ResultCallback | None = None,
    ) -> BatchHandle:
        """Resolve the profile's unknown orders now (results arrive as `BatchReport.recovered`).
        Found ones become accepted; ones proven absent are sent again under their reference."""
        lane = self._lane(profile)
        handle = BatchHandle(0, on_progress=on_progress, on_result=on_result, clock=self._clock)

        def work(pool: ThreadPoolExecutor, courier: Courier) -> list[Future[None]]:
            # Also while a batch of the profile runs: orders it is delivering are skipped.
            return self._recover(handle, courier, pool, profile)

        self._start(handle, lane, work, recover_first=False)
        return handle

    def accepted_references(self, profile: Profile) -> frozenset[str]:
        """The references ``profile``'s account has had accepted: a batch with one of them
        skips that order (accepted earlier, not sent again)."""
        return self._journal.accepted_references(profile.target, profile.account)

    def check_status(self, profile: Profile, orders: Sequence[OrderRecord], *,
                     stop: threading.Event | None = None) -> list[StatusResult]:
        """Ask ``profile``'s account what became of ``orders`` (its accepted ones), paced by the
        account's rate limiter like sending; blocks: call it off the GUI thread."""
        from app.core.engine.aftersale import check_status

        with self._using(profile) as lane:
            return check_status(self._journal, lane, orders, stop=stop,
                                wall_clock=self._wall_clock)

    def cancel(self, profile: Profile, orders: Sequence[OrderRecord], *,
               stop: threading.Event | None = None) -> list[CancelResult]:
        """Cancel ``orders`` at ``profile``'s account (see `aftersale.cancel_orders`); blocks."""
        from app.core.engine.aftersale import cancel_orders

        with self._using(profile) as lane:
            return cancel_orders(self._journal, lane, orders, stop=stop,
                                 wall_clock=self._wall_clock)

    @contextmanager
    def _using(self, profile: Profile) -> Iterator[Lane]:
        """The profile's lane, kept open (not closed by `refresh_clients`) while in use."""
        lane = self._lane(profile)
        with self._lock:
            self._lane_users[id(lane)] += 1
            self._after_sale += 1
        try:
            yield lane
        finally:
            with self._lock:
                self._after_sale -= 1
                self._lane_users[id(lane)] -= 1
                if not self._lane_users[id(lane)]:
                    del self._lane_users[id(lane)]
            self._close_unused_retired()

    @property
    def after_sale_running(self) -> bool:
        """Whether a status check or a cancel is under way (closing now would cut it short)."""
        with self._lock:
            return self._after_sale > 0

    def refresh_clients(self) -> None:
        """Ask the client factory again for the next batches (e.g. a credential was corrected).
        Running batches finish with the clients they have, which are closed afterwards."""
        with self._lock:
            self._retired += self._lanes.values()
            self._lanes.clear()
        self._close_unused_retired()

    def close(self, timeout: float | None = 30.0) -> None:
        """Cancel running batches, wait for them, and close every client."""
        with self._lock:
            handles = list(self._handles)
        for handle in handles:
            handle.cancel()
        for handle in handles:
            handle.join(timeout)
        with self._lock:
            lanes = [*self._lanes.values(), *self._retired]
            self._lanes.clear()
            self._retired.clear()
        for lane in lanes:
            _close_client(lane)

    @property
    def in_flight(self) -> int:
        """Orders of running batches (any caller's) without a final result yet; a batch still
        being admitted counts as one."""
        with self._lock:
            handles = list(self._handles)
        total = 0
        for handle in handles:
            snapshot = handle.progress()
            if not snapshot.finished:
                total += max(snapshot.total - snapshot.done, 0) if snapshot.total else 1
        return total

    # -- internals -----------------------------------------------------------------------------

    def _lane(self, profile: Profile) -> Lane:
        with self._lock:
            lane = self._lanes.get(profile)
            if lane is None:
                bucket = self._buckets.get(bucket_key(profile))
                if bucket is None:
                    bucket = self._buckets[bucket_key(profile)] = account_bucket(profile)
                lane = Lane.open(profile, self._client_factory(profile), bucket)
                self._lanes[profile] = lane
            return lane

    def _close_unused_retired(self) -> None:
        with self._lock:
            unused = [lane for lane in self._retired if not self._lane_users[id(lane)]]
            self._retired = [lane for lane in self._retired if self._lane_users[id(lane)]]
        for lane in unused:
            _close_client(lane)

    def _start(
        self,
        handle: BatchHandle,
        lane: Lane,
        work: Work,
        *,
        recover_first: bool,
    ) -> None:
        with self._lock:
            self._handles.add(handle)
            self._lane_users[id(lane)] += 1
        thread = threading.Thread(
            target=self._coordinate,
            args=(handle, lane, work, recover_first),
            name="order-desk-batch",
            daemon=True,
        )
        thread.start()

    def _coordinate(
        self, handle: BatchHandle, lane: Lane, work: Work, recover_first: bool
    ) -> None:
        profile = lane.profile
        courier = Courier(self._journal, lane, handle.control, self._policy, self._rng,
                          wall_clock=self._wall_clock)
        try:
            with (
                self._session(profile) as first_of_profile,
                # Closed once the pool's workers are done, also when admitting fails midway:
                # those still delivering what was admitted go on claiming ahead.
                closing(courier.ahead),
                ThreadPoolExecutor(profile.concurrency, "order-desk-send") as pool,
            ):
                if recover_first and first_of_profile:
                    for future in self._recover(handle, courier, pool, profile):
                        future.result()  # before anything new is sent
                for future in work(pool, courier):
                    future.result()
        except SendLockBusyError as exc:  # nothing journaled or sent: no trace needed
            log.info("batch refused: %s", exc)
            handle._fail(exc)
        except Exception as exc:
            log.exception("batch stopped")
            handle._fail(exc)
        finally:
            with self._lock:
                self._handles.discard(handle)
                self._lane_users[id(lane)] -= 1
                if not self._lane_users[id(lane)]:
                    del self._lane_users[id(lane)]
            self._close_unused_retired()
            handle._finish()

    @contextmanager
    def _session(self, profile: Profile) -> Iterator[bool]:
        """Hold the send lock while any batch runs; yield whether no other batch of this account
        is running (only then are its unknown orders truly left over)."""
        with self._lock:
            if not self._active:
                self._take_journal()
            first = self._active[profile.account] == 0
            self._active[profile.account] += 1
        try:
            yield first
        finally:
            with self._lock:
                self._active[profile.account] -= 1
                if self._active[profile.account] == 0:
                    del self._active[profile.account]
                if not self._active:
                    self._release_journal()

    def _take_journal(self) -> None:
        """Before the first batch: hold the lock file (a desk's own journal) or start renewing
        leases (a team journal), and turn what a stopped sender left `sending` into `unknown`."""
        if self._send_lock is not None:
            self._send_lock.acquire()
        else:
            self._lease_stop.clear()
            self._lease_keeper = threading.Thread(target=self._keep_leases,
                                                  name="order-desk-leases", daemon=True)
            self._lease_keeper.start()
        try:
            self._journal.mark_interrupted()
        except BaseException:
            self._release_journal()
            raise

    def _release_journal(self) -> None:
        if self._send_lock is not None:
            self._send_lock.release()
        self._lease_stop.set()
        self._lease_keeper = None

    def _keep_leases(self) -> None:
        """Renew this process's leases well before they run out, while batches run."""
        interval = max(self._journal.lease_seconds / 4, 0.05)
        while not self._lease_stop.wait(interval):
            try:
                self._journal.renew_leases()
            except Exception as exc:  # the server is unreachable: sends fail on their own
                log.warning("could not renew leases: %s", exc)

    def _recover(
        self, handle: BatchHandle, courier: Courier, pool: ThreadPoolExecutor, profile: Profile
    ) -> list[Future[None]]:
        """Deliver the account's unknown orders again: reconcile, then resend if proven absent.
        In a team journal, orders of a desk that stopped (its leases ran out) are among them."""
        if self._journal.shared:
            self._journal.mark_interrupted()
        leftovers = self._journal.in_state(
            OrderState.UNKNOWN, target=profile.target, account=profile.account
        )
        if leftovers:
            log.info("reconciling %d unknown order(s) of %s", len(leftovers), profile.account)
        return [
            pool.submit(self._deliver, handle, courier, -1, record.id, record.reference, False)
            for record in leftovers
        ]

    def _admit_all(
        self,
        handle: BatchHandle,
        courier: Courier,
        pool: ThreadPoolExecutor,
        payloads: list[dict[str, Any]],
        profile: Profile,
        *,
        allow_duplicates: bool,
        source: str,
    ) -> list[Future[None]]:
        """Journal the batch's orders a chunk at a time, handing each admitted one to a worker
        as soon as its chunk is committed."""
        handle.batch_id = self._journal.create_batch(profile.target, profile.account,
                                                     len(payloads), source,
                                                     profile=profile.name)
        admission = Admission(self._journal, profile, handle.batch_id,
                              allow_duplicates=allow_duplicates, rng=self._rng)
        # Admitted orders wait here for a worker; None tells a worker there will be no more.
        admitted = _Admitted()
        workers: list[Future[None]] = []
        try:
            for start in range(0, len(payloads), ADMISSION_CHUNK):
                if handle.control.cancelled.is_set():
                    for index in range(start, len(payloads)):
                        handle._add_result(OrderResult(
                            index, None, ResultStatus.CANCELLED,
                            message=phrases.CANCELLED_BEFORE_JOURNALED,
                        ))
                    break
                chunk = sorted(enumerate(payloads[start:start + ADMISSION_CHUNK], start),
                               key=lambda item: admission.lock_order(item[1]))
                checked = admission.check([payload for _, payload in chunk])
                # One transaction per chunk; nothing of a chunk is sent before it is committed.
                # Each worker still to start gets its first order claimed in it too: the
                # batch's first requests go out together, without a commit of their own each.
                # Only an order journaled here: one resumed may be another batch's to send.
                with self._journal.transaction():
                    decisions = sorted((admission.admit(n, p, c)
                                        for (n, p), c in zip(chunk, checked, strict=True)),
                                       key=lambda decision: decision.index)
                    starting = profile.concurrency - len(workers)
                    for n, decision in enumerate(decisions):
                        if isinstance(decision, Admitted) and decision.added and starting > 0:
                            claimed = self._journal.claim_for_send(decision.order_id)
                            if claimed is not None:
                                decisions[n] = replace(decision, claimed=claimed)
                                starting -= 1
                for decision in decisions:
                    if not isinstance(decision, Admitted):
                        handle._add_result(decision)
                    elif decision.claimed is None:
                        admitted.put(decision)
                # Once the chunk's orders wait in the queue: a worker for each order claimed
                # for one, then more up to the concurrency. One started before them for an
                # order that could not be claimed (an unknown one resumed) would be one too
                # many: the pool would run its claimed order only once another worker ended.
                firsts = [decision for decision in decisions
                          if isinstance(decision, Admitted) and decision.claimed is not None]
                queued = sum(isinstance(decision, Admitted) and decision.claimed is None
                             for decision in decisions)
                more = min(queued, profile.concurrency - len(workers) - len(firsts))
                for first in [*firsts, *[None] * max(more, 0)]:
                    workers.append(pool.submit(self._deliver_admitted, handle, courier,
                                               admitted, profile.concurrency, first))
        finally:
            for _ in workers:
                admitted.put(None)
        return workers

    def _deliver_admitted(self, handle: BatchHandle, courier: Courier,
                          admitted: _Admitted, workers: int, first: Admitted | None) -> None:
        """One worker: the batch's admitted orders, one after another, until there are no more.
        Its next order is taken up and claimed while its request is out (`Carry.claim_next`);
        an order's final outcome is journaled before the next request goes out, or on its own
        once no order is ready for the worker."""
        ready = _Ready(admitted, workers, self._reserve, first)
        carry = Carry(self._journal, ahead=courier.ahead, upcoming=ready.upcoming)
        while True:
            taken = ready.take(wait=False)
            if taken is _NONE_READY:  # what it holds is saved before it waits
                _save(carry)
                taken = ready.take(wait=True)
            if not isinstance(taken, tuple):
                _save(carry)
                return
            order, reserved = taken
            try:
                self._deliver(handle, courier, order.index, order.order_id, order.reference,
                              True, order.warnings, carry, reserved=reserved,
                              claimed=order.claimed)
            except Exception:  # reported with the order; the worker goes on with the next
                log.exception("delivering order %s failed", order.reference)

    def _reserve(self, order_id: int) -> bool:
        """Mark an order as being delivered; False if another worker is delivering it."""
        with self._lock:
            if order_id in self._in_delivery:
                return False
            self._in_delivery.add(order_id)
            return True

    def _deliver(
        self,
        handle: BatchHandle,
        courier: Courier,
        index: int,
        order_id: int,
        reference: str,
        settle: bool,
        warnings: tuple[FieldError, ...] | None = None,
        carry: Carry | None = None,
        *,
        reserved: bool = False,
        claimed: OrderRecord | None = None,
    ) -> None:
        """``reserved``: `_reserve` has marked the order as this worker's already. ``claimed``:
        the order as claimed at its admission (its request not sent yet)."""
        if not reserved and not self._reserve(order_id):
            if claimed is not None:
                self._journal.unclaim(order_id)  # not this worker's to send after all
            handle._add_result(OrderResult(
                index, reference, ResultStatus.UNKNOWN, order_id=order_id,
                message=phrases.BEING_SENT_ELSEWHERE, warnings=warnings,
            ))
            return

        def done(result: OrderResult) -> None:
            with self._lock:
                self._in_delivery.discard(order_id)
            handle._add_result(replace(result, warnings=warnings))

        def stopped(exc: BaseException) -> None:
            # Typically the journal failed, perhaps after the request went out: the order is
            # reported as open, never as "not started" (the journal still says `queued` or
            # `sending`, and a `sending` row is reconciled before the next batch).
            with self._lock:
                self._in_delivery.discard(order_id)
            handle._add_result(OrderResult(
                index, reference, ResultStatus.UNKNOWN, order_id=order_id,
                message=fill(phrases.STOPPED_WHILE_SENDING, exc), warnings=warnings,
            ))
            handle._fail(exc)

        try:
            result = courier.deliver(index, order_id, settle=settle, carry=carry,
                                     claimed=claimed)
        except Exception as exc:
            stopped(exc)
            raise
        if isinstance(result, Unsaved):
            assert carry is not None  # only a carry's worker gets an outcome to hold
            carry.hold(result, done, stopped)
        else:
            done(result)


class _Admitted:
    """A batch's admitted orders waiting for a worker, then one end mark per worker."""

    def __init__(self) -> None:
        self._queue: queue.SimpleQueue[Admitted | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._orders = 0  # orders in the queue (end marks not counted)

    def put(self, order: Admitted | None) -> None:
        if order is not None:
            with self._lock:
                self._orders += 1
        self._queue.put(order)

    def get(self, *, wait: bool) -> Admitted | None:
        """The next order, or None for the end; queue.Empty if ``wait`` is off and none is in."""
        order = self._queue.get() if wait else self._queue.get_nowait()
        if order is not None:
            with self._lock:
                self._orders -= 1
        return order

    def waiting(self) -> int:
        with self._lock:
            return self._orders


_NONE_READY = object()  # `_Ready.take`: no order is waiting right now


class _Ready:
    """One worker's view of its batch's admitted orders: the order it has taken up ahead (to
    claim it while its request is out) comes first."""

    def __init__(self, admitted: _Admitted, workers: int, reserve: Callable[[int], bool],
                 first: Admitted | None = None) -> None:
        self._admitted = admitted
        self._workers = workers
        self._reserve = reserve
        # Taken up ahead (or given to the worker at its start), and whether it is marked as this
        # worker's already.
        self._next: tuple[Admitted, bool] | None = None if first is None else (first, False)
        self._ended = False  # the end was taken up ahead

    def take(self, *, wait: bool) -> tuple[Admitted, bool] | object | None:
        """The worker's next order and whether it is marked as this worker's already (see
        `SubmissionEngine._reserve`), None once there are no more, or `_NONE_READY`."""
        if self._next is not None:
            taken, self._next = self._next, None
            return taken
        if self._ended:
            return None
        try:
            order = self._admitted.get(wait=wait)
        except queue.Empty:
            return _NONE_READY
        return None if order is None else (order, False)

    def upcoming(self) -> int | None:
        """Take up the next order now, to claim it ahead; only while more are waiting than the
        batch's other workers could take at once, so none of them waits for want of one."""
        if self._next is not None or self._ended or self._admitted.waiting() < self._workers:
            return None
        try:
            order = self._admitted.get(wait=False)
        except queue.Empty:
            return None
        if order is None:
            self._ended = True
            return None
        reserved = self._reserve(order.order_id)
        self._next = (order, reserved)
        return order.order_id if reserved else None


def _save(carry: Carry) -> None:
    """Journal what ``carry`` holds on its own; a failure is reported with its order."""
    try:
        carry.save()
    except Exception:
        log.exception("journaling an outcome failed")


def _close_client(lane: Lane) -> None:
    try:
        lane.client.close()
    except Exception:
        log.exception("closing a client failed")
