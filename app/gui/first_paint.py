"""Work that waits until a window has been painted once: what the operator does not need in the
first moment (the simulator, the keyring) starts behind a window that is already there."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


def after_first_paint(widget: QWidget, action: Callable[[], None]) -> None:
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
