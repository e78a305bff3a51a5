"""Pause, resume and cancel, shared by the threads working on one batch."""

from __future__ import annotations

import threading


class BatchControl:
    def __init__(self) -> None:
        self._running = threading.Event()
        self._running.set()
        self.cancelled = threading.Event()

    @property
    def paused(self) -> bool:
        return not self._running.is_set()

    def pause(self) -> None:
        self._running.clear()

    def resume(self) -> None:
        self._running.set()

    def cancel(self) -> None:
        self.cancelled.set()
        self._running.set()  # paused workers wake up to see the cancellation

    def wait_while_paused(self) -> None:
        self._running.wait()

    def sleep(self, seconds: float) -> bool:
        """Wait up to ``seconds``; True if the batch was cancelled meanwhile."""
        return self.cancelled.wait(seconds) if seconds > 0 else self.cancelled.is_set()
