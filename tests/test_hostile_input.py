"""Hostile input: whatever a marketplace export, a colleague or an attacker puts in a file gets a
clear message and the documented exit code (2 for a file that cannot be read, 1 for an order that
is invalid), never a traceback; refused input is never journaled or sent; terminal output never
carries a control character from data; exports never hold a live spreadsheet formula.

The command line runs in-process (`app.cli.main`), against a sandbox over loopback where an order
could be sent, with the journal in the test's private data folder.
"""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.cli import EXIT_OK, EXIT_REJECTED, EXIT_USAGE, main
from app.cli.common import json_line, result_line
from app.core.csv_export import restored_cell, spreadsheet_cell
from app.core.engine import OrderResult, ResultStatus
from app.core.importing import OrderResult as ImportResult
from app.core.importing import open_import, write_failed_rows, write_results
from app.core.journal import HistoryFilter, Journal, OrderState
from app.core.json_input import MAX_DEPTH, MAX_NUMBER_LENGTH, JsonLimitError, loads
from app.core.models import validate_order
from app.core.paths import data_dir, journal_path
from app.core.safe_text import escaped, is_unsafe, json_escaped
from app.core.targets import Target
from app.sandbox import SandboxServer
from tests.fixtures.sandbox import NOMAD_STORE, ka_order, nomad_order

pytestmark = pytest.mark.usefixtures("sandbox_credentials")

ROOT = Path(__file__).resolve().parents[1]
ESC, RLO, NUL = "\x1b", "\u202e", "\x00"
# What a terminal must never receive from data: C0/C1 controls, DEL, bidi and zero-width format
# characters, line and paragraph separators.
UNSAFE_SAMPLES = ["\x1b[31m", "\u202e", "\x00", "\x07", "\x7f", "\x9b", "\u2028", "\u200b",
                  "\u2066", "\r", "\x08"]


def _journaled() -> int:
    if not journal_path().exists():
        return 0
    with Journal(journal_path()) as journal:
        return journal.count()


def _crash_reports() -> list[Path]:
    return sorted((data_dir() / "crash").glob("crash-*.log"))


def _no_raw_control_characters(text: str) -> bool:
    """Line ends aside, nothing a terminal would obey or hide."""
    return not any(is_unsafe(char) for char in text.replace("\n", ""))


def _send_args(target: Target, server: SandboxServer) -> list[str]:
    if target is Target.KA:
        return ["--target", "ka", "--base-url", server.ka_base_url]
    return ["--target", "nomad", "--base-url", server.nomad_base_url, "--store", NOMAD_STORE,
            "--stage", "TEST"]


ORDER_OF: dict[Target, Callable[..., dict[str, Any]]] = {
    Target.KA: ka_order, Target.NOMAD: nomad_order,
}


# -- files that cannot be read: exit 2, the file named, nothing journaled -----------------------


UNREADABLE = {
    "nested 100,000 levels": ("[" * 100_000, f"nested more than {MAX_DEPTH} levels deep"),
    "nested objects": ('{"a":' * 5_000 + "1" + "}" * 5_000, "nested more than"),
    "a 5,000-digit integer": ("[" + "7" * 5_000 + "]", "a number 5,000 characters long"),
    "a 5,000-digit quantity": (
        json.dumps([ka_order("BIG-QTY")]).replace('"quantity": 2', '"quantity": ' + "9" * 5_000),
        "a number 5,000 characters long",
    ),
    "a long decimal": ('{"price": 1.' + "5" * 200 + "}", "characters long"),
    "half a surrogate pair": (json.dumps([ka_order("SUR\ud800")]), "\\ud800"),
}


@pytest.mark.parametrize("command", ["validate", "submit"])
@pytest.mark.parametrize("case", sorted(UNREADABLE))
def test_a_file_that_cannot_be_read_safely_exits_2_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sandbox: SandboxServer, command: str,
    case: str,
) -> None:
    text, expected = UNREADABLE[case]
    path = tmp_path / "orders.json"
    path.write_text(text, encoding="utf-8")

    code = main([command, str(path), *_send_args(Target.KA, sandbox)])

    out = capsys.readouterr()
    assert code == EXIT_USAGE
    assert expected in out.err and "orders.json" in out.err and "Traceback" not in out.err
    assert out.out == ""
    assert _journaled() == 0 and sandbox.orders(Target.KA) == []


