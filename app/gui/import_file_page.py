"""Step 1: choose the file and check how it is read (encoding, delimiter) on a live preview.

The preview reads only the head of the file, so changing an override answers at once even for a
100,000-row file; the whole file is read in the background when the operator moves on.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.importing import DELIMITERS, ImportFileError, Table, parse_bytes
from app.core.targets import Target
from app.resources import resource_path

log = logging.getLogger(__name__)

PREVIEW_BYTES = 64 * 1024
PREVIEW_ROWS = 50
ENCODINGS = ("utf-8", "utf-16", "gb18030", "big5", "shift_jis", "cp1252")


def read_head(path: Path, encoding: str | None, delimiter: str | None) -> Table:
    """The first lines of `path`, cut at a line end so the last row is whole."""
    try:
        with path.open("rb") as handle:
            head = handle.read(PREVIEW_BYTES)
    except OSError as exc:
        raise ImportFileError(f"Cannot open {path.name}: {exc.strerror or exc}.") from None
    if len(head) == PREVIEW_BYTES:
        cut = head.rfind(b"\n")
        head = head[: cut + 1] if cut > 0 else head
    return parse_bytes(head, encoding=encoding, delimiter=delimiter)


class ImportFilePage(QWidget):
    """Emits `changed` whenever the file or an override changes (the preview is redone)."""

    changed = Signal()

    def __init__(self, target: Target, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._target = target
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("importPath")
        self.path_edit.setPlaceholderText(self.tr("A CSV, TSV or Excel 'Unicode text' file"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        template = QPushButton(self.tr("Save template…"))
        template.setToolTip(self.tr("A CSV with the {0} column headers, ready to fill in")
                            .format(target.label))
        template.clicked.connect(self._save_template)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        path_row.addWidget(template)

        self.encoding_box = QComboBox()
        self.encoding_box.setObjectName("importEncoding")
        self.encoding_box.addItem(self.tr("Detect"), None)
        for name in ENCODINGS:
            self.encoding_box.addItem(name, name)
        self.delimiter_box = QComboBox()
        self.delimiter_box.setObjectName("importDelimiter")
        self.delimiter_box.addItem(self.tr("Detect"), None)
        names = {",": self.tr("Comma"), ";": self.tr("Semicolon"), "\t": self.tr("Tab"),
                 "|": self.tr("Pipe")}
        for delimiter in DELIMITERS:
            self.delimiter_box.addItem(names[delimiter], delimiter)
        self.detected = QLabel()
        self.detected.setObjectName("importDetected")
        self.detected.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("File"), path_row)
        form.addRow(self.tr("Encoding"), self.encoding_box)
        form.addRow(self.tr("Delimiter"), self.delimiter_box)

        self.preview_model = QStandardItemModel(self)
        self.preview = QTableView()
        self.preview.setObjectName("importPreview")
        self.preview.setModel(self.preview_model)
        self.preview.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.detected)
        layout.addWidget(self.preview, 1)
        self.path_edit.editingFinished.connect(self.refresh)
        self.encoding_box.currentIndexChanged.connect(self.refresh)
        self.delimiter_box.currentIndexChanged.connect(self.refresh)
        self.table: Table | None = None

    # -- state read by the dialog ---------------------------------------------------------------
    @property
    def path(self) -> Path | None:
        text = self.path_edit.text().strip()
        return Path(text) if text else None

    @property
    def encoding(self) -> str | None:
        value = self.encoding_box.currentData()
        return str(value) if value else None

    @property
    def delimiter(self) -> str | None:
        value = self.delimiter_box.currentData()
        return str(value) if value else None

    def set_path(self, path: Path) -> None:
        self.path_edit.setText(str(path))
        self.refresh()

    # -- preview ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the head of the file with the current overrides and show it."""
        self.table = None
        self.preview_model.clear()
        path = self.path
        if path is None:
            self.detected.setText("")
        else:
            try:
                self.table = read_head(path, self.encoding, self.delimiter)
            except ImportFileError as exc:
                self.detected.setText(str(exc))
            else:
                self._show(self.table)
        self.changed.emit()

    def _show(self, table: Table) -> None:
        names = {",": self.tr("comma"), ";": self.tr("semicolon"), "\t": self.tr("tab"),
                 "|": self.tr("pipe")}
        self.detected.setText(
            self.tr("Read as {0}, {1}-separated, {2} column(s). Check that the preview shows "
                    "the right characters and columns.")
            .format(table.encoding, names.get(table.delimiter, table.delimiter),
                    len(table.headers))
        )
        self.preview_model.setHorizontalHeaderLabels(table.headers)
        for cells in table.rows[:PREVIEW_ROWS]:
            self.preview_model.appendRow([QStandardItem(cell) for cell in cells])

    # -- buttons ----------------------------------------------------------------------------------
    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import orders"), "",
            self.tr("Spreadsheet text (*.csv *.tsv *.txt *.tab);;All files (*)"),
        )
        if name:
            self.set_path(Path(name))

    def _save_template(self) -> None:
        source = resource_path(f"templates/{self._target.value}_orders.csv")
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save template"), source.name, self.tr("CSV (*.csv)")
        )
        if name:
            shutil.copyfile(source, name)
