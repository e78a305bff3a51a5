"""History for scanning: recipient, country, items, entered-at and outcome columns read from each
order's payload (KA and Nomad alike), a date range filter, details that follow the selection, and
a readable order view with the raw exchange one click away."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot

from app.core.accounts import EMBEDDED_SANDBOX
from app.core.journal import (
    AttemptKind,
    AttemptRecord,
    Journal,
    JournalError,
    NewAttempt,
    OrderState,
)
from app.core.targets import Target
from app.gui.history_view import HistoryView
from tests.fixtures.sandbox import ka_order, nomad_order
from tests.gui.helpers import history_loaded

NOW = datetime.now().timestamp()


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    moment = [NOW]
    journal = Journal(tmp_path / "j.sqlite3", clock=lambda: moment[0])
    ka = ka_order("K-OLD", orderItemsList=[{"sku": "SKU-A", "quantity": 2},
                                           {"sku": "SKU-B", "quantity": 1},
                                           {"sku": "SKU-C", "quantity": 4}])
    moment[0] = NOW - 40 * 86400
    journal.add_order(Target.KA, EMBEDDED_SANDBOX, "K-OLD", json.dumps(ka), "fp-1",
                      generated=False, batch_id=None)
    moment[0] = NOW
    nomad = nomad_order("N-NEW")
    nomad["customer"]["firstName"] = "<b>Wei</b>"  # shown as text, never as markup
    order = journal.add_order(Target.NOMAD, EMBEDDED_SANDBOX, "N-NEW", json.dumps(nomad),
                              "fp-2", generated=False, batch_id=None)
    journal.record(order.id, NewAttempt(AttemptKind.SEND, NOW, "accepted", "created",
                                        request_json=json.dumps({"url": "/envoy/order/x"}),
                                        http_status=200, response_body='{"code": 200}'),
                   OrderState.ACCEPTED, remote_id="R-77", message="Nomad order R-77 created")
    yield journal
    journal.close()


def _column(view: HistoryView, key: str) -> list[str]:
    model = view.model
    column = [k for k, _ in model.columns].index(key)
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def test_columns_show_recipient_country_items_and_when(qtbot: QtBot, journal: Journal) -> None:
    view = HistoryView(journal)
    qtbot.addWidget(view)
    history_loaded(qtbot, view.model)
    headers = [text for _, text in view.model.columns]
    assert headers[:5] == ["Outcome", "Entered", "Recipient", "Country", "Items"]
    assert _column(view, "recipient") == ["<b>Wei</b> Zhang", "Jeanne Martin"]
    assert _column(view, "country") == ["CN", "FR"]
    assert _column(view, "items") == ["p1 ×1", "SKU-A ×2, SKU-B ×1 (+1 more)"]
    assert _column(view, "state") == ["Accepted", "Queued"]
    entered = _column(view, "created")
    assert entered[0] == datetime.fromtimestamp(NOW).strftime("%Y-%m-%d %H:%M")


def test_date_range_filter(qtbot: QtBot, journal: Journal) -> None:
    view = HistoryView(journal)
    qtbot.addWidget(view)
    view.set_period("week")
    history_loaded(qtbot, view.model)
    assert [view.model.record(r).reference for r in range(view.model.rowCount())] == ["N-NEW"]
    old_day = datetime.fromtimestamp(NOW - 40 * 86400).date()
    view.set_period("range", old_day - timedelta(days=1), old_day)
    history_loaded(qtbot, view.model)
    assert view.date_from.isVisibleTo(view) and view.date_to.isVisibleTo(view)
    assert [view.model.record(r).reference for r in range(view.model.rowCount())] == ["K-OLD"]
    view.set_period("range", date.today() + timedelta(days=3), date.today() + timedelta(days=5))
    history_loaded(qtbot, view.model)
    assert view.model.rowCount() == 0
    assert "date" in view.empty_label.text()
    view.set_period("any")
    history_loaded(qtbot, view.model)
    assert view.model.rowCount() == 2 and not view.date_from.isVisibleTo(view)


def test_details_follow_the_selection_and_read_as_an_order(qtbot: QtBot,
                                                           journal: Journal) -> None:
    view = HistoryView(journal)
    qtbot.addWidget(view)
    view.show()
    history_loaded(qtbot, view.model)
    assert view.select_reference("N-NEW")
    history_loaded(qtbot, view.model)  # the attempts, read on a worker
    text = view.order_view.toPlainText()
    for part in ("N-NEW", "Accepted", "R-77", "<b>Wei</b> Zhang", "1 Nanjing Road", "Shanghai",
                 "CN", "p1", "HTTP 200", "Show the request and response"):
        assert part in text, part
    assert view.details_tabs.currentWidget() is view.order_view
    view.order_view.anchorClicked.emit(QUrl("#raw"))  # one click to the raw exchange
    assert view.details_tabs.currentWidget() is view.details
    assert "/envoy/order/x" in view.details.toPlainText()

    assert view.select_reference("K-OLD")
    assert "Jeanne Martin" in view.order_view.toPlainText()
    assert "SKU-C" in view.order_view.toPlainText()

    view.table.clearSelection()
    assert view.order_view.toPlainText() == "" and view.details.toPlainText() == ""

    # A refresh keeps the order selected; a filter that hides it clears the details.
    assert view.select_reference("K-OLD")
    view.refresh()
    history_loaded(qtbot, view.model)
    assert [r.reference for r in view.selected_records()] == ["K-OLD"]
    assert "Jeanne Martin" in view.order_view.toPlainText()
    view.set_period("today")
    history_loaded(qtbot, view.model)
    assert view.selected_records() == []
    assert view.order_view.toPlainText() == ""


def test_an_orders_attempts_are_read_off_the_gui_thread(
    qtbot: QtBot, journal: Journal, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The order shows at once from its row; its attempts come from a worker (a slow team
    server never freezes the window), and an answer for an order no longer selected is dropped."""
    view = HistoryView(journal)
    qtbot.addWidget(view)
    view.show()
    history_loaded(qtbot, view.model)
    readers: list[threading.Thread] = []
    release = threading.Event()
    read_attempts = journal.attempts

    def slow_attempts(order_id: int) -> list[AttemptRecord]:
        readers.append(threading.current_thread())
        release.wait(10)
        return read_attempts(order_id)

    monkeypatch.setattr(journal, "attempts", slow_attempts)
    assert view.select_reference("N-NEW")
    text = view.order_view.toPlainText()
    assert "<b>Wei</b> Zhang" in text and "Reading the attempts…" in text
    assert "Reading the attempts…" in view.details.toPlainText()
    assert view.select_reference("K-OLD")  # before the answer for N-NEW
    release.set()
    history_loaded(qtbot, view.model)
    assert len(readers) == 2 and threading.main_thread() not in readers
    text = view.order_view.toPlainText()
    assert "Jeanne Martin" in text and "Not sent yet." in text
    assert "N-NEW" not in text and "Reading the attempts" not in text

    def unreachable(order_id: int) -> list[AttemptRecord]:
        raise JournalError("the team journal's server did not answer")

    monkeypatch.setattr(journal, "attempts", unreachable)
    assert view.select_reference("N-NEW")
    history_loaded(qtbot, view.model)
    text = view.order_view.toPlainText()
    assert "<b>Wei</b> Zhang" in text  # the order itself is still shown
    assert "Could not read the attempts: the team journal's server did not answer" in text
