"""Many orders checked at once give each order exactly what checking it alone gives, and the
importer's already-trimmed payloads need no second tidy-up."""

from __future__ import annotations

import copy
import gc
from typing import Any

import pytest

from app.core.models.validation import ValidationResult, validate_order, validate_orders
from app.core.targets import Target


def ka_order(ref: str, **address: Any) -> dict[str, Any]:
    return {
        "customOrderId": ref,
        "channelType": "Standard",
        "orderAddress": {"country": "FR", "phone": "+33 1 42 68 53 00", "recipient": "Jeanne",
                         "province": "Ile-de-France", "city": "Paris", "street1": "10 rue",
                         **address},
        "orderItemsList": [{"sku": "SKU-1", "quantity": "2"}],
    }


def same(batch: ValidationResult, alone: ValidationResult) -> None:
    assert (batch.ok, batch.errors, batch.wire, batch.warnings) == (
        alone.ok, alone.errors, alone.wire, alone.warnings)


@pytest.mark.parametrize("address_key", ["both", "orderAddress", "orderAddresses"])
def test_a_batch_gives_each_order_what_it_gets_alone(address_key: str) -> None:
    # Over the 256 orders of one call into pydantic, valid and invalid ones mixed: one order's
    # errors never spill into its neighbours'.
    payloads: list[Any] = []
    for n in range(600):
        order = ka_order(f"R-{n}")
        if n % 7 == 0:
            order["orderItemsList"][0]["quantity"] = "2.5"
        if n % 11 == 0:
            order["orderAddress"]["country"] = "Frnace"
        if n % 17 == 0:
            order["orderAddress"]["province"] = "Nowhere"  # a warning, still valid
        if n % 13 == 0:
            order["orderAddresses"] = order.pop("orderAddress")
        payloads.append(order)
    payloads[5] = "not an order"
    payloads[6] = {"orderItemsList": [{"sku": "x", "quantity": 1}], "bogus": 1}
    batch = validate_orders(Target.KA, copy.deepcopy(payloads), address_key=address_key)
    assert len(batch) == len(payloads)
    for payload, result in zip(payloads, batch, strict=True):
        same(result, validate_order(Target.KA, copy.deepcopy(payload), address_key=address_key))
    assert sum(result.ok for result in batch) > 400
    assert [str(e) for e in batch[7].errors] == [
        "orderItemsList.0.quantity: must be a whole number (got 2.5)"]


def test_a_nomad_batch_gives_each_order_what_it_gets_alone() -> None:
    order = {"clientOrderRef": "N-1", "platformName": "拼多多", "currency": "CNY",
             "customer": {"firstName": "张", "lastName": "三", "phone": "13800138000",
                          "country": "China", "countryCode": "CN", "state": "Guangdong",
                          "city": "深圳", "address1": "1 路"},
             "items": [{"quantity": 1, "price": "9.9",
                        "product": {"name": "T", "currency": "CNY", "massUnit": "kg"}}]}
    broken = copy.deepcopy(order)
    broken["items"][0]["price"] = "-1"
    payloads = [order, broken, {**order, "customer": None}]
    for strict in (False, True):
        batch = validate_orders(Target.NOMAD, copy.deepcopy(payloads), strict=strict)
        for payload, result in zip(payloads, batch, strict=True):
            same(result, validate_order(Target.NOMAD, copy.deepcopy(payload), strict=strict))
    assert validate_orders(Target.NOMAD, [order])[0].ok


def test_the_server_check_ignores_unknown_keys_at_every_level() -> None:
    order = ka_order("R-1")
    order["extra"] = 1
    order["orderAddress"]["extra"] = 2
    order["orderItemsList"][0].update(extra=3, quantity=2)  # the server takes numbers only
    assert validate_order(Target.KA, order, strict=True).ok
    lenient = validate_order(Target.KA, order)
    assert {e.loc for e in lenient.errors} == {
        "extra", "orderAddress.extra", "orderItemsList.0.extra"}


def test_operator_text_is_trimmed_and_numbers_for_text_are_their_digits() -> None:
    # What the importer's `tidied` payloads already are: trimmed, no blank text.
    messy = ka_order("  R-1 ", zip=75004, street2="   ", city=" Paris ")
    messy["orderItemsList"][0]["sku"] = 12
    tidy = ka_order("R-1", zip="75004", city="Paris")
    tidy["orderItemsList"][0]["sku"] = "12"
    checked = validate_order(Target.KA, messy)
    assert checked.ok
    assert checked.wire == validate_orders(Target.KA, [tidy], tidied=True)[0].wire
    assert checked.wire is not None and "street2" not in checked.wire["orderAddress"]
    # A blank required text is missing, a number is not text for the server.
    assert [str(e) for e in validate_order(Target.KA, ka_order(" ", recipient=" ")).errors] == [
        "orderAddress.recipient: required"]
    server = ka_order("R", zip=75004)
    server["orderItemsList"][0]["quantity"] = 2
    assert [str(e) for e in validate_order(Target.KA, server, strict=True).errors] == [
        "orderAddress.zip: must be text"]


def test_refused_orders_leave_no_garbage_only_the_collector_could_free() -> None:
    """A big import runs with the cyclic collector paused and then freezes what it built: an
    error that kept its traceback (frame -> error -> traceback -> frame) stayed for good."""
    refused = [{"customOrderId": f"R-{n}", "orderItemsList": []} for n in range(200)]
    gc.collect()
    gc.disable()
    try:
        results = validate_orders(Target.KA, refused)
        assert not any(result.ok for result in results)
        del results
        assert gc.collect() < len(refused)  # was some 16 objects per refused order
    finally:
        gc.enable()
