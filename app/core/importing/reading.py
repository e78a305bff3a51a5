"""Reading a CSV/TSV export or a workbook's sheet into a table of text cells: dialect sniffing,
title lines, headers, line numbers."""

from __future__ import annotations

import csv
import io
import logging
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from app.core.importing.encoding import decode
from app.core.importing.errors import ImportFileError
from app.core.importing.workbook import SheetCells, is_workbook, read_sheet

log = logging.getLogger(__name__)

DELIMITERS: tuple[str, ...] = (",", ";", "\t", "|")
DELIMITER_NAMES: dict[str, str] = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
_SNIFF_LINES = 50
# How far down a header row is looked for below title lines.
_TITLE_SEARCH = 10



@dataclass
class Table:
    """Every cell as text. `rows[i]` is padded to the header width; `line_numbers[i]` is the
    file line where data row i starts (1-based, the header being on `header_line`)."""

    headers: list[str]
    rows: list[list[str]]
    line_numbers: list[int]
    encoding: str
    delimiter: str
    quotechar: str
    header_line: int = 1
    # data row index -> count of non-empty cells beyond the header (kept, flagged by the session)
    overflow: dict[int, int] = field(default_factory=dict)
    # (line, text) of title lines above the header row ("Orders export 2024-05-01"), skipped
    title_lines: list[tuple[int, str]] = field(default_factory=list)
    # For a workbook: the sheet read (lines are its row numbers); "" for a text file.
    sheet: str = ""

    def __len__(self) -> int:
        return len(self.rows)


