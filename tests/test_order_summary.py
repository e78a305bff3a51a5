"""The history's summary of an order (recipient, country, address, lines), read per target from
the journaled payload, and tolerant of payloads that are not what the model expects."""

from __future__ import annotations

import json

from app.core.models.summary import EMPTY, SummaryLine, summarise_order
from app.core.targets import Target
from tests.fixtures.sandbox import ka_order, nomad_order


def test_ka_summary() -> None:
    order = ka_order("S-1", orderItemsList=[{"sku": "A", "quantity": 2},
                                            {"sku": "B", "quantity": "3"}])
    summary = summarise_order(Target.KA, json.dumps(order))
    assert (summary.recipient, summary.country) == ("Jeanne Martin", "FR")
    assert summary.address_lines == ("10 rue de Rivoli", "75004 Paris", "Ile-de-France")
    assert summary.lines == (SummaryLine("A", quantity=2), SummaryLine("B", quantity=3))
    assert summary.units == 5
    moved = {k: v for k, v in order.items() if k != "orderAddress"}
    moved["orderAddresses"] = [order["orderAddress"]]
    assert summarise_order(Target.KA, moved).recipient == "Jeanne Martin"


def test_nomad_summary() -> None:
    order = nomad_order("S-2")
    order["items"][0]["product"]["skus"] = [{"skuNumber": "NM-SKU"}]
    order["items"][0]["product"]["name"] = "茶"
    summary = summarise_order(Target.NOMAD, order)
    assert (summary.recipient, summary.country) == ("Wei Zhang", "CN")
    assert summary.lines == (SummaryLine("NM-SKU", "茶", 1),)
    assert summary.address_lines[:2] == ("1 Nanjing Road", "Shanghai")


def test_unexpected_payloads_give_empty_parts() -> None:
    for payload in ("not json", "[1, 2]", {"orderAddress": "x", "orderItemsList": [1, None]},
                    {"customer": [], "items": {"a": 1}}):
        for target in (Target.KA, Target.NOMAD):
            summary = summarise_order(target, payload)
            assert summary.recipient == "" and summary.units == 0
    assert summarise_order(Target.KA, "{") is EMPTY
