"""Exports: a results sheet, and failed rows in their original columns that re-import cleanly."""

from __future__ import annotations

import csv
from pathlib import Path

from app.core.importing import (
    ColumnMapping,
    OrderResult,
    open_import,
    save_mapping,
    write_failed_rows,
    write_results,
)
from app.core.importing.mapping import PROBLEMS_HEADER
from app.core.targets import Target

SOURCE = (
    "单号;收件人;电话;国家;省;城市;地址;SKU;Qty\n"
    "A-1;张三;+1 212 555 0100;US;NY;New York;1 Main St;S1;1\n"
    "A-2;李四;+1 212 555 0101;US;NY;New York;2 Main St;S2;zero\n"
    "A-2;;;;;;;S3;1\n"
    "A-3;王五;+1 212 555 0102;US;NY;New York;3 Main St;S4;2\n"
)


def _read(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel needs the BOM to read UTF-8
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_failed_rows_keep_original_columns_and_reimport_with_the_saved_mapping(
    tmp_path: Path,
) -> None:
    source = tmp_path / "orders.csv"
    source.write_text(SOURCE, encoding="gb18030")
    session = open_import(source, Target.KA)
    mapping = ColumnMapping(Target.KA, dict(session.mapping.columns), {"channelType": "Express"})
    save_mapping(mapping, session.table.headers)
    session.set_mapping(mapping)
    assert [o.ok for o in session.orders] == [True, False, True]

    failed = tmp_path / "failed.csv"
    rejected = session.orders[2]
    count = write_failed_rows(
        failed, session, [*session.invalid_orders(), rejected], {rejected.rows: "balance too low"}
    )
    assert count == 3
    rows = _read(failed)
    assert rows[0] == [*session.table.headers, PROBLEMS_HEADER]
    # A phone's "+" would start a formula in a spreadsheet: written behind a quote.
    assert rows[1][:9] == ["A-2", "李四", "'+1 212 555 0101", "US", "NY", "New York", "2 Main St",
                           "S2", "zero"]
    assert "Qty:" in rows[1][9]
    assert rows[2][:9] == ["A-2", "", "", "", "", "", "", "S3", "1"] and rows[2][9] == ""
    assert rows[3][0] == "A-3" and rows[3][9] == "balance too low"

    again = open_import(failed, Target.KA)  # the saved mapping applies to the fixed file
    assert again.mapping.constants == {"channelType": "Express"}
    again.edit_cell(0, 8, "3")
    assert all(o.ok for o in again.orders)
    # ...and read back without it.
    assert again.orders[0].payload["orderAddress"]["phone"] == "+1 212 555 0101"


def test_results_sheet_has_one_line_per_order(tmp_path: Path) -> None:
    path = tmp_path / "results.csv"
    written = write_results(
        path,
        [
            OrderResult("A-1", (2,), "accepted", "1000000371651"),
            OrderResult("A-2", (3, 4), "invalid", message="Qty: must be a whole number"),
        ],
    )
    assert written == 2
    assert _read(path) == [
        ["Order", "Reference", "Lines", "Status", "Remote id", "Message"],
        ["1", "A-1", "2", "accepted", "1000000371651", ""],
        ["2", "A-2", "3 4", "invalid", "", "Qty: must be a whole number"],
    ]
