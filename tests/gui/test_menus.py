"""The menu bar: every window-wide command is reachable from it, with its shortcut, and Help opens
the About dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMenu
from pytestqt.qtbot import QtBot

from app import __version__
from app.core.targets import Target
from app.gui.about_dialog import AboutDialog
from app.gui.import_dialog import ImportDialog
from app.gui.main_window import MainWindow
from app.gui.settings_dialog import SettingsDialog
from tests.gui.helpers import named


def _menu_entries(window: MainWindow, menu_name: str) -> dict[str, QAction]:
    menu = window.menuBar().findChild(QMenu, menu_name)
    assert menu is not None, f"no menu {menu_name!r}"
    return {a.objectName(): a for a in menu.actions() if not a.isSeparator()}


def test_file_menu_lists_the_window_commands_with_their_shortcuts(window: MainWindow) -> None:
    entries = _menu_entries(window, "fileMenu")
    assert list(entries) == ["newOrderAction", "duplicateAction", "submitAction",
                             "undoReplaceAction", "reviewAction",
                             "importAction", "settingsAction", "quitAction"]
    assert entries["undoReplaceAction"].shortcut() == QKeySequence("Ctrl+Shift+Z")
    assert entries["reviewAction"].isCheckable()
    assert entries["newOrderAction"].shortcut() == QKeySequence("Ctrl+N")
    assert entries["quitAction"].shortcut() == QKeySequence("Ctrl+Q")
    assert entries["importAction"].text().replace("&", "") == "Import spreadsheet…"
    assert entries["settingsAction"].text().replace("&", "") == "Profiles and credentials…"


def test_help_about_opens_the_about_dialog_once(qtbot: QtBot, window: MainWindow) -> None:
    about = _menu_entries(window, "helpMenu")["aboutAction"]
    about.trigger()
    dialog = window.findChild(AboutDialog, "aboutDialog")
    assert dialog is not None
    qtbot.waitExposed(dialog)
    version = named(dialog, "aboutVersion")
    assert isinstance(version, QLabel)
    assert __version__ in version.text()
    about.trigger()  # a second click raises the same dialog instead of stacking another
    assert len(window.findChildren(AboutDialog)) == 1
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_menu_commands_open_import_and_settings(qtbot: QtBot, window: MainWindow) -> None:
    entries = _menu_entries(window, "fileMenu")
    entries["settingsAction"].trigger()
    settings = window.findChild(SettingsDialog, "settingsDialog")
    assert settings is not None and settings.isVisible()
    settings.reject()

    entries["importAction"].trigger()
    dialogs = window.findChildren(ImportDialog)
    assert len(dialogs) == 1 and dialogs[0].target is Target.KA
    dialogs[0].reject()


def test_ctrl_n_from_the_menu_clears_the_form_and_quit_closes(
    qtbot: QtBot, window: MainWindow
) -> None:
    recipient = named(window, "ka.recipient")
    recipient.setText("Somebody")  # type: ignore[attr-defined]
    window.tabs.setCurrentWidget(window.history)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert recipient.text() == ""  # type: ignore[attr-defined]
    assert window.tabs.currentIndex() == 0

    _menu_entries(window, "fileMenu")["quitAction"].trigger()
    qtbot.waitUntil(lambda: not window.isVisible())
