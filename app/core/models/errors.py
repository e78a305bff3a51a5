"""pydantic's errors rewritten as FieldErrors: the wire path and a sentence for an operator."""

from __future__ import annotations

import logging
from collections.abc import Callable

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from app.core.models.messages import OPERATOR_ERROR
from app.core.outcome import FieldError

log = logging.getLogger(__name__)


def _length(error: ErrorDetails) -> str:
    limit = error.get("ctx", {}).get("max_length")
    value = error.get("input")
    got = f" (got {len(value)})" if isinstance(value, str | list) else ""
    unit = "characters" if isinstance(value, str) else "items"
    return f"at most {limit} {unit}{got}"


def _too_short(error: ErrorDetails) -> str:
    if isinstance(error.get("input"), str):
        return "required"  # min_length=1 on text: an empty string
    least = error.get("ctx", {}).get("min_length", 1)
    return f"at least {least} item{'s' if least != 1 else ''} required"


def _bound(word: str, key: str) -> Callable[[ErrorDetails], str]:
    def message(error: ErrorDetails) -> str:
        return f"must be {word} {error.get('ctx', {}).get(key)} (got {error.get('input')})"

    return message


# Messages that never vary: the window translates these (context "FieldMessages").
FIXED_MESSAGES = (
    "required", "unknown field", "must be text", "must be a whole number", "must be a number",
    "must be true or false", "must be a list", "must be an object", "invalid value",
    "at least one item is required",
    *(f"delivery address: {part} is required"
      for part in ("recipient name", "address line", "city", "country")),
)

# Messages that carry values, as templates (%1, %2: the values in order): the window translates
# the template (context "FieldMessages") and puts the values back (app.gui.language).
MESSAGE_TEMPLATES = (
    "at most %1 characters (got %2)", "at most %1 items (got %2)", "at most %1 characters",
    "at most %1 items", "at least %1 item required", "at least %1 items required",
    "must be at least %1 (got %2)", "must be more than %1 (got %2)",
    "must be at most %1 (got %2)",
)

_MESSAGES: dict[str, Callable[[ErrorDetails], str]] = {
    "missing": lambda _: "required",
    "extra_forbidden": lambda _: "unknown field",
    "string_too_long": _length,
    "too_long": _length,
    "string_too_short": _too_short,
    "too_short": _too_short,
    "greater_than_equal": _bound("at least", "ge"),
    "greater_than": _bound("more than", "gt"),
    "less_than_equal": _bound("at most", "le"),
    "string_type": lambda _: "must be text",
    "int_type": lambda _: "must be a whole number",
    "decimal_type": lambda _: "must be a number",
    "bool_type": lambda _: "must be true or false",
    "list_type": lambda _: "must be a list",
    "dict_type": lambda _: "must be an object",
    "model_type": lambda _: "must be an object",
    "model_attributes_type": lambda _: "must be an object",
}


def _message(error: ErrorDetails) -> str:
    if error["type"] == OPERATOR_ERROR:
        return str(error.get("ctx", {}).get("message", error["msg"]))
    if error.get("input", ...) is None:
        return "required"  # null for a value that must be present
    describe = _MESSAGES.get(error["type"])
    if describe is None:
        log.debug("no operator message for error type %s", error["type"])
        return "invalid value"
    return describe(error)


def dotted(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc)


def field_errors(exc: ValidationError) -> list[FieldError]:
    return [FieldError(dotted(error["loc"]), _message(error)) for error in exc.errors()]
