"""The rows of an import as a table model: line, order, status, then the file's own columns.

No widget per row: 100,000 rows cost one Python list of visible row numbers. Editing a file cell
goes through the session, which re-validates the order at once; problems show on their cell.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from app.core.importing import CellIssue, ImportedOrder, ImportSession, Severity

log = logging.getLogger(__name__)

_Index = QModelIndex | QPersistentModelIndex
_ERROR = QBrush(QColor("#fdecea"))
_WARNING = QBrush(QColor("#fff4d6"))
_EXCLUDED = QBrush(QColor("#8a8a8a"))
_ALREADY_SENT = QBrush(QColor("#e3ecf7"))
LINE, ORDER, STATUS = 0, 1, 2
FIXED_COLUMNS = 3
STATUS_CHARS = 60  # longer messages are cut in the cell; the tooltip has them whole
# The roles `data` answers; a view asks every cell for a dozen (font, alignment, size...) each
# time it paints, and those return at once.
_ROLES = frozenset(int(role) for role in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole))
_FIXED_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_CELL_FLAGS = _FIXED_FLAGS | Qt.ItemFlag.ItemIsEditable


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= STATUS_CHARS else text[: STATUS_CHARS - 1] + "…"


class ImportRowsModel(QAbstractTableModel):
    """Shows `session`; emits `changed` after an edit so the reconciliation line can refresh."""

    changed = Signal()

    def __init__(self, session: ImportSession, parent: Any = None, *,
                 already_sent: frozenset[str] = frozenset()) -> None:
        """``already_sent``: references the account already has accepted; a valid order
        carrying one is marked (sending skips it)."""
        super().__init__(parent)
        self._session = session
        self._already_sent = already_sent
        self._only_problems = False
        self._visible: list[int] | None = None  # None: every row, in file order

    # -- configuration ------------------------------------------------------------------------
    @property
    def session(self) -> ImportSession:
        return self._session

    def set_session(self, session: ImportSession,
                    already_sent: frozenset[str] = frozenset()) -> None:
        self.beginResetModel()
        self._session = session
        self._already_sent = already_sent
        self._visible = self._problem_rows() if self._only_problems else None
        self.endResetModel()

    def set_only_problems(self, only: bool) -> None:
        self.beginResetModel()
        self._only_problems = only
        self._visible = self._problem_rows() if only else None
        self.endResetModel()

    def refresh(self) -> None:
        """The session changed underneath (exclusions, regrouping): redraw everything."""
        self.set_only_problems(self._only_problems)
        self.changed.emit()

    def source_row(self, view_row: int) -> int:
        return self._visible[view_row] if self._visible is not None else view_row

    # -- Qt model API -------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return len(self._visible) if self._visible is not None else len(self._session.table.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else FIXED_COLUMNS + len(self._session.table.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if section < FIXED_COLUMNS:
            return (self.tr("Line"), self.tr("Order"), self.tr("Status"))[section]
        header = self._session.table.headers[section - FIXED_COLUMNS]
        field = self._session.mapping.columns.get(header)
        return f"{header}\n→ {field}" if field else header

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES or not index.isValid():
            return None
        row = self.source_row(index.row())
        column = index.column()
        if column >= FIXED_COLUMNS:
            return self._cell_data(row, column - FIXED_COLUMNS, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._fixed_text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == STATUS:
            return "\n".join(self._describe(issue) for issue in self._row_issues(row)) or None
        if role == Qt.ItemDataRole.ForegroundRole and self._is_excluded(row):
            return _EXCLUDED
        if role == Qt.ItemDataRole.BackgroundRole and column == STATUS:
            order = self._session.order_of(row)
            if order is not None and self.is_already_sent(order):
                return _ALREADY_SENT
            return self._brush(self._row_issues(row))
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        column = index.column() - FIXED_COLUMNS
        row = self.source_row(index.row())
        text = "" if value is None else str(value)
        if column < 0 or self._session.table.rows[row][column] == text:
            return False
        self._session.edit_cell(row, column, text)
        # An edit can regroup orders and renumber them: repaint the visible area, not one cell.
        self.dataChanged.emit(
            self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1)
        )
        self.changed.emit()
        return True

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _CELL_FLAGS if index.column() >= FIXED_COLUMNS else _FIXED_FLAGS

    # -- helpers ------------------------------------------------------------------------------
    def row_issues(self, view_row: int) -> list[CellIssue]:
        return self._row_issues(self.source_row(view_row))

    def _row_issues(self, row: int) -> list[CellIssue]:
        order = self._session.order_of(row)
        if order is None:
            return []
        return [i for i in (*order.errors, *order.warnings) if i.row == row or i.column is None]

    def _cell_data(self, row: int, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._session.table.rows[row][column]
        if role == Qt.ItemDataRole.ForegroundRole and self._is_excluded(row):
            return _EXCLUDED
        if role not in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.BackgroundRole):
            return None
        issues = [i for i in self._row_issues(row) if i.row == row and i.column == column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(issue.message for issue in issues) or None
        return self._brush(issues)

    def _fixed_text(self, row: int, column: int) -> str:
        if column == LINE:
            return str(self._session.line_of(row))
        reason = self._session.exclusion_reason(row)
        position = self._session.order_index_of(row)
        if column == ORDER:
            return "" if position is None else str(position + 1)
        if reason is not None:
            return self.tr("Excluded: {0}").format(reason)
        order = self._session.order_of(row)
        if order is None:
            return ""
        if not order.ok:
            # Name the first problem: the cell it sits on may be scrolled out of view.
            own = [i for i in order.errors if i.row == row or i.column is None]
            if not own:
                return self.tr("Order invalid (see its other lines)")
            first = _shorten(self._describe(own[0]))
            if len(own) == 1:
                return first
            return self.tr("{0} (+{1} more)").format(first, len(own) - 1)
        if self.is_already_sent(order):
            return self.tr("Already sent: will not be sent again")
        if any(w.row == row for w in order.warnings):
            return self.tr("Check")
        return self.tr("OK")

    def is_already_sent(self, order: ImportedOrder) -> bool:
        """A valid order whose reference the account already has accepted: the engine would
        not send it again (matched like the engine does, on the validated order's reference)."""
        if not self._already_sent:
            return False
        reference = order.sent_reference
        return reference is not None and reference in self._already_sent

    def already_sent_count(self) -> int:
        if not self._already_sent:
            return 0
        return sum(1 for order in self._session.valid_orders() if self.is_already_sent(order))

    def _is_excluded(self, row: int) -> bool:
        return self._session.exclusion_reason(row) is not None

    def _describe(self, issue: CellIssue) -> str:
        where = (
            self._session.table.headers[issue.column] if issue.column is not None else issue.field
        )
        return f"{where}: {issue.message}" if where else issue.message

    @staticmethod
    def _brush(issues: list[CellIssue]) -> QBrush | None:
        if any(i.severity is Severity.ERROR for i in issues):
            return _ERROR
        return _WARNING if issues else None

    def _problem_rows(self) -> list[int]:
        rows: set[int] = set()
        for order in self._session.orders:
            if order.errors or order.warnings:
                rows.update(order.rows)
        return sorted(rows)
