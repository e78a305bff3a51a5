"""A soft check of provinces and states against pycountry's subdivisions.

Both APIs take free text here, so an unknown province is never an error: it becomes a warning
the operator may ignore (exonyms such as "Bavaria" and local scripts are not in the data).
"""

from __future__ import annotations

import json
import logging
from functools import lru_cache

from app.core.models.countries import folded
from app.core.models.iso_countries import pycountry_file
from app.core.models.messages import shown

log = logging.getLogger(__name__)

# Shorter names would match inside almost anything ("Ain" is a French department).
_MIN_PARTIAL = 4


@lru_cache(maxsize=256)
def _subdivision_words(country: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """Codes ("fr75", "75") and folded names of `country`'s subdivisions; empty if none."""
    codes: set[str] = set()
    names: list[str] = []
    for code, name in _subdivisions(country.upper()):
        codes.add(folded(code))
        codes.add(folded(code.split("-", 1)[1]))
        names.append(folded(name))
    return frozenset(codes), tuple(names)


@lru_cache(maxsize=1)
def _subdivision_data() -> bytes:
    """pycountry's ISO 3166-2 data (about 5,000 entries, UTF-8 JSON), decoded entry by entry."""
    return pycountry_file("databases", "iso3166-2.json").read_bytes()


def _subdivisions(country: str) -> list[tuple[str, str]]:
    """(code, name) of ``country``'s subdivisions, read from pycountry's data directly:
    `pycountry.subdivisions` builds an object for each of the ~5,000 entries (about 40 ms), and
    parsing the whole file takes 9 ms where one country's entries (each a flat object, found by
    its code's prefix) take well under one."""
    data = _subdivision_data()
    found: list[tuple[str, str]] = []
    code_prefix = f"{country}-"
    quoted = f'"{code_prefix}'.encode()
    at = data.find(quoted)
    try:
        while at != -1:
            start, end = data.rindex(b"{", 0, at), data.index(b"}", at) + 1
            entry = json.loads(data[start:end])
            if entry["code"].startswith(code_prefix):  # not a match in another field
                found.append((entry["code"], entry["name"]))
            at = data.find(quoted, end)
    except (ValueError, KeyError, TypeError):  # not the layout expected: read it all
        log.debug("subdivisions of %s: reading the whole ISO 3166-2 file", country)
        found = [(entry["code"], entry["name"]) for entry in json.loads(data)["3166-2"]
                 if entry["code"].startswith(code_prefix)]
    return found


@lru_cache(maxsize=4096)  # a file names the same few provinces on every order
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
