"""Step 1: choose the file and check how it is read (encoding, delimiter, or a workbook's sheet)
on a live preview.

The preview of a text file reads only its head, so changing an override answers at once even for
a 100,000-row file; the whole file is read in the background when the operator moves on. A
workbook's sheet is read whole for its preview (a workbook cannot be cut at a line end).
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.importing import DELIMITERS, ImportFileError, Table, parse_bytes
from app.core.importing.reading import read_workbook_table
from app.core.importing.workbook import is_workbook, sheet_names
from app.core.paths import data_dir
from app.core.targets import Target
from app.gui.json_store import read_json, write_json
from app.gui.table_cells import set_cell_text
from app.resources import resource_path

log = logging.getLogger(__name__)

PREVIEW_BYTES = 64 * 1024
PREVIEW_ROWS = 50
ENCODINGS = ("utf-8", "utf-16", "gb18030", "big5", "shift_jis", "cp1252")


WORKBOOK_PATTERNS = "*.xlsx *.xlsm *.xls *.ods"
TEXT_PATTERNS = "*.csv *.tsv *.txt *.tab"


def read_head(
    path: Path, encoding: str | None, delimiter: str | None, sheet: str | None = None
) -> Table:
    """The first lines of `path`, cut at a line end so the last row is whole; a workbook's
    sheet (`sheet`, else the first with data) whole."""
    try:
        with path.open("rb") as handle:
            head = handle.read(PREVIEW_BYTES)
    except OSError as exc:
        raise ImportFileError(f"Cannot open {path.name}: {exc.strerror or exc}.") from None
    if is_workbook(path, head):
        return read_workbook_table(path, sheet)
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
        self.path_edit.setPlaceholderText(
            self.tr("A workbook (.xlsx, .xls, .ods) or a CSV, TSV or 'Unicode text' file")
        )
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
        self.sheet_box = QComboBox()
        self.sheet_box.setObjectName("importSheet")
        self.sheet_box.setToolTip(self.tr("The workbook's sheet to import; the first sheet "
                                          "with data is chosen at first"))
        self.detected = QLabel()
        self.detected.setObjectName("importDetected")
        self.detected.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("File"), path_row)
        form.addRow(self.tr("Sheet"), self.sheet_box)
        form.addRow(self.tr("Encoding"), self.encoding_box)
        form.addRow(self.tr("Delimiter"), self.delimiter_box)
        self._form = form

        self.preview = QTableWidget()
        self.preview.setObjectName("importPreview")
        self.preview.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.detected)
        layout.addWidget(self.preview, 1)
        self.path_edit.editingFinished.connect(self._path_changed)
        self.encoding_box.currentIndexChanged.connect(self.refresh)
        self.delimiter_box.currentIndexChanged.connect(self.refresh)
        self.sheet_box.currentIndexChanged.connect(self.refresh)
        self.table: Table | None = None
        self._sheets_of: Path | None = None  # the workbook whose sheets the box lists
        self._show_rows(workbook=False)

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

    @property
    def sheet(self) -> str | None:
        """The workbook's sheet chosen (None: the first with data, or not a workbook)."""
        value = self.sheet_box.currentData() if self.sheet_box.isVisibleTo(self) else None
        return str(value) if value else None

    def set_path(self, path: Path) -> None:
        self.path_edit.setText(str(path))
        self._path_changed()

    def _path_changed(self) -> None:
        path = self.path
        workbook = path is not None and path.is_file() and _looks_like_workbook(path)
        self._show_rows(workbook=workbook)
        self.sheet_box.blockSignals(True)
        if not workbook or path != self._sheets_of:
            self.sheet_box.clear()
            self._sheets_of = None
        if workbook and path is not None and self._sheets_of is None:
            try:
                names = sheet_names(path)
            except ImportFileError:
                names = []  # the preview says why
            for name in names:
                self.sheet_box.addItem(name, name)
            self.sheet_box.setCurrentIndex(-1)  # the first with data, found by the reader
            self._sheets_of = path
        self.sheet_box.blockSignals(False)
        self.refresh()

    def _show_rows(self, *, workbook: bool) -> None:
        """A workbook has sheets; a text file has an encoding and a delimiter."""
        self._form.setRowVisible(self.sheet_box, workbook)
        self._form.setRowVisible(self.encoding_box, not workbook)
        self._form.setRowVisible(self.delimiter_box, not workbook)

    # -- preview ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the head of the file with the current overrides and show it."""
        self.table = None
        self.preview.setRowCount(0)
        self.preview.setColumnCount(0)
        path = self.path
        if path is None:
            self.detected.setText("")
        else:
            try:
                self.table = read_head(path, self.encoding, self.delimiter, self.sheet)
            except ImportFileError as exc:
                self.detected.setText(str(exc))
            else:
                self._show(self.table)
        self.changed.emit()

    def _show(self, table: Table) -> None:
        if table.sheet:
            self.sheet_box.blockSignals(True)
            self.sheet_box.setCurrentIndex(self.sheet_box.findData(table.sheet))
            self.sheet_box.blockSignals(False)
            self.detected.setText(
                self.tr("Sheet “{0}”: {1} row(s), {2} column(s), the header on row {3}. Check "
                        "that the preview shows the right columns.")
                .format(table.sheet, len(table.rows), len(table.headers), table.header_line)
            )
            self._fill_preview(table)
            return
        names = {",": self.tr("comma"), ";": self.tr("semicolon"), "\t": self.tr("tab"),
                 "|": self.tr("pipe")}
        self.detected.setText(
            self.tr("Read as {0}, {1}-separated, {2} column(s). Check that the preview shows "
                    "the right characters and columns.")
            .format(table.encoding, names.get(table.delimiter, table.delimiter),
                    len(table.headers))
        )
        self._fill_preview(table)

    def _fill_preview(self, table: Table) -> None:
        rows = table.rows[:PREVIEW_ROWS]
        self.preview.setRowCount(len(rows))
        self.preview.setColumnCount(max([len(table.headers), *map(len, rows)]))
        self.preview.setHorizontalHeaderLabels(table.headers)
        for row, cells in enumerate(rows):
            for column, cell in enumerate(cells):
                set_cell_text(self.preview, row, column, cell)

    # -- buttons ----------------------------------------------------------------------------------
    def _browse(self) -> None:
        filters = ";;".join((
            self.tr("Spreadsheets ({0})").format(f"{WORKBOOK_PATTERNS} {TEXT_PATTERNS}"),
            self.tr("Workbooks ({0})").format(WORKBOOK_PATTERNS),
            self.tr("Spreadsheet text ({0})").format(TEXT_PATTERNS),
            self.tr("All files (*)"),
        ))
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import orders"), str(last_folder() or ""), filters
        )
        if name:
            remember_folder(Path(name).parent)
            self.set_path(Path(name))

    def _save_template(self) -> None:
        source = resource_path(f"templates/{self._target.value}_orders.csv")
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save template"), source.name, self.tr("CSV (*.csv)")
        )
        if name:
            shutil.copyfile(source, name)


def _looks_like_workbook(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return is_workbook(path, handle.read(8))
    except OSError:
        return False


def _recent_file() -> Path:
    return data_dir() / "import.json"


def last_folder() -> Path | None:
    """The folder the last imported file came from, while it still exists."""
    data = read_json(_recent_file())
    folder = data.get("last_folder") if isinstance(data, dict) else None
    return Path(folder) if isinstance(folder, str) and Path(folder).is_dir() else None


def remember_folder(folder: Path) -> None:
    try:
        write_json(_recent_file(), {"last_folder": str(folder)})
    except OSError as exc:  # a read-only data folder: the picker starts elsewhere next time
        log.warning("cannot remember the import folder: %s", exc)
