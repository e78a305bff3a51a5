"""`order-desk --self-test`: prove an installed build works, without a display or an account.

It runs headless (the offscreen Qt platform when there is no display) in a temporary data
directory unless ``ORDER_DESK_HOME`` is set, and checks, in order: the platform's keyring backend
is bundled; every subcommand's module is bundled; country names in other languages are read;
phone numbers are parsed and provinces known; the PostgreSQL driver loads its libpq; the Chinese
catalogue loads; workbooks are written and read; crash reports are written redacted and offered
at the next start; the main window builds; and one order goes end to end through the journal and
the engine to the built-in sandbox and comes back accepted with a remote id; and nothing is left
running that would keep the process from exiting.
It prints one line per check and returns 0 only when every check passed.

``ORDER_DESK_SELF_TEST_CHECKS`` (comma-separated check names, e.g. ``main window``) runs only
those checks: a support engineer can isolate a failure, and the bundle benchmark times a start-up.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import logging
import os
import secrets
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from app import __version__, crash
from app.buildinfo import build_id
from app.core.paths import HOME_ENV

log = logging.getLogger(__name__)

ORDER_TIMEOUT = 60.0  # seconds for one order to the local sandbox; generous for a cold start
SELECT_ENV = "ORDER_DESK_SELF_TEST_CHECKS"
SHUTDOWN_GRACE = 5.0  # seconds for background threads to finish after their owners closed

# The keyring backend each platform needs; frozen builds lose it unless the spec names it.
KEYRING_BACKENDS = {
    "linux": ("keyring.backends.SecretService", "secretstorage"),
    "win32": ("keyring.backends.Windows",),
    "darwin": ("keyring.backends.macOS",),
}


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    detail: str


def run_self_test() -> int:
    """Run every check, print a short report, and return the process exit code."""
    started = time.monotonic()
    print(f"Order Desk self-test {__version__} (build {build_id()})")
    with _headless(), _data_home() as home:
        print(f"  data folder: {home}")
        results = [_run(name, check) for name, check in selected_checks()]
    for result in results:
        print(f"  {'ok' if result.ok else 'FAILED':6} {result.name:16} {result.detail}")
    passed = all(result.ok for result in results)
    elapsed = time.monotonic() - started
    print(f"self-test {'passed' if passed else 'FAILED'} in {elapsed:.1f} s")
    return 0 if passed else 1


def selected_checks() -> list[tuple[str, Callable[[], str]]]:
    """Every check, or those named in ORDER_DESK_SELF_TEST_CHECKS (an unknown name fails)."""
    wanted = [n.strip() for n in os.environ.get(SELECT_ENV, "").split(",") if n.strip()]
    if not wanted:
        return list(CHECKS)
    known = dict(CHECKS)

    def unknown(name: str) -> Callable[[], str]:
        def fail() -> str:
            raise LookupError(f"no such check; known: {', '.join(known)}")
        return fail

    return [(name, known.get(name) or unknown(name)) for name in wanted]


def _run(name: str, check: Callable[[], str]) -> CheckResult:
    try:
        return CheckResult(name, True, check())
    except Exception as exc:  # a failed check is reported, and the others still run
        log.debug("self-test check %r failed", name, exc_info=True)
        return CheckResult(name, False, f"{type(exc).__name__}: {exc}")


@contextlib.contextmanager
def _headless() -> Iterator[None]:
    """The offscreen Qt platform unless a display exists or a platform was chosen explicitly."""
    has_display = sys.platform in ("win32", "darwin") or bool(
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )
    if has_display or os.environ.get("QT_QPA_PLATFORM"):
        yield
        return
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    try:
        yield
    finally:
        os.environ.pop("QT_QPA_PLATFORM", None)


@contextlib.contextmanager
def _data_home() -> Iterator[str]:
    """The operator's ORDER_DESK_HOME when set; otherwise a temporary one, removed afterwards, so
    a self-test never touches a real journal."""
    chosen = os.environ.get(HOME_ENV)
    if chosen:
        yield chosen
        return
    # Windows keeps SQLite files locked a little longer than we do: never fail on cleanup.
    with tempfile.TemporaryDirectory(prefix="order-desk-selftest-",
                                     ignore_cleanup_errors=True) as temporary:
        os.environ[HOME_ENV] = temporary
        try:
            yield temporary
        finally:
            os.environ.pop(HOME_ENV, None)


# -- checks --------------------------------------------------------------------------------------


def check_keyring_backend() -> str:
    platform_key = "linux" if sys.platform.startswith("linux") else sys.platform
    modules = KEYRING_BACKENDS.get(platform_key, ())
    for module in modules:
        importlib.import_module(module)
    return f"bundled: {', '.join(modules) or 'none needed'}"


def check_command_line() -> str:
    """Every subcommand's module is in the build (each is imported when its command is used)."""
    from app.cli import build_parser

    parser = build_parser()
    [commands] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    for command in commands.choices.values():
        command.format_help()  # adds the command's options from its module
    return f"{len(commands.choices)} commands: {', '.join(commands.choices)}"


