"""An order that cannot be fulfilled is refused before sending: at least one item and a delivery
address (recipient name, address line, city, country). KA's model requires its lines and
address; Nomad documents nothing required, so the rule is added for operator input only: the
sandbox, like the real server, takes what the API documents."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.cli import EXIT_OK, EXIT_REJECTED, main
from app.core.models import validate_order
from app.core.models.errors import FIXED_MESSAGES
from app.core.outcome import FieldError
from app.core.targets import Target
from tests.fixtures.sandbox import ka_order, nomad_order

NOMAD_GAPS = [
    FieldError("items", "at least one item is required"),
    FieldError("customer.firstName", "delivery address: recipient name is required"),
    FieldError("customer.address1", "delivery address: address line is required"),
    FieldError("customer.city", "delivery address: city is required"),
    FieldError("customer.country", "delivery address: country is required"),
]


def errors(target: Target, payload: dict[str, Any]) -> list[FieldError]:
    result = validate_order(target, payload)
    assert not result.ok and result.wire is None
    return list(result.errors)


def test_a_nomad_order_with_only_platform_and_currency_names_every_missing_part() -> None:
    assert errors(Target.NOMAD, {"platformName": "nomad", "currency": "CNY"}) == NOMAD_GAPS


def test_each_missing_part_of_the_nomad_address_is_named_at_its_field() -> None:
    complete = nomad_order()["customer"]
    assert validate_order(Target.NOMAD, nomad_order()).ok
    keys_of = {"customer.firstName": ("firstName", "lastName"), "customer.address1": ("address1",),
               "customer.city": ("city",), "customer.country": ("country", "countryCode")}
    for gap in NOMAD_GAPS[1:]:
        customer = {k: v for k, v in complete.items() if k not in keys_of[gap.loc]}
        assert errors(Target.NOMAD, nomad_order(customer=customer)) == [gap]


def test_one_name_and_either_country_field_are_enough() -> None:
    customer = {"lastName": "Zhang", "address1": "1 Nanjing Road", "city": "Shanghai",
                "countryCode": "CN"}
    assert validate_order(Target.NOMAD, nomad_order(customer=customer)).ok


def test_blank_text_and_an_empty_item_list_count_as_missing() -> None:
    order = nomad_order(items=[], customer={**nomad_order()["customer"], "city": "   "})
    assert errors(Target.NOMAD, order) == [NOMAD_GAPS[0], NOMAD_GAPS[3]]


def test_a_gap_is_not_reported_twice_beside_the_models_own_error() -> None:
    assert errors(Target.NOMAD, nomad_order(customer="Zhang")) == [
        FieldError("customer", "must be an object")]


def test_the_server_mode_takes_what_the_api_documents() -> None:
    assert validate_order(Target.NOMAD, {"platformName": "nomad", "currency": "CNY"},
                          strict=True).ok


def test_ka_already_requires_its_lines_and_address() -> None:
    assert errors(Target.KA, ka_order(orderItemsList=[])) == [
        FieldError("orderItemsList", "at least 1 item required")]
    no_address = {k: v for k, v in ka_order().items() if k != "orderAddress"}
    assert errors(Target.KA, no_address) == [FieldError("orderAddress", "required")]


def test_the_window_can_translate_every_gap_message() -> None:
    for gap in NOMAD_GAPS:
        assert gap.message in FIXED_MESSAGES


def _write(path: Path, orders: list[dict[str, Any]]) -> Path:
    path.write_text(json.dumps(orders), encoding="utf-8")
    return path


def test_cli_validate_refuses_an_incomplete_nomad_order_naming_the_parts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    orders = _write(tmp_path / "orders.json", [
        nomad_order("NM-OK"),
        {"platformName": "nomad", "currency": "CNY", "clientOrderRef": "NM-X"},
    ])
    assert main(["validate", str(orders), "--target", "nomad", "--json"]) == EXIT_REJECTED
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]
    assert lines[0]["status"] == "valid"
    assert lines[1]["ref"] == "NM-X" and lines[1]["status"] == "invalid"
    for gap in NOMAD_GAPS:
        assert gap.loc in lines[1]["message"] and gap.message in lines[1]["message"]


def test_cli_validate_accepts_a_complete_nomad_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    orders = _write(tmp_path / "orders.json", [nomad_order("NM-1")])
    assert main(["validate", str(orders), "--target", "nomad"]) == EXIT_OK
