"""Generated order references: the idempotency key for orders the operator gave none."""

from __future__ import annotations

import random
import time
from collections.abc import Callable

# Crockford's base32: no I, L, O or U, so a reference read aloud or retyped stays unambiguous.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
PREFIX = "OD-"


def _base32(value: int, width: int) -> str:
    chars = []
    for _ in range(width):
        value, digit = divmod(value, 32)
        chars.append(_ALPHABET[digit])
    return "".join(reversed(chars))


def new_reference(
    rng: random.Random | None = None, clock: Callable[[], float] = time.time
) -> str:
    """``OD-`` + 9 characters of millisecond time + 8 random ones (40 bits), e.g.
    ``OD-1KX3V7QZ2-8FJ2M0QD``: sorts by creation time and never repeats in practice."""
    source = rng or random.SystemRandom()
    millis = int(clock() * 1000)
    return f"{PREFIX}{_base32(millis, 9)}-{_base32(source.getrandbits(40), 8)}"