def test_the_place_of_the_first_level_too_deep_is_named(tmp_path: Path) -> None:
    text = '{"orders": [\n  ' + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n]}"
    with pytest.raises(JsonLimitError) as refused:
        loads(text)
    # Line 2 starts two levels down: its 63rd bracket, after two spaces, is one too many.
    assert (refused.value.lineno, refused.value.colno) == (2, 2 + MAX_DEPTH - 2 + 1)
    # As deep as allowed, brackets inside strings, long text and a long-but-allowed number: read.
    inside = "[" * (MAX_DEPTH - 1) + '"[[[[{{{{"' + "]" * (MAX_DEPTH - 1)
    assert loads(inside)
    assert loads(json.dumps({"note": "[" * 10_000, "n": int("9" * MAX_NUMBER_LENGTH)}))


def test_deep_nesting_from_a_real_process_leaves_no_traceback_and_no_crash_report(
    tmp_path: Path,
) -> None:
    # The original finding: RecursionError, a crash report, exit 1.
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "app", "validate", str(path), "--target", "ka"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, env=os.environ.copy(),
    )
    assert done.returncode == EXIT_USAGE, done.stderr
    assert "Traceback" not in done.stderr and "deep.json" in done.stderr
    assert _crash_reports() == []


def test_a_mapping_file_that_cannot_be_read_safely_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "orders.csv"
    sheet.write_text("Order No,Qty\nA-1,1\n", encoding="utf-8")
    for text in ("[" * 100_000, '{"columns": {"Qty": ' + "1" * 5_000 + "}}"):
        mapping = tmp_path / "mapping.json"
        mapping.write_text(text, encoding="utf-8")
        code = main(["validate", str(sheet), "--target", "ka", "--mapping", str(mapping)])
        err = capsys.readouterr().err
        assert code == EXIT_USAGE and "mapping.json" in err and "Traceback" not in err


