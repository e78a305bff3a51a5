"""Writing what happened: a results sheet per order, and failed rows in their original columns.

CSV files are UTF-8 with a BOM and CRLF line ends so Excel opens them with the right characters,
and no cell is read as a formula (app.core.csv_export). Failed rows may also go to an .xlsx
workbook (openpyxl), every cell text, so codes keep their digits and zeros and nothing is a
formula. A failed-rows file keeps the source headers and order of columns, so after fixing it the
operator re-imports it with the same mapping.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.core.csv_export import SpreadsheetWriter, open_for_spreadsheet
from app.core.importing.mapping import PROBLEMS_HEADER
from app.core.importing.session import ImportedOrder, ImportSession

log = logging.getLogger(__name__)

RESULT_HEADERS = ("Order", "Reference", "Lines", "Status", "Remote id", "Message")


@dataclass(frozen=True)
class OrderResult:
    """How one imported order ended: "invalid", or an engine state (accepted, rejected...)."""

    reference: str
    lines: tuple[int, ...]
    status: str
    remote_id: str = ""
    message: str = ""


def write_results(path: Path, results: Iterable[OrderResult]) -> int:
    """One line per order; returns the number of orders written."""
    count = 0
    with open_for_spreadsheet(path) as handle:
        writer = SpreadsheetWriter(handle)
        writer.writerow(RESULT_HEADERS)
        for number, result in enumerate(results, start=1):
            lines = " ".join(str(line) for line in result.lines)
            writer.writerow(
                (number, result.reference, lines, result.status, result.remote_id, result.message)
            )
            count = number
    log.info("wrote %d order results to %s", count, path.name)
    return count


def write_failed_rows(
    path: Path,
    session: ImportSession,
    orders: Iterable[ImportedOrder],
    messages: dict[tuple[int, ...], str] | None = None,
) -> int:
    """The rows of `orders` as read (with the operator's edits), plus a problems column.

    `messages` adds a reason per order (keyed by its rows), e.g. the API's rejection message.
    Returns the number of rows written.
    """
    messages = messages or {}
    headers = [h for h in session.table.headers if h != PROBLEMS_HEADER]
    keep = [i for i, h in enumerate(session.table.headers) if h != PROBLEMS_HEADER]
    lines: list[tuple[int, Sequence[str], str]] = []
    for order in orders:
        problems = _problems_by_row(session, order, messages.get(order.rows, ""))
        for row in order.rows:
            source = session.table.rows[row]
            lines.append((row, [source[i] for i in keep], problems.get(row, "")))
    lines.sort(key=lambda entry: entry[0])
    records = ([*cells, problem] for _, cells, problem in lines)
    if path.suffix.lower() == ".xlsx":
        write_text_workbook(path, [*headers, PROBLEMS_HEADER], records, sheet="Failed rows")
    else:
        with open_for_spreadsheet(path) as handle:
            writer = SpreadsheetWriter(handle)
            writer.writerow([*headers, PROBLEMS_HEADER])
            for record in records:
                writer.writerow(record)
    log.info("wrote %d failed rows to %s", len(lines), path.name)
    return len(lines)


def write_text_workbook(
    path: Path, headers: Sequence[str], rows: Iterable[Sequence[str]], *, sheet: str
) -> None:
    """An .xlsx of text cells: a "0213" stays 0213, "=1+1" is text, never a formula. Written
    beside `path` and moved into place, so a failure leaves no half file."""
    import openpyxl  # only when a workbook is written
    from openpyxl.cell import WriteOnlyCell

    book = openpyxl.Workbook(write_only=True)
    page = book.create_sheet(sheet)

    def cells(values: Sequence[str]) -> list[WriteOnlyCell]:
        out = []
        for value in values:
            cell = WriteOnlyCell(page, value=value)
            cell.data_type = "s"  # openpyxl would take "=..." for a formula
            cell.number_format = "@"  # and Excel a "0213" typed later for a number
            out.append(cell)
        return out

    page.append(cells(headers))
    for row in rows:
        page.append(cells(row))
    partial = path.with_name(f".{path.name}.partial")
    try:
        book.save(partial)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def _problems_by_row(session: ImportSession, order: ImportedOrder, extra: str) -> dict[int, str]:
    found: dict[int, list[str]] = {}
    for issue in order.errors:
        where = session.table.headers[issue.column] if issue.column is not None else issue.field
        text = f"{where}: {issue.message}" if where else issue.message
        found.setdefault(issue.row, []).append(text)
    if extra:
        found.setdefault(order.rows[0], []).append(extra)
    return {row: "; ".join(texts) for row, texts in found.items()}
