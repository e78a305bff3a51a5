"""Reading a workbook (.xlsx, .xlsm, .xls, .ods) into the same table of text cells as a CSV file.

Cells come out as the operator saw them in the spreadsheet program: a phone or an id stored as a
number is its digits (never `8.61381E+12`, never `.0`), a date is an ISO date, a zip code whose
number format pads it with zeros (`00000`) keeps them. python-calamine reads the values (fast,
no Excel needed), imported only when a workbook is opened; it does not say which number format
a cell has, so for an .xlsx/.xlsm that defines a zero-padding format the cells using it are
looked up in the workbook's XML.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.importing.errors import ImportFileError

if TYPE_CHECKING:
    import zipfile

log = logging.getLogger(__name__)

WORKBOOK_SUFFIXES: frozenset[str] = frozenset({".xlsx", ".xlsm", ".xls", ".ods"})
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # .xls, and also an .xlsx encrypted with a password
# Excel keeps 15 significant digits; a whole number longer than that has lost digits already.
_EXACT_DIGITS = 15
# A number format that shows a whole number with leading zeros: "00000", "000-0000", "0000000000".
_PADDED_FORMAT = re.compile(r'^(?:[0#]|\\.|"[^"]*"|[-\s()/])*$')


@dataclass(frozen=True)
class SheetInfo:
    name: str
    rows: int  # rows from the first filled one to the last (0: an empty sheet)

    @property
    def empty(self) -> bool:
        return self.rows == 0


@dataclass(frozen=True)
class SheetCells:
    """One sheet's used area as text: `rows[i]` is sheet row `first_row + i` (0-based)."""

    name: str
    rows: list[list[str]]
    first_row: int
    merged: list[tuple[int, int, int, int]]  # (top, left, bottom, right), 0-based, in `rows`


def is_workbook(path: Path, head: bytes = b"") -> bool:
    """By its name, or by its first bytes (a workbook saved under a .csv name)."""
    return path.suffix.lower() in WORKBOOK_SUFFIXES or head.startswith((ZIP_MAGIC, OLE_MAGIC))


def list_sheets(path: Path) -> list[SheetInfo]:
    """Every worksheet of the workbook with how many rows it uses. Raises ImportFileError."""
    book = _open(path)
    try:
        return [
            SheetInfo(name, _sheet(book, path, name).height)
            for name in _worksheet_names(book)
        ]
    finally:
        book.close()


def sheet_names(path: Path) -> list[str]:
    """The workbook's worksheet names, without reading any sheet. Raises ImportFileError."""
    book = _open(path)
    try:
        return _worksheet_names(book)
    finally:
        book.close()


def choose_sheet(sheets: Sequence[SheetInfo], wanted: str | int | None) -> SheetInfo:
    """The sheet asked for by name or 1-based position, else the first that is not empty.
    A name made of digits is a name first, then a position. Raises ImportFileError."""
    if not sheets:
        raise ImportFileError("The workbook has no worksheets.")
    names = ", ".join(repr(s.name) for s in sheets)
    if wanted is None:
        for sheet in sheets:
            if not sheet.empty:
                return sheet
        raise ImportFileError(f"Every sheet of the workbook is empty ({names}).")
    text = str(wanted).strip()
    for sheet in sheets:
        if sheet.name == text:
            return sheet
    for sheet in sheets:
        if sheet.name.casefold() == text.casefold():
            return sheet
    if text.isdigit():
        position = int(text)
        if 1 <= position <= len(sheets):
            return sheets[position - 1]
        raise ImportFileError(
            f"The workbook has {len(sheets)} sheet(s); there is no sheet {position} ({names})."
        )
    raise ImportFileError(f"The workbook has no sheet named {text!r}; its sheets: {names}.")


