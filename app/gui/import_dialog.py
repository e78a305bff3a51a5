"""The spreadsheet import dialog: choose file -> check how it reads -> map columns -> preview and
fix -> send. Open it with ``ImportDialog(target, sender, parent).open()``.

Reading, mapping and validating run on a worker thread (100,000 rows take seconds); the window
only ever gets finished results, so it never freezes. Sending goes through the engine.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.gcpause import collection_paused
from app.core.importing import (
    ColumnMapping,
    GroupMode,
    ImportFileError,
    ImportSession,
    Table,
    read_table,
    resolve_mapping,
    save_mapping,
)
from app.core.targets import Environment, Target
from app.gui.import_file_page import ImportFilePage, remember_folder
from app.gui.import_mapping_page import ImportMappingPage
from app.gui.import_preview_page import ImportPreviewPage
from app.gui.import_send_page import ImportSendPage
from app.gui.import_sender import ImportSender
from app.gui.workers import WorkerPool

log = logging.getLogger(__name__)

FILE, MAPPING, PREVIEW, SEND = range(4)


class _LoadTuning:
    """Keep the window responsive while workers chew through big files.

    No garbage collection while loading (`app.core.gcpause`: one over a big file holds the GIL
    for half a second). And a waiting thread asks the worker for the GIL after 20 µs instead of
    the default 5 ms: a paint takes the GIL dozens of times (PySide checks each Python-made
    object's virtual calls for an override), and at 1 ms each wait made the page shown as the
    checks started freeze for 35-95 ms. It costs nothing while the GUI thread does not ask (the
    load took as long). The GUI thread lowers the interval as it starts a worker (a pool thread
    that wakes at once takes the GIL, and at the default interval handing it back took the GUI
    thread 12 ms); the worker restores it as it ends. Counted, so overlapping loads (two
    dialogs) restore the default only when the last one ends.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loads = 0
        self._interval = sys.getswitchinterval()

    def begin(self) -> None:
        """On the GUI thread, before starting the worker that runs `run`."""
        with self._lock:
            if self._loads == 0:
                self._interval = sys.getswitchinterval()
                sys.setswitchinterval(min(self._interval, 20e-6))
            self._loads += 1

    def end(self) -> None:
        with self._lock:
            self._loads -= 1
            if self._loads == 0:
                sys.setswitchinterval(self._interval)

    def run(self, fn: Callable[..., Any], *args: Any) -> Any:
        """`fn(*args)` on the worker with collection paused; the load begun ends however it
        ends."""
        try:
            with collection_paused():
                return fn(*args)
        finally:
            self.end()


_tuning = _LoadTuning()


def _read(path: Path, encoding: str | None, delimiter: str | None, sheet: str | None,
          target: Target) -> tuple[Table, ColumnMapping]:
    table = read_table(path, encoding=encoding, delimiter=delimiter, sheet=sheet)
    # With no saved mapping, the values decide what the headers cannot (suggestions).
    return table, resolve_mapping(target, table.headers, rows=table.rows)


def _build(table: Table, target: Target, mapping: ColumnMapping, mode: GroupMode,
           address_key: str, remember: bool,
           accepted: Callable[[], frozenset[str]]) -> tuple[ImportSession, frozenset[str]]:
    """The checked session, and the references the account already has accepted (one journal
    query, here on the worker: the preview marks those orders, which a send skips)."""
    if remember:
        save_mapping(mapping, table.headers)
    session = ImportSession(table, target, mapping, group_mode=mode, address_key=address_key)
    session.reconciliation()  # computed here, not on the GUI thread
    return session, accepted()


class ImportDialog(QDialog):
    """`loaded` fires when a step's background work is done (tests wait on it)."""

    loaded = Signal()

    def __init__(self, target: Target, sender: ImportSender, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("Import {0} orders").format(target.label))
        self.resize(1000, 680)
        self.target = target
        self._sender = sender
        self._workers = WorkerPool(self, max_threads=1)
        self.table: Table | None = None
        self.session: ImportSession | None = None

        self.file_page = ImportFilePage(target)
        self.mapping_page = ImportMappingPage(target)
        self.preview_page = ImportPreviewPage()
        self.send_page = ImportSendPage()
        self.pages = QStackedWidget()
        for page in (self.file_page, self.mapping_page, self.preview_page, self.send_page):
            self.pages.addWidget(page)

        self.step = QLabel()
        self.step.setObjectName("importStep")
        self.message = QLabel()
        self.message.setObjectName("importMessage")
        self.message.setWordWrap(True)
        self.back_button = QPushButton(self.tr("Back"))
        self.back_button.setObjectName("importBack")
        self.back_button.clicked.connect(self.back)
        self.next_button = QPushButton(self.tr("Next"))
        self.next_button.setObjectName("importNext")
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.next)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.step)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)

        self.file_page.changed.connect(self._update_buttons)
        self.preview_page.reconciled.connect(self._update_buttons)
        self.send_page.finished.connect(self._update_buttons)
        self._busy = False
        self._go(FILE)

    # -- navigation -------------------------------------------------------------------------------
    def next(self) -> None:
        current = self.pages.currentIndex()
        if self._busy:
            return
        if current == FILE and self.file_page.path is not None:
            page = self.file_page
            self._run(_read, page.path, page.encoding, page.delimiter, page.sheet, self.target,
                      done=self._read_done, what=self.tr("Reading the file…"))
        elif current == MAPPING and self.table is not None:
            self._run(_build, self.table, self.target, self.mapping_page.mapping(),
                      self.mapping_page.group_mode(), self._sender.profile.address_key,
                      self.mapping_page.save_box.isChecked(), self._sender.accepted_references,
                      done=self._build_done, what=self.tr("Checking every order…"))
        elif current == PREVIEW and self.session is not None:
            self._confirm_and_send()

    def back(self) -> None:
        current = self.pages.currentIndex()
        if current in (MAPPING, PREVIEW) and not self._busy:
            self._go(current - 1)

    def _go(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        titles = (self.tr("1. Choose the file and check how it reads"),
                  self.tr("2. Map columns to fields"),
                  self.tr("3. Preview and fix"),
                  self.tr("4. Send"))
        self.step.setText(titles[page])
        self._update_buttons()

    def _update_buttons(self) -> None:
        page = self.pages.currentIndex()
        self.back_button.setEnabled(not self._busy and page in (MAPPING, PREVIEW))
        valid = (
            self.session.reconciliation().orders_valid if self.session and page == PREVIEW else 0
        )
        self.next_button.setText(
            self.tr("Send {0} valid order(s)").format(valid) if page == PREVIEW else self.tr("Next")
        )
        enabled = {
            FILE: self.file_page.table is not None,
            MAPPING: self.table is not None,
            PREVIEW: valid > 0,
            SEND: False,
        }[page]
        self.next_button.setEnabled(enabled and not self._busy)

    # -- background steps -------------------------------------------------------------------------
    def _run(self, fn: Any, *args: Any, done: Any, what: str) -> None:
        self._busy = True
        self.message.setText(what)
        self._update_buttons()
        # Paint what the click changed (and a page just shown) before the worker starts: every
        # paint takes the GIL many times, and against a busy worker it took 25-100 ms.
        self.repaint()
        _tuning.begin()
        try:
            self._workers.start(_tuning.run, fn, *args, on_result=done, on_error=self._failed)
        except BaseException:
            _tuning.end()
            raise

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        if isinstance(error, ImportFileError):
            self.message.setText(str(error))
        else:
            log.error("import step failed", exc_info=error)
            self.message.setText(self.tr("Unexpected error: {0}").format(error))
        self._update_buttons()
        self.loaded.emit()

    def _read_done(self, value: tuple[Table, ColumnMapping]) -> None:
        self._busy = False
        self.table, mapping = value
        if self.file_page.path is not None:
            remember_folder(self.file_page.path.parent)
        self.mapping_page.show_mapping(self.table.headers, mapping)
        self.message.setText(self.tr("{0} rows read.").format(len(self.table.rows)))
        self._go(MAPPING)
        self.loaded.emit()

    def _build_done(self, value: tuple[ImportSession, frozenset[str]]) -> None:
        self._busy = False
        session, accepted = value
        self.session = session
        self.preview_page.show_session(session, accepted)
        self.message.setText("")
        self._go(PREVIEW)
        self.loaded.emit()

    # -- sending ----------------------------------------------------------------------------------
    def _confirm_and_send(self) -> None:
        assert self.session is not None
        orders = self.session.valid_orders()
        profile = self._sender.profile
        if profile.environment is Environment.PRODUCTION:
            box = QMessageBox(
                QMessageBox.Icon.Warning, self.tr("Send to production"),
                self.tr("Send {0} order(s) to {1} PRODUCTION ({2})? Each order is real and "
                        "may debit the account.").format(len(orders), self.target.label,
                                                         profile.name),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self,
            )
            box.setObjectName("importProductionConfirm")
            box.finished.connect(lambda _code: self._send_if_confirmed(box, orders))
            box.open()
            return
        self._send(orders)

    def _send_if_confirmed(self, box: QMessageBox, orders: list[Any]) -> None:
        if box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Yes:
            self._send(orders)

    def _send(self, orders: list[Any]) -> None:
        assert self.session is not None
        self._go(SEND)
        self.send_page.start(self.session, orders, self._sender)

    # -- closing ----------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if self.send_page.running:
            # Nothing is lost: the journal holds every order; unsent ones become cancelled.
            self.send_page.cancel()
        self._workers.wait()
        super().closeEvent(event)
