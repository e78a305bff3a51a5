"""Field types shared by the KA and Nomad models.

Each type checks one kind of value and, for operator input, normalises it the way an operator
expects ("2" -> 2, "France" -> "FR"). Validation runs in one of two modes (`STRICT`): strict
mode is what the real server accepts, so the leniencies below are switched off there.

Every rejection is raised as :func:`operator_error`, whose text is shown to the operator as is.
"""

from __future__ import annotations

import logging
import math
import re
import unicodedata
from contextvars import ContextVar
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, PlainSerializer, Strict

from app.core.models.countries import is_alpha2, to_alpha2
from app.core.models.messages import operator_error, shown
from app.core.safe_text import escape_code, unprintable_characters

log = logging.getLogger(__name__)

_TRUE_WORDS = frozenset({"true", "yes", "y", "1"})
_FALSE_WORDS = frozenset({"false", "no", "n", "0"})
# KA documents its quantity as int[16]: every whole number has at most 16 digits, however it is
# written (a JSON integer, a float, text). Nomad documents `int` with no range; see INT32_MAX.
_MAX_WHOLE_DIGITS = 16
# The largest whole number a Nomad field takes: the API notes give no range, and a 32-bit signed
# int is what the server's generated models most likely use.
INT32_MAX = 2**31 - 1
_MAX_FREE_DEPTH = 32
_EMAIL_SHAPE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
# "1.000", "12,500", "1.234.567": groups of three digits after a separator.
_DIGIT_GROUPS = re.compile(r"[+-]?\d{1,3}(?:[.,]\d{3})+")
_EXPONENT = re.compile(r"\d[eE][+-]?\d")


# Whether the check under way is the server's (strict) or an operator's: set around each call
# into pydantic by `app.core.models.validation`. A context variable rather than pydantic's
# validation context: the checks then need no `ValidationInfo` made for each value (a quarter
# of a quantity's check), and each thread sees its own.
STRICT: ContextVar[bool] = ContextVar("strict", default=False)
# True while the server's check is under way (the variable's own method: no Python call).
is_strict = STRICT.get


def kind(name: str) -> Any:
    """Field metadata naming the value kind that forms and importers should offer."""
    return Field(json_schema_extra={"kind": name})


def _text(value: Any) -> Any:
    if value is None or isinstance(value, str):
        return value  # None reaches the str check and is reported as "required"
    # Spreadsheet cells and hand-written JSON carry references and zip codes as numbers.
    if isinstance(value, int) and not isinstance(value, bool) and not is_strict():
        return str(value)
    raise operator_error("must be text")


def _whole_number(value: Any) -> Any:
    if type(value) is str and value.isdigit() and value.isascii() and not is_strict():
        # The usual spreadsheet cell, "3": plain digits need none of the checks below.
        if len(value) > _MAX_WHOLE_DIGITS and len(value.lstrip("0")) > _MAX_WHOLE_DIGITS:
            raise operator_error(
                f"must have at most {_MAX_WHOLE_DIGITS} digits (got {shown(value)})"
            )
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        # A JSON integer has no size limit (10**30 is valid JSON); KA documents int[16].
        if abs(value) >= 10**_MAX_WHOLE_DIGITS:
            raise operator_error(
                f"must have at most {_MAX_WHOLE_DIGITS} digits (got {shown(value)})"
            )
        return value
    if value is None:
        return None
    if not is_strict() and isinstance(value, float | str | Decimal):
        if isinstance(value, str):
            _refuse_ambiguous_digits(value)
        # int() of a huge exponent would build a gigantic integer; KA documents int[16].
        number = _parsed_decimal(value, "a whole number", max_digits=_MAX_WHOLE_DIGITS)
        if number != number.to_integral_value():
            raise operator_error(f"must be a whole number (got {_plain(number)})")
        return int(number)
    raise operator_error("must be a whole number")


