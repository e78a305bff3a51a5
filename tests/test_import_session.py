"""Rows become orders, errors land on their cells, edits re-validate, and every row is counted."""

from __future__ import annotations

import inspect
import traceback
from pathlib import Path

import pytest

from app.core.importing import (
    ColumnMapping,
    GroupMode,
    ImportSession,
    Severity,
    auto_map,
    open_import,
    parse_bytes,
)
from app.core.targets import Target

KA_HEADERS = "Order No,Recipient Name,Phone,Country,Province,City,Street,Zip,SKU,Qty,Shipping speed"
GOOD_ADDRESS = "Ann Lee,+1 212 555 0100,US,NY,New York,1 Main St,02134"


def ka_session(lines: list[str], mode: GroupMode = GroupMode.ROW) -> ImportSession:
    table = parse_bytes(("\n".join([KA_HEADERS, *lines]) + "\n").encode())
    return ImportSession(table, Target.KA, auto_map(Target.KA, table.headers), group_mode=mode)


def test_rows_sharing_a_reference_become_one_order_with_several_items() -> None:
    session = ka_session(
        [
            f"A-1,{GOOD_ADDRESS},SKU-1,2,Standard",
            f"B-7,{GOOD_ADDRESS},SKU-3,1,Express",
            "A-1,,,,,,,,SKU-2,5,",  # continuation line: only the item
        ]
    )
    assert [o.rows for o in session.orders] == [(0, 2), (1,)]
    first = session.orders[0]
    assert first.ok and first.reference == "A-1"
    assert first.wire is not None
    assert first.wire["orderItemsList"] == [
        {"sku": "SKU-1", "quantity": 2},
        {"sku": "SKU-2", "quantity": 5},
    ]
    assert first.wire["orderAddress"]["zip"] == "02134"


def test_rows_without_reference_one_order_each_or_grouped_by_address() -> None:
    lines = [f",{GOOD_ADDRESS},SKU-1,1,Standard", f",{GOOD_ADDRESS},SKU-2,1,Standard"]
    assert len(ka_session(lines).orders) == 2
    grouped = ka_session(lines, GroupMode.ADDRESS)
    assert [o.rows for o in grouped.orders] == [(0, 1)]
    grouped.set_group_mode(GroupMode.ROW)
    assert len(grouped.orders) == 2


def test_errors_are_mapped_back_to_row_and_column() -> None:
    session = ka_session(
        [
            f"A-1,{GOOD_ADDRESS},SKU-1,2,Standard",
            "A-1,,,,,,,,SKU-2,zero,",
            "C-3,Bob,not a phone,US,NY,NYC,2 Elm,02134,SKU-4,1,Standard",
        ]
    )
    headers = session.table.headers
    qty_error = session.orders[0].errors
    assert [(e.row, headers[e.column or 0], e.field) for e in qty_error] == [
        (1, "Qty", "orderItemsList[].quantity")
    ]
    phone_error = session.orders[1].errors
    assert [(e.row, headers[e.column or 0]) for e in phone_error] == [(2, "Phone")]
    assert session.orders[0].wire is None


def test_missing_required_field_has_no_column_but_stays_on_the_order() -> None:
    table = parse_bytes(b"Recipient,SKU,Qty\nAnn,S1,1\n")
    session = ImportSession(table, Target.KA, auto_map(Target.KA, table.headers))
    fields = {e.field for e in session.orders[0].errors}
    assert {"orderAddress.phone", "channelType"} <= fields
    assert all(e.column is None and e.row == 0 for e in session.orders[0].errors)


def test_conflicting_order_fields_within_one_order_are_errors() -> None:
    session = ka_session(
        [f"A-1,{GOOD_ADDRESS},SKU-1,1,Standard", "A-1,Someone Else,,,,,,,SKU-2,1,"]
    )
    (error,) = session.orders[0].errors
    assert (error.row, session.table.headers[error.column or 0]) == (1, "Recipient Name")
    assert "'Someone Else' here but 'Ann Lee'" in error.message


def test_constants_apply_to_every_order_and_override_the_column() -> None:
    table = parse_bytes(("\n".join([KA_HEADERS, f",{GOOD_ADDRESS},SKU-1,1,Bogus"]) + "\n").encode())
    mapping = auto_map(Target.KA, table.headers)
    assert not ImportSession(table, Target.KA, mapping).orders[0].ok
    mapping.constants["channelType"] = "Express"
    mapping.constants["orderItemsList[].channelType"] = "Express"
    order = ImportSession(table, Target.KA, mapping).orders[0]
    assert order.ok and order.wire is not None
    assert order.wire["channelType"] == "Express"
    assert order.wire["orderItemsList"][0]["channelType"] == "Express"


