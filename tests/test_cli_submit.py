"""`order-desk submit | validate | history | reconcile` end to end, against the sandbox over
loopback HTTP and a real journal in the test's private data directory."""

from __future__ import annotations

import io
import json
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.cli import EXIT_OK, EXIT_REJECTED, EXIT_UNKNOWN, EXIT_USAGE, main, submit_cmd
from app.core.accounts import EMBEDDED_SANDBOX
from app.core.engine import OrderResult
from app.core.journal import HistoryFilter, Journal, OrderState
from app.core.paths import data_dir, journal_path
from app.core.settings import Profile, Settings, save_settings
from app.core.targets import Environment, Target
from app.sandbox import SandboxConfig, SandboxServer
from tests.fixtures.sandbox import ka_order, nomad_order

# Sandboxes reached by URL are servers like any other: they need credentials.
pytestmark = pytest.mark.usefixtures("sandbox_credentials")


def write(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def json_lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture
def counting(sandbox_factory: Callable[..., SandboxServer]) -> SandboxServer:
    return sandbox_factory(SandboxConfig(allow_duplicate_references=True))


def test_submit_prints_one_json_line_per_order_and_a_re_run_sends_nothing(
    tmp_path: Path, counting: SandboxServer, capsys: pytest.CaptureFixture[str]
) -> None:
    orders = write(tmp_path / "orders.json", [ka_order(f"CLI-{n}") for n in range(5)])
    args = ["submit", str(orders), "--target", "ka", "--base-url", counting.ka_base_url, "--json"]
    assert main(args) == EXIT_OK
    lines = json_lines(capsys.readouterr().out)
    assert sorted(line["ref"] for line in lines) == [f"CLI-{n}" for n in range(5)]
    assert {line["status"] for line in lines} == {"accepted"}
    assert all(
        set(line) == {"ref", "status", "remote_id", "message", "already_sent", "warnings"}
        for line in lines
    )
    assert all(line["remote_id"] and not line["already_sent"] for line in lines)

    assert main(args) == EXIT_OK
    out = capsys.readouterr()
    again = json_lines(out.out)
    assert {line["status"] for line in again} == {"accepted"}
    assert all("not sent again" in line["message"] and line["already_sent"] for line in again)
    # The summary counts them apart from orders accepted by this run.
    assert "5 order(s): 5 already sent earlier (not sent again)" in out.err
    assert [counting.count_by_reference(Target.KA, f"CLI-{n}") for n in range(5)] == [1] * 5


def test_a_json_orders_warnings_come_with_its_result_once_checked(
    tmp_path: Path, counting: SandboxServer, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from app.core.engine import admission
    from app.core.models import validation

    checks: list[int] = []  # orders checked as operator input (the sandbox checks strictly)
    check = validation.validate_orders

    def counted(target: Target, payloads: list[Any], **options: Any) -> Any:
        if not options.get("strict"):
            checks.append(len(payloads))
        return check(target, payloads, **options)

    for checker in (validation, admission):  # every way an order gets checked
        monkeypatch.setattr(checker, "validate_orders", counted)
    odd = ka_order("W-1")
    odd["orderAddress"]["province"] = "Atlantis"
    orders = write(tmp_path / "orders.json", [odd, ka_order("W-2")])
    args = ["submit", str(orders), "--target", "ka", "--base-url", counting.ka_base_url, "--json"]
    assert main(args) == EXIT_OK
    lines = {line["ref"]: line for line in json_lines(capsys.readouterr().out)}
    assert lines["W-1"]["status"] == "accepted"
    assert lines["W-1"]["warnings"] == [
        "orders.json #1: orderAddress.province: not a known province or state of FR: "
        "'Atlantis' (sent as written)"]
    assert lines["W-2"]["warnings"] == []
    assert sum(checks) == 2, "each order is checked once, by the engine"


def test_a_single_payload_file_and_several_files_make_one_batch(
    tmp_path: Path, counting: SandboxServer, capsys: pytest.CaptureFixture[str]
) -> None:
    one = write(tmp_path / "one.json", nomad_order("N-1"))
    more = write(tmp_path / "more.json", [nomad_order("N-2"), nomad_order("N-3")])
    code = main(["submit", str(one), str(more), "--target", "nomad", "--base-url",
                 counting.nomad_base_url, "--store", "sandbox.store", "--stage", "TEST"])
    assert code == EXIT_OK
    out = capsys.readouterr()
    assert len(out.out.splitlines()) == 3 and "3 order(s): 3 accepted" in out.err
    with Journal(journal_path()) as journal:
        assert journal.count(HistoryFilter(state=OrderState.ACCEPTED, target=Target.NOMAD)) == 3


def test_invalid_orders_are_reported_and_never_sent(
    tmp_path: Path, counting: SandboxServer, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = ka_order("BAD-1")
    bad["orderItemsList"][0]["quantity"] = -1
    orders = write(tmp_path / "orders.json", [bad, ka_order(None, orderAddress={}),
                                              ka_order("OK-1")])
    code = main(["submit", str(orders), "--target", "ka", "--base-url", counting.ka_base_url,
                 "--json"])
    assert code == EXIT_REJECTED
    lines = json_lines(capsys.readouterr().out)
    assert sorted((line["ref"], line["status"]) for line in lines if line["ref"]) == [
        ("BAD-1", "invalid"), ("OK-1", "accepted")]
    [unreferenced] = [line for line in lines if line["ref"] is None]
    assert unreferenced["status"] == "invalid"
    assert unreferenced["message"].startswith("orders.json #2: orderAddress")
    assert counting.count_by_reference(Target.KA, "BAD-1") == 0
    assert len(counting.orders(Target.KA)) == 1


def test_an_order_without_reference_points_at_its_place_in_the_file(
    tmp_path: Path, counting: SandboxServer, capsys: pytest.CaptureFixture[str]
) -> None:
    orders = write(tmp_path / "orders.json", [ka_order("A"), ka_order(None, channelType="Slow")])
    assert main(["validate", str(orders), "--target", "ka", "--json"]) == EXIT_REJECTED
    lines = json_lines(capsys.readouterr().out)
    assert lines[0] == {"ref": "A", "status": "valid", "message": "", "warnings": []}
    assert lines[1]["status"] == "invalid" and lines[1]["message"].startswith("orders.json #2:")
    assert not journal_path().exists() or Journal(journal_path()).count() == 0


@pytest.mark.parametrize(
    ("content", "expected"),
    [(None, "no such file"), (b"{not json", "not valid JSON"), (b"[1, 2]", "not a JSON object"),
     (b"\xff\xfe\x00garbage", "not UTF-8")],
)
def test_unreadable_input_exits_2_with_the_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, expected: str
) -> None:
    path = tmp_path / "orders.json"
    if content is not None:
        path.write_bytes(content)
    assert main(["submit", str(path), "--target", "ka", "--base-url", "http://127.0.0.1:9"]) == 2
    assert expected in capsys.readouterr().err
    assert not journal_path().exists() or Journal(journal_path()).count() == 0


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    orders = write(tmp_path / "orders.json", [ka_order("A")])
    assert main(["submit", str(orders), "--target", "ka", "--rate-limit", "fast"]) == EXIT_USAGE
    assert "rate limit" in capsys.readouterr().err
    assert main(["submit", str(orders), "--target", "ka", "--profile", "Nope"]) == EXIT_USAGE
    assert "no profile named 'Nope'" in capsys.readouterr().err
    assert main(["submit", str(orders), "--target", "ka", "--profile", "Sandbox Nomad"]) == 2
    assert "is for Nomad" in capsys.readouterr().err
    assert main(["submit", str(orders), "--target", "ka", "--concurrency", "0"]) == EXIT_USAGE
    with pytest.raises(SystemExit) as exited:
        main(["submit", str(orders)])  # --target is required
    assert exited.value.code == EXIT_USAGE


def test_missing_credentials_are_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ORDER_DESK_KA_TOKEN")
    settings = Settings()
    settings.add(Profile("Live KA", Target.KA, Environment.PRODUCTION,
                         base_url="http://127.0.0.1:9"))
    save_settings(settings)
    orders = write(tmp_path / "orders.json", [ka_order("A")])
    assert main(["submit", str(orders), "--target", "ka", "--profile", "Live KA"]) == EXIT_USAGE
    assert "ORDER_DESK_KA_TOKEN" in capsys.readouterr().err


def test_a_sandbox_profile_without_url_runs_an_embedded_sandbox(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    orders = write(tmp_path / "orders.json", [ka_order("EMB-1"), ka_order("EMB-2")])
    assert main(["submit", str(orders), "--target", "ka", "--json"]) == EXIT_OK
    assert {line["status"] for line in json_lines(capsys.readouterr().out)} == {"accepted"}
    assert (data_dir() / "sandbox.sqlite3").exists(), "the embedded sandbox keeps its orders"

    assert main(["history", "--json", "--limit", "1"]) == EXIT_OK
    [latest] = json_lines(capsys.readouterr().out)
    assert (latest["ref"], latest["state"], latest["target"]) == ("EMB-2", "accepted", "ka")
    assert main(["history", "--ref", "EMB-1"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "EMB-1" in out and "EMB-2" not in out
    assert main(["history", "--state", "rejected"]) == EXIT_OK
    assert capsys.readouterr().out == ""
    assert main(["history", "--text", "Jeanne", "--json"]) == EXIT_OK
    assert len(json_lines(capsys.readouterr().out)) == 2


def test_unknown_outcomes_exit_3_and_reconcile_resolves_them(
    tmp_path: Path, sandbox_factory: Callable[..., SandboxServer],
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    server = sandbox_factory(SandboxConfig(allow_duplicate_references=True, latency=1.0))
    settings = Settings()
    # Answers take longer than this profile waits: every outcome is unknown, lookups too.
    settings.add(Profile("Slow KA", Target.KA, Environment.TEST, base_url=server.ka_base_url,
                         timeout=0.2))
    save_settings(settings)
    monkeypatch.setenv("ORDER_DESK_KA_TOKEN", "sandbox-ka-token")
    orders = write(tmp_path / "orders.json", [ka_order("SLOW-1")])
    code = main(["submit", str(orders), "--target", "ka", "--profile", "Slow KA", "--json"])
    assert code == EXIT_UNKNOWN
    [line] = json_lines(capsys.readouterr().out)
    assert line["status"] == "unknown"

    server.set_faults(latency=0.0)
    assert main(["reconcile", "--json"]) == EXIT_OK
    [resolved] = json_lines(capsys.readouterr().out)
    assert (resolved["ref"], resolved["status"]) == ("SLOW-1", "accepted")
    assert server.count_by_reference(Target.KA, "SLOW-1") == 1
    assert main(["reconcile"]) == EXIT_OK  # nothing left
    assert capsys.readouterr().out == ""


def test_another_sender_on_the_journal_makes_submit_exit_2_without_sending(
    tmp_path: Path, counting: SandboxServer, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.core.journal import SendLock

    orders = write(tmp_path / "orders.json", [ka_order("BUSY-1")])
    other = SendLock(journal_path())
    other.acquire()
    try:
        code = main(["submit", str(orders), "--target", "ka", "--base-url", counting.ka_base_url])
    finally:
        other.release()
    assert code == EXIT_USAGE
    err = capsys.readouterr().err
    # One clear line: no traceback, no advice about orders it never journaled.
    assert err.count("\n") == 1 and "Another Order Desk" in err
    assert "Nothing was journaled" in err
    assert not any(word in err for word in ("Traceback", "unknown", "reconcile"))
    assert counting.orders(Target.KA) == []
    with Journal(journal_path()) as journal:
        assert journal.count() == 0


def test_reconcile_with_another_sender_exits_2_and_names_queued_leftovers(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from app.core.journal import SendLock

    with Journal(journal_path()) as journal:
        stuck = journal.add_order(Target.KA, EMBEDDED_SANDBOX, "STUCK-1", "{}", "fp",
                                  generated=False, batch_id=None)
        journal.set_state(stuck.id, OrderState.UNKNOWN)
        journal.add_order(Target.KA, EMBEDDED_SANDBOX, "NEVER-SENT", "{}", "fp2",
                          generated=False, batch_id=None)
    other = SendLock(journal_path())
    other.acquire()
    try:
        assert main(["reconcile"]) == EXIT_USAGE
    finally:
        other.release()
    assert "Another Order Desk" in capsys.readouterr().err
    with Journal(journal_path()) as journal:
        journal.set_state(stuck.id, OrderState.ACCEPTED)
    assert main(["reconcile"]) == EXIT_OK
    assert "1 order(s) were journaled but never sent" in capsys.readouterr().err


def test_a_held_duplicate_names_the_option_that_sends_it(
    tmp_path: Path, counting: SandboxServer, capsys: pytest.CaptureFixture[str]
) -> None:
    orders = write(tmp_path / "orders.json", [ka_order(None)])
    args = ["submit", str(orders), "--target", "ka", "--base-url", counting.ka_base_url]
    assert main(args) == EXIT_OK
    capsys.readouterr()
    assert main(args) == EXIT_REJECTED
    err = capsys.readouterr().err
    assert "1 held back as suspected duplicates" in err and "--allow-duplicates" in err
    assert main([*args, "--allow-duplicates"]) == EXIT_OK


def test_empty_history_and_reconcile_say_so_on_stderr_only(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["history"]) == EXIT_OK
    out = capsys.readouterr()
    assert out.out == "" and "no orders yet" in out.err
    assert main(["history", "--state", "unknown"]) == EXIT_OK
    assert "no orders match" in capsys.readouterr().err
    assert main(["history", "--json"]) == EXIT_OK
    assert capsys.readouterr() == ("", "")  # scripts get nothing to parse around
    assert main(["reconcile"]) == EXIT_OK
    out = capsys.readouterr()
    assert out.out == "" and "nothing to reconcile" in out.err


def test_ctrl_c_while_result_lines_are_made_keeps_one_line_per_order(
    tmp_path: Path, counting: SandboxServer, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    refs = [f"CC-{n}" for n in range(5)]
    orders = write(tmp_path / "orders.json", [ka_order(r) for r in refs])
    line = submit_cmd.result_line
    interrupted: list[str] = []

    def ctrl_c_on_the_first_line(result: OrderResult, **options: Any) -> str:
        if not interrupted:
            interrupted.append(str(result.reference))
            signal.raise_signal(signal.SIGINT)  # the operator's Ctrl-C, landing right here
        return line(result, **options)

    monkeypatch.setattr(submit_cmd, "result_line", ctrl_c_on_the_first_line)
    main(["submit", str(orders), "--target", "ka", "--base-url", counting.ka_base_url,
          "--json", "--concurrency", "1"])
    printed = [line["ref"] for line in json_lines(capsys.readouterr().out)]
    assert interrupted
    assert sorted(printed) == refs  # accepted or not sent, but one line each


def test_a_second_ctrl_c_loses_no_line_made_before_it(
    tmp_path: Path, sandbox_factory: Callable[..., SandboxServer],
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    """After a first Ctrl-C, lines keep coming out while the requests in flight finish; a
    second one leaves every line already made written."""
    server = sandbox_factory(SandboxConfig(latency=0.1, allow_duplicate_references=True))
    orders = write(tmp_path / "orders.json", [ka_order(f"CC2-{n}") for n in range(12)])
    line = submit_cmd.result_line
    made: list[str] = []

    def ctrl_c_twice(result: OrderResult, **options: Any) -> str:
        made.append(str(result.reference))
        if len(made) in (1, 2):  # the first line, then the next one made after it
            signal.raise_signal(signal.SIGINT)
        return line(result, **options)

    monkeypatch.setattr(submit_cmd, "result_line", ctrl_c_twice)
    with pytest.raises(KeyboardInterrupt):
        main(["submit", str(orders), "--target", "ka", "--base-url", server.ka_base_url,
              "--json", "--concurrency", "4"])
    printed = [line["ref"] for line in json_lines(capsys.readouterr().out)]
    assert len(made) >= 2
    assert sorted(printed) == sorted(set(made)), (printed, made)


def test_a_line_stdout_cannot_encode_is_escaped_and_the_batch_goes_on(
    tmp_path: Path, counting: SandboxServer, monkeypatch: pytest.MonkeyPatch,
) -> None:
    refs = ["订单-1"] + [f"ENC-{n}" for n in range(30)]
    orders = tmp_path / "orders.json"
    orders.write_text(json.dumps([ka_order(r) for r in refs], ensure_ascii=False),
                      encoding="utf-8")
    out = io.TextIOWrapper(io.BytesIO(), encoding="cp1252")  # Windows, stdout redirected
    monkeypatch.setattr(sys, "stdout", out)
    code = main(["submit", str(orders), "--target", "ka", "--base-url", counting.ka_base_url,
                 "--concurrency", "1"])
    out.flush()
    lines = out.buffer.getvalue().decode("cp1252").splitlines()  # type: ignore[attr-defined]
    assert code == EXIT_OK
    assert sum(counting.count_by_reference(Target.KA, r) for r in refs) == 31
    assert len(lines) == 31
    assert lines[0].startswith("accepted  \\u8ba2\\u5355-1 ")


def test_validate_escapes_a_line_stdout_cannot_encode_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    refs = ["ENC-0", "订单-1", "ENC-2"]
    orders = tmp_path / "orders.json"
    orders.write_text(json.dumps([ka_order(r) for r in refs], ensure_ascii=False),
                      encoding="utf-8")
    out = io.TextIOWrapper(io.BytesIO(), encoding="cp1252")
    monkeypatch.setattr(sys, "stdout", out)
    assert main(["validate", str(orders), "--target", "ka"]) == EXIT_OK
    out.flush()
    lines = out.buffer.getvalue().decode("cp1252").splitlines()  # type: ignore[attr-defined]
    assert lines == ["valid     ENC-0", "valid     \\u8ba2\\u5355-1", "valid     ENC-2"]
