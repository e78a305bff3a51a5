"""Country names and codes to ISO 3166-1 alpha-2, using pycountry's data."""

from __future__ import annotations

import difflib
import gettext
import logging
import unicodedata
from functools import lru_cache

import pycountry

from app.core.models.messages import operator_error, shown

log = logging.getLogger(__name__)

# Shorter guesses match too much ("UK" is inside "Ukraine" and "Turks and Caicos").
_MIN_FUZZY_LENGTH = 4

# ISO 3166's "exceptionally reserved" codes still in everyday use: operators write UK for the
# United Kingdom, and EU paperwork writes EL for Greece. Neither is an alpha-2 code of anything.
_RESERVED_CODES = {"UK": "GB", "EL": "GR"}

# Languages whose country names operators paste from exports ("Deutschland", "法国"); the names
# themselves come from pycountry's ISO 3166 translations.
_NAME_LANGUAGES = (
    "de", "fr", "es", "it", "nl", "pt", "pl", "sv", "da", "nb", "fi", "cs", "tr", "ru",
    "zh_CN", "zh_TW", "ja", "ko",
)

# Parts of the United Kingdom that ISO lists as subdivisions ("England", "Scotland").
_UK_NATION_TYPES = ("Country", "Province")


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
def _other_names() -> dict[str, str]:
    """Folded translated names (and the UK's nations) -> alpha-2, only the unambiguous ones."""
    codes: dict[str, set[str]] = {}
    for language in _NAME_LANGUAGES:
        try:
            catalogue = gettext.translation(
                "iso3166-1", pycountry.LOCALES_DIR, languages=[language]
            )
        except OSError:
            log.debug("no %s country names in this pycountry", language)
            continue
        for country in pycountry.countries:
            for attribute in ("name", "common_name"):
                name = getattr(country, attribute, None)
                if name:
                    codes.setdefault(folded(catalogue.gettext(name)), set()).add(country.alpha_2)
    for part in pycountry.subdivisions.get(country_code="GB") or ():
        if part.type in _UK_NATION_TYPES:
            codes.setdefault(folded(part.name.split(" [")[0]), set()).add("GB")
    return {name: next(iter(found)) for name, found in codes.items() if len(found) == 1 and name}


@lru_cache(maxsize=1)
def _alpha2_codes() -> frozenset[str]:
    return frozenset(country.alpha_2 for country in pycountry.countries)


def is_alpha2(code: str) -> bool:
    """True for an existing ISO 3166-1 alpha-2 code written exactly (upper case)."""
    return code in _alpha2_codes()


@lru_cache(maxsize=1024)
def to_alpha2(text: str) -> str:
    """The alpha-2 code for a code ("fr", "FRA", "250", "UK") or a name ("France", "Viet Nam",
    "Deutschland", "法国").

    A partial name is accepted only when it points at one country ("Bolivia" but not "Korea").
    Raises PydanticCustomError with a message for the operator otherwise.
    """
    query = text.strip()
    try:
        return str(pycountry.countries.lookup(query).alpha_2)
    except LookupError:
        pass
    if query.upper() in _RESERVED_CODES:
        return _RESERVED_CODES[query.upper()]
    wanted = folded(query)
    if wanted in _other_names():
        return _other_names()[wanted]
    if len(wanted) >= _MIN_FUZZY_LENGTH:
        matches = sorted({code for name, code in _folded_names() if wanted in name})
        if len(matches) == 1:
            log.debug("country %r read as %s", query, matches[0])
            return matches[0]
        if matches:
            raise operator_error(
                f"ambiguous country: {shown(text)} (could be {', '.join(matches)})"
            )
    raise operator_error(f"not a country: {shown(text)}{_suggestion(wanted)}")


def _suggestion(wanted: str) -> str:
    """ " (did you mean France, FR?)" for a misspelt name; never a guess that gets used."""
    if len(wanted) < _MIN_FUZZY_LENGTH:
        return ""
    names = {name: code for name, code in _folded_names()}
    close = difflib.get_close_matches(wanted, names, n=1, cutoff=0.75)
    if not close:
        return ""
    code = names[close[0]]
    country = pycountry.countries.get(alpha_2=code)
    label = getattr(country, "common_name", None) or getattr(country, "name", code)
    return f" (did you mean {label}, {code}?)"