def read_sheet(path: Path, wanted: str | int | None = None) -> SheetCells:
    """The chosen sheet's cells as text. Raises ImportFileError."""
    book = _open(path)
    try:
        names = _worksheet_names(book)
        if wanted is None:
            # Each sheet is read whole when asked for: stop at the first with cells.
            found = next((s for n in names if (s := _sheet(book, path, n)).height), None)
            if found is None:
                choose_sheet([SheetInfo(n, 0) for n in names], None)  # raises, saying why
            sheet: Any = found
        else:
            # Heights are not needed to find a sheet by name or position.
            name = choose_sheet([SheetInfo(n, 1) for n in names], wanted).name
            sheet = _sheet(book, path, name)
            if not sheet.height:
                raise ImportFileError(f"Sheet {name!r} is empty.")
        chosen = SheetInfo(sheet.name, sheet.height)
        first_row, first_col = sheet.start or (0, 0)
        try:
            values = sheet.to_python(skip_empty_area=True)
        except Exception as exc:  # calamine's own errors: the sheet's data is damaged
            raise _unreadable(exc) from None
        merged_ranges = sheet.merged_cell_ranges or []
    finally:
        book.close()
    padded = _padded_cells(path, chosen.name) if path.suffix.lower() in (".xlsx", ".xlsm") else {}
    # Text and empty cells, most of a sheet, without a call each.
    rows = [[value if type(value) is str else "" if value is None else _text(value)
             for value in row] for row in values]
    for (row, col), text in padded.items():
        r, c = row - first_row, col - first_col
        if 0 <= r < len(rows) and 0 <= c < len(rows[r]):
            rows[r][c] = text
    merged = [
        (top - first_row, left - first_col, bottom - first_row, right - first_col)
        for (top, left), (bottom, right) in merged_ranges
    ]
    log.debug("sheet %r: %d rows from row %d", chosen.name, len(rows), first_row + 1)
    return SheetCells(chosen.name, rows, first_row, merged)


# --- cell values -----------------------------------------------------------------------------


def _text(value: Any) -> str:
    kind = type(value)
    if kind is str:
        return value
    if kind is float:
        return number_text(value)
    if kind is bool:
        return "TRUE" if value else "FALSE"
    if kind is int:
        return str(value)
    if kind is dt.datetime:
        if value.time() == dt.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if kind is dt.date:
        return value.isoformat()
    if kind is dt.time:
        return value.isoformat(timespec="seconds")
    return "" if value is None else str(value)


def number_text(value: float) -> str:
    """A number as a spreadsheet shows it: whole numbers as their digits, others in plain
    decimals to Excel's 15 significant digits (0.1 + 0.2 is 0.3), never in scientific notation.
    A whole number of more than 15 digits has already lost digits in the spreadsheet: it is
    written as Excel shows it (`1.23457E+17`), which the import reports as a damaged code."""
    if value.is_integer():
        if abs(value) < 10**_EXACT_DIGITS:
            return str(int(value))
        mantissa, exponent = f"{value:.5E}".split("E")
        return f"{mantissa.rstrip('0').rstrip('.')}E+{int(exponent):02d}"
    plain = format(Decimal(f"{value:.{_EXACT_DIGITS}g}"), "f")
    return plain.rstrip("0").rstrip(".") if "." in plain else plain


def padded_text(value: float, number_format: str) -> str | None:
    """`value` shown with a zero-padding format ("00000" -> 02134), None if it is no such case."""
    tokens = _padding_tokens(number_format)
    if tokens is None or not value.is_integer() or value < 0:
        return None
    if _only_zeros(tokens):  # "00000": the digits, zero-filled to the places
        return str(int(value)).zfill(len(tokens))
    digits = list(str(int(value)))
    out: list[str] = []
    for token in reversed(tokens):
        if token in ("0", "#"):
            if digits:
                out.append(digits.pop())
            elif token == "0":
                out.append("0")
        else:
            out.append(token)
    out.extend(reversed(digits))  # more digits than places: all of them, as Excel does
    return "".join(reversed(out))


