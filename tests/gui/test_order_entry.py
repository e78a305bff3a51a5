"""The real window against the built-in sandbox: fill orders by the named widgets, submit, see
them accepted in the history; invalid input keeps Submit disabled with the right message."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from app.core.targets import Target
from app.gui.main_window import MainWindow
from tests.gui.helpers import accepted, fill_row, named, type_into


def _fill_ka(qtbot: QtBot, window: MainWindow, reference: str) -> None:
    type_into(qtbot, window, "ka.country", "France")
    type_into(qtbot, window, "ka.phone", "+33 1 42 68 53 00")
    type_into(qtbot, window, "ka.recipient", "Jeanne Martin")
    type_into(qtbot, window, "ka.province", "Ile-de-France")
    type_into(qtbot, window, "ka.city", "Paris")
    type_into(qtbot, window, "ka.street1", "10 rue de Rivoli")
    type_into(qtbot, window, "ka.channelType", "Standard")
    type_into(qtbot, window, "ka.customOrderId", reference)
    fill_row(qtbot, window, "ka.orderItemsList", 0, {"sku": "SKU-RED-M", "quantity": "2"})


def test_ka_order_is_accepted_and_shown_in_history(qtbot: QtBot, window: MainWindow) -> None:
    submit = named(window, "submitButton")
    assert isinstance(submit, QPushButton)
    assert window.target is Target.KA
    assert not submit.isEnabled()

    _fill_ka(qtbot, window, "GUI-KA-1")
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
    type_into(qtbot, window, "nomad.platformName", "youzan")
    type_into(qtbot, window, "nomad.currency", "CNY")
    type_into(qtbot, window, "nomad.clientOrderRef", "GUI-NM-1")
    type_into(qtbot, window, "nomad.customer.firstName", "Li")
    type_into(qtbot, window, "nomad.customer.lastName", "Wei")
    type_into(qtbot, window, "nomad.customer.phone", "+86 139 1234 5678")
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
    _fill_ka(qtbot, window, "GUI-KA-2")
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
    qtbot.waitUntil(lambda: "quantity" in items_message.text() and not message.isVisible())
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
