"""Crash reports: an unhandled exception leaves a log file, and the next start offers to show it.

`install()` hooks `sys.excepthook` and `threading.excepthook` (chaining to the hooks it replaces,
so the GUI's error sink and debuggers still see everything) and keeps the last log lines in memory.
A report goes to ``<data dir>/crash/crash-<UTC time>.log`` with the version, build, platform,
traceback and those lines. Every secret the process knows is redacted first: the values of
``ORDER_DESK_*`` environment variables, whatever was passed to `remember_secrets` (the values
read from the keyring) and the credentials any API client of this process was built with
(`app.core.redaction`). `RedactingFormatter` does the same for log files and the command line's
log output.

A native crash (a fault in Qt or another C library, which no Python hook sees) is written by
`faulthandler` to a trace file of the running process, held locked for the
process's life (``<data dir>/.native-<pid>.trace``); the next start turns a dead process's
non-empty trace into a crash report like any other, so it is offered the same way.

The core of this module has no Qt; only `offer_previous_crash` imports it, lazily.
"""

from __future__ import annotations

import atexit
import faulthandler
import logging
import os
import sys
import threading
import traceback
from collections import deque
from collections.abc import Callable, Iterable
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING

import app
from app.core.paths import data_dir
from app.core.redaction import remembered_secrets
from app.core.secrets import redact

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger(__name__)

ENV_PREFIX = "ORDER_DESK_"
NOT_SECRET_VARIABLES = (
    "ORDER_DESK_HOME",
    "ORDER_DESK_BUILD_ID",
    "ORDER_DESK_SELF_TEST_CHECKS",
    "ORDER_DESK_FROZEN_DIST",
)
RECENT_LINES = 200
KEEP_REPORTS = 20  # older reports are deleted so a crash loop cannot fill the disk
_SEEN_SUFFIX = ".seen"

_known_secrets: set[str] = set()
_recent: deque[str] = deque(maxlen=RECENT_LINES)
_lock = threading.Lock()


class _RecentLines(logging.Handler):
    """Keeps the last formatted log lines for the next crash report."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            _recent.append(self.format(record))
        except Exception:  # a broken record must never break logging itself
            self.handleError(record)


class RedactingFormatter(logging.Formatter):
    """A formatter whose output (message, arguments, traceback) carries no known secret: for
    anything that writes log lines where others may read them."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record), known_secrets())


LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_recent_handler = _RecentLines(logging.DEBUG)
_recent_handler.setFormatter(logging.Formatter(LOG_FORMAT))


def crash_dir() -> Path:
    path = data_dir() / "crash"
    path.mkdir(parents=True, exist_ok=True)
    return path


def remember_secrets(values: Iterable[str | None]) -> None:
    """Register secret values this process has read (e.g. from the keyring) for redaction."""
    with _lock:
        _known_secrets.update(v for v in values if v)


def known_secrets() -> tuple[str, ...]:
    """Every secret value to redact: remembered ones, those API clients were built with, and
    ``ORDER_DESK_*`` environment values.

    Longest first, so a secret that contains another is replaced whole.
    """
    from_env = (v for k, v in os.environ.items() if k.startswith(ENV_PREFIX) and v)
    with _lock:
        values = set(_known_secrets)
    values.update(from_env)
    values.update(remembered_secrets())
    # Settings, not secrets: redacting a path or a check name would only hide what happened.
    for name in NOT_SECRET_VARIABLES:
        values.discard(os.environ.get(name, ""))
    return tuple(sorted(values, key=len, reverse=True))


def format_report(
    kind: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    thread_name: str | None = None,
) -> str:
    """The crash report's text, secrets already redacted."""
    from datetime import UTC, datetime  # imported when a report is written, as `_build_lines`

    lines = [
        "Order Desk crash report",
        f"time: {datetime.now(UTC).isoformat(timespec='seconds')}",
        *_build_lines(),
        f"thread: {thread_name or threading.current_thread().name}",
        "",
        "".join(traceback.format_exception(kind, exc, tb)).rstrip(),
        "",
        f"last {RECENT_LINES} log lines:",
        *list(_recent),
    ]
    return redact("\n".join(lines) + "\n", known_secrets())


def _build_lines() -> list[str]:
    """Version, build and platform, as every report starts."""
    # Imported when a report is written, not by every start that installs the hooks.
    import platform

    from app.buildinfo import build_id

    frozen = "frozen" if getattr(sys, "frozen", False) else "source"
    return [
        f"version: {app.__version__}",
        f"build: {build_id()}",
        f"platform: {platform.platform()} ({platform.machine()})",
        f"python: {platform.python_version()} ({frozen})",
    ]


def write_report(
    kind: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    thread_name: str | None = None,
) -> Path:
    """Write a crash report and return its path."""
    from datetime import UTC, datetime

    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    path = crash_dir() / f"crash-{stamp}.log"
    path.write_text(format_report(kind, exc, tb, thread_name), encoding="utf-8")
    _prune()
    return path


def _prune() -> None:
    reports = sorted(crash_dir().glob("crash-*"))
    for old in reports[:-KEEP_REPORTS]:
        old.unlink(missing_ok=True)


def pending_crash_reports() -> list[Path]:
    """Reports not yet offered to the operator, oldest first."""
    return sorted(p for p in crash_dir().glob("crash-*.log"))


