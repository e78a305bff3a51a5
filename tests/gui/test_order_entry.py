"""The real window against the built-in sandbox: fill orders by the named widgets, submit, see
them accepted in the history; invalid input keeps Submit disabled with the right message."""

from __future__ import annotations

import threading
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QTableView
from pytestqt.qtbot import QtBot

from app.core.accounts import EMBEDDED_SANDBOX
from app.core.engine import BatchHandle, Progress
from app.core.journal import OrderState
from app.core.outcome import FieldError
from app.core.targets import Target
from app.gui.app import build_main_window
from app.gui.main_window import MainWindow
from tests.fixtures.sandbox import nomad_order
from tests.gui.helpers import accepted, fill_ka_order, fill_row, named, poor_sandbox, type_into


def test_ka_order_is_accepted_and_shown_in_history(qtbot: QtBot, window: MainWindow) -> None:
    submit = named(window, "submitButton")
    assert isinstance(submit, QPushButton)
    assert window.target is Target.KA
    assert not submit.isEnabled()

    fill_ka_order(qtbot, window, "GUI-KA-1")
    qtbot.waitUntil(submit.isEnabled)
    qtbot.mouseClick(submit, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: accepted(window, "GUI-KA-1") is not None, timeout=15_000)
    record = accepted(window, "GUI-KA-1")
    assert record is not None and record.remote_id
    assert record.payload["orderAddress"]["country"] == "FR"  # the model normalised the name
    outcome = named(window, "outcomeLabel")
    assert isinstance(outcome, QLabel)
    assert record.remote_id in outcome.text()
    # Accepted: the form starts a fresh order, so the same one is not sent twice by accident.
    assert window.forms[Target.KA].payload().get("customOrderId") is None


def test_nomad_order_is_accepted_via_ctrl_enter(qtbot: QtBot, window: MainWindow) -> None:
    type_into(qtbot, window, "targetSwitch", "Nomad")
    assert window.target is Target.NOMAD
    store = named(window, "nomad.store")
    assert isinstance(store, QLineEdit) and store.text() == "sandbox.store"  # from the profile
    type_into(qtbot, window, "nomad.platformName", "youzan")
    type_into(qtbot, window, "nomad.currency", "CNY")
    type_into(qtbot, window, "nomad.clientOrderRef", "GUI-NM-1")
    type_into(qtbot, window, "nomad.customer.firstName", "Li")
    type_into(qtbot, window, "nomad.customer.lastName", "Wei")
    type_into(qtbot, window, "nomad.customer.phone", "+86 139 1234 5678")
    type_into(qtbot, window, "nomad.customer.address1", "1 Nanjing Road")
    type_into(qtbot, window, "nomad.customer.city", "Shanghai")
    type_into(qtbot, window, "nomad.customer.country", "China")
    fill_row(qtbot, window, "nomad.items", 0, {
        "product.skus[].skuNumber": "SKU-1", "product.name": "Tea", "quantity": "3",
        "price": "12.50",
    })
    submit = named(window, "submitButton")
    qtbot.waitUntil(submit.isEnabled)

    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Return,
                   Qt.KeyboardModifier.ControlModifier)

    qtbot.waitUntil(lambda: accepted(window, "GUI-NM-1") is not None, timeout=15_000)
    record = accepted(window, "GUI-NM-1")
    assert record is not None
    line = record.payload["items"][0]
    assert line["product"]["currency"] == "CNY"  # taken from the order
    assert line["product"]["skus"][0]["skuNumber"] == "SKU-1"