@functools.lru_cache(maxsize=64)
def _only_zeros(tokens: tuple[str, ...]) -> bool:
    return all(token == "0" for token in tokens)


@functools.lru_cache(maxsize=64)
def _padding_tokens(number_format: str) -> tuple[str, ...] | None:
    """The format's digit places and literal text, or None if it does not pad with zeros."""
    section = number_format.split(";", 1)[0]
    if section.count("0") < 2 or not _PADDED_FORMAT.match(section):
        return None
    return tuple(
        token if token in ("0", "#") else token.strip('"').removeprefix("\\")
        for token in re.findall(r'\\.|"[^"]*"|.', section)
    )


# --- workbooks -------------------------------------------------------------------------------


def _open(path: Path) -> Any:
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise ImportFileError(f"Cannot open {path.name}: {exc.strerror or exc}.") from None
    if head.startswith(OLE_MAGIC) and path.suffix.lower() in (".xlsx", ".xlsm") and _encrypted(
        path
    ):
        raise _protected()
    import python_calamine  # a workbook is being opened: only now

    try:
        return python_calamine.CalamineWorkbook.from_path(str(path))
    except python_calamine.PasswordError:
        raise _protected() from None
    except Exception as exc:  # calamine raises its own and plain errors for bad files
        if head.startswith(OLE_MAGIC) and _encrypted(path):
            raise _protected() from None
        raise _unreadable(exc) from None


def _worksheet_names(book: Any) -> list[str]:
    import python_calamine

    return [
        meta.name
        for meta in book.sheets_metadata
        if meta.typ == python_calamine.SheetTypeEnum.WorkSheet
    ]


def _sheet(book: Any, path: Path, name: str) -> Any:
    try:
        return book.get_sheet_by_name(name)
    except Exception as exc:
        raise _unreadable(exc) from None


def _encrypted(path: Path) -> bool:
    """An OLE container holding an encrypted package: what Excel writes for a workbook saved
    with a password to open it."""
    try:
        data = path.read_bytes()
    except OSError:
        return False
    return "EncryptedPackage".encode("utf-16-le") in data


def _protected() -> ImportFileError:
    return ImportFileError(
        "The workbook is protected by a password, so it cannot be read. Open it in the "
        "spreadsheet program, remove the password to open it (Excel: File › Info › Protect "
        "Workbook › Encrypt with Password, left empty) and save, then import it again."
    )


def _unreadable(exc: BaseException) -> ImportFileError:
    detail = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
    return ImportFileError(
        "The file cannot be read as a workbook (.xlsx, .xlsm, .xls, .ods): it is damaged, "
        f"incomplete or not a workbook ({detail}). Open it in the spreadsheet program and save "
        "it again, or save the sheet as CSV UTF-8 and import that."
    )


# --- zero-padding number formats (xlsx/xlsm) -------------------------------------------------
# calamine gives a cell's value, not its format. The formats are in the workbook's XML: the
# styles part says which cell styles pad with zeros (usually none: then nothing more is read),
# and only the cells of those styles are looked up in the sheet's XML, found by their style
# attribute, so a 100,000-row sheet costs a text search, not a parse.

_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL_TAG = re.compile(rb"<(?:\w+:)?c\s")
_ATTRIBUTE = re.compile(rb'\s(r|t)="([^"]*)"')
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</")


