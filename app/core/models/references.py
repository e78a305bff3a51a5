"""The order reference (idempotency key) and the content fingerprint that ignores it."""

from __future__ import annotations

import copy
import hashlib
import json
import logging
from collections.abc import Iterable, Mapping
from typing import Any

from app.core.models.keys import KA_ADDRESS, KA_ADDRESSES
from app.core.targets import Target

log = logging.getLogger(__name__)


def reference_of(target: Target, payload: Mapping[str, Any]) -> str | None:
    """The operator's own reference (customOrderId / clientOrderRef), trimmed; None if absent."""
    return _reference(payload.get(target.spec.reference_field))


def references_of(
    target: Target, payloads: Iterable[Mapping[str, Any] | None]
) -> list[str | None]:
    """`reference_of` of each payload (None for a missing one): for a whole file's orders, the
    target's field looked up once."""
    field = target.spec.reference_field
    return [None if payload is None else _reference(payload.get(field)) for payload in payloads]


def _reference(value: object) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def with_reference(target: Target, payload: Mapping[str, Any], reference: str) -> dict[str, Any]:
    """A deep copy of `payload` carrying `reference`; the original is left untouched."""
    updated = copy.deepcopy(dict(payload))
    updated[target.spec.reference_field] = reference
    return updated


def as_new_order(target: Target, payload: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of an order to enter again as a new one (duplicate, "open as new"): everything
    but its reference, which is the original order's idempotency key and never reused."""
    fresh = copy.deepcopy(dict(payload))
    fresh.pop(target.spec.reference_field, None)
    return fresh


def content_fingerprint(target: Target, wire: Mapping[str, Any]) -> str:
    """SHA-256 of the order's content without its reference, to spot the same order sent twice
    under two references. The KA address counts once, whichever key(s) carry it."""
    reference_field = target.spec.reference_field
    content = {k: v for k, v in wire.items() if k != reference_field}
    if target is Target.KA and KA_ADDRESSES in content:
        plural = content.pop(KA_ADDRESSES)
        content.setdefault(KA_ADDRESS, plural)
    canonical = json.dumps(
        content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