def test_invalid_input_blocks_submit_with_the_fields_message(
    qtbot: QtBot, window: MainWindow
) -> None:
    fill_ka_order(qtbot, window, "GUI-KA-2")
    submit = named(window, "submitButton")
    qtbot.waitUntil(submit.isEnabled)

    type_into(qtbot, window, "ka.phone", "12")
    message = named(window, "ka.phone.message")
    assert isinstance(message, QLabel)
    qtbot.waitUntil(lambda: message.isVisible() and not submit.isEnabled())
    assert "phone" in message.text().lower()

    fill_row(qtbot, window, "ka.orderItemsList", 0, {"quantity": "0"})
    type_into(qtbot, window, "ka.phone", "+33 1 42 68 53 00")
    items_message = named(window, "ka.orderItemsList.message")
    qtbot.waitUntil(lambda: "quantity" in items_message.text().lower()
                    and not message.isVisible())
    assert not submit.isEnabled()
    # Nothing was sent or journaled.
    assert window.context.journal.count() == 0


def test_untouched_form_shows_no_messages_until_a_submit_attempt(
    qtbot: QtBot, window: MainWindow
) -> None:
    recipient_message = named(window, "ka.recipient.message")
    assert not recipient_message.isVisible()
    window.submit()
    assert recipient_message.isVisible()
    assert recipient_message.text() == "required"


def test_api_rejection_is_shown_and_the_order_kept_for_fixing(qtbot: QtBot) -> None:
    window = build_main_window(sandbox_starter=poor_sandbox)
    qtbot.addWidget(window)
    try:
        window.show()
        fill_ka_order(qtbot, window, "GUI-KA-POOR")
        submit = named(window, "submitButton")
        qtbot.waitUntil(submit.isEnabled)
        submit.click()
        journal = window.context.journal
        qtbot.waitUntil(lambda: (journal.find(Target.KA, EMBEDDED_SANDBOX, "GUI-KA-POOR") or
                                 SimpleNamespace(state=None)).state is OrderState.REJECTED,
                        timeout=15_000)
        outcome = named(window, "outcomeLabel")
        assert isinstance(outcome, QLabel)
        qtbot.waitUntil(lambda: "Rejected by the API" in outcome.text())
        assert "balance" in outcome.text().lower()
        # The order stays in the form, to fix and send again.
        assert window.forms[Target.KA].payload()["customOrderId"] == "GUI-KA-POOR"
    finally:
        window.shutdown()


