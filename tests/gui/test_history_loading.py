"""The history's queries run on a worker: the window keeps answering while the journal is slow,
the rows shown stay until the answer replaces them, and a late answer to an older search never
replaces a newer one."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from app.core.accounts import EMBEDDED_SANDBOX
from app.core.journal import HistoryFilter, Journal, OrderRecord
from app.core.targets import Target
from app.gui.history_model import PAGE_SIZE
from app.gui.history_view import HistoryView
from tests.fixtures.sandbox import ka_order
from tests.gui.helpers import history_loaded


class HeldJournal(Journal):
    """A real journal whose searches for a held text wait until the test lets them go, as a
    slow server or a cold disk would make them wait."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.held: dict[str, threading.Event] = {}
        self.started: dict[str, threading.Event] = {}
        self.threads: set[threading.Thread] = set()
        self.asked: list[tuple[str, str | None]] = []  # ("page" or "count", the text searched)

    def hold(self, text: str) -> None:
        self.held[text] = threading.Event()
        self.started[text] = threading.Event()

    def page(self, where: HistoryFilter | None = None, offset: int = 0, limit: int = 100,
             **kwargs: Any) -> list[OrderRecord]:
        self.threads.add(threading.current_thread())
        text = where.text if where is not None else None
        self.asked.append(("page", text))
        if text in self.held:
            self.started[text].set()
            assert self.held[text].wait(10), "never let go"
        return super().page(where, offset, limit, **kwargs)

    def count(self, where: HistoryFilter | None = None) -> int:
        text = where.text if where is not None else None
        self.asked.append(("count", text))
        return super().count(where)


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[HeldJournal]:
    journal = HeldJournal(tmp_path / "journal.sqlite3")
    _add_orders(journal, ["AB-1", "AB-2", "ABC-3", "XY-4"])
    yield journal
    for event in journal.held.values():
        event.set()  # nothing stays blocked if a test failed half-way
    journal.close()


def _add_orders(journal: Journal, references: Iterable[str]) -> None:
    for reference in references:
        journal.add_order(Target.KA, EMBEDDED_SANDBOX, reference, json.dumps(ka_order(reference)),
                          f"fp-{reference}", generated=False, batch_id=None)


def _references(view: HistoryView) -> list[str]:
    return [view.model.record(row).reference for row in range(view.model.rowCount())]


def test_a_slow_query_leaves_the_window_answering(qtbot: QtBot, journal: HeldJournal) -> None:
    view = HistoryView(journal)
    qtbot.addWidget(view)
    history_loaded(qtbot, view.model)
    assert _references(view) == ["XY-4", "ABC-3", "AB-2", "AB-1"]
    resets: list[int] = []
    view.model.modelReset.connect(lambda: resets.append(1))
    ticks: list[int] = []
    timer = QTimer(view)
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()

    journal.hold("XY")
    view.search.setText("XY")
    view.apply_filter()  # returns while the query waits on the worker
    assert journal.started["XY"].wait(10)
    before = len(ticks)
    qtbot.waitUntil(lambda: len(ticks) >= before + 5)  # the GUI thread runs its timers
    # Meanwhile the rows shown stay, with their count: no empty table while it loads.
    assert view.model.loading and resets == []
    assert ("count", "XY") not in journal.asked  # counted once its rows are shown
    assert _references(view) == ["XY-4", "ABC-3", "AB-2", "AB-1"]
    assert view.count_label.text() == "4 order(s)"

    journal.held["XY"].set()
    history_loaded(qtbot, view.model)
    assert _references(view) == ["XY-4"] and resets == [1]
    assert view.count_label.text() == "1 order(s)"
    assert threading.main_thread() not in journal.threads  # never read on the GUI thread


def test_the_newest_search_wins_over_a_late_older_answer(qtbot: QtBot,
                                                         journal: HeldJournal) -> None:
    view = HistoryView(journal)
    qtbot.addWidget(view)
    history_loaded(qtbot, view.model)
    journal.hold("AB")
    view.search.setText("AB")
    view.apply_filter()
    assert journal.started["AB"].wait(10)
    view.search.setText("zzz-nothing")  # typed on before the first answer came
    view.apply_filter()
    qtbot.waitUntil(lambda: view.model.rowCount() == 0)
    assert view.table_stack.currentWidget() is view.empty_label
    assert "match" in view.empty_label.text()

    journal.held["AB"].set()  # the older answer arrives last
    history_loaded(qtbot, view.model)
    assert view.model.rowCount() == 0 and view.model.filter.text == "zzz-nothing"
    assert view.count_label.text() == "0 order(s)"
    assert view.table_stack.currentWidget() is view.empty_label


