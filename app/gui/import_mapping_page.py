"""Step 2: which column feeds each field, or one constant value for the whole file.

One line per API field (not per data row): the column it reads, or a constant; required fields
are marked. The automatic (or saved) mapping is filled in first; the operator adjusts it.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.importing import ColumnMapping, GroupMode
from app.core.models import FieldSpec, field_specs
from app.core.models.specs import humanise
from app.core.targets import Target
from app.gui.field_editor import FieldEditor
from app.gui.table_cells import set_cell_text

log = logging.getLogger(__name__)

FIELD, COLUMN, CONSTANT = 0, 1, 2


def _part_names() -> dict[str, str]:
    """What the objects a field sits in are called on screen."""
    ship_to = QCoreApplication.translate("ImportMappingPage", "Ship to")
    return {
        "orderAddress": ship_to, "orderAddresses": ship_to,
        "orderItemsList": QCoreApplication.translate("ImportMappingPage", "Line"),
        "items": QCoreApplication.translate("ImportMappingPage", "Item"),
        "product": QCoreApplication.translate("ImportMappingPage", "Product"),
        "skus": QCoreApplication.translate("ImportMappingPage", "Product SKU"),
        "components": QCoreApplication.translate("ImportMappingPage", "Component"),
        "images": QCoreApplication.translate("ImportMappingPage", "Images"),
        "customer": QCoreApplication.translate("ImportMappingPage", "Customer"),
        "seller": QCoreApplication.translate("ImportMappingPage", "Seller"),
        "payer": QCoreApplication.translate("ImportMappingPage", "Payer"),
    }


def row_titles(specs: list[FieldSpec]) -> list[str]:
    """Each field's name in the operator's words, preceded by the objects it sits in (nearest
    first needed; more only where two fields would read the same): "Ship to · Country",
    "Item · Price", "Product · Price". Never the API path, which is the row's tooltip."""
    parts = _part_names()

    def parents(spec: FieldSpec) -> list[str]:
        keys = [key.removesuffix("[]") for key in spec.path.split(".")[:-1]]
        return [parts.get(key) or humanise(key) for key in keys]

    def title(spec: FieldSpec, depth: int) -> str:
        chain = parents(spec)
        shown = chain[len(chain) - depth:] if depth else []
        return " · ".join([*shown, FieldEditor.label_text(spec, marked=False)])

    depths = [min(1, len(parents(spec))) for spec in specs]
    for _ in range(4):
        titles = [title(spec, depth) for spec, depth in zip(specs, depths, strict=True)]
        clashes = {t for t in titles if titles.count(t) > 1}
        if not clashes:
            break
        depths = [min(d + 1, len(parents(spec))) if t in clashes else d
                  for spec, d, t in zip(specs, depths, titles, strict=True)]
    return [title(spec, depth) for spec, depth in zip(specs, depths, strict=True)]


class ImportMappingPage(QWidget):
    def __init__(self, target: Target, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._target = target
        self._specs: list[FieldSpec] = [s for s in field_specs(target) if s.group != "deprecated"]
        self._headers: list[str] = []

        self.table = QTableWidget(len(self._specs), 3)
        self.table.setObjectName("importMapping")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("Column in the file"), self.tr("Or one value for all rows")]
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        for row, (spec, title) in enumerate(zip(self._specs, row_titles(self._specs),
                                                strict=True)):
            item = set_cell_text(self.table, row, FIELD, f"{title} *" if spec.required else title)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            # The API path (and what the API says of the field) for whoever needs it.
            item.setToolTip("\n".join(filter(None, (spec.description, spec.path))))
            self.table.setCellWidget(row, COLUMN, QComboBox())
            set_cell_text(self.table, row, CONSTANT, "")

        self.group_box = QComboBox()
        self.group_box.setObjectName("importGrouping")
        self.group_box.addItem(self.tr("one order per row"), GroupMode.ROW)
        self.group_box.addItem(self.tr("one order per identical address"), GroupMode.ADDRESS)
        self.save_box = QCheckBox(self.tr("Remember this mapping for files with these columns"))
        self.save_box.setObjectName("importSaveMapping")
        self.unused = QLabel()
        self.unused.setObjectName("importUnusedColumns")
        self.unused.setWordWrap(True)
        self.suggested = QLabel()
        self.suggested.setObjectName("importSuggestions")
        self.suggested.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Rows without an order reference"), self.group_box)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Rows with the same order reference become one order; "
                                        "each row is one item. * marks a required field.")))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.suggested)
        layout.addWidget(self.unused)
        layout.addLayout(form)
        layout.addWidget(self.save_box)

    def show_mapping(self, headers: list[str], mapping: ColumnMapping) -> None:
        self._headers = list(headers)
        column_of = {path: header for header, path in mapping.columns.items()}
        for row, spec in enumerate(self._specs):
            combo = self._combo(row)
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("(none)"), "")
            for header in headers:
                combo.addItem(header, header)
            current = column_of.get(spec.path, "")
            combo.setCurrentIndex(max(combo.findData(current), 0) if current in headers else 0)
            combo.blockSignals(False)
            self._constant_item(row).setText(mapping.constants.get(spec.path, ""))
        titles = dict(zip((s.path for s in self._specs), row_titles(self._specs), strict=True))
        suggestions = []
        for header, match in mapping.by_values.items():
            if mapping.columns.get(header) != match.path or match.path not in titles:
                continue
            reason = self.tr("Suggested by its values: all {0} values of “{1}” are among the "
                             "choices of {2}").format(match.count, header, titles[match.path])
            self._combo(self._row_of(match.path)).setToolTip(reason)
            suggestions.append(reason)
        self.suggested.setText("\n".join(suggestions))
        used = set(mapping.columns)
        unused = [h for h in headers if h not in used]
        self.unused.setText(
            self.tr("Columns not used: {0}").format(", ".join(unused)) if unused else ""
        )

    def mapping(self) -> ColumnMapping:
        mapping = ColumnMapping(self._target)
        for row, spec in enumerate(self._specs):
            header = self._combo(row).currentData()
            if header:
                mapping.columns[str(header)] = spec.path
            constant = self._constant_item(row).text().strip()
            if constant:
                mapping.constants[spec.path] = constant
        return mapping

    def group_mode(self) -> GroupMode:
        return GroupMode(self.group_box.currentData())

    def set_column(self, path: str, header: str) -> None:
        """Point `path` at `header` (or at nothing with "")."""
        combo = self._combo(self._row_of(path))
        combo.setCurrentIndex(max(combo.findData(header), 0))

    def set_constant(self, path: str, value: str) -> None:
        self._constant_item(self._row_of(path)).setText(value)

    def _row_of(self, path: str) -> int:
        return next(i for i, spec in enumerate(self._specs) if spec.path == path)

    def _combo(self, row: int) -> QComboBox:
        widget = self.table.cellWidget(row, COLUMN)
        assert isinstance(widget, QComboBox)
        return widget

    def _constant_item(self, row: int) -> QTableWidgetItem:
        item = self.table.item(row, CONSTANT)
        assert item is not None
        return item