def check_country_names() -> str:
    """Country names in other languages are read (pycountry's translations are in the build)."""
    from app.core.models.countries import to_alpha2

    read = {name: to_alpha2(name) for name in ("Deutschland", "法国")}
    if read != {"Deutschland": "DE", "法国": "FR"}:
        raise AssertionError(f"read as {read}")
    return ", ".join(f"{name} -> {code}" for name, code in read.items())


def check_order_data() -> str:
    """Phone numbers are parsed and judged, and provinces known (phonenumbers' metadata and
    pycountry's subdivisions are in the build; their unused parts are left out of it)."""
    from app.core.models.countries import to_alpha2
    from app.core.models.phones import check_phone
    from app.core.models.provinces import province_warning

    check_phone("+86 138 1234 5678", None)
    check_phone("01 42 68 53 00", "FR")
    try:
        check_phone("12", "FR")
    except ValueError:
        pass
    else:
        raise AssertionError("a two-digit phone number was accepted")
    if province_warning("CN", "Guangdong") or not province_warning("FR", "Atlantis"):
        raise AssertionError("the provinces are not known")
    if to_alpha2("Scotland") != "GB":
        raise AssertionError("Scotland was not read as GB")
    return "phones parsed for CN and FR, provinces of CN and FR known, Scotland -> GB"


def check_team_journal_driver() -> str:
    """The PostgreSQL driver loads its libpq and reaches the network: a refused connection to a
    closed local port is libpq's own answer. A libpq that cannot load fails it saying why, as
    the operator would read it (not installed, or the loader's reason), so a packager running
    the self-test on each target system sees an incompatible system libpq before an operator."""
    importlib.import_module("app.core.journal.postgres")  # first: JournalUnreachable says why
    import psycopg
    import psycopg_pool

    try:
        psycopg.connect("host=127.0.0.1 port=1 connect_timeout=5").close()
    except psycopg.OperationalError as exc:
        if "127.0.0.1" not in str(exc):
            raise
    else:
        raise AssertionError("a connection to port 1 succeeded")
    return (f"psycopg {psycopg.__version__} ({psycopg.pq.__impl__}, libpq "
            f"{psycopg.pq.version()}), psycopg_pool {psycopg_pool.__version__}")


