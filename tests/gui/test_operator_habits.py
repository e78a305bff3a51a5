"""Keyboard habits and continuity: shortcuts, drafts that survive a restart, recent values."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from app.core.journal import OrderState
from app.core.targets import Target
from app.gui.app import build_main_window
from app.gui.ka_form import KaOrderForm
from app.gui.main_window import MainWindow
from tests.gui.helpers import accepted, fill_row, history_records, named, type_into


def _fill_minimal_ka(qtbot: QtBot, window: MainWindow, reference: str = "") -> None:
    type_into(qtbot, window, "ka.country", "FR")
    type_into(qtbot, window, "ka.phone", "+33142685300")
    type_into(qtbot, window, "ka.recipient", "Jeanne Martin")
    type_into(qtbot, window, "ka.province", "Ile-de-France")
    type_into(qtbot, window, "ka.city", "Paris")
    type_into(qtbot, window, "ka.street1", "10 rue de Rivoli")
    type_into(qtbot, window, "ka.channelType", "Express")
    if reference:
        type_into(qtbot, window, "ka.customOrderId", reference)
    fill_row(qtbot, window, "ka.orderItemsList", 0, {"sku": "SKU-1", "quantity": "1"})


def test_draft_survives_a_restart(qtbot: QtBot, window: MainWindow) -> None:
    type_into(qtbot, window, "ka.recipient", "Half Typed")
    fill_row(qtbot, window, "ka.orderItemsList", 0, {"sku": "SKU-DRAFT"})
    window.shutdown()  # closing saves the draft at once

    again = build_main_window()
    qtbot.addWidget(again)
    try:
        recipient = named(again, "ka.recipient")
        assert isinstance(recipient, QLineEdit)
        assert recipient.text() == "Half Typed"
        assert again.forms[Target.KA].items_model.rows()[0]["sku"] == "SKU-DRAFT"
    finally:
        again.shutdown()


def test_draft_is_autosaved_while_typing(qtbot: QtBot, window: MainWindow) -> None:
    type_into(qtbot, window, "ka.recipient", "Autosaved")
    qtbot.waitUntil(lambda: (window.drafts.load(Target.KA) or {}).get("orderAddress", {})
                    .get("recipient") == "Autosaved", timeout=5000)


def test_ctrl_n_starts_a_new_order_and_ctrl_d_duplicates_the_last(
    qtbot: QtBot, window: MainWindow
) -> None:
    _fill_minimal_ka(qtbot, window, "HABIT-1")
    submit = named(window, "submitButton")
    qtbot.waitUntil(submit.isEnabled)
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Return,
                   Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: accepted(window, "HABIT-1") is not None, timeout=15_000)

    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_D,
                   Qt.KeyboardModifier.ControlModifier)
    form = window.forms[Target.KA]
    copy = form.payload()
    assert copy["orderAddress"]["recipient"] == "Jeanne Martin"
    assert copy["channelType"] == "Express"
    assert "customOrderId" not in copy  # a copy never reuses the old order's reference

    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_N,
                   Qt.KeyboardModifier.ControlModifier)
    assert form.payload().get("channelType") is None
    assert window.drafts.load(Target.KA) is None


def test_sent_values_come_back_as_completions(qtbot: QtBot, window: MainWindow) -> None:
    _fill_minimal_ka(qtbot, window, "HABIT-2")
    type_into(qtbot, window, "ka.city", "Lyon")
    submit = named(window, "submitButton")
    qtbot.waitUntil(submit.isEnabled)
    submit.click()
    qtbot.waitUntil(lambda: accepted(window, "HABIT-2") is not None, timeout=15_000)
    city = named(window, "ka.city")
    assert isinstance(city, QLineEdit)
    completer = city.completer()
    assert completer is not None
    assert "Lyon" in completer.model().stringList()


def test_same_content_without_reference_asks_before_sending_again(
    qtbot: QtBot, window: MainWindow
) -> None:
    submit = named(window, "submitButton")
    _fill_minimal_ka(qtbot, window)
    qtbot.waitUntil(submit.isEnabled)
    submit.click()
    qtbot.waitUntil(lambda: any(r.state is OrderState.ACCEPTED for r in history_records(window)),
                    timeout=15_000)
    # The history may show it before the window has taken the result in: wait for that too.
    qtbot.waitUntil(lambda: window.last_payload.get(Target.KA) is not None, timeout=15_000)

    window.duplicate_last()
    qtbot.waitUntil(submit.isEnabled)
    submit.click()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "duplicateQuestion") is not None,
                    timeout=15_000)
    question = window.findChild(QMessageBox, "duplicateQuestion")
    assert isinstance(question, QMessageBox)
    assert len(history_records(window)) == 1  # held back: nothing sent yet
    question.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: sum(r.state is OrderState.ACCEPTED
                                for r in history_records(window)) == 2, timeout=15_000)


def _next_field(widget: QWidget) -> QWidget:
    """The next widget Tab lands on, skipping labels and a combo's inner line edit."""
    widget = widget.nextInFocusChain()
    while (not widget.objectName() or widget.focusPolicy() == Qt.FocusPolicy.NoFocus
           or widget.focusProxy() is not None or not widget.isVisible()):
        widget = widget.nextInFocusChain()
    return widget


