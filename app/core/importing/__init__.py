"""Spreadsheet import: read CSV/TSV exports, map columns to API fields, group rows into orders,
validate them with the models, and account for every row."""

from __future__ import annotations

from app.core.importing.building import GroupMode
from app.core.importing.damage import damage_warning
from app.core.importing.errors import ImportFileError
from app.core.importing.export import OrderResult, write_failed_rows, write_results
from app.core.importing.loader import is_spreadsheet, open_import
from app.core.importing.mapping import (
    ColumnMapping,
    auto_map,
    load_mapping_file,
    resolve_mapping,
    save_mapping,
    saved_mapping,
)
from app.core.importing.reading import DELIMITERS, Table, parse_bytes, read_table
from app.core.importing.report import file_notes, issue_text, order_problems
from app.core.importing.session import (
    CellIssue,
    ImportedOrder,
    ImportSession,
    Reconciliation,
    Severity,
)

__all__ = [
    "DELIMITERS",
    "CellIssue",
    "ColumnMapping",
    "GroupMode",
    "ImportFileError",
    "ImportSession",
    "ImportedOrder",
    "OrderResult",
    "Reconciliation",
    "Severity",
    "Table",
    "auto_map",
    "damage_warning",
    "file_notes",
    "is_spreadsheet",
    "issue_text",
    "load_mapping_file",
    "open_import",
    "order_problems",
    "parse_bytes",
    "read_table",
    "resolve_mapping",
    "save_mapping",
    "saved_mapping",
    "write_failed_rows",
    "write_results",
]
