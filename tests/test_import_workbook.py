"""Workbooks as operators have them (.xlsx written here by openpyxl, .xls by xlwt, .ods by
hand): cells read as the spreadsheet showed them, the sheet chosen, titles and merged cells
handled, bad files refused in plain words, and the command line's --sheet, --set and per-order
warnings."""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlwt  # type: ignore[import-untyped]

from app.cli import main
from app.core.importing import ImportFileError, auto_map, open_import, read_table
from app.core.importing.workbook import list_sheets, number_text, padded_text
from app.core.targets import Target

KA_HEADERS = ["订单号", "收件人", "联系电话", "国家", "省份", "城市", "地址", "邮编", "商品编码",
              "数量", "Shipping speed"]


def ka_row(ref: str, phone: Any = "+33 1 42 68 53 00", zip_code: Any = "75004",
           speed: str = "Standard") -> list[Any]:
    return [ref, "Jeanne Martin", phone, "France", "Ile-de-France", "Paris", "10 rue de Rivoli",
            zip_code, "SKU-RED-M", 2, speed]


def workbook(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def json_lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


# --- cells as the operator saw them ---------------------------------------------------------


def test_numbers_where_codes_were_expected_come_out_as_their_digits(tmp_path: Path) -> None:
    path = workbook(tmp_path / "orders.xlsx", {"Orders": [
        KA_HEADERS,
        ka_row("A-1", phone=33612345678, zip_code=75004),
        ka_row("A-2", phone=33142685300.0),
    ]})
    table = read_table(path)
    assert [row[2] for row in table.rows] == ["33612345678", "33142685300"]
    assert table.rows[0][7] == "75004" and table.rows[0][9] == "2"  # never "75004.0", "2.0"
    session = open_import(path, Target.KA)
    assert all(order.ok for order in session.orders), [o.errors for o in session.orders]
    assert session.orders[0].wire is not None


def test_a_code_longer_than_a_spreadsheet_keeps_is_reported_not_sent(tmp_path: Path) -> None:
    # Excel keeps 15 significant digits: an 18-digit id typed as a number has lost its end.
    path = workbook(tmp_path / "orders.xlsx", {"Orders": [
        KA_HEADERS, ka_row(123456789012345678)  # type: ignore[arg-type]
    ]})
    session = open_import(path, Target.KA)
    assert session.table.rows[0][0] == "1.23457E+17"
    [order] = session.orders
    assert not order.ok and "scientific notation" in order.errors[0].message


@pytest.mark.parametrize(
    ("value", "text"),
    [(2.0, "2"), (12.5, "12.5"), (0.1 + 0.2, "0.3"), (1e-7, "0.0000001"), (-3.0, "-3"),
     (999999999999999.0, "999999999999999"), (1e16, "1E+16"), (1.5e20, "1.5E+20")],
)
def test_numbers_are_written_as_a_spreadsheet_shows_them(value: float, text: str) -> None:
    assert number_text(value) == text


def test_zip_codes_with_a_zero_padding_format_keep_their_zeros(tmp_path: Path) -> None:
    path = tmp_path / "zips.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Zip", "JP zip", "Plain"])
    sheet.append([2134, 1000001, 2134])
    sheet["A2"].number_format = "00000"
    sheet["B2"].number_format = "000-0000"
    book.save(path)
    assert read_table(path).rows == [["02134", "100-0001", "2134"]]


def test_padded_cells_written_another_way_are_found_too(tmp_path: Path) -> None:
    # Excel and openpyxl write <c r="A2" s="1">; another writer may put the style first, or
    # style a whole row: those cells are found by the slower general scan.
    path = tmp_path / "zips.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Zip", "Other zip"])
    sheet.append([2134, 2135])
    sheet.append([2136, 2137])
    for cell in ("A2", "B2", "A3", "B3"):
        sheet[cell].number_format = "00000"
    book.save(path)
    assert read_table(path).rows == [["02134", "02135"], ["02136", "02137"]]
    moved = tmp_path / "moved.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(moved, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                style = re.search(r'<c r="A2" s="(\d+)"', text)
                assert style is not None
                text = re.sub(r'<c r="B2" s="(\d+)"( t="n")?>', r'<c s="\1" r="B2">', text)
                text = text.replace(
                    '<row r="3"', f'<row r="3" s="{style.group(1)}" customFormat="1"')
                data = text.encode()
            target.writestr(item, data)
    assert read_table(moved).rows == [["02134", "02135"], ["02136", "02137"]]


