"""Start-up: one path shared by the real application and the tests.

`build_main_window()` does everything a real start does (data directory from ORDER_DESK_HOME,
profiles, keyring and environment credentials, the journal, the built-in sandbox when a sandbox
profile is in use) and returns the wired window without entering the event loop. `run_gui()` adds
the process-wide parts (log file, error sink, crash reports) and runs the loop.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable

from app.core.gcpause import collection_paused

# The window's modules build classes, enums and tables that live as long as the process:
# collections walking them again and again while they load were some 5 ms of the first paint.
with collection_paused():
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

    from app.gui.first_paint import after_first_paint, forget_module_sources
    from app.pyside_features import skip_pyside_source_reading

    skip_pyside_source_reading()  # before the window's modules are imported

    from app.core.paths import data_dir, log_dir
    from app.core.settings import SettingsError, set_aside_damaged
    from app.gui import language
    from app.gui.context import AppContext, SandboxStarter
    from app.gui.error_sink import ErrorSink, configure_file_logging
    from app.gui.main_window import MainWindow
    from app.resources import resource_path

log = logging.getLogger(__name__)

FIRST_PAINT_WAIT_MS = 3000


def ensure_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    QCoreApplication.setOrganizationName("Order Desk")
    QCoreApplication.setApplicationName("order-desk")
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationDisplayName("Order Desk")
    icon = resource_path("icons/order-desk.png")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    _install_translations(app)
    return app


def _install_translations(app: QApplication) -> None:
    """The language ORDER_DESK_LANGUAGE forces, else the operator's choice, else the system's
    (app.gui.language), with Qt's own translation of its standard buttons."""
    language.apply(language.chosen(data_dir()))


def build_main_window(
    argv: list[str] | None = None, *, sandbox_starter: SandboxStarter | None = None
) -> MainWindow:
    """The fully wired window, not yet shown, as a real start builds it. ``sandbox_starter``
    replaces the built-in simulator (benchmarks and tests that need faults or latency)."""
    # What start-up builds lives as long as the window: no collection while it is built, and it
    # is frozen after (`collection_paused`), so the collector does not walk it again and again
    # (that showed up as 40-50 ms pauses of the event loop during big batches).
    with collection_paused():
        ensure_application(argv)
        context = AppContext.open(sandbox_starter=sandbox_starter)
        window = MainWindow(context)
        if context.settings.profile_in_use().is_embedded:
            # Started behind the window, so a first start can submit at once without waiting for
            # it to paint; a send that comes sooner waits for it (`Desk.base_url_for`).
            after_first_paint(window, lambda: _start_sandbox(context, window.models.wait))
        _wire_language(window)
        # The journal's code is a tenth of the start: it is opened once the window has painted,
        # first of what comes behind it (run_gui says why and stops if it cannot be).
        after_first_paint(window, window.open_journal)
        # Reading every profile's secrets looks for the keyring (a fifth of a second): behind the
        # window too. Nothing read before then is in memory to be leaked by a crash report.
        after_first_paint(window, lambda: _remember_secrets_for_crash_reports(context))
    return window


def _start_sandbox(context: AppContext, models_loaded: Callable[[], None]) -> None:
    def start() -> None:
        try:
            models_loaded()  # the simulator uses them: imported once, not on two threads at once
            context.start_sandbox_unless_closed()
            forget_module_sources()
        except Exception:  # tried again, and reported, when a send needs it
            log.warning("the built-in sandbox did not start", exc_info=True)

    threading.Thread(target=start, name="sandbox-start", daemon=True).start()


def _wire_language(window: MainWindow) -> None:
    window.language_chosen.connect(lambda code: change_language(window, code))


