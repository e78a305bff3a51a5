"""Base class of every wire model: camelCase keys, tidy operator input, strict server mode."""

from __future__ import annotations

import logging
import types
from functools import cache
from typing import Annotated, Any, ClassVar, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel

from app.core.models.values import TEXT

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
    as a typical JSON API does, and takes values as they come. Both are done by `prepared`,
    which `app.core.models.validation` applies before the model validates: one pass over the
    payload instead of a Python call per field from inside pydantic-core.
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


# What `prepared` does with a field's value besides trimming text (wire key -> what, model).
_TEXT, _TEXTS, _MODEL, _MODELS = "text", "texts", "model", "models"
_Shape = dict[str, tuple[str | None, type[WireModel] | None]]


def prepared(model: type[WireModel], data: dict[str, Any], strict: bool) -> dict[str, Any]:
    """`data` as `model` validates it. Operator input: text of every field trimmed (blank text
    is None, i.e. missing) and a whole number given for a plain text field written as its
    digits (a zip or reference from a spreadsheet cell or hand-written JSON). Strict: only
    the keys the model knows, values untouched. Nested models alike; anything else is left
    for the model to judge."""
    shape = _shape(model)
    prepared_data: dict[str, Any] = {}
    for key, value in data.items():
        if key not in shape:
            if not strict:
                prepared_data[key] = value  # refused by the model as an unknown field
            continue
        what, inner = shape[key]
        if not strict and isinstance(value, str):
            value = value.strip() or None
        elif what is _MODEL and isinstance(value, dict):
            value = prepared(inner, value, strict)  # type: ignore[arg-type]
        elif what is _MODELS and isinstance(value, list):
            value = [prepared(inner, item, strict) if isinstance(item, dict) else item  # type: ignore[arg-type]
                     for item in value]
        elif not strict and what is _TEXT and _whole(value):
            value = str(value)
        elif not strict and what is _TEXTS and isinstance(value, list):
            value = [str(item) if _whole(item) else item for item in value]
        prepared_data[key] = value
    return prepared_data


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


@cache
def _shape(model: type[WireModel]) -> _Shape:
    shape: _Shape = {}
    for name, info in model.model_fields.items():
        what, inner = _shape_of(info.annotation)
        if what is None and TEXT in info.metadata:
            what = _TEXT
        shape[info.alias or name] = (what, inner)
    return shape


def _shape_of(annotation: Any) -> tuple[str | None, type[WireModel] | None]:
    """Through Optional and Annotated: plain text, a list of it, a model or a list of models."""
    origin = get_origin(annotation)
    if origin is Annotated:
        inner, *metadata = get_args(annotation)
        found = _shape_of(inner)
        return (_TEXT, None) if found[0] is None and TEXT in metadata else found
    if origin in (Union, types.UnionType):
        members = [m for m in get_args(annotation) if m is not type(None)]
        return _shape_of(members[0]) if len(members) == 1 else (None, None)
    if origin is list:
        (item,) = get_args(annotation)
        what, inner = _shape_of(item)
        return ({_TEXT: _TEXTS, _MODEL: _MODELS}.get(what or ""), inner)
    if isinstance(annotation, type) and issubclass(annotation, WireModel):
        return _MODEL, annotation
    return None, None
