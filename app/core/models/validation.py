"""Checking a wire payload against its target's model and producing the normalised wire JSON."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache, cached_property
from itertools import repeat
from typing import Annotated, Any

from pydantic import TypeAdapter, ValidationError, ValidatorFunctionWrapHandler, WrapValidator
from pydantic.alias_generators import to_camel

from app.core.models.base import WireModel, prepared
from app.core.models.errors import field_errors
from app.core.models.keys import KA_ADDRESS, KA_ADDRESS_KEYS, KA_ADDRESSES, KA_DELIVERY_PARTS
from app.core.models.provinces import province_warning
from app.core.models.values import STRICT
from app.core.outcome import FieldError
from app.core.targets import Target

log = logging.getLogger(__name__)

# Not frozen: a frozen dataclass sets each field through `object.__setattr__`, and a result is
# made per order (30 ms of a 50,000-order import). Nothing changes a result once made.
@dataclass
class ValidationResult:
    ok: bool
    errors: tuple[FieldError, ...]
    # The checked order, None when not ok: its wire JSON is written when first asked for
    # (`wire`), as an import of 50,000 orders asks for none (a tenth of its checks' time).
    order: WireModel | None = None
    # Doubts that do not stop the order (an unknown province); only for operator input.
    warnings: tuple[FieldError, ...] = ()
    # Where a KA order's address goes in its wire JSON (`KA_ADDRESS_KEYS`); None for Nomad.
    address_key: str | None = None

    @cached_property
    def wire(self) -> dict[str, Any] | None:
        """The normalised wire JSON; None when not ok."""
        if self.order is None:
            return None
        # Written by the serializer of the list it was checked in (the model's own would be
        # built for it first).
        (wire,) = _adapter(type(self.order)).dump_python(
            [self.order], mode="json", by_alias=True, exclude_none=True
        )
        return wire if self.address_key is None else _place_ka_address(wire, self.address_key)


def validate_order(
    target: Target,
    payload: Mapping[str, Any],
    *,
    strict: bool = False,
    address_key: str = "both",
) -> ValidationResult:
    """Check `payload` (wire-shaped, camelCase) against `target`'s model.

    strict=False is for operator input: values are trimmed and normalised (country names to
    codes, "2" to 2). strict=True accepts only what the real server does. `address_key` chooses
    where the KA address goes in the wire JSON: orderAddress, orderAddresses or both.
    """
    return validate_orders(target, [payload], strict=strict, address_key=address_key)[0]


def validate_orders(
    target: Target,
    payloads: Sequence[Any],
    *,
    strict: bool = False,
    address_key: str = "both",
    tidied: bool = False,
) -> list[ValidationResult]:
    """`validate_order` for many orders at once, one result each, in order: pydantic checks
    them as one list (one call into pydantic-core per chunk, not one per order). `tidied` says
    the operator input is already as `app.core.models.base.prepared` makes it (every text
    trimmed and not blank, no number where text is expected), as the spreadsheet importer
    builds it: not done again."""
    if address_key not in KA_ADDRESS_KEYS:
        raise ValueError(f"address_key must be one of {', '.join(KA_ADDRESS_KEYS)}")
    # The checks may move keys: each order is checked as a copy, never the caller's dict.
    if all(map(isinstance, payloads, repeat(dict))):  # the usual call, answered by loops in C
        return _checked_by_target(target, list(map(dict, payloads)), strict, address_key, tidied)
    results: list[ValidationResult | None] = [None] * len(payloads)
    objects: list[dict[str, Any]] = []
    positions: list[int] = []
    for position, payload in enumerate(payloads):
        if isinstance(payload, Mapping):
            objects.append(dict(payload))
            positions.append(position)
        else:
            results[position] = _failed([FieldError("", "an order must be a JSON object")])
    checked = _checked_by_target(target, objects, strict, address_key, tidied)
    for position, result in zip(positions, checked, strict=True):
        results[position] = result
    return [result for result in results if result is not None]


def _checked_by_target(target: Target, objects: list[dict[str, Any]], strict: bool,
                       address_key: str, tidied: bool) -> list[ValidationResult]:
    spec = target.spec
    if spec.validate is not None:
        return spec.validate(objects, strict, address_key, tidied)
    return check_models(spec.order_model(), objects, strict=strict, tidied=tidied)


# Orders checked by one call into pydantic-core: it keeps the GIL except inside our Python
# validators, so a window importing on a worker thread gets it back at least this often.
_CHUNK = 256


def check_models(
    model: type[WireModel], data: list[dict[str, Any]], *, strict: bool, tidied: bool = False
) -> list[ValidationResult]:
    """Each of `data` against `model` alone: the whole check for a target with no rules beyond
    it."""
    return [_failed(found) if isinstance(found, list) else ValidationResult(True, (), found)
            for found in _checked(model, data, strict=strict, tidied=tidied)]


# What `_checked` finds of an order: the order as its model, or what is wrong with it.
_Found = WireModel | list[FieldError]


def _checked(
    model: type[WireModel], data: list[dict[str, Any]], *, strict: bool, tidied: bool
) -> list[_Found]:
    """`check_models` before its results are made: a target's own rules (`validate_ka`) read
    these, making one result per order instead of two."""
    if strict or not tidied:
        data = [prepared(model, item, strict) for item in data]
    many = _adapter(model)
    found: list[_Found] = []
    for start in range(0, len(data), _CHUNK):
        chunk = data[start : start + _CHUNK]
        mode = STRICT.set(strict)
        try:
            checked = many.validate_python(chunk)
        except RecursionError:  # absurdly nested input; pydantic gives up before we do
            if len(chunk) == 1:
                found.append([FieldError("", "the order is nested too deeply")])
            else:  # only that order fails
                found += [r for item in chunk
                          for r in _checked(model, [item], strict=strict, tidied=True)]
            continue
        finally:
            STRICT.reset(mode)
        found += [field_errors(order) if isinstance(order, ValidationError) else order
                  for order in checked]
    return found


def _each_on_its_own(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    """One order's errors stay its own: a list of orders is not refused as a whole."""
    try:
        return handler(value)
    except ValidationError as error:
        # Without its traceback: that holds this frame, which holds the error, a cycle only the
        # garbage collector frees, and a big import runs with collection paused, then frozen.
        return error.with_traceback(None)


