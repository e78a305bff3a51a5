"""Phone plausibility: the operator's digits are kept, impossible numbers are refused."""

from __future__ import annotations

import logging
from functools import lru_cache

import phonenumbers
from phonenumbers import NumberParseException, ValidationResult

from app.core.models.messages import operator_error, shown

log = logging.getLogger(__name__)

_REASONS = {
    ValidationResult.TOO_SHORT: "too short",
    ValidationResult.TOO_LONG: "too long",
    ValidationResult.INVALID_LENGTH: "wrong length",
    ValidationResult.INVALID_COUNTRY_CODE: "unknown country calling code",
}

# What operators write between the digits (and an extension's "x" is not among them).
_PHONE_SIGNS = frozenset(" +-()./\u00a0")


def check_phone(number: str, region: str | None) -> str:
    """Return `number` unchanged if it could be a phone number in `region` (ISO alpha-2).

    A number with a leading + is checked on its own. Without one and without a region there is
    nothing to check against, so it is accepted as written.
    """
    problem = _phone_problem(number, region)
    if problem:
        raise operator_error(problem)
    return number


# Parsing is the costliest part of checking an order; a spreadsheet repeats a customer's number
# on every row and order of theirs, so each (number, region) is judged once. Room for a large
# file's worth of customers (a few MB): a cache smaller than the numbers a file cycles through
# would forget each one just before it comes round again.
@lru_cache(maxsize=65_536)
def _phone_problem(number: str, region: str | None) -> str | None:
    """Why `number` cannot be a phone number in `region`, or None if it can."""
    where = f" for {region}" if region else ""
    # The parser reads letters as keypad digits or skips them, and would then call "abc123"
    # too short: the real problem is the letters (or other signs a phone number never has).
    stray = "".join(dict.fromkeys(c for c in number if not (c.isdigit() or c in _PHONE_SIGNS)))
    if stray:
        kind = "letters" if any(c.isalpha() for c in stray) else "characters"
        return (f"{kind} {shown(stray)} in a phone number{where}: only digits, spaces and "
                "+ - ( ) . / belong in one")
    try:
        parsed = phonenumbers.parse(number, region)
    except NumberParseException as error:
        no_reference = region is None and not number.startswith("+")
        if no_reference and error.error_type == NumberParseException.INVALID_COUNTRY_CODE:
            return None
        return f"not a phone number{where}: {shown(number)}"
    reason = phonenumbers.is_possible_number_with_reason(parsed)
    if reason in (ValidationResult.IS_POSSIBLE, ValidationResult.IS_POSSIBLE_LOCAL_ONLY):
        return None
    detail = _REASONS.get(reason, "not possible")
    return f"not a possible phone number{where} ({detail}): {shown(number)}"
