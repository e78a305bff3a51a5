"""Pause, resume and cancel, shared by the threads working on one batch."""

from __future__ import annotations

import threading


class BatchControl:
    def __init__(self) -> None:
        self._running = threading.Event()
        self._running.set()
        self.cancelled = threading.Event()
        # Why the batch holds by itself (the account cannot take orders); "" when it does not.
        self.held_reason = ""
        self._lock = threading.Lock()
        self._bulk_cancel_claimed = False

    @property
    def paused(self) -> bool:
        return not self._running.is_set()

    def pause(self) -> None:
        self._running.clear()

    def resume(self) -> None:
        self.held_reason = ""
        self._running.set()

    def hold(self, reason: str) -> bool:
        """Pause because the account cannot take orders; True for the first reason given (the
        batch's owner decides: resume once it is fixed, or cancel)."""
        with self._lock:
            if self.held_reason or self.cancelled.is_set():
                return False
            self.held_reason = reason
            self._running.clear()
            return True

    def claim_bulk_cancel(self) -> bool:
        """True once per batch: to the worker that cancels its remaining orders in one go."""
        with self._lock:
            first = not self._bulk_cancel_claimed
            self._bulk_cancel_claimed = True
            return first

    def cancel(self) -> None:
        self.cancelled.set()
        self._running.set()  # paused workers wake up to see the cancellation

    def wait_while_paused(self) -> None:
        self._running.wait()

    def sleep(self, seconds: float) -> bool:
        """Wait up to ``seconds``; True if the batch was cancelled meanwhile."""
        return self.cancelled.wait(seconds) if seconds > 0 else self.cancelled.is_set()
