"""The journal as a read-only table: rows fetched a page at a time as the view scrolls
(canFetchMore/fetchMore), filtered in SQL by `HistoryFilter`, never one widget per row. What an
operator scans for (recipient, country, items) is read from each order's payload by its target's
summary reader (`app.core.models.summary`), once per order.

Every journal query (search, count, the next page) runs on a worker thread, so a large journal or
a slow team server never freezes the window. The rows shown stay until the answer replaces them,
and only the newest request's answer is shown: an older answer arriving late is dropped."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPixmap

from app.core.accounts import EMBEDDED_SANDBOX
from app.core.journal import AttemptRecord, HistoryFilter, Journal, OrderRecord, OrderState
from app.core.models.summary import OrderSummary, summarise_order
from app.core.server_status import CancelState, ServerStatus
from app.gui.language import moment_text, outcome_text
from app.gui.workers import WorkerPool

log = logging.getLogger(__name__)

_Index = QModelIndex | QPersistentModelIndex
PAGE_SIZE = 200
RecordRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2

_STATE_COLOURS = {
    OrderState.ACCEPTED: "#2e7d32",
    OrderState.REJECTED: "#c62828",
    OrderState.UNKNOWN: "#e65100",
    OrderState.SENDING: "#1565c0",
    OrderState.QUEUED: "#1565c0",
    OrderState.NOT_SENT: "#6a1b9a",  # nothing was created; submitting it again sends it
    OrderState.CANCELLED: "#616161",
}

# The operator must act: correct, reconcile, or submit again.
_ATTENTION = frozenset({OrderState.REJECTED, OrderState.UNKNOWN, OrderState.NOT_SENT})
_ANSWERED_ROLES = frozenset({
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.FontRole, Qt.ItemDataRole.ToolTipRole, RecordRole, SortRole,
})
ICON_SIZE = 12
ITEMS_SHOWN = 2  # lines named in the Items column; the rest are counted


def _state_icon(colour: str) -> QIcon:
    """A filled dot in the state's colour, so states can be told apart at a glance."""
    pixmap = QPixmap(ICON_SIZE, ICON_SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawEllipse(1, 1, ICON_SIZE - 2, ICON_SIZE - 2)
    painter.end()
    return QIcon(pixmap)


@dataclass(frozen=True)
class _Page:
    """What a worker read for one request: rows from ``offset`` and their summaries; `last`
    when they end the answer (fewer than asked for)."""

    request: int
    where: HistoryFilter
    offset: int
    rows: list[OrderRecord]
    summaries: dict[int, OrderSummary]
    last: bool


class _Superseded(Exception):
    """A newer request replaced this one before a worker got to it: it is not run."""


def _read(journal: Journal, newest: Callable[[], int], request: int, where: HistoryFilter,
          offset: int, limit: int) -> _Page:
    """On the worker: the query, and the payload parsing the table would otherwise do on the
    GUI thread as it paints."""
    if request != newest():
        raise _Superseded
    rows = journal.page(where, offset, limit)
    summaries = {r.id: summarise_order(r.target, r.payload_json) for r in rows}
    return _Page(request, where, offset, rows, summaries, last=len(rows) < limit)


def _count(journal: Journal, newest: Callable[[], int], request: int,
           where: HistoryFilter) -> tuple[int, int]:
    if request != newest():
        raise _Superseded
    return request, journal.count(where)


def _attempts(journal: Journal, order_id: int) -> tuple[int, list[AttemptRecord]]:
    return order_id, journal.attempts(order_id)


class HistoryTableModel(QAbstractTableModel):
    loaded = Signal()  # an answer is shown (a reload's reset, a page's insert, the count)
    failed = Signal(object)  # the journal could not be read (the exception)
    # An order's attempts, read on a worker (`read_attempts`): (order id, list[AttemptRecord])
    # or (order id, the exception).
    attempts_read = Signal(int, object)

    def __init__(self, journal: Journal, parent: Any = None) -> None:
        super().__init__(parent)
        self._journal = journal
        self._filter = HistoryFilter()  # of the rows shown
        self._wanted = HistoryFilter()  # of the newest request
        self._rows: list[OrderRecord] = []
        self._total = 0
        self._summaries: dict[int, OrderSummary] = {}
        # Numbered requests: an answer counts only if no reload was asked for after it.
        self._request = 0
        self._paging = False
        self._shown = 0  # the request whose first page is shown
        self._counted: int | None = None  # the count of the newest request, once known
        self._pending = 0  # requests not answered yet (counted here, on the GUI thread)
        self._pool = WorkerPool(self, max_threads=2)
        # The outcome first (what an operator scans for), then when and for whom, the message
        # last so it gets the spare width.
        self.columns = (
            ("state", self.tr("Outcome")),
            ("created", self.tr("Entered")),
            ("recipient", self.tr("Recipient")),
            ("country", self.tr("Country")),
            ("items", self.tr("Items")),
            ("reference", self.tr("Reference")),
            ("remote_id", self.tr("Remote id")),
            ("server", self.tr("Server status")),
            ("carrier", self.tr("Carrier")),
            ("tracking", self.tr("Tracking")),
            ("profile", self.tr("Profile")),
            ("entered_by", self.tr("Entered by")),
            ("target", self.tr("Target")),
            ("attempts", self.tr("Attempts")),
            ("message", self.tr("Message")),
        )
        self._icons = {state: _state_icon(colour) for state, colour in _STATE_COLOURS.items()}
        self._bold = QFont()
        self._bold.setBold(True)

    def account_text(self, account: str) -> str:
        """Where an order went: the account key (a URL, a store), or the built-in sandbox in
        the operator's language."""
        return self.tr("built-in sandbox") if account == EMBEDDED_SANDBOX else account

    def state_text(self, state: OrderState) -> str:
        return {
            OrderState.QUEUED: self.tr("Queued"),
            OrderState.SENDING: self.tr("Sending"),
            OrderState.ACCEPTED: self.tr("Accepted"),
            OrderState.REJECTED: self.tr("Rejected"),
            OrderState.UNKNOWN: self.tr("Unknown — reconcile"),
            OrderState.NOT_SENT: self.tr("Not sent — submit again"),
            OrderState.CANCELLED: self.tr("Cancelled"),
        }[state]

    def server_status_text(self, status: ServerStatus) -> str:
        return {
            ServerStatus.WAITING: self.tr("Waiting"),
            ServerStatus.PROCESSING: self.tr("Processing"),
            ServerStatus.PARTLY_SHIPPED: self.tr("Partly shipped"),
            ServerStatus.SHIPPED: self.tr("Shipped"),
            ServerStatus.COMPLETED: self.tr("Completed"),
            ServerStatus.CANCELLED: self.tr("Cancelled"),
            ServerStatus.REFUNDED: self.tr("Refunded"),
            ServerStatus.ABNORMAL: self.tr("Problem on the server"),
            ServerStatus.NOT_FOUND: self.tr("Not listed by the server"),
            ServerStatus.UNRECOGNISED: self.tr("Unrecognised status"),
        }[status]

    def cancel_text(self, state: CancelState) -> str:
        return {
            CancelState.SENDING: self.tr("cancel being sent"),
            CancelState.REQUESTED: self.tr("cancel requested"),
            CancelState.CANCELLED: self.tr("cancelled"),
            CancelState.REFUSED: self.tr("cancel refused"),
            CancelState.UNKNOWN: self.tr("cancel outcome unknown — checked at the next refresh"),
            CancelState.NOT_CANCELLED: self.tr("cancel did not take effect"),
        }[state]

    def server_text(self, record: OrderRecord) -> str:
        """The server's last word on the order, and where a cancel stands if one is open."""
        text = ("" if record.server_status is None
                else self.server_status_text(record.server_status))
        cancel = record.cancel_state
        if cancel is not None and not (cancel is CancelState.CANCELLED
                                       and record.server_status is ServerStatus.CANCELLED):
            text = f"{text} ({self.cancel_text(cancel)})" if text else self.cancel_text(cancel)
        return text

    @staticmethod
    def tracking_codes(record: OrderRecord) -> list[str]:
        return [t.code for part in record.server_parts for t in part.tracking if t.code]

    @staticmethod
    def state_colour(state: OrderState) -> str:
        return _STATE_COLOURS.get(state, "#000000")

    # -- loading -------------------------------------------------------------------------------
    def set_filter(self, where: HistoryFilter) -> None:
        self._wanted = where
        self.reload()

    def reload(self) -> None:
        """Read again from the newest order (after a submit, another desk's outcome, or a new
        filter), on a worker; the rows shown stay until the answer replaces them. The same
        filter again reads as many rows as are loaded, so the view can stay where it is."""
        self._request += 1
        self._paging = False  # a page still on its way belongs to the old answer
        self._counted = None
        where = self._wanted
        limit = max(PAGE_SIZE, len(self._rows)) if where == self._filter else PAGE_SIZE
        # The first page, then the count (`_answered` asks for it): the rows show without
        # sharing the machine with a count that visits every match.
        self._pending += 1
        # Filters chosen in a row (a period sets its dates too) queue several requests: a
        # worker skips those a newer one replaced, so the newest does not wait behind them.
        self._pool.start(_read, self._journal, self._newest, self._request, where, 0, limit,
                         on_result=self._answered, on_error=partial(self._failed, self._request))

    def _newest(self) -> int:
        """The newest request's number (read by workers: an int, set on the GUI thread)."""
        return self._request

    @property
    def loading(self) -> bool:
        """A request is on its way (the rows shown may be about to change)."""
        return self._pending > 0

    @property
    def filter(self) -> HistoryFilter:
        """The filter of the rows shown (the newest one asked for may still be loading)."""
        return self._filter

    def shutdown(self, timeout_ms: int = -1) -> bool:
        """Before the journal is closed: drop every answer still to come (none may touch a
        closed journal) and wait until no query runs."""
        self._request += 1
        return self._pool.wait(timeout_ms)

    @property
    def total(self) -> int:
        """How many orders match the filter shown (the rows shown until the count is in)."""
        return self._total

    @property
    def counted(self) -> bool:
        """The count of the rows shown is known."""
        return self._shown == self._request and self._counted is not None

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._paging:
            return
        self._paging = True
        self._pending += 1
        self._pool.start(_read, self._journal, self._newest, self._request, self._filter,
                         len(self._rows), PAGE_SIZE, on_result=self._answered,
                         on_error=partial(self._failed, self._request))

    def read_attempts(self, order_id: int) -> None:
        """Read an order's attempts on a worker (a slow team server never freezes the window);
        `attempts_read` brings them. Counts as loading until then."""
        self._pending += 1
        self._pool.start(_attempts, self._journal, order_id, on_result=self._attempts_answered,
                         on_error=partial(self._attempts_failed, order_id))

    def _attempts_answered(self, answer: tuple[int, list[AttemptRecord]]) -> None:
        self._pending -= 1
        self.attempts_read.emit(*answer)
        self.loaded.emit()

    def _attempts_failed(self, order_id: int, exc: BaseException) -> None:
        self._pending -= 1
        log.warning("could not read the attempts of order %s: %s", order_id, exc)
        self.attempts_read.emit(order_id, exc)
        self.loaded.emit()

    def _answered(self, answer: _Page) -> None:
        self._pending -= 1
        if answer.request != self._request:
            return  # a newer request is on its way; its answer is the one to show
        if self._shown != answer.request:  # the first page of a reload
            self.beginResetModel()
            self._shown = answer.request
            self._filter = answer.where
            self._total = len(answer.rows)  # until the count comes
            self._rows = answer.rows
            self._summaries = answer.summaries
            self.endResetModel()
            if answer.last:  # the whole answer is here: that is its count
                self._counted = self._total
            else:
                self._pending += 1
                self._pool.start(_count, self._journal, self._newest, answer.request,
                                 answer.where, on_result=self._count_answered,
                                 on_error=partial(self._failed, answer.request))
        elif answer.offset == len(self._rows) and self._paging:
            self._paging = False
            if not answer.rows:  # fewer than counted (deleted meanwhile): stop asking
                self._total = len(self._rows)
            else:
                start = len(self._rows)
                self.beginInsertRows(QModelIndex(), start, start + len(answer.rows) - 1)
                self._rows.extend(answer.rows)
                self._summaries.update(answer.summaries)
                self.endInsertRows()
        else:
            return
        self.loaded.emit()

    def _count_answered(self, answer: tuple[int, int]) -> None:
        self._pending -= 1
        request, total = answer
        if request != self._request:
            return
        self._counted = self._total = total  # asked for once its first page was shown
        self.loaded.emit()

    def _failed(self, request: int, exc: BaseException) -> None:
        self._pending -= 1
        if request != self._request:
            return
        self._paging = False
        log.warning("could not read the history: %s", exc)
        self.failed.emit(exc)

    def update_records(self, records: Sequence[OrderRecord]) -> None:
        """Show newer versions of listed orders where they are (an automatic status refresh),
        without a reset: the operator's scroll position and selection stay."""
        fresh = {record.id: record for record in records}
        for row, listed in enumerate(self._rows):
            if listed.id in fresh:
                self._rows[row] = fresh[listed.id]
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    def record(self, row: int) -> OrderRecord:
        return self._rows[row]

    def summary(self, record: OrderRecord) -> OrderSummary:
        """Recipient, country, address and lines of ``record`` (read once, then kept)."""
        summary = self._summaries.get(record.id)
        if summary is None:
            summary = summarise_order(record.target, record.payload_json)
            self._summaries[record.id] = summary
        return summary

    def entered_by_text(self, record: OrderRecord) -> str:
        """Who entered it, and on which desk (a team journal has several)."""
        if record.entered_by and record.desk:
            return self.tr("%1 on %2").replace("%1", record.entered_by).replace(
                "%2", record.desk)
        return record.entered_by or record.desk

    def items_text(self, summary: OrderSummary) -> str:
        """"SKU-A ×2, SKU-B ×1 (+3 more)": the first lines, then how many others."""
        shown = [self.tr("%1 ×%2").replace("%1", line.sku or line.name or "?")
                 .replace("%2", "?" if line.quantity is None else str(line.quantity))
                 for line in summary.lines[:ITEMS_SHOWN]]
        text = ", ".join(shown)
        more = len(summary.lines) - ITEMS_SHOWN
        if more > 0:
            text += " " + self.tr("(+%n more)", "", more)
        return text

    # -- Qt model API --------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section][1]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The view asks every cell for eight roles each time it lays out and paints; half of
        # them this model never answers, so they are turned away before any row is looked at.
        if role not in _ANSWERED_ROLES or not index.isValid():
            return None
        record = self._rows[index.row()]
        key = self.columns[index.column()][0]
        if role == RecordRole:
            return record
        if role == SortRole:
            if key == "created":
                return record.created_at
            if key == "attempts":
                return record.attempt_count
            return self._text(record, key)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(record, key)
        if role == Qt.ItemDataRole.ForegroundRole and key == "state":
            return QBrush(QColor(_STATE_COLOURS.get(record.state, "#000000")))
        if role == Qt.ItemDataRole.DecorationRole and key == "state":
            return self._icons.get(record.state)
        if role == Qt.ItemDataRole.FontRole and key == "state" and record.state in _ATTENTION:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole and key == "message":
            return outcome_text(record.message) or None
        if role == Qt.ItemDataRole.ToolTipRole and key == "items":
            return "\n".join(
                self.tr("%1 ×%2").replace("%1", " — ".join(p for p in (line.sku, line.name) if p))
                .replace("%2", "?" if line.quantity is None else str(line.quantity))
                for line in self.summary(record).lines) or None
        if role == Qt.ItemDataRole.ToolTipRole and key == "recipient":
            return "\n".join(self.summary(record).address_lines) or None
        if role == Qt.ItemDataRole.ToolTipRole and key in ("server", "tracking", "carrier"):
            return self.server_tooltip(record) or None
        if role == Qt.ItemDataRole.ToolTipRole and key == "profile":
            # Where it went: what makes an order's reference unique, whatever the profile is
            # called now.
            return self.tr("Sent to: %1").replace("%1", self.account_text(record.account))
        return None

    def server_tooltip(self, record: OrderRecord) -> str:
        """Each part the server holds (KA splits an order by warehouse), in the API's own
        words, with its tracking; and when it was asked."""
        if record.server_checked_at is None:
            return ""
        lines = [f"{part.remote_id}: {part.raw_status or part.status.value}"
                 + "".join(f" — {t.carrier} {t.code}".rstrip() for t in part.tracking)
                 for part in record.server_parts]
        lines.append(self.tr("Checked %1").replace("%1", moment_text(record.server_checked_at)))
        return "\n".join(lines)

    def _text(self, record: OrderRecord, key: str) -> str:
        if key == "server":
            return self.server_text(record)
        if key == "carrier":
            carriers = [t.carrier for part in record.server_parts for t in part.tracking
                        if t.carrier]
            return ", ".join(dict.fromkeys(carriers))
        if key == "tracking":
            return ", ".join(self.tracking_codes(record))
        if key == "created":
            return moment_text(record.created_at)
        if key == "entered_by":
            return self.entered_by_text(record)
        if key == "target":
            return record.target.label
        if key == "state":
            return self.state_text(record.state)
        if key == "attempts":
            return str(record.attempt_count)
        if key == "recipient":
            return self.summary(record).recipient
        if key == "country":
            return self.summary(record).country
        if key == "items":
            return self.items_text(self.summary(record))
        if key == "message":
            return outcome_text(record.message.splitlines()[0]) if record.message else ""
        return str(getattr(record, key) or "")
