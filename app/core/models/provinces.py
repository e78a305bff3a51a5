"""A soft check of provinces and states against pycountry's subdivisions.

Both APIs take free text here, so an unknown province is never an error: it becomes a warning
the operator may ignore (exonyms such as "Bavaria" and local scripts are not in the data).
"""

from __future__ import annotations

import logging
from functools import lru_cache

import pycountry

from app.core.models.countries import folded
from app.core.models.messages import shown

log = logging.getLogger(__name__)

# Shorter names would match inside almost anything ("Ain" is a French department).
_MIN_PARTIAL = 4


@lru_cache(maxsize=256)
def _subdivision_words(country: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """Codes ("fr75", "75") and folded names of `country`'s subdivisions; empty if none."""
    subdivisions = pycountry.subdivisions.get(country_code=country) or ()
    codes: set[str] = set()
    names: list[str] = []
    for subdivision in subdivisions:
        codes.add(folded(subdivision.code))
        codes.add(folded(subdivision.code.split("-", 1)[1]))
        names.append(folded(subdivision.name))
    return frozenset(codes), tuple(names)


def province_warning(country: str, province: str) -> str | None:
    """A message if `province` names none of `country`'s subdivisions, else None."""
    codes, names = _subdivision_words(country)
    text = folded(province)
    if not names or not text or not text.isascii():
        return None  # nothing to compare with (no data, or a script the data does not use)
    if text in codes or any(text == name for name in names):
        return None
    if len(text) >= _MIN_PARTIAL and any(
        text in name or (len(name) >= _MIN_PARTIAL and name in text) for name in names
    ):
        return None  # "Guangdong" for "Guangdong Sheng"
    return f"not a known province or state of {country}: {shown(province)} (sent as written)"