@pytest.mark.parametrize(
    ("value", "fmt", "text"),
    [(2134.0, "00000", "02134"), (123456.0, "00000", "123456"), (1000001.0, "000\\-0000",
     "100-0001"), (7.0, '"No. "000', "No. 007"), (2134.0, "0", None), (2134.0, "0.00", None),
     (2134.5, "00000", None)],
)
def test_padding_formats(value: float, fmt: str, text: str | None) -> None:
    assert padded_text(value, fmt) == text


def test_a_us_zip_without_its_format_is_flagged_as_losing_its_zero(tmp_path: Path) -> None:
    row = ka_row("US-1", phone="+1 212 555 0100", zip_code=2134)
    row[3:6] = ["US", "MA", "Boston"]
    session = open_import(workbook(tmp_path / "us.xlsx", {"S": [KA_HEADERS, row]}), Target.KA)
    [order] = session.orders
    assert order.ok and any("02134" in warning.message for warning in order.warnings)


def test_dates_are_iso_dates(tmp_path: Path) -> None:
    path = workbook(tmp_path / "dates.xlsx", {"S": [
        ["Ordered", "Paid at", "Flag"],
        [dt.date(2024, 5, 1), dt.datetime(2024, 5, 1, 10, 30), True],
        [dt.datetime(2024, 5, 2), None, False],
    ]})
    assert read_table(path).rows == [["2024-05-01", "2024-05-01 10:30:00", "TRUE"],
                                     ["2024-05-02", "", "FALSE"]]


# --- sheets ---------------------------------------------------------------------------------


def several_sheets(tmp_path: Path) -> Path:
    return workbook(tmp_path / "book.xlsx", {
        "Notes": [],
        "May": [KA_HEADERS, ka_row("MAY-1")],
        "June": [KA_HEADERS, ka_row("JUN-1"), ka_row("JUN-2")],
    })


def test_the_first_sheet_that_is_not_empty_is_read_unless_one_is_chosen(tmp_path: Path) -> None:
    path = several_sheets(tmp_path)
    assert [(s.name, s.empty) for s in list_sheets(path)] == [
        ("Notes", True), ("May", False), ("June", False)]
    assert read_table(path).sheet == "May"
    assert read_table(path, sheet="June").rows[1][0] == "JUN-2"
    assert read_table(path, sheet="june").sheet == "June"
    assert read_table(path, sheet=3).sheet == "June"
    assert read_table(path, sheet="2").sheet == "May"


@pytest.mark.parametrize(
    ("sheet", "message"),
    [("July", "no sheet named 'July'; its sheets: 'Notes', 'May', 'June'"),
     ("4", "there is no sheet 4"), ("Notes", "Sheet 'Notes' is empty")],
)
def test_a_sheet_that_cannot_be_read_is_named(tmp_path: Path, sheet: str, message: str) -> None:
    with pytest.raises(ImportFileError, match=message):
        read_table(several_sheets(tmp_path), sheet=sheet)


def test_a_workbook_of_empty_sheets_says_so(tmp_path: Path) -> None:
    path = workbook(tmp_path / "empty.xlsx", {"A": [], "B": []})
    with pytest.raises(ImportFileError, match="Every sheet of the workbook is empty"):
        read_table(path)


# --- titles and merged cells ----------------------------------------------------------------


