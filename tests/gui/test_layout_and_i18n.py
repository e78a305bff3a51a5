"""Every visible string goes through tr() (checked with a pseudo-translation, as translators'
tools do), and the layout holds at 1024×700 with text at 125%."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTabBar,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.core.targets import registered_targets
from app.gui.app import build_main_window, ensure_application
from app.gui.main_window import MainWindow

MARK = "⟦"


class PseudoTranslator(QTranslator):
    """Wraps every translated string, so text that skipped tr() stands out."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str:
        return f"{MARK}{source}⟧"

    def isEmpty(self) -> bool:
        return False


@pytest.fixture
def pseudo_window(qtbot: QtBot) -> Iterator[MainWindow]:
    app = ensure_application()
    translator = PseudoTranslator(app)
    QCoreApplication.installTranslator(translator)
    try:
        window = build_main_window()
        qtbot.addWidget(window)
        window.show()
        yield window
        window.shutdown()
    finally:
        QCoreApplication.removeTranslator(translator)


def _visible_texts(root: QWidget) -> list[tuple[str, str]]:
    texts: list[tuple[str, str]] = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        name = widget.objectName() or type(widget).__name__
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append((name, widget.text()))
        elif isinstance(widget, QGroupBox):
            texts.append((name, widget.title()))
        elif isinstance(widget, QLineEdit):
            texts.append((name, widget.placeholderText()))
        elif isinstance(widget, QTabBar):
            texts += [(name, widget.tabText(i)) for i in range(widget.count())]
    return texts


def _untranslated(texts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    # Empty texts and values the operator or the API supplies (numbers, profile names shown by
    # data widgets) are not interface strings.
    return [(name, text) for name, text in texts
            if text.strip() and MARK not in text and not text.strip().isdigit()]


def test_every_visible_string_of_the_window_is_translatable(pseudo_window: MainWindow) -> None:
    for target in registered_targets():
        pseudo_window.target_switch.setCurrentIndex(
            pseudo_window.target_switch.findData(target.value))
        pseudo_window.submit()  # reveals the inline messages too
        assert _untranslated(_visible_texts(pseudo_window)) == []
    pseudo_window.tabs.setCurrentWidget(pseudo_window.history)
    assert _untranslated(_visible_texts(pseudo_window)) == []
    assert MARK in pseudo_window.windowTitle()


def test_every_visible_string_of_the_settings_dialog_is_translatable(
    pseudo_window: MainWindow,
) -> None:
    dialog = pseudo_window.open_settings()
    assert _untranslated(_visible_texts(dialog)) == []


def test_layout_holds_at_125_percent_text_in_1024_by_700(qtbot: QtBot) -> None:
    app = ensure_application()
    original = QFont(app.font())
    bigger = QFont(original)
    bigger.setPointSizeF(original.pointSizeF() * 1.25)
    QApplication.setFont(bigger)
    window = build_main_window()
    qtbot.addWidget(window)
    try:
        window.resize(1024, 700)
        window.show()
        qtbot.waitExposed(window)
        assert (window.width(), window.height()) == (1024, 700)
        for target in registered_targets():
            window.target_switch.setCurrentIndex(window.target_switch.findData(target.value))
            scroll = window.form_stack.currentWidget()
            assert isinstance(scroll, QScrollArea)
            # Layouts settle over a few event-loop turns after a switch.
            qtbot.waitUntil(lambda s=scroll: s.widget().width() <= s.viewport().width()
                            and not s.horizontalScrollBar().isVisible(), timeout=3000)
        # A whole order (address, order settings, the first order line) fits without scrolling,
        # for either target.
        for target in registered_targets():
            window.header.set_target(target)
            scroll = window.form_stack.currentWidget()
            assert isinstance(scroll, QScrollArea)
            lines = window.forms[target].items.view

            def first_line_visible(scroll: QScrollArea = scroll,
                                   lines: QTableView = lines) -> bool:
                cell = lines.visualRect(lines.model().index(0, 0))
                corner = lines.viewport().mapTo(scroll.viewport(), cell.bottomRight())
                return scroll.viewport().rect().contains(corner)

            qtbot.waitUntil(first_line_visible)
        for name in ("submitButton", "settingsButton", "environmentBadge", "targetSwitch"):
            widget = window.findChild(QWidget, name)
            assert widget is not None
            inside = widget.mapTo(window, widget.rect().bottomRight())
            assert window.rect().contains(inside), f"{name} is cut off"
            assert widget.width() >= widget.minimumSizeHint().width(), f"{name} is squeezed"
    finally:
        window.shutdown()
        QApplication.setFont(original)
