"""One call from a file name to a validated import session: read, map, group, validate."""

from __future__ import annotations

import logging
from pathlib import Path

from app.core.importing.building import GroupMode
from app.core.importing.mapping import resolve_mapping
from app.core.importing.reading import read_table
from app.core.importing.session import ImportSession
from app.core.importing.workbook import WORKBOOK_SUFFIXES
from app.core.targets import Target

log = logging.getLogger(__name__)

# File endings read as delimited text or as a workbook; anything else (JSON) is not the
# importer's business.
SPREADSHEET_SUFFIXES: frozenset[str] = frozenset(
    {".csv", ".tsv", ".txt", ".tab"} | WORKBOOK_SUFFIXES
)


def is_spreadsheet(path: Path) -> bool:
    return path.suffix.lower() in SPREADSHEET_SUFFIXES


def open_import(
    path: Path,
    target: Target,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    sheet: str | int | None = None,
    mapping_file: Path | None = None,
    group_mode: GroupMode = GroupMode.ROW,
    address_key: str = "both",
    constants: dict[str, str] | None = None,
) -> ImportSession:
    """Read `path` and build its orders with the explicit, saved or automatic mapping, and the
    operator's `constants` (field path -> one value for every order, winning over a column).

    Raises ImportFileError for an unreadable file or mapping file.
    """
    table = read_table(path, encoding=encoding, delimiter=delimiter, sheet=sheet)
    mapping = resolve_mapping(target, table.headers, mapping_file, table.rows)
    if constants:
        mapping.constants.update(constants)
    session = ImportSession(
        table, target, mapping, group_mode=group_mode, address_key=address_key
    )
    log.info("%s: %s", path.name, session.reconciliation())
    return session
