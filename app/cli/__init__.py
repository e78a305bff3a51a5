"""`order-desk`: the window with no arguments, or a headless subcommand.

Each subcommand is listed in `COMMANDS` and configured by a function of its own module (in
``app/cli/*_cmd.py``) that adds its options and sets ``func`` on its parser, a callable
``(args) -> int`` returning the process exit code.
Exit codes: 0 all accepted, 1 some rejected or invalid, 2 usage or unreadable input, 3 some
outcome unknown (reconcile), 4 some orders not sent (nothing created; submit them again). When
several apply, the first of 3, 4, 1 wins: the most urgent thing to do next.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn, TextIO

EXIT_OK = 0
EXIT_REJECTED = 1
EXIT_USAGE = 2
EXIT_UNKNOWN = 3
EXIT_NOT_SENT = 4

Configure = Callable[[argparse.ArgumentParser], None]


class _Parser(argparse.ArgumentParser):
    """Usage errors exit 2, as documented. A subcommand's parser gets its options from its
    ``configure`` function when it is first used (parsed, or its help shown): listing the
    commands imports none of their modules."""

    def __init__(self, *args: Any, configure: Configure | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._configure = configure

    def _add_options(self) -> None:
        configure, self._configure = self._configure, None
        if configure is not None:
            configure(self)

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: Any = None
    ) -> tuple[Any, list[str]]:
        self._add_options()
        return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        self._add_options()
        return super().format_usage()

    def format_help(self) -> str:
        self._add_options()
        return super().format_help()

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


class _Version(argparse.Action):
    """--version: the version and build are looked up only when asked for (reading the package
    metadata and asking git cost more than the rest of a start)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, namespace: Any, values: Any,
                 option_string: str | None = None) -> NoReturn:
        from app import __version__
        from app.buildinfo import build_id

        print(f"order-desk {__version__} (build {build_id()})")
        parser.exit()


# Each command's options and code live in its own module, imported by a plain import statement
# (so PyInstaller bundles it, and a module missing from a build is an error, never a command left
# out) only when that command runs or shows its help: `order-desk --help` and `--version` load
# no order models, HTTP client or Qt.


def _submit(parser: argparse.ArgumentParser) -> None:
    from app.cli import submit_cmd

    submit_cmd.configure_submit(parser)


def _validate(parser: argparse.ArgumentParser) -> None:
    from app.cli import submit_cmd

    submit_cmd.configure_validate(parser)


def _history(parser: argparse.ArgumentParser) -> None:
    from app.cli import history_cmd

    history_cmd.configure_history(parser)


def _reconcile(parser: argparse.ArgumentParser) -> None:
    from app.cli import history_cmd

    history_cmd.configure_reconcile(parser)


def _status(parser: argparse.ArgumentParser) -> None:
    from app.cli import aftersale_cmd

    aftersale_cmd.configure_status(parser)


def _cancel(parser: argparse.ArgumentParser) -> None:
    from app.cli import aftersale_cmd

    aftersale_cmd.configure_cancel(parser)


def _sandbox(parser: argparse.ArgumentParser) -> None:
    from app.cli import sandbox_cmd

    sandbox_cmd.configure_sandbox(parser)


def _profile(parser: argparse.ArgumentParser) -> None:
    from app.cli import profile_cmd

    profile_cmd.configure_profile(parser)


def _credentials(parser: argparse.ArgumentParser) -> None:
    from app.cli import credentials_cmd

    credentials_cmd.configure_credentials(parser)


def _journal(parser: argparse.ArgumentParser) -> None:
    from app.cli import journal_cmd

    journal_cmd.configure_journal(parser)


