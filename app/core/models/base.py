"""Base class of every wire model: camelCase keys, tidy operator input, strict server mode."""

from __future__ import annotations

import logging
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator, model_validator
from pydantic.alias_generators import to_camel

from app.core.models.values import is_strict

log = logging.getLogger(__name__)


def ui(label: str | None = None, group: str | None = None) -> dict[str, Any]:
    """Presentation hints for field_specs: a label better than the humanised key, a form group."""
    hints: dict[str, Any] = {}
    if label:
        hints["label"] = label
    if group:
        hints["group"] = group
    return hints


class WireModel(BaseModel):
    """Python names are snake_case; the wire names are their exact camelCase aliases.

    Operator input (non-strict): text is trimmed, blank text counts as missing, and unknown keys
    are rejected because they are nearly always typos. Strict (server) mode ignores unknown keys,
    as a typical JSON API does, and takes values as they come.
    """

    model_config = ConfigDict(
        alias_generator=to_camel,
        extra="forbid",
        frozen=True,
        # The validator is built when a model first validates, not when its module is imported:
        # a start that checks KA orders never pays for Nomad's dozen models.
        defer_build=True,
    )

    # Form group for this model's fields, unless a field names its own or inherits its parent's.
    spec_group: ClassVar[str | None] = None

    @field_validator("*", mode="before")
    @classmethod
    def _tidy_text(cls, value: Any, info: ValidationInfo) -> Any:
        # The type test first: it is the cheap one, and runs for every field of every order.
        if not isinstance(value, str) or is_strict(info):
            return value
        return value.strip() or None

    @model_validator(mode="before")
    @classmethod
    def _ignore_unknown_keys_in_strict(cls, data: Any, info: ValidationInfo) -> Any:
        if not is_strict(info) or not isinstance(data, dict):
            return data
        known = {field.alias for field in cls.model_fields.values()}
        return {key: value for key, value in data.items() if key in known}
