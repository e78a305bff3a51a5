"""KA's per-line shipping speed shows only when a line's differs from the order's (the order's
applies to every line without its own); deprecated fields show only for an order carrying them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.core.targets import Target
from app.gui.ka_form import KaOrderForm
from app.gui.main_window import MainWindow
from app.gui.nomad_form import NomadOrderForm

ADDRESS = {"recipient": "Jeanne Martin", "phone": "+33142685300", "country": "FR",
           "province": "Ile-de-France"}


def _ka(window: MainWindow) -> KaOrderForm:
    form = window.forms[Target.KA]
    assert isinstance(form, KaOrderForm)
    return form


def test_the_lines_own_speed_is_hidden_unless_it_differs(window: MainWindow) -> None:
    form = _ka(window)
    view, column = form.items.view, form.line_speed_column
    assert view.isColumnHidden(column) and not form.line_speeds.isChecked()
    assert "without their own speed" in form.line_speeds.toolTip()  # the rule, where chosen
    form.load({"orderAddress": ADDRESS, "channelType": "Express",
               "orderItemsList": [{"sku": "A", "quantity": 1, "channelType": "Express"}]})
    assert view.isColumnHidden(column)  # the same as the order's: nothing to show
    form.load({"orderAddress": ADDRESS, "channelType": "Standard",
               "orderItemsList": [{"sku": "A", "quantity": 1},
                                  {"sku": "B", "quantity": 1, "channelType": "Express"}]})
    assert not view.isColumnHidden(column) and form.line_speeds.isChecked()
    assert form.payload()["orderItemsList"][1]["channelType"] == "Express"
    form.line_speeds.click()  # the operator: one speed for the whole order
    assert view.isColumnHidden(column)
    assert all("channelType" not in line for line in form.payload()["orderItemsList"])


def test_a_hidden_line_speed_follows_the_order_speed(window: MainWindow) -> None:
    form = _ka(window)
    form.load({"orderAddress": ADDRESS, "channelType": "Express",
               "orderItemsList": [{"sku": "A", "quantity": 1, "channelType": "Express"}]})
    form.editors["channelType"].set_value("Standard")
    assert form.payload()["orderItemsList"][0]["channelType"] == "Standard"


def test_deprecated_fields_show_only_for_an_order_that_carries_them(
    qtbot: QtBot, window: MainWindow
) -> None:
    form = _ka(window)
    view, columns = form.items.view, form.items_model.columns
    deprecated = [columns.index("channelCode"), columns.index("warehouseCode")]
    assert all(view.isColumnHidden(c) for c in deprecated)
    form.load({"orderAddress": ADDRESS, "channelType": "Express",
               "orderItemsList": [{"sku": "A", "quantity": 1, "warehouseCode": "G007"}]})
    assert view.isColumnHidden(deprecated[0]) and not view.isColumnHidden(deprecated[1])
    header = form.items_model.headerData(deprecated[1], Qt.Orientation.Horizontal)
    assert header == "Warehouse code (deprecated)"
    assert form.payload()["orderItemsList"][0]["warehouseCode"] == "G007"
    form.clear()
    assert all(view.isColumnHidden(c) for c in deprecated)

    nomad = window.forms[Target.NOMAD]
    assert isinstance(nomad, NomadOrderForm)
    window.header.set_target(Target.NOMAD)
    toggle = nomad.deprecated_toggle
    assert toggle is not None and not toggle.isVisibleTo(nomad)
    nomad.load({"customer": {"chineseId": "110101199003074477"}})
    assert toggle.isVisibleTo(nomad)
    nomad.clear()
    assert not toggle.isVisibleTo(nomad)
