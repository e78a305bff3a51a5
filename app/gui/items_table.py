"""The editable item list (QTableView over `ItemsTableModel`) with keyboard-driven row actions:
Insert adds a line, Ctrl+Shift+D duplicates the current one, Ctrl+Delete removes it."""

from __future__ import annotations

import logging

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
)
from PySide6.QtGui import QAction, QKeySequence
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


class ChoiceDelegate(QStyledItemDelegate):
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


class ItemsTable(QWidget):
    def __init__(self, object_name: str, model: ItemsTableModel,
                 choices: dict[str, list[str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.view = _LinesView(self)
        self.view.setObjectName(object_name)
        self.view.setModel(model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.view.setTabKeyNavigation(True)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 10)
        header = self.view.horizontalHeader()
        header.setMinimumSectionSize(self.view.fontMetrics().horizontalAdvance("0") * 8)
        # Each column wide enough for its API field name; spread out when there is room.
        self._natural_widths = [
            max(header.minimumSectionSize(),
                self.view.fontMetrics().horizontalAdvance(name) + 24)
            for name in model.columns
        ]
        self._fit_columns()
        # The viewport's own resize, not this widget's: its width is only final then.
        self.view.viewport().installEventFilter(self)
        self.view.setMinimumHeight(self.view.fontMetrics().height() * 6)
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

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.view.viewport():
            self._fit_columns()
        return super().eventFilter(watched, event)

    def _fit_columns(self) -> None:
        """Each column at least as wide as its field name; spare room shared in proportion, so
        a long name is never cut to make room for a short one. Narrower: scroll."""
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)  # takes what rounding leaves over
        scale = max(1.0, self.view.viewport().width() / sum(self._natural_widths))
        for column, width in enumerate(self._natural_widths):
            header.resizeSection(column, int(width * scale))

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
        row = self.model.add_row()
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

    def _focus(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.view.setCurrentIndex(index)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
