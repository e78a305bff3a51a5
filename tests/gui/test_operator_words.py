"""Operators read field names, not API paths: no visible label, group title, button, column
header or import mapping row of the order forms shows one (the path is in the tooltip)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QTableView, QWidget
from pytestqt.qtbot import QtBot

from app.core.targets import Target
from app.gui.import_mapping_page import FIELD, ImportMappingPage
from app.gui.main_window import MainWindow

# `a.b` (a dot between identifiers) or `[]`: how API paths are written.
API_PATH = re.compile(r"[A-Za-z_]\w*\.[A-Za-z_]\w*|\[\]")


def _visible_texts(root: QWidget) -> list[str]:
    texts = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QTableView):
            model = widget.model()
            texts += [str(model.headerData(c, Qt.Orientation.Horizontal))
                      for c in range(model.columnCount())]
    return [t for t in texts if t]


@pytest.mark.parametrize("target", [Target.KA, Target.NOMAD])
def test_no_api_path_in_a_visible_label_or_header(window: MainWindow, target: Target) -> None:
    window.header.set_target(target)
    form = window.forms[target]
    for toggle in form.findChildren(QAbstractButton):  # the folded groups too
        if toggle.isCheckable():
            toggle.setChecked(True)
    quantity = next(c for c in form.items_model.columns if c == "quantity")
    form.items_model.set_rows([{form.items_model.columns[0]: "A", quantity: "many"}])
    window.submit()  # the inline messages too, a line's among them
    assert "Line 1" in form.items.message.text()
    texts = _visible_texts(form)
    assert any("SKU" in t for t in texts)
    assert [t for t in texts if API_PATH.search(t)] == []


def test_order_line_headers_name_the_field_and_keep_the_path_in_the_tooltip(
    window: MainWindow,
) -> None:
    model = window.forms[Target.KA].items_model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)]
    assert headers == ["SKU", "Quantity", "Shipping speed"]
    nomad = window.forms[Target.NOMAD].items_model
    column = nomad.columns.index("product.skus[].skuNumber")
    assert nomad.headerData(column, Qt.Orientation.Horizontal) == "SKU number"
    assert nomad.headerData(column, Qt.Orientation.Horizontal,
                            Qt.ItemDataRole.ToolTipRole) == "items[].product.skus[].skuNumber"


@pytest.mark.parametrize("target", [Target.KA, Target.NOMAD])
def test_no_api_path_in_an_import_mapping_row(qtbot: QtBot, target: Target) -> None:
    page = ImportMappingPage(target)
    qtbot.addWidget(page)
    rows = [page.table.item(row, FIELD) for row in range(page.table.rowCount())]
    titles = [item.text() for item in rows if item is not None]
    assert [t for t in titles if API_PATH.search(t)] == []
    assert len(set(titles)) == len(titles), "two rows read the same"
    if target is Target.KA:
        assert "Ship to · Country *" in titles
        country = titles.index("Ship to · Country *")
        item = page.table.item(country, FIELD)
        assert item is not None and "orderAddress.country" in item.toolTip()


def test_nomad_platforms_have_display_names(window: MainWindow) -> None:
    editor = window.forms[Target.NOMAD].editors["platformName"]
    names = [editor.widget.itemText(i) for i in range(editor.widget.count())]
    assert {"Pinduoduo", "Youzan", "Xiaohongshu", "Douyin"} <= set(names)
    editor.set_value("littleredbook")
    assert editor.widget.currentText() == "Xiaohongshu"
    assert editor.value() == "littleredbook"  # the API's value is what is sent
