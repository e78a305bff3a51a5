"""Properties: validation never raises, speaks plainly, and its wire JSON is final."""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.models import ValidationResult, field_specs, validate_order
from app.core.targets import Target, registered_targets
from tests.test_models_ka import ka_order
from tests.test_models_nomad import full_order, nomad_order

JARGON = ("Input should", "pydantic", "type=", "Value error", "validation error", "literal_")

scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40)
json_like = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=25,
)
# Values an operator or a spreadsheet might put anywhere.
operator_values = (
    json_like
    | st.sampled_from(["", " ", "0", "-1", "2.5", "1e400", "NaN", "France", "fr", "+33 6", "yes"])
    | st.text(alphabet="0123456789 +-.,()", max_size=20)
)
targets = st.sampled_from(registered_targets())
address_keys = st.sampled_from(["orderAddress", "orderAddresses", "both"])
SAMPLES = {Target.KA: [ka_order], Target.NOMAD: [nomad_order, full_order]}
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_result(result: ValidationResult) -> None:
    assert isinstance(result, ValidationResult)
    if result.ok:
        assert result.errors == () and isinstance(result.wire, dict)
        json.dumps(result.wire, allow_nan=False)  # plain JSON: no Decimal, NaN or infinity
        return
    assert result.wire is None and result.errors
    for error in result.errors:
        assert isinstance(error.loc, str) and error.message
        assert not any(word in error.message for word in JARGON), error.message


def _steps(spec_path: str) -> list[str | int]:
    steps: list[str | int] = []
    for part in spec_path.split("."):
        steps += [part[:-2], 0] if part.endswith("[]") else [part]
    return steps


def _mutated(order: dict[str, Any], spec_path: str, value: Any) -> dict[str, Any]:
    order = copy.deepcopy(order)
    *parents, last = _steps(spec_path)
    node: Any = order
    for step in parents:
        if isinstance(node, dict):
            node = node.setdefault(step, {}) if isinstance(step, str) else node
        elif isinstance(node, list) and isinstance(step, int):
            if not node:
                node.append({})
            node = node[step]
    if isinstance(node, dict):
        node[last] = value
    return order


@FAST
@given(target=targets, payload=json_like, strict=st.booleans(), address_key=address_keys)
def test_arbitrary_json_never_raises(target, payload, strict, address_key):
    check_result(validate_order(target, payload, strict=strict, address_key=address_key))


@FAST
@given(data=st.data(), target=targets, strict=st.booleans())
def test_any_field_set_to_anything_never_raises(data, target, strict):
    sample = data.draw(st.sampled_from(SAMPLES[target]))()
    paths = [spec.path for spec in field_specs(target)]
    mutations = data.draw(
        st.lists(st.tuples(st.sampled_from(paths), operator_values), min_size=1, max_size=3)
    )
    order = sample
    for path, value in mutations:
        order = _mutated(order, path, value)

    check_result(validate_order(target, order, strict=strict))


@FAST
@given(data=st.data(), target=targets, address_key=address_keys)
def test_normalised_wire_is_accepted_unchanged_by_the_server_rules(data, target, address_key):
    sample = data.draw(st.sampled_from(SAMPLES[target]))()
    paths = [spec.path for spec in field_specs(target)]
    path, value = data.draw(st.tuples(st.sampled_from(paths), operator_values))
    first = validate_order(target, _mutated(sample, path, value), address_key=address_key)

    if first.ok:
        assert first.wire is not None
        again = validate_order(target, first.wire, strict=True, address_key=address_key)
        assert again.ok, again.errors
        assert again.wire == first.wire
