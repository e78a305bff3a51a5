"""Operator input is prepared by the wire keys even before a model's validator is built (models
build when first used): a first order checked strictly is not stripped of its keys, and a
lenient one has its text trimmed."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
from app.core.models.base import _shape
from app.core.models.ka import KaOrder
from app.core.models.validation import validate_order
from app.core.targets import Target

assert not KaOrder.__pydantic_complete__, "the model was built before its first order"
assert "orderAddress" in _shape(KaOrder), sorted(_shape(KaOrder))
order = {"customOrderId": "R-1", "channelType": "Standard",
         "orderAddress": {"country": "FR", "phone": "+33 1 42 68 53 00", "recipient": " Jeanne ",
                          "province": "Ile-de-France", "city": "Paris", "street1": "10 rue"},
         "orderItemsList": [{"sku": "SKU-1", "quantity": 2}]}
assert validate_order(Target.KA, dict(order), strict=True).ok
assert validate_order(Target.KA, dict(order)).wire["orderAddress"]["recipient"] == "Jeanne"
"""


def test_wire_keys_are_known_before_the_first_validation() -> None:
    # A fresh interpreter: in this one another test may have built the model already.
    done = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
