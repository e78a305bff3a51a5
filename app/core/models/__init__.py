"""Order models for KA and Nomad: the single source of truth for every field rule.

Callers work with wire-shaped dicts (the exact JSON each API takes) and these functions:
validate_order, reference_of, with_reference, field_specs and content_fingerprint.
"""

from __future__ import annotations

from functools import cache

from app.core.models.references import content_fingerprint, reference_of, with_reference
from app.core.models.specs import FieldSpec, specs_of
from app.core.models.validation import MODELS, ValidationResult, validate_order
from app.core.targets import Target


@cache
def field_specs(target: Target) -> tuple[FieldSpec, ...]:
    """Every leaf field of `target`'s order, in wire order, for forms and the CSV mapper."""
    return specs_of(MODELS[target])


__all__ = [
    "FieldSpec",
    "ValidationResult",
    "content_fingerprint",
    "field_specs",
    "reference_of",
    "validate_order",
    "with_reference",
]
