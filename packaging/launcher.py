"""Entry point of the frozen application (PyInstaller runs this file as ``__main__``)."""

from __future__ import annotations

import os
import sys


def _use_parent_console_or_nothing() -> None:
    """A windowed Windows build has no console of its own. Started from one (``--version``,
    ``--self-test``, subcommands), write there; otherwise give print() and logging a harmless sink.
    """
    if sys.stdout is not None and sys.stderr is not None:
        return
    if sys.platform == "win32":
        import ctypes

        attach_parent_process = -1
        if ctypes.windll.kernel32.AttachConsole(attach_parent_process):
            sys.stdout = open("CONOUT$", "w", encoding="utf-8", errors="replace")  # noqa: SIM115
            sys.stderr = sys.stdout
            return
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives for the process
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115


_use_parent_console_or_nothing()

# PyInstaller's run-time hook has loaded PySide6 (for its qt.conf) in every process, commands
# included: its import hook is tamed before anything else is imported (see the module).
from app.pyside_features import skip_pyside_source_reading  # noqa: E402

skip_pyside_source_reading()

from app.cli import main  # imported after the stream fix-up above  # noqa: E402

sys.exit(main())
