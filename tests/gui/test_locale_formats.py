"""Dates and amounts in the window follow its locale; POSIX's "C" locale gets ISO dates."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal

import pytest
from PySide6.QtCore import QLocale

from app.gui.language import amount_text, moment_text

MOMENT = datetime(2026, 12, 6, 14, 3, 5).timestamp()


def _plain(text: str) -> str:
    """Locales put narrow or no-break spaces where a test writes a space."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


@pytest.fixture
def locale_of(qapp: object) -> Iterator[object]:
    before = QLocale()

    def use(name: str) -> None:
        QLocale.setDefault(QLocale(name))

    yield use
    QLocale.setDefault(before)


@pytest.mark.parametrize(("name", "minute", "second"), [
    ("zh_CN", "2026/12/6 14:03", "2026/12/6 14:03:05"),
    ("en_US", "12/6/26 2:03 PM", "12/6/26 2:03:05 PM"),
    ("de_DE", "06.12.26 14:03", "06.12.26 14:03:05"),
    ("C", "2026-12-06 14:03", "2026-12-06 14:03:05"),
])
def test_moments_are_written_the_locales_way(locale_of, name: str, minute: str,
                                             second: str) -> None:
    locale_of(name)
    assert _plain(moment_text(MOMENT)) == minute
    assert _plain(moment_text(MOMENT, seconds=True)) == second


@pytest.mark.parametrize(("name", "text"), [
    ("zh_CN", "1,234,567.50 USD"), ("de_DE", "1.234.567,50 USD"), ("fr_FR", "1 234 567,50 USD")])
def test_amounts_group_digits_the_locales_way(locale_of, name: str, text: str) -> None:
    locale_of(name)
    assert _plain(amount_text(Decimal("1234567.5"), "USD")) == text
