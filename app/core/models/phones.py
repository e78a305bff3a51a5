"""Phone plausibility: the operator's digits are kept, impossible numbers are refused."""

from __future__ import annotations

import logging

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


def check_phone(number: str, region: str | None) -> str:
    """Return `number` unchanged if it could be a phone number in `region` (ISO alpha-2).

    A number with a leading + is checked on its own. Without one and without a region there is
    nothing to check against, so it is accepted as written.
    """
    where = f" for {region}" if region else ""
    try:
        parsed = phonenumbers.parse(number, region)
    except NumberParseException as error:
        no_reference = region is None and not number.startswith("+")
        if no_reference and error.error_type == NumberParseException.INVALID_COUNTRY_CODE:
            return number
        raise operator_error(f"not a phone number{where}: {shown(number)}") from None
    reason = phonenumbers.is_possible_number_with_reason(parsed)
    if reason in (ValidationResult.IS_POSSIBLE, ValidationResult.IS_POSSIBLE_LOCAL_ONLY):
        return number
    detail = _REASONS.get(reason, "not possible")
    raise operator_error(f"not a possible phone number{where} ({detail}): {shown(number)}")