def test_a_spreadsheet_cell_beyond_the_csv_limit_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "orders.csv"
    sheet.write_text("Order No,Recipient,Qty\nA-1," + "x" * 200_000 + ",1\n", encoding="utf-8")
    assert main(["validate", str(sheet), "--target", "ka"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "orders.csv" in err and "line 2" in err and "Traceback" not in err


# -- whole numbers of any size are checked against the field's limit ----------------------------


@pytest.mark.parametrize(
    ("target", "quantity", "message"),
    [
        (Target.KA, 10**30, "must have at most 16 digits"),
        (Target.KA, 10**16, "must have at most 16 digits"),
        (Target.KA, -(10**30), "must have at most 16 digits"),
        (Target.NOMAD, 10**30, "must have at most 16 digits"),
        (Target.NOMAD, 2**31, "must be at most 2147483647 (got 2147483648)"),
        (Target.NOMAD, 10**15, "must be at most 2147483647"),
    ],
)
def test_a_huge_integer_quantity_is_invalid_and_never_sent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sandbox: SandboxServer, target: Target,
    quantity: int, message: str,
) -> None:
    order = ORDER_OF[target]("HUGE-1")
    (order["orderItemsList"] if target is Target.KA else order["items"])[0]["quantity"] = quantity
    path = tmp_path / "orders.json"
    path.write_text(json.dumps([order]), encoding="utf-8")

    code = main(["submit", str(path), *_send_args(target, sandbox), "--json"])

    out = capsys.readouterr()
    [line] = [json.loads(text) for text in out.out.splitlines()]
    assert code == EXIT_REJECTED and line["status"] == "invalid" and message in line["message"]
    assert "Traceback" not in out.err
    assert _journaled() == 0 and sandbox.orders(target) == []


def test_the_largest_allowed_whole_numbers_pass() -> None:
    ka = ka_order("MAX-1")
    ka["orderItemsList"][0]["quantity"] = 10**16 - 1
    assert validate_order(Target.KA, ka).ok
    nomad = nomad_order("MAX-1")
    nomad["items"][0]["quantity"] = 2**31 - 1
    nomad["items"][0]["product"]["warrantyPeriod"] = 2**31 - 1  # days: a count, not a quantity
    assert validate_order(Target.NOMAD, nomad).ok
    nomad["items"][0]["product"]["warrantyPeriod"] = 2**31
    assert not validate_order(Target.NOMAD, nomad).ok


@pytest.mark.parametrize(
    "value", [10**5_000, float("inf"), "9" * 5_000, "1e999999999", -(10**5_000)],
    ids=["5000-digit int", "inf", "5000-digit text", "huge exponent", "negative 5000 digits"],
)
def test_any_size_of_number_in_any_numeric_field_is_a_message_not_a_crash(value: Any) -> None:
    nomad = nomad_order("N-1", payAmount=value)
    nomad["items"][0]["quantity"] = value
    nomad["items"][0]["product"]["warrantyPeriod"] = value
    result = validate_order(Target.NOMAD, nomad)
    assert not result.ok
    assert {error.loc for error in result.errors} == {"payAmount", "items.0.quantity",
                                                      "items.0.product.warrantyPeriod"}
    assert all(error.message and error.message != "invalid value" for error in result.errors)
    assert all(len(error.message) < 200 for error in result.errors)


def test_a_huge_quantity_in_a_spreadsheet_names_the_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "orders.csv"
    sheet.write_text("Order No,Recipient,Phone,Country,Province,SKU,Qty,Shipping speed\n"
                     f"A-1,Ann,+1 212 555 0100,US,NY,S1,{'1' * 5_000},Standard\n"
                     f"A-2,Ann,+1 212 555 0100,US,NY,S1,{10**30},Standard\n", encoding="utf-8")
    assert main(["validate", str(sheet), "--target", "ka"]) == EXIT_REJECTED
    out = capsys.readouterr().out.splitlines()
    assert "orders.csv line 2, Qty" in out[0] and "at most 16 digits" in out[0]
    assert "orders.csv line 3, Qty" in out[1] and "at most 16 digits" in out[1]


# -- references: printable characters, a length, shown escaped -----------------------------------


HOSTILE_REFERENCES = {
    "ANSI escape": (f"A-{ESC}[31mRED", "\\x1b"),
    "right-to-left override": (f"A-{RLO}FDP.exe", "\\u202e (RIGHT-TO-LEFT OVERRIDE)"),
    "NUL": (f"A-{NUL}1", "\\x00"),
    "bell and backspace": ("A-\x07\x08", "\\x07"),
    "line separator": ("A-\u2028B", "\\u2028"),
    "zero-width space": ("A-\u200bB", "\\u200b"),
}


@pytest.mark.parametrize("target", [Target.KA, Target.NOMAD])
@pytest.mark.parametrize("case", sorted(HOSTILE_REFERENCES))
def test_a_reference_with_a_control_or_bidi_character_is_refused_shown_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sandbox: SandboxServer, target: Target,
    case: str,
) -> None:
    reference, shown = HOSTILE_REFERENCES[case]
    path = tmp_path / "orders.json"
    path.write_text(json.dumps([ORDER_OF[target](reference)]), encoding="utf-8")

    for as_json in (False, True):
        code = main(["submit", str(path), *_send_args(target, sandbox),
                     *(["--json"] if as_json else [])])
        out = capsys.readouterr()
        assert code == EXIT_REJECTED
        assert _no_raw_control_characters(out.out) and _no_raw_control_characters(out.err)
        assert shown in out.out and "printable characters" in out.out
        if as_json:  # JSON escapes, so the value itself is still exactly what the file said
            [line] = [json.loads(text) for text in out.out.splitlines()]
            assert line["ref"] == reference.strip() and line["status"] == "invalid"
        else:
            assert out.out.startswith("invalid   A-")
    assert main(["validate", str(path), *_send_args(target, sandbox)[:2]]) == EXIT_REJECTED
    out = capsys.readouterr()
    assert shown in out.out and _no_raw_control_characters(out.out)
    assert _journaled() == 0 and sandbox.orders(target) == []


@pytest.mark.parametrize(("target", "limit"), [(Target.KA, 40), (Target.NOMAD, 64)])
def test_a_reference_has_a_length_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sandbox: SandboxServer, target: Target,
    limit: int,
) -> None:
    path = tmp_path / "orders.json"
    path.write_text(json.dumps([ORDER_OF[target]("R" * 100_000)]), encoding="utf-8")
    assert main(["submit", str(path), *_send_args(target, sandbox), "--json"]) == EXIT_REJECTED
    [line] = [json.loads(text) for text in capsys.readouterr().out.splitlines()]
    assert f"at most {limit} characters (got 100000)" in line["message"]
    assert _journaled() == 0 and sandbox.orders(target) == []
    assert validate_order(target, ORDER_OF[target]("R" * limit)).ok
    # Printable text of every script is a reference: only the invisible and the controlling go.
    assert validate_order(target, ORDER_OF[target]("订单-№7 Ünïcode 🙂")).ok