@cache
def _adapter(model: type[WireModel]) -> TypeAdapter[Any]:
    """A list of `model` validated order by order."""
    each = Annotated[model, WrapValidator(_each_on_its_own)]  # type: ignore[valid-type]
    return TypeAdapter(list[each])


def validate_ka(data: list[dict[str, Any]], strict: bool, address_key: str,
                tidied: bool = False) -> list[ValidationResult]:
    """KA: the address may come under either key (and goes out under `address_key`); an
    unknown province is a warning."""
    from app.core.models.ka import KaAddress, KaOrder

    # The key each order's address came under, and what is wrong with giving it under both.
    merged = [_merge_ka_address_keys(order) if KA_ADDRESSES in order else (KA_ADDRESS, None)
              for order in data]
    checked = _checked(KaOrder, data, strict=strict, tidied=tidied)
    parts = _fields_of(KaAddress, KA_DELIVERY_PARTS)
    results: list[ValidationResult] = []
    for order, found, (sent_address_key, error) in zip(data, checked, merged, strict=True):
        if isinstance(found, list):
            results.append(_ka_failed(order, found, sent_address_key, error, strict))
            continue
        address = found.order_address  # type: ignore[attr-defined]
        # KA documents the street and city as optional; a parcel still needs them (a valid
        # order's address holds a field's text, or None when the order left it out).
        if not strict and _model_gaps(address, parts):
            results.append(_ka_failed(order, [], sent_address_key, error, strict))
        elif error is not None:
            results.append(_failed([error]))
        else:
            warning = None if strict else _province_warning(sent_address_key, address,
                                                            "country", "province")
            results.append(ValidationResult(True, (), found, (warning,) if warning else (),
                                            address_key))
    return results


def _ka_failed(data: dict[str, Any], model_errors: list[FieldError], sent_address_key: str,
               error: FieldError | None, strict: bool) -> ValidationResult:
    if not strict:
        gaps = _address_gaps(data.get(KA_ADDRESS), KA_ADDRESS, KA_DELIVERY_PARTS)
        model_errors = [*model_errors, *_new_gaps(model_errors, gaps)]
    errors = [error] if error is not None else []
    return _failed([*errors, *_renamed(model_errors, KA_ADDRESS, sent_address_key)])


def validate_nomad(data: list[dict[str, Any]], strict: bool, address_key: str,
                   tidied: bool = False) -> list[ValidationResult]:
    """Nomad: the model, the parts a delivery needs, and a warning for an unknown province in
    any of its addresses."""
    from app.core.models.nomad import NomadOrder

    checked = check_models(NomadOrder, data, strict=strict, tidied=tidied)
    if strict:
        return checked
    return [_nomad_result(order, result) for order, result in zip(data, checked, strict=True)]


def _nomad_result(data: dict[str, Any], checked: ValidationResult) -> ValidationResult:
    from app.core.models.nomad import NOMAD_ADDRESS_ROLES

    checked = _with_gaps(checked, delivery_errors(data))
    if checked.order is None:
        return checked
    addresses = [(role, getattr(checked.order, role)) for role in NOMAD_ADDRESS_ROLES]
    warnings = [_province_warning(role, address, "country_code", "state")
                for role, address in addresses if address is not None]
    return replace(checked, warnings=tuple(warning for warning in warnings if warning))


