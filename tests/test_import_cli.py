"""`order-desk validate|submit FILE.csv`: the same reader and mapping, and a summary line that
accounts for every row."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.core.targets import Target
from app.sandbox import SandboxServer

# Sandboxes reached by URL are servers like any other: they need credentials.
pytestmark = pytest.mark.usefixtures("sandbox_credentials")

HEADER = "单号\t收件人\t电话\t国家\t省\t城市\t地址\tSKU\t数量"
ROWS = [
    "C-1\tJeanne Martin\t+33142685300\tFR\tIDF\tParis\t10 rue de Rivoli\tSKU-RED-M\t2",
    "C-1\t\t\t\t\t\t\tSKU-BLUE-S\t1",
    "C-2\tJean Dupont\t+33142685300\tFR\tIDF\tParis\t5 quai Voltaire\tSKU-RED-M\tzero",
    "\t\t\t\t\t\t\t\t",
]


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    path = tmp_path / "orders.txt"  # Excel's "Unicode text": UTF-16 with BOM, tab-separated
    path.write_text("\r\n".join([HEADER, *ROWS]) + "\r\n", encoding="utf-16")
    return path


@pytest.fixture
def mapping(tmp_path: Path) -> Path:
    path = tmp_path / "mapping.json"
    path.write_text(
        json.dumps(
            {
                "target": "ka",
                "columns": {
                    "单号": "customOrderId",
                    "收件人": "orderAddress.recipient",
                    "电话": "orderAddress.phone",
                    "国家": "orderAddress.country",
                    "省": "orderAddress.province",
                    "城市": "orderAddress.city",
                    "地址": "orderAddress.street1",
                    "SKU": "orderItemsList[].sku",
                    "数量": "orderItemsList[].quantity",
                },
                "constants": {"channelType": "Express"},
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    return path


def _json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_validate_reports_orders_and_a_reconciliation_summary(
    sheet: Path, mapping: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["validate", str(sheet), "--target", "ka", "--mapping", str(mapping), "--json"])
    lines = _json_lines(capsys.readouterr().out)
    assert code == 1
    assert [(line["ref"], line["status"]) for line in lines[:2]] == [
        ("C-1", "valid"),
        ("C-2", "invalid"),
    ]
    assert "quantity" in lines[1]["message"]
    summary = lines[2]["summary"]
    assert summary["orders"] == {"valid": 1, "invalid": 1}
    (sheet_summary,) = summary["files"]
    assert sheet_summary["rows_read"] == 4
    assert (
        sheet_summary["rows_in_valid_orders"]
        + sheet_summary["rows_in_invalid_orders"]
        + sheet_summary["rows_excluded"]
        == 4
    )
    assert sheet_summary["excluded"] == [{"line": 5, "reason": "blank row"}]


def test_without_a_mapping_the_automatic_one_misses_the_constant(
    sheet: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(sheet), "--target", "ka", "--json"]) == 1
    lines = _json_lines(capsys.readouterr().out)
    assert all("channelType" in line["message"] for line in lines[:2])


def test_overrides_and_unreadable_files_exit_2(
    sheet: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(sheet), "--target", "ka", "--encoding", "klingon"]) == 2
    assert "Unknown text encoding" in capsys.readouterr().err
    workbook = tmp_path / "orders.csv"
    workbook.write_bytes(b"PK\x03\x04 not really a workbook")
    assert main(["validate", str(workbook), "--target", "ka"]) == 2
    assert "cannot be read as a workbook" in capsys.readouterr().err
    # Forcing comma on a tab file gives one column: nothing maps, every order is invalid.
    assert main(["validate", str(sheet), "--target", "ka", "--delimiter", ","]) == 1


def test_submit_sends_valid_orders_to_the_sandbox(
    sheet: Path, mapping: Path, sandbox: SandboxServer, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [
        "submit",
        str(sheet),
        "--target",
        "ka",
        "--mapping",
        str(mapping),
        "--json",
        "--base-url",
        sandbox.ka_base_url,
    ]
    assert main(argv) == 1  # C-2 is invalid
    lines = _json_lines(capsys.readouterr().out)
    by_ref = {line["ref"]: line for line in lines if "ref" in line}
    assert by_ref["C-1"]["status"] == "accepted" and by_ref["C-1"]["remote_id"]
    assert by_ref["C-2"]["status"] == "invalid"
    assert lines[-1]["summary"]["orders"] == {"accepted": 1, "invalid": 1}
    assert sandbox.count_by_reference(Target.KA, "C-1") == 1
    (stored,) = sandbox.orders(Target.KA)
    assert len(stored["orderItems"]) == 2

    assert main(argv) == 1  # a re-run is safe: C-1 is reported, not created again
    assert sandbox.count_by_reference(Target.KA, "C-1") == 1


def test_group_by_address_joins_rows_without_a_reference(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "noref.csv"
    address = "Jeanne Martin;+33142685300;FR;IDF;Paris;10 rue de Rivoli"
    path.write_text(
        "Recipient;Phone;Country;Province;City;Street;SKU;Qty;Shipping speed\n"
        f"{address};S1;1;Standard\n{address};S2;2;Standard\n",
        encoding="utf-8",
    )
    argv = ["validate", str(path), "--target", "ka", "--json"]
    assert main(argv) == 0
    assert _json_lines(capsys.readouterr().out)[-1]["summary"]["orders"] == {"valid": 2}
    assert main([*argv, "--group-by-address"]) == 0
    assert _json_lines(capsys.readouterr().out)[-1]["summary"]["orders"] == {"valid": 1}


def _excel_export(tmp_path: Path) -> Path:
    """What an operator gets from Excel: BOM, semicolons, Chinese headers, damaged cells, a
    quoted newline in an address, an unmapped column."""
    rows = [
        "订单号;收件人;联系电话;国家;省份;城市;地址;邮编;商品编码;数量;运输方式;渠道",
        "A-1;Marie Dupont;8.61381E+12;France;IDF;Paris;12 rue de Rivoli;7501;S1;2;Standard;x",
        "A-1;Marie Dupont;8.61381E+12;France;IDF;Paris;12 rue de Rivoli;7501;S2;1;Standard;x",
        'A-2;John Smith;+44 20 7946 0958;UK;London;London;"221B Baker St\nFlat 2";NW1;S1;1;'
        "Express;x",
        "A-3;Jane Roe;+44 20 7946 0959;United Kingdom;London;London;1 Main St;E1;S1;2.5;"
        "Standard;x",
        "A-4;Pierre;+33 1 23 45 67 89;Frnace;IDF;Paris;3 rue X;75003;S1;1;Standard;x",
    ]
    path = tmp_path / "export.csv"
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(rows).encode("utf-8") + b"\r\n")
    return path


def test_invalid_spreadsheet_orders_name_the_line_column_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _excel_export(tmp_path)
    assert main(["validate", str(path), "--target", "ka", "--json"]) == 1
    out = capsys.readouterr()
    by_ref = {line["ref"]: line for line in _json_lines(out.out) if "ref" in line}
    assert by_ref["A-2"]["status"] == "valid"  # "UK" is the United Kingdom
    # The embedded newline makes A-2 two physical lines: A-3 is on line 6.
    assert by_ref["A-3"]["message"] == (
        "export.csv line 6, 数量 (orderItemsList[].quantity): must be a whole number (got 2.5)"
    )
    assert by_ref["A-4"]["message"] == (
        "export.csv line 7, 国家 (orderAddress.country): not a country: 'Frnace' "
        "(did you mean France, FR?)"
    )
    assert by_ref["A-1"]["message"].startswith("export.csv line 2, 联系电话 (orderAddress.phone)")
    assert "'8.61381E+12' is in scientific notation" in by_ref["A-1"]["message"]


def test_unused_columns_and_damaged_cells_are_reported_not_dropped_silently(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _excel_export(tmp_path)
    main(["validate", str(path), "--target", "ka"])
    err = capsys.readouterr().err
    assert "export.csv: columns not used (their values are not sent): 渠道" in err
    assert "warning: line 3, 邮编 (orderAddress.zip): '7501' is shorter than the 5 digits" in err


def test_a_field_no_column_fills_says_so(
    sheet: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["validate", str(sheet), "--target", "ka"])
    assert "line 2, channelType: required (no column of the file is mapped to it)" in (
        capsys.readouterr().out
    )


def test_submit_locates_invalid_spreadsheet_orders_too(
    tmp_path: Path, sandbox: SandboxServer, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _excel_export(tmp_path)
    argv = ["submit", str(path), "--target", "ka", "--json", "--base-url", sandbox.ka_base_url]
    assert main(argv) == 1
    by_ref = {line["ref"]: line for line in _json_lines(capsys.readouterr().out) if "ref" in line}
    assert by_ref["A-2"]["status"] == "accepted"
    assert by_ref["A-3"]["status"] == "invalid"
    assert by_ref["A-3"]["message"].startswith("export.csv line 6, 数量")
    assert sandbox.count_by_reference(Target.KA, "A-3") == 0


def test_an_order_only_the_import_finds_wrong_is_invalid_and_never_sent(
    tmp_path: Path, sandbox: SandboxServer, capsys: pytest.CaptureFixture[str]
) -> None:
    # Two rows of one order disagree on the country: the models see one valid payload, the
    # import sees the conflict. Such an order must not be reported valid, nor sent.
    path = tmp_path / "conflict.csv"
    path.write_text(
        "Order No,Recipient,Phone,Country,Province,City,Street,SKU,Qty,Shipping speed\n"
        "D-1,Ann,+1 212 555 0100,US,NY,New York,1 Main St,S1,1,Standard\n"
        "D-1,Ann,+1 212 555 0100,CA,NY,New York,1 Main St,S2,1,Standard\n"
        ",Bob,+1 212 555 0101,US,NY,New York,1 Main St,S1,1,Standard\n",
        encoding="utf-8",
    )
    assert main(["validate", str(path), "--target", "ka", "--json"]) == 1
    first, second, _ = _json_lines(capsys.readouterr().out)
    assert (first["ref"], first["status"]) == ("D-1", "invalid")
    assert first["message"].startswith("conflict.csv line 3, Country (orderAddress.country): "
                                       "Country is 'CA' here but 'US'")
    assert second["status"] == "valid"

    argv = ["submit", str(path), "--target", "ka", "--json", "--base-url", sandbox.ka_base_url]
    assert main(argv) == 1
    lines = _json_lines(capsys.readouterr().out)
    assert [line.get("status") for line in lines[:2]] == ["invalid", "accepted"]
    # The order without a reference gets one from the app; its line still says where it is.
    assert lines[1]["message"].startswith("conflict.csv line 4: ")
    assert lines[-1]["summary"]["orders"] == {"invalid": 1, "accepted": 1}
    assert sandbox.count_by_reference(Target.KA, "D-1") == 0


@pytest.mark.parametrize(("name", "magic"), [("orders.xlsx", b"PK\x03\x04"),
                                             ("orders.xls", b"\xd0\xcf\x11\xe0"),
                                             ("orders.ods", b"PK\x03\x04")])
def test_a_damaged_workbook_is_refused_saying_so(
    tmp_path: Path, name: str, magic: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook = tmp_path / name
    workbook.write_bytes(magic + b"\x00" * 64)
    assert main(["validate", str(workbook), "--target", "ka"]) == 2
    err = capsys.readouterr().err
    assert "cannot be read as a workbook" in err and "save it again" in err and "JSON" not in err


@pytest.mark.parametrize(("command", "rows", "code"), [("validate", 1500, 1), ("submit", 40, 0)])
def test_a_reader_that_stops_early_is_not_a_crash(
    tmp_path: Path, command: str, rows: int, code: int
) -> None:
    # `order-desk validate big.csv | head -1`: the pipe closes while results are still printed.
    # validate stops there (exit 1: its report is incomplete); submit finishes sending.
    path = tmp_path / "big.csv"
    lines = [f"E-{n},Ann,+1 212 555 0100,US,NY,New York,1 Main St,S1,1,Standard"
             for n in range(rows)]
    header = "Order No,Recipient,Phone,Country,Province,City,Street,SKU,Qty,Shipping speed"
    if command == "validate":  # invalid orders: long lines fill the pipe sooner
        lines, header = [line.removesuffix(",Standard") for line in lines], header[:-15]
    path.write_text("\n".join([header, *lines]), encoding="utf-8")
    with subprocess.Popen(
        [sys.executable, "-m", "app", command, str(path), "--target", "ka"],
        cwd=Path(__file__).resolve().parents[1],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.readline().split()[0] in (b"invalid", b"accepted")
        process.stdout.close()
        stderr = process.stderr.read().decode()
        assert process.wait(timeout=60) == code
    assert "Traceback" not in stderr and "Broken pipe" not in stderr
    assert not (Path(os.environ["ORDER_DESK_HOME"]) / "crash").exists()
    if command == "submit":
        assert f"{rows} order(s): {rows} accepted" in stderr


def test_validate_refuses_a_reference_given_twice_like_submit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "orders.csv"
    sheet.write_text("Order No,Recipient,Phone,Country,Province,City,Street,SKU,Qty,"
                     "Shipping speed\n"
                     "R-1,Ann,+1 212 555 0100,US,NY,New York,1 Main St,S1,1,Standard\n",
                     encoding="utf-8")
    again = tmp_path / "again.json"
    again.write_text(json.dumps({
        "customOrderId": " R-1 ", "channelType": "Standard",
        "orderAddress": {"recipient": "Ann", "phone": "+1 212 555 0100", "country": "US",
                         "province": "NY", "city": "New York", "street1": "1 Main St"},
        "orderItemsList": [{"sku": "S1", "quantity": 1}],
    }), encoding="utf-8")
    assert main(["validate", str(sheet), str(again), "--target", "ka", "--json"]) == 1
    first, second, _ = _json_lines(capsys.readouterr().out)
    assert first["status"] == "valid"
    assert second["status"] == "invalid"
    assert second["message"] == "again.json #1: reference R-1 appears more than once in this batch"
