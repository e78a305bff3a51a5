"""The import dialog end to end against the sandbox over loopback: file -> mapping -> preview and
fix -> send through the real engine and journal -> results and exports."""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from pytestqt.qtbot import QtBot

from app.core.clients import make_client
from app.core.engine import Progress, ResultStatus, RetryPolicy, SubmissionEngine
from app.core.importing import open_import
from app.core.journal import Journal
from app.core.secrets import SANDBOX_SECRETS
from app.core.settings import SANDBOX_PROFILES, Profile
from app.core.targets import Target
from app.gui import import_dialog
from app.gui.import_dialog import MAPPING, PREVIEW, SEND, ImportDialog
from app.gui.import_rows_model import FIXED_COLUMNS
from app.gui.import_send_page import ImportSendPage
from app.gui.import_sender import EngineSender
from app.sandbox import SandboxServer
from tests.fixtures.sandbox import SandboxFactory

KA_SANDBOX: Profile = SANDBOX_PROFILES[0]
ADDRESS = "Jeanne Martin;+33142685300;FR;Ile-de-France;Paris;10 rue de Rivoli;75004"
ROWS = [
    "订单号;收件人;联系电话;国家;省份;城市;地址;邮编;商品编码;数量",
    f"IMP-1;{ADDRESS};SKU-RED-M;2",
    "IMP-1;;;;;;;;SKU-BLUE-S;1",
    f"IMP-2;{ADDRESS};SKU-RED-M;two",
    ";;;;;;;;;",
    f"IMP-3;{ADDRESS};SKU-RED-M;1",
]


@pytest.fixture
def orders_file(tmp_path: Path) -> Path:
    path = tmp_path / "orders.csv"
    path.write_bytes(("\r\n".join(ROWS) + "\r\n").encode("gb18030"))
    return path


def _engine(tmp_path: Path, server: SandboxServer) -> Iterator[SubmissionEngine]:
    """A real engine and journal file, sending to `server` on loopback."""
    journal = Journal(tmp_path / "journal.sqlite3")
    engine = SubmissionEngine(
        journal,
        lambda p: make_client(p, SANDBOX_SECRETS, base_url=server.ka_base_url),
        policy=RetryPolicy(backoff_base=0.01, backoff_cap=0.05, settle_delay=0.0),
    )
    yield engine
    engine.close()
    journal.close()


def _engine_sender(tmp_path: Path, server: SandboxServer) -> Iterator[EngineSender]:
    for engine in _engine(tmp_path, server):
        yield EngineSender(engine, KA_SANDBOX)


@pytest.fixture
def sender(tmp_path: Path, sandbox: SandboxServer) -> Iterator[EngineSender]:
    yield from _engine_sender(tmp_path, sandbox)


def _open(qtbot: QtBot, sender: EngineSender, path: Path) -> ImportDialog:
    dialog = ImportDialog(Target.KA, sender)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.file_page.set_path(path)
    return dialog


def _advance(qtbot: QtBot, dialog: ImportDialog, page: int) -> None:
    with qtbot.waitSignal(dialog.loaded, timeout=20_000):
        dialog.next_button.click()
    assert dialog.pages.currentIndex() == page, dialog.message.text()


