"""The editable item list (QTableView over `ItemsTableModel`) with keyboard-driven row actions:
Insert adds a line, Ctrl+Shift+D duplicates the current one, Ctrl+Delete removes it.

Inside the table Tab and Shift+Tab move cell by cell and leave it after the last cell (or from
an empty last line) and before the first; Enter on the last line adds a line. The current cell
has a visible focus frame."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
)
from PySide6.QtGui import QAction, QColor, QFocusEvent, QKeyEvent, QKeySequence, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.gui.items_model import ItemsTableModel

log = logging.getLogger(__name__)

_Index = QModelIndex | QPersistentModelIndex


FOCUS_FRAME_COLOUR = "#1565c0"
MIN_VISIBLE_ROWS = 3  # the lines table never shows fewer (a folded group opened, a small window)


class FocusFrameDelegate(QStyledItemDelegate):
    """Draws a clear frame around the current cell while the table has the focus (the style's
    own focus rectangle is a faint dotted line, or nothing)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        super().paint(painter, option, index)
        view = self.parent()
        if (isinstance(view, QAbstractItemView) and view.hasFocus()
                and index == view.currentIndex()):
            painter.save()
            pen = QPen(QColor(FOCUS_FRAME_COLOUR))
            pen.setWidth(2)
            painter.setPen(pen)
            painter.drawRect(option.rect.adjusted(1, 1, -1, -1))
            painter.restore()


class ChoiceDelegate(FocusFrameDelegate):
    """A drop-down editor for columns whose values come from the model's enum."""

    def __init__(self, choices: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices = choices

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: _Index) -> QWidget:
        editor = QComboBox(parent)
        editor.addItems(["", *self._choices])
        return editor

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


