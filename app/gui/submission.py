"""The bridge between the window and the submission engine.

The engine runs batches on its own threads and calls back from them; this controller turns those
callbacks into Qt signals (queued to the GUI thread), keeps every running batch's handle, and
says how many orders are still in flight when the operator wants to quit.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal

from app.core.settings import Profile
from app.core.targets import Target
from app.gui.context import AppContext

if TYPE_CHECKING:  # the engine brings the models: made when first used, after the first paint
    from app.core.engine import BatchHandle, Progress, SubmissionEngine
    from app.core.journal import OrderRecord

log = logging.getLogger(__name__)


@dataclass
class _Batch:
    handle: BatchHandle
    target: Target
    context: dict[str, Any] = field(default_factory=dict)
    reconcile: bool = False


class SubmissionController(QObject):
    progress = Signal(object)  # Progress of the batch that changed
    batch_finished = Signal(object, object)  # list[OrderResult], the caller's context dict
    failed = Signal(object, object)  # the exception, the caller's context dict
    reconciled = Signal(str)  # a sentence for the status bar
    _progress_from_engine = Signal(object, object)  # handle, Progress (from engine threads)

    def __init__(self, context: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._engine: SubmissionEngine | None = None
        self._engine_lock = threading.Lock()  # status checks ask for it on worker threads
        self._batches: dict[int, _Batch] = {}
        self._clients_stale = False
        # Queued even when emitted on the GUI thread: a batch that finished before its handle
        # came back is reported once `submit` has registered it, not dropped as unknown.
        self._progress_from_engine.connect(self._on_progress,
                                           Qt.ConnectionType.QueuedConnection)

    @property
    def engine(self) -> SubmissionEngine:
        with self._engine_lock:
            if self._engine is None:
                from app.core.engine import SubmissionEngine

                self._engine = SubmissionEngine(self._context.journal, self._client_for)
            return self._engine

    def _client_for(self, profile: Profile) -> Any:
        # The engine owns (and closes) the clients it asks for: build a fresh one each time.
        return self._context.new_client(profile)

    # -- starting ------------------------------------------------------------------------------
    def submit(self, profile: Profile, payloads: Sequence[dict[str, Any]], *,
               allow_duplicates: bool = False, context: dict[str, Any] | None = None) -> None:
        """Hand orders to the engine; results arrive through `batch_finished` or `failed`."""
        context = context or {}
        try:
            handle = self._start(lambda on_progress: self.engine.submit_batch(
                list(payloads), profile, allow_duplicates=allow_duplicates, source="window",
                on_progress=on_progress))
        except ValueError as exc:  # the profile cannot be used yet, e.g. a missing credential
            self.failed.emit(exc, context)
            return
        self._batches[id(handle)] = _Batch(handle, profile.target, context)

    def reconcile(self, records: Sequence[OrderRecord]) -> None:
        """Resolve unknown orders now, once per account they belong to, through a profile that
        reaches it (the one in use first)."""
        accounts = {(r.target, r.account) for r in records}
        for target, account in sorted(accounts):
            reaching = self._context.profiles_for(target, account)
            if not reaching:
                self.reconciled.emit(self.tr("No profile sends to %1 any more; its unknown orders "
                                             "cannot be checked. Add a profile for it.")
                                     .replace("%1", account))
                continue
            profile = reaching[0]
            name = profile.name
            try:
                handle = self._start(partial(self._reconcile_profile, profile))
            except ValueError as exc:
                self.reconciled.emit(str(exc))
                continue
            self._batches[id(handle)] = _Batch(handle, profile.target, {"profile": name},
                                               reconcile=True)

    def _reconcile_profile(self, profile: Profile,
                           on_progress: Callable[[Progress], None]) -> BatchHandle:
        return self.engine.reconcile(profile, on_progress=on_progress)

    def _start(self, start: Callable[[Callable[[Progress], None]], BatchHandle]) -> BatchHandle:
        # The handle is not known until the engine returns it, but its first callback may come
        # sooner: remember early snapshots against a holder the lambda closes over.
        self._renew_engine_when_idle()  # credentials changed while an import was sending
        holder: list[BatchHandle] = []
        early: list[Progress] = []
        # Without it a snapshot told between "no handle yet" and keeping it is never relayed;
        # emitting under it keeps the snapshots in order.
        lock = threading.Lock()

        def on_progress(progress: Progress) -> None:
            with lock:
                if holder:
                    self._progress_from_engine.emit(holder[0], progress)
                else:
                    early.append(progress)

        handle: BatchHandle = start(on_progress)
        with lock:
            holder.append(handle)
            if early:
                self._progress_from_engine.emit(handle, early[-1])
        return handle

    # -- progress (GUI thread) -----------------------------------------------------------------
    def _on_progress(self, handle: BatchHandle, progress: Progress) -> None:
        batch = self._batches.get(id(handle))
        if batch is None:
            return  # already reported
        if not progress.finished:
            if not batch.reconcile:
                self.progress.emit(progress)
            return
        del self._batches[id(handle)]
        self._renew_engine_when_idle()
        error = handle.error
        if batch.reconcile:
            self.reconciled.emit(self._reconcile_summary(handle, error))
        elif error is not None:
            self.failed.emit(error, batch.context)
        else:
            self.batch_finished.emit(handle.report().results, batch.context)

    def _reconcile_summary(self, handle: BatchHandle, error: BaseException | None) -> str:
        from app.core.engine.results import ResultStatus

        if error is not None:
            return self.tr("Checking unknown orders failed: %1").replace("%1", str(error))
        recovered = handle.report().recovered
        accepted = sum(1 for r in recovered if r.status is ResultStatus.ACCEPTED)
        unknown = sum(1 for r in recovered if r.status is ResultStatus.UNKNOWN)
        text = (self.tr("Checked %1 unknown order(s): %2 accepted, %3 still unknown.")
                .replace("%1", str(len(recovered))).replace("%2", str(accepted))
                .replace("%3", str(unknown)))
        # Proven absent and sent again, but the server took none of the tries.
        not_sent = sum(1 for r in recovered if r.status is ResultStatus.NOT_SENT)
        if not_sent:
            text += " " + self.tr("%1 not sent: nothing was created; submit them again to send "
                                  "them.").replace("%1", str(not_sent))
        return text

    def credentials_changed(self) -> None:
        """The engine keeps one client per profile; after a credential changed, start afresh
        (now if idle, else once the running batches are done)."""
        self._clients_stale = True
        self._renew_engine_when_idle()

    def _renew_engine_when_idle(self) -> None:
        old = self._engine
        if (not self._clients_stale or self._batches
                or (old is not None and (old.in_flight or old.after_sale_running))):
            return
        self._clients_stale = False
        with self._engine_lock:
            self._engine = None  # the next use makes a new one, with fresh clients
        if old is not None:
            old.close()  # idle: nothing to wait for, it only closes the old clients

    # -- state ---------------------------------------------------------------------------------
    @property
    def in_flight(self) -> int:
        """Orders of running batches without a final result yet, the import dialog's too (it
        sends through the same engine)."""
        return 0 if self._engine is None else self._engine.in_flight

    def busy_with(self, target: Target) -> bool:
        return any(b.target is target and not b.reconcile for b in self._batches.values())

    def shutdown(self, timeout_ms: int) -> None:
        """Cancel what has not been sent, wait for requests in flight, close the clients."""
        if self._engine is not None:
            self._engine.close(timeout_ms / 1000)
        self._batches.clear()