def _read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_import_fix_and_send_end_to_end(
    qtbot: QtBot, sender: EngineSender, sandbox: SandboxServer, orders_file: Path, tmp_path: Path
) -> None:
    dialog = _open(qtbot, sender, orders_file)
    page = dialog.file_page
    assert "gb18030" in page.detected.text()
    assert page.preview.columnCount() == 10 and page.preview.rowCount() == 5
    page.delimiter_box.setCurrentIndex(page.delimiter_box.findData(","))  # live preview follows
    assert page.preview.columnCount() == 1
    page.delimiter_box.setCurrentIndex(0)
    assert page.preview.columnCount() == 10

    _advance(qtbot, dialog, MAPPING)
    mapping = dialog.mapping_page.mapping()
    assert mapping.columns["商品编码"] == "orderItemsList[].sku"
    assert mapping.columns["订单号"] == "customOrderId"
    dialog.mapping_page.set_constant("channelType", "Express")
    dialog.mapping_page.save_box.setChecked(True)

    _advance(qtbot, dialog, PREVIEW)
    preview = dialog.preview_page
    summary = preview.summary.text()
    assert summary.startswith(
        "5 rows read = 3 in 2 valid orders + 1 in 1 invalid orders + 1 excluded"
    )
    assert "line 5: blank row" in summary
    assert dialog.next_button.text() == "Send 2 valid order(s)"

    model = preview.model
    assert model is not None
    qty = FIXED_COLUMNS + model.session.table.headers.index("数量")
    preview.only_problems.setChecked(True)
    assert model.rowCount() == 1
    bad = model.index(0, qty)
    assert model.data(bad) == "two"
    assert "whole number" in model.data(bad, role=3)  # ToolTipRole: the error on its cell
    assert model.setData(bad, "3")  # edit in place: re-validated at once
    assert preview.summary.text().startswith("5 rows read = 4 in 3 valid orders + 0 in 0 invalid")
    preview.only_problems.setChecked(False)

    preview.view.selectRow(4)  # IMP-3: the operator holds it back
    preview.exclude_selected()
    assert "line 6: excluded by the operator" in preview.summary.text()
    assert dialog.next_button.text() == "Send 2 valid order(s)"

    send = dialog.send_page
    with qtbot.waitSignal(send.finished, timeout=30_000):
        dialog.next_button.click()
    assert dialog.pages.currentIndex() == SEND
    assert send.model is not None
    statuses = [r.status if r else None for r in send.model.results]
    assert statuses == [ResultStatus.ACCEPTED, ResultStatus.ACCEPTED]
    assert send.progress_bar.value() == 2
    assert sandbox.count_by_reference(Target.KA, "IMP-1") == 1
    assert sandbox.count_by_reference(Target.KA, "IMP-2") == 1
    assert sandbox.count_by_reference(Target.KA, "IMP-3") == 0
    stored = sandbox.orders(Target.KA)
    assert sorted(len(o["orderItems"]) for o in stored) == [1, 2]
    assert not send.retry_button.isEnabled()

    results = tmp_path / "results.csv"
    assert send.export_results(results) == 2
    rows = _read_csv(results)
    assert [r[1] for r in rows[1:]] == ["IMP-1", "IMP-2"] and rows[1][2] == "2 3"
    assert {r[3] for r in rows[1:]} == {"accepted"}
    dialog.close()


def _send_answering_holds(qtbot: QtBot, send: ImportSendPage, start: Callable[[], None]) -> None:
    """Start sending; if the batch holds because the account cannot take orders, it says why,
    and the operator stops it."""
    finished: list[bool] = []
    send.finished.connect(lambda: finished.append(True))
    start()
    qtbot.waitUntil(lambda: bool(finished) or send.hold_box is not None, timeout=30_000)
    if send.hold_box is not None:
        assert "Insufficient balance" in send.hold_box.text()
        stop = next(b for b in send.hold_box.buttons() if b.text() == "Stop sending")
        stop.click()
        qtbot.waitUntil(lambda: bool(finished), timeout=30_000)


def test_rejected_orders_can_be_retried_and_exported(
    qtbot: QtBot, tmp_path: Path, sandbox_factory: SandboxFactory, orders_file: Path
) -> None:
    poor = sandbox_factory(ka_opening_balance=Decimal("0"))
    senders = _engine_sender(tmp_path, poor)
    sender = next(senders)
    dialog = _open(qtbot, sender, orders_file)
    _advance(qtbot, dialog, MAPPING)
    dialog.mapping_page.set_constant("channelType", "Standard")
    _advance(qtbot, dialog, PREVIEW)
    send = dialog.send_page
    _send_answering_holds(qtbot, send, dialog.next_button.click)
    assert send.model is not None
    statuses = [r.status for r in send.model.results if r]
    assert ResultStatus.REJECTED in statuses
    assert set(statuses) <= {ResultStatus.REJECTED, ResultStatus.CANCELLED}
    assert any("Insufficient balance" in r.message for r in send.model.results if r)
    assert send.retry_button.isEnabled()

    failed = tmp_path / "failed.csv"
    assert send.export_failed(failed) == 4  # two rejected orders (3 rows) + the invalid one
    rows = _read_csv(failed)
    assert rows[0][-1] == "Import problems"
    assert [r[0] for r in rows[1:]] == ["IMP-1", "IMP-1", "IMP-2", "IMP-3"]
    assert any("Insufficient balance" in row[-1] for row in rows[1:3]) and "数量" in rows[3][-1]

    _send_answering_holds(qtbot, send, send.retry_button.click)
    assert ResultStatus.REJECTED in [r.status for r in send.model.results if r]
    assert poor.orders(Target.KA) == []
    dialog.close()
    next(senders, None)


