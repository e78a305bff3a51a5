"""Send results of an import, one line per order: file lines, reference, status, remote id."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from app.core.engine import OrderResult, ResultStatus
from app.core.importing import ImportedOrder, ImportSession
from app.core.importing import OrderResult as ExportedResult
from app.gui.language import outcome_text

log = logging.getLogger(__name__)

_Index = QModelIndex | QPersistentModelIndex
_COLOURS = {
    ResultStatus.ACCEPTED: QBrush(QColor("#e6f4ea")),
    ResultStatus.REJECTED: QBrush(QColor("#fdecea")),
    ResultStatus.INVALID: QBrush(QColor("#fdecea")),
    ResultStatus.DUPLICATE: QBrush(QColor("#fff4d6")),
    ResultStatus.UNKNOWN: QBrush(QColor("#fff4d6")),
    ResultStatus.NOT_SENT: QBrush(QColor("#f3e5f5")),  # nothing created: "Retry failed" sends it
}
# Final for this batch and not worth sending again as they are.
SETTLED = frozenset({ResultStatus.ACCEPTED, ResultStatus.INVALID, ResultStatus.DUPLICATE})


def status_text(status: ResultStatus) -> str:
    """An outcome as the import dialog shows it: "not sent" for not_sent, in the window's
    language (exports keep the API's words)."""
    texts = {
        ResultStatus.ACCEPTED: QCoreApplication.translate("ImportResultsModel", "accepted"),
        ResultStatus.REJECTED: QCoreApplication.translate("ImportResultsModel", "rejected"),
        ResultStatus.INVALID: QCoreApplication.translate("ImportResultsModel", "invalid"),
        ResultStatus.DUPLICATE: QCoreApplication.translate("ImportResultsModel", "duplicate"),
        ResultStatus.UNKNOWN: QCoreApplication.translate("ImportResultsModel", "unknown"),
        ResultStatus.NOT_SENT: QCoreApplication.translate("ImportResultsModel", "not sent"),
        ResultStatus.CANCELLED: QCoreApplication.translate("ImportResultsModel", "cancelled"),
    }
    return texts.get(status, status.value)


class ImportResultsModel(QAbstractTableModel):
    """`orders[i]` was sent as payload i of the batch; results fill in as they arrive."""

    def __init__(self, session: ImportSession, orders: list[ImportedOrder], parent: Any = None):
        super().__init__(parent)
        self._session = session
        self.orders = orders
        self.results: list[OrderResult | None] = [None] * len(orders)

    def set_result(self, position: int, result: OrderResult) -> None:
        self.results[position] = result
        self.dataChanged.emit(self.index(position, 0), self.index(position, 4))

    def failed_positions(self) -> list[int]:
        """Orders to offer for "retry failed": rejected, unknown, not sent, cancelled."""
        return [
            i for i, result in enumerate(self.results)
            if result is not None and result.status not in SETTLED
        ]

    def for_export(self) -> list[ExportedResult]:
        exported = []
        for order, result in zip(self.orders, self.results, strict=True):
            lines = tuple(self._session.line_of(r) for r in order.rows)
            status = (result.status if result else ResultStatus.NOT_SENT).value
            exported.append(
                ExportedResult(
                    (result.reference or order.reference) if result else order.reference,
                    lines,
                    status,
                    (result.remote_id or "") if result else "",
                    result.message if result else "",
                )
            )
        return exported

    # -- Qt model API -------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.orders)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return (
            self.tr("Lines"), self.tr("Reference"), self.tr("Status"), self.tr("Remote id"),
            self.tr("Message"),
        )[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        order, result = self.orders[index.row()], self.results[index.row()]
        if role == Qt.ItemDataRole.BackgroundRole and result is not None:
            return _COLOURS.get(result.status)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        column = index.column()
        if column == 0:
            return ", ".join(str(self._session.line_of(r)) for r in order.rows)
        if column == 1:
            return (result.reference if result and result.reference else order.reference) or ""
        if result is None:
            return self.tr("waiting") if column == 2 else ""
        if column == 2:
            shown = status_text(result.status)
            return shown + (self.tr(" (earlier)") if result.previously else "")
        return (result.remote_id or "") if column == 3 else outcome_text(result.message)