# Every subcommand, in the order `--help` lists them: name, its line in `--help`, its options.
COMMANDS: tuple[tuple[str, str, Configure], ...] = (
    ("submit", "validate, journal and send orders", _submit),
    ("validate", "check orders; nothing is sent", _validate),
    ("history", "list journaled orders, newest first", _history),
    ("reconcile", "resolve orders whose outcome is unknown by looking them up", _reconcile),
    ("status", "ask the server what became of accepted orders (status, tracking)", _status),
    ("cancel", "cancel accepted orders at their server", _cancel),
    ("sandbox", "run the local KA + Nomad simulator in the foreground", _sandbox),
    ("profile", "add, use, list, rename or remove profiles", _profile),
    ("credentials", "store or delete secrets in the OS keyring", _credentials),
    ("journal", "check the journal; move this desk onto a team journal (PostgreSQL)", _journal),
)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="order-desk", description="Order entry for the KA and Nomad APIs.")
    parser.add_argument("--version", action=_Version, help="show the version and build, and exit")
    parser.add_argument("--self-test", action="store_true",
                        help="start headless, submit one order to the built-in sandbox, "
                             "exit 0 if it worked")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug details to stderr")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, summary, configure in COMMANDS:
        subparsers.add_parser(name, help=summary, configure=configure)
    return parser


# Pydantic loads the plugins other installed packages declare, and each would see every order
# this program checks (names, phones, addresses); none is needed, and looking for them scans the
# metadata of every installed package. Pydantic's documented switch turns them off.
PYDANTIC_PLUGINS = ("PYDANTIC_DISABLE_PLUGINS", "__all__")
# The module of pydantic's that looks for them (its `get_plugins`, asked as a validator is built).
PYDANTIC_PLUGIN_LOADER = "pydantic.plugin._loader"


def plugins_off() -> None:
    """Pydantic's plugins off (`PYDANTIC_PLUGINS`, unless the environment says otherwise). Then
    its loader answers "none" without looking, but importing it still imports
    `importlib.metadata` (e-mail parsing, zip files: some 8 ms, a sixteenth of checking one
    order) for the look that never comes: a loader answering "none" stands in for it."""
    os.environ.setdefault(*PYDANTIC_PLUGINS)
    if os.environ[PYDANTIC_PLUGINS[0]] != PYDANTIC_PLUGINS[1]:
        return
    if PYDANTIC_PLUGIN_LOADER not in sys.modules:
        import types

        loader = types.ModuleType(PYDANTIC_PLUGIN_LOADER, "pydantic's plugins: none (turned off)")
        loader.get_plugins = _no_plugins  # type: ignore[attr-defined]
        sys.modules[PYDANTIC_PLUGIN_LOADER] = loader


def _no_plugins() -> tuple[()]:
    return ()


QUIET_LIBRARIES = ("httpx", "httpcore")


def main(argv: list[str] | None = None) -> int:
    from app.core.gcpause import collection_paused

    plugins_off()

    # Start-up builds objects that live as long as the process (modules, classes, the parser):
    # collections walking them again and again were a tenth of a short command's time.
    with collection_paused():
        parser = build_parser()
        args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        handlers=[log_handler(sys.stderr)],
    )
    # The HTTP libraries' own lines (a dozen per request: each connection and header event,
    # then httpx's "HTTP Request: ...") say less than the client's one line per request with its
    # status and duration, and cost a batch's workers their time: warnings only.
    for library in QUIET_LIBRARIES:
        logging.getLogger(library).setLevel(logging.WARNING)
    from app import crash

    crash.install()  # any run that dies of an unexpected error leaves a report for the next start
    if args.self_test:
        from app.selftest import run_self_test

        return run_self_test()
    if args.command is None:
        from app.gui.app import run_gui

        return run_gui()
    try:
        return int(args.func(args))
    except BrokenPipeError:
        stdout_reader_gone()
        return EXIT_REJECTED  # the output is incomplete; 1 as Python's own tools do


def log_handler(stream: TextIO) -> logging.Handler:
    """Log lines on ``stream`` with every known secret redacted: stderr is often kept in a file
    (a scheduler's log), and with ``-v`` the HTTP library logs the headers servers answer with,
    which can echo the app key. Control and bidirectional-override characters from data are
    escaped, as in every line the commands print."""
    from app.cli.terminal_log import TerminalFormatter

    handler = logging.StreamHandler(stream)
    handler.setFormatter(TerminalFormatter("%(levelname)s %(name)s: %(message)s"))
    return handler


def stdout_reader_gone() -> None:
    """Whoever read stdout stopped early (`order-desk history | head`): not a crash. Point stdout
    at the null device so later prints and the interpreter's last flush do not fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


if __name__ == "__main__":
    sys.exit(main())
