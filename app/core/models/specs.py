"""FieldSpec: what forms and the spreadsheet mapper need to know about each wire field.

Everything is read from the models (`app.core.models.spec_reader`), never restated. For the
built-in targets it is read once, when the models change, into `app.core.models.spec_table`
(`uv run python packaging/spec_table.py`; a test fails while the table and the models
disagree): the window builds its forms from that table before pydantic and the models are
loaded. This module imports neither.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.core.models.base import WireModel
    from app.core.targets import Target

_ACRONYMS = {
    word: word.upper() for word in ("id", "sku", "url", "hs", "rrp", "erp", "ioss", "vat", "zip")
} | {"ids": "IDs", "urls": "URLs"}


@dataclass(frozen=True)
class FieldSpec:
    """One leaf field. Paths are wire paths, with ``[]`` after a list: ``items[].product.name``.

    `required` means required whenever the object holding the field is sent. `kind` is one of
    str, int, decimal, bool, country, phone, email, date, list (of text) or object (free-form).
    """

    path: str
    label: str
    required: bool
    max_length: int | None
    choices: tuple[str, ...] | None
    kind: str
    group: str
    description: str


def humanise(key: str) -> str:
    """``customOrderId`` -> "Custom order ID", ``address1`` -> "Address 1"."""
    words = re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+", key)
    text = " ".join(_ACRONYMS.get(word.lower(), word.lower()) for word in words)
    return text[:1].upper() + text[1:]


def specs_of(model: type[WireModel]) -> tuple[FieldSpec, ...]:
    """Every leaf field of `model`, read from the model (loads pydantic)."""
    from app.core.models.spec_reader import specs_of as read

    return read(model)


@cache
def field_specs(target: Target) -> tuple[FieldSpec, ...]:
    """Every leaf field of `target`'s order, in wire order, for forms and the CSV mapper; what
    a delivery needs (`TargetSpec.needed_for_delivery`) counts as required."""
    needed = target.spec.needed_for_delivery
    return tuple(replace(spec, required=True) if spec.path in needed else spec
                 for spec in model_specs(target))


def model_specs(target: Target) -> tuple[FieldSpec, ...]:
    """What `target`'s order model says of its fields: from the generated table for a built-in
    target's own model, else read from the model."""
    from app.core.models.spec_table import SPECS

    table = SPECS.get(target.value)
    if table is not None and target.spec.model is built_in_model(target.value):
        return table
    return _specs_of_model(target.spec.order_model())


def built_in_model(target_id: str) -> object:
    """The model (or its loader) of the built-in target `target_id`'s own spec: the table
    describes that model, not one a registration put in its place."""
    return importlib.import_module(f"app.core.targets.{target_id}").SPEC.model


@cache
def _specs_of_model(model: type[WireModel]) -> tuple[FieldSpec, ...]:
    return specs_of(model)
