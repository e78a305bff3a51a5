"""Work that waits until a window has been painted once: what the operator does not need in the
first moment (the simulator, the keyring) starts behind a window that is already there."""

from __future__ import annotations

import linecache
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


def after_first_paint(widget: QWidget, action: Callable[[], object]) -> None:
    """Run `action` once, on the event loop, after `widget` has first been painted (never, if
    it never is)."""

    class _Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                widget.removeEventFilter(self)
                self.deleteLater()
                QTimer.singleShot(0, action)
            return False

    widget.installEventFilter(_Watch(widget))


def forget_module_sources() -> None:
    """Drop the source lines PySide6 has read of the modules imported since it was loaded.

    On every import PySide6 reads the new module's source (to see whether it asks for one of
    its `__feature__` switches) and `linecache` keeps every line for good: some 100,000 lines,
    8 MB and more once the models, the simulator and the HTTP client have arrived. Called after
    each wave of imports behind the first paint; a traceback reads the lines it needs again.
    """
    linecache.clearcache()
