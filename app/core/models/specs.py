"""FieldSpec: what forms and the spreadsheet mapper need to know about each wire field.

Everything is read from the models (types, Field limits, descriptions, hints), never restated.
"""

from __future__ import annotations

import logging
import re
import types
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union, get_args, get_origin

from annotated_types import MaxLen
from pydantic.fields import FieldInfo

from app.core.models.base import WireModel

if TYPE_CHECKING:
    from app.core.targets import Target

log = logging.getLogger(__name__)

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


@dataclass
class _TypeFacts:
    kind: str | None = None
    choices: tuple[str, ...] | None = None
    max_length: int | None = None
    model: type[WireModel] | None = None
    is_list: bool = False


def _collect(annotation: Any, facts: _TypeFacts) -> None:
    """Walk Optional/Annotated/list/Literal layers and note what each one says."""
    origin = get_origin(annotation)
    if origin is Annotated:
        inner, *metadata = get_args(annotation)
        _note_metadata(metadata, facts)
        _collect(inner, facts)
    elif origin in (Union, types.UnionType):
        for member in get_args(annotation):
            if member is not type(None):
                _collect(member, facts)
    elif origin is list:
        if facts.model is None and facts.kind is None:
            facts.is_list = True
        (item,) = get_args(annotation)
        if facts.kind != "list":  # a list of text is one leaf; a list of objects is walked into
            _collect(item, facts)
    elif origin is Literal:
        facts.choices = tuple(str(value) for value in get_args(annotation))
    elif isinstance(annotation, type) and issubclass(annotation, WireModel):
        facts.model = annotation


def _note_metadata(metadata: list[Any], facts: _TypeFacts) -> None:
    for item in metadata:
        if isinstance(item, MaxLen) and facts.max_length is None:
            facts.max_length = item.max_length
        elif isinstance(item, FieldInfo):
            extra = item.json_schema_extra
            if isinstance(extra, dict) and facts.kind is None and "kind" in extra:
                facts.kind = str(extra["kind"])
            _note_metadata(item.metadata, facts)


def humanise(key: str) -> str:
    """``customOrderId`` -> "Custom order ID", ``address1`` -> "Address 1"."""
    words = re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+", key)
    text = " ".join(_ACRONYMS.get(word.lower(), word.lower()) for word in words)
    return text[:1].upper() + text[1:]


def _walk(model: type[WireModel], prefix: str, inherited_group: str) -> Iterator[FieldSpec]:
    for name, info in model.model_fields.items():
        key = info.alias or name
        hints = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        group = str(hints.get("group") or model.spec_group or inherited_group)
        facts = _TypeFacts()
        _note_metadata([info], facts)
        _collect(info.annotation, facts)
        path = prefix + key + ("[]" if facts.is_list else "")
        if facts.model is not None:
            yield from _walk(facts.model, path + ".", group)
            continue
        yield FieldSpec(
            path=path,
            label=str(hints.get("label") or humanise(key)),
            required=info.is_required(),
            max_length=facts.max_length,
            choices=facts.choices,
            kind=facts.kind or "str",
            group=group,
            description=info.description or "",
        )


def specs_of(model: type[WireModel]) -> tuple[FieldSpec, ...]:
    return tuple(_walk(model, "", model.spec_group or "order"))


@cache
def field_specs(target: Target) -> tuple[FieldSpec, ...]:
    """Every leaf field of `target`'s order, in wire order, for forms and the CSV mapper; what
    a delivery needs (`TargetSpec.needed_for_delivery`) counts as required."""
    needed = target.spec.needed_for_delivery
    return tuple(replace(spec, required=True) if spec.path in needed else spec
                 for spec in _specs_of_model(target.spec.order_model()))


@cache
def _specs_of_model(model: type[WireModel]) -> tuple[FieldSpec, ...]:
    return specs_of(model)