def test_merged_title_rows_are_skipped_and_merged_cells_fill_their_range(tmp_path: Path) -> None:
    path = tmp_path / "merged.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Orders export 2024-05-01"])
    sheet.merge_cells("A1:E1")
    sheet.append([])
    sheet.append(["订单号", "收件人", "Address", None, "数量"])
    sheet.merge_cells("C3:D3")  # one header over two columns
    sheet.append(["M-1", "Jeanne", "10 rue", "Paris", 2])
    sheet.append([None, None, None, None, 1])
    sheet.merge_cells("A4:A5")  # the order's reference over its two item rows
    sheet.merge_cells("B4:B5")
    book.save(path)
    table = read_table(path)
    assert table.title_lines == [(1, "Orders export 2024-05-01")]
    assert table.header_line == 3
    assert table.headers == ["订单号", "收件人", "Address", "Address (2)", "数量"]
    assert table.rows == [["M-1", "Jeanne", "10 rue", "Paris", "2"],
                          ["M-1", "Jeanne", "", "", "1"]]
    assert table.line_numbers == [4, 5]


def test_a_sheet_starting_further_down_and_right_keeps_its_row_numbers(tmp_path: Path) -> None:
    path = tmp_path / "offset.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["C4"], sheet["D4"] = "SKU", "Qty"
    sheet["C5"], sheet["D5"] = "A", 1
    sheet["C7"], sheet["D7"] = "B", 2
    book.save(path)
    table = read_table(path)
    assert table.headers == ["SKU", "Qty"] and table.header_line == 4
    assert table.rows == [["A", "1"], ["B", "2"]] and table.line_numbers == [5, 7]


# --- files that cannot be read --------------------------------------------------------------


def test_a_password_protected_workbook_is_named_as_such(tmp_path: Path) -> None:
    # What Excel writes for a password to open: an OLE container with an encrypted package.
    path = tmp_path / "locked.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
                     + "EncryptionInfo\x00EncryptedPackage".encode("utf-16-le") + b"\x00" * 64)
    with pytest.raises(ImportFileError, match="protected by a password"):
        read_table(path)


def test_a_damaged_workbook_is_refused_in_plain_words(tmp_path: Path) -> None:
    good = workbook(tmp_path / "good.xlsx", {"S": [KA_HEADERS, ka_row("D-1")]})
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(good.read_bytes()[:700])  # cut short, as by a failed download
    with pytest.raises(ImportFileError, match=r"cannot be read as a workbook.*save it again"):
        read_table(damaged)


def test_a_workbook_saved_under_a_csv_name_is_read_as_a_workbook(tmp_path: Path) -> None:
    good = workbook(tmp_path / "good.xlsx", {"S": [KA_HEADERS, ka_row("CSV-1")]})
    renamed = tmp_path / "orders.csv"
    renamed.write_bytes(good.read_bytes())
    assert read_table(renamed).rows[0][0] == "CSV-1"


# --- .ods -----------------------------------------------------------------------------------


