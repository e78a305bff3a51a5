"""Workbook import throughput: a 100,000-row .xlsx read, mapped, grouped and validated, against a
plain python-calamine read of the same file.

    uv run python bench/bench_workbook.py [--rows N]

The floor is python-calamine opening the workbook and reading the sheet's values in the same
run; the ratio says what turning cells into the text the operator saw, mapping and per-order
validation cost on top (target: at most 5x). The file is the one bench_import.py writes as CSV,
with its codes as a spreadsheet holds them: phone numbers and zip codes as numbers (the zips with
a `00000` format, so the cells of that format are looked up too), quantities as numbers.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.core.gcpause import collection_paused  # noqa: E402
from app.core.importing import open_import  # noqa: E402
from app.core.targets import Target  # noqa: E402

HEADERS = ["订单号", "Recipient Name", "Phone", "Country", "Province", "City", "Street", "Zip",
           "SKU", "Qty", "Shipping"]


def write_file(path: Path, rows: int, *, padded_zips: bool, seed: int = 7) -> None:
    """KA orders of one to three lines each, with a few invalid quantities."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell

    rng = random.Random(seed)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Orders")
    sheet.append(HEADERS)
    written, order = 0, 0
    while written < rows:
        order += 1
        lines = min(rng.randint(1, 3), rows - written)
        zip_cell: object = order % 100000
        if padded_zips:
            zip_cell = WriteOnlyCell(sheet, value=order % 100000)
            zip_cell.number_format = "00000"  # type: ignore[attr-defined]
        address = [f"Name {order}", 12125550000 + order % 10000, "US", "NY", "New York",
                   f"{order} Main St", zip_cell]
        for line in range(lines):
            qty: object = "zero" if rng.random() < 0.01 else rng.randint(1, 5)
            first = line == 0
            sheet.append([f"B-{order}", *(address if first else [None] * len(address)),
                          f"SKU-{rng.randint(1, 999)}", qty, "Standard" if first else None])
        written += lines
    book.save(path)


def plain_calamine_read(path: Path) -> int:
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_path(str(path))
    rows = book.get_sheet_by_index(0).to_python(skip_empty_area=True)
    book.close()
    return len(rows) - 1


def measure(path: Path, rows: int) -> tuple[float, float]:
    start = time.perf_counter()
    floor_rows = plain_calamine_read(path)
    floor = time.perf_counter() - start
    start = time.perf_counter()
    with collection_paused():  # as the command line and the import dialog load a file
        session = open_import(path, Target.KA)
    full = time.perf_counter() - start
    rec = session.reconciliation()
    assert rec.adds_up and rec.rows_read == floor_rows == rows, rec
    assert session.mapping.columns.get("Shipping") == "channelType"  # mapped by its values
    print(f"  rows: {rec.rows_read:,}  orders: {len(session.orders):,}  ({rec})")
    return floor, full


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for padded in (False, True):
            path = Path(tmp) / f"orders-{padded}.xlsx"
            write_file(path, args.rows, padded_zips=padded)
            print("zip codes with a 00000 format (their cells looked up in the XML):" if padded
                  else "numbers in the General format (python-calamine alone):")
            floor, full = measure(path, args.rows)
            print(f"  plain python-calamine read (floor): {floor:.3f} s")
            print(f"  read + map + group + validate: {full:.3f} s  "
                  f"({args.rows / full:,.0f} rows/s)")
            print(f"  ratio vs floor: {full / floor:.1f}x (target <= 5x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