def test_a_spreadsheet_reference_with_an_escape_is_refused_and_shown_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "orders.csv"
    sheet.write_text("Order No,Recipient,Phone,Country,Province,SKU,Qty,Shipping speed,"
                     f"Note{ESC}[2J\n"
                     f"A-{ESC}[31m,Ann,+1 212 555 0100,US,NY,S1,1,Standard,x\n", encoding="utf-8")
    assert main(["validate", str(sheet), "--target", "ka"]) == EXIT_REJECTED
    out = capsys.readouterr()
    assert "\\x1b" in out.out and "orders.csv line 2" in out.out
    # The unused column's header is named on stderr: escaped too.
    assert "Note\\x1b[2J" in out.err
    assert _no_raw_control_characters(out.out) and _no_raw_control_characters(out.err)


# -- terminal output never carries control characters from data ---------------------------------


def test_history_prints_journaled_data_escaped(capsys: pytest.CaptureFixture[str]) -> None:
    # A journal written before references were checked, and a server message with an escape.
    with Journal(journal_path()) as journal:
        record = journal.add_order(Target.KA, "https://ka.example", f"OLD-{ESC}[31m{RLO}",
                                   "{}", "f", generated=False, batch_id=None)
        journal.set_state(record.id, OrderState.REJECTED,
                          message=f"bad sku {ESC}]52;c;Zm9v{ESC}\\ \u2028 next line")

    assert main(["history"]) == EXIT_OK
    text = capsys.readouterr().out
    assert "OLD-\\x1b[31m\\u202e" in text and "\\x1b]52;c;Zm9v" in text and "\\u2028" in text
    assert _no_raw_control_characters(text) and len(text.splitlines()) == 1

    assert main(["history", "--json"]) == EXIT_OK
    text = capsys.readouterr().out
    assert _no_raw_control_characters(text)
    [line] = [json.loads(row) for row in text.splitlines()]
    assert line["ref"] == f"OLD-{ESC}[31m{RLO}"  # the same value, as JSON escapes


@pytest.mark.parametrize("unsafe", UNSAFE_SAMPLES)
def test_result_lines_escape_whatever_a_server_says(unsafe: str) -> None:
    result = OrderResult(0, f"R{unsafe}", ResultStatus.REJECTED, message=f"no{unsafe}pe")
    text = result_line(result, as_json=False)
    assert _no_raw_control_characters(text) and "\n" not in text
    line = result_line(result, as_json=True)
    assert _no_raw_control_characters(line)
    assert json.loads(line)["message"] == f"no{unsafe}pe"


def test_log_lines_on_stderr_are_escaped_and_keep_their_line_breaks() -> None:
    import io
    import logging

    from app.cli import log_handler

    stream = io.StringIO()
    handler = log_handler(stream)
    handler.emit(logging.LogRecord("app.x", logging.WARNING, __file__, 1, "order %s failed:\n%s",
                                   (f"A{ESC}[31m", f"server said {RLO}gnp.exe"), None))
    text = stream.getvalue()
    assert "order A\\x1b[31m failed:\nserver said \\u202egnp.exe" in text
    assert _no_raw_control_characters(text)


@settings(max_examples=300, deadline=None)
@given(data=st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=5), children, max_size=4),
    max_leaves=20,
))
def test_json_lines_stay_valid_json_with_nothing_unsafe_in_them(data: Any) -> None:
    line = json_line({"value": data})
    assert _no_raw_control_characters(line)
    assert json.loads(line) == {"value": data}


@settings(max_examples=300, deadline=None)
@given(text=st.text())
def test_escaped_text_holds_nothing_unsafe_and_keeps_the_rest(text: str) -> None:
    shown = escaped(text)
    assert not any(is_unsafe(char) for char in shown)
    kept = iter(shown)  # every other character is kept, in order
    assert all(char in kept for char in text if not is_unsafe(char))
    if not any(is_unsafe(char) for char in text):
        assert shown == text
    assert json.loads(json_escaped(json.dumps(text, ensure_ascii=False))) == text


# -- exports are safe to open in a spreadsheet ---------------------------------------------------


FORMULAS = ['=HYPERLINK("http://evil.example","Click")', "+1+1", "-2+3+cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1", "=1", "-", "+"]
NUMBERS = ["-5", "+1.5", "-0.25", "12", "0", "-.5"]


