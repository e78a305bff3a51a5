"""Order references (the idempotency key) and the content fingerprint that ignores them."""

from __future__ import annotations

import pytest

from app.core.models import content_fingerprint, reference_of, validate_order, with_reference
from app.core.targets import Target
from tests.test_models_ka import ka_order
from tests.test_models_nomad import nomad_order


def ka_wire(**changes: object) -> dict:
    result = validate_order(Target.KA, ka_order(**changes))
    assert result.wire is not None
    return result.wire


@pytest.mark.parametrize(
    ("value", "expected"),
    [(" SHOP-1 ", "SHOP-1"), ("", None), ("   ", None), (None, None), (1234, "1234"), (True, None)],
)
def test_reference_of_ka(value, expected):
    assert reference_of(Target.KA, ka_order(customOrderId=value)) == expected


def test_reference_of_missing_and_nomad():
    order = ka_order()
    del order["customOrderId"]

    assert reference_of(Target.KA, order) is None
    assert reference_of(Target.NOMAD, nomad_order()) == "A-1"
    assert reference_of(Target.NOMAD, ka_order()) is None  # KA's key means nothing to Nomad


def test_with_reference_copies_deeply_and_leaves_the_input_alone():
    original = ka_order()
    del original["customOrderId"]

    updated = with_reference(Target.KA, original, "GEN-0001")
    updated["orderAddress"]["city"] = "Lyon"

    assert updated["customOrderId"] == "GEN-0001"
    assert "customOrderId" not in original
    assert original["orderAddress"]["city"] == "Paris"
    assert with_reference(Target.NOMAD, nomad_order(), "N-2")["clientOrderRef"] == "N-2"


def test_fingerprint_ignores_the_reference():
    first = content_fingerprint(Target.KA, ka_wire(customOrderId="A"))

    assert first == content_fingerprint(Target.KA, ka_wire(customOrderId="B"))
    assert first == content_fingerprint(Target.KA, ka_wire(customOrderId=None))
    assert len(first) == 64 and int(first, 16) >= 0


def test_fingerprint_sees_any_content_change():
    base = content_fingerprint(Target.KA, ka_wire())

    assert base != content_fingerprint(Target.KA, ka_wire(channelType="Express"))
    assert base != content_fingerprint(
        Target.KA, ka_wire(orderItemsList=[{"sku": "KK-1001", "quantity": 3}])
    )


def test_fingerprint_does_not_depend_on_the_address_key_or_key_order():
    fingerprints = set()
    for address_key in ("orderAddress", "orderAddresses", "both"):
        wire = validate_order(Target.KA, ka_order(), address_key=address_key).wire
        assert wire is not None
        fingerprints.add(content_fingerprint(Target.KA, wire))
        fingerprints.add(content_fingerprint(Target.KA, dict(reversed(list(wire.items())))))

    assert len(fingerprints) == 1


def test_fingerprint_matches_operator_spellings_of_the_same_order():
    typed = ka_order(channelType="standard", customOrderId="X")
    typed["orderAddress"] = {**typed["orderAddress"], "country": "France"}
    typed["orderItemsList"] = [{"sku": " KK-1001 ", "quantity": "2"}]
    typed_wire = validate_order(Target.KA, typed).wire
    assert typed_wire is not None

    assert content_fingerprint(Target.KA, typed_wire) == content_fingerprint(Target.KA, ka_wire())


def test_nomad_fingerprint_ignores_client_order_ref_only():
    wire = validate_order(Target.NOMAD, nomad_order()).wire
    other = validate_order(Target.NOMAD, nomad_order(clientOrderRef="A-2")).wire
    changed = validate_order(Target.NOMAD, nomad_order(currency="RMB")).wire
    assert wire is not None and other is not None and changed is not None

    assert content_fingerprint(Target.NOMAD, wire) == content_fingerprint(Target.NOMAD, other)
    assert content_fingerprint(Target.NOMAD, wire) != content_fingerprint(Target.NOMAD, changed)


def test_a_copy_entered_as_a_new_order_never_reuses_the_reference() -> None:
    from app.core.models import as_new_order
    from app.core.targets import Target

    for target, field in ((Target.KA, "customOrderId"), (Target.NOMAD, "clientOrderRef")):
        original = {field: "OLD-1", "items": [{"sku": "A"}]}
        fresh = as_new_order(target, original)
        assert field not in fresh and fresh["items"] == [{"sku": "A"}]
        fresh["items"][0]["sku"] = "B"
        assert original == {field: "OLD-1", "items": [{"sku": "A"}]}  # the original untouched
