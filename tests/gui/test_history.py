"""The history tab over a real journal: lazy paging, search, details with redacted attempts,
and the row actions."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPlainTextEdit, QTableView
from pytestqt.qtbot import QtBot

from app.core.accounts import EMBEDDED_SANDBOX
from app.core.journal import Journal, OrderState
from app.core.secrets import SANDBOX_SECRETS
from app.core.targets import Target
from app.gui.history_model import PAGE_SIZE, HistoryTableModel
from app.gui.history_view import HistoryView
from app.gui.main_window import MainWindow
from tests.fixtures.sandbox import ka_order
from tests.gui.helpers import history_loaded, named


def _journal_with(path: Path, count: int) -> Journal:
    journal = Journal(path)
    for number in range(count):
        payload = ka_order(f"H-{number:04d}")
        journal.add_order(Target.KA, EMBEDDED_SANDBOX, f"H-{number:04d}", json.dumps(payload),
                          f"fp-{number}", generated=False, batch_id=None)
    return journal


def test_rows_are_fetched_a_page_at_a_time(tmp_path: Path, qtbot: QtBot) -> None:
    journal = _journal_with(tmp_path / "j.sqlite3", PAGE_SIZE * 2 + 5)
    try:
        model = HistoryTableModel(journal)
        model.reload()
        history_loaded(qtbot, model)
        assert model.rowCount() == PAGE_SIZE
        assert model.canFetchMore()
        model.fetchMore()
        model.fetchMore()  # while the first is on its way: not asked twice
        history_loaded(qtbot, model)
        assert model.rowCount() == PAGE_SIZE * 2
        model.fetchMore()
        history_loaded(qtbot, model)
        assert model.rowCount() == PAGE_SIZE * 2 + 5
        assert not model.canFetchMore()
        assert model.record(0).reference == f"H-{PAGE_SIZE * 2 + 4:04d}"  # newest first
    finally:
        journal.close()


def test_search_filters_in_the_journal_not_just_loaded_rows(tmp_path: Path, qtbot: QtBot) -> None:
    journal = _journal_with(tmp_path / "j.sqlite3", PAGE_SIZE + 50)
    try:
        view = HistoryView(journal)
        qtbot.addWidget(view)
        view.search.setText("H-0003")  # on the second page when unfiltered
        qtbot.waitUntil(lambda: view.model.rowCount() == 1)
        assert view.model.record(0).reference == "H-0003"
        assert "1" in view.count_label.text()
    finally:
        journal.close()


def _submit_one(qtbot: QtBot, window: MainWindow, reference: str) -> None:
    window.forms[Target.KA].load(ka_order(reference))
    window.submit()
    qtbot.waitUntil(lambda: window.context.journal.find(
        Target.KA, EMBEDDED_SANDBOX, reference) is not None and window.context.journal.find(
        Target.KA, EMBEDDED_SANDBOX, reference).state is OrderState.ACCEPTED, timeout=15_000)


def test_details_copy_open_and_export(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    _submit_one(qtbot, window, "HIST-1")
    window.tabs.setCurrentWidget(window.history)
    qtbot.waitUntil(lambda: window.history.select_reference("HIST-1"))
    history_loaded(qtbot, window.history.model)  # the attempts, read on a worker
    table = named(window, "historyView")
    assert isinstance(table, QTableView)

    details = named(window, "historyDetails")
    assert isinstance(details, QPlainTextEdit)
    text = details.toPlainText()
    assert "HIST-1" in text and "Attempt 1" in text
    assert SANDBOX_SECRETS["ka_token"] not in text  # requests are stored redacted

    record = window.history.selected_records()[0]
    window.history.actions_by_name["copyRemoteId"].trigger()
    assert QGuiApplication.clipboard().text() == record.remote_id

    export = tmp_path / "out.csv"
    window.history.export_csv(export, window.history.selected_records())
    with export.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["reference"], r["state"], r["remote_id"]) for r in rows] == [
        ("HIST-1", "accepted", record.remote_id)]

    window.history.actions_by_name["openAsNew"].trigger()
    assert window.tabs.currentIndex() == 0
    payload = window.forms[Target.KA].payload()
    assert payload["orderAddress"]["recipient"] == "Jeanne Martin"
    assert "customOrderId" not in payload


def test_reconcile_resolves_an_unknown_order(qtbot: QtBot, window: MainWindow) -> None:
    journal = window.context.journal
    _submit_one(qtbot, window, "HIST-2")
    record = journal.find(Target.KA, EMBEDDED_SANDBOX, "HIST-2")
    assert record is not None
    # As if the answer had been lost: the order exists remotely, the journal is unsure.
    journal.set_state(record.id, OrderState.UNKNOWN, message="connection dropped")
    window.history.refresh()
    history_loaded(qtbot, window.history.model)
    assert window.history.select_reference("HIST-2")
    assert window.history.actions_by_name["reconcile"].isEnabled()

    with qtbot.waitSignal(window.submission.reconciled, timeout=15_000) as signal:
        window.history.actions_by_name["reconcile"].trigger()
    assert "1 accepted" in signal.args[0]
    after = journal.get(record.id)
    assert after.state is OrderState.ACCEPTED
    assert after.remote_id == record.remote_id
