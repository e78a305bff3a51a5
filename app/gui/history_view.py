"""The history tab: search, state and date filters, the journal table (sortable through a proxy),
a details pane that follows the selection (a readable order view: address, lines, outcome,
attempts; and, one click away, each attempt's redacted request and response), and the row
actions."""

from __future__ import annotations

import html
import json
import logging
from datetime import date, datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QSortFilterProxyModel, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QFontDatabase, QGuiApplication, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.core.csv_export import SpreadsheetWriter, open_for_spreadsheet
from app.core.journal import AttemptRecord, HistoryFilter, Journal, OrderRecord, OrderState
from app.core.server_status import CancelState, ServerStatus, Shipment
from app.gui.history_model import HistoryTableModel, SortRole
from app.gui.journal_watch import JournalWatch
from app.gui.language import moment_text, outcome_text

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 300
# The date filter's choices: (key, days back from today; None: any time, -1: a chosen range).
PERIODS = (("any", None), ("today", 0), ("week", 6), ("month", 29), ("range", -1))
EXPORT_COLUMNS = ("created", "target", "account", "profile", "reference", "state", "remote_id",
                  "message", "server_status", "tracking")


class HistoryView(QWidget):
    open_as_new = Signal(object)  # OrderRecord
    reconcile_requested = Signal(object)  # list[OrderRecord]
    status_requested = Signal(object)  # list[OrderRecord]: ask their servers what became of them
    cancel_requested = Signal(object)  # list[OrderRecord]: cancel them (after confirming)

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
        self.shipment_filter = QComboBox(self)
        self.shipment_filter.setObjectName("historyShipment")
        self.shipment_filter.setToolTip(self.tr("By what the server last said of the order"))
        for text, value in ((self.tr("Shipped or not"), ""), (self.tr("Shipped"), "shipped"),
                            (self.tr("Not shipped"), "not_shipped"),
                            (self.tr("Cancelled"), "cancelled")):
            self.shipment_filter.addItem(text, value)
        self.shipment_filter.currentIndexChanged.connect(self.apply_filter)
        self.period = QComboBox(self)
        self.period.setObjectName("historyPeriod")
        self.period.setToolTip(self.tr("Orders entered in this period"))
        period_texts = {
            "any": self.tr("Any date"), "today": self.tr("Today"),
            "week": self.tr("Last 7 days"), "month": self.tr("Last 30 days"),
            "range": self.tr("From… to…"),
        }
        for key, _days in PERIODS:
            self.period.addItem(period_texts[key], key)
        self.date_from = QDateEdit(self)
        self.date_from.setObjectName("historyFrom")
        self.date_to = QDateEdit(self)
        self.date_to.setObjectName("historyTo")
        today = QDate.currentDate()
        for edit, start in ((self.date_from, today.addDays(-6)), (self.date_to, today)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(start)
            edit.setVisible(False)
            edit.dateChanged.connect(self.apply_filter)
        self.date_from.setToolTip(self.tr("Entered on or after this day"))
        self.date_to.setToolTip(self.tr("Entered on or before this day"))
        self.period.currentIndexChanged.connect(self._period_changed)
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
        # Widths from the rows on screen, not every loaded row: measuring a thousand rows after
        # each search or refresh froze the window for a good part of a second.
        header.setResizeContentsPrecision(0)
        header.setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._show_details)
        self.table.doubleClicked.connect(lambda _index: self._open_selected())
        # A reset (refresh, new filter) drops the selection without a signal: select the same
        # orders again if they are still listed, else clear the details.
        self._kept_selection: set[int] = set()
        self.proxy.modelAboutToBeReset.connect(self._remember_selection)
        self.proxy.modelReset.connect(self._restore_selection)
        self._details_record: OrderRecord | None = None  # the order the details show
        self.model.attempts_read.connect(self._attempts_read)

        # The order as an operator reads it, and the raw exchange one click (a tab) away.
        self.order_view = QTextBrowser(self)
        self.order_view.setObjectName("historyOrderView")
        self.order_view.setOpenLinks(False)
        self.order_view.anchorClicked.connect(self._link_clicked)
        self.order_view.setPlaceholderText(self.tr("Select an order to see it here."))
        self.details = QPlainTextEdit(self)
        self.details.setObjectName("historyDetails")
        self.details.setReadOnly(True)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details.setPlaceholderText(self.tr("Select an order to see its attempts."))
        self.details_tabs = QTabWidget(self)
        self.details_tabs.setObjectName("historyDetailsTabs")
        self.details_tabs.setDocumentMode(True)
        self.details_tabs.addTab(self.order_view, self.tr("Order"))
        self.details_tabs.addTab(self.details, self.tr("Request and response"))
        self.details_tabs.setTabToolTip(1, self.tr(
            "What was sent and what came back, attempt by attempt (credentials removed)"))

        self.actions_by_name: dict[str, QAction] = {}
        # A tool bar, not a row of buttons: on a narrow screen (or with large text) the actions
        # that do not fit move behind its » button instead of widening the window.
        buttons = QToolBar(self)
        buttons.setObjectName("historyActions")
        buttons.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        buttons.setMovable(False)
        for name, text, keys, slot in (
            ("copyRemoteId", self.tr("Copy remote id"), "Ctrl+Shift+C", self.copy_remote_id),
            ("openAsNew", self.tr("Open as new order"), "Ctrl+Shift+O", self._open_selected),
            ("reconcile", self.tr("Reconcile unknown"), "", self._reconcile_selected),
            ("refreshStatus", self.tr("Refresh status"), "Ctrl+Shift+R", self._status_selected),
            ("copyTracking", self.tr("Copy tracking"), "Ctrl+Shift+T", self.copy_tracking),
            ("cancelOrder", self.tr("Cancel order…"), "", self._cancel_selected),
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
            buttons.addAction(action)
            buttons.widgetForAction(action).setObjectName(f"history.{name}Button")
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        top = QHBoxLayout()
        top.addWidget(self.search, 3)
        top.addWidget(self.state_filter, 1)
        top.addWidget(self.shipment_filter)
        top.addWidget(self.period)
        top.addWidget(self.date_from)
        top.addWidget(self.date_to)
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
        splitter.addWidget(self.details_tabs)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([3000, 2000])  # the table gets the larger share from the start
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.model.modelReset.connect(self._update_count)
        self.model.loaded.connect(self._update_count)
        self.model.failed.connect(self._show_failure)
        # Another desk's outcome in a team journal shows here without anyone pressing Refresh.
        self.watch = JournalWatch(journal, self)
        self.watch.changed.connect(self.refresh)
        self.model.reload()
        self._update_selection_actions()

    # -- filtering -----------------------------------------------------------------------------
    def current_filter(self) -> HistoryFilter:
        text = self.search.text().strip() or None
        state = self.state_filter.currentData()
        since, until = self.period_bounds()
        shipment = self.shipment_filter.currentData()
        return HistoryFilter(text=text, state=OrderState(state) if state else None,
                             since=since, until=until,
                             shipment=Shipment(shipment) if shipment else None)

    def period_bounds(self, today: date | None = None) -> tuple[float | None, float | None]:
        """(since, until) in seconds since the epoch for the chosen period, whole local days."""
        days = dict(PERIODS)[self.period.currentData()]
        if days is None:
            return None, None
        today = today or date.today()
        if days >= 0:
            first, last = today - timedelta(days=days), today
        else:
            chosen = [edit.date().toPython() for edit in (self.date_from, self.date_to)]
            days_chosen = sorted(d for d in chosen if isinstance(d, date))
            first, last = days_chosen[0], days_chosen[-1]
        since = datetime.combine(first, time()).timestamp()
        until = datetime.combine(last + timedelta(days=1), time()).timestamp()
        return since, until

    def set_period(self, key: str, first: date | None = None, last: date | None = None) -> None:
        """Choose a period ("any", "today", "week", "month" or "range" from first to last)."""
        if first is not None:
            self.date_from.setDate(QDate(first.year, first.month, first.day))
        if last is not None:
            self.date_to.setDate(QDate(last.year, last.month, last.day))
        self.period.setCurrentIndex(self.period.findData(key))
        self.apply_filter()

    def _period_changed(self) -> None:
        chosen = self.period.currentData() == "range"
        self.date_from.setVisible(chosen)
        self.date_to.setVisible(chosen)
        self.apply_filter()

    def apply_filter(self) -> None:
        self._search_timer.stop()
        self.model.set_filter(self.current_filter())

    def refresh(self) -> None:
        self.model.reload()

    def _update_count(self) -> None:
        if self.model.counted:  # else the last count stays until this one is in
            self.count_label.setText(self.tr("%n order(s)", "", self.model.total))
            self.count_label.setToolTip("")
        if self.model.total:
            self.table_stack.setCurrentWidget(self.table)
            return
        # The filter of the answer shown, not what is typed meanwhile.
        filtered = self.model.filter != HistoryFilter()
        self.empty_label.setText(
            self.tr("No orders match this search, state or date.") if filtered
            else self.tr("No orders yet — submit one from New order (Ctrl+N), or bring many in "
                         "with File › Import spreadsheet…"))
        self.table_stack.setCurrentWidget(self.empty_label)

    def _show_failure(self, exc: BaseException) -> None:
        """The rows shown stay; the count says they may be out of date, and why."""
        self.count_label.setText(self.tr("History not updated"))
        self.count_label.setToolTip(str(exc))

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
        on_server = [r for r in records if r.state is OrderState.ACCEPTED]
        self.actions_by_name["refreshStatus"].setEnabled(bool(on_server))
        self.actions_by_name["cancelOrder"].setEnabled(bool(on_server))
        self.actions_by_name["copyTracking"].setEnabled(
            any(self.model.tracking_codes(r) for r in records))

    def _remember_selection(self) -> None:
        self._kept_selection = {record.id for record in self.selected_records()}

    def _restore_selection(self) -> None:
        kept, self._kept_selection = self._kept_selection, set()
        for row in range(self.proxy.rowCount() if kept else 0):
            index = self.proxy.index(row, 0)
            if self.model.record(self.proxy.mapToSource(index).row()).id in kept:
                self.table.selectRow(row)
                return  # selectionChanged shows it
        self._show_details()

    def _show_details(self) -> None:
        """The details follow the selection: one order shown, otherwise nothing. The order shows
        at once (its row holds it); its attempts follow from a worker."""
        self._update_selection_actions()
        records = self.selected_records()
        if len(records) != 1:
            self._details_record = None
            self.order_view.clear()
            self.details.clear()
            return
        record = self._details_record = records[0]
        self._render_details(record, None)
        self.model.read_attempts(record.id)

    def _attempts_read(self, order_id: int, attempts: list[AttemptRecord] | Exception) -> None:
        record = self._details_record
        if record is None or record.id != order_id:
            return  # the selection moved on meanwhile
        self._render_details(record, attempts)

    def _render_details(self, record: OrderRecord,
                        attempts: list[AttemptRecord] | Exception | None) -> None:
        self.order_view.setHtml(self.order_html(record, attempts))
        self.details.setPlainText(self.describe(record, attempts))

    def _attempts_note(self, attempts: Exception | None) -> str:
        """What stands for the attempts while they are read, or when they could not be."""
        if attempts is None:
            return self.tr("Reading the attempts…")
        return self.tr("Could not read the attempts: %1").replace("%1", str(attempts))

    def _link_clicked(self, url: QUrl) -> None:
        if url.fragment() == "raw":
            self.details_tabs.setCurrentWidget(self.details)

    def order_html(self, record: OrderRecord,
                   attempts: list[AttemptRecord] | Exception | None) -> str:
        """The order as an operator reads it: outcome, where and when, address, lines,
        attempts (None: still being read). Every value from the order is escaped."""
        def e(text: object) -> str:
            return html.escape(str(text))

        def heading(text: str) -> str:  # tr() stays outside f-strings: lupdate reads no f-string
            return "<h4>" + e(text) + "</h4>"

        summary = self.model.summary(record)
        colour = self.model.state_colour(record.state)
        entered = moment_text(record.created_at, seconds=True)
        parts = [
            f"<h3 style='margin:0'>{e(record.reference)} — "
            f"<span style='color:{colour}'>{e(self.model.state_text(record.state))}</span></h3>",
        ]
        facts = [
            (self.tr("Remote id"), record.remote_id or "—"),
            (self.tr("Entered"), entered),
            (self.tr("Entered by"), self.model.entered_by_text(record) or "—"),
            (self.tr("Profile"), f"{record.profile} ({record.target.label})"),
            (self.tr("Sent to"), self.model.account_text(record.account)),
        ]
        if record.message:
            facts.append((self.tr("Outcome"), outcome_text(record.message)))
        if record.server_checked_at is not None or record.cancel_state is not None:
            facts.append((self.tr("On the server"), self.model.server_text(record)))
        if record.server_checked_at is not None:
            facts.append((self.tr("Checked"), moment_text(record.server_checked_at)))
        parts.append(_table_rows(facts))
        if record.server_parts:
            parts.append(heading(self.tr("On the server")))
            header = "".join(f"<th align='left'>{e(text)}</th>" for text in (
                self.tr("Server order"), self.tr("Status"), self.tr("Carrier"),
                self.tr("Tracking")))
            rows = "".join(
                f"<tr><td>{e(part.remote_id)}</td><td>{e(self.model.server_status_text(part.status))}"
                f" <span style='color:gray'>{e(part.raw_status)}</span></td>"
                f"<td>{e(', '.join(t.carrier for t in part.tracking))}</td>"
                f"<td>{e(', '.join(t.code for t in part.tracking))}</td></tr>"
                for part in record.server_parts)
            parts.append(f"<table cellspacing='0' cellpadding='3' border='0'><tr>{header}</tr>"
                         f"{rows}</table>")
        address = [summary.recipient, *summary.address_lines, summary.country, summary.phone]
        parts.append(heading(self.tr("Deliver to")))
        parts.append("<br>".join(e(line) for line in address if line)
                     or e(self.tr("(no address in this order)")))
        parts.append(heading(self.tr("Lines")))
        if summary.lines:
            rows = "".join(
                f"<tr><td>{e(line.sku)}</td><td>{e(line.name)}</td>"
                f"<td align='right'>{e('—' if line.quantity is None else line.quantity)}</td></tr>"
                for line in summary.lines)
            header = "".join(
                f"<th align='{align}'>{e(text)}</th>"
                for align, text in (("left", self.tr("SKU")), ("left", self.tr("Product")),
                                    ("right", self.tr("Quantity"))))
            parts.append(f"<table cellspacing='0' cellpadding='3' border='0'><tr>{header}</tr>"
                         f"{rows}</table>")
        else:
            parts.append(e(self.tr("(no lines in this order)")))
        parts.append(heading(self.tr("Attempts")))
        if attempts is None or isinstance(attempts, Exception):
            parts.append(e(self._attempts_note(attempts)))
        elif attempts:
            rows = "".join(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>".format(
                    e(moment_text(a.started_at, seconds=True)),
                    e(self._kind_text(a)), e(self._attempt_outcome_text(a.outcome)),
                    e(f"HTTP {a.http_status}" if a.http_status else "—"),
                    e(outcome_text(a.message.splitlines()[0]) if a.message else ""))
                for a in attempts)
            parts.append(f"<table cellspacing='0' cellpadding='3' border='0'>{rows}</table>")
        else:
            parts.append(e(self.tr("Not sent yet.")))
        link = self.tr("Show the request and response")
        parts.append(f"<p><a href='#raw'>{e(link)}</a></p>")
        return "".join(parts)

    def _attempt_outcome_text(self, outcome: str) -> str:
        """An attempt's outcome word (the client's or the lookup's) in the operator's words."""
        known = {"accepted": self.tr("accepted"), "rejected": self.tr("rejected"),
                 "retry": self.tr("not taken (safe to resend)"), "unknown": self.tr("unknown"),
                 "found": self.tr("found"), "absent": self.tr("not on the server"),
                 "failed": self.tr("no answer")}
        if outcome in known:
            return known[outcome]
        if outcome in {s.value for s in ServerStatus}:
            return self.model.server_status_text(ServerStatus(outcome))
        if outcome in {s.value for s in CancelState}:
            return self.model.cancel_text(CancelState(outcome))
        return outcome

    def _kind_text(self, attempt: AttemptRecord) -> str:
        return {"send": self.tr("Sent"), "lookup": self.tr("Looked up"),
                "status": self.tr("Status checked"), "cancel": self.tr("Cancel")}.get(
            attempt.kind.value, attempt.kind.value)

    def describe(self, record: OrderRecord,
                 attempts: list[AttemptRecord] | Exception | None) -> str:
        """The order and every attempt, as stored (requests were redacted before storing);
        None: the attempts are still being read."""
        lines = [
            self.tr("Reference: %1").replace("%1", record.reference),
            self.tr("State: %1").replace("%1", self.model.state_text(record.state)),
            self.tr("Remote id: %1").replace("%1", record.remote_id or "—"),
            self.tr("Profile: %1 (%2)").replace("%1", record.profile)
            .replace("%2", record.target.label),
            self.tr("Sent to: %1").replace("%1", self.model.account_text(record.account)),
        ]
        if record.message:
            lines.append(self.tr("Message: %1").replace("%1", outcome_text(record.message)))
        lines += ["", self.tr("Payload:"), _pretty(record.payload_json)]
        if attempts is None or isinstance(attempts, Exception):
            return "\n".join([*lines, "", self._attempts_note(attempts)])
        for number, attempt in enumerate(attempts, start=1):
            when = moment_text(attempt.started_at, seconds=True)
            lines += [
                "",
                self.tr("Attempt %1 (%2) at %3: %4, HTTP %5, %6 ms")
                .replace("%1", str(number)).replace("%2", attempt.kind.value)
                .replace("%3", when).replace("%4", attempt.outcome)
                .replace("%5", str(attempt.http_status or "—"))
                .replace("%6", f"{attempt.duration_ms:.0f}"),
            ]
            if attempt.message:
                lines.append(outcome_text(attempt.message))
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

    def copy_tracking(self) -> None:
        """The selected orders' tracking codes on the clipboard, one line each (one click)."""
        codes = [code for record in self.selected_records()
                 for code in self.model.tracking_codes(record)]
        if codes:
            QGuiApplication.clipboard().setText("\n".join(codes))

    def _status_selected(self) -> None:
        accepted = [r for r in self.selected_records() if r.state is OrderState.ACCEPTED]
        if accepted:
            self.status_requested.emit(accepted)

    def _cancel_selected(self) -> None:
        accepted = [r for r in self.selected_records() if r.state is OrderState.ACCEPTED]
        if accepted:
            self.cancel_requested.emit(accepted)

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
                    record.server_status.value if record.server_status else "",
                    " ".join(f"{t.carrier}:{t.code}" if t.carrier else t.code
                             for part in record.server_parts for t in part.tracking),
                ])


def _table_rows(facts: list[tuple[str, str]]) -> str:
    rows = "".join(f"<tr><td style='color:gray'>{html.escape(label)}</td>"
                   f"<td>{html.escape(value)}</td></tr>" for label, value in facts)
    return f"<table cellspacing='0' cellpadding='2' border='0'>{rows}</table>"


def _pretty(text: str) -> str:
    try:
        return json.dumps(json.loads(text), indent=2, ensure_ascii=False)
    except ValueError:
        return text
