"""The one exception the importer raises for input it cannot use."""

from __future__ import annotations


class ImportFileError(Exception):
    """A file (or a mapping file) that cannot be read, with a message written for the operator.

    The message says what was wrong and, where possible, what to do about it; callers show it as
    is instead of a traceback.
    """
