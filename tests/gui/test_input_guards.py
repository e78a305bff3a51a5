"""Guards of the window against slips: an order that cannot be fulfilled is not sent, a wheel
turned while scrolling changes no choice, and the title names the profile (and program) once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from app.core.targets import Target
from app.gui.main_window import MainWindow
from app.gui.wheel_guard import install_wheel_guard
from tests.gui.helpers import named, type_into


def _wheel(widget: QWidget, steps: int) -> None:
    """`steps` notches of a mouse wheel turned towards the user over `widget`'s centre."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre)), QPoint(),
                        QPoint(0, -120 * steps), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_submit_on_an_empty_nomad_form_sends_nothing_and_names_the_missing_parts(
    qtbot: QtBot, window: MainWindow
) -> None:
    type_into(qtbot, window, "targetSwitch", "Nomad")
    assert window.target is Target.NOMAD
    window.submit()

    for field, part in (("firstName", "recipient name"), ("address1", "address line"),
                        ("city", "city"), ("countryCode", "country")):  # the one picker
        message = named(window, f"nomad.customer.{field}.message")
        assert isinstance(message, QLabel)
        assert message.isVisible() and message.text() == f"delivery address: {part} is required"
    items_message = named(window, "nomad.items.message")
    assert isinstance(items_message, QLabel)
    assert "at least one item is required" in items_message.text()
    assert not named(window, "submitButton").isEnabled()
    assert window.context.journal.count() == 0


def test_a_wheel_over_an_unfocused_combo_box_leaves_it_alone(qtbot: QtBot) -> None:
    install_wheel_guard()
    combo = QComboBox()
    qtbot.addWidget(combo)
    combo.addItems(["one", "two", "three"])
    combo.show()
    qtbot.waitExposed(combo)
    assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus  # the wheel gives it no focus

    _wheel(combo, 1)
    assert combo.currentIndex() == 0

    combo.activateWindow()
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    _wheel(combo, 1)
    assert combo.currentIndex() == 1  # focused, the wheel is the operator's choice


def test_every_combo_and_spin_box_of_the_window_waits_for_focus(window: MainWindow) -> None:
    guarded = [*window.findChildren(QComboBox), *window.findChildren(QAbstractSpinBox)]
    assert guarded
    assert all(w.focusPolicy() == Qt.FocusPolicy.StrongFocus for w in guarded), [
        w.objectName() for w in guarded if w.focusPolicy() != Qt.FocusPolicy.StrongFocus]


@pytest.fixture
def display_name() -> Iterator[str]:
    """The display name a real start sets (app.gui.app), for the length of a test."""
    before = QApplication.applicationDisplayName()
    QApplication.setApplicationDisplayName("Order Desk")
    yield "Order Desk"
    QApplication.setApplicationDisplayName(before)


def test_the_title_names_the_profile_and_the_program_once(
    window: MainWindow, display_name: str
) -> None:
    window._refresh_profiles()
    title = window.windowTitle()
    assert title == f"Sandbox KA (SANDBOX) — {display_name}"
    # Ending with the display name, the platform adds nothing (QPlatformWindow::formatWindowTitle).
    assert title.endswith(display_name) and title.count(display_name) == 1
    assert title.count("Sandbox KA") == 1
