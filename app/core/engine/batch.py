"""The caller's handle on a running batch: control, progress, results."""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.core.engine.control import BatchControl
from app.core.engine.results import OrderResult, Progress, ResultStatus
from app.core.phrases import NOT_STARTED

log = logging.getLogger(__name__)

ProgressCallback = Callable[[Progress], None]
ResultCallback = Callable[[OrderResult], None]


@dataclass(frozen=True)
class BatchReport:
    batch_id: int | None
    results: list[OrderResult]  # one per submitted order, in submission order
    recovered: list[OrderResult]  # earlier uncertain orders of the profile, resolved first

    def count(self, status: ResultStatus) -> int:
        return sum(1 for result in self.results if result.status is status)


class BatchHandle:
    """Returned at once by the engine; the work runs on background threads.

    Callbacks are called from those threads (never the caller's): a GUI must hand them over to its
    own thread (e.g. through a Qt signal). A callback that raises is logged and otherwise ignored.
    """

    def __init__(
        self,
        total: int,
        *,
        on_progress: ProgressCallback | None = None,
        on_result: ResultCallback | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.total = total
        self.batch_id: int | None = None
        self.control = BatchControl()
        self._on_progress = on_progress
        self._on_result = on_result
        self._clock = clock
        self._started = clock()
        self._lock = threading.Lock()
        self._results: list[OrderResult | None] = [None] * total
        self._recovered: list[OrderResult] = []
        self._counts: Counter[ResultStatus] = Counter()
        self._finished = threading.Event()
        self._error: BaseException | None = None

    # -- control -------------------------------------------------------------------------------

    def pause(self) -> None:
        """Stop starting new requests; those in flight finish."""
        self.control.pause()
        self._notify()

    def resume(self) -> None:
        self.control.resume()
        self._notify()

    def cancel(self) -> None:
        """Orders not yet sent become `cancelled`; requests in flight finish and are recorded."""
        self.control.cancel()

    @property
    def paused(self) -> bool:
        return self.control.paused

    @property
    def done(self) -> bool:
        return self._finished.is_set()

    def join(self, timeout: float | None = None) -> bool:
        """Block until the batch ends or ``timeout`` passes; True if it ended."""
        return self._finished.wait(timeout)

    def wait(self, timeout: float | None = None) -> BatchReport:
        """Block until the batch ends. Raises TimeoutError if it has not ended by ``timeout``, or
        the error that stopped it (JournalError when the journal could not be written)."""
        if not self._finished.wait(timeout):
            raise TimeoutError("the batch is still running")
        if self._error is not None:
            raise self._error
        return self.report()

    # -- state ---------------------------------------------------------------------------------

    @property
    def error(self) -> BaseException | None:
        return self._error

    def progress(self) -> Progress:
        with self._lock:
            done = sum(self._counts.values())
            elapsed = max(self._clock() - self._started, 1e-9)
            return Progress(
                total=self.total,
                done=done,
                counts=dict(self._counts),
                rate=done / elapsed,
                paused=self.control.paused,
                finished=self._finished.is_set(),
                held=self.control.held_reason,
            )

    def report(self) -> BatchReport:
        with self._lock:
            results = [
                result
                or OrderResult(index, None, ResultStatus.CANCELLED, message=NOT_STARTED)
                for index, result in enumerate(self._results)
            ]
            return BatchReport(self.batch_id, results, list(self._recovered))

    # -- fed by the engine's threads ------------------------------------------------------------

    def _add_result(self, result: OrderResult) -> None:
        with self._lock:
            if result.index < 0:
                self._recovered.append(result)
            else:
                self._results[result.index] = result
                self._counts[result.status] += 1
        self._call(self._on_result, result)
        self._notify()

    def _fail(self, error: BaseException) -> None:
        with self._lock:
            if self._error is None:
                self._error = error
        self.control.cancel()

    def _finish(self) -> None:
        self._finished.set()
        self._notify()

    def _notify(self) -> None:
        self._call(self._on_progress, self.progress())

    def _call(self, callback: Callable[[Any], None] | None, value: object) -> None:
        if callback is None:
            return
        try:
            callback(value)
        except Exception:
            log.exception("a batch callback failed")
