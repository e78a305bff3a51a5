"""The command line's log lines (`app.cli.log_handler`), loaded only when logging is set up."""

from __future__ import annotations

import logging

from app import crash
from app.core.safe_text import escaped


class TerminalFormatter(crash.RedactingFormatter):
    """Each line escaped (`app.core.safe_text`): a logged server answer or file name cannot
    recolour the terminal or reorder what follows; line breaks (tracebacks) stay."""

    def format(self, record: logging.LogRecord) -> str:
        return "\n".join(escaped(line) for line in super().format(record).split("\n"))
