"""Hears a team journal's changes (other desks' outcomes) on a thread of its own and tells the
window, a few at a time: a batch of hundreds of outcomes is one refresh, not hundreds."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QTimer, Signal

from app.core.journal import Journal

SETTLE_MS = 300  # changes arriving this close together make one refresh


class JournalWatch(QObject):
    changed = Signal()
    _heard = Signal()  # from the listening thread; delivered on the owner's thread

    def __init__(self, journal: Journal, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stop = threading.Event()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SETTLE_MS)
        self._timer.timeout.connect(self.changed)
        self._heard.connect(self._timer.start)  # a running timer starts over
        stop = self._stop  # the thread keeps no reference to this object
        heard = self._heard
        self.destroyed.connect(lambda *_: stop.set())

        def tell(_order_id: int) -> None:
            if stop.is_set():
                return
            try:
                heard.emit()
            except RuntimeError:  # the window went away meanwhile
                stop.set()

        if journal.shared:
            threading.Thread(target=journal.watch, args=(tell, stop),
                             name="order-desk-journal-watch", daemon=True).start()

    def stop(self) -> None:
        self._stop.set()
