"""Country and phone normalisation on their own, below the order models."""

from __future__ import annotations

import pytest
from pydantic_core import PydanticCustomError

from app.core.models.countries import is_alpha2, to_alpha2
from app.core.models.messages import shown
from app.core.models.phones import check_phone
from app.core.models.provinces import province_warning


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("FR", "FR"),
        ("fr", "FR"),
        ("FRA", "FR"),
        ("250", "FR"),
        ("France", "FR"),
        ("FRANCE", "FR"),
        ("United States", "US"),
        ("usa", "US"),
        ("Viet Nam", "VN"),
        ("Vietnam", "VN"),  # unique partial match, spaces ignored
        ("Bolivia", "BO"),  # short for "Bolivia, Plurinational State of"
        ("Iran", "IR"),
        ("cote d'ivoire", "CI"),  # accents ignored
        ("Russia", "RU"),
        ("Congo", "CG"),  # an exact name wins over the longer "Congo, The Democratic Republic of"
        ("UK", "GB"),  # ISO's exceptionally reserved code, what operators write
        ("uk", "GB"),
        ("EL", "GR"),  # the EU's code for Greece
        ("United Kingdom", "GB"),
        ("Great Britain", "GB"),
        ("England", "GB"),  # a nation of the UK, from ISO's subdivisions
        ("Deutschland", "DE"),  # names in the languages exports are written in
        ("Allemagne", "DE"),
        ("España", "ES"),
        ("法国", "FR"),
        ("英国", "GB"),
        ("台灣", "TW"),  # the everyday variant of 臺灣
        ("臺灣", "TW"),
        # The same words in another order name one country; a longer name containing them
        # ("Democratic People's Republic of Korea") must not win.
        ("Republic of Korea", "KR"),
        ("Democratic Republic of the Congo", "CD"),
        ("Turkey", "TR"),  # ISO now says Türkiye
        ("Ivory Coast", "CI"),
    ],
)
def test_country_spellings(written, code):
    assert to_alpha2(written) == code


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("Frnace", "not a country: 'Frnace' (did you mean France, FR?)"),  # never guessed
        ("Untied States", "not a country: 'Untied States' (did you mean United States, US?)"),
        ("XK", "not a country: 'XK'"),  # too short to guess or to suggest anything for
        ("Atlantis", "not a country: 'Atlantis'"),
        ("Korea", "ambiguous country: 'Korea' (could be KP, KR)"),
        ("Virgin Islands", "ambiguous country: 'Virgin Islands' (could be VG, VI)"),
        ("", "not a country: ''"),
    ],
)
def test_country_refusals(written, message):
    with pytest.raises(PydanticCustomError) as caught:
        to_alpha2(written)

    assert caught.value.context == {"message": message}


def test_alpha2_membership_is_exact():
    assert is_alpha2("FR") and is_alpha2("CN")
    assert not is_alpha2("fr") and not is_alpha2("XX") and not is_alpha2("FRA")


@pytest.mark.parametrize(
    ("number", "region"),
    [
        ("+33 6 12 34 56 78", "FR"),
        ("06 12 34 56 78", "FR"),
        ("+1 (212) 555-0100", "FR"),  # an international number is judged on its own country
        ("13800138000", "CN"),
        ("0612345678", None),  # no country to judge against: accepted as written
    ],
)
def test_possible_phones_are_returned_unchanged(number, region):
    assert check_phone(number, region) == number


@pytest.mark.parametrize(
    ("number", "region", "message"),
    [
        ("12", "FR", "not a possible phone number for FR (too short): '12'"),
        ("06 12 34 56 78 90 12", "FR",
         "not a possible phone number for FR (too long): '06 12 34 56 78 90 12'"),
        ("phone", "FR", "letters 'phone' in a phone number for FR: only digits, "
                        "spaces and + - ( ) . / belong in one"),
        # The parser would skip the letters and call what is left "too short" (issue 12).
        ("abc123", "FR", "letters 'abc' in a phone number for FR: only digits, "
                         "spaces and + - ( ) . / belong in one"),
        ("06 12#34 56 78", "FR", "characters '#' in a phone number for FR: only "
                                 "digits, spaces and + - ( ) . / belong in one"),
        ("abc123", None, "letters 'abc' in a phone number: only digits, "
                         "spaces and + - ( ) . / belong in one"),
        ("+999 1234", None, "not a phone number: '+999 1234'"),
        ("+44 1", None, "not a phone number: '+44 1'"),
        ("+33 12", None, "not a possible phone number (too short): '+33 12'"),
    ],
)  # fmt: skip
def test_impossible_phones(number, region, message):
    with pytest.raises(PydanticCustomError) as caught:
        check_phone(number, region)

    assert caught.value.context == {"message": message}


def test_long_input_is_cut_in_messages():
    assert shown("abc") == "'abc'"
    assert len(shown("x" * 500)) == 60
    assert shown("x" * 500).endswith("…")


@pytest.mark.parametrize(
    ("country", "province"),
    [
        ("FR", "Ile-de-France"),  # accents ignored
        ("FR", "IDF"),  # subdivision code
        ("US", "NY"),
        ("US", "new york"),
        ("CN", "Guangdong"),  # "Guangdong Sheng" in the data
        ("CN", "广东省"),  # another script: nothing to compare with, no warning
        ("DE", "Bayern"),
    ],
)
def test_known_or_uncheckable_provinces_raise_no_doubt(country, province):
    assert province_warning(country, province) is None


def test_unknown_province_is_only_a_doubt():
    assert province_warning("DE", "Bavaria") == (
        "not a known province or state of DE: 'Bavaria' (sent as written)"
    )
    assert province_warning("FR", "Foo") is not None
