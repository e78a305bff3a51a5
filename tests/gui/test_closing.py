"""Closing with orders in flight asks first; quitting anyway loses nothing (the journal has it)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.core.accounts import EMBEDDED_SANDBOX
from app.core.journal import OrderState
from app.core.targets import Target
from app.gui.app import build_main_window
from app.gui.main_window import MainWindow
from app.sandbox import SandboxConfig, SandboxServer
from tests.fixtures.sandbox import ka_order


@pytest.fixture
def slow_window(qtbot: QtBot) -> Iterator[MainWindow]:
    """The window against a sandbox that takes a second to answer."""
    def slow_sandbox(_directory: Path, _presented: object) -> SandboxServer:
        server = SandboxServer(SandboxConfig(latency=1.0))
        server.start()
        return server

    window = build_main_window(sandbox_starter=slow_sandbox)
    qtbot.addWidget(window)
    window.show()
    yield window
    window.shutdown()


def test_close_with_orders_in_flight_asks_and_keeps_them(
    qtbot: QtBot, slow_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = slow_window
    window.forms[Target.KA].load(ka_order("CLOSE-1"))
    window.submit()
    journal = window.context.journal
    qtbot.waitUntil(lambda: window.submission.in_flight == 1
                    and journal.find(Target.KA, EMBEDDED_SANDBOX, "CLOSE-1") is not None)

    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    assert not window.close()  # "No": the window stays
    assert window.isVisible()
    assert window.close()  # "Yes": closes, waiting for the request in flight
    assert len(asked) == 2 and "1 order" in asked[0]

    record = window.context.journal.find(Target.KA, EMBEDDED_SANDBOX, "CLOSE-1")
    assert record is not None
    assert record.state is OrderState.ACCEPTED


def test_closing_while_the_import_dialog_sends_asks_and_loses_nothing(
    qtbot: QtBot, slow_window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from app.gui.import_dialog import ImportDialog

    window = slow_window
    sheet = tmp_path / "orders.csv"
    sheet.write_text(
        "Order No,Recipient Name,Phone,Country,Province,City,Street,SKU,Qty,Shipping speed\r\n"
        + "".join(f"IMPCLOSE-{n},Jeanne Martin,+33142685300,FR,IDF,Paris,1 rue Cler,SKU-{n},1,"
                  "Standard\r\n"
                  for n in range(3)),
        encoding="utf-8")
    dialog = window.open_import()
    assert isinstance(dialog, ImportDialog)
    dialog.file_page.set_path(sheet)
    for _ in range(2):
        with qtbot.waitSignal(dialog.loaded, timeout=20_000):
            dialog.next_button.click()
    dialog.next_button.click()  # send: the sandbox takes a second per order
    journal = window.context.journal
    qtbot.waitUntil(lambda: journal.count() == 3 and window.submission.in_flight >= 1,
                    timeout=10_000)

    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    assert window.close()
    assert asked and "still being sent" in asked[0]
    # Every row is in the journal: sent, or cancelled before it was sent; none vanished and
    # none is left half-way.
    records = [journal.find(Target.KA, EMBEDDED_SANDBOX, f"IMPCLOSE-{n}") for n in range(3)]
    assert all(record is not None for record in records)
    assert {r.state for r in records if r} <= {OrderState.ACCEPTED, OrderState.CANCELLED}
