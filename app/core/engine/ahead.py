"""Claims made ahead: each worker's next order is claimed (queued -> sending, on the disk) on a
thread of the batch while the worker's current request is out, so no disk sync lies between one
answer and the next request.

Claims waiting together are committed in one transaction (one disk sync for a round of workers,
with the outcomes they carry). Only a desk's own journal claims ahead (`Carry.may_hold`): on a
team journal one transaction holding two orders' rows could wait in a circle with another
desk's, and a desk that stopped would hold the orders it claimed ahead. The thread gives way to
the workers that have just had an answer until they have sent their next request (it would take
the interpreter from them), unless a worker waits for a claim, and for at most `GIVE_WAY`
seconds.

An order claimed ahead and never sent (the process stopped first) is `sending` in the journal,
like one whose request was cut short: the next start looks it up and never sends it twice.
A pause or a cancel gives the claim back (`Journal.unclaim`).
"""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import Future
from typing import Any, Protocol, TypeVar

from app.core.journal import Journal, JournalGone

log = logging.getLogger(__name__)

T = TypeVar("T")

# Seconds a claim waits, unless a worker waits for it: for the claims of the other workers, which
# their requests of the same round bring moments later (one transaction, one sync for all), and
# at most for the workers between an answer and their next request.
GATHER = 0.01
GIVE_WAY = 0.03


class Claim(Protocol):
    """One worker's writes for the claims thread (`delivery._WrittenAhead`)."""

    def body(self) -> Any:
        """Its writes, inside a transaction the thread opened (perhaps with others')."""

    def done(self, written: Any) -> None:
        """That transaction committed; ``written`` is what `body` returned."""

    def fail(self, exc: BaseException) -> None:
        """Nothing of it may be counted on (nothing, once it is done or failed)."""

    def alone(self) -> None:
        """All of it in a transaction of its own, failures included."""


class ClaimsAhead:
    """The claims of one batch's workers, committed on a thread of their own."""

    def __init__(self, journal: Journal) -> None:
        self._journal = journal
        self._changed = threading.Condition()
        self._pending: list[Claim] = []
        self._answered = 0  # workers between an answer and their next request
        self._waiting = 0  # workers waiting for a claim
        self._thread: threading.Thread | None = None
        self._closed = False

    def submit(self, claim: Claim) -> None:
        """Write ``claim`` soon."""
        with self._changed:
            if self._closed:
                raise RuntimeError("the batch's claims are closed")
            self._pending.append(claim)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="order-desk-claims",
                                                daemon=True)
                self._thread.start()
            self._changed.notify()

    def result(self, future: Future[T]) -> T:
        """Wait for a claim's result (at once, if the thread was giving way)."""
        if future.done():
            return future.result()
        with self._changed:
            self._waiting += 1
            self._changed.notify()
        try:
            return future.result()
        finally:
            with self._changed:
                self._waiting -= 1

    def answered(self, delta: int) -> None:
        """A worker has had an answer (+1), or sent its next request or stopped to wait (-1)."""
        with self._changed:
            self._answered += delta
            if not self._answered:
                self._changed.notify()

    def close(self) -> None:
        """Write what is pending, then stop the thread."""
        with self._changed:
            self._closed = True
            self._changed.notify()
            thread = self._thread
        if thread is not None:
            thread.join()

    def _run(self) -> None:
        while True:
            with self._changed:
                while not self._pending and not self._closed:
                    self._changed.wait()
                if not self._pending:
                    return
                self._gather()
                claims, self._pending = self._pending, []
            try:
                self._write(claims)
            except BaseException as exc:  # never leave a worker waiting for its claim
                log.exception("writing claims failed")
                for claim in claims:
                    claim.fail(exc)

    def _gather(self) -> None:
        """Let the other workers' claims of this round come in, and the workers that have an
        answer write it and send their next request, unless a worker waits for a claim."""
        start = time.monotonic()
        while not self._waiting and not self._closed:
            elapsed = time.monotonic() - start
            if elapsed >= GIVE_WAY or (elapsed >= GATHER and self._answered <= 0):
                return
            self._changed.wait((GATHER if elapsed < GATHER else GIVE_WAY) - elapsed)

    def _write(self, claims: list[Claim]) -> None:
        if len(claims) > 1:
            try:
                with self._journal.transaction():
                    written = [claim.body() for claim in claims]
            except JournalGone as exc:  # perhaps after the commit: none of them may go out
                for claim in claims:
                    claim.fail(exc)
                return
            except BaseException:
                log.debug("claims together failed; each on its own", exc_info=True)
            else:
                for claim, result in zip(claims, written, strict=True):
                    claim.done(result)
                return
        for claim in claims:
            claim.alone()
