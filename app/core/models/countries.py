"""Country names and codes to ISO 3166-1 alpha-2, using pycountry's data."""

from __future__ import annotations

import logging
import unicodedata
from functools import lru_cache

import pycountry

from app.core.models.messages import operator_error, shown

log = logging.getLogger(__name__)

# Shorter guesses match too much ("UK" is inside "Ukraine" and "Turks and Caicos").
_MIN_FUZZY_LENGTH = 4


def folded(text: str) -> str:
    """Lower case, no accents, letters and digits only: "Côte d'Ivoire" -> "cotedivoire"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed.casefold() if ch.isalnum())


@lru_cache(maxsize=1)
def _folded_names() -> tuple[tuple[str, str], ...]:
    pairs: list[tuple[str, str]] = []
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            name = getattr(country, attribute, None)
            if name:
                pairs.append((folded(name), country.alpha_2))
    return tuple(pairs)


@lru_cache(maxsize=1)
def _alpha2_codes() -> frozenset[str]:
    return frozenset(country.alpha_2 for country in pycountry.countries)


def is_alpha2(code: str) -> bool:
    """True for an existing ISO 3166-1 alpha-2 code written exactly (upper case)."""
    return code in _alpha2_codes()


@lru_cache(maxsize=1024)
def to_alpha2(text: str) -> str:
    """The alpha-2 code for a code ("fr", "FRA", "250") or a name ("France", "Viet Nam").

    A partial name is accepted only when it points at one country ("Bolivia" but not "Korea").
    Raises PydanticCustomError with a message for the operator otherwise.
    """
    query = text.strip()
    try:
        return str(pycountry.countries.lookup(query).alpha_2)
    except LookupError:
        pass
    wanted = folded(query)
    if len(wanted) >= _MIN_FUZZY_LENGTH:
        matches = sorted({code for name, code in _folded_names() if wanted in name})
        if len(matches) == 1:
            log.debug("country %r read as %s", query, matches[0])
            return matches[0]
        if matches:
            raise operator_error(
                f"ambiguous country: {shown(text)} (could be {', '.join(matches)})"
            )
    raise operator_error(f"not a country: {shown(text)}")
