"""The window opens the import dialog for its target; orders sent from it reach the history."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from app.gui.import_dialog import ImportDialog
from app.gui.main_window import MainWindow

SHEET = (
    "Order No,Recipient Name,Phone,Country,Province,City,Street,SKU,Qty,Shipping speed\r\n"
    "WIN-1,Jeanne Martin,+33142685300,FR,IDF,Paris,10 rue de Rivoli,SKU-RED-M,2,Standard\r\n"
)


def test_import_button_opens_the_dialog_and_results_reach_the_history(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "orders.csv"
    path.write_text(SHEET, encoding="utf-8")
    button = window.findChild(QPushButton, "importButton")
    assert button is not None
    button.click()
    dialog = window.findChild(ImportDialog, "importDialog")
    assert dialog is not None and dialog.isVisible()
    assert dialog.target is window.target
    dialog.file_page.set_path(path)
    for _ in range(2):
        with qtbot.waitSignal(dialog.loaded, timeout=20_000):
            dialog.next_button.click()
    with qtbot.waitSignal(dialog.send_page.finished, timeout=30_000):
        dialog.next_button.click()
    assert dialog.send_page.model is not None
    (result,) = dialog.send_page.model.results
    assert result is not None and result.status.value == "accepted"
    dialog.close()
    qtbot.waitUntil(lambda: window.history.model.rowCount() >= 1, timeout=10_000)
