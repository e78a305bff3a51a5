"""The import dialog with a workbook: the sheet chooser, columns suggested by their values with
the reason, failed rows exported to .xlsx, and the file picker's filters and last folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pytestqt.qtbot import QtBot

from app.core.targets import Target
from app.gui import import_file_page, import_send_page
from app.gui.import_dialog import MAPPING, PREVIEW, ImportDialog
from app.gui.import_sender import EngineSender
from app.sandbox import SandboxServer
from tests.gui.test_import_dialog import _advance, _engine_sender

HEADERS = ["订单号", "收件人", "联系电话", "国家", "省份", "城市", "地址", "邮编", "商品编码",
           "数量", "Shipping"]


def row(ref: str, qty: Any = 2, speed: str = "Standard") -> list[Any]:
    return [ref, "Jeanne Martin", 33142685300, "France", "Ile-de-France", "Paris",
            "10 rue de Rivoli", 75004, "SKU-RED-M", qty, speed]


@pytest.fixture
def book(tmp_path: Path) -> Path:
    path = tmp_path / "orders.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.title = "Notes"
    may = workbook.create_sheet("May")
    may.append(HEADERS)
    may.append(row("WB-1"))
    may.append(row("WB-2", qty="two", speed="Express"))
    june = workbook.create_sheet("June")
    june.append(HEADERS)
    for n in range(3):
        june.append(row(f"JUN-{n}"))
    workbook.save(path)
    return path


@pytest.fixture
def sender(tmp_path: Path, sandbox: SandboxServer) -> Iterator[EngineSender]:
    yield from _engine_sender(tmp_path, sandbox)


def test_a_workbook_is_chosen_by_sheet_mapped_by_values_and_failed_rows_go_to_xlsx(
    qtbot: QtBot, sender: EngineSender, book: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = ImportDialog(Target.KA, sender)
    qtbot.addWidget(dialog)
    dialog.show()
    page = dialog.file_page
    page.set_path(book)
    # A workbook has sheets, not an encoding or a delimiter; the first sheet with data is shown.
    assert page.sheet_box.isVisibleTo(page) and not page.encoding_box.isVisibleTo(page)
    assert [page.sheet_box.itemText(i) for i in range(page.sheet_box.count())] == [
        "Notes", "May", "June"]
    assert page.sheet_box.currentText() == "May" and page.preview.rowCount() == 2
    assert "Sheet “May”: 2 row(s)" in page.detected.text()
    assert page.preview.item(0, 2).text() == "33142685300"  # digits, never 3.31427E+10
    page.sheet_box.setCurrentIndex(2)
    assert page.preview.rowCount() == 3 and page.sheet == "June"
    page.sheet_box.setCurrentIndex(1)

    _advance(qtbot, dialog, MAPPING)
    mapping_page = dialog.mapping_page
    assert mapping_page.mapping().columns["Shipping"] == "channelType"
    assert "all 2 values of “Shipping” are among the choices of Shipping speed" in (
        mapping_page.suggested.text())
    assert "Shipping" not in mapping_page.unused.text()

    _advance(qtbot, dialog, PREVIEW)
    session = dialog.session
    assert session is not None and session.table.sheet == "May"
    rec = session.reconciliation()
    assert (rec.orders_valid, rec.orders_invalid) == (1, 1)

    send = dialog.send_page
    with qtbot.waitSignal(send.finished, timeout=30_000):
        dialog.next_button.click()
    asked: list[tuple[str, str]] = []

    def save_as(_parent: object, _title: str, name: str, filters: str) -> tuple[str, str]:
        asked.append((name, filters))
        return str(tmp_path / "failed"), filters.split(";;")[0]

    monkeypatch.setattr(import_send_page.QFileDialog, "getSaveFileName", save_as)
    send._ask_export_failed()
    # Rows from a workbook are offered back as a workbook first.
    assert asked[0][0] == "failed_rows.xlsx" and asked[0][1].startswith("Excel workbook")
    sheet = openpyxl.load_workbook(tmp_path / "failed.xlsx").active
    values = [[cell.value for cell in r] for r in sheet.iter_rows()]
    assert values[0][:11] == HEADERS and values[1][0] == "WB-2" and values[1][9] == "two"
    assert values[1][2] == "33142685300" and values[1][7] == "75004"  # text, as read


def test_the_picker_offers_workbooks_and_starts_in_the_last_folder(
    qtbot: QtBot, sender: EngineSender, book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[str, str]] = []

    def pick(_parent: object, _title: str, folder: str, filters: str) -> tuple[str, str]:
        asked.append((folder, filters))
        return str(book), ""

    monkeypatch.setattr(import_file_page.QFileDialog, "getOpenFileName", pick)
    dialog = ImportDialog(Target.KA, sender)
    qtbot.addWidget(dialog)
    dialog.file_page._browse()
    assert "*.xlsx *.xlsm *.xls *.ods" in asked[0][1].split(";;")[0]
    assert dialog.file_page.path == book and dialog.file_page.sheet_box.count() == 3

    again = ImportDialog(Target.KA, sender)
    qtbot.addWidget(again)
    again.file_page._browse()
    assert asked[1][0] == str(book.parent)
