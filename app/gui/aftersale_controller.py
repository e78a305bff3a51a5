"""Status refreshes and cancels for the window, on workers: the operator's "Refresh status" and
"Cancel order", and an automatic refresh of recent unfinished orders.

Everything goes through the submission engine (`SubmissionEngine.check_status`, `.cancel`), so
these requests share each account's rate limiter with sending. The automatic refresh asks only
about accepted orders of the last `RECENT_DAYS` days whose life is not over and that were not
checked in the last `RECHECK_AFTER_S`, at most `AUTO_BATCH` at a time, one refresh at a time:
its pages wait for the limiter like any request, so it never crowds out sending.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from app.core.settings import Profile
from app.gui.context import AppContext
from app.gui.workers import WorkerPool

if TYPE_CHECKING:
    from app.core.journal import OrderRecord

log = logging.getLogger(__name__)

AUTO_INTERVAL_MS = 5 * 60 * 1000  # how often the automatic refresh looks for due orders
FIRST_AUTO_MS = 20 * 1000  # the first look, soon after the window opens
RECHECK_AFTER_S = 15 * 60  # an order checked more recently than this is not due
AUTO_BATCH = 500


class AfterSaleController(QObject):
    status_done = Signal(object, bool)  # list[StatusResult], whether the operator asked
    cancel_done = Signal(object)  # list[CancelResult]
    failed = Signal(str)  # a sentence for the status bar

    def __init__(self, context: AppContext, engine: Callable[[], Any],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._engine = engine  # the submission engine now (it is renewed after a new credential)
        self._workers = WorkerPool(self, max_threads=2)
        self._stop = threading.Event()
        self._auto_running = False
        self.timer = QTimer(self)
        self.timer.setObjectName("autoStatusTimer")
        self.timer.setInterval(AUTO_INTERVAL_MS)
        self.timer.timeout.connect(self.refresh_due)

    def start_automatic(self, first_ms: int = FIRST_AUTO_MS) -> None:
        QTimer.singleShot(first_ms, self.refresh_due)
        self.timer.start()

    # -- the operator's requests ----------------------------------------------------------------
    def refresh(self, records: Sequence[OrderRecord]) -> None:
        self._run(records, asked=True)

    def cancel(self, records: Sequence[OrderRecord]) -> None:
        for profile, members in self._groups(records):
            self._workers.start(self._cancel_one, profile, members,
                                on_result=self.cancel_done.emit,
                                on_error=lambda exc: self.failed.emit(str(exc)))

    # -- automatic ------------------------------------------------------------------------------
    def refresh_due(self) -> None:
        """Ask about recent unfinished orders not checked lately (one refresh at a time)."""
        from app.core.server_status import RECENT_DAYS  # not needed before the first paint

        if self._auto_running or self._stop.is_set():
            return
        now = time.time()
        try:
            due = self._context.journal.status_due(
                created_since=now - RECENT_DAYS * 86400, checked_before=now - RECHECK_AFTER_S,
                limit=AUTO_BATCH)
        except Exception:  # a journal trouble shows where the operator acts, not from a timer
            log.warning("could not read the orders due for a status check", exc_info=True)
            return
        if due:
            self._run(due, asked=False)

    # -- plumbing -------------------------------------------------------------------------------
    def _groups(self, records: Sequence[OrderRecord], *, quiet: bool = False
                ) -> list[tuple[Profile, list[OrderRecord]]]:
        """The orders by a profile that can ask about them; what stops the others is said
        unless ``quiet`` (the automatic refresh does not repeat it every few minutes)."""
        reached, stranded = self._context.by_profile(records)
        if stranded and not quiet:
            self.failed.emit(self.tr("No profile sends to %1 any more; its orders cannot be "
                                     "asked about. Add a profile for it.")
                             .replace("%1", stranded[0].account))
        ready = []
        for profile, members in reached:
            missing = self._context.missing_secrets(profile)
            if missing:
                if quiet:
                    continue
                self.failed.emit(self.tr("Profile %1 has no %2: set it in Profiles and "
                                         "credentials.").replace("%1", profile.name)
                                 .replace("%2", ", ".join(missing)))
                continue
            ready.append((profile, members))
        return ready

    def _run(self, records: Sequence[OrderRecord], *, asked: bool) -> None:
        groups = self._groups(records, quiet=not asked)
        if not groups:
            return
        if not asked:
            self._auto_running = True
        self._workers.start(self._check_all, groups, on_result=lambda results:
                            self._status_result(results, asked),
                            on_error=lambda exc: self._status_failed(exc, asked))

    def _check_all(self, groups: list[tuple[Profile, list[OrderRecord]]]) -> list[Any]:
        results: list[Any] = []
        for profile, members in groups:
            results += self._engine().check_status(profile, members, stop=self._stop)
        return results

    def _cancel_one(self, profile: Profile, members: list[OrderRecord]) -> list[Any]:
        return list(self._engine().cancel(profile, members, stop=self._stop))

    def _status_result(self, results: list[Any], asked: bool) -> None:
        if not asked:
            self._auto_running = False
        self.status_done.emit(results, asked)

    def _status_failed(self, exc: BaseException, asked: bool) -> None:
        if not asked:
            self._auto_running = False
        log.warning("status refresh failed: %s", exc)
        if asked:
            self.failed.emit(str(exc))

    @property
    def busy(self) -> bool:
        return self._workers.busy

    def shutdown(self, timeout_ms: int) -> None:
        """Stop asking (requests in flight finish), then wait for the workers."""
        self._stop.set()
        self.timer.stop()
        self._workers.wait(timeout_ms)
