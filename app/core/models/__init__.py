"""Order models for KA and Nomad: the single source of truth for every field rule.

Callers work with wire-shaped dicts (the exact JSON each API takes) and these functions:
validate_order, reference_of, with_reference, field_specs and content_fingerprint.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from app.core.models.base import WireModel
from app.core.models.references import (
    as_new_order,
    content_fingerprint,
    reference_of,
    with_reference,
)
from app.core.models.specs import FieldSpec, specs_of
from app.core.models.validation import ValidationResult, validate_order
from app.core.targets import Target


@cache
def field_specs(target: Target) -> tuple[FieldSpec, ...]:
    """Every leaf field of `target`'s order, in wire order, for forms and the CSV mapper; what
    a delivery needs (`TargetSpec.needed_for_delivery`) counts as required."""
    needed = target.spec.needed_for_delivery
    return tuple(replace(spec, required=True) if spec.path in needed else spec
                 for spec in _specs_of_model(target.spec.model))


@cache
def _specs_of_model(model: type[WireModel]) -> tuple[FieldSpec, ...]:
    return specs_of(model)


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
