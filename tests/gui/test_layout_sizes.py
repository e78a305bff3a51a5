"""The order forms at 1024x700, 1366x768 and 1920x1080: every field as wide as its values (never
squeezed below them, never stretched across a big screen), every order line column as wide as
its name and data and in view, the lines table at least three lines high even with every folded
group open, and Submit in the window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from app.core.targets import Target
from app.gui.field_widths import natural_width
from app.gui.items_table import MIN_VISIBLE_ROWS
from app.gui.main_window import ORDER_PAGE_WIDTH, MainWindow
from app.gui.order_form import OrderForm

SIZES = [(1024, 700), (1366, 768), (1920, 1080)]


def _rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    return QRect(widget.mapTo(ancestor, widget.rect().topLeft()), widget.size())


def _open_every_group(form: OrderForm) -> None:
    for toggle in form.findChildren(QAbstractButton):
        if toggle.isCheckable() and toggle.isVisibleTo(form) and toggle.objectName().startswith(
                f"{form.target.value}.toggle."):
            toggle.setChecked(True)


def _settle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.wait(50)  # layouts settle over a few event-loop turns after a change


def layout_problems(form: OrderForm, scroll: QScrollArea) -> list[str]:
    """What is clipped, squeezed or stretched in ``form`` as shown in ``scroll``."""
    problems = []
    width = scroll.viewport().width()
    for path, editor in form.editors.items():
        widget = editor.widget
        if not widget.isVisibleTo(form):
            continue
        natural = natural_width(editor)
        rect = _rect_in(widget, form)
        if rect.right() >= width:
            problems.append(f"{path}: cut off at the right ({rect.right()} >= {width})")
        if widget.width() < min(natural, widget.minimumSizeHint().width()):
            problems.append(f"{path}: squeezed to {widget.width()} px")
        if widget.width() > natural:
            problems.append(f"{path}: stretched to {widget.width()} px (needs {natural})")
    view = form.items.view
    header = view.horizontalHeader()
    for column in range(view.model().columnCount()):
        if view.isColumnHidden(column):
            continue
        name = view.model().headerData(column, header.orientation())
        size = header.sectionSize(column)
        if size < view.fontMetrics().horizontalAdvance(str(name)) + 12:
            problems.append(f"column {name}: header cut ({size} px)")
        if size < form.items.natural_width(column):
            problems.append(f"column {name}: narrower than its data ({size} px)")
        if header.sectionViewportPosition(column) + size > view.viewport().width():
            problems.append(f"column {name}: out of view")
        if size > 2 * form.items.natural_width(column):
            problems.append(f"column {name}: stretched to {size} px")
    rows = view.viewport().height() / view.verticalHeader().defaultSectionSize()
    if rows < MIN_VISIBLE_ROWS:
        problems.append(f"order lines: {rows:.1f} lines high")
    return problems


@pytest.mark.parametrize(("width", "height"), SIZES)
@pytest.mark.parametrize("target", [Target.KA, Target.NOMAD])
def test_fields_and_columns_fit_at_each_size(
    qtbot: QtBot, window: MainWindow, target: Target, width: int, height: int
) -> None:
    window.resize(width, height)
    window.header.set_target(target)
    form = window.forms[target]
    scroll = window.form_stack.currentWidget()
    assert isinstance(scroll, QScrollArea)
    _settle(qtbot, window)
    assert layout_problems(form, scroll) == []
    _open_every_group(form)  # e.g. Nomad's Shipping: the lines keep three rows
    _settle(qtbot, window)
    assert layout_problems(form, scroll) == []
    submit = window.findChild(QWidget, "submitButton")
    assert submit is not None
    assert window.rect().contains(_rect_in(submit, window)), "Submit is cut off"
    # Submit stays by the form: under its right edge, the form no wider than the page's cap.
    form_area = _rect_in(scroll, window)
    assert abs(_rect_in(submit, window).right() - form_area.right()) <= 16
    assert form_area.width() <= ORDER_PAGE_WIDTH


def test_the_checks_catch_a_clipped_field_and_a_short_table(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The layout checks fail when a field is cut or squeezed, a column clipped or the lines
    table under three rows."""
    form = window.forms[Target.KA]
    scroll = window.form_stack.currentWidget()
    assert isinstance(scroll, QScrollArea)
    _settle(qtbot, window)
    phone = form.editors["orderAddress.phone"].widget
    phone.setMaximumWidth(20)
    form.items.view.horizontalHeader().resizeSection(0, 10)
    form.items.view.setMinimumHeight(10)
    form.items.view.setMaximumHeight(40)
    _settle(qtbot, window)
    problems = "\n".join(layout_problems(form, scroll))
    assert "orderAddress.phone: squeezed" in problems
    assert "column SKU: narrower than its data" in problems
    assert "order lines:" in problems


def test_a_message_too_long_for_its_room_ends_in_an_ellipsis_and_keeps_its_whole_text(
    qtbot: QtBot, window: MainWindow
) -> None:
    # At 1024x700 the phone's message had its last letters cut with nothing to say so.
    phone = window.forms[Target.KA].editors["orderAddress.phone"]
    long = "not a possible phone number for France (too short): +33 1 42"
    phone.set_error(long)
    _settle(qtbot, window)
    message = phone.message
    assert message.text() == long and message.toolTip() == long
    shown = message.shown_text()
    assert shown.endswith("…") and long.startswith(shown[:-1]), shown
    assert message.fontMetrics().horizontalAdvance(shown) <= message.contentsRect().width()
    phone.set_error("required")
    _settle(qtbot, window)
    assert message.shown_text() == "required"
