"""Every CSV file Order Desk writes for people to open in a spreadsheet program.

Excel, LibreOffice and Google Sheets read a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or
a tab or carriage return before one) as a formula, so a reference or a name such as
``=HYPERLINK("http://evil.example","Click")`` from a marketplace export would become a live
formula in the operator's spreadsheet (CSV injection). As OWASP advises, such a cell is written
with a single quote in front (``'=HYPERLINK(...)``), which spreadsheets show as text.

A cell that is only a number (``-5``, ``+1.5``, ``-0.25``) is left as it is: a spreadsheet reads
it as that number, not as a formula, and a numeric column stays numeric. The importer reads a
neutralised cell back without its quote (:func:`restored_cell`), so a failed-rows file can be
fixed and imported again.
"""

from __future__ import annotations

import csv
import logging
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

log = logging.getLogger(__name__)

# OWASP, "CSV Injection": the characters a formula may start with.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")


def spreadsheet_cell(value: object) -> str:
    """`value` as the text of one cell that no spreadsheet reads as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def restored_cell(text: str) -> str:
    """The inverse of :func:`spreadsheet_cell`, for a cell read back from such a file."""
    if text.startswith("'"):
        rest = text[1:]
        if rest.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(rest):
            return rest
    return text


class SpreadsheetWriter:
    """``csv.writer`` whose every cell goes through :func:`spreadsheet_cell`."""

    def __init__(self, handle: TextIO) -> None:
        self._writer = csv.writer(handle)

    def writerow(self, cells: Iterable[object]) -> None:
        self._writer.writerow([spreadsheet_cell(cell) for cell in cells])


def open_for_spreadsheet(path: Path) -> TextIO:
    """UTF-8 with a BOM (so Excel reads accents and CJK right) and the csv module's CRLF ends."""
    return path.open("w", encoding="utf-8-sig", newline="")
