"""Combo boxes and spin boxes change only when focused: a wheel turned over one while scrolling a
form or the import mapping scrolls the page instead of changing the value."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox

log = logging.getLogger(__name__)

_GUARDED = (QComboBox, QAbstractSpinBox)  # QSpinBox, QDoubleSpinBox, date and time edits


class WheelGuard(QObject):
    """Application-wide: guarded widgets take focus by click or Tab only (not by the wheel), and
    a wheel event over one without focus goes on to its parent, which scrolls."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(watched, _GUARDED):
            return False
        if event.type() == QEvent.Type.Polish:
            watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        elif event.type() == QEvent.Type.Wheel and not watched.hasFocus():
            event.ignore()  # ignored and filtered: Qt offers it to the parent widget
            return True
        return False


def install_wheel_guard() -> None:
    """Install the guard on the application once; widgets made afterwards are guarded."""
    app = QCoreApplication.instance()
    if app is None or app.findChild(WheelGuard) is not None:
        return
    app.installEventFilter(WheelGuard(app))