def _padded_cells(path: Path, sheet_name: str) -> dict[tuple[int, int], str]:
    """(row, column) -> text for the numbers of `sheet_name` shown with a zero-padding format."""
    # Imported here, as in `_padding_styles` and `_sheet_member`: a text file needs neither.
    import zipfile
    from xml.etree import ElementTree

    try:
        with zipfile.ZipFile(path) as archive:
            styles = _padding_styles(archive)
            if not styles:
                return {}
            member = _sheet_member(archive, sheet_name)
            data = archive.read(member) if member else b""
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError) as exc:
        log.warning("number formats of %s not read: %s", path.name, exc)
        return {}
    ids = b"|".join(str(style).encode() for style in styles)
    # Patterns that start with plain text, which the regex engine looks for at memchr speed
    # (one starting with a whitespace class took half a second over a 100,000-row sheet).
    hits = re.compile(rb's="(' + ids + rb')"')
    # The cell as Excel and openpyxl write it: when every use of the styles is one of these,
    # one scan reads them all.
    usual = re.compile(rb'<c r="([A-Z]{1,3}\d+)" s="(' + ids + rb')"(?: t="n")?><v>([^<]*)</v>')
    cells = usual.findall(data)
    if len(cells) == len(hits.findall(data)):
        return _padded(cells, styles)
    found: dict[tuple[int, int], str] = {}
    for hit in hits.finditer(data):
        if not data[hit.start() - 1 : hit.start()].isspace():
            continue  # the end of another attribute's name ("ss=", "class=")
        start = data.rfind(b"<", 0, hit.start())
        end = data.find(b">", hit.end())
        if start < 0 or end < 0 or not _CELL_TAG.match(data, start) or data[end - 1] == 0x2F:
            continue  # a row's style, or an empty cell
        attributes = dict(_ATTRIBUTE.findall(data, start, end))
        if attributes.get(b"t", b"n") != b"n" or b"r" not in attributes:
            continue
        value = _VALUE.match(data, end + 1)
        position = _cell_position(attributes[b"r"].decode("ascii", "replace"))
        if value is None or position is None:
            continue
        try:
            number = float(value.group(1))
        except ValueError:
            continue
        text = padded_text(number, styles[int(hit.group(1))])
        if text is not None:
            found[position] = text
    return found


def _padded(cells: list[tuple[bytes, bytes, bytes]],
            styles: dict[int, str]) -> dict[tuple[int, int], str]:
    """(reference, style, value) of number cells -> (row, column) -> text, for those padded."""
    found: dict[tuple[int, int], str] = {}
    for reference, style, value in cells:
        position = _cell_position(reference.decode("ascii"))
        try:
            number = float(value)
        except ValueError:
            continue
        text = padded_text(number, styles[int(style)])
        if position is not None and text is not None:
            found[position] = text
    return found


def _padding_styles(archive: zipfile.ZipFile) -> dict[int, str]:
    """Cell style index -> its number format, for the styles that pad whole numbers with zeros."""
    from xml.etree import ElementTree

    root = ElementTree.fromstring(archive.read("xl/styles.xml"))
    formats = {
        element.get("numFmtId", ""): element.get("formatCode", "")
        for element in root.iter(f"{_MAIN_NS}numFmt")
    }
    padding = {key for key, code in formats.items() if padded_text(1.0, code) is not None}
    if not padding:
        return {}
    cell_styles = root.find(f"{_MAIN_NS}cellXfs")
    if cell_styles is None:
        return {}
    return {
        index: formats[xf.get("numFmtId", "")]
        for index, xf in enumerate(cell_styles.iter(f"{_MAIN_NS}xf"))
        if xf.get("numFmtId", "") in padding
    }


def _sheet_member(archive: zipfile.ZipFile, sheet_name: str) -> str | None:
    """The zip member holding the sheet named `sheet_name`."""
    from xml.etree import ElementTree

    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {
        rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{_PKG_REL_NS}Relationship")
    }
    for sheet in book.iter(f"{_MAIN_NS}sheet"):
        if sheet.get("name") == sheet_name:
            target = targets.get(sheet.get(f"{_REL_NS}id"), "")
            return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return None


def _cell_position(reference: str) -> tuple[int, int] | None:
    """ "H2" -> (1, 7), 0-based."""
    letters = reference.rstrip("0123456789")
    digits = reference[len(letters):]
    if not letters.isalpha() or not digits:
        return None
    column = 0
    for letter in letters.upper():
        column = column * 26 + ord(letter) - ord("A") + 1
    return int(digits) - 1, column - 1
