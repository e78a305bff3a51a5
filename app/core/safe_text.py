"""Text from outside (order files, spreadsheets, servers, the journal) made safe to show.

A terminal obeys control characters (``\\x1b[31m`` turns it red, ``\\x1b]52;...`` writes the
clipboard), and a right-to-left override (U+202E) makes the rest of a line read backwards. Data is
never printed with those in it: :func:`escaped` writes each as a Python-style escape (``\\x1b``,
``\\u202e``), so an operator sees that the data holds it and what it is.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

# Control (C0, DEL, C1), format (bidirectional overrides and isolates, zero-width characters),
# surrogate halves, and the line and paragraph separators: invisible, or they move or recolour
# what follows them.
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_UTF16_SURROGATE = re.compile("[\ud800-\udfff]")


def is_unsafe(char: str) -> bool:
    """True for a character :func:`escaped` writes as an escape."""
    return unicodedata.category(char) in _UNSAFE_CATEGORIES


def escape_code(char: str) -> str:
    """``\\x1b``, ``\\u202e``, ``\\U000e0001``: how Python writes the character in a literal."""
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def escaped(text: str) -> str:
    """`text` with every unsafe character (see :func:`is_unsafe`) written as its escape code:
    what a terminal or a one-line message may show of data. Backslashes are left as they are."""
    if text.isprintable():  # nothing unsafe is printable: the common case costs one scan
        return text
    return text.translate(_escapes(text, escape_code))


def json_escaped(dumped: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``, which leaves DEL, C1 controls,
    U+202E and the like as they are) with each unsafe character written as a JSON ``\\u``
    escape. The JSON stays valid and decodes to the same values: these characters can only be
    inside its strings."""
    if dumped.isprintable():
        return dumped
    return dumped.translate(_escapes(dumped, _json_escape))


def _escapes(text: str, escape: Callable[[str], str]) -> dict[int, str]:
    """Each unsafe character of `text` -> its escape, for `str.translate`: the text's distinct
    characters are judged, not each of its characters (a long line of a spreadsheet's
    messages has thousands)."""
    return {ord(char): escape(char) for char in set(text)
            if not char.isprintable() and is_unsafe(char)}


def _json_escape(char: str) -> str:
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # outside the BMP: a surrogate pair, as JSON requires
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def unprintable_characters(text: str) -> list[str]:
    """The distinct characters of `text` that are not printable (``str.isprintable``: controls,
    format characters, separators other than the space, unassigned and private-use code points),
    in order of first appearance."""
    if text.isprintable():
        return []
    return list(dict.fromkeys(char for char in text if not char.isprintable()))


def has_surrogate(text: str) -> bool:
    """True if `text` holds half of a UTF-16 surrogate pair (JSON's ``"\\ud800"``): not a
    character, and no UTF-8 file, database or request can carry it."""
    return _UTF16_SURROGATE.search(text) is not None
