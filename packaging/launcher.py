"""Entry point of the frozen application (PyInstaller runs this file as ``__main__``)."""

from __future__ import annotations

import os
import sys

# A windowed build on Windows has no console: give print() and logging somewhere harmless to write.
if sys.stdout is None:
    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives for the process
if sys.stderr is None:
    sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115

from app.cli import main  # imported after the stream fix-up above

sys.exit(main())
