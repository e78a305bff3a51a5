"""Reading spreadsheet exports: encodings, dialects, embedded newlines, unreadable files."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from app.core.importing import reading
from app.core.importing.errors import ImportFileError
from app.core.importing.reading import parse_bytes, read_table

CHINESE = [
    ["订单号", "收件人", "联系电话", "商品编码", "数量"],
    ["A-1", "张三", "13800138000", "SKU-1", "2"],
    ["A-1", "张三", "13800138000", "SKU-2", "1"],
]
TRADITIONAL = [["收件人", "地址"], ["陳大文", "台北市信義區市府路1號"]]
JAPANESE = [["受取人", "住所"], ["山田太郎", "東京都新宿区西新宿2-8-1"]]
LATIN = [["Name", "City"], ["José", "Málaga"], ["Jürgen", "Köln"]]


def _csv(rows: list[list[str]], delimiter: str = ",") -> str:
    return "".join(delimiter.join(row) + "\r\n" for row in rows)


@pytest.mark.parametrize(
    ("rows", "raw_encoding", "expected_codec"),
    [
        (CHINESE, "utf-8", "utf-8"),
        (CHINESE, "gb18030", "gb18030"),
        (CHINESE, "gbk", "gb18030"),
        (TRADITIONAL, "big5", "big5"),
        (JAPANESE, "shift_jis", "shift_jis"),
        (LATIN, "cp1252", "cp1252"),
    ],
)
def test_encodings_without_bom_are_detected(
    rows: list[list[str]], raw_encoding: str, expected_codec: str
) -> None:
    table = parse_bytes(_csv(rows).encode(raw_encoding))
    assert table.encoding == codecs.lookup(expected_codec).name
    assert table.headers == rows[0]
    assert table.rows == rows[1:]


@pytest.mark.parametrize(
    ("bom", "codec", "expected"),
    [
        (codecs.BOM_UTF8, "utf-8", "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
    ],
)
def test_byte_order_marks_win_and_never_reach_the_first_header(
    bom: bytes, codec: str, expected: str
) -> None:
    table = parse_bytes(bom + _csv(CHINESE).encode(codec))
    assert table.encoding == expected
    assert table.headers[0] == "订单号"
    assert len(table.rows) == 2


def test_excel_unicode_text_is_utf16_with_tabs(tmp_path: Path) -> None:
    path = tmp_path / "export.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + _csv(CHINESE, "\t").encode("utf-16-le"))
    table = read_table(path)
    assert (table.encoding, table.delimiter) == ("utf-16-le", "\t")
    assert table.rows[1] == ["A-1", "张三", "13800138000", "SKU-2", "1"]


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiter_is_sniffed(delimiter: str) -> None:
    rows = [["Name", "Street", "Qty"], ["Ann", "1, Main St", "2"], ["Bob", "Elm; 3", "1"]]
    text = "".join(
        delimiter.join(f'"{cell}"' if {",", ";"} & set(cell) else cell for cell in row) + "\n"
        for row in rows
    )
    table = parse_bytes(text.encode())
    assert table.delimiter == delimiter
    assert table.rows == rows[1:]


def test_quoted_fields_keep_embedded_newlines_and_line_numbers_follow() -> None:
    text = 'ref,street,qty\nA,"Flat 2\nHigh Street 1",1\nB,"x ""quoted"" y",2\nC,plain,3\n'
    table = parse_bytes(text.encode())
    assert table.rows[0][1] == "Flat 2\nHigh Street 1"
    assert table.rows[1][1] == 'x "quoted" y'
    assert table.line_numbers == [2, 4, 5]


def test_single_quote_quoting_is_sniffed() -> None:
    table = parse_bytes(b"name;street\n'Ann';'Main; 1'\n'Bob';'Elm 2'\n")
    assert (table.delimiter, table.quotechar) == (";", "'")
    assert table.rows[0] == ["Ann", "Main; 1"]


def test_operator_overrides_encoding_and_delimiter() -> None:
    # Valid GB18030 and valid Big5 at once: only the operator knows it is Big5 with pipes.
    data = "收件人|地址\n陳大文|台北市\n".encode("big5")
    table = parse_bytes(data, encoding="big5", delimiter="|")
    assert table.encoding == "big5"
    assert table.rows == [["陳大文", "台北市"]]
    as_one_column = parse_bytes(data, encoding="big5", delimiter=",")
    assert as_one_column.headers == ["收件人|地址"]


def test_every_cell_stays_text_short_rows_padded_long_rows_flagged() -> None:
    table = parse_bytes(b"zip,phone,qty\n02134,+8613800138000,007\n1\n9,8,7,extra,\n")
    assert table.rows[0] == ["02134", "+8613800138000", "007"]
    assert table.rows[1] == ["1", "", ""]
    assert table.rows[2] == ["9", "8", "7"]
    assert table.overflow == {2: 1}


def test_blank_lines_are_skipped_but_rows_of_empty_cells_are_kept() -> None:
    table = parse_bytes(b"\n\n,,\na,b\n1,2\n\n,\n3,4\n")
    assert table.headers == ["a", "b"]
    assert table.header_line == 4
    assert table.rows == [["1", "2"], ["", ""], ["3", "4"]]
    assert table.line_numbers == [5, 7, 8]


def test_duplicate_and_empty_headers_become_unique() -> None:
    table = parse_bytes(b"Phone,,Phone\n1,2,3\n")
    assert table.headers == ["Phone", "Column 2", "Phone (2)"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "empty"),
        (b"  \r\n ", "empty"),
        (b"PK\x03\x04rest-of-a-zip", "Excel workbook"),
        (b"\xd0\xcf\x11\xe0legacy-xls", "Excel workbook"),
        (b"a,b\n1,\x002\n", "binary"),
    ],
)
def test_unreadable_files_say_why(data: bytes, expected: str) -> None:
    with pytest.raises(ImportFileError, match=expected):
        parse_bytes(data)


def test_wrong_encoding_override_names_the_line() -> None:
    data = "name\nAnn\n张三\n".encode()
    with pytest.raises(ImportFileError, match=r"not valid ascii text: undecodable bytes on line 3"):
        parse_bytes(data, encoding="ascii")


def test_unknown_encoding_and_bad_delimiter_are_usage_errors() -> None:
    with pytest.raises(ImportFileError, match="Unknown text encoding"):
        parse_bytes(b"a\n1\n", encoding="klingon-8")
    with pytest.raises(ImportFileError, match="cannot be used as a delimiter"):
        parse_bytes(b"a\n1\n", delimiter='"')


def test_missing_file_is_an_import_error(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match=r"Cannot open nothing\.csv"):
        read_table(tmp_path / "nothing.csv")


@pytest.mark.parametrize("codec", ["gb18030", "big5"])
def test_detection_on_a_file_larger_than_the_detection_sample(codec: str) -> None:
    # Over 256 KiB: detection sees a prefix (cut at a line end), the whole file is then decoded.
    line = (
        "陳大文,台北市信義區市府路{0}號,{0}"
        if codec == "big5"
        else "张三,北京市朝阳区建国路{0}号,{0}"
    )
    rows = ["收件人,地址,数量" if codec == "gb18030" else "收件人,地址,數量"]
    rows += [line.format(i) for i in range(12_000)]
    data = "\n".join(rows).encode(codec)
    assert len(data) > 256 * 1024
    table = parse_bytes(data)
    assert table.encoding == codecs.lookup(codec).name
    assert len(table.rows) == 12_000 and table.rows[-1][2] == "11999"


def test_a_runaway_quote_is_reported_not_swallowed() -> None:
    # An unclosed quote would make the rest of the file one cell; the csv module's cell size
    # limit (128 KiB) turns that into a clear error instead.
    data = b'name,street\nAnn,"Main St\n' + b"Bob,Elm 2\n" * 20_000
    with pytest.raises(ImportFileError, match="not valid CSV near line 2"):
        parse_bytes(data)


def test_title_lines_above_the_header_are_skipped_and_kept_for_the_report() -> None:
    table = parse_bytes(
        b"Order export 2024-05-01,,\n,,\nShop: Example,,\nOrder No,SKU,Qty\nA-1,S1,2\n"
    )
    assert table.headers == ["Order No", "SKU", "Qty"]
    assert table.header_line == 4
    assert table.title_lines == [(1, "Order export 2024-05-01"), (3, "Shop: Example")]
    assert table.rows == [["A-1", "S1", "2"]]


def test_a_one_column_file_keeps_its_header() -> None:
    table = parse_bytes(b"SKU\nS1\nS2\n")
    assert table.headers == ["SKU"] and table.title_lines == []
    assert len(table.rows) == 2


def test_a_file_over_a_megabyte_decodes_whole_and_names_its_bad_line() -> None:
    # Decoded a megabyte per call (a worker never holds the GIL for a whole file): characters
    # cut by a megabyte boundary come out whole, and a bad byte is placed in the whole file.
    rows = [f"张三{i},北京市朝阳区建国路{i}号" for i in range(50_000)]
    # The header whose length puts the first megabyte's end inside a character.
    data = next(data for pad in range(40)
                if (data := "\n".join(["x" * pad + "收件人,地址", *rows]).encode())[1 << 20]
                & 0xC0 == 0x80)
    assert len(data) > 2 * 1024 * 1024
    table = parse_bytes(data)
    assert table.encoding == "utf-8" and len(table.rows) == 50_000
    assert table.rows[-1] == ["张三49999", "北京市朝阳区建国路49999号"]
    bad = data.replace("张三49000,".encode(), b"\xff49000,")
    with pytest.raises(ImportFileError, match=r"undecodable bytes on line 49002"):
        parse_bytes(bad, encoding="utf-8")


@pytest.mark.parametrize("chunk", [1, 7, 64])
def test_lines_cut_into_chunks_read_as_the_whole_text_does(
    chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The CSV reader gets the text a megabyte at a time (one copy of a whole file held the GIL
    # for tens of ms); every cut falls after a "\n", so quoted line breaks, "\r\n" and "\r"
    # line ends, blank lines and line numbers come out as from the whole text.
    text = ('ref,street,qty\r\nA,"Flat 2\r\nHigh\nStreet 1",1\r\n\r\nB,"x\r""y",2\rC,c,3\n'
            "\nD,\"\n\n\",4\r\nE,e,5")
    whole = parse_bytes(text.encode())
    monkeypatch.setattr(reading, "_LINES_CHUNK", chunk)
    cut = parse_bytes(text.encode())
    assert (cut.headers, cut.rows, cut.line_numbers) == (whole.headers, whole.rows,
                                                          whole.line_numbers)
    assert [row[0] for row in cut.rows] == ["A", "B", "C", "D", "E"]
    assert cut.rows[0][1] == "Flat 2\r\nHigh\nStreet 1" and cut.rows[3][1] == "\n\n"