def delivery_errors(data: Mapping[str, Any]) -> list[FieldError]:
    """What keeps a Nomad order from being fulfilled: no item, or a part of the delivery address
    (nomad.DELIVERY_PARTS) missing. KA's model requires its lines, recipient and country itself;
    its street and city are checked by `validate_ka`."""
    from app.core.models import nomad

    errors: list[FieldError] = []
    if data.get("items") in (None, []):
        errors.append(FieldError("items", "at least one item is required"))
    return [*errors, *_address_gaps(data.get(nomad.DELIVERY_ADDRESS), nomad.DELIVERY_ADDRESS,
                                    nomad.DELIVERY_PARTS)]


def _address_gaps(address: object, loc: str,
                  parts: tuple[tuple[str, tuple[str, ...]], ...]) -> list[FieldError]:
    """Each delivery part (name, keys) with none of its keys filled, located at its first key."""
    if not isinstance(address, Mapping):
        address = {}
    gaps = []
    for part, keys in parts:  # loops, not any(): this runs for every order of an import
        for key in keys:
            value = address.get(key)
            if value is not None and not (isinstance(value, str) and not value.strip()):
                break
        else:
            gaps.append(FieldError(f"{loc}.{keys[0]}", f"delivery address: {part} is required"))
    return gaps


@cache
def _fields_of(model: type[WireModel],
               parts: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[tuple[str, ...], ...]:
    """The field names in `model` of each delivery part's wire keys (`parts`: name, keys)."""
    names = {field.alias or name: name for name, field in model.model_fields.items()}
    return tuple(tuple(names[key] for key in keys) for _, keys in parts)


def _model_gaps(address: WireModel, parts: tuple[tuple[str, ...], ...]) -> bool:
    """True if a valid address lacks a part (all its fields None, `_fields_of`): as
    `_address_gaps` finds of the address it was checked from."""
    for fields in parts:
        for name in fields:
            if getattr(address, name) is not None:
                break
        else:
            return True
    return False


def _with_gaps(checked: ValidationResult, gaps: list[FieldError]) -> ValidationResult:
    """`checked` with the delivery gaps the model did not already report (itself or a parent)."""
    new = _new_gaps(checked.errors, gaps)
    if not new:
        return checked
    return _failed([*checked.errors, *new])


def _new_gaps(errors: Sequence[FieldError], gaps: list[FieldError]) -> list[FieldError]:
    """The gaps not reported already by `errors`, at their place or a parent's."""
    if not gaps or not errors:
        return gaps
    known = [error.loc for error in errors]
    return [gap for gap in gaps
            if not any(gap.loc == loc or gap.loc.startswith(loc + ".") for loc in known)]


def _failed(errors: list[FieldError]) -> ValidationResult:
    return ValidationResult(False, tuple(errors))


def _merge_ka_address_keys(data: dict[str, Any]) -> tuple[str, FieldError | None]:
    """Move the address from orderAddresses to orderAddress for the model; return the key the
    payload used, and an error if it gave two different addresses."""
    plural = data.pop(KA_ADDRESSES)
    if KA_ADDRESS not in data:
        data[KA_ADDRESS] = plural
        return KA_ADDRESSES, None
    if data[KA_ADDRESS] != plural:
        return KA_ADDRESS, FieldError(KA_ADDRESSES,
                                      "differs from orderAddress: give the address once")
    return KA_ADDRESS, None


def _renamed(errors: list[FieldError], old: str, new: str) -> list[FieldError]:
    if old == new:
        return errors
    return [
        FieldError(new + e.loc[len(old) :], e.message)
        if e.loc == old or e.loc.startswith(old + ".")
        else e
        for e in errors
    ]


def _province_warning(loc: str, address: WireModel, country_field: str,
                      province_field: str) -> FieldError | None:
    """A warning if the address's province is unknown in its country, located at the province's
    wire key below `loc`."""
    country, province = getattr(address, country_field), getattr(address, province_field)
    if country and province:
        message = province_warning(country, province)
        if message:
            return FieldError(f"{loc}.{to_camel(province_field)}", message)
    return None


def _place_ka_address(wire: dict[str, Any], address_key: str) -> dict[str, Any]:
    if address_key == KA_ADDRESS:
        return wire
    placed: dict[str, Any] = {}
    for key, value in wire.items():
        if key != KA_ADDRESS:
            placed[key] = value
            continue
        if address_key == "both":
            placed[KA_ADDRESS] = value
        placed[KA_ADDRESSES] = dict(value)  # same content, not a shared object
    return placed
