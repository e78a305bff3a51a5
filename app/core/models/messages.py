"""The one way this package reports a rejected value: a message written for the operator."""

from __future__ import annotations

from pydantic_core import PydanticCustomError

# Error type of every message written here; errors.py shows its text unchanged.
OPERATOR_ERROR = "operator_message"


def operator_error(message: str) -> PydanticCustomError:
    # The text goes in the context, not the template, so braces in operator input stay literal.
    return PydanticCustomError(OPERATOR_ERROR, "{message}", {"message": message})


_SHOWN_LIMIT = 60


def shown(value: object) -> str:
    """The operator's value as quoted in a message; long input is cut so messages stay short.
    repr() writes control and other unprintable characters as escapes (``'\\x1b'``)."""
    if isinstance(value, int) and value.bit_length() > 4 * _SHOWN_LIMIT:
        # repr() of an integer of thousands of digits is refused (and slow): say what it is.
        return f"a number of about {int(value.bit_length() * 0.30103):,} digits"
    text = repr(value)
    return text if len(text) <= _SHOWN_LIMIT else text[: _SHOWN_LIMIT - 1] + "…"
