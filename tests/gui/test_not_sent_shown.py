"""An order the server never took is shown as `not sent` (its own words and colour), never as
unknown, and is never offered for reconciling: in History, on the form's outcome line and in the
import results."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from app.core.engine import OrderResult, ResultStatus, RetryPolicy, SubmissionEngine
from app.core.journal import Journal, OrderState
from app.core.outcome import LookupResult, OutcomeKind, SendOutcome
from app.core.settings import SANDBOX_PROFILES
from app.core.targets import Target
from app.gui.history_model import HistoryTableModel
from app.gui.main_window import FORM_ORIGIN, MainWindow
from tests.fixtures.sandbox import ka_order
from tests.gui.helpers import history_loaded, named


class _BusyServer:
    """A client whose server answers every create with 429, as a busy KA account does."""

    def create_order(self, payload: dict[str, Any]) -> SendOutcome:
        return SendOutcome(OutcomeKind.RETRY, message="HTTP 429 Too Many Requests",
                           http_status=429, retry_after=0.0)

    def lookup(self, reference: str, **_: Any) -> LookupResult:  # never needed: nothing was sent
        raise AssertionError("a refused order is never looked up")

    def close(self) -> None:
        pass


def test_history_shows_a_refused_order_as_not_sent_in_its_own_colour(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with Journal(tmp_path / "journal.sqlite3") as journal:
        engine = SubmissionEngine(journal, lambda _profile: _BusyServer(),
                                  policy=RetryPolicy(max_send_attempts=2))
        try:
            report = engine.submit_batch([ka_order("BUSY-GUI")], SANDBOX_PROFILES[0]).wait(30)
        finally:
            engine.close()
        assert [r.status for r in report.results] == [ResultStatus.NOT_SENT]

        model = HistoryTableModel(journal)
        model.reload()
        history_loaded(qtbot, model)
        texts = {state: model.state_text(state) for state in OrderState}  # one for every state
        assert len(set(texts.values())) == len(texts)
        shown = model.data(model.index(0, 0))
        assert shown == texts[OrderState.NOT_SENT]
        assert "Not sent" in shown and "reconcile" not in shown.lower()
        colour = model.data(model.index(0, 0), Qt.ItemDataRole.ForegroundRole).color().name()
        assert colour not in {"#e65100", "#c62828", "#2e7d32", "#000000"}
        assert model.data(model.index(0, 0), Qt.ItemDataRole.FontRole).bold()  # act on it
        message = model.data(model.index(0, model.columnCount() - 1))
        assert "nothing was created" in message and "reconcile" not in message


def test_the_outcome_line_says_not_sent_and_how_to_send_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    unknown = OrderResult(0, "R-1", ResultStatus.UNKNOWN, message="timed out")
    not_sent = OrderResult(
        0, "R-1", ResultStatus.NOT_SENT,
        message="the server took none of 8 tries (HTTP 429 Too Many Requests); nothing was "
        "created. Submitting it again (the same file or order) sends it")
    outcome = named(window, "outcomeLabel")
    assert isinstance(outcome, QLabel)
    context = {"origin": FORM_ORIGIN, "target": Target.KA, "payload": ka_order("R-1")}

    window.submission.batch_finished.emit([unknown], context)
    unknown_style = outcome.styleSheet()
    window.submission.batch_finished.emit([not_sent], context)
    assert outcome.text().startswith("Not sent")
    assert "nothing was created" in outcome.text() and "again" in outcome.text()
    assert "unknown" not in outcome.text().lower() and "reconcile" not in outcome.text().lower()
    assert outcome.styleSheet() and outcome.styleSheet() != unknown_style