def check_translations() -> str:
    """The window's Chinese catalogue, and Qt's for its standard buttons and dialogs, are found
    where the build carries them, and load."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    from app.resources import resource_path

    folder = resource_path("translations")
    translator = QTranslator()
    if not translator.load("order_desk_zh_CN", str(folder)):
        raise AssertionError(f"no order_desk_zh_CN.qm in {folder}")
    shown = translator.translate("MainWindow", "History")
    if shown != "历史记录":
        raise AssertionError(f"'History' read as {shown!r}")
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_translator = QTranslator()
    if not qt_translator.load("qtbase_zh_CN", qt_folder):
        raise AssertionError(f"no qtbase_zh_CN.qm in {qt_folder}")
    button = qt_translator.translate("QPlatformTheme", "OK")
    if button != "确定":
        raise AssertionError(f"Qt's 'OK' read as {button!r}")
    return f"History -> {shown} ({folder.name}/order_desk_zh_CN.qm), OK -> {button} (qtbase_zh_CN)"


def check_workbooks() -> str:
    """A workbook is written (openpyxl, for failed rows) and read back (python-calamine, with
    openpyxl for a zero-padding format): both libraries are in the build."""
    import openpyxl

    from app.core.importing import read_table

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "self-test.xlsx"
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["Phone", "Zip"])
        sheet.append([8613812345678, 2134])
        sheet["B2"].number_format = "00000"
        book.save(path)
        rows = read_table(path).rows
    if rows != [["8613812345678", "02134"]]:
        raise AssertionError(f"read as {rows}")
    return "8613812345678 and 02134 read from an .xlsx"


def check_crash_reports() -> str:
    """A report is written with secrets redacted and is found as pending, like at a next start."""
    secret = f"selftest-{secrets.token_hex(8)}"
    crash.install()
    crash.remember_secrets([secret])
    try:
        raise RuntimeError(f"self-test crash carrying {secret}")
    except RuntimeError as exc:
        report = crash.write_report(type(exc), exc, exc.__traceback__)
    try:
        text = report.read_text(encoding="utf-8")
        if secret in text:
            raise AssertionError("the secret was not redacted from the crash report")
        if report not in crash.pending_crash_reports():
            raise AssertionError("the crash report would not be offered at the next start")
    finally:
        report.unlink(missing_ok=True)  # a real next start must not offer this test report
    return "written, redacted, offered at the next start"


def check_main_window() -> str:
    from PySide6.QtWidgets import QApplication

    from app.gui.app import build_main_window

    window = build_main_window([sys.argv[0]])
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    try:
        title = window.windowTitle()
        if not title:
            raise AssertionError("the main window has no title")
        app.processEvents()
    finally:
        window.shutdown()  # also stops the sandbox and journal the window opened
        window.deleteLater()
        app.processEvents()
    return f"built ({app.platformName()} platform): {title}"


def sample_ka_order(reference: str) -> dict[str, Any]:
    """A KA order the sandbox accepts."""
    return {
        "customOrderId": reference,
        "orderAddress": {
            "country": "FR",
            "phone": "+33142685300",
            "recipient": "Self Test",
            "province": "Ile-de-France",
            "city": "Paris",
            "street1": "10 rue de Rivoli",
            "zip": "75004",
        },
        "orderItemsList": [{"sku": "SELFTEST-SKU", "quantity": 1}],
        "channelType": "Standard",
    }


def check_sandbox_order() -> str:
    from app.core.clients import make_client
    from app.core.desk import open_journal
    from app.core.engine import ResultStatus, SubmissionEngine
    from app.core.journal import OrderState
    from app.core.secrets import SANDBOX_SECRETS
    from app.core.settings import default_profile, load_settings
    from app.core.targets import Environment, Target
    from app.sandbox import SandboxConfig, SandboxServer

    server = SandboxServer(SandboxConfig(port=0))
    base_url = str(server.start()).rstrip("/")
    try:
        profile = replace(default_profile("Self-test KA", Target.KA, Environment.SANDBOX),
                          base_url=base_url)
        reference = f"SELFTEST-{secrets.token_hex(6).upper()}"
        # Opened as the app opens it, so an older journal is migrated with its profiles' accounts.
        with open_journal(load_settings()) as journal:
            engine = SubmissionEngine(
                journal, lambda p: make_client(p, SANDBOX_SECRETS, base_url=base_url)
            )
            try:
                report = engine.submit_batch([sample_ka_order(reference)], profile,
                                             source="self-test").wait(ORDER_TIMEOUT)
            finally:
                engine.close()
            [result] = report.results
            if result.status is not ResultStatus.ACCEPTED or not result.remote_id:
                raise AssertionError(f"order {reference} ended {result.status}: {result.message}")
            record = journal.find(Target.KA, profile.account, reference)
            if record is None or record.state is not OrderState.ACCEPTED:
                raise AssertionError(f"the journal does not hold {reference} as accepted")
            if record.remote_id != result.remote_id:
                raise AssertionError("the journal's remote id differs from the API's")
    finally:
        server.stop()
    return f"accepted: reference {reference}, remote id {result.remote_id}"


def check_clean_shutdown() -> str:
    """Nothing left running that would keep the process from exiting (a hung quit loses trust)."""
    deadline = time.monotonic() + SHUTDOWN_GRACE
    while True:
        lingering = [t.name for t in threading.enumerate()
                     if t is not threading.main_thread() and not t.daemon and t.is_alive()]
        if not lingering or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    if lingering:
        raise AssertionError(f"threads still running: {', '.join(sorted(lingering))}")
    return "no thread left running"


CHECKS: tuple[tuple[str, Callable[[], str]], ...] = (
    ("keyring backend", check_keyring_backend),
    ("command line", check_command_line),
    ("country names", check_country_names),
    ("order data", check_order_data),
    ("team journal", check_team_journal_driver),
    ("translations", check_translations),
    ("workbooks", check_workbooks),
    ("crash reports", check_crash_reports),
    ("main window", check_main_window),
    ("sandbox order", check_sandbox_order),
    ("clean shutdown", check_clean_shutdown),
)
