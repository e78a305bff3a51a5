"""Entering orders with the keyboard alone, as an operator does: type into whatever has the
focus, press Tab (or Enter, or a shortcut) to go on, and count those navigation keys.

Used by tests/gui/test_keyboard_only.py and bench/bench_keyboard.py. Values are typed one
character at a time into the focused widget (or the open completion list), never set directly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from app.core.journal import OrderState
from app.gui.main_window import MainWindow

Wait = Callable[[Callable[[], bool], int], None]
TAB, ENTER = Qt.Key.Key_Tab, Qt.Key.Key_Return
CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier
NONE = Qt.KeyboardModifier.NoModifier

# What an operator types, in the order they type it; None: Tab past an empty field.
# (value, key that follows it). Enter on a line's last typed cell adds the next line.
KA_ORDER: list[tuple[str | None, Qt.Key, Qt.KeyboardModifier]] = [
    ("Jeanne Martin", TAB, NONE),        # Recipient (the focus starts there)
    ("+33142685300", TAB, NONE),         # Phone
    ("France", TAB, NONE),               # Country
    ("Ile-de-France", TAB, NONE),         # Province / state
    ("Paris", TAB, NONE),                # City
    ("1 Rue de Rivoli", TAB, NONE),      # Street
    (None, TAB, NONE),                   # Street (line 2): empty
    ("75001", TAB, NONE),                # Postcode
    ("KBD-KA-1", TAB, NONE),             # Order reference
    ("Express", TAB, NONE),              # Shipping speed; Tab enters the order lines
    ("SKU-RED-M", TAB, NONE),            # line 1: SKU
    ("2", ENTER, NONE),                  # line 1: Quantity; Enter adds line 2
    ("SKU-BLUE-L", TAB, NONE),           # line 2: SKU
    ("1", ENTER, CTRL),                  # line 2: Quantity; Ctrl+Enter sends
]
KA_VALUES = 13

NOMAD_ORDER: list[tuple[str | None, Qt.Key, Qt.KeyboardModifier]] = [
    ("KBD-NM-1", TAB, NONE),             # Order reference (Alt+O brought the focus there)
    ("Youzan", TAB, NONE),               # Platform
    ("CNY", TAB, NONE),                  # Currency
    ("Li", TAB, NONE),                   # First name
    ("Wei", TAB, NONE),                  # Last name
    ("+86 139 1234 5678", TAB, NONE),    # Phone
    (None, TAB, NONE),                   # Email: empty
    ("1 Nanjing Road", TAB, NONE),       # Address line 1
    (None, TAB, NONE),                   # Address line 2: empty
    ("Shanghai", TAB, NONE),             # City
    (None, TAB, NONE),                   # Province / state: empty
    ("200001", TAB, NONE),               # Postcode
    ("China", TAB, NONE),                # Country; Tab enters the items
    ("SKU-TEA", TAB, NONE),              # SKU number
    ("Green tea", TAB, NONE),            # Name
    ("3", TAB, NONE),                    # Quantity
    ("12.50", ENTER, CTRL),              # Price; Ctrl+Enter sends
]
NOMAD_VALUES = 15  # 14 typed + the target chosen


@dataclass
class Keyboard:
    """Sends keys where the keyboard would deliver them and counts the navigation keys."""

    navigation: int = 0
    log: list[str] = field(default_factory=list)

    @staticmethod
    def receiver() -> QWidget:
        widget = QApplication.activePopupWidget() or QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        return widget

    def type(self, text: str) -> None:
        for char in text:
            QTest.keyClick(self.receiver(), char)
            QApplication.processEvents()  # what the event loop does between two keystrokes

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = NONE) -> None:
        self.navigation += 1
        self.log.append(f"{self.focus_name()}: {key.name} {modifier.name or ''}".strip())
        QTest.keyClick(self.receiver(), key, modifier)
        QApplication.processEvents()

    @staticmethod
    def focus_name() -> str:
        widget = QApplication.focusWidget()
        while widget is not None and (not widget.objectName()
                                      or widget.objectName().startswith("qt_")):
            widget = widget.parentWidget()
        return widget.objectName() if widget is not None else ""


def accepted(window: MainWindow, reference: str) -> bool:
    model = window.history.model
    return any(model.record(row).reference == reference
               and model.record(row).state is OrderState.ACCEPTED
               for row in range(model.rowCount()))


def enter(keys: Keyboard, steps: list[tuple[str | None, Qt.Key, Qt.KeyboardModifier]]) -> None:
    for value, key, modifier in steps:
        if value:
            keys.type(value)
        keys.press(key, modifier)


def enter_ka_and_nomad(window: MainWindow, wait: Wait,
                       keys: Keyboard | None = None) -> dict[str, int]:
    """A KA order with two lines and a Nomad order with one item, sent to the sandbox; the
    navigation keys each took (``keys.log`` says where each was pressed)."""
    counts: dict[str, int] = {}
    keys = keys or Keyboard()
    assert keys.focus_name() == "ka.recipient", keys.focus_name()
    enter(keys, KA_ORDER)
    wait(lambda: accepted(window, "KBD-KA-1"), 20_000)
    counts["ka"] = keys.navigation
    # After an accepted send the cursor is back on the first field of the next order.
    wait(lambda: keys.focus_name() == "ka.recipient", 5_000)

    keys.press(Qt.Key.Key_T, ALT)        # the Target box
    keys.type("N")                       # Nomad
    keys.press(Qt.Key.Key_O, ALT)        # Order reference
    assert keys.focus_name() == "nomad.clientOrderRef", keys.focus_name()
    enter(keys, NOMAD_ORDER)
    wait(lambda: accepted(window, "KBD-NM-1"), 20_000)
    counts["nomad"] = keys.navigation - counts["ka"]
    wait(lambda: keys.focus_name() == "nomad.clientOrderRef", 5_000)
    return counts