def _cells(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def _looks_like_a_formula(cell: str) -> bool:
    """What a spreadsheet would evaluate: a formula character first, and not just a number."""
    return (cell.startswith(("=", "+", "-", "@", "\t", "\r"))
            and re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", cell) is None)


def test_formula_cells_are_written_behind_a_quote_and_numbers_stay_numbers() -> None:
    for formula in FORMULAS:
        assert spreadsheet_cell(formula) == "'" + formula
        assert restored_cell(spreadsheet_cell(formula)) == formula
    for number in NUMBERS:
        assert spreadsheet_cell(number) == number
    assert spreadsheet_cell("A-1") == "A-1" and spreadsheet_cell("'quoted") == "'quoted"
    assert spreadsheet_cell(None) == "" and spreadsheet_cell(-3) == "-3"
    assert restored_cell("'quoted") == "'quoted" and restored_cell("'-5") == "'-5"


def test_the_results_sheet_holds_no_live_formula(tmp_path: Path) -> None:
    path = tmp_path / "results.csv"
    write_results(path, [ImportResult(formula, (2,), "rejected", "", formula)
                         for formula in FORMULAS])
    cells = [cell for row in _cells(path)[1:] for cell in row]
    assert not any(_looks_like_a_formula(cell) for cell in cells)
    assert "'" + FORMULAS[0] in cells


def test_failed_rows_hold_no_live_formula_and_import_again_as_they_were(tmp_path: Path) -> None:
    source = tmp_path / "orders.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Order No", "Recipient", "Phone", "Country", "Province", "SKU", "Qty",
                         "Shipping speed", "Remark"])
        writer.writerow(["-A-1", '=HYPERLINK("http://evil.example","x")', "+1 212 555 0100",
                         "US", "NY", "@S1", "-2", "Standard", "-2+3+cmd|' /C calc'!A0"])
    session = open_import(source, Target.KA)
    assert not session.orders[0].ok  # quantity -2

    failed = tmp_path / "failed.csv"
    write_failed_rows(failed, session, session.invalid_orders())
    rows = _cells(failed)
    assert not any(_looks_like_a_formula(cell) for row in rows for cell in row)
    assert rows[1][:7] == ["'-A-1", "'=HYPERLINK(\"http://evil.example\",\"x\")",
                           "'+1 212 555 0100", "US", "NY", "'@S1", "-2"]  # -2: a number

    again = open_import(failed, Target.KA)
    assert again.orders[0].payload == session.orders[0].payload


def test_the_history_export_holds_no_live_formula(tmp_path: Path) -> None:
    from app.gui.history_view import HistoryView

    with Journal(journal_path()) as journal:
        for number, formula in enumerate(FORMULAS):
            record = journal.add_order(Target.KA, f"=ACCOUNT{number}", formula, "{}",
                                       f"f{number}", generated=False, batch_id=None,
                                       profile="@profile")
            journal.set_state(record.id, OrderState.REJECTED, message=formula)
        records = journal.page(HistoryFilter(), 0, -1)
    path = tmp_path / "history.csv"
    HistoryView.export_csv(path, records)
    rows = _cells(path)
    assert len(rows) == len(FORMULAS) + 1
    assert not any(_looks_like_a_formula(cell) for row in rows for cell in row)


def test_every_csv_file_the_app_writes_goes_through_the_one_neutralising_writer() -> None:
    writers = [
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "app").rglob("*.py")
        if "csv.writer(" in path.read_text(encoding="utf-8")
        or "csv.DictWriter(" in path.read_text(encoding="utf-8")
    ]
    assert writers == ["app/core/csv_export.py"]


# -- fuzzing: the JSON order reader and the spreadsheet reader -----------------------------------


_HOSTILE_TEXT = st.sampled_from(
    ["", "A-1", "=HYPERLINK(\"x\")", "\x1b[31m", "\u202e", "\x00", "\ud800", "\ufeff", "9" * 200,
     "1e999999", "[" * 70, "NaN", "-Infinity", "\u2028", "订单", "x" * 300]
) | st.text(max_size=12)
_HOSTILE_NUMBER = st.integers() | st.sampled_from(
    [10**30, -(10**30), 2**31, 2**63, 10**16, 0, -1]) | st.floats()
_LEAF = st.none() | st.booleans() | _HOSTILE_NUMBER | _HOSTILE_TEXT
_JSON_VALUE = st.recursive(
    _LEAF,
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(_HOSTILE_TEXT, children, max_size=3),
    max_leaves=12,
)


