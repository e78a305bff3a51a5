"""The countries and subdivisions read straight from pycountry's data files (for a fast start)
are exactly what pycountry itself says, for every country of the installed version."""

from __future__ import annotations

import pycountry

from app.core.models.iso_countries import country_names
from app.core.models.provinces import _subdivisions


def test_country_names_are_pycountrys() -> None:
    assert country_names() == {country.alpha_2: country.name for country in pycountry.countries}


def test_each_countrys_subdivisions_are_pycountrys() -> None:
    expected: dict[str, set[tuple[str, str]]] = {}
    for subdivision in pycountry.subdivisions:
        expected.setdefault(subdivision.country_code, set()).add(
            (subdivision.code, subdivision.name))
    for country in pycountry.countries:
        found = _subdivisions(country.alpha_2)
        assert len(found) == len(set(found))
        assert set(found) == expected.get(country.alpha_2, set()), country.alpha_2
