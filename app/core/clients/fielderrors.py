"""Which fields an API's rejection message names, so a form can mark them.

Neither API documents an error format. Two shapes are understood: ``loc: text`` segments joined by
``;`` (``orderAddress.phone: required; orderItemsList[0].quantity: must be at least 1``), and free
text that mentions a field we sent (``customOrderId 'A-1' already exists``). The payload we sent is
the list of candidate names, so the models stay the only place that knows the fields. The API's
full message is always kept next to these; they are a pointer, not a replacement.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from app.core.outcome import FieldError

# A field path at the start of a segment: lower-case first letter, so "Unauthorized: ..." or
# "Insufficient balance: ..." are not taken for fields.
_SEGMENT = re.compile(r"\s*(?P<loc>[a-z_]\w*(?:\.\w+|\[\d+\])*)\s*:\s*(?P<text>\S.*)", re.DOTALL)
_INDEX = re.compile(r"\[(\d+)\]")
_MIN_NAME_LENGTH = 3  # shorter names ("id") match too much prose


def field_errors_from_message(message: str, payload: Mapping[str, Any]) -> tuple[FieldError, ...]:
    return _structured(message) or _mentioned(message, payload)


def _structured(message: str) -> tuple[FieldError, ...]:
    errors = []
    for segment in message.split(";"):
        match = _SEGMENT.fullmatch(segment)
        if match:
            errors.append(FieldError(_INDEX.sub(r".\1", match["loc"]), match["text"].strip()))
    return tuple(errors)


def wire_paths(value: Any, prefix: str = "") -> Iterator[str]:
    """Every dotted path in a payload, e.g. orderAddress.phone, orderItemsList.0.sku."""
    if isinstance(value, Mapping):
        items: Iterator[tuple[str, Any]] = ((str(k), v) for k, v in value.items())
    elif isinstance(value, list):
        items = ((str(i), v) for i, v in enumerate(value))
    else:
        return
    for key, child in items:
        path = f"{prefix}.{key}" if prefix else key
        yield path
        yield from wire_paths(child, path)


def _mentioned(message: str, payload: Mapping[str, Any]) -> tuple[FieldError, ...]:
    """Fields the text mentions: a full path wins; else a bare name, which points at the list
    when several list entries carry it."""
    text = _INDEX.sub(r".\1", message)
    paths = [p for p in wire_paths(payload) if not p.rsplit(".", 1)[-1].isdigit()]
    dotted = [p for p in paths if "." in p and re.search(rf"(?<![\w.]){re.escape(p)}\b", text)]
    if dotted:
        return tuple(FieldError(p, message) for p in _outermost(dotted))
    by_name: dict[str, list[str]] = {}
    for path in paths:
        by_name.setdefault(path.rsplit(".", 1)[-1], []).append(path)
    found = [
        _common_path(candidates)
        for name, candidates in by_name.items()
        if len(name) >= _MIN_NAME_LENGTH and re.search(rf"\b{re.escape(name)}\b", text, re.I)
    ]
    return tuple(FieldError(p, message) for p in dict.fromkeys(found))


def _outermost(paths: list[str]) -> list[str]:
    """Keep the most specific match: orderAddress.phone, not also orderAddress."""
    return [p for p in paths if not any(o != p and o.startswith(p + ".") for o in paths)]


def _common_path(candidates: list[str]) -> str:
    """orderItemsList.0.sku + orderItemsList.1.sku -> orderItemsList; one candidate -> itself.
    KA's two address aliases share no prefix: the first one stands for both."""
    common: list[str] = []
    for parts in zip(*(c.split(".") for c in candidates), strict=False):
        if len(set(parts)) != 1:
            break
        common.append(parts[0])
    return ".".join(common) or candidates[0]
