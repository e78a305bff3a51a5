"""Headers map to fields by name, label and English/Chinese synonyms; mappings save and reload."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.core.importing import (
    ColumnMapping,
    ImportFileError,
    auto_map,
    load_mapping_file,
    resolve_mapping,
    save_mapping,
    saved_mapping,
)
from app.core.importing.mapping import PROBLEMS_HEADER, header_key
from app.core.models import field_specs
from app.core.targets import Target, registered_targets


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Recipient Name", "orderAddress.recipient"),
        ("Ship To Name", "orderAddress.recipient"),
        ("收件人", "orderAddress.recipient"),
        ("Phone", "orderAddress.phone"),
        ("联系电话", "orderAddress.phone"),
        ("SKU", "orderItemsList[].sku"),
        ("商品编码", "orderItemsList[].sku"),
        ("Qty", "orderItemsList[].quantity"),
        ("数量", "orderItemsList[].quantity"),
        ("ZIP code", "orderAddress.zip"),
        ("customOrderId", "customOrderId"),
        ("Order No.", "customOrderId"),
        ("orderAddress.vat", "orderAddress.vat"),
        ("Shipping speed", "channelType"),  # the order-level field, not the item's
        ("ＳＫＵ", "orderItemsList[].sku"),  # full-width, as some Chinese exports write it
        ("Country code", "orderAddress.country"),  # KA has one country field
        ("聯繫電話", "orderAddress.phone"),  # traditional Chinese, as Big5 exports write it
        ("訂單號", "customOrderId"),
        ("數量", "orderItemsList[].quantity"),
        ("郵便番号", "orderAddress.zip"),  # Japanese, as Shift-JIS exports write it
        ("受取人", "orderAddress.recipient"),
        ("国家代码", "orderAddress.country"),
    ],
)
def test_ka_headers(header: str, field: str) -> None:
    assert auto_map(Target.KA, [header]).columns == {header: field}


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Recipient Name", "customer.firstName"),
        ("Phone", "customer.phone"),
        ("SKU", "items[].product.skus[].skuNumber"),
        ("Qty", "items[].quantity"),
        ("Unit Price", "items[].price"),
        ("商品名称", "items[].product.name"),
        ("Country", "customer.country"),
        ("Country code", "customer.countryCode"),  # the ISO code, apart from the name
        ("商品币种", "items[].product.currency"),  # the product's currency, not the order's
        ("Weight unit", "items[].product.massUnit"),
        ("币种", "currency"),
        ("国家代码", "customer.countryCode"),
        ("Seller phone", "seller.phone"),
        ("Order reference", "clientOrderRef"),
    ],
)
def test_nomad_headers(header: str, field: str) -> None:
    assert auto_map(Target.NOMAD, [header]).columns == {header: field}


def test_each_field_takes_one_column_and_strangers_stay_unmapped() -> None:
    mapping = auto_map(Target.KA, ["Phone", "Mobile", "Gift wrap", "SKU"])
    assert mapping.columns == {"Phone": "orderAddress.phone", "SKU": "orderItemsList[].sku"}


def test_every_canonical_path_maps_to_itself() -> None:
    for target in registered_targets():
        paths = [spec.path for spec in field_specs(target)]
        assert auto_map(target, paths).columns == {p: p for p in paths}


def test_saved_mapping_applies_to_the_same_headers_in_any_order() -> None:
    headers = ["Col A", "Col B", "Col C"]
    mapping = ColumnMapping(
        Target.KA,
        {"Col A": "orderAddress.recipient", "Col B": "orderItemsList[].sku"},
        {"channelType": "Express"},
    )
    save_mapping(mapping, headers)
    again = saved_mapping(Target.KA, ["Col C", "Col A", "Col B", PROBLEMS_HEADER])
    assert again == mapping
    assert saved_mapping(Target.NOMAD, headers) is None
    assert saved_mapping(Target.KA, ["Col A", "Col B"]) is None
    assert resolve_mapping(Target.KA, headers) == mapping


def test_header_key_ignores_case_and_spacing() -> None:
    assert header_key(Target.KA, ["Ship To Name", "SKU"]) == header_key(
        Target.KA, ["sku", "ship-to name"]
    )


def test_explicit_mapping_file_wins_and_is_checked(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    path.write_text(json.dumps({"target": "ka", "columns": {"X": "orderAddress.phone"}}))
    assert resolve_mapping(Target.KA, ["Phone"], path).columns == {"X": "orderAddress.phone"}
    path.write_text(json.dumps({"columns": {"X": "orderAddress.telephone"}}))
    with pytest.raises(ImportFileError, match=r"does not have: orderAddress\.telephone"):
        load_mapping_file(path, Target.KA)
    path.write_text(json.dumps({"target": "nomad", "columns": {}}))
    with pytest.raises(ImportFileError, match="is for target 'nomad'"):
        load_mapping_file(path, Target.KA)
    path.write_text("{not json")
    with pytest.raises(ImportFileError, match="not valid JSON"):
        load_mapping_file(path, Target.KA)
    path.write_text(json.dumps({"columns": {"X": 3}}))
    with pytest.raises(ImportFileError, match="object of text to text"):
        load_mapping_file(path, Target.KA)


def test_a_damaged_saved_mapping_is_ignored() -> None:
    headers = ["Phone"]
    path = save_mapping(ColumnMapping(Target.KA, {"Phone": "orderAddress.phone"}), headers)
    path.write_text("garbage")
    assert saved_mapping(Target.KA, headers) is None
    assert resolve_mapping(Target.KA, headers).columns == {"Phone": "orderAddress.phone"}


@pytest.mark.parametrize(
    ("target", "name"), [(Target.KA, "ka_orders.csv"), (Target.NOMAD, "nomad_orders.csv")]
)
def test_templates_have_canonical_headers_covering_every_required_field(
    target: Target, name: str
) -> None:
    from app.core.importing import read_table
    from app.resources import resource_path

    table = read_table(resource_path(f"templates/{name}"))
    assert table.encoding == "utf-8" and table.rows == []
    mapping = auto_map(target, table.headers)
    assert mapping.columns == {h: h for h in table.headers}
    required = {s.path for s in field_specs(target) if s.required}
    assert required <= set(table.headers)
