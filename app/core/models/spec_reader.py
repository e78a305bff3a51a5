"""Reading FieldSpecs from a pydantic model: types, Field limits, descriptions and hints, never
restated. The forms of a start do not come here: they read the table generated from this
(`app.core.models.spec_table`, kept equal to it by a test), so the first window needs no pydantic.
"""

from __future__ import annotations

import types
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from annotated_types import MaxLen
from pydantic.fields import FieldInfo

from app.core.models.base import WireModel
from app.core.models.specs import FieldSpec, humanise


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
    """Every leaf field of `model`, in wire order, as the model itself says (before a target's
    delivery needs are added)."""
    return tuple(_walk(model, "", model.spec_group or "order"))