def test_editing_a_cell_revalidates_at_once_and_can_regroup() -> None:
    session = ka_session(
        [f"A-1,{GOOD_ADDRESS},SKU-1,0,Standard", f"B-2,{GOOD_ADDRESS},SKU-2,1,Standard"]
    )
    assert not session.orders[0].ok
    qty = session.table.headers.index("Qty")
    session.edit_cell(0, qty, "4")
    assert session.orders[0].ok
    assert session.orders[0].wire["orderItemsList"][0]["quantity"] == 4  # type: ignore[index]
    session.edit_cell(1, 0, "A-1")  # now part of order A-1
    assert [o.rows for o in session.orders] == [(0, 1)]
    assert session.reconciliation().adds_up


def test_exclusions_and_blank_rows_are_counted_with_reasons() -> None:
    session = ka_session(
        [
            f"A-1,{GOOD_ADDRESS},SKU-1,1,Standard",
            ",,,,,,,,,,",
            f"B-1,{GOOD_ADDRESS},SKU-2,x,Standard",
        ]
    )
    session.exclude_rows([2], "customer cancelled")
    rec = session.reconciliation()
    assert (rec.rows_read, rec.rows_valid, rec.rows_invalid, rec.rows_excluded) == (3, 1, 0, 2)
    assert [(e.line, e.reason) for e in rec.excluded] == [
        (3, "blank row"),
        (4, "customer cancelled"),
    ]
    assert rec.adds_up
    assert str(rec) == "3 rows read = 1 in 1 valid orders + 0 in 0 invalid orders + 2 excluded"
    session.include_rows([2])
    assert session.reconciliation().orders_invalid == 1


def test_extra_cells_beyond_the_headers_make_the_row_invalid() -> None:
    session = ka_session([f"A-1,{GOOD_ADDRESS},SKU-1,1,Standard,surprise"])
    (error,) = session.orders[0].errors
    assert "beyond the last header" in error.message


def test_excel_damage_is_a_warning_on_its_cell_unless_digits_are_lost() -> None:
    session = ka_session(["A-1,Ann,+1 212 555 0100,US,NY,NYC,1 Main,2134,1-Mar,1,Standard"])
    order = session.orders[0]
    assert order.ok  # a short zip or a date-like SKU may be what was meant: sendable
    warned = {session.table.headers[w.column or 0] for w in order.warnings}
    assert warned == {"Zip", "SKU"}
    assert all(w.severity is Severity.WARNING for w in order.warnings)


def test_a_shortened_reference_is_an_error_not_a_merge_of_orders() -> None:
    # 4500000000000001 and 4500000000000002 both became "4.5E+15": one text, two orders.
    session = ka_session([f"4.5E+15,{GOOD_ADDRESS},SKU-1,1,Standard",
                          f"4.5E+15,{GOOD_ADDRESS},SKU-2,1,Standard"])
    (order,) = session.orders
    assert not order.ok and order.wire is None
    assert {(e.row, e.field, e.severity) for e in order.errors} == {
        (0, "customOrderId", Severity.ERROR), (1, "customOrderId", Severity.ERROR)
    }
    assert "lost digits" in order.errors[0].message


# The rest of a Nomad delivery address, as constants: an order needs one to be accepted.
DELIVERY_ADDRESS = {
    "customer.address1": "1 Keyuan Road", "customer.city": "Shenzhen", "customer.countryCode": "CN",
}


def test_nomad_rows_build_nested_items(tmp_path: Path) -> None:
    path = tmp_path / "nomad.csv"
    path.write_text(
        "Order reference,Recipient Name,Phone,SKU,商品名称,Qty,Unit Price\n"
        "N-1,王五,+86 138 0013 8000,SKU-9,茶叶,2,9.50\n",
        encoding="utf-8-sig",
    )
    session = open_import(path, Target.NOMAD)
    assert not session.orders[0].ok  # platformName, currency, massUnit are required
    mapping = ColumnMapping(
        Target.NOMAD,
        dict(session.mapping.columns),
        {
            "platformName": "nomad",
            "currency": "CNY",
            "items[].product.currency": "CNY",
            "items[].product.massUnit": "Kilogram",
            **DELIVERY_ADDRESS,
        },
    )
    session.set_mapping(mapping)
    order = session.orders[0]
    assert order.ok, order.errors
    item = order.wire["items"][0]  # type: ignore[index]
    assert item["product"]["skus"] == [{"skuNumber": "SKU-9"}]
    assert (item["product"]["name"], item["quantity"], float(item["price"])) == ("茶叶", 2, 9.5)


