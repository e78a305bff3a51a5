"""`order-desk`: the window with no arguments, or a headless subcommand.

Each subcommand lives in its own module exposing ``register(subparsers)``; the module sets
``func`` on its parser, a callable ``(args) -> int`` returning the process exit code.
Exit codes: 0 all accepted, 1 some rejected or invalid, 2 usage or unreadable input, 3 some
outcome unknown (reconcile), 4 some orders not sent (nothing created; submit them again). When
several apply, the first of 3, 4, 1 wins: the most urgent thing to do next.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from typing import NoReturn, TextIO

from app import __version__, crash
from app.buildinfo import build_id

EXIT_OK = 0
EXIT_REJECTED = 1
EXIT_USAGE = 2
EXIT_UNKNOWN = 3
EXIT_NOT_SENT = 4

# Subcommand modules, in the order `--help` lists them.
COMMAND_MODULES = (
    "app.cli.submit_cmd",
    "app.cli.history_cmd",
    "app.cli.sandbox_cmd",
    "app.cli.profile_cmd",
    "app.cli.credentials_cmd",
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # usage errors exit 2, as documented
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="order-desk", description="Order entry for the KA and Nomad APIs.")
    parser.add_argument("--version", action="version",
                        version=f"order-desk {__version__} (build {build_id()})")
    parser.add_argument("--self-test", action="store_true",
                        help="start headless, submit one order to the built-in sandbox, "
                             "exit 0 if it worked")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug details to stderr")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        handlers=[log_handler(sys.stderr)],
    )
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
    which can echo the app key."""
    handler = logging.StreamHandler(stream)
    handler.setFormatter(crash.RedactingFormatter("%(levelname)s %(name)s: %(message)s"))
    return handler


def stdout_reader_gone() -> None:
    """Whoever read stdout stopped early (`order-desk history | head`): not a crash. Point stdout
    at the null device so later prints and the interpreter's last flush do not fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


if __name__ == "__main__":
    sys.exit(main())
