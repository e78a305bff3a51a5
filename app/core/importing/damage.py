"""Values a spreadsheet program has mangled: flagged for the operator, never "repaired".

Excel turns long digit strings into scientific notation, drops leading zeros from postal codes and
turns codes such as "3-1" or "MAR1" into dates. Guessing the original is impossible, so each hit
becomes a warning on its cell; a number shortened with lost digits ("8.61381E+12") is an error,
since the order cannot be sent as it is.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from itertools import filterfalse

# Leaf field names whose values are codes: digits and letters to keep verbatim, never numbers.
CODE_FIELDS: frozenset[str] = frozenset(
    {
        "phone", "zip", "sku", "skuNumber", "productId", "barcode", "customOrderId",
        "clientOrderRef", "clientParentOrderRef", "orderId", "itemId", "tin", "chineseId",
        "ioss", "vat", "payId", "paymentPayId", "platformTransactionId", "customerIdRef",
        "trackingReference", "hsCode",
    }
)
POSTAL_FIELDS: frozenset[str] = frozenset({"zip"})

# Countries whose postal codes are a fixed number of digits and may begin with 0.
POSTAL_DIGITS: dict[str, int] = {
    "US": 5, "FR": 5, "DE": 5, "IT": 5, "ES": 5, "FI": 5, "MX": 5, "MY": 5, "KR": 5, "EE": 5,
    "HR": 5, "JP": 7, "AU": 4, "NZ": 4, "NO": 4, "DK": 4, "ZA": 4, "PH": 4, "CN": 6, "BR": 8,
}

_SCIENTIFIC = re.compile(r"^[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+$")
# How a spreadsheet writes a long number it shortened ("8.61381E+12", "1E+11"): digits are gone.
_SHORTENED = re.compile(r"^[+-]?\d+(?:[.,]\d+)?[eE]\+\d+$")
_MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec"
_DATE_PATTERNS = (
    re.compile(rf"^\d{{1,2}}[-/ ](?:{_MONTHS})(?:[-/ ]\d{{2,4}})?$", re.IGNORECASE),  # 1-Mar(-23)
    re.compile(rf"^(?:{_MONTHS})[-/ ]\d{{1,4}}$", re.IGNORECASE),  # Mar-01
    re.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$"),  # 2023-03-01
    re.compile(r"^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}(?: \d{1,2}:\d{2}(?::\d{2})?)?$"),  # 3/1/2023
)

# Each of the shapes above, as one pattern.
_ANY_SHAPE = re.compile(
    "|".join(f"(?:{pattern.pattern})" for pattern in (_SCIENTIFIC, *_DATE_PATTERNS)),
    re.IGNORECASE,
)

_TEXTS_AT_ONCE = 8192


def leaf(field_path: str) -> str:
    """The last name in a field path: "orderItemsList[].sku" -> "sku"."""
    return field_path.rsplit(".", 1)[-1].removesuffix("[]")


def digits_lost(field_path: str, value: str) -> bool:
    """True if `value` in a code field is certainly a shortened number: the original cannot be
    sent, and two different codes may have become the same text (two orders merged into one)."""
    return leaf(field_path) in CODE_FIELDS and bool(_SHORTENED.match(value.strip()))


def damage_warning(field_path: str, value: str, country: str | None = None) -> str | None:
    """A warning if `value` in `field_path` looks damaged by a spreadsheet program, else None.

    `country` is the order's ISO alpha-2 code, needed to judge postal codes.
    """
    name = leaf(field_path)
    if name not in CODE_FIELDS:
        return None
    text = value.strip()
    if not text:
        return None
    found = shape_damage(text)
    if found is None and name in POSTAL_FIELDS and country:
        found = postal_damage(text, country)
    return found


def shape_damage(text: str) -> str | None:
    """The part of `damage_warning` that needs no country: a trimmed code's text alone shows it
    became a number or a date (so an importer judges each distinct value of a column once)."""
    if text.isdigit() or not _ANY_SHAPE.match(text):
        return None  # nearly every code: no separator or letter to be a date or an exponent
    if _SCIENTIFIC.match(text):
        return (
            f"{text!r} is in scientific notation: the spreadsheet turned this code into a number "
            "and lost digits. Re-export the column formatted as text."
        )
    if any(pattern.match(text) for pattern in _DATE_PATTERNS):
        return (
            f"{text!r} looks like a date: the spreadsheet may have turned this code into one. "
            "Check the original value."
        )
    return None


def shape_damages(texts: Collection[str]) -> dict[str, str]:
    """`shape_damage` of each of `texts` (trimmed) that shows damage: text -> message. Nearly
    always none does, which the shapes' pattern says first by calls that loop in C (judged one
    by one, a 100,000-row file's codes took a third longer), a few thousand texts per call: it
    holds the GIL, which an import dialog's window wants back within milliseconds."""
    listed = list(texts)
    for start in range(0, len(listed), _TEXTS_AT_ONCE):
        texts_part = map(str.strip, listed[start : start + _TEXTS_AT_ONCE])
        if any(map(_ANY_SHAPE.match, filterfalse(str.isdigit, texts_part))):
            return {text: message for text in listed if (message := shape_damage(text.strip()))}
    return {}


# No postal code with fewer digits than this can have lost a zero (the longest of POSTAL_DIGITS).
POSTAL_MOST_DIGITS = max(POSTAL_DIGITS.values())


def postal_damage(text: str, country: str) -> str | None:
    """The postal part of `damage_warning`, for a trimmed zip code of an order to `country`."""
    digits = POSTAL_DIGITS.get(country.strip().upper())
    if digits and text.isdigit() and len(text) < digits:
        return (
            f"{text!r} is shorter than the {digits} digits {country.upper()} postal codes "
            f"have: leading zeros were probably lost (was it {text.zfill(digits)!r}?)."
        )
    return None