def test_a_spent_balance_holds_the_batch_and_the_operator_decides(
    qtbot: QtBot, tmp_path: Path, sandbox_factory: SandboxFactory, orders_file: Path
) -> None:
    poor = sandbox_factory(ka_opening_balance=Decimal("0"))
    engines = _engine(tmp_path, poor)
    # One at a time: the second order waits behind the first refusal.
    sender = EngineSender(next(engines), replace(KA_SANDBOX, concurrency=1))
    dialog = _open(qtbot, sender, orders_file)
    _advance(qtbot, dialog, MAPPING)
    dialog.mapping_page.set_constant("channelType", "Standard")
    _advance(qtbot, dialog, PREVIEW)
    send = dialog.send_page
    dialog.next_button.click()
    qtbot.waitUntil(lambda: send.hold_box is not None, timeout=30_000)
    box = send.hold_box
    assert box is not None
    assert "Insufficient balance" in box.text() and "1 order(s) are not sent yet" in box.text()
    assert send.running and send.pause_button.text() == "Resume"
    with qtbot.waitSignal(send.finished, timeout=30_000):
        next(b for b in box.buttons() if b.text() == "Stop sending").click()
    assert send.model is not None
    assert [r.status for r in send.model.results if r] == [ResultStatus.REJECTED,
                                                             ResultStatus.CANCELLED]
    assert poor.orders(Target.KA) == []
    dialog.close()
    next(engines, None)


@pytest.mark.parametrize("answer", ["Yes", "Cancel"])
def test_production_sends_only_after_a_count_and_target_confirmation(
    qtbot: QtBot, tmp_path: Path, sandbox: SandboxServer, orders_file: Path, answer: str
) -> None:
    from dataclasses import replace

    from PySide6.QtWidgets import QMessageBox

    from app.core.targets import Environment

    engines = _engine(tmp_path, sandbox)
    production = replace(
        KA_SANDBOX, name="Live KA", environment=Environment.PRODUCTION, base_url=sandbox.ka_base_url
    )
    sender = EngineSender(next(engines), production)
    dialog = _open(qtbot, sender, orders_file)
    _advance(qtbot, dialog, MAPPING)
    dialog.mapping_page.set_constant("channelType", "Standard")
    _advance(qtbot, dialog, PREVIEW)
    dialog.next_button.click()
    box = dialog.findChild(QMessageBox, "importProductionConfirm")
    assert box is not None and box.isVisible()
    assert "Send 2 order(s) to KA PRODUCTION (Live KA)" in box.text()
    button = box.button(getattr(QMessageBox.StandardButton, answer))
    if answer == "Yes":
        with qtbot.waitSignal(dialog.send_page.finished, timeout=30_000):
            button.click()
        assert dialog.pages.currentIndex() == SEND
        assert sandbox.count_by_reference(Target.KA, "IMP-1") == 1
    else:
        button.click()
        assert dialog.pages.currentIndex() == PREVIEW
        assert sandbox.orders(Target.KA) == []
    dialog.close()
    next(engines, None)


def test_the_status_column_names_the_row_problem(
    qtbot: QtBot, sender: EngineSender, tmp_path: Path
) -> None:
    path = tmp_path / "one.csv"
    path.write_text("Ship To Name,Phone,Country,Province,SKU,Qty,Channel\n"
                    "Jeanne Martin,+33142685300,FR,Ile-de-France,SKU-1,x,Express\n",
                    encoding="utf-8")
    dialog = _open(qtbot, sender, path)
    _advance(qtbot, dialog, MAPPING)
    _advance(qtbot, dialog, PREVIEW)
    model = dialog.preview_page.model
    assert model is not None
    status = model.data(model.index(0, 2))
    assert status.startswith("Qty:"), status  # the column and what is wrong, not just a count