@pytest.mark.parametrize("mode", list(GroupMode))
def test_reconciliation_adds_up_after_any_sequence_of_actions(mode: GroupMode) -> None:
    session = ka_session(
        [
            f"A-1,{GOOD_ADDRESS},SKU-1,1,Standard",
            ",,,,,,,,,,",
            f",{GOOD_ADDRESS},S,x,Standard",
            f",{GOOD_ADDRESS},S2,1,Standard",
            "A-1,,,,,,,,S3,1,",
        ],
        mode,
    )
    for action in (
        lambda: session.exclude_rows([0]),
        lambda: session.edit_cell(2, 9, "3"),
        lambda: session.edit_cell(1, 8, "SKU-new"),
        lambda: session.include_rows([0]),
        lambda: session.edit_cell(3, 0, "A-1"),
    ):
        action()
        rec = session.reconciliation()
        assert rec.adds_up, rec
        rows = sorted([r for o in session.orders for r in o.rows] + list(session.excluded()))
        assert rows == list(range(rec.rows_read))


def test_list_fields_take_several_values_in_one_cell() -> None:
    table = parse_bytes(
        b"Order reference,Category,items[].product.images.uploads\n"
        b'N-1,"tea; gifts","https://x.test/a.png\nhttps://x.test/b.png"\n'
    )
    mapping = ColumnMapping(
        Target.NOMAD,
        {
            "Order reference": "clientOrderRef",
            "Category": "items[].product.category",
            "items[].product.images.uploads": "items[].product.images.uploads",
        },
        {
            "platformName": "nomad",
            "currency": "CNY",
            "items[].product.currency": "CNY",
            "items[].product.massUnit": "Kilogram",
            "customer.firstName": "Li",
            **DELIVERY_ADDRESS,
        },
    )
    order = ImportSession(table, Target.NOMAD, mapping).orders[0]
    assert order.ok, order.errors
    product = order.wire["items"][0]["product"]  # type: ignore[index]
    assert product["category"] == ["tea", "gifts"]
    assert product["images"]["uploads"] == ["https://x.test/a.png", "https://x.test/b.png"]


def test_unused_headers_are_the_columns_with_values_that_feed_no_field() -> None:
    table = parse_bytes(b"Order No,Recipient Name,Colour,Blank,SKU\nA-1,Ann,red,,S1\n")
    session = ImportSession(table, Target.KA, auto_map(Target.KA, table.headers))
    assert session.unused_headers() == ["Colour"]  # an empty column is not worth mentioning
    assert session.maps_field("orderItemsList[].sku")
    assert not session.maps_field("channelType")


def test_an_unknown_province_is_a_warning_on_its_cell() -> None:
    session = ka_session(["A-1,Ann Lee,+1 212 555 0100,US,Narnia,Boston,1 Main,02134,S1,1,"
                          "Standard"])
    (order,) = session.orders
    assert order.ok
    (warning,) = order.warnings
    assert (warning.row, warning.column, warning.severity) == (0, 4, Severity.WARNING)
    assert "not a known province or state of US: 'Narnia'" in warning.message


def test_a_zip_code_is_judged_by_its_orders_country_also_after_an_edit() -> None:
    # Five digits are a whole US code, so neither order is doubted; in China (six digits) the
    # same text may have lost its leading zero, whichever edit brings China in.
    session = ka_session([f"A-1,{GOOD_ADDRESS},SKU-1,1,Standard",
                          f"A-2,{GOOD_ADDRESS},SKU-1,1,Standard"])
    assert not any(order.warnings for order in session.orders)
    headers = session.table.headers
    session.edit_cell(1, headers.index("Country"), "China")
    first, second = session.orders
    assert not first.warnings
    (zip_warning,) = [w for w in second.warnings if w.column == headers.index("Zip")]
    assert "'02134' is shorter than the 6 digits CN postal codes have" in zip_warning.message
    assert second.ok  # a doubt, not an error


def test_an_orders_reference_is_read_without_its_wire_json_which_is_written_when_asked() -> None:
    session = ka_session([f" A-1 ,{GOOD_ADDRESS},SKU-1,2,Standard",
                          f"A-2,{GOOD_ADDRESS},SKU-1,zero,Standard"])
    valid, invalid = session.orders
    assert valid.sent_reference == "A-1"
    assert valid.wire is not None and valid.wire["customOrderId"] == "A-1"
    assert valid.wire["orderItemsList"] == [{"sku": "SKU-1", "quantity": 2}]
    assert invalid.sent_reference is None and invalid.wire is None


def test_a_layouts_written_out_builder_can_be_read_back_and_shows_its_lines() -> None:
    """The order builder is compiled from source made for its layout: that source is kept
    where tracebacks and `inspect` find it, so a failure inside it can be read."""
    session = ka_session([f"A-1,{GOOD_ADDRESS},SKU-1,2,Standard"])
    source = inspect.getsource(session.layout.builder)
    assert source.startswith("def build(rows, members, headers):")
    assert ".strip()" in source and "return BuiltOrder(" in source
    with pytest.raises(IndexError) as raised:  # a row shorter than its layout
        session.layout.builder([["A-1"]], (0,), KA_HEADERS.split(","))
    frames = traceback.extract_tb(raised.value.__traceback__)
    assert any(frame.filename.startswith("<order builder ") and frame.line
               for frame in frames)
