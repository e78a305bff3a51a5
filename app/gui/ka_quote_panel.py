"""KA extras beside the form: the account balance (orders debit it) and a shipping quote per
channel type (automatic-split channel API). Both are fetched in background workers."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.gui.first_paint import after_first_paint
from app.gui.language import amount_text
from app.gui.workers import WorkerPool

if TYPE_CHECKING:
    from app.core.clients.http import ApiFailure
    from app.core.clients.ka import Balance, KaClient, SplitQuote

log = logging.getLogger(__name__)


class KaQuotePanel(QGroupBox):
    def __init__(
        self,
        client: Callable[[], KaClient],
        quote_request: Callable[[], tuple[str, list[dict[str, Any]]] | str],
        workers: WorkerPool,
        parent: QWidget | None = None,
    ) -> None:
        """``client`` builds the KA client of the profile in use (raising ValueError when it
        cannot, e.g. a missing token; called on a worker thread). ``quote_request`` gives
        (shipToCountry, products) from the form, or why it cannot."""
        super().__init__(self.tr("Shipping and balance"), parent)
        self._client = client
        self._quote_request = quote_request
        self._workers = workers
        self._painted = False
        self._waiting_for_paint = False

        self.balance = QLabel(self.tr("Balance: …"), self)
        self._balance_request = 0
        self.balance.setObjectName("ka.balance")
        refresh = QPushButton(self.tr("Refresh"), self)
        refresh.setObjectName("ka.balanceRefresh")
        refresh.clicked.connect(self.refresh_balance)
        self.quote_button = QPushButton(self.tr("Quote shipping"), self)
        self.quote_button.setObjectName("ka.quoteButton")
        self.quote_button.setToolTip(self.tr("Delivery time and freight per channel type for the "
                                             "country and items entered"))
        self.quote_button.clicked.connect(self.request_quote)
        self.quote_table = QTableWidget(0, 3, self)
        self.quote_table.setObjectName("ka.quoteTable")
        self.quote_table.setHorizontalHeaderLabels(
            [self.tr("Shipping speed"), self.tr("Delivery time"), self.tr("Freight")])
        self.quote_table.horizontalHeader().setStretchLastSection(True)
        self.quote_table.verticalHeader().hide()
        self.quote_table.setMaximumHeight(self.quote_table.fontMetrics().height() * 7)
        self.quote_table.hide()  # shown with the first quote; until then it is only empty space
        self.quote_message = QLabel(self)
        self.quote_message.setObjectName("ka.quoteMessage")
        self.quote_message.setWordWrap(True)

        self.balance.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(refresh)
        buttons.addWidget(self.quote_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.balance)
        layout.addLayout(buttons)
        layout.addWidget(self.quote_table)
        layout.addWidget(self.quote_message)

    def refresh_balance(self) -> None:
        if not self._painted:
            # The first paint does not wait for an HTTP client (and, for the built-in sandbox,
            # the simulator) being loaded alongside it: the balance is asked for once shown.
            if not self._waiting_for_paint:
                self._waiting_for_paint = True
                after_first_paint(self, self._first_painted)
            return
        self.balance.setText(self.tr("Balance: asking…"))
        # Answers can arrive out of order (e.g. after a profile switch): only the latest counts.
        self._balance_request += 1
        request = self._balance_request
        # The client is built in the worker too: building one sets up TLS, which takes a while.
        self._workers.start(lambda: self._client().balance(),
                            on_result=lambda result: self._show_balance(result, request),
                            on_error=lambda exc: self._balance_failed(exc, request))

    @property
    def waiting_for_paint(self) -> bool:
        """A balance is asked for once the panel, shown, has painted (`refresh_balance`)."""
        return self._waiting_for_paint and not self._painted and self.isVisible()

    def _first_painted(self) -> None:
        self._painted = True
        if self.isVisible():  # not a window closed as soon as it painted
            self.refresh_balance()

    def _balance_failed(self, exc: BaseException, request: int) -> None:
        if request == self._balance_request:
            self.balance.setText(self.tr("Balance: %1").replace("%1", str(exc)))

    def _show_balance(self, result: Balance | ApiFailure, request: int) -> None:
        from app.core.clients.http import ApiFailure  # loaded with the client

        if request != self._balance_request:
            return
        if isinstance(result, ApiFailure):
            self.balance.setText(self.tr("Balance: %1").replace("%1", result.message))
        elif result.amount is None:
            self.balance.setText(self.tr("Balance: unknown (the API sent no amount)"))
        else:
            self.balance.setText(self.tr("Balance: %1").replace(
                "%1", amount_text(result.amount, result.currency or "USD")))

    def request_quote(self) -> None:
        request = self._quote_request()
        if isinstance(request, str):
            self.quote_message.setText(request)
            return
        self.quote_button.setEnabled(False)
        self.quote_message.setText(self.tr("Asking for a quote…"))
        country, products = request
        self._workers.start(lambda: self._client().automation_split_quote(country, products),
                            on_result=self._show_quote, on_error=self._quote_failed)

    def _quote_failed(self, exc: BaseException) -> None:
        self.quote_button.setEnabled(True)
        self.quote_message.setText(str(exc))

    def _show_quote(self, result: list[SplitQuote] | ApiFailure) -> None:
        from app.core.clients.http import ApiFailure  # loaded with the client

        self.quote_button.setEnabled(True)
        if isinstance(result, ApiFailure):
            self.quote_message.setText(result.message)
            return
        self.quote_table.setRowCount(len(result))
        self.quote_table.show()
        for row, quote in enumerate(result):
            freight = ("" if quote.estimated_freight is None
                       else amount_text(quote.estimated_freight))
            for column, text in enumerate((quote.channel_type, quote.delivery_time, freight)):
                self.quote_table.setItem(row, column, QTableWidgetItem(text))
        self.quote_message.setText(self.tr("%n channel type(s) quoted.", "", len(result)))