def test_searches_replaced_before_a_worker_was_free_are_never_run(
    qtbot: QtBot, journal: HeldJournal,
) -> None:
    """Filters chosen in a row (a period sets its two dates too) must not make the newest
    wait behind queries whose answers would be dropped."""
    view = HistoryView(journal)
    qtbot.addWidget(view)
    history_loaded(qtbot, view.model)
    for text in ("AB", "ABC"):  # both workers busy with a search each
        journal.hold(text)
        view.model.set_filter(HistoryFilter(text=text))
        assert journal.started[text].wait(10)
    for text in ("AB-", "X", "XY"):
        view.model.set_filter(HistoryFilter(text=text))
    journal.held["AB"].set()
    journal.held["ABC"].set()
    history_loaded(qtbot, view.model)
    assert _references(view) == ["XY-4"] and view.model.total == 1
    searched = [text for _kind, text in journal.asked]
    assert "AB-" not in searched and "X" not in searched
    assert searched.count("XY") == 1  # its page, which holds the whole answer: no count


def test_an_answer_shorter_than_a_page_is_counted_by_its_rows(
    qtbot: QtBot, journal: HeldJournal,
) -> None:
    """The count shows with the rows (never the last search's count beside this one's rows),
    without a second query."""
    view = HistoryView(journal)
    qtbot.addWidget(view)
    history_loaded(qtbot, view.model)
    assert view.count_label.text() == "4 order(s)"
    view.search.setText("AB")
    view.apply_filter()
    qtbot.waitUntil(lambda: view.model.rowCount() == 3)
    assert view.count_label.text() == "3 order(s)"
    assert [kind for kind, _text in journal.asked] == ["page", "page"]


def test_an_answer_longer_than_a_page_is_counted(qtbot: QtBot, tmp_path: Path) -> None:
    with Journal(tmp_path / "many.sqlite3") as journal:
        _add_orders(journal, (f"M-{number:04d}" for number in range(PAGE_SIZE + 7)))
        view = HistoryView(journal)
        qtbot.addWidget(view)
        history_loaded(qtbot, view.model)
        assert view.model.rowCount() == PAGE_SIZE
        assert view.count_label.text() == f"{PAGE_SIZE + 7} order(s)"
        view.model.shutdown()


def test_a_refresh_keeps_the_selection(qtbot: QtBot, journal: HeldJournal) -> None:
    view = HistoryView(journal)
    qtbot.addWidget(view)
    view.show()
    history_loaded(qtbot, view.model)
    assert view.select_reference("AB-2")
    _add_orders(journal, ["NEW-5"])
    view.refresh()
    history_loaded(qtbot, view.model)
    assert _references(view)[0] == "NEW-5"
    assert [r.reference for r in view.selected_records()] == ["AB-2"]


def test_a_refresh_keeps_the_loaded_rows_and_the_scroll(qtbot: QtBot, tmp_path: Path) -> None:
    with Journal(tmp_path / "many.sqlite3") as journal:
        _add_orders(journal, (f"M-{number:04d}" for number in range(PAGE_SIZE * 2)))
        view = HistoryView(journal)
        qtbot.addWidget(view)
        view.resize(900, 500)
        view.show()
        history_loaded(qtbot, view.model)
        view.model.fetchMore()
        history_loaded(qtbot, view.model)
        assert view.model.rowCount() == PAGE_SIZE * 2
        bar = view.table.verticalScrollBar()
        qtbot.waitUntil(lambda: bar.maximum() > 0)
        bar.setValue(bar.maximum() // 2)
        kept = bar.value()
        view.refresh()
        history_loaded(qtbot, view.model)
        assert view.model.rowCount() == PAGE_SIZE * 2  # not back to the first page
        qtbot.wait(50)  # the table lays the new rows out
        assert bar.value() == kept
        view.model.shutdown()