def test_the_send_summary_names_the_invalid_orders_left_behind(
    qtbot: QtBot, sender: EngineSender, orders_file: Path
) -> None:
    dialog = _open(qtbot, sender, orders_file)
    _advance(qtbot, dialog, MAPPING)
    dialog.mapping_page.set_constant("channelType", "Express")
    _advance(qtbot, dialog, PREVIEW)
    with qtbot.waitSignal(dialog.send_page.finished, timeout=30_000):
        dialog.next_button.click()
    status = dialog.send_page.status.text()
    assert status.startswith("Done: 2 accepted.")
    assert "1 invalid order(s) were not sent" in status and "Export failed rows" in status


def test_a_file_imported_again_marks_and_counts_the_orders_already_sent(
    qtbot: QtBot, sender: EngineSender, orders_file: Path
) -> None:
    for attempt in range(2):
        dialog = _open(qtbot, sender, orders_file)
        _advance(qtbot, dialog, MAPPING)
        dialog.mapping_page.set_constant("channelType", "Express")
        _advance(qtbot, dialog, PREVIEW)
        model = dialog.preview_page.model
        assert model is not None
        statuses = [model.data(model.index(row, 2)) for row in range(model.rowCount())]
        summary = dialog.preview_page.summary.text()
        if attempt == 0:
            assert "Already sent: will not be sent again" not in statuses
            assert "already sent" not in summary
        else:  # every valid order's reference was accepted by the first import
            assert statuses.count("Already sent: will not be sent again") == 3, statuses  # 3 rows
            assert "OK" not in statuses
            assert "2 valid order(s) already sent earlier" in summary, summary
        with qtbot.waitSignal(dialog.send_page.finished, timeout=30_000):
            dialog.next_button.click()
        status = dialog.send_page.status.text()
        if attempt == 0:
            assert status.startswith("Done: 2 accepted."), status
            assert "already sent" not in status
        else:
            assert status.startswith("Done: nothing sent. 2 already sent earlier: skipped"), status
        dialog.close()


class _ManualSender:
    """Hands each batch's callbacks to the test, which plays the engine (and its threads'
    timing: a word from an earlier batch may arrive late)."""

    profile = KA_SANDBOX

    def __init__(self) -> None:
        self.batches: list[tuple[SimpleNamespace, Callable[[Progress], None]]] = []

    def submit(self, payloads: list[dict[str, object]], *, source: str,
               on_progress: Callable[[Progress], None],
               on_result: Callable[[object], None]) -> SimpleNamespace:
        handle = SimpleNamespace(done=False, error=None, cancelled=False)
        handle.cancel = lambda: setattr(handle, "cancelled", True)
        handle.resume = lambda: None
        self.batches.append((handle, on_progress))
        return handle

    def accepted_references(self) -> frozenset[str]:
        return frozenset()


def test_a_late_word_from_an_earlier_batch_does_not_touch_the_next(
    qtbot: QtBot, orders_file: Path
) -> None:
    session = open_import(orders_file, Target.KA)
    page = ImportSendPage()
    qtbot.addWidget(page)
    sender = _ManualSender()
    page.start(session, list(session.orders), sender)
    first, first_progress = sender.batches[0]
    first.done = True
    first_progress(Progress(total=2, done=2, finished=True))
    page.start(session, list(session.orders), sender)  # the next batch
    second, _ = sender.batches[1]
    assert page.running
    # The first batch's "the account holds" and "finished" come in after the next one began.
    first_progress(Progress(total=2, done=1, held="Insufficient balance"))
    first_progress(Progress(total=2, done=2, finished=True))
    qtbot.wait(50)
    assert page.hold_box is None and not second.cancelled
    assert page.running and page.cancel_button.isEnabled()


def test_a_load_asks_for_the_gil_sooner_and_the_last_one_restores_the_default() -> None:
    # From a worker's start to its end the GUI thread gets the GIL 20 µs after asking (a paint
    # asks dozens of times); two dialogs loading at once restore the interval only at the end,
    # and a load that fails ends too.
    tuning = import_dialog._LoadTuning()
    before = sys.getswitchinterval()
    seen: list[float] = []

    def fails() -> None:
        seen.append(sys.getswitchinterval())
        raise ValueError("unreadable")

    tuning.begin()
    tuning.begin()
    with pytest.raises(ValueError, match="unreadable"):
        tuning.run(fails)
    assert seen == [pytest.approx(20e-6)]
    assert sys.getswitchinterval() == pytest.approx(20e-6)  # the other load is still running
    assert tuning.run(lambda: sys.getswitchinterval()) == pytest.approx(20e-6)
    assert sys.getswitchinterval() == before