def read_table(
    path: Path,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    sheet: str | int | None = None,
) -> Table:
    """Read `path`; `encoding`/`delimiter` override detection for text, `sheet` (a name or a
    1-based position) chooses a workbook's sheet. Raises ImportFileError."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise ImportFileError(f"Cannot open {path.name}: {exc.strerror or exc}.") from None
    if is_workbook(path, head):
        return read_workbook_table(path, sheet)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(f"Cannot open {path.name}: {exc.strerror or exc}.") from None
    return parse_bytes(data, encoding=encoding, delimiter=delimiter)


def read_workbook_table(path: Path, sheet: str | int | None = None) -> Table:
    """One sheet of a workbook, its title rows, header and merged cells read as for CSV."""
    cells = read_sheet(path, sheet)
    records = [
        (cells.first_row + index + 1, row)
        for index, row in enumerate(cells.rows)
        if any(row)  # rows of nothing are not records, like empty lines
    ]
    titles = _titles(records)
    header_index = next(
        (i for i, (_, row) in enumerate(records) if any(c.strip() for c in row)), None
    )
    if header_index is not None:
        _fill_merged(cells, records[header_index][0] - cells.first_row - 1)
    table = _table(records, titles, encoding="", delimiter="", quotechar="")
    table.sheet = cells.name
    return table


def _fill_merged(cells: SheetCells, header_row: int) -> None:
    """A merged cell shows its value across its range, so every cell of it gets the value: an
    order reference merged down its item rows names each row's order, a header merged across
    two columns names both. Above the header (a title) nothing is filled, and a header merged
    down into the data fills only the header row."""
    rows = cells.rows
    for top, left, bottom, right in cells.merged:
        if bottom < header_row or not 0 <= top < len(rows) or left < 0:
            continue
        value = rows[top][left] if left < len(rows[top]) else ""
        if not value:
            continue
        first, last = (header_row, header_row) if top <= header_row else (top, bottom)
        for r in range(first, min(last, len(rows) - 1) + 1):
            row = rows[r]
            for c in range(left, min(right, len(row) - 1) + 1):
                if not row[c]:
                    row[c] = value


def parse_bytes(
    data: bytes, *, encoding: str | None = None, delimiter: str | None = None
) -> Table:
    if not data or data.isspace():  # as data.strip() would say, without copying the file
        raise ImportFileError("The file is empty.")
    decoded = decode(data, encoding)
    return parse_text(decoded.text, encoding=decoded.encoding, delimiter=delimiter)


def parse_text(text: str, *, encoding: str = "utf-8", delimiter: str | None = None) -> Table:
    if delimiter is not None and (len(delimiter) != 1 or delimiter in "\"'\r\n"):
        raise ImportFileError(f"{delimiter!r} cannot be used as a delimiter.")
    chosen = delimiter or sniff_delimiter(text)
    quotechar = sniff_quotechar(text, chosen)
    records = _records(text, chosen, quotechar)
    titles = _titles(records)
    return _table(records, titles, encoding=encoding, delimiter=chosen, quotechar=quotechar)


def _table(
    records: list[tuple[int, list[str]]],
    titles: list[tuple[int, str]],
    *,
    encoding: str,
    delimiter: str,
    quotechar: str,
) -> Table:
    header_line, headers = _header(records)
    table = Table(
        headers=unique_headers(headers),
        rows=[],
        line_numbers=[],
        encoding=encoding,
        delimiter=delimiter,
        quotechar=quotechar,
        header_line=header_line,
        title_lines=titles,
    )
    width = len(headers)
    for line, cells in records:
        if len(cells) > width:
            extra = sum(1 for cell in cells[width:] if cell.strip())
            if extra:
                table.overflow[len(table.rows)] = extra
            cells = cells[:width]
        elif len(cells) < width:
            # Excel drops trailing empty cells on some rows; they are empty, not missing.
            cells = cells + [""] * (width - len(cells))
        table.rows.append(cells)
        table.line_numbers.append(line)
    log.debug("read %d rows, %d columns, delimiter %r", len(table.rows), width, delimiter)
    return table


def sniff_delimiter(text: str) -> str:
    """The candidate delimiter that splits the first lines into the most consistent columns."""
    sample = _sample(text)
    best, best_score = ",", (0, 0)
    for candidate in DELIMITERS:
        quote = sniff_quotechar(sample, candidate)
        try:
            reader = csv.reader(io.StringIO(sample), delimiter=candidate, quotechar=quote)
            widths = [len(row) for row in reader]
        except csv.Error:
            continue
        widths = [w for w in widths if w > 0]
        if not widths:
            continue
        width, count = Counter(widths).most_common(1)[0]
        # Consistency first (rows agreeing on a width), then more columns; one column says nothing.
        score = (count, width) if width > 1 else (0, 0)
        if score > best_score:
            best, best_score = candidate, score
    return best


def sniff_quotechar(text: str, delimiter: str) -> str:
    """`"` unless the sample quotes fields with `'` and never with `"`."""
    sample = _sample(text)
    d = re.escape(delimiter)

    def quoted_fields(q: str) -> int:
        return len(re.findall(rf"(?:^|{d})\s*{q}[^{q}\n]*{q}\s*(?={d}|$)", sample, re.MULTILINE))

    return "'" if quoted_fields("'") and not quoted_fields('"') else '"'


def unique_headers(headers: list[str]) -> list[str]:
    """Headers made unique and non-empty, so a header names one column (mappings key on it)."""
    seen: Counter[str] = Counter()
    result: list[str] = []
    for index, raw in enumerate(headers):
        name = raw.strip() or f"Column {index + 1}"
        seen[name] += 1
        result.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return result


def _sample(text: str) -> str:
    end = 0
    for _ in range(_SNIFF_LINES):
        nxt = text.find("\n", end)
        if nxt < 0:
            return text
        end = nxt + 1
    return text[:end]


# Characters of text put in one StringIO: making one copies its text in a single call that holds
# the GIL (a 100,000-row file at once held it 20-40 ms, which the import dialog felt).
_LINES_CHUNK = 1 << 20


def _lines(text: str) -> Iterator[str]:
    """The lines of `text` as `io.StringIO(text, newline="")` gives them, a megabyte at a time
    (cut after a "\\n", so no line and no "\\r\\n" is split)."""
    start = 0
    while start < len(text):
        cut = text.find("\n", start + _LINES_CHUNK) + 1 or len(text)
        yield from io.StringIO(text[start:cut], newline="")
        start = cut


def _records(text: str, delimiter: str, quotechar: str) -> list[tuple[int, list[str]]]:
    """Records with the line each starts on; quoted fields may span lines.

    Empty lines are not records; rows of empty cells (",,,") are kept so the session can show
    them as excluded blank rows instead of dropping them unseen."""
    reader = csv.reader(_lines(text), delimiter=delimiter, quotechar=quotechar)
    records: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for cells in reader:
            if cells:
                records.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ImportFileError(f"The file is not valid CSV near line {start}: {exc}.") from None
    return records


def _filled(cells: list[str]) -> list[str]:
    return [cell.strip() for cell in cells if cell.strip()]


def _titles(records: list[tuple[int, list[str]]]) -> list[tuple[int, str]]:
    """Remove the title lines some exports put above the header row (lines of one filled cell
    before the first line of several) and return them, so they can be reported."""
    for index, (_, cells) in enumerate(records[:_TITLE_SEARCH]):
        if len(_filled(cells)) >= 2:
            titles = [(line, filled[0]) for line, c in records[:index] if (filled := _filled(c))]
            del records[:index]
            return titles
    return []  # no line of several cells near the top: a one-column file, nothing to skip


def _header(records: list[tuple[int, list[str]]]) -> tuple[int, list[str]]:
    while records and not any(cell.strip() for cell in records[0][1]):
        records.pop(0)
    if not records:
        raise ImportFileError("The file has no header row.")
    return records.pop(0)
