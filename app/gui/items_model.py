"""The order lines of one order as a table model: one column per API item field, headed by the
field's name in the operator's words (the API path is the header's tooltip), cells kept as the
text the operator typed (the models do the parsing)."""

from __future__ import annotations

import copy
import logging
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

log = logging.getLogger(__name__)

_Index = QModelIndex | QPersistentModelIndex
_ERROR_BACKGROUND = QBrush(QColor("#fdecea"))


class ItemsTableModel(QAbstractTableModel):
    changed = Signal()

    def __init__(self, columns: list[str], defaults: dict[str, str] | None = None,
                 parent: Any = None, *, headers: list[str] | None = None,
                 header_tips: list[str] | None = None) -> None:
        """``headers``: what each column is called on screen (the column's path if not given);
        ``header_tips``: each header's tooltip (e.g. the API path)."""
        super().__init__(parent)
        self.columns = columns
        self.headers = list(headers) if headers else list(columns)
        self.header_tips = list(header_tips) if header_tips else list(columns)
        self._defaults = defaults or {}
        self._rows: list[dict[str, str]] = []
        # Per row, the line's fields that have no column (e.g. a Nomad product id): kept as they
        # came so an order opened again, or a draft, is sent whole.
        self._extras: list[dict[str, Any]] = []
        self._errors: dict[tuple[int, str], str] = {}

    # -- Qt model API -------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.ToolTipRole and horizontal:
            return self.header_tips[section]
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if horizontal:
            return self.headers[section]
        return str(section + 1)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._rows[index.row()].get(column, "")
        error = self._errors.get((index.row(), column))
        if error and role == Qt.ItemDataRole.ToolTipRole:
            return error
        if error and role == Qt.ItemDataRole.BackgroundRole:
            return _ERROR_BACKGROUND
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        text = "" if value is None else str(value)
        if row.get(column, "") == text:
            return False
        row[column] = text
        self.dataChanged.emit(index, index, [role])
        self.changed.emit()
        return True

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsEditable)

    # -- editing ------------------------------------------------------------------------------
    def rows(self) -> list[dict[str, str]]:
        return [dict(r) for r in self._rows]

    def row_is_blank(self, row: int) -> bool:
        """Nothing typed in this line (only its defaults, and nothing carried from a load)."""
        values = self._rows[row]
        return not self._extras[row] and all(
            not v.strip() or v == self._defaults.get(c) for c, v in values.items())

    def extras(self) -> list[dict[str, Any]]:
        return copy.deepcopy(self._extras)

    def set_rows(self, rows: list[dict[str, str]],
                 extras: list[dict[str, Any]] | None = None) -> None:
        self.beginResetModel()
        self._rows = [{c: str(r.get(c) or self._defaults.get(c, "")) for c in self.columns}
                      for r in rows]
        self._extras = copy.deepcopy(extras) if extras else [{} for _ in rows]
        self._errors.clear()
        self.endResetModel()
        self.changed.emit()

    def add_row(self, values: dict[str, str] | None = None, at: int | None = None,
                extra: dict[str, Any] | None = None) -> int:
        at = len(self._rows) if at is None else at
        row = {c: self._defaults.get(c, "") for c in self.columns}
        row.update(values or {})
        self.beginInsertRows(QModelIndex(), at, at)
        self._rows.insert(at, row)
        self._extras.insert(at, copy.deepcopy(extra) if extra else {})
        self.endInsertRows()
        self.changed.emit()
        return at

    def duplicate_row(self, row: int) -> int:
        return self.add_row(dict(self._rows[row]), at=row + 1, extra=self._extras[row])

    def remove_row(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        del self._extras[row]
        self.endRemoveRows()
        self.changed.emit()

    def first_error(self) -> tuple[int, int] | None:
        """(row, column) of the first cell with a problem, in reading order."""
        cells = sorted((row, self.columns.index(column)) for row, column in self._errors
                       if column in self.columns)
        return cells[0] if cells else None

    def set_errors(self, errors: dict[tuple[int, str], str]) -> None:
        if errors == self._errors:
            return
        self._errors = dict(errors)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, len(self.columns) - 1),
                                  [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole])
