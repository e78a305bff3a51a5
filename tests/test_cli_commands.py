"""The command line's list of commands: every one is there, builds its options, and listing them
loads none of the heavy modules (start-up of `order-desk --help` and `--version`)."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import COMMANDS, EXIT_USAGE, build_parser, main

ROOT = Path(__file__).resolve().parents[1]
# What `--help` must not import: order models, the HTTP client, the window.
HEAVY = ("pydantic", "httpx", "PySide6", "pycountry", "phonenumbers", "keyring", "app.core.desk")


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    [action] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


def test_every_command_module_is_listed_and_builds_its_options() -> None:
    commands = subcommands(build_parser())
    assert list(commands) == [name for name, _summary, _configure in COMMANDS]
    assert set(commands) >= {"submit", "validate", "history", "reconcile", "sandbox", "profile",
                             "credentials"}
    for name, parser in commands.items():
        text = parser.format_help()  # imports the command's module: a missing one fails here
        assert text.startswith(f"usage: order-desk {name}")
        assert parser.get_default("func") is not None or name in ("profile", "credentials",
                                                                   "journal")


def _imported_by(code: str, modules: list[str]) -> list[str]:
    """Which of ``modules`` a fresh interpreter has imported after running ``code``."""
    probe = (f"import json, sys\n{code}\n"
             f"print(json.dumps([m for m in {modules!r} if m in sys.modules]))")
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                            text=True, timeout=60, check=True)
    return list(json.loads(result.stdout.splitlines()[-1]))


def test_no_command_module_is_left_out() -> None:
    modules = sorted(f"app.cli.{p.stem}" for p in (ROOT / "app" / "cli").glob("*_cmd.py"))
    code = ("from tests.test_cli_commands import subcommands\n"
            "from app.cli import build_parser\n"
            "for parser in subcommands(build_parser()).values():\n"
            "    parser.format_help()")
    assert _imported_by(code, modules) == modules


@pytest.mark.parametrize("option", ["--help", "--version"])
def test_listing_the_commands_imports_no_heavy_module(option: str) -> None:
    code = ("from app.cli import main\n"
            f"try:\n    main([{option!r}])\nexcept SystemExit:\n    pass")
    assert _imported_by(code, list(HEAVY)) == []


def test_a_command_still_checks_its_options(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["validate", "orders.json", "--target", "no-such-api"])
    assert raised.value.code == EXIT_USAGE
    assert "invalid choice: 'no-such-api'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as raised:
        main(["no-such-command"])
    assert raised.value.code == EXIT_USAGE
    assert "choose from 'submit', 'validate'" in capsys.readouterr().err
