"""Step 3: every row with its order and its problems; fix cells in place, exclude rows.

Rows sharing an order number are the items of one order. A red cell is an error (the order will
not be sent as it is), a yellow one a warning (e.g. a value Excel may have damaged); hover for
the message. Editing a cell re-validates its order at once.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.importing import ImportSession
from app.gui.import_rows_model import ImportRowsModel

log = logging.getLogger(__name__)


class ImportPreviewPage(QWidget):
    """Emits `reconciled` after every change, so the dialog can enable sending."""

    reconciled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model: ImportRowsModel | None = None
        self.view = QTableView()
        self.view.setObjectName("importRows")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        # Column widths from a sample of rows: exact widths over 100,000 rows would freeze, and
        # each sampled row asks the model for every column (50 rows held the window for 30 ms
        # as the preview opened). The Line column numbers rows, so the vertical header (100,000
        # sections) is not needed.
        self.view.horizontalHeader().setResizeContentsPrecision(15)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.only_problems = QCheckBox(self.tr("Only rows with problems"))
        self.only_problems.setObjectName("importOnlyProblems")
        self.only_problems.toggled.connect(self._filter)
        exclude = QPushButton(self.tr("Exclude selected rows"))
        exclude.setObjectName("importExclude")
        exclude.clicked.connect(self.exclude_selected)
        include = QPushButton(self.tr("Include selected rows"))
        include.setObjectName("importInclude")
        include.clicked.connect(self.include_selected)
        self.summary = QLabel()
        self.summary.setObjectName("importReconciliation")
        self.summary.setWordWrap(True)

        tools = QHBoxLayout()
        tools.addWidget(self.only_problems)
        tools.addStretch(1)
        tools.addWidget(exclude)
        tools.addWidget(include)
        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.summary)

    def show_session(self, session: ImportSession,
                     already_sent: frozenset[str] = frozenset()) -> None:
        """``already_sent``: references the account already has accepted (marked; skipped
        when sent)."""
        if self.model is None:
            self.model = ImportRowsModel(session, self, already_sent=already_sent)
            self.model.changed.connect(self._update_summary)
            self.view.setModel(self.model)
        else:
            self.model.set_session(session, already_sent)
        self.model.set_only_problems(self.only_problems.isChecked())
        self.view.resizeColumnsToContents()  # sampled rows only (precision below)
        self._update_summary()

    def selected_rows(self) -> list[int]:
        if self.model is None:
            return []
        rows = {index.row() for index in self.view.selectionModel().selectedRows()}
        return sorted(self.model.source_row(row) for row in rows)

    def exclude_selected(self) -> None:
        if self.model is not None and (rows := self.selected_rows()):
            self.model.session.exclude_rows(rows)
            self.model.refresh()

    def include_selected(self) -> None:
        if self.model is not None and (rows := self.selected_rows()):
            self.model.session.include_rows(rows)
            self.model.refresh()

    def _filter(self, only: bool) -> None:
        if self.model is not None:
            self.model.set_only_problems(only)

    def _update_summary(self) -> None:
        if self.model is None:
            return
        rec = self.model.session.reconciliation()
        text = self.tr(
            "{0} rows read = {1} in {2} valid orders + {3} in {4} invalid orders + {5} excluded"
        ).format(rec.rows_read, rec.rows_valid, rec.orders_valid, rec.rows_invalid,
                 rec.orders_invalid, rec.rows_excluded)
        skipped = self.model.already_sent_count()
        if skipped:
            text += "\n" + self.tr("{0} valid order(s) already sent earlier: they will be "
                                   "skipped, not sent again.").format(skipped)
        if rec.excluded:
            shown = ", ".join(
                self.tr("line {0}: {1}").format(e.line, e.reason) for e in rec.excluded[:5]
            )
            more = len(rec.excluded) - 5
            text += "\n" + self.tr("Excluded: {0}").format(shown)
            if more > 0:
                text += self.tr(" and {0} more").format(more)
        self.summary.setText(text)
        self.reconciled.emit()
