"""field_specs: derived from the models, and agreeing with what validation enforces."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from app.core.models import FieldSpec, field_specs, validate_order
from app.core.outcome import FieldError
from app.core.targets import Target, registered_targets
from tests.test_models_ka import ka_order
from tests.test_models_nomad import nomad_order

KINDS = {"str", "int", "decimal", "bool", "country", "phone", "email", "date", "list", "object"}


def spec(target: Target, path: str) -> FieldSpec:
    (found,) = [s for s in field_specs(target) if s.path == path]
    return found


def _steps(spec_path: str) -> list[str | int]:
    """``items[].product.currency`` -> ["items", 0, "product", "currency"]."""
    steps: list[str | int] = []
    for part in spec_path.split("."):
        if part.endswith("[]"):
            steps += [part[:-2], 0]
        else:
            steps.append(part)
    return steps


def _set(order: dict[str, Any], spec_path: str, value: Any) -> None:
    *parents, last = _steps(spec_path)
    node: Any = order
    for step in parents:
        if isinstance(step, str) and step not in node:
            node[step] = {}
        node = node[step]
    if value is _DELETE:
        del node[last]
    else:
        node[last] = value


def _wire_loc(spec_path: str) -> str:
    return ".".join(str(step) for step in _steps(spec_path))


_DELETE = object()
SAMPLES = {Target.KA: ka_order, Target.NOMAD: nomad_order}


def test_ka_address_recipient_spec():
    assert spec(Target.KA, "orderAddress.recipient") == FieldSpec(
        path="orderAddress.recipient",
        label="Recipient",
        required=True,
        max_length=32,
        choices=None,
        kind="str",
        group="address",
        description="Recipient's full name",
    )


def test_ka_specs_cover_the_documented_fields_in_order():
    assert [s.path for s in field_specs(Target.KA)] == [
        "orderAddress.country",
        "orderAddress.phone",
        "orderAddress.street1",
        "orderAddress.street2",
        "orderAddress.city",
        "orderAddress.recipient",
        "orderAddress.province",
        "orderAddress.zip",
        "orderAddress.ioss",
        "orderAddress.vat",
        "orderItemsList[].sku",
        "orderItemsList[].quantity",
        "orderItemsList[].channelType",
        "orderItemsList[].channelCode",
        "orderItemsList[].warehouseCode",
        "remark",
        "salePlatform",
        "channelCode",
        "customOrderId",
        "channelType",
    ]


def test_ka_special_kinds_and_choices():
    assert spec(Target.KA, "orderAddress.country").kind == "country"
    assert spec(Target.KA, "orderAddress.phone").kind == "phone"
    assert spec(Target.KA, "orderItemsList[].quantity").kind == "int"
    assert spec(Target.KA, "channelType").choices == ("Standard", "Express", "Expedited")
    assert spec(Target.KA, "orderItemsList[].channelType").max_length == 16
    assert spec(Target.KA, "orderItemsList[].warehouseCode").group == "deprecated"


def test_nomad_specs_follow_nesting_and_roles():
    assert spec(Target.NOMAD, "items[].product.currency").required
    assert spec(Target.NOMAD, "items[].product.massUnit").group == "product"
    assert spec(Target.NOMAD, "items[].price").kind == "decimal"
    assert spec(Target.NOMAD, "items[].product.skus[].skuNumber").label == "SKU number"
    assert spec(Target.NOMAD, "items[].product.category").kind == "list"
    assert spec(Target.NOMAD, "customer.phone").group == "customer"
    assert spec(Target.NOMAD, "payer.countryCode").kind == "country"
    assert spec(Target.NOMAD, "seller.email").kind == "email"
    assert spec(Target.NOMAD, "customer.gender").choices == ("Female", "Male", "Custom")
    assert spec(Target.NOMAD, "payAmount").group == "payment"
    assert spec(Target.NOMAD, "trackingReference").group == "shipping"
    assert spec(Target.NOMAD, "customsCode").group == "customs"
    assert spec(Target.NOMAD, "paidAt").kind == "date"
    assert spec(Target.NOMAD, "campaignTrackingData").kind == "object"
    assert spec(Target.NOMAD, "clientOrderRef").label == "Order reference"
    assert {s.path for s in field_specs(Target.NOMAD) if s.required} == {
        "platformName",
        "currency",
        "items[].product.currency",
        "items[].product.massUnit",
        # Not required by the API, but a parcel needs them (the delivery rule).
        "customer.firstName",
        "customer.address1",
        "customer.city",
        "customer.country",
    }
    # Nomad documents no lengths; the reference has Order Desk's documented cap.
    assert {s.path: s.max_length for s in field_specs(Target.NOMAD) if s.max_length} == {
        "clientOrderRef": 64
    }


@pytest.mark.parametrize("target", registered_targets())
def test_specs_are_well_formed(target):
    specs = field_specs(target)
    paths = [s.path for s in specs]

    assert len(paths) == len(set(paths))
    assert all(s.kind in KINDS for s in specs)
    assert all(s.label and s.label[0].isupper() for s in specs)
    assert all(s.group for s in specs)


@pytest.mark.parametrize("target", registered_targets())
def test_every_required_spec_is_enforced(target):
    for field in [s for s in field_specs(target) if s.required]:
        order = copy.deepcopy(SAMPLES[target]())
        _set(order, field.path, _DELETE)

        errors = validate_order(target, order).errors

        # The API's own rule says "required"; the delivery rule says which part is missing.
        assert any(error.loc == _wire_loc(field.path)
                   and (error.message == "required"
                        or error.message.startswith("delivery address: "))
                   for error in errors), field.path


@pytest.mark.parametrize("target", registered_targets())
def test_every_max_length_spec_is_enforced(target):
    checked = 0
    for field in field_specs(target):
        if field.max_length is None or field.choices or field.kind == "country":
            continue  # choices and country codes are shorter than their documented limit
        order = SAMPLES[target]()
        _set(order, field.path, "7" * (field.max_length + 1))

        errors = validate_order(target, order, strict=True).errors

        limit = field.max_length
        expected = FieldError(
            _wire_loc(field.path), f"at most {limit} characters (got {limit + 1})"
        )
        assert expected in errors, field.path
        checked += 1
    assert checked == (14 if target is Target.KA else 1)  # with the reference's cap


@pytest.mark.parametrize("target", registered_targets())
def test_every_choice_spec_is_enforced(target):
    for field in [s for s in field_specs(target) if s.choices]:
        order = SAMPLES[target]()
        _set(order, field.path, "certainly-not-a-choice")

        errors = validate_order(target, order).errors

        message = f"must be one of: {', '.join(field.choices or ())} (got 'certainly-not-a-choice')"
        assert FieldError(_wire_loc(field.path), message) in errors, field.path


def test_field_specs_are_cached_and_immutable():
    assert field_specs(Target.KA) is field_specs(Target.KA)
    with pytest.raises(AttributeError):
        field_specs(Target.KA)[0].label = "x"  # type: ignore[misc]
