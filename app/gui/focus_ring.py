"""A focus frame that cannot be missed, around the field the cursor is in.

One ring per form follows the focus, drawn over the field's own edge by a widget laid over it
(it takes no space: showing it never moves a field). It replaced a `:focus` style sheet on the
form, which put every field under Qt's style-sheet style: twice the time to build, polish and
paint a form.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QWidget

COLOUR = "#1565c0"
WIDTH = 2


class FocusRing(QWidget):
    """Follows the focus among the line edits and drop-downs inside ``area``."""

    def __init__(self, area: QWidget) -> None:
        super().__init__(area)
        self._area = area
        self._field: QWidget | None = None
        self.setObjectName("focusRing")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hide()  # until a field of the area has the focus
        app = QCoreApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._follow)

    @property
    def field(self) -> QWidget | None:
        return self._field

    def _follow(self, _old: QWidget | None, new: QWidget | None) -> None:
        field = _field_of(new)
        if field is not None and not self._area.isAncestorOf(field):
            field = None
        if field is self._field:
            return
        if self._field is not None and not shiboken6.isValid(self._field):
            self._field = None  # deleted with its window: nothing to unwatch
        for watched in self._watched():
            watched.removeEventFilter(self)
        self._field = field
        for watched in self._watched():
            watched.installEventFilter(self)
        self._place()

    def _watched(self) -> list[QWidget]:
        """The field and the widgets between it and the area: a move of any of them (a group
        opened above it, a message beside it) moves the field within the area."""
        chain: list[QWidget] = []
        widget = self._field
        while widget is not None and widget is not self._area and shiboken6.isValid(widget):
            chain.append(widget)
            widget = widget.parentWidget()
        return chain

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show,
                            QEvent.Type.Hide):
            self._place()
        return False

    def _place(self) -> None:
        field = self._field
        if field is None or not shiboken6.isValid(field) or not field.isVisible():
            self.hide()
            return
        self.setGeometry(QRect(field.mapTo(self._area, QPoint(0, 0)), field.size()))
        self.raise_()
        self.show()
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        half = WIDTH // 2
        painter = QPainter(self)
        painter.setPen(QPen(QColor(COLOUR), WIDTH))
        painter.drawRect(self.rect().adjusted(half, half, -half, -half))
        painter.end()


def _field_of(widget: QWidget | None) -> QWidget | None:
    """The line edit or drop-down ``widget`` is (an editable drop-down's line edit is part of
    it)."""
    if isinstance(widget, QLineEdit) and isinstance(widget.parent(), QComboBox):
        return widget.parentWidget()
    if isinstance(widget, (QLineEdit, QComboBox)):
        return widget
    return None
