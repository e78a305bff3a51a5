"""Spreadsheet import: read CSV/TSV exports, map columns to API fields, group rows into orders,
validate them with the models, and account for every row."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.core.lazy import lazy_exports

if TYPE_CHECKING:
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

# Each exported name and the submodule defining it, loaded on first use (app.core.lazy): the
# target registry reads only the header synonyms, which need neither the reader nor the models.
_EXPORTS = {
    "GroupMode": "building",
    "damage_warning": "damage",
    "ImportFileError": "errors",
    "OrderResult": "export",
    "write_failed_rows": "export",
    "write_results": "export",
    "is_spreadsheet": "loader",
    "open_import": "loader",
    "ColumnMapping": "mapping",
    "auto_map": "mapping",
    "load_mapping_file": "mapping",
    "resolve_mapping": "mapping",
    "save_mapping": "mapping",
    "saved_mapping": "mapping",
    "DELIMITERS": "reading",
    "Table": "reading",
    "parse_bytes": "reading",
    "read_table": "reading",
    "file_notes": "report",
    "issue_text": "report",
    "order_problems": "report",
    "CellIssue": "session",
    "ImportedOrder": "session",
    "ImportSession": "session",
    "Reconciliation": "session",
    "Severity": "session",
}

__getattr__ = lazy_exports(__name__, _EXPORTS)

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
