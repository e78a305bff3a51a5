"""The order models arrive behind the first painted window.

Importing pydantic and the models and building their validators takes a few tenths of a second:
the window is painted first, from the generated field specs, and the models are loaded on a
thread. What the operator types meanwhile stays in the forms and is validated when they arrive
(`OrderForm.validate_soon`); a check that cannot wait (Submit) waits for them.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
from collections.abc import Sequence

from PySide6.QtCore import QObject, Qt, Signal

from app.core.targets import Target
from app.gui.first_paint import forget_module_sources

log = logging.getLogger(__name__)

VALIDATION = "app.core.models.validation"


class ModelArrival(QObject):
    arrived = Signal()  # on the GUI thread, once, when the models are loaded
    _loaded = Signal()  # from the loading thread

    def __init__(self, targets: Sequence[Target], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._targets = tuple(targets)
        self._done = threading.Event()
        self._thread: threading.Thread | None = None
        self._starting = threading.Lock()  # the simulator's start waits here too (app.py)
        self._announced = False
        # Queued even when `wait` loads them on the GUI thread: never inside a validation.
        self._loaded.connect(self._announce, Qt.ConnectionType.QueuedConnection)
        if VALIDATION in sys.modules:  # an earlier window (or anything else) loaded them
            self._done.set()
            self._announced = True

    @property
    def ready(self) -> bool:
        return self._done.is_set()

    def start(self) -> None:
        """Load the models on a thread (once; from any thread)."""
        with self._starting:
            if self._thread is None and not self.ready:
                self._thread = threading.Thread(target=self._load, name="models", daemon=True)
                self._thread.start()

    def wait(self) -> None:
        """Until the models are loaded (starting that now if it has not started). Whoever else
        needs them behind the window waits here rather than importing them alongside: two
        threads importing the same modules at once can meet in a circular import."""
        self.start()
        self._done.wait()

    def _load(self) -> None:
        try:
            from app.core.models.validation import validate_order

            for target in self._targets:  # builds each model's validator (pydantic defers it)
                validate_order(target, {})
        except Exception:  # each validation will load (and report) what failed here
            log.warning("loading the order models failed", exc_info=True)
        finally:
            forget_module_sources()
            self._done.set()
            with contextlib.suppress(RuntimeError):  # the window went before they arrived
                self._loaded.emit()

    def _announce(self) -> None:
        if not self._announced:
            self._announced = True
            self.arrived.emit()