def _refuse_ambiguous_digits(text: str) -> None:
    """Text a person could read two ways is refused, not guessed: "1.000" is one in some
    countries and a thousand in others; "1e3" is how a spreadsheet writes numbers it mangled."""
    written = text.strip()
    if _DIGIT_GROUPS.fullmatch(written):
        raise operator_error(
            f"must be a whole number written with digits only (got {shown(text)}: a thousands "
            "separator or decimals?)"
        )
    if _EXPONENT.search(written):
        raise operator_error(f"must be a whole number written with digits only (got {shown(text)})")


def _parsed_decimal(
    value: float | str | Decimal | int, what: str, *, max_digits: int | None = None
) -> Decimal:
    if isinstance(value, int):
        number = Decimal(value)  # exact, and unlike str() of it, for any size
    else:
        text = repr(value) if isinstance(value, float) else str(value).strip()
        try:
            number = Decimal(text)
        except InvalidOperation:
            hint = " (use a dot for decimals)" if "," in text else ""
            raise operator_error(f"must be {what} (got {shown(value)}){hint}") from None
    if number.is_finite() and max_digits is not None and number.adjusted() >= max_digits:
        raise operator_error(f"must have at most {max_digits} digits (got {shown(value)})")
    if not number.is_finite() or not math.isfinite(float(number)):
        raise operator_error(f"must be a finite number (got {shown(value)})")
    return number


def _plain(number: Decimal) -> str:
    return f"{number:f}" if abs(number.adjusted()) < _MAX_WHOLE_DIGITS else str(number)


def _decimal(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, bool):
        raise operator_error("must be a number")
    if isinstance(value, int | float) or (not is_strict() and isinstance(value, str | Decimal)):
        return _parsed_decimal(value, "a number")
    raise operator_error("must be a number")


def _reference(value: str | None) -> str | None:
    """The order reference is shown in every list, message and export, and is the key that
    finds the order again: printable characters only (no control character such as an ANSI
    escape, no right-to-left override, no NUL). The message shows each one escaped."""
    if value is None:
        return None
    found = unprintable_characters(value)
    if found:
        listed = ", ".join(_described(char) for char in found[:3])
        more = f" and {len(found) - 3} more" if len(found) > 3 else ""
        raise operator_error(
            f"may only hold printable characters, not {listed}{more} (got {shown(value)})"
        )
    return value


def _described(char: str) -> str:
    name = unicodedata.name(char, "")
    if not name:
        kinds = {"Cc": "a control character", "Cs": "half of a UTF-16 surrogate pair",
                 "Co": "a private-use character", "Cn": "an unassigned code point"}
        name = kinds.get(unicodedata.category(char), "")
    return f"{escape_code(char)} ({name})" if name else escape_code(char)


def _to_json_number(value: Decimal) -> float:
    return float(value)


def _flag(value: Any) -> Any:
    if value is None or isinstance(value, bool):
        return value
    if not is_strict():
        word = str(value).strip().casefold() if isinstance(value, str | int) else None
        if word in _TRUE_WORDS:
            return True
        if word in _FALSE_WORDS:
            return False
    raise operator_error("must be true or false")


def _country(value: Any) -> Any:
    """Operator input: any code or name, normalised to alpha-2. Server: taken as written."""
    value = _text(value)
    if value is None or is_strict():
        return value
    return to_alpha2(value)  # raises operator_error with the reason


def _alpha2_country(value: Any) -> Any:
    """Like _country, but the server itself requires an existing 2-letter code."""
    strict = is_strict()
    if isinstance(value, str):
        if not strict:
            return to_alpha2(value)  # `_country` of text, without its calls: one per order
        if is_alpha2(value):
            return value
        raise operator_error(f"must be a 2-letter country code such as FR (got {shown(value)})")
    return _country(value)


def _email(value: Any) -> Any:
    value = _text(value)
    if value is None or is_strict() or _EMAIL_SHAPE.fullmatch(value):
        return value
    raise operator_error(f"not an email address: {shown(value)}")


