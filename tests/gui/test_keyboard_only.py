"""The window driven by the keyboard alone (type into whatever has the focus, press Tab), and
the keys it takes; the table of order lines lets the focus in and out."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView
from pytestqt.qtbot import QtBot

from app.core.targets import Target
from app.gui.main_window import MainWindow
from tests.gui.helpers import named
from tests.gui.keyboard_entry import (
    KA_VALUES,
    NOMAD_VALUES,
    Keyboard,
    enter_ka_and_nomad,
)

PER_ORDER = 4  # navigation keys allowed beyond one per value entered


def _wait(qtbot: QtBot) -> Callable[[Callable[[], bool], int], None]:
    def wait(condition: Callable[[], bool], timeout: int) -> None:
        qtbot.waitUntil(condition, timeout=timeout)
    return wait


def _activate(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitActive(window)


def test_two_orders_entered_with_the_keyboard_alone(qtbot: QtBot, window: MainWindow) -> None:
    _activate(qtbot, window)
    keys = Keyboard()
    try:
        counts = enter_ka_and_nomad(window, _wait(qtbot), keys)
    finally:
        print("\n".join(keys.log))
        print(window.outcome.text(), window.form.payload())
    print(f"navigation keys: KA {counts['ka']} for {KA_VALUES} values, "
          f"Nomad {counts['nomad']} for {NOMAD_VALUES} values")
    assert counts["ka"] <= KA_VALUES + PER_ORDER
    assert counts["nomad"] <= NOMAD_VALUES + PER_ORDER


def test_focus_starts_on_the_recipient(qtbot: QtBot, window: MainWindow) -> None:
    _activate(qtbot, window)
    assert Keyboard.focus_name() == "ka.recipient"


def test_tab_and_shift_tab_go_into_and_out_of_the_lines(qtbot: QtBot, window: MainWindow) -> None:
    _activate(qtbot, window)
    keys = Keyboard()
    view = named(window, "ka.orderItemsList")
    assert isinstance(view, QTableView)
    named(window, "ka.channelType").setFocus()
    keys.press(Qt.Key.Key_Tab)
    assert view.isAncestorOf(QApplication.focusWidget()) or view.hasFocus()
    assert (view.currentIndex().row(), view.currentIndex().column()) == (0, 0)
    keys.type("A")
    # The columns shown (the lines' own speeds and deprecated columns are hidden).
    shown = [c for c in range(view.model().columnCount()) if not view.isColumnHidden(c)]
    columns = len(shown)
    for _ in range(columns - 1):
        keys.press(Qt.Key.Key_Tab)
    assert view.currentIndex().column() == shown[-1]
    keys.press(Qt.Key.Key_Tab)  # after the last cell: out of the table, onwards
    assert not (view.hasFocus() or view.isAncestorOf(QApplication.focusWidget()))
    keys.press(Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)  # back in, at the last cell
    assert view.hasFocus() or view.isAncestorOf(QApplication.focusWidget())
    assert view.currentIndex().column() == shown[-1]
    for _ in range(columns):  # Shift+Tab cell by cell, then out before the first
        keys.press(Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert keys.focus_name() == "ka.channelType"
    assert window.forms[Target.KA].items_model.rows()[0]["sku"] == "A"


def test_enter_on_the_last_line_adds_a_line(qtbot: QtBot, window: MainWindow) -> None:
    _activate(qtbot, window)
    keys = Keyboard()
    named(window, "ka.channelType").setFocus()
    keys.press(Qt.Key.Key_Tab)
    keys.type("SKU-1")
    keys.press(Qt.Key.Key_Tab)
    keys.type("2")
    keys.press(Qt.Key.Key_Return)
    model = window.forms[Target.KA].items_model
    assert [r["sku"] for r in model.rows()] == ["SKU-1", ""]
    view = named(window, "ka.orderItemsList")
    assert isinstance(view, QTableView)
    assert (view.currentIndex().row(), view.currentIndex().column()) == (1, 0)
    keys.press(Qt.Key.Key_Return)  # on an empty line Enter adds nothing more
    assert model.rowCount() == 2


def test_a_refused_send_puts_the_cursor_on_the_first_field_to_fix(
    qtbot: QtBot, window: MainWindow
) -> None:
    _activate(qtbot, window)
    keys = Keyboard()
    keys.press(Qt.Key.Key_Tab)  # past the recipient, left empty
    keys.type("+33142685300")
    named(window, "ka.orderItemsList").setFocus()
    keys.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert keys.focus_name() == "ka.recipient"


def test_main_fields_have_an_alt_letter(qtbot: QtBot, window: MainWindow) -> None:
    _activate(qtbot, window)
    form = window.forms[Target.KA]
    for path in ("orderAddress.recipient", "orderAddress.phone", "orderAddress.country",
                 "customOrderId", "channelType"):
        assert "&" in form.editors[path].label.text(), path
    keys = Keyboard()
    keys.press(Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    label = next(e.label.text() for e in form.editors.values() if "&S" in e.label.text())
    assert keys.focus_name() == next(e.widget.objectName() for e in form.editors.values()
                                     if e.label.text() == label)


def test_a_folded_group_opens_with_its_alt_letter_at_its_first_field(
    qtbot: QtBot, window: MainWindow
) -> None:
    _activate(qtbot, window)
    toggle = named(window, "ka.toggle.more")
    assert toggle.text().startswith("&M")  # "More order fields"
    assert not named(window, "ka.salePlatform").isVisible()
    Keyboard().press(Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: Keyboard.focus_name() == "ka.salePlatform")
    assert named(window, "ka.salePlatform").isVisible()