def test_tab_follows_the_order_operators_type_in(qtbot: QtBot, window: MainWindow) -> None:
    # The rarely filled fields (tax numbers, sale platform, remark) are folded away: Tab goes
    # from the address to the reference, the shipping speed and the order lines.
    expected = ["ka.recipient", "ka.phone", "ka.country", "ka.province", "ka.city",
                "ka.street1", "ka.street2", "ka.zip", "ka.customOrderId", "ka.channelType",
                "ka.orderItemsList"]
    widget = named(window, expected[0])
    visited = [widget.objectName()]
    while len(visited) < len(expected):
        widget = _next_field(widget)
        visited.append(widget.objectName())
    assert visited == expected

    # Nomad: the order, the customer, the address, then straight to the items below them.
    window.header.set_target(Target.NOMAD)
    editors = list(window.forms[Target.NOMAD].editors.values())
    last_customer = [e for e in editors if e.spec.group == "customer"][-1]
    assert _next_field(last_customer.widget).objectName() == "nomad.customer.address1"
    last_address = [e for e in editors if e.spec.group == "address"][-1]
    assert _next_field(last_address.widget).objectName() == "nomad.items"


def test_ka_balance_and_shipping_quote_come_from_the_api(qtbot: QtBot, window: MainWindow) -> None:
    balance = named(window, "ka.balance")
    assert isinstance(balance, QLabel)
    qtbot.waitUntil(lambda: "USD" in balance.text(), timeout=10_000)

    message = named(window, "ka.quoteMessage")
    assert isinstance(message, QLabel)
    form = window.forms[Target.KA]
    assert isinstance(form, KaOrderForm) and form.quote_panel is not None
    panel = form.quote_panel
    panel.request_quote()
    assert "country" in message.text()  # nothing to quote yet, said plainly

    type_into(qtbot, window, "ka.country", "FR")
    fill_row(qtbot, window, "ka.orderItemsList", 0, {"sku": "SKU-1", "quantity": "2"})
    panel.request_quote()
    table = panel.quote_table
    qtbot.waitUntil(lambda: table.rowCount() > 0, timeout=10_000)
    speeds = {table.item(row, 0).text() for row in range(table.rowCount())}
    assert "Standard" in speeds
    assert all(table.item(row, 2).text() for row in range(table.rowCount()))  # a freight each


def test_a_folded_group_opens_when_an_order_brings_a_value_for_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    form = window.forms[Target.NOMAD]
    shipping = named(window, "nomad.toggle.shipping")
    payment = named(window, "nomad.toggle.payment")
    assert isinstance(shipping, QToolButton) and isinstance(payment, QToolButton)
    assert not shipping.isChecked() and not payment.isChecked()
    form.load({"clientOrderRef": "OPEN-AGAIN", "trackingReference": "TRK-9"})
    assert shipping.isChecked(), "a loaded value must not sit in a folded group unseen"
    assert not payment.isChecked()
    assert named(window, "nomad.trackingReference").isVisibleTo(form)