class _LinesView(QTableView):
    """Asks for no more height than its minimum: the form sits in a scroll area that sizes it
    by preferred heights (its labels wrap), and the table's default preference of ~200 px
    would push the form past a 700 px window. The table still takes any spare height."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), self.minimumHeight())

    # -- keyboard: in and out of the table, a new line with Enter ------------------------------
    add_line: Callable[[], None] | None = None  # set by ItemsTable

    def last_column(self) -> int:
        """The last column shown (a column can be hidden, e.g. KA's per-line shipping speed)."""
        columns = self.model().columnCount()
        return next((c for c in reversed(range(columns)) if not self.isColumnHidden(c)),
                    columns - 1)

    def first_column(self) -> int:
        columns = self.model().columnCount()
        return next((c for c in range(columns) if not self.isColumnHidden(c)), 0)

    def _at_end(self) -> bool:
        """Tab leaves from here: the last cell, or an empty last line (the operator is done)."""
        model = self.model()
        index = self.currentIndex()
        rows = model.rowCount()
        if not index.isValid() or rows == 0:
            return True
        last_row = index.row() == rows - 1
        blank = isinstance(model, ItemsTableModel) and model.row_is_blank(index.row())
        return last_row and (index.column() >= self.last_column() or blank)

    def _at_start(self) -> bool:
        index = self.currentIndex()
        return not index.isValid() or (index.row() == 0
                                       and index.column() <= self.first_column())

    def _leave(self, forward: bool) -> None:
        """Focus to the widget before or after the table in the window's tab chain."""
        step = QWidget.nextInFocusChain if forward else QWidget.previousInFocusChain
        widget = step(self)
        while widget is not None and widget is not self:
            if (widget.isVisible() and widget.isEnabled()
                    and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                    and not self.isAncestorOf(widget) and widget.focusProxy() is None):
                reason = (Qt.FocusReason.TabFocusReason if forward
                          else Qt.FocusReason.BacktabFocusReason)
                widget.setFocus(reason)
                return
            widget = step(widget)

    def focusNextPrevChild(self, next: bool) -> bool:
        if (self._at_end() if next else self._at_start()):
            self._leave(next)
            return True
        return super().focusNextPrevChild(next)

    def closeEditor(self, editor: QWidget,
                    hint: QAbstractItemDelegate.EndEditHint) -> None:
        hint_of = QAbstractItemDelegate.EndEditHint
        if hint == hint_of.EditNextItem and self._at_end():
            super().closeEditor(editor, hint_of.NoHint)
            self._leave(True)
            return
        if hint == hint_of.EditPreviousItem and self._at_start():
            super().closeEditor(editor, hint_of.NoHint)
            self._leave(False)
            return
        super().closeEditor(editor, hint)
        if hint == hint_of.SubmitModelCache and self._enter_adds_line():
            assert self.add_line is not None
            self.add_line()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() == Qt.KeyboardModifier.NoModifier
                and self.state() != QAbstractItemView.State.EditingState
                and self._enter_adds_line()):
            assert self.add_line is not None
            self.add_line()
            return
        super().keyPressEvent(event)

    def _enter_adds_line(self) -> bool:
        model = self.model()
        index = self.currentIndex()
        return (self.add_line is not None and index.isValid()
                and index.row() == model.rowCount() - 1
                and isinstance(model, ItemsTableModel) and not model.row_is_blank(index.row()))

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Tab enters at the first cell, Shift+Tab at the last one."""
        model = self.model()
        if model.rowCount() and model.columnCount():
            if event.reason() == Qt.FocusReason.TabFocusReason:
                self.setCurrentIndex(model.index(0, self.first_column()))
            elif event.reason() == Qt.FocusReason.BacktabFocusReason:
                self.setCurrentIndex(model.index(model.rowCount() - 1, self.last_column()))
        super().focusInEvent(event)
        self.viewport().update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.viewport().update()  # the focus frame goes with the focus


class ItemsTable(QWidget):
    def __init__(self, object_name: str, model: ItemsTableModel,
                 choices: dict[str, list[str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.view = _LinesView(self)
        self.view.setObjectName(object_name)
        self.view.setModel(model)
        self.view.add_line = self.add_line
        self.view.setItemDelegate(FocusFrameDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        # Typing starts editing a cell (the key typed is its first character); moving from
        # cell to cell does not open editors, so Tab and Shift+Tab only move.
        trigger = QAbstractItemView.EditTrigger
        self.view.setEditTriggers(trigger.AnyKeyPressed | trigger.EditKeyPressed
                                  | trigger.DoubleClicked | trigger.SelectedClicked)
        self.view.setTabKeyNavigation(True)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 10)
        header = self.view.horizontalHeader()
        header.setMinimumSectionSize(self.view.fontMetrics().horizontalAdvance("0") * 8)
        # Columns sized to their name and their data (a quantity is not 500 px wide); the
        # spare width stays empty, on the right.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self.column_chars: dict[int, int] = {}
        self.fit_columns()
        for signal in (model.dataChanged, model.rowsInserted, model.modelReset):
            signal.connect(self.fit_columns)
        self.view.setMinimumHeight(self.rows_height(MIN_VISIBLE_ROWS))
        self._delegates = []
        for column, values in choices.items():
            if column in model.columns:
                delegate = ChoiceDelegate(values, self.view)
                self._delegates.append(delegate)
                self.view.setItemDelegateForColumn(model.columns.index(column), delegate)

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for label, tip, keys, slot, name in (
            (self.tr("Add line"), self.tr("Add an order line (Insert)"),
             QKeySequence(Qt.Key.Key_Insert), self.add_line, "addLine"),
            (self.tr("Duplicate line"), self.tr("Duplicate the current line (Ctrl+Shift+D)"),
             QKeySequence("Ctrl+Shift+D"), self.duplicate_line, "duplicateLine"),
            (self.tr("Remove line"), self.tr("Remove the current line (Ctrl+Delete)"),
             QKeySequence("Ctrl+Delete"), self.remove_line, "removeLine"),
        ):
            action = QAction(label, self)
            action.setShortcut(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setToolTip(tip)
            action.triggered.connect(slot)
            self.addAction(action)
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setObjectName(f"{object_name}.{name}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keyboard users have the shortcuts
            buttons.addWidget(button)
        hint = QLabel(self.tr("Tab: next cell · Enter on the last line: new line · "
                              "Ctrl+Enter: send"), self)
        hint.setObjectName(f"{object_name}.keys")
        hint.setStyleSheet("color: palette(placeholder-text);")
        buttons.addWidget(hint)
        buttons.addStretch(1)
        self.message = QLabel(self)
        self.message.setObjectName(f"{object_name}.message")
        self.message.setStyleSheet("color: #c62828;")
        self.message.setWordWrap(True)
        buttons.addWidget(self.message, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addLayout(buttons)

    def rows_height(self, rows: int) -> int:
        """The table's height showing the header, ``rows`` lines and a horizontal scroll bar
        (a narrow window scrolls the columns): no layout squeezes it below that."""
        view = self.view
        return (view.horizontalHeader().sizeHint().height()
                + rows * view.verticalHeader().defaultSectionSize()
                + view.horizontalScrollBar().sizeHint().height() + 2 * view.frameWidth())

    def natural_width(self, column: int) -> int:
        """Wide enough for the column's name, for what its cells hold, and for a typical value
        (`set_column_chars`)."""
        metrics = self.view.fontMetrics()
        header = self.view.horizontalHeader()
        name = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
        typical = metrics.horizontalAdvance("0") * self.column_chars.get(column, 0) + 12
        return max(header.minimumSectionSize(), metrics.horizontalAdvance(name) + 24,
                   typical, self.view.sizeHintForColumn(column) + 12)

    def set_column_chars(self, chars: dict[int, int]) -> None:
        """Room for a typical value, in characters, by column (a SKU needs more than a
        quantity)."""
        self.column_chars = dict(chars)
        self.fit_columns()

    def fit_columns(self) -> None:
        """Each column as wide as its name and data; the table as wide as its columns (the
        spare width of a big window stays beside it, not inside a stretched column)."""
        view = self.view
        header = view.horizontalHeader()
        for column in range(self.model.columnCount()):
            if not view.isColumnHidden(column):
                header.resizeSection(column, self.natural_width(column))
        view.setMaximumWidth(self.columns_width())

    def columns_width(self) -> int:
        """The table's width showing every shown column whole, and a vertical scroll bar."""
        view = self.view
        return (view.verticalHeader().sizeHint().width() + view.horizontalHeader().length()
                + view.verticalScrollBar().sizeHint().width() + 2 * view.frameWidth())

    def commit_pending_edit(self) -> None:
        """Keep what is typed in an open cell editor (Ctrl+Enter submits without leaving it)."""
        if self.view.state() != QAbstractItemView.State.EditingState:
            return
        editor = self.view.indexWidget(self.view.currentIndex())
        if editor is not None:
            self.view.commitData(editor)
            self.view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def _current_row(self) -> int:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else self.model.rowCount() - 1

    def add_line(self) -> None:
        """A new line ready for typing (an empty last line is reused, never piled up)."""
        last = self.model.rowCount() - 1
        row = last if last >= 0 and self.model.row_is_blank(last) else self.model.add_row()
        self._focus(row)

    def duplicate_line(self) -> None:
        row = self._current_row()
        if row >= 0:
            self._focus(self.model.duplicate_row(row))

    def remove_line(self) -> None:
        row = self._current_row()
        if row >= 0:
            self.model.remove_row(row)
            if self.model.rowCount():
                self._focus(min(row, self.model.rowCount() - 1))

    def focus_cell(self, row: int, column: int) -> None:
        if self.model.rowCount() == 0:
            self.model.add_row()
        row = min(row, self.model.rowCount() - 1)
        self.view.setCurrentIndex(self.model.index(row, column))
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _focus(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.view.setCurrentIndex(index)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
