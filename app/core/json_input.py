"""Reading JSON that someone else wrote (order files, mapping files) within sane limits.

``json.loads`` recurses once per nesting level (100,000 ``[`` end in a RecursionError) and refuses
integers of more than 4,300 digits with a ValueError that names neither the file nor the place.
The text is scanned first, in one linear pass that never recurses, and refused with the line and
column of the first level too deep or number too long. No order comes near either limit: an order
is a few levels deep, and its free-form objects are limited to 32 levels by the models.
"""

from __future__ import annotations

import json
import re
from typing import Any

from app.core.safe_text import escape_code, has_surrogate

MAX_DEPTH = 64
MAX_NUMBER_LENGTH = 100  # characters of one number as written: digits, sign, point, exponent

# Outside strings, only brackets and numbers matter. A string is skipped whole (an unterminated
# one runs to the end, so its brackets are never counted); a number starts with a digit or "-".
_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?|[\[\]{}]|-?[0-9][-+0-9.eE]*', re.DOTALL)
_OPENERS = frozenset("[{")
_CLOSERS = frozenset("]}")


class JsonLimitError(ValueError):
    """The text is nested too deeply or holds a number too long to read safely."""

    def __init__(self, message: str, lineno: int = 0, colno: int = 0) -> None:
        where = f"line {lineno}, column {colno}: " if lineno else ""
        super().__init__(f"{where}{message}")
        self.lineno = lineno
        self.colno = colno


def loads(text: str) -> Any:
    """``json.loads(text)`` after :func:`check_limits`, refusing text no file can carry (half
    of a UTF-16 surrogate pair, ``"\\ud800"``). Raises JsonLimitError or json.JSONDecodeError
    (both ValueErrors)."""
    check_limits(text)
    data = json.loads(text)
    _refuse_surrogates(data)
    return data


def check_limits(text: str) -> None:
    """Raise JsonLimitError at the first place `text` nests deeper than MAX_DEPTH or writes a
    number longer than MAX_NUMBER_LENGTH characters. Linear in the text; never recurses."""
    depth = 0
    for match in _TOKENS.finditer(text):
        token = match.group()
        first = token[0]
        if first in _OPENERS:
            depth += 1
            if depth > MAX_DEPTH:
                raise JsonLimitError(
                    f"nested more than {MAX_DEPTH} levels deep (no order needs more than a few)",
                    *_place(text, match.start()),
                )
        elif first in _CLOSERS:
            depth = max(depth - 1, 0)  # a stray closer is json.loads's to report
        elif first != '"' and len(token) > MAX_NUMBER_LENGTH:
            raise JsonLimitError(
                f"a number {len(token):,} characters long (at most {MAX_NUMBER_LENGTH})",
                *_place(text, match.start()),
            )


def _place(text: str, position: int) -> tuple[int, int]:
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    return line, column


def _refuse_surrogates(data: Any) -> None:
    """Walk the parsed value (at most MAX_DEPTH levels, without recursion)."""
    pending: list[tuple[Any, str]] = [(data, "")]
    while pending:
        node, path = pending.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                _check_text(key, f"{path}.{key}" if path else key)
                pending.append((value, f"{path}.{key}" if path else key))
        elif isinstance(node, list):
            pending.extend((value, f"{path}[{index}]") for index, value in enumerate(node))
        elif isinstance(node, str):
            _check_text(node, path)


def _check_text(text: str, path: str) -> None:
    if has_surrogate(text):
        half = next(char for char in text if "\ud800" <= char <= "\udfff")
        where = f" at {_shown_path(path)}" if path else ""
        raise JsonLimitError(
            f"text{where} holds {escape_code(half)}, half of a UTF-16 surrogate pair: not a "
            "character (was the file written by a program that cut an emoji in two?)"
        )


def _shown_path(path: str) -> str:
    return path if len(path) <= 80 else path[:79] + "…"
