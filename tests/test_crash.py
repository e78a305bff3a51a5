"""Crash reports: written by the hooks, secrets redacted, offered once at the next start."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import __version__, crash
from app.buildinfo import build_id
from app.core.paths import data_dir

ENV_TOKEN = "env-token-7f3a9c"
KEYRING_SECRET = "keyring-secret-51d2e8"


@pytest.fixture
def hooks(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Install the crash hooks over recording stand-ins; everything is restored after the test."""
    calls: list[str] = []
    monkeypatch.setattr(sys, "excepthook", lambda *_: calls.append("sys"))
    monkeypatch.setattr(threading, "excepthook", lambda _args: calls.append("thread"))
    monkeypatch.setattr(crash, "_installed", False)
    monkeypatch.setattr(crash, "_known_secrets", set())
    root = logging.getLogger()
    monkeypatch.setattr(root, "level", logging.DEBUG)
    crash.install()
    yield calls
    root.removeHandler(crash._recent_handler)


def _raise(message: str) -> None:
    raise RuntimeError(message)


def test_excepthook_writes_redacted_report_and_chains(hooks: list[str], monkeypatch) -> None:
    monkeypatch.setenv("ORDER_DESK_KA_TOKEN", ENV_TOKEN)
    crash.remember_secrets([KEYRING_SECRET, None])
    logging.getLogger("app.test").warning("sending with Authorization: Bearer %s", ENV_TOKEN)
    try:
        _raise(f"bad signature for {KEYRING_SECRET}")
    except RuntimeError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)

    assert hooks == ["sys"]  # the hook it replaced still ran
    [report] = crash.pending_crash_reports()
    text = report.read_text(encoding="utf-8")
    assert ENV_TOKEN not in text
    assert KEYRING_SECRET not in text
    assert "bad signature for ***" in text
    assert "Bearer ***" in text  # the recent log line is there, redacted
    assert f"version: {__version__}" in text
    assert f"build: {build_id()}" in text
    assert "in _raise" in text and "RuntimeError" in text
    assert report.parent == Path(os.environ["ORDER_DESK_HOME"]) / "crash"


def test_thread_exception_writes_report_naming_the_thread(hooks: list[str]) -> None:
    worker = threading.Thread(target=_raise, args=("worker failed",), name="submit-worker")
    worker.start()
    worker.join()

    assert hooks == ["thread"]
    [report] = crash.pending_crash_reports()
    text = report.read_text(encoding="utf-8")
    assert "thread: submit-worker" in text
    assert "worker failed" in text


def test_keyboard_interrupt_is_not_a_crash(hooks: list[str]) -> None:
    sys.excepthook(KeyboardInterrupt, KeyboardInterrupt(), None)
    assert hooks == ["sys"]
    assert crash.pending_crash_reports() == []


def test_seen_reports_are_kept_but_not_offered_again() -> None:
    first = crash.crash_dir() / "crash-20260101T000000.000000Z.log"
    second = crash.crash_dir() / "crash-20260102T000000.000000Z.log"
    first.write_text("one", encoding="utf-8")
    second.write_text("two", encoding="utf-8")
    assert crash.pending_crash_reports() == [first, second]

    seen = crash.mark_seen(first)
    assert crash.pending_crash_reports() == [second]
    assert seen.read_text(encoding="utf-8") == "one"


def test_old_reports_are_pruned(hooks: list[str], monkeypatch) -> None:
    monkeypatch.setattr(crash, "KEEP_REPORTS", 3)
    for n in range(5):
        try:
            _raise(f"crash {n}")
        except RuntimeError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
    reports = crash.pending_crash_reports()
    assert len(reports) == 3
    assert "crash 4" in reports[-1].read_text(encoding="utf-8")


def test_crash_in_one_process_is_found_by_the_next(tmp_path: Path) -> None:
    """A real interpreter dies of an unhandled exception; a later start finds its report."""
    program = (
        "import os, app.crash\n"
        "app.crash.install()\n"
        "raise RuntimeError('token was ' + os.environ['ORDER_DESK_NOMAD_APP_SECRET'])\n"
    )
    env = {**os.environ, "ORDER_DESK_NOMAD_APP_SECRET": ENV_TOKEN}
    result = subprocess.run([sys.executable, "-c", program], env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 1
    assert "RuntimeError" in result.stderr  # the default hook still printed it

    [report] = crash.pending_crash_reports()
    text = report.read_text(encoding="utf-8")
    assert "token was ***" in text
    assert ENV_TOKEN not in text


# The offscreen platform cannot resize message boxes to their hints; irrelevant here.
@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_next_start_offers_the_report_once(qtbot) -> None:
    report = crash.crash_dir() / "crash-20260101T000000.000000Z.log"
    report.write_text("Traceback: something broke\n", encoding="utf-8")

    box = crash.offer_previous_crash(None)
    assert box is not None
    qtbot.addWidget(box)
    qtbot.waitUntil(box.isVisible)
    assert "something broke" in box.detailedText()
    assert not box.isModal()
    assert crash.pending_crash_reports() == []
    assert crash.offer_previous_crash(None) is None


def test_a_native_crash_leaves_a_report_the_next_start_offers(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parent.parent
    code = ("import faulthandler; from app import crash; crash.install(); "
            "faulthandler._sigsegv()")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONFAULTHANDLER"}
    died = subprocess.run([sys.executable, "-c", code], cwd=root, env=env, capture_output=True,
                          text=True, timeout=60)
    assert died.returncode != 0
    [trace] = data_dir().glob(".native-*.trace")
    assert "Segmentation fault" in trace.read_text(encoding="utf-8")

    [report] = crash.collect_native_crashes()
    text = report.read_text(encoding="utf-8")
    assert "native" in text and "Segmentation fault" in text
    assert report in crash.pending_crash_reports()
    assert not list(data_dir().glob(".native-*.trace"))

    # A clean exit leaves no trace behind.
    clean = subprocess.run([sys.executable, "-c", "from app import crash; crash.install()"],
                           cwd=root, env=env, capture_output=True, text=True, timeout=60)
    assert clean.returncode == 0, clean.stderr
    assert not list(data_dir().glob(".native-*.trace"))
