"""History after sending, in the real window against a sandbox that ships orders: "Refresh status"
fills the server status, carrier and tracking columns; tracking is copied with one click; the
shipment filter; "Cancel order" asks first, then cancels an order not shipped and refuses a
shipped one; the automatic refresh asks about recent unfinished orders."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.core.accounts import EMBEDDED_SANDBOX
from app.core.journal import AttemptKind, OrderRecord, OrderState
from app.core.server_status import CancelState, ServerStatus
from app.core.targets import Target
from app.gui.app import build_main_window
from app.gui.main_window import MainWindow
from app.sandbox import SandboxConfig, SandboxServer
from tests.fixtures.sandbox import ka_order
from tests.gui.helpers import history_loaded

HOUR = 3600.0


@pytest.fixture
def shipping() -> Iterator[list[SandboxServer]]:
    started: list[SandboxServer] = []
    yield started
    for server in started:
        server.stop()


@pytest.fixture
def window(qtbot: QtBot, shipping: list[SandboxServer]) -> Iterator[MainWindow]:
    def starter(_directory: Path, _presented: object) -> SandboxServer:
        server = SandboxServer(SandboxConfig(ship_after=HOUR))
        server.start()
        shipping.append(server)
        return server

    main = build_main_window(sandbox_starter=starter)
    qtbot.addWidget(main)
    main.resize(1024, 700)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.shutdown()


def submit(qtbot: QtBot, window: MainWindow, reference: str) -> OrderRecord:
    journal = window.context.journal
    # The previous order's batch reports to the window (which then clears the form) after its
    # journal entry is written: wait for that before typing the next one.
    qtbot.waitUntil(lambda: not window.submission.busy_with(Target.KA))
    window.forms[Target.KA].load(ka_order(reference, remark=f"note {reference}"))
    qtbot.waitUntil(window.submit_button.isEnabled)
    window.submit()

    def accepted() -> bool:
        found = journal.find(Target.KA, EMBEDDED_SANDBOX, reference)
        return found is not None and found.state is OrderState.ACCEPTED

    qtbot.waitUntil(accepted, timeout=15_000)
    record = journal.find(Target.KA, EMBEDDED_SANDBOX, reference)
    assert record is not None
    return record


def select(qtbot: QtBot, window: MainWindow, *references: str) -> None:
    history = window.history
    history.refresh()
    history_loaded(qtbot, history.model)
    history.table.clearSelection()
    for reference in references:
        for row in range(history.proxy.rowCount()):
            record = history.model.record(history.proxy.mapToSource(history.proxy.index(row, 0))
                                          .row())
            if record.reference == reference:
                history.table.selectionModel().select(
                    history.proxy.index(row, 0),
                    history.table.selectionModel().SelectionFlag.Select
                    | history.table.selectionModel().SelectionFlag.Rows)
    qtbot.waitUntil(lambda: len(history.selected_records()) == len(references))


def cell(qtbot: QtBot, window: MainWindow, reference: str, key: str) -> str:
    history = window.history
    history_loaded(qtbot, history.model)  # a refresh after the answer may still be loading
    column = [k for k, _ in history.model.columns].index(key)
    for row in range(history.model.rowCount()):
        if history.model.record(row).reference == reference:
            return str(history.model.index(row, column).data())
    raise AssertionError(f"{reference} is not listed")


def test_refresh_status_then_cancel_from_history(
        qtbot: QtBot, window: MainWindow, shipping: list[SandboxServer]) -> None:
    journal = window.context.journal
    submit(qtbot, window, "GUI-KEEP")
    ship = submit(qtbot, window, "GUI-SHIP")
    window.tabs.setCurrentWidget(window.history)
    select(qtbot, window, "GUI-KEEP", "GUI-SHIP")
    actions = window.history.actions_by_name
    assert actions["refreshStatus"].isEnabled() and actions["cancelOrder"].isEnabled()
    assert not actions["copyTracking"].isEnabled(), "nothing has shipped yet"

    with qtbot.waitSignal(window.aftersale.status_done, timeout=15_000):
        actions["refreshStatus"].trigger()
    assert cell(qtbot, window, "GUI-KEEP", "server") == "Processing"
    assert "Checked 2 order(s) on the server: 0 shipped." in window.statusBar().currentMessage()

    shipping[0].advance(2 * HOUR)  # both ship now; only GUI-SHIP is asked about again
    select(qtbot, window, "GUI-SHIP")
    with qtbot.waitSignal(window.aftersale.status_done, timeout=15_000):
        actions["refreshStatus"].trigger()
    assert cell(qtbot, window, "GUI-SHIP", "server") == "Shipped"
    shipped = journal.get(ship.id)
    (parcel,) = shipped.server_parts[0].tracking
    assert cell(qtbot, window, "GUI-SHIP", "tracking") == parcel.code
    assert cell(qtbot, window, "GUI-SHIP", "carrier") == parcel.carrier
    select(qtbot, window, "GUI-SHIP")
    assert actions["copyTracking"].isEnabled()
    actions["copyTracking"].trigger()  # one click
    assert QGuiApplication.clipboard().text() == parcel.code
    assert "Shipped" in window.history.order_view.toPlainText()

    # The filter by what the server said.
    shipment = window.history.shipment_filter
    shipment.setCurrentIndex(shipment.findData("shipped"))
    history_loaded(qtbot, window.history.model)
    assert [window.history.model.record(r).reference
            for r in range(window.history.model.rowCount())] == ["GUI-SHIP"]
    shipment.setCurrentIndex(shipment.findData("not_shipped"))
    history_loaded(qtbot, window.history.model)
    assert [window.history.model.record(r).reference
            for r in range(window.history.model.rowCount())] == ["GUI-KEEP"]
    shipment.setCurrentIndex(shipment.findData(""))

    # Cancelling asks first; "Keep them" sends nothing.
    select(qtbot, window, "GUI-SHIP")
    actions["cancelOrder"].trigger()
    box = window.findChild(QMessageBox, "cancelConfirm")
    assert box is not None and "have shipped" in box.text()
    box.button(QMessageBox.StandardButton.No).click()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "cancelConfirm") is None)
    assert journal.get(ship.id).cancel_state is None

    # The shipped one is refused without a cancel request (its status is checked first).
    select(qtbot, window, "GUI-SHIP")
    actions["cancelOrder"].trigger()
    box = window.findChild(QMessageBox, "cancelConfirm")
    assert box is not None
    with qtbot.waitSignal(window.aftersale.cancel_done, timeout=15_000) as done:
        box.button(QMessageBox.StandardButton.Yes).click()
    (result,) = done.args[0]
    assert result.state is CancelState.REFUSED and "shipped" in result.message
    assert "1 refused" in window.statusBar().currentMessage()
    cancels = [a for a in journal.attempts(ship.id) if a.kind is AttemptKind.CANCEL]
    assert [(a.outcome, a.request_json) for a in cancels] == [("refused", None)]


def test_cancel_an_order_not_shipped_from_history(qtbot: QtBot, window: MainWindow) -> None:
    journal = window.context.journal
    order = submit(qtbot, window, "GUI-CXL")
    window.tabs.setCurrentWidget(window.history)
    select(qtbot, window, "GUI-CXL")
    window.history.actions_by_name["cancelOrder"].trigger()
    box = window.findChild(QMessageBox, "cancelConfirm")
    assert box is not None and "KA: each whole order is refunded" in box.text()
    with qtbot.waitSignal(window.aftersale.cancel_done, timeout=15_000):
        box.button(QMessageBox.StandardButton.Yes).click()
    after = journal.get(order.id)
    assert (after.cancel_state, after.server_status) == (CancelState.CANCELLED,
                                                         ServerStatus.CANCELLED)
    assert cell(qtbot, window, "GUI-CXL", "server") == "Cancelled"
    assert "1 cancelled" in window.statusBar().currentMessage()
    shipment = window.history.shipment_filter
    shipment.setCurrentIndex(shipment.findData("cancelled"))
    assert window.history.model.rowCount() == 1


def test_the_automatic_refresh_asks_about_recent_unfinished_orders(
        qtbot: QtBot, window: MainWindow) -> None:
    order = submit(qtbot, window, "GUI-AUTO")
    qtbot.waitUntil(lambda: not window.submission.busy_with(Target.KA))  # its refresh is done
    window.tabs.setCurrentWidget(window.history)
    select(qtbot, window, "GUI-AUTO")
    resets: list[bool] = []
    window.history.model.modelReset.connect(lambda: resets.append(True))
    with qtbot.waitSignal(window.aftersale.status_done, timeout=15_000) as done:
        window.aftersale.refresh_due()
    results, asked = done.args
    assert not asked and [r.order.reference for r in results] == ["GUI-AUTO"]
    assert window.context.journal.get(order.id).server_status is ServerStatus.PROCESSING
    # Shown in place: no reset, the operator's selection stays.
    assert cell(qtbot, window, "GUI-AUTO", "server") == "Processing" and resets == []
    assert [r.reference for r in window.history.selected_records()] == ["GUI-AUTO"]
    # Checked just now: not due again until later.
    assert window.context.journal.status_due(checked_before=order.created_at) == []
