"""The history tab: search, state filter, the journal table (sortable through a proxy), a
details pane with each attempt's (redacted) request and response, and the row actions."""

from __future__ import annotations

import json
import logging
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFontDatabase, QGuiApplication, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.csv_export import SpreadsheetWriter, open_for_spreadsheet
from app.core.journal import HistoryFilter, Journal, OrderRecord, OrderState
from app.gui.history_model import HistoryTableModel, SortRole

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 300
EXPORT_COLUMNS = ("created", "target", "account", "profile", "reference", "state", "remote_id",
                  "message")


class HistoryView(QWidget):
    open_as_new = Signal(object)  # OrderRecord
    reconcile_requested = Signal(object)  # list[OrderRecord]

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._journal = journal
        self.model = HistoryTableModel(journal, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)

        self.search = QLineEdit(self)
        self.search.setObjectName("historySearch")
        self.search.setPlaceholderText(self.tr("Search reference, remote id, name, SKU, message…"))
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._search_timer.start)
        self.state_filter = QComboBox(self)
        self.state_filter.setObjectName("historyState")
        self.state_filter.addItem(self.tr("All states"), "")
        for state in OrderState:
            self.state_filter.addItem(self.model.state_text(state), state.value)
        self.state_filter.currentIndexChanged.connect(self.apply_filter)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("historyCount")

        self.table = QTableView(self)
        self.table.setObjectName("historyView")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # journal order: newest first
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._show_details)
        self.table.doubleClicked.connect(lambda _index: self._open_selected())

        self.details = QPlainTextEdit(self)
        self.details.setObjectName("historyDetails")
        self.details.setReadOnly(True)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details.setPlaceholderText(self.tr("Select an order to see its attempts."))

        self.actions_by_name: dict[str, QAction] = {}
        buttons = QHBoxLayout()
        for name, text, keys, slot in (
            ("copyRemoteId", self.tr("Copy remote id"), "Ctrl+Shift+C", self.copy_remote_id),
            ("openAsNew", self.tr("Open as new order"), "Ctrl+Shift+O", self._open_selected),
            ("reconcile", self.tr("Reconcile unknown"), "", self._reconcile_selected),
            ("exportCsv", self.tr("Export selection to CSV…"), "", self._export_dialog),
            ("refresh", self.tr("Refresh"), "F5", self.model.reload),
        ):
            action = QAction(text, self)
            action.setObjectName(f"history.{name}")
            if keys:
                action.setShortcut(QKeySequence(keys))
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
            self.table.addAction(action)
            self.actions_by_name[name] = action
            button = QPushButton(text, self)
            button.setObjectName(f"history.{name}Button")
            button.clicked.connect(action.trigger)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        top = QHBoxLayout()
        top.addWidget(self.search, 3)
        top.addWidget(self.state_filter, 1)
        top.addWidget(self.count_label)
        # Instead of a blank grid: what to do when there is nothing (yet, or for this search).
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("historyEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        larger = self.empty_label.font()
        larger.setPointSizeF(larger.pointSizeF() * 1.2)
        self.empty_label.setFont(larger)
        self.table_stack = QStackedWidget(self)
        self.table_stack.addWidget(self.table)
        self.table_stack.addWidget(self.empty_label)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table_stack)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.model.modelReset.connect(self._update_count)
        self.model.reload()
        self._update_selection_actions()

    # -- filtering -----------------------------------------------------------------------------
    def current_filter(self) -> HistoryFilter:
        text = self.search.text().strip() or None
        state = self.state_filter.currentData()
        return HistoryFilter(text=text, state=OrderState(state) if state else None)

    def apply_filter(self) -> None:
        self._search_timer.stop()
        self.model.set_filter(self.current_filter())

    def refresh(self) -> None:
        self.model.reload()

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("%n order(s)", "", self.model.total))
        if self.model.total:
            self.table_stack.setCurrentWidget(self.table)
            return
        filtered = self.current_filter() != HistoryFilter()
        self.empty_label.setText(
            self.tr("No orders match this search or state.") if filtered
            else self.tr("No orders yet — submit one from New order (Ctrl+N), or bring many in "
                         "with File › Import CSV…"))
        self.table_stack.setCurrentWidget(self.empty_label)

    # -- selection -----------------------------------------------------------------------------
    def selected_records(self) -> list[OrderRecord]:
        rows = sorted({self.proxy.mapToSource(i).row()
                       for i in self.table.selectionModel().selectedRows()})
        return [self.model.record(r) for r in rows]

    def select_reference(self, reference: str) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            record = self.model.record(self.proxy.mapToSource(index).row())
            if record.reference == reference:
                self.table.selectRow(row)
                return True
        return False

    def _update_selection_actions(self) -> None:
        records = self.selected_records()
        self.actions_by_name["copyRemoteId"].setEnabled(
            len(records) == 1 and bool(records[0].remote_id))
        self.actions_by_name["openAsNew"].setEnabled(len(records) == 1)
        self.actions_by_name["reconcile"].setEnabled(
            any(r.state is OrderState.UNKNOWN for r in records))
        self.actions_by_name["exportCsv"].setEnabled(bool(records))

    def _show_details(self) -> None:
        self._update_selection_actions()
        records = self.selected_records()
        self.details.setPlainText(self.describe(records[0]) if len(records) == 1 else "")

    def describe(self, record: OrderRecord) -> str:
        """The order and every attempt, as stored (requests were redacted before storing)."""
        lines = [
            self.tr("Reference: %1").replace("%1", record.reference),
            self.tr("State: %1").replace("%1", self.model.state_text(record.state)),
            self.tr("Remote id: %1").replace("%1", record.remote_id or "—"),
            self.tr("Profile: %1 (%2)").replace("%1", record.profile)
            .replace("%2", record.target.label),
            self.tr("Sent to: %1").replace("%1", record.account),
        ]
        if record.message:
            lines.append(self.tr("Message: %1").replace("%1", record.message))
        lines += ["", self.tr("Payload:"), _pretty(record.payload_json)]
        for number, attempt in enumerate(self._journal.attempts(record.id), start=1):
            when = datetime.fromtimestamp(attempt.started_at).strftime("%Y-%m-%d %H:%M:%S")
            lines += [
                "",
                self.tr("Attempt %1 (%2) at %3: %4, HTTP %5, %6 ms")
                .replace("%1", str(number)).replace("%2", attempt.kind.value)
                .replace("%3", when).replace("%4", attempt.outcome)
                .replace("%5", str(attempt.http_status or "—"))
                .replace("%6", f"{attempt.duration_ms:.0f}"),
            ]
            if attempt.message:
                lines.append(attempt.message)
            if attempt.request_json:
                lines += [self.tr("Request:"), _pretty(attempt.request_json)]
            if attempt.response_body:
                lines += [self.tr("Response:"), _pretty(attempt.response_body)]
        return "\n".join(lines)

    # -- actions -------------------------------------------------------------------------------
    def copy_remote_id(self) -> None:
        records = self.selected_records()
        if len(records) == 1 and records[0].remote_id:
            QGuiApplication.clipboard().setText(records[0].remote_id)

    def _open_selected(self) -> None:
        records = self.selected_records()
        if len(records) == 1:
            self.open_as_new.emit(records[0])

    def _reconcile_selected(self) -> None:
        unknown = [r for r in self.selected_records() if r.state is OrderState.UNKNOWN]
        if unknown:
            self.reconcile_requested.emit(unknown)

    def _export_dialog(self) -> None:
        records = self.selected_records()
        if not records:
            return
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export orders"), "orders.csv", self.tr("CSV files (*.csv)"))
        if path:
            self.export_csv(Path(path), records)

    @staticmethod
    def export_csv(path: Path, records: list[OrderRecord]) -> None:
        # utf-8-sig, so spreadsheet programs read the accents in names correctly; no cell is
        # read as a formula (a reference such as =HYPERLINK(...) stays text).
        with open_for_spreadsheet(path) as handle:
            writer = SpreadsheetWriter(handle)
            writer.writerow(EXPORT_COLUMNS)
            for record in records:
                writer.writerow([
                    datetime.fromtimestamp(record.created_at).isoformat(timespec="seconds"),
                    record.target.value, record.account, record.profile, record.reference,
                    record.state.value,
                    record.remote_id or "", record.message,
                ])


def _pretty(text: str) -> str:
    try:
        return json.dumps(json.loads(text), indent=2, ensure_ascii=False)
    except ValueError:
        return text
