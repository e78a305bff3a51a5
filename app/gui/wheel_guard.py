"""Combo boxes and spin boxes change only when focused: a wheel turned over one while scrolling a
form or the import mapping scrolls the page instead of changing the value."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox

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
    """Install the guard on the application once; the widgets there are and those made
    afterwards are guarded.

    The window installs it once it has painted: a Python filter of every event of the
    application, in place before, made Qt's start-up events cross into Python and load every
    Qt class's enums (about 30 ms), and nobody turns a wheel over a window not yet shown."""
    app = QCoreApplication.instance()
    if not isinstance(app, QApplication) or app.findChild(WheelGuard) is not None:
        return
    for widget in app.allWidgets():
        if isinstance(widget, _GUARDED):
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    app.installEventFilter(WheelGuard(app))

