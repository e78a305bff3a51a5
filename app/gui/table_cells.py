"""Cells of a QTableWidget made by Qt itself, not by Python.

An item made in Python is a wrapper whose every virtual call (`data`, at each paint of each cell)
takes the GIL; while a worker thread holds it, a paint of a few hundred cells waited for it a few
hundred times (0.1 s on a busy import). Items the table's model makes on `setData` never need it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTableWidget, QTableWidgetItem


def set_cell_text(table: QTableWidget, row: int, column: int, text: str) -> QTableWidgetItem:
    """Put `text` in the cell (its item made by Qt if it has none) and return the item."""
    model = table.model()
    model.setData(model.index(row, column), text)
    item = table.item(row, column)
    assert item is not None
    return item
