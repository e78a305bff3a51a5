"""One worker shape for everything that must not run on the GUI thread.

A `Worker` is a QRunnable whose separate `WorkerSignals` object carries the result or the exception
back to the GUI thread (queued connections). `WorkerPool` keeps a reference to every running worker,
so nothing is collected mid-flight, and waits for them all on shutdown.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class WorkerSignals(QObject):
    result = Signal(object)
    error = Signal(object)  # the exception itself, so the receiver can decide how to show it
    progress = Signal(object)
    finished = Signal()


class Worker(QRunnable):
    """Runs ``fn(*args, **kwargs)``; if ``fn`` accepts ``progress``, it gets a thread-safe
    callable that emits `WorkerSignals.progress`."""

    def __init__(self, fn: Callable[..., Any], *args: Any, with_progress: bool = False,
                 **kwargs: Any) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the pool owns the reference until `finished`
        self.signals = WorkerSignals()
        self._fn = fn
        self._args = args
        self._kwargs = kwargs
        if with_progress:
            self._kwargs["progress"] = self.signals.progress.emit
        self.cancelled = threading.Event()

    def run(self) -> None:
        try:
            value = self._fn(*self._args, **self._kwargs)
        except Exception as exc:  # reported through the signal; the receiver logs and shows it
            log.debug("worker %s failed", getattr(self._fn, "__name__", self._fn), exc_info=True)
            self.signals.error.emit(exc)
        else:
            self.signals.result.emit(value)
        finally:
            self.signals.finished.emit()


class WorkerPool(QObject):
    """Starts workers on a private QThreadPool and keeps them alive until they finish."""

    def __init__(self, parent: QObject | None = None, max_threads: int = 4) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._running: set[Worker] = set()

    def start(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_result: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[Any], None] | None = None,
        **kwargs: Any,
    ) -> Worker:
        worker = Worker(fn, *args, with_progress=on_progress is not None, **kwargs)
        if on_result is not None:
            worker.signals.result.connect(on_result)
        # An error nobody handles is still logged, never silently dropped.
        worker.signals.error.connect(on_error or _log_unhandled)
        if on_progress is not None:
            worker.signals.progress.connect(on_progress)
        worker.signals.finished.connect(lambda: self._running.discard(worker))
        self._running.add(worker)
        self._pool.start(worker)
        return worker

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def wait(self, timeout_ms: int = -1) -> bool:
        """Block until every started worker has returned (True) or the timeout passed."""
        return self._pool.waitForDone(timeout_ms)


def _log_unhandled(exc: BaseException) -> None:
    log.error("background task failed", exc_info=(type(exc), exc, exc.__traceback__))
