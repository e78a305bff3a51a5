"""Excel damage is flagged on code fields only, and never repaired."""

from __future__ import annotations

import pytest

from app.core.importing.damage import damage_warning, digits_lost


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("orderAddress.phone", "8.61381E+12"),
        ("customer.phone", "1.38001E+10"),
        ("orderItemsList[].sku", "1.2e5"),
        ("customOrderId", "4.5E+15"),
    ],
)
def test_scientific_notation_in_codes(path: str, value: str) -> None:
    warning = damage_warning(path, value)
    assert warning is not None and "scientific notation" in warning


@pytest.mark.parametrize(
    "value", ["1-Mar", "Mar-01", "2023-03-01", "3/1/2023", "01.03.2023", "1-Mar-23"]
)
def test_dates_that_replaced_codes(value: str) -> None:
    warning = damage_warning("orderItemsList[].sku", value)
    assert warning is not None and "looks like a date" in warning


@pytest.mark.parametrize(
    ("zip_code", "country", "flagged"),
    [
        ("2134", "US", True),
        ("02134", "US", False),
        ("02134-1234", "US", False),
        ("1000", "FR", True),
        ("75001", "fr", False),
        ("10115", "DE", False),
        ("800", "AU", True),
        ("1000", "BE", False),  # Belgian codes are 4 digits
        ("SW1A 1AA", "GB", False),
        ("2134", None, False),  # no country: nothing to judge against
    ],
)
def test_lost_leading_zeros_depend_on_the_country(
    zip_code: str, country: str | None, flagged: bool
) -> None:
    warning = damage_warning("orderAddress.zip", zip_code, country)
    assert (warning is not None) is flagged
    if flagged:
        assert "leading zeros" in warning  # type: ignore[operator]


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("orderItemsList[].quantity", "1E+3"),  # not a code field
        ("orderAddress.city", "2023-03-01"),
        ("orderItemsList[].sku", "SKU-1-MAR"),
        ("orderAddress.phone", "+86 138 0013 8000"),
        ("orderAddress.phone", ""),
    ],
)
def test_ordinary_values_are_not_flagged(path: str, value: str) -> None:
    assert damage_warning(path, value) is None


@pytest.mark.parametrize(
    ("path", "value", "lost"),
    [
        ("orderAddress.phone", "8.61381E+12", True),
        ("customOrderId", "1E+11", True),
        ("orderItemsList[].sku", "12E5", False),  # could be a real code: a warning only
        ("orderAddress.zip", "2108", False),
        ("orderAddress.recipient", "8.61381E+12", False),  # not a code field
    ],
)
def test_only_shortened_numbers_in_code_fields_have_lost_digits(
    path: str, value: str, lost: bool
) -> None:
    assert digits_lost(path, value) is lost