def change_language(window: MainWindow, code: str) -> MainWindow:
    """View › Language: remember the choice and rebuild the window in it.

    The widgets set their texts once, when they are made, so the window is made again rather
    than retranslated in place: what the forms hold is saved as drafts first and the new window
    loads them, on the same context (journal, profiles, session credentials). While orders are
    being sent or a dialog is open, rebuilding would interrupt them: the choice then applies at
    the next start, and the status bar says so. Returns the window in use afterwards (the old one
    emits `replaced` with it).
    """
    if code == language.current() or code not in language.LANGUAGES:
        return window
    language.remember(code, window.context.data_dir)
    busy = window.submission.in_flight or any(
        dialog.isVisible() for dialog in window.findChildren(QDialog))
    if busy:
        window.statusBar().showMessage(
            QCoreApplication.translate(
                "App", "%1 is used from the next start: orders are being sent or a dialog is "
                "open.").replace("%1", language.LANGUAGES[code]), 15_000)
        return window
    window.save_drafts()
    language.apply(code)
    replacement = MainWindow(window.context)
    replacement.adopt_session(window)
    _wire_language(replacement)
    if window.isVisible():
        replacement.setWindowState(window.windowState())
        replacement.show()
    window.retire()
    window.replaced.emit(replacement)
    return replacement


def _remember_secrets_for_crash_reports(context: AppContext) -> None:
    from app import crash

    for profile in context.settings.profiles.values():
        crash.remember_secrets(context.secrets_for(profile).values())
    forget_module_sources()  # the keyring's backends


def _build_despite_damaged_settings() -> MainWindow | None:
    """The window; when the settings file is damaged, only once the operator has chosen what to
    do about it (None: they chose to quit and repair it)."""
    try:
        return build_main_window()
    except SettingsError as exc:
        log.error("%s", exc)
        damaged = exc
    if not _ask_to_set_aside(damaged):
        return None
    set_aside_damaged(damaged.path, damaged.kept_copy)
    return build_main_window()


def _ask_to_set_aside(error: SettingsError) -> bool:
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        QCoreApplication.translate("App", "Order Desk: settings damaged"),
        QCoreApplication.translate(
            "App", "The settings file cannot be read, so Order Desk does not know where your "
            "orders should go. Nothing will be sent until you choose."))
    kept = str(error.kept_copy or QCoreApplication.translate("App", "(none could be made)"))
    box.setInformativeText(
        QCoreApplication.translate(
            "App", "File: %1\nProblem: %2\nCopy kept as: %3\n\nQuit to repair the file by "
            "hand, or start again from the built-in sandbox profiles (the damaged file is kept "
            "as the copy above; add your profiles again in Settings).")
        .replace("%1", str(error.path)).replace("%2", error.reason).replace("%3", kept))
    quit_button = box.addButton(QCoreApplication.translate("App", "Quit and repair"),
                                QMessageBox.ButtonRole.RejectRole)
    fresh = box.addButton(QCoreApplication.translate("App", "Start from the sandbox profiles"),
                          QMessageBox.ButtonRole.DestructiveRole)
    box.setObjectName("settingsDamaged")
    box.setDefaultButton(quit_button)
    box.setEscapeButton(quit_button)
    box.exec()
    return box.clickedButton() is fresh and error.kept_copy is not None


def _journal_once_painted(window: MainWindow) -> str:
    """Open the journal once the window has painted (or after FIRST_PAINT_WAIT_MS, for a
    window the platform does not paint): "" when it is open, else why it cannot be."""
    loop = QEventLoop()
    after_first_paint(window, loop.quit)
    QTimer.singleShot(FIRST_PAINT_WAIT_MS, loop.quit)
    loop.exec()
    return window.open_journal()


def run_gui() -> int:
    """`order-desk` with no arguments."""
    from app import crash

    app = ensure_application()
    handler = configure_file_logging(log_dir())
    crash.install()
    try:
        window = _build_despite_damaged_settings()
        if window is None:
            return 1
        current = [window]  # the window in use: a language change replaces it

        def replaced(new: MainWindow) -> None:
            current[0] = new
            new.replaced.connect(replaced)
            new.aftersale.start_automatic()

        window.replaced.connect(replaced)
        sink = ErrorSink(lambda: current[0])
        sink.install()
        window.show()
        problem = _journal_once_painted(window)
        if problem:
            # The journal is the one thing the window cannot work without: say why, plainly.
            QMessageBox.critical(window, QCoreApplication.translate(
                "App", "Order Desk cannot start"), problem)
            window.shutdown()
            sink.uninstall()
            return 1
        # Recent unfinished orders are asked about now and then, paced by each account's limit.
        window.aftersale.start_automatic()
        crash.offer_previous_crash(window)
        app.aboutToQuit.connect(lambda: current[0].shutdown())
        try:
            return app.exec()
        finally:
            sink.uninstall()
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()
