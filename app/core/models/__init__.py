"""Order models for KA and Nomad: the single source of truth for every field rule.

Callers work with wire-shaped dicts (the exact JSON each API takes) and these functions:
validate_order, reference_of, with_reference, field_specs and content_fingerprint.

The names below are loaded on first use (PEP 562): building the pydantic models is the largest
part of a start, and `order-desk --help`, the settings or the first painted window need none of
them. Importing a submodule (``app.core.models.keys``) costs only that submodule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.core.lazy import lazy_exports

if TYPE_CHECKING:
    from app.core.models.references import (
        as_new_order,
        content_fingerprint,
        reference_of,
        with_reference,
    )
    from app.core.models.specs import FieldSpec, field_specs
    from app.core.models.validation import ValidationResult, validate_order

# Each exported name and the submodule defining it.
_EXPORTS = {
    "FieldSpec": "specs",
    "field_specs": "specs",
    "ValidationResult": "validation",
    "validate_order": "validation",
    "as_new_order": "references",
    "content_fingerprint": "references",
    "reference_of": "references",
    "with_reference": "references",
}


__getattr__ = lazy_exports(__name__, _EXPORTS)


__all__ = [
    "FieldSpec",
    "ValidationResult",
    "as_new_order",
    "content_fingerprint",
    "field_specs",
    "reference_of",
    "validate_order",
    "with_reference",
]