def _iso_datetime(value: Any) -> Any:
    if not is_strict() and isinstance(value, date):
        return value.isoformat()
    value = _text(value)
    if value is None:
        return None
    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise operator_error(
            f"must be an ISO-8601 date or time such as 2024-05-01T12:00:00Z (got {shown(value)})"
        ) from None
    return value


# What operators call a choice in their own words: the marketplaces' Chinese names, as their
# back offices and exports write them.
CHOICE_ALIASES: dict[str, str] = {
    "拼多多": "pdd", "有赞": "youzan", "有贊": "youzan", "小红书": "littleredbook",
    "小紅書": "littleredbook", "抖音": "douyin", "亚马逊": "Amazon", "亞馬遜": "Amazon",
    "速卖通": "Aliexpress", "沃尔玛": "Walmart", "易贝": "eBay",
}


def choice_for(value: str, values: tuple[str, ...]) -> str | None:
    """The choice of `values` operator text means (any letter case, or a known alias), or None."""
    if value in values:
        return value
    folded = value.strip().casefold()
    aliased = CHOICE_ALIASES.get(folded, folded).casefold()
    return next((choice for choice in values if choice.casefold() == aliased), None)


def choice_of(values: tuple[str, ...]) -> BeforeValidator:
    """Accept one of `values`; operator input may differ in letter case or use an alias."""
    allowed = f"must be one of: {', '.join(values)}"

    def check(value: Any) -> Any:
        if value is None or value in values:
            return value
        if not is_strict() and isinstance(value, str):
            chosen = choice_for(value, values)
            if chosen is not None:
                return chosen
        raise operator_error(f"{allowed} (got {shown(value)})")

    return BeforeValidator(check)


def _shallow(value: dict[str, Any]) -> dict[str, Any]:
    """Free-form data must stay serialisable: pydantic refuses to write very deep nesting."""
    level: list[Any] = [value]
    for _ in range(_MAX_FREE_DEPTH):
        level = [
            child
            for node in level
            for child in (node.values() if isinstance(node, dict) else node)
            if isinstance(child, dict | list)
        ]
        if not level:
            return value
    raise operator_error(f"nested too deeply (at most {_MAX_FREE_DEPTH} levels)")


class _TextMark:
    """Marks plain text: pydantic-core checks it (text only, lengths) with no Python call per
    value, and `app.core.models.base.prepared` turns a whole number given for it into its
    digits beforehand (operator input only), as `_text` does for the types that need Python."""

    def __repr__(self) -> str:
        return "TEXT"


TEXT = _TextMark()
Text = Annotated[str, Strict(), TEXT, kind("str")]
# The order's own reference (customOrderId, clientOrderRef); each model gives its length.
Reference = Annotated[str, Strict(), TEXT, AfterValidator(_reference), kind("str")]
Phone = Annotated[str, Strict(), TEXT, kind("phone")]
Email = Annotated[str, BeforeValidator(_email), kind("email")]
IsoDateTime = Annotated[str, BeforeValidator(_iso_datetime), kind("date")]
Country = Annotated[str, BeforeValidator(_country), kind("country")]
Alpha2Country = Annotated[str, BeforeValidator(_alpha2_country), kind("country")]
# The bound before the validator: pydantic-core checks it on the number the validator returns
# (placed after, it would be a Python call per value).
Quantity = Annotated[int, Field(ge=1), BeforeValidator(_whole_number), kind("int")]
Count = Annotated[int, Field(ge=0), BeforeValidator(_whole_number), kind("int")]
Amount = Annotated[
    Decimal,
    BeforeValidator(_decimal),
    Field(ge=0),
    PlainSerializer(_to_json_number, return_type=float),
    kind("decimal"),
]
Flag = Annotated[bool, BeforeValidator(_flag), kind("bool")]
TextList = Annotated[list[Text], kind("list")]
FreeObject = Annotated[dict[str, Any], AfterValidator(_shallow), kind("object")]
