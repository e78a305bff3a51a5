"""`order-desk sandbox` as a real process: prints where it listens, serves, stops on a signal."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.cli import build_parser
from app.cli.sandbox_cmd import config_from_args, is_loopback
from tests.fixtures.sandbox import ka_headers, ka_order

ROOT = Path(__file__).resolve().parent.parent
URL_LINE = re.compile(r"KA base URL:\s+(http://127\.0\.0\.1:\d+)")


@pytest.fixture
def sandbox_process(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], str]]:
    db = tmp_path / "cli.sqlite3"
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "sandbox", "--port", "0", "--db", str(db)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        url = None
        assert process.stdout is not None
        for line in process.stdout:  # the banner is printed and flushed once it listens
            match = URL_LINE.search(line)
            if match:
                url = match.group(1)
                break
        assert url, "the sandbox never printed its URL"
        yield process, url
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=10)


def test_cli_serves_orders_and_stops_cleanly_on_sigint(
    sandbox_process: tuple[subprocess.Popen[str], str],
) -> None:
    process, url = sandbox_process
    reply = httpx.post(url + "/openapi/v2/order/orders", json=ka_order(), headers=ka_headers())
    assert reply.json()["code"] == 10000

    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=10)

    assert process.returncode == 0, err
    assert "sandbox stopped" in out
    assert "Traceback" not in err
    with pytest.raises(httpx.ConnectError):
        httpx.get(url + "/openapi/v1/payment/balance")


def test_cli_prints_both_urls_and_the_expected_credentials(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "sandbox", "--nomad-app-key", "k-9", "--error-rate", "0.2"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        banner = [process.stdout.readline() for _ in range(9)]
        process.terminate()  # SIGTERM stops it as cleanly as Ctrl+C
        rest, _ = process.communicate(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    text = "".join(banner)
    assert re.search(r"Nomad base URL:\s+http://127\.0\.0\.1:\d+/envoy", text)
    assert "sandbox-ka-token" in text and "k-9" in text and "sandbox-app-secret" in text
    assert "error_rate=0.2" in text
    assert process.returncode == 0
    assert "sandbox stopped" in rest


def test_cli_refuses_a_non_loopback_host_and_says_why() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "app", "sandbox", "--host", "0.0.0.0"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 2
    assert "--allow-remote" in result.stderr
    assert "credentials" in result.stderr


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("127.0.0.1", True),
        ("127.5.0.1", True),
        ("::1", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("192.168.1.10", False),
        ("example.com", False),
    ],
)
def test_loopback_detection(host: str, expected: bool) -> None:
    assert is_loopback(host) is expected


def test_options_map_onto_the_config() -> None:
    args = build_parser().parse_args(
        [
            "sandbox",
            "--port",
            "8123",
            "--ka-token",
            "t",
            "--db",
            "x.sqlite3",
            "--latency",
            "0.5",
            "--error-rate",
            "0.1",
            "--malformed-rate",
            "0.2",
            "--drop-after-commit-rate",
            "0.3",
            "--no-rate-limit",
            "--ship-after",
            "90",
            "--seed",
            "4",
        ]
    )
    config = config_from_args(args)
    assert config.ship_after == 90.0
    assert config_from_args(build_parser().parse_args(["sandbox"])).ship_after is None

    assert (config.port, config.ka_token, config.db_path) == (8123, "t", Path("x.sqlite3"))
    assert (config.latency, config.error_rate, config.malformed_rate) == (0.5, 0.1, 0.2)
    assert config.drop_after_commit_rate == 0.3
    assert config.ka_rate_limit is None and config.seed == 4
    assert config_from_args(build_parser().parse_args(["sandbox"])).ka_rate_limit == 2.0


@pytest.mark.parametrize(
    ("option", "says"),
    [
        ("--error-rate=1.5", "must be between 0 and 1, not 1.5"),
        ("--latency=-1", "must not be negative"),
        ("--ship-after=-5", "must not be negative"),
        ("--malformed-rate=x", "must be a number, not 'x'"),
        ("--latency=nan", "must be a finite number"),
        ("--port=70000", "must be between 0 and 65535, not 70000"),  # was a crash in bind()
    ],
)
def test_out_of_range_options_are_usage_errors(
    option: str, says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        build_parser().parse_args(["sandbox", option])
    assert exit_info.value.code == 2
    assert says in capsys.readouterr().err


def test_help_shows_the_default_credentials(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # no line wrapping inside the values
    with pytest.raises(SystemExit):
        build_parser().parse_args(["sandbox", "--help"])
    text = capsys.readouterr().out
    for default in ("sandbox-ka-token", "203000000", "sandbox-app-secret"):
        assert f"(default: {default})" in text


@pytest.mark.parametrize("kind", ["garbage file", "folder"])
def test_cli_reports_an_unusable_database_file(tmp_path: Path, kind: str) -> None:
    bad = tmp_path / "bad.sqlite3"
    if kind == "folder":
        bad.mkdir()
    else:
        bad.write_bytes(b"\x00not sqlite\x00" * 200)
    result = subprocess.run(
        [sys.executable, "-m", "app", "sandbox", "--db", str(bad)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 2
    assert "not a usable sandbox database" in result.stderr or (
        f"cannot use {bad} to keep orders" in result.stderr
    )
    assert "Traceback" not in result.stderr
