"""Driving the window the way an operator does: by the widgets' names, with the keyboard."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QTableView, QWidget
from pytestqt.qtbot import QtBot

from app.core.journal import OrderRecord, OrderState
from app.gui.history_model import HistoryTableModel
from app.gui.main_window import MainWindow
from app.sandbox import SandboxConfig, SandboxServer


def named(window: QWidget, name: str) -> QWidget:
    widget = window.findChild(QWidget, name)
    assert widget is not None, f"no widget named {name!r}"
    return widget


def type_into(qtbot: QtBot, window: QWidget, name: str, text: str) -> None:
    widget = named(window, name)
    if isinstance(widget, QComboBox) and not widget.isEditable():
        index = widget.findText(text)
        if index < 0:  # an API value shown under its display name (youzan: Youzan)
            index = widget.findData(text)
        assert index >= 0, f"{text!r} is not a choice of {name}"
        widget.setCurrentIndex(index)
        return
    target = widget.lineEdit() if isinstance(widget, QComboBox) else widget
    assert isinstance(target, QLineEdit)
    target.setFocus()
    target.clear()
    qtbot.keyClicks(target, text)
    completer = target.completer()
    if completer is not None and completer.popup().isVisible():
        # Pick the first suggestion, as an operator does with Down and Enter.
        qtbot.keyClick(completer.popup(), Qt.Key.Key_Down)
        qtbot.keyClick(completer.popup(), Qt.Key.Key_Return)
        assert not completer.popup().isVisible()


def fill_row(qtbot: QtBot, window: QWidget, table_name: str, row: int,
             values: dict[str, str]) -> None:
    """Type each value into its cell (named by the item field's path, as the model's columns
    are, or by its header) and commit with Enter."""
    view = named(window, table_name)
    assert isinstance(view, QTableView)
    model = view.model()
    headers = list(getattr(model, "columns", None) or [
        model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())])
    for column_name, text in values.items():
        index = model.index(row, headers.index(column_name))
        view.setCurrentIndex(index)
        qtbot.keyClick(view, Qt.Key.Key_F2)  # the platform's "edit" key
        editor = view.indexWidget(index)
        assert editor is not None, f"no editor opened for {column_name}"
        if isinstance(editor, QComboBox):
            editor.setCurrentText(text)
        else:
            assert isinstance(editor, QLineEdit)
            editor.selectAll()
            qtbot.keyClicks(editor, text)
        qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on a queued call
        qtbot.waitUntil(lambda index=index, text=text: model.data(index) == text)


def history_records(window: MainWindow) -> list[OrderRecord]:
    model = window.history.model
    return [model.record(row) for row in range(model.rowCount())]


def accepted(window: MainWindow, reference: str) -> OrderRecord | None:
    return next((r for r in history_records(window)
                 if r.reference == reference and r.state is OrderState.ACCEPTED), None)


def fill_ka_order(qtbot: QtBot, window: MainWindow, reference: str) -> None:
    """A complete KA order typed into the form, one line, under ``reference``."""
    type_into(qtbot, window, "ka.country", "France")
    type_into(qtbot, window, "ka.phone", "+33 1 42 68 53 00")
    type_into(qtbot, window, "ka.recipient", "Jeanne Martin")
    type_into(qtbot, window, "ka.province", "Ile-de-France")
    type_into(qtbot, window, "ka.city", "Paris")
    type_into(qtbot, window, "ka.street1", "10 rue de Rivoli")
    type_into(qtbot, window, "ka.channelType", "Standard")
    type_into(qtbot, window, "ka.customOrderId", reference)
    fill_row(qtbot, window, "ka.orderItemsList", 0, {"sku": "SKU-RED-M", "quantity": "2"})


def poor_sandbox(_directory: Path, _presented: object) -> SandboxServer:
    """A built-in sandbox (`build_main_window(sandbox_starter=...)`) whose KA account holds
    1.00 USD: every KA order is refused for the balance."""
    server = SandboxServer(SandboxConfig(ka_opening_balance=Decimal("1.00")))
    server.start()
    return server


def history_loaded(qtbot: QtBot, model: HistoryTableModel) -> None:
    """Wait until the history has shown the answer to every query asked for (they run on a
    worker), so what is read next is the newest answer."""
    qtbot.waitUntil(lambda: not model.loading, timeout=10_000)