def ods(path: Path, rows: list[list[tuple[str, str]]]) -> Path:
    """A minimal OpenDocument spreadsheet: cells as (value-type, value)."""
    def cell(kind: str, value: str) -> str:
        if kind == "float":
            return (f'<table:table-cell office:value-type="float" office:value="{value}">'
                    f"<text:p>{value}</text:p></table:table-cell>")
        return (f'<table:table-cell office:value-type="string"><text:p>{value}</text:p>'
                "</table:table-cell>")

    body = "".join(
        "<table:table-row>" + "".join(cell(k, v) for k, v in row) + "</table:table-row>"
        for row in rows
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="Orders">{body}'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                         compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", manifest)
    return path


def test_an_ods_file_is_read_like_a_workbook(tmp_path: Path) -> None:
    path = ods(tmp_path / "orders.ods", [
        [("string", "Phone"), ("string", "Qty")],
        [("float", "8613812345678"), ("float", "2")],
    ])
    table = read_table(path)
    assert table.sheet == "Orders" and table.rows == [["8613812345678", "2"]]


def test_an_old_excel_xls_file_is_read_like_a_workbook(tmp_path: Path) -> None:
    """Excel 97-2003 files still arrive from older shop systems: codes typed as numbers come out
    as their digits, dates as ISO dates, the first sheet that is not empty is read."""
    book = xlwt.Workbook()
    book.add_sheet("Notes")
    sheet = book.add_sheet("Orders")
    row = ka_row("X-1", phone=33612345678, zip_code=75004)
    for column, header in enumerate([*KA_HEADERS, "Ordered"]):
        sheet.write(0, column, header)
    for column, value in enumerate(row):
        sheet.write(1, column, value)
    sheet.write(1, len(row), dt.datetime(2024, 5, 1), xlwt.easyxf(num_format_str="YYYY-MM-DD"))
    path = tmp_path / "orders.xls"
    book.save(str(path))

    table = read_table(path)
    assert table.sheet == "Orders"
    assert table.rows[0][2] == "33612345678" and table.rows[0][7] == "75004"
    assert table.rows[0][9] == "2" and table.rows[0][-1] == "2024-05-01"
    [order] = open_import(path, Target.KA).orders
    assert order.ok, order.errors
    assert order.wire is not None and order.wire["customOrderId"] == "X-1"


def test_a_us_zip_in_an_xls_file_that_lost_its_zero_is_flagged(tmp_path: Path) -> None:
    # An .xls keeps its number formats where calamine cannot see them: the zip 02134 stored as
    # the number 2134 cannot be told apart from a typo, so the operator is warned, never silent.
    book = xlwt.Workbook()
    sheet = book.add_sheet("S")
    row = ka_row("US-1", phone="+1 212 555 0100", zip_code=2134)
    row[3:6] = ["US", "MA", "Boston"]
    for line, values in enumerate([KA_HEADERS, row]):
        for column, value in enumerate(values):
            sheet.write(line, column, value)
    path = tmp_path / "us.xls"
    book.save(str(path))
    [order] = open_import(path, Target.KA).orders
    assert any("02134" in warning.message for warning in order.warnings)


# --- mapping by values ----------------------------------------------------------------------


def test_shipping_and_a_chinese_platform_column_map_by_their_values(tmp_path: Path) -> None:
    """No mapping file: 'Shipping' names no field, but every value is a speed; '来源' (source)
    names nothing, but every value is a platform (拼多多 is pdd)."""
    headers = ["订单号", "收件人", "联系电话", "国家", "省份", "城市", "地址", "邮编", "商品编码",
               "数量", "Shipping"]
    rows = [ka_row(f"S-{n}", speed=("Standard", "Express", "express")[n % 3]) for n in range(21)]
    path = workbook(tmp_path / "ka.xlsx", {"S": [headers, *rows]})
    session = open_import(path, Target.KA)
    assert session.mapping.columns["Shipping"] == "channelType"
    assert session.mapping.by_values["Shipping"].reason == "all 21 values are shipping speeds"
    assert all(order.ok for order in session.orders)
    assert {order.wire["channelType"] for order in session.orders if order.wire} == {
        "Standard", "Express"}

    nomad = auto_map(Target.NOMAD, ["clientOrderRef", "来源"],
                     [["N-1", "pdd"], ["N-2", "拼多多"], ["N-3", ""], ["N-4", "抖音"]])
    assert nomad.columns["来源"] == "platformName"
    assert nomad.by_values["来源"].reason == "all 3 values are platforms"


def test_values_that_fit_no_list_of_choices_leave_the_column_unused() -> None:
    mapping = auto_map(Target.KA, ["Shipping", "Remark"],
                       [["Standard", "Express"], ["by boat", "Express"]])
    assert "Shipping" not in mapping.columns  # "by boat" is no speed
    assert mapping.columns["Remark"] == "remark"  # the name decides for a free-text field


def test_a_header_naming_a_field_its_values_do_not_fit_is_decided_by_values() -> None:
    # "Platform" names KA's sale platform, but these are shipping speeds.
    mapping = auto_map(Target.KA, ["Platform"], [["Express"], ["Standard"]])
    assert mapping.columns == {"Platform": "channelType"}


# --- command line ---------------------------------------------------------------------------


def test_cli_reads_the_chosen_sheet_with_constants_and_warnings_per_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    us = ka_row("US-1", phone="+1 212 555 0100", zip_code=2134, speed="")
    us[3:6] = ["US", "MA", "Boston"]
    path = workbook(tmp_path / "book.xlsx", {
        "May": [KA_HEADERS, ka_row("MAY-1")],
        "June": [KA_HEADERS, us],
    })
    args = ["validate", str(path), "--target", "ka", "--json"]
    assert main([*args, "--sheet", "June"]) == 1  # no speed for US-1
    [line, _summary] = json_lines(capsys.readouterr().out)
    assert line["ref"] == "US-1" and "channelType" in line["message"]

    assert main([*args, "--sheet", "2", "--set", "Shipping speed=Express"]) == 0
    out = capsys.readouterr()
    [line, summary] = json_lines(out.out)
    assert line["status"] == "valid"
    assert len(line["warnings"]) == 1
    assert line["warnings"][0].startswith("book.xlsx line 2, 邮编 (orderAddress.zip): '2134'")
    assert summary["summary"]["files"][0]["rows_read"] == 1
    assert "book.xlsx: sheet 'June' read" in out.err
    assert "warning: line 2, 邮编" in out.err  # the stderr report stays


@pytest.mark.parametrize(
    ("option", "message"),
    [("speed", "write it as FIELD=VALUE"), ("Colour=red", "KA has no field 'Colour'"),
     ("channeltyp=Express", "did you mean channelType")],
)
def test_cli_set_names_what_is_wrong(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, message: str
) -> None:
    path = workbook(tmp_path / "book.xlsx", {"S": [KA_HEADERS, ka_row("X-1")]})
    assert main(["validate", str(path), "--target", "ka", "--set", option]) == 2
    assert message in capsys.readouterr().err


def test_cli_set_applies_to_json_orders_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    order = json.loads(Path("resources/samples/ka_orders.json").read_text(encoding="utf-8"))
    orders = order if isinstance(order, list) else [order]
    for each in orders:
        each["channelType"] = "Slow"
    path = tmp_path / "orders.json"
    path.write_text(json.dumps(orders), encoding="utf-8")
    assert main(["validate", str(path), "--target", "ka"]) == 1
    assert main(["validate", str(path), "--target", "ka", "--set", "channelType=Express"]) == 0
    capsys.readouterr()


def test_cli_sheet_that_does_not_exist_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = several_sheets(tmp_path)
    assert main(["validate", str(path), "--target", "ka", "--sheet", "July"]) == 2
    assert "no sheet named 'July'" in capsys.readouterr().err


# --- size -----------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_100000_row_workbook_is_read_and_every_row_accounted_for(tmp_path: Path) -> None:
    path = tmp_path / "big.xlsx"
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Orders")
    sheet.append(KA_HEADERS)
    for n in range(100_000):
        sheet.append(ka_row(f"B-{n // 2}", phone=33600000000 + n // 2, zip_code=75004))
    book.save(path)
    session = open_import(path, Target.KA)
    rec = session.reconciliation()
    assert rec.adds_up and rec.rows_read == 100_000 and rec.orders_valid == 50_000
    assert session.table.rows[-1][2] == str(33600000000 + 49_999)


# --- failed rows as a workbook --------------------------------------------------------------


def test_failed_rows_go_to_an_xlsx_in_their_columns_as_text(tmp_path: Path) -> None:
    from app.core.importing import write_failed_rows

    bad = ka_row("F-1", zip_code="02134")
    bad[9] = "zero"
    path = workbook(tmp_path / "in.xlsx", {"S": [KA_HEADERS, bad, ka_row("OK-1")]})
    session = open_import(path, Target.KA)
    session.edit_cell(0, 2, "=HYPERLINK(1)")  # what a hostile cell would be: text, not run
    out = tmp_path / "failed.xlsx"
    assert write_failed_rows(out, session, session.invalid_orders()) == 1
    sheet = openpyxl.load_workbook(out).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == [*KA_HEADERS, "Import problems"]
    assert rows[1][:10] == ["F-1", "Jeanne Martin", "=HYPERLINK(1)", "France", "Ile-de-France",
                            "Paris", "10 rue de Rivoli", "02134", "SKU-RED-M", "zero"]
    assert all(cell.data_type == "s" for cell in next(sheet.iter_rows(min_row=2)))
    assert "数量" in rows[1][-1]
    # Fixed, it reads back with the same columns and values.
    again = read_table(out)
    assert again.headers == [*KA_HEADERS, "Import problems"]
    assert again.rows[0][7] == "02134"
