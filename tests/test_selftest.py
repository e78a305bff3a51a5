"""`order-desk --self-test` from source: the same path the frozen build's slow test runs."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from app import selftest


def _run_self_test(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "app", "--self-test"], env=env,
                          capture_output=True, text=True, timeout=120)


def test_self_test_passes_in_a_temporary_home(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("ORDER_DESK_HOME", "DISPLAY",
                                                             "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["TMPDIR"] = str(tmp_path)  # the temporary home lands here, so we can see it removed
    result = _run_self_test(env)

    assert result.returncode == 0, result.stdout + result.stderr
    for name, _check in selftest.CHECKS:
        assert any(line.split()[:1] == ["ok"] and name in line
                   for line in result.stdout.splitlines()), result.stdout
    assert "offscreen platform" in result.stdout  # no display: headless on its own
    assert "self-test passed" in result.stdout
    assert list(tmp_path.iterdir()) == []  # the temporary data directory was removed


def test_self_test_uses_the_given_home_and_journals_the_order(tmp_path: Path) -> None:
    home = tmp_path / "desk"
    result = _run_self_test({**os.environ, "ORDER_DESK_HOME": str(home)})
    assert result.returncode == 0, result.stdout + result.stderr

    with sqlite3.connect(home / "journal.sqlite3") as db:
        states = db.execute("SELECT state, remote_id FROM orders").fetchall()
    assert len(states) == 1
    state, remote_id = states[0]
    assert state == "accepted" and remote_id
    assert f"remote id {remote_id}" in result.stdout
    assert not list((home / "crash").glob("crash-*"))  # its own test report was cleaned up


def test_a_failing_check_fails_the_self_test(monkeypatch, capsys) -> None:
    def broken() -> str:
        raise RuntimeError("sandbox unreachable")

    monkeypatch.setattr(selftest, "CHECKS", (("fine", lambda: "all good"), ("broken", broken)))
    assert selftest.run_self_test() == 1
    out = capsys.readouterr().out
    assert "ok     fine" in out
    assert "FAILED broken" in out and "RuntimeError: sandbox unreachable" in out
    assert "self-test FAILED" in out


def test_clean_shutdown_names_a_lingering_thread(monkeypatch) -> None:
    monkeypatch.setattr(selftest, "SHUTDOWN_GRACE", 0.1)
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait, name="stuck-worker")
    worker.start()
    try:
        with pytest.raises(AssertionError, match="stuck-worker"):
            selftest.check_clean_shutdown()
    finally:
        stop.set()
        worker.join()


def test_checks_can_be_selected_by_name(monkeypatch) -> None:
    monkeypatch.setenv(selftest.SELECT_ENV, "crash reports, no such check")
    selected = selftest.selected_checks()
    assert [name for name, _check in selected] == ["crash reports", "no such check"]
    assert selected[0][1] is selftest.check_crash_reports
    with pytest.raises(LookupError, match="known: keyring backend"):
        selected[1][1]()
