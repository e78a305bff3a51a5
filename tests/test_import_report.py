"""Import problems as text: file line, column header, field and reason."""

from __future__ import annotations

from app.core.importing import ColumnMapping, auto_map, file_notes, order_problems, parse_bytes
from app.core.importing.session import ImportSession
from app.core.targets import Target


def _session(text: str) -> ImportSession:
    table = parse_bytes(text.encode())
    return ImportSession(table, Target.KA, auto_map(Target.KA, table.headers))


def test_problems_name_the_physical_line_and_the_column_header() -> None:
    session = _session(
        'Order No,Recipient Name,Phone,Country,Province,City,Street,SKU,Qty,Shipping speed,Colour\n'
        'A-1,Ann,+1 212 555 0100,US,NY,New York,"1 Main St\nFlat 2",S1,1,Standard,red\n'
        "A-2,Bob,+1 212 555 0101,US,NY,New York,2 Main St,S1,0,Standard,blue\n"
    )
    first, second = session.orders
    assert order_problems(session, first) == ""
    # The quoted newline puts A-2 on line 4 of the file.
    assert order_problems(session, second) == (
        "line 4, Qty (orderItemsList[].quantity): must be at least 1 (got 0)"
    )
    assert file_notes(session) == [
        "columns not used (their values are not sent): Colour",
        "2 rows read = 1 in 1 valid orders + 1 in 1 invalid orders + 0 excluded",
    ]


def test_a_required_field_without_a_column_says_none_is_mapped() -> None:
    session = _session("Order No,Recipient Name,Phone,Country,Province,City,SKU,Qty\n"
                       "A-1,Ann,+1 212 555 0100,US,NY,New York,S1,1\n")
    assert order_problems(session, session.orders[0]) == (
        "line 2, channelType: required (no column of the file is mapped to it); "
        "line 2, orderAddress.street1: delivery address: address line is required "
        "(no column of the file is mapped to it)"
    )


def test_damaged_cells_become_located_warnings_or_errors() -> None:
    session = _session("Order No,Recipient Name,Phone,Country,Province,Zip,SKU,Qty,Shipping speed\n"
                       "A-1,Ann,8.61381E+12,US,MA,2108,S1,1,Standard\n")
    assert any(note.startswith("warning: line 2, Zip (orderAddress.zip): '2108' is shorter")
               for note in file_notes(session))
    # Lost digits cannot be sent: an error of the order, not a warning.
    assert "line 2, Phone (orderAddress.phone): '8.61381E+12' is in scientific notation" in (
        order_problems(session, session.orders[0])
    )


def test_a_nomad_zip_is_judged_by_the_country_code_column() -> None:
    table = parse_bytes("订单号,平台,币种,收件人,国家代码,邮编,商品编码,数量\n"
                        "N-1,nomad,CNY,张伟,China,51800,S1,1\n".encode())
    session = ImportSession(table, Target.NOMAD, auto_map(Target.NOMAD, table.headers))
    assert any("'51800' is shorter than the 6 digits CN postal codes have" in note
               for note in file_notes(session))


def test_a_mapping_naming_columns_the_file_lacks_says_so() -> None:
    table = parse_bytes(b"Order No,SKU\nA-1,S1\n")
    mapping = ColumnMapping(Target.KA, {"Order No": "customOrderId", "Ship method ": "channelType"})
    session = ImportSession(table, Target.KA, mapping)
    assert file_notes(session)[0] == (
        "the mapping names columns this file does not have: 'Ship method '"
    )
    assert "columns not used (their values are not sent): SKU" in file_notes(session)


def test_skipped_title_lines_are_reported() -> None:
    session = _session("Orders 2024-05,,\nOrder No,SKU,Qty\nA-1,S1,1\n")
    assert file_notes(session)[0] == (
        "line 1 skipped: a title above the header row ('Orders 2024-05')"
    )


def test_excluded_rows_are_listed_by_reason() -> None:
    session = _session("Order No,SKU\nA-1,S1\n,\nA-2,S2\n,\n")
    session.exclude_rows([2], "duplicate of A-1")
    assert file_notes(session)[-2:] == [
        "excluded (blank row): lines 3, 5",
        "excluded (duplicate of A-1): line 4",
    ]


def test_many_warnings_are_cut_short_with_a_count() -> None:
    rows = "".join(f"A-{n},Ann,+1 212 555 0100,US,MA,2108,S1,1,Standard\n" for n in range(60))
    session = _session(
        "Order No,Recipient Name,Phone,Country,Province,Zip,SKU,Qty,Shipping speed\n" + rows
    )
    notes = file_notes(session)
    assert sum(note.startswith("warning: ") for note in notes) == 50
    assert "... and 10 more warnings" in notes