def test_order_lines_are_keyboard_driven(qtbot: QtBot, window: MainWindow) -> None:
    view = named(window, "ka.orderItemsList")
    assert isinstance(view, QTableView)
    model = window.forms[Target.KA].items_model
    fill_row(qtbot, window, "ka.orderItemsList", 0, {"sku": "A", "quantity": "1"})
    view.setFocus()
    view.setCurrentIndex(model.index(0, 0))

    # Enter on the last line (fill_row commits with it) added the next, empty line.
    assert [r["sku"] for r in model.rows()] == ["A", ""]
    qtbot.keyClick(view, Qt.Key.Key_D,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert [r["sku"] for r in model.rows()] == ["A", "A", ""]
    qtbot.keyClick(view, Qt.Key.Key_Insert)  # the empty last line is the one to type in
    assert [r["sku"] for r in model.rows()] == ["A", "A", ""]
    assert view.currentIndex().row() == 2  # the new line is ready for typing
    qtbot.keyClick(view, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert [r["sku"] for r in model.rows()] == ["A", "A"]


def test_a_problem_in_a_folded_group_unfolds_it(qtbot: QtBot, window: MainWindow) -> None:
    window.header.set_target(Target.NOMAD)
    form = window.forms[Target.NOMAD]
    customs = named(window, "nomad.group.customs")
    assert not customs.isVisibleTo(window)
    form.show_remote_errors([FieldError("customsCode", "not a customs office")])
    assert customs.isVisibleTo(window)
    message = named(window, "nomad.customsCode.message")
    assert isinstance(message, QLabel)
    assert message.text() == "not a customs office"


def test_ctrl_enter_inside_an_open_cell_keeps_what_was_typed(
    qtbot: QtBot, window: MainWindow
) -> None:
    fill_ka_order(qtbot, window, "GUI-KA-CELL")
    view = named(window, "ka.orderItemsList")
    assert isinstance(view, QTableView)
    index = view.model().index(0, 1)  # quantity
    view.setCurrentIndex(index)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.indexWidget(index)
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "5")  # no Enter: the editor is still open
    window.submit()
    qtbot.waitUntil(lambda: accepted(window, "GUI-KA-CELL") is not None, timeout=15_000)
    record = accepted(window, "GUI-KA-CELL")
    assert record is not None
    assert record.payload["orderItemsList"][0]["quantity"] == 5


def test_item_fields_without_a_column_survive_loading_and_duplicating(
    window: MainWindow,
) -> None:
    form = window.forms[Target.NOMAD]
    order = nomad_order("KEEP-1")
    order["items"][0]["product"]["skus"] = [{"skuNumber": "S-1", "barcode": "690123"}]
    form.load(order)  # as "Open as new order" and drafts do
    model = form.items_model
    assert model.rows()[0]["product.skus[].skuNumber"] == "S-1"
    model.duplicate_row(0)
    model.setData(model.index(1, model.columns.index("product.skus[].skuNumber")), "")

    first, second = form.payload()["items"]
    assert first["product"]["productId"] == "p1"  # no column for it, still sent
    assert first["product"]["skus"] == [{"skuNumber": "S-1", "barcode": "690123"}]
    assert second["product"]["productId"] == "p1"
    assert second["product"]["skus"] == [{"barcode": "690123"}]  # the cleared cell is gone
    model.remove_row(0)
    assert form.payload()["items"] == [second]


def test_a_corrected_order_under_an_accepted_reference_is_kept_and_not_sent(
    qtbot: QtBot, window: MainWindow
) -> None:
    submit = named(window, "submitButton")
    fill_ka_order(qtbot, window, "GUI-KA-FIX")
    qtbot.waitUntil(submit.isEnabled)
    qtbot.mouseClick(submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: accepted(window, "GUI-KA-FIX") is not None, timeout=15_000)
    first = accepted(window, "GUI-KA-FIX")
    assert first is not None

    fill_ka_order(qtbot, window, "GUI-KA-FIX")
    type_into(qtbot, window, "ka.city", "Lyon")  # the operator's correction
    qtbot.waitUntil(submit.isEnabled)
    qtbot.mouseClick(submit, Qt.MouseButton.LeftButton)
    outcome = named(window, "outcomeLabel")
    qtbot.waitUntil(lambda: "Not sent" in outcome.text(), timeout=15_000)
    assert "GUI-KA-FIX" in outcome.text() and (first.remote_id or "?") in outcome.text()
    # The correction is still in the form, and the order on the server is the first version.
    payload = window.forms[Target.KA].payload()
    assert payload["customOrderId"] == "GUI-KA-FIX"
    assert payload["orderAddress"]["city"] == "Lyon"
    again = accepted(window, "GUI-KA-FIX")
    assert again is not None and again.payload["orderAddress"]["city"] == "Paris"


def test_an_order_finished_before_its_handle_came_back_is_still_reported(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A loaded machine can run a whole batch (a held duplicate: no request at all) before the
    engine's handle is back on the GUI thread; its outcome must still reach the form."""
    engine = window.submission.engine
    submit_batch = engine.submit_batch

    def finishing_first(orders: Any, profile: Any, *, on_progress: Callable[[Progress], None],
                        **options: Any) -> BatchHandle:
        told = threading.Event()

        def relay(progress: Progress) -> None:
            on_progress(progress)
            if progress.finished:
                told.set()

        handle = submit_batch(orders, profile, on_progress=relay, **options)
        assert told.wait(10), "the batch did not finish"
        return handle

    monkeypatch.setattr(engine, "submit_batch", finishing_first)
    fill_ka_order(qtbot, window, "GUI-KA-EARLY")
    with qtbot.waitSignal(window.submission.batch_finished, timeout=10_000):
        window.submit()
    assert "Accepted" in window.outcome.text() and "GUI-KA-EARLY" in window.outcome.text()
    assert not window.submission.busy_with(Target.KA)