def mark_seen(report: Path) -> Path:
    """Keep the report (for support) but stop offering it."""
    seen = report.with_name(report.name + _SEEN_SUFFIX)
    report.replace(seen)
    return seen


ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]
ThreadHook = Callable[[threading.ExceptHookArgs], object]


def _chain_excepthook(previous: ExceptHook) -> ExceptHook:
    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if not issubclass(kind, KeyboardInterrupt):
            _write_safely(kind, exc, tb, None)
        previous(kind, exc, tb)

    return hook


def _chain_threadhook(previous: ThreadHook) -> ThreadHook:
    def hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None and not issubclass(args.exc_type, SystemExit):
            name = args.thread.name if args.thread else None
            _write_safely(args.exc_type, args.exc_value, args.exc_traceback, name)
        previous(args)

    return hook


def _write_safely(
    kind: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    thread_name: str | None,
) -> None:
    # A failure here must not hide the original exception from the hooks that follow.
    try:
        path = write_report(kind, exc, tb, thread_name)
        log.critical("crash report written to %s", path)
    except Exception:
        log.exception("could not write a crash report")


_installed = False


def install() -> None:
    """Install the hooks and start keeping recent log lines. Safe to call more than once."""
    global _installed
    if _installed:
        return
    _installed = True
    logging.getLogger().addHandler(_recent_handler)
    sys.excepthook = _chain_excepthook(sys.excepthook)
    threading.excepthook = _chain_threadhook(threading.excepthook)
    try:
        collect_native_crashes()
        _watch_native_crashes()
    except OSError as exc:  # a read-only data folder must not stop the program
        log.info("native crashes cannot be recorded: %s", exc)


_native_trace: IO[str] | None = None


def _watch_native_crashes() -> None:
    """Send what `faulthandler` writes on a fatal signal to this process's trace file."""
    global _native_trace
    if faulthandler.is_enabled():
        return  # already sent somewhere by whoever runs us (PYTHONFAULTHANDLER, a test runner)
    handle = _trace_path(os.getpid()).open("w", encoding="utf-8")
    _hold(handle.fileno())
    faulthandler.enable(file=handle, all_threads=True)
    _native_trace = handle
    atexit.register(_forget_native_trace, handle)


def _trace_path(pid: int | str) -> Path:
    # Beside the crash folder, not in it: that folder exists only once something crashed.
    return data_dir() / f".native-{pid}.trace"


def _forget_native_trace(handle: IO[str]) -> None:
    """A clean exit: the (empty) trace is not a crash."""
    faulthandler.disable()
    path = Path(handle.name)
    handle.close()
    path.unlink(missing_ok=True)


def collect_native_crashes() -> list[Path]:
    """Turn the traces of processes that died natively into crash reports; returns them."""
    reports = []
    for trace in sorted(data_dir().glob(_trace_path("*").name)):
        with trace.open("r", encoding="utf-8", errors="replace") as handle:
            if not _try_hold(handle.fileno()):
                continue  # its process is still running
            text = handle.read()
        if text.strip():
            from datetime import UTC, datetime

            stamp = datetime.fromtimestamp(trace.stat().st_mtime, UTC)
            report = crash_dir() / f"crash-{stamp.strftime('%Y%m%dT%H%M%S.%fZ')}.log"
            lines = [
                "Order Desk crash report (native: the process was stopped by a fatal signal)",
                f"time: {stamp.isoformat(timespec='seconds')}",
                *_build_lines(),
                "",
                text.rstrip(),
            ]
            report.write_text(redact("\n".join(lines) + "\n", known_secrets()),
                              encoding="utf-8")
            reports.append(report)
        trace.unlink(missing_ok=True)
    if reports:
        _prune()
    return reports


if sys.platform == "win32":
    import msvcrt

    def _try_hold(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:
    import fcntl

    def _try_hold(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True


def _hold(fd: int) -> None:
    if not _try_hold(fd):
        raise OSError(f"the native crash trace of process {os.getpid()} is held by another")


def offer_previous_crash(parent: QWidget | None = None) -> QMessageBox | None:
    """If the last run crashed, open a non-blocking message offering the report and mark every
    pending report seen (the operator is asked once). Returns the box, or None if nothing crashed.
    """
    reports = pending_crash_reports()
    if not reports:
        return None
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QMessageBox

    newest = reports[-1]
    try:
        details = newest.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        log.warning("cannot read crash report %s: %s", newest, exc)
        details = str(newest)
    for report in reports:
        mark_seen(report)

    # Spelled out (not through a helper) so pyside6-lupdate finds each text and its context.
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("CrashReport", "Order Desk closed unexpectedly"),
        QCoreApplication.translate(
            "CrashReport",
            "Order Desk stopped because of an error the last time it ran. No order was lost: the "
            "journal has every order, and orders in doubt are checked before anything is resent."),
        QMessageBox.StandardButton.Close,
        parent,
    )
    box.setInformativeText(
        QCoreApplication.translate("CrashReport", "The crash report is saved in %1.")
        .replace("%1", str(newest.parent)))
    box.setDetailedText(details)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(Qt.WindowModality.NonModal)  # the window stays usable behind it
    box.show()
    return box
