"""Country names and codes to ISO 3166-1 alpha-2, using pycountry's data.

An alpha-2 code, what nearly every order carries, is checked against pycountry's data file
without importing pycountry (`app.core.models.iso_countries`).
"""

from __future__ import annotations

import gettext
import logging
import unicodedata
from functools import lru_cache
from pathlib import Path

from app.core.models.iso_countries import country_names
from app.core.models.messages import operator_error, shown

log = logging.getLogger(__name__)

# Shorter guesses match too much ("UK" is inside "Ukraine" and "Turks and Caicos").
_MIN_FUZZY_LENGTH = 4

# ISO 3166's "exceptionally reserved" codes still in everyday use: operators write UK for the
# United Kingdom, and EU paperwork writes EL for Greece. Neither is an alpha-2 code of anything.
_RESERVED_CODES = {"UK": "GB", "EL": "GR"}

# Everyday names that the current ISO data no longer carries (renamed countries) or abbreviates.
_EVERYDAY_NAMES = {
    "turkey": "TR", "capeverde": "CV", "ivorycoast": "CI", "easttimor": "TL", "uae": "AE",
    "台灣": "TW",  # the everyday variant of 臺灣 (which the translations carry)
}

# Words that do not tell countries apart ("Republic of Korea" is "Korea, Republic of").
_FILLER_WORDS = frozenset({"the", "of", "and"})

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


def _words(text: str) -> frozenset[str]:
    """The words of a name, folded like `folded`: "Korea, Republic of" -> {"korea", "republic"}."""
    decomposed = unicodedata.normalize("NFKD", text).casefold()
    plain = "".join(" " if not ch.isalnum() else ch for ch in decomposed
                    if not unicodedata.combining(ch))
    return frozenset(plain.split()) - _FILLER_WORDS


@lru_cache(maxsize=1)
def _english_names() -> tuple[tuple[str, frozenset[str], str], ...]:
    """(folded name, its words, alpha-2) for every English name pycountry has."""
    import pycountry

    names: list[tuple[str, frozenset[str], str]] = []
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            name = getattr(country, attribute, None)
            if name:
                names.append((folded(name), _words(name), country.alpha_2))
    return tuple(names)


def name_catalogues() -> list[Path]:
    """The pycountry translation files the names in other languages come from (one per language
    of `_NAME_LANGUAGES` this pycountry has): a frozen build must carry these."""
    import pycountry

    found = (gettext.find("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
             for language in _NAME_LANGUAGES)
    return [Path(path) for path in found if path]


@lru_cache(maxsize=1)
def _other_names() -> dict[str, str]:
    """Folded translated names (and the UK's nations) -> alpha-2, only the unambiguous ones."""
    import pycountry

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
    return frozenset(country_names())


def is_alpha2(code: str) -> bool:
    """True for an existing ISO 3166-1 alpha-2 code written exactly (upper case)."""
    return code in _alpha2_codes()


def to_alpha2(text: str) -> str:
    """The alpha-2 code for a code ("fr", "FRA", "250", "UK") or a name ("France", "Viet Nam",
    "Deutschland", "法国").

    A partial name is accepted only when it points at one country ("Bolivia" but not "Korea").
    Raises PydanticCustomError with a message for the operator otherwise.
    """
    code, problem = _read_country(text)
    if problem is not None:
        raise operator_error(problem)
    return code


# Refusals are kept too: a file repeats a misspelt country on every row of a customer, and each
# looked through every country's names again (the close match for its message: half a
# millisecond).
@lru_cache(maxsize=1024)
def _read_country(text: str) -> tuple[str, str | None]:
    """`to_alpha2`'s code, or "" and why the text names no country."""
    query = text.strip()
    code = query.upper()
    if len(query) == 2 and query.isascii() and code in _alpha2_codes():
        return code, None  # what pycountry's lookup gives for a code, without loading pycountry
    import pycountry

    try:
        return str(pycountry.countries.lookup(query).alpha_2), None
    except LookupError:
        pass
    if code in _RESERVED_CODES:
        return _RESERVED_CODES[code], None
    wanted = folded(query)
    known = _other_names().get(wanted) or _EVERYDAY_NAMES.get(wanted)
    if known:
        return known, None
    # The same words in another order ("Republic of Korea") name one country exactly; only then
    # is a part of a longer name tried, which would also match "Democratic People's Republic...".
    words = _words(query)
    same_words = {code for _, name_words, code in _english_names() if name_words == words}
    if len(same_words) == 1:
        return same_words.pop(), None
    if len(wanted) >= _MIN_FUZZY_LENGTH:
        matches = sorted({code for name, _, code in _english_names() if wanted in name})
        if len(matches) == 1:
            log.debug("country %r read as %s", query, matches[0])
            return matches[0], None
        if matches:
            return "", f"ambiguous country: {shown(text)} (could be {', '.join(matches)})"
    return "", f"not a country: {shown(text)}{_suggestion(wanted)}"


def _suggestion(wanted: str) -> str:
    """ " (did you mean France, FR?)" for a misspelt name; never a guess that gets used."""
    if len(wanted) < _MIN_FUZZY_LENGTH:
        return ""
    import difflib  # only a country not found needs it, not every start that checks orders

    names = {name: code for name, _, code in _english_names()}
    close = difflib.get_close_matches(wanted, names, n=1, cutoff=0.75)
    if not close:
        return ""
    code = names[close[0]]
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    label = getattr(country, "common_name", None) or getattr(country, "name", code)
    return f" (did you mean {label}, {code}?)"
