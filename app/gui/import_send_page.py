"""Step 4: send the valid orders through the engine; progress, ETA, pause/cancel, results.

The engine journals each order before sending it and never creates one twice; this page only
shows what it reports. Engine callbacks arrive on engine threads and are relayed by a signal.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.engine import BatchHandle, OrderResult, Progress, ResultStatus
from app.core.importing import ImportedOrder, ImportSession, write_failed_rows, write_results
from app.gui.import_results_model import ImportResultsModel, status_text
from app.gui.import_sender import ImportSender

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the GUI thread; emitting from an engine thread queues the call to it."""

    # (batch number, Progress | OrderResult): a late word from an earlier batch is told apart.
    progress = Signal(int, object)
    result = Signal(int, object)


class ImportSendPage(QWidget):
    finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._relay = _Relay(self)
        self._batch = 0  # the number of the batch being sent; words from earlier ones are old
        self._relay.progress.connect(self._on_progress)
        self._relay.result.connect(self._on_result)
        self._handle: BatchHandle | None = None
        self._positions: list[int] = []  # batch index -> row of the results model
        self._skipped = 0  # orders of this batch accepted earlier, so not sent again
        self._session: ImportSession | None = None
        self._sender: ImportSender | None = None
        self.model: ImportResultsModel | None = None
        self.hold_box: QMessageBox | None = None  # open while the batch holds

        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("importProgress")
        self.status = QLabel()
        self.status.setObjectName("importSendStatus")
        self.pause_button = QPushButton(self.tr("Pause"))
        self.pause_button.setObjectName("importPause")
        self.pause_button.clicked.connect(self.toggle_pause)
        self.cancel_button = QPushButton(self.tr("Cancel sending"))
        self.cancel_button.setObjectName("importCancel")
        self.cancel_button.clicked.connect(self.cancel)
        self.retry_button = QPushButton(self.tr("Retry failed"))
        self.retry_button.setObjectName("importRetry")
        self.retry_button.clicked.connect(self.retry_failed)
        export_results = QPushButton(self.tr("Export results…"))
        export_results.clicked.connect(self._ask_export_results)
        export_failed = QPushButton(self.tr("Export failed rows…"))
        export_failed.setToolTip(self.tr("The rows of every order not accepted, in their "
                                         "original columns, ready to fix and import again"))
        export_failed.clicked.connect(self._ask_export_failed)
        self.view = QTableView()
        self.view.setObjectName("importResults")
        # Remote ids and messages must be readable whole: the message takes the spare width,
        # and columns fit their contents (from a sample of rows) once the batch is done.
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setResizeContentsPrecision(50)

        controls = QHBoxLayout()
        controls.addWidget(self.progress_bar, 1)
        controls.addWidget(self.pause_button)
        controls.addWidget(self.cancel_button)
        after = QHBoxLayout()
        after.addWidget(self.retry_button)
        after.addStretch(1)
        after.addWidget(export_results)
        after.addWidget(export_failed)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)
        layout.addLayout(after)
        self._set_running(False)

    @property
    def running(self) -> bool:
        return self._handle is not None and not self._handle.done

    def start(
        self, session: ImportSession, orders: list[ImportedOrder], sender: ImportSender
    ) -> None:
        self._session, self._sender = session, sender
        self.model = ImportResultsModel(session, orders, self)
        self.view.setModel(self.model)
        self._send(list(range(len(orders))))

    def retry_failed(self) -> None:
        if self.model is not None and not self.running:
            positions = self.model.failed_positions()
            if positions:
                self._send(positions)

    def toggle_pause(self) -> None:
        if self._handle is None or self._handle.done:
            return
        if self._handle.paused:
            self._handle.resume()
            self.pause_button.setText(self.tr("Pause"))
        else:
            self._handle.pause()
            self.pause_button.setText(self.tr("Resume"))

    def cancel(self) -> None:
        if self._handle is not None:
            self._handle.cancel()

    def export_results(self, path: Path) -> int:
        assert self.model is not None
        return write_results(path, self.model.for_export())

    def export_failed(self, path: Path) -> int:
        """Invalid orders and every sent order not accepted, with the reason on each."""
        assert self.model is not None and self._session is not None
        failed = self._session.invalid_orders()
        messages: dict[tuple[int, ...], str] = {}
        for position in self.model.failed_positions():
            order, result = self.model.orders[position], self.model.results[position]
            failed.append(order)
            if result is not None:
                messages[order.rows] = f"{result.status.value}: {result.message}".rstrip(": ")
        return write_failed_rows(path, self._session, failed, messages)

    # -- internals --------------------------------------------------------------------------------
    def _send(self, positions: list[int]) -> None:
        assert self.model is not None and self._sender is not None
        self._positions = positions
        self._skipped = 0
        payloads = [self.model.orders[p].payload for p in positions]
        self.progress_bar.setRange(0, len(payloads))
        self.progress_bar.setValue(0)
        self.status.setText(self.tr("Sending {0} order(s)…").format(len(payloads)))
        self._set_running(True)
        self._close_hold_box()
        self._batch += 1
        batch, relay = self._batch, self._relay
        try:
            self._handle = self._sender.submit(
                payloads, source="import",
                on_progress=lambda progress: relay.progress.emit(batch, progress),
                on_result=lambda result: relay.result.emit(batch, result),
            )
        except ValueError as exc:  # the profile cannot be used, e.g. a missing credential
            self._handle = None
            self._set_running(False)
            self.status.setText(str(exc))

    def _on_result(self, batch: int, result: OrderResult) -> None:
        if batch != self._batch:
            return
        if self.model is not None and 0 <= result.index < len(self._positions):
            self.model.set_result(self._positions[result.index], result)
            if result.previously:
                self._skipped += 1

    def _on_progress(self, batch: int, progress: Progress) -> None:
        if batch != self._batch:
            return
        self.progress_bar.setValue(progress.done)
        counts = ", ".join(f"{n} {status_text(status)}"
                           for status, n in sorted(progress.counts.items()))
        if progress.finished:
            self._set_running(False)
            self._close_hold_box()
            error = self._handle.error if self._handle is not None else None
            # Orders accepted earlier are counted apart from the newly accepted ones.
            fresh = dict(progress.counts)
            fresh[ResultStatus.ACCEPTED] = fresh.get(ResultStatus.ACCEPTED, 0) - self._skipped
            counts = ", ".join(f"{n} {status_text(status)}"
                               for status, n in sorted(fresh.items()) if n > 0)
            text = (self.tr("Stopped: {0}").format(error) if error is not None
                    else self.tr("Done: {0}.").format(counts or self.tr("nothing sent")))
            if self._skipped:
                text += " " + self.tr("{0} already sent earlier: skipped, not sent "
                                      "again.").format(self._skipped)
            invalid = self._session.reconciliation().orders_invalid if self._session else 0
            if invalid:  # so the line adds up with the preview's, and says where they went
                text += " " + self.tr("{0} invalid order(s) were not sent: “Export failed "
                                      "rows…” writes them with the reasons, ready to fix and "
                                      "import again.").format(invalid)
            self.status.setText(text)
            # The message column keeps the spare width (resizing it to contents would not).
            for column in range(self.model.columnCount() - 1 if self.model else 0):
                self.view.resizeColumnToContents(column)
            self.finished.emit()
            return
        if progress.held and self.hold_box is None and self.running:
            self._ask_about_hold(progress)
        remaining = progress.total - progress.done
        eta = self.tr("about {0} s left").format(round(remaining / progress.rate)) \
            if progress.rate > 0 else self.tr("estimating time left")
        state = self.tr("paused") if progress.paused else eta
        self.status.setText(
            self.tr("{0} of {1} done ({2}) – {3}").format(progress.done, progress.total, counts,
                                                          state)
        )

    def _ask_about_hold(self, progress: Progress) -> None:
        """The API said the account cannot take orders: sending on would only collect the same
        refusal. The batch holds; the operator fixes it and resumes, or stops."""
        self.pause_button.setText(self.tr("Resume"))
        box = QMessageBox(
            QMessageBox.Icon.Warning, self.tr("The account cannot take orders"),
            self.tr("Sending is held: {0}\n\n{1} order(s) are not sent yet. Fix the cause (top "
                    "up the balance, or correct the credentials in Profiles and credentials), "
                    "then resume; or stop, and send them later from the history or by importing "
                    "the file again.").format(progress.held, progress.total - progress.done),
            parent=self)
        box.setObjectName("importHeld")
        resume = box.addButton(self.tr("Resume sending"), QMessageBox.ButtonRole.AcceptRole)
        stop = box.addButton(self.tr("Stop sending"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(stop)
        box.setEscapeButton(stop)

        handle = self._handle  # the answer is about this batch, never a later one

        def answered() -> None:
            if self.hold_box is box:
                self.hold_box = None
            if handle is None or handle.done:
                return
            if box.clickedButton() is resume:
                handle.resume()
                self.pause_button.setText(self.tr("Pause"))
            else:
                handle.cancel()

        box.finished.connect(lambda _code: answered())
        self.hold_box = box
        box.open()

    def _close_hold_box(self) -> None:
        """A question about a batch that has ended asks nothing any more."""
        if self.hold_box is not None:
            box, self.hold_box = self.hold_box, None
            box.close()

    def _set_running(self, running: bool) -> None:
        self.pause_button.setEnabled(running)
        self.cancel_button.setEnabled(running)
        self.retry_button.setEnabled(not running and self.model is not None
                                     and bool(self.model.failed_positions()))
        if not running:
            self.pause_button.setText(self.tr("Pause"))

    def _ask_export_results(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export results"), "results.csv",
                                              self.tr("CSV (*.csv)"))
        if name and self.model is not None:
            self.export_results(Path(name))

    def _ask_export_failed(self) -> None:
        kinds = [self.tr("CSV (*.csv)"), self.tr("Excel workbook (*.xlsx)")]
        # Rows from a workbook go back to a workbook unless the operator picks CSV.
        from_workbook = self._session is not None and bool(self._session.table.sheet)
        if from_workbook:
            kinds.reverse()
        name, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Export failed rows"),
            "failed_rows.xlsx" if from_workbook else "failed_rows.csv", ";;".join(kinds),
        )
        if name and not Path(name).suffix and "xlsx" in chosen:
            name += ".xlsx"  # the filter chosen says which kind, where the name does not
        if name and self.model is not None:
            self.export_failed(Path(name))