def _mutated_order(target: Target) -> st.SearchStrategy[Any]:
    """A valid order with hostile values put in at known keys (and an unknown one)."""
    keys = (["customOrderId", "remark", "channelType", "orderAddress", "orderItemsList"]
            if target is Target.KA else
            ["clientOrderRef", "platformName", "items", "customer", "payAmount",
             "campaignTrackingData"])
    return st.builds(
        lambda base, changes: {**base, **changes},
        st.just(ORDER_OF[target]("FUZZ-1")),
        st.dictionaries(st.sampled_from([*keys, "unknownKey"]), _JSON_VALUE, max_size=3),
    )


def _document(target: Target) -> st.SearchStrategy[str]:
    structured = st.tuples(
        st.one_of(_JSON_VALUE, _mutated_order(target),
                  st.lists(_mutated_order(target), max_size=3)),
        st.booleans(),
    ).map(lambda pair: json.dumps(pair[0], ensure_ascii=pair[1]))
    nested = st.tuples(st.integers(0, 3_000), st.sampled_from(["[", "{\"a\":"])).map(
        lambda pair: pair[1] * pair[0])
    return st.one_of(structured, nested, st.text(max_size=60),
                     st.builds(lambda a, b: a + b, structured, st.text(max_size=4)))


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_fuzz_the_json_order_reader(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: st.DataObject
) -> None:
    target = data.draw(st.sampled_from([Target.KA, Target.NOMAD]))
    text = data.draw(_document(target))
    path = tmp_path / "orders.json"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")

    code = main(["validate", str(path), "--target", target.value,
                 *data.draw(st.sampled_from([[], ["--json"]]))])

    out = capsys.readouterr()
    assert code in (EXIT_OK, EXIT_REJECTED, EXIT_USAGE)
    assert "Traceback" not in out.err
    assert _no_raw_control_characters(out.out) and _no_raw_control_characters(out.err)
    if code == EXIT_USAGE:
        assert "orders.json" in out.err and out.out == ""
    assert _journaled() == 0


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_fuzz_submit_refuses_unreadable_files_before_journaling_anything(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sandbox: SandboxServer,
    data: st.DataObject,
) -> None:
    prefix = data.draw(st.sampled_from(["[", "{\"a\": ", "[{\"customOrderId\": "]))
    body = data.draw(st.sampled_from([
        "[" * 100, "[" * 5_000, "1" * 101, "1" * 5_000, '"\\udc00"', "-" + "2" * 4_400,
        "{\"a\": " * 3_000, "1." + "0" * 120,
    ]))
    path = tmp_path / "orders.json"
    path.write_text(prefix + body + data.draw(st.text(max_size=5)), encoding="utf-8",
                    errors="surrogatepass")

    code = main(["submit", str(path), *_send_args(Target.KA, sandbox)])

    out = capsys.readouterr()
    assert code == EXIT_USAGE and "orders.json" in out.err and "Traceback" not in out.err
    assert _journaled() == 0 and sandbox.orders(Target.KA) == []


_CELL = _HOSTILE_TEXT | st.sampled_from(["1", "2", "US", "NY", "S1", "Standard", "+1 212 555 0100",
                                         "'=1+1", "'+1 212 555 0100", "1" * 40, "8.61381E+12"])
_SHEET_HEADERS = ["Order No", "Recipient", "Phone", "Country", "Province", "SKU", "Qty",
                  "Shipping speed", "Remark"]


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    headers=st.lists(_HOSTILE_TEXT, max_size=2).map(lambda extra: [*_SHEET_HEADERS, *extra]),
    rows=st.lists(st.lists(_CELL, min_size=0, max_size=11), min_size=1, max_size=6),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_fuzz_the_spreadsheet_reader(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], headers: list[str],
    rows: list[list[str]], delimiter: str,
) -> None:
    path = tmp_path / "orders.csv"
    with path.open("w", encoding="utf-8", newline="", errors="surrogatepass") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(headers)
        writer.writerows(rows)

    code = main(["validate", str(path), "--target", "ka", "--json"])

    out = capsys.readouterr()
    assert code in (EXIT_OK, EXIT_REJECTED, EXIT_USAGE)
    assert "Traceback" not in out.err
    assert _no_raw_control_characters(out.out) and _no_raw_control_characters(out.err)
    if code != EXIT_USAGE:
        lines = [json.loads(line) for line in out.out.splitlines()]
        assert "summary" in lines[-1]
    assert _journaled() == 0
