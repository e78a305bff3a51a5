"""Nomad Envoy Order: documented names, required fields, enums, normalisation and messages."""

from __future__ import annotations

import json
from typing import Any

import pytest

from app.core.models import validate_order
from app.core.outcome import FieldError
from app.core.targets import Target

# The request body of the signature test vector in the API notes, byte for byte.
TEST_VECTOR_BODY = (
    '{"platformName": "nomad", "currency": "CNY", "clientOrderRef": "A-1", "items": '
    '[{"quantity": 1, "product": {"productId": "p1", "currency": "CNY", "massUnit": "Kilogram"}}]}'
)


PLATFORMS = "must be one of: pdd, youzan, littleredbook, nomad, douyin, checkout"


# What an order needs besides the test vector to be accepted from an operator: a delivery address.
DELIVERY = {"firstName": "Li", "address1": "1 Keyuan Road", "city": "Shenzhen", "country": "China"}


def nomad_order(**changes: Any) -> dict[str, Any]:
    order: dict[str, Any] = json.loads(TEST_VECTOR_BODY)
    order["customer"] = dict(DELIVERY)
    order.update(changes)
    return order


def with_customer(**fields: Any) -> dict[str, Any]:
    return nomad_order(customer={**DELIVERY, **fields})


def errors_of(payload: Any, **options: Any) -> list[FieldError]:
    result = validate_order(Target.NOMAD, payload, **options)
    assert not result.ok and result.wire is None
    return list(result.errors)


def wire_of(payload: Any, **options: Any) -> dict[str, Any]:
    result = validate_order(Target.NOMAD, payload, **options)
    assert result.ok, result.errors
    assert result.wire is not None
    return result.wire


@pytest.mark.parametrize("strict", [False, True])
def test_signature_test_vector_body_validates_unchanged(strict):
    body = json.loads(TEST_VECTOR_BODY)
    if not strict:
        body["customer"] = DELIVERY  # the server takes it without; an operator's order needs one

    assert wire_of(body, strict=strict) == body


# Every key of the documented models (API notes 2.3), to prove the camelCase names are exact.
ORDER_KEYS = {
    "orderId", "clientOrderRef", "clientParentOrderRef", "platformTransactionId", "platformName",
    "isSubOrder", "isDistributionOrder", "distributorName", "orderType", "items", "customer",
    "customerIdRef", "seller", "payer", "status", "trackingReference", "destinationCode",
    "nodeCode", "expressCompany", "expressType", "currency", "customsCode", "customsFilingId",
    "createdAt", "updatedAt", "payMethod", "payMerchantName", "payAmount", "refundAmount", "payId",
    "paymentPayId", "paidAt", "payCustomsNo", "productsTotalTax", "shippingCost", "shippingTax",
    "shippedDate", "nonCashDeductionAmount", "insuranceFee", "customerNote", "deliverySlipUrl",
    "campaignTrackingData", "discountCode",
}  # fmt: skip
ITEM_KEYS = {
    "itemId", "product", "quantity", "price", "discount", "tax", "distributorName",
    "distributorId", "refundAmount",
}  # fmt: skip
ADDRESS_KEYS = {
    "firstName", "lastName", "address1", "address2", "city", "state", "country", "zip", "tin",
    "phone", "countryCode", "email", "age", "gender", "chineseId",
}  # fmt: skip
PRODUCT_KEYS = {
    "productId", "name", "nameEn", "skus", "currency", "massUnit", "timeUnit", "barcode",
    "description", "price", "rrp", "groupBuyingPrice", "netWeight", "grossWeight", "images",
    "isOnsale", "isCombined", "status", "category", "vendor", "country", "shelfLife", "createdAt",
    "updatedAt", "logisticsMode", "shippingCost", "shippingTime", "hsCode",
    "personalPostalArticlesTax", "ingredient", "model", "spec", "warrantyPeriod", "expressType",
    "discount", "taxRate", "brand", "storeId", "categoryId", "components",
}  # fmt: skip
SKU_KEYS = {
    "skuNumber", "price", "rrp", "groupBuyingPrice", "cost", "images", "barcode", "color", "size",
    "quantity", "isOnsale", "netWeight", "grossWeight", "shippingCost", "shippingTime", "model",
    "spec", "customsUnitCode", "customsUnitCodePackage", "customsUnitCodeWeight",
    "availableStock", "warehouseStock", "warehouse",
}  # fmt: skip


def _filled(keys: set[str], special: dict[str, Any]) -> dict[str, Any]:
    return {key: special.get(key, f"{key}-value") for key in keys}


def full_order() -> dict[str, Any]:
    address = _filled(
        ADDRESS_KEYS,
        {"countryCode": "CN", "phone": "13800138000", "email": "li@example.cn", "age": 30,
         "gender": "Female"},
    )  # fmt: skip
    numbers = {"price": 9.5, "rrp": 12, "groupBuyingPrice": 8, "netWeight": 0.2,
               "grossWeight": 0.25, "shippingCost": 0, "shippingTime": 3}  # fmt: skip
    sku = _filled(SKU_KEYS, {**numbers, "cost": 5, "quantity": 10, "isOnsale": True,
                             "availableStock": 7, "warehouseStock": 9,
                             "images": {"uploads": ["https://img.example/1.jpg"]}})  # fmt: skip
    product = _filled(
        PRODUCT_KEYS,
        {**numbers, "skus": [sku], "currency": "CNY", "massUnit": "Kilogram", "isOnsale": True,
         "isCombined": False, "status": "published", "category": ["beauty"], "shelfLife": 720,
         "createdAt": "2024-05-01T12:00:00Z", "updatedAt": "2024-05-02", "warrantyPeriod": 30,
         "expressType": "BC", "discount": 1, "taxRate": 0.091,
         "images": {"ids": ["i1"], "urls": ["u1"], "uploads": ["up1"]},
         "components": [{"productId": "c1", "skuNumber": "s1", "barcode": "b1", "quantity": 2}]},
    )  # fmt: skip
    item = _filled(ITEM_KEYS, {"product": product, "quantity": 2, "price": 19.99, "discount": 1,
                               "tax": 0.5, "refundAmount": 0})  # fmt: skip
    return _filled(
        ORDER_KEYS,
        {"platformName": "youzan", "isSubOrder": False, "isDistributionOrder": True,
         "orderType": "DISTRIBUTOR", "items": [item], "customer": address, "seller": address,
         "payer": address, "status": "WAIT_SELLER_SEND_GOODS", "expressType": "BBC",
         "currency": "CNY", "customsCode": "SH", "createdAt": "2024-05-01T12:00:00+08:00",
         "updatedAt": "2024-05-01T12:00:00+08:00", "paidAt": "2024-05-01T12:01:00+08:00",
         "shippedDate": "2024-05-03", "payAmount": 38.98, "refundAmount": 0,
         "productsTotalTax": 1.0, "shippingCost": 0, "shippingTax": 0,
         "nonCashDeductionAmount": 2, "insuranceFee": 0.5,
         "campaignTrackingData": {"utm_campaign": "spring", "cj_event": "e1"}},
    )  # fmt: skip


@pytest.mark.parametrize("strict", [False, True])
def test_every_documented_field_round_trips_with_its_exact_name(strict):
    order = full_order()

    wire = wire_of(order, strict=strict)

    assert set(wire) == ORDER_KEYS
    item = wire["items"][0]
    assert set(item) == ITEM_KEYS
    assert set(item["product"]) == PRODUCT_KEYS
    assert set(item["product"]["skus"][0]) == SKU_KEYS
    for role in ("customer", "seller", "payer"):
        assert set(wire[role]) == ADDRESS_KEYS
    assert wire == order  # already normal: nothing changed, numbers stay numbers


def test_no_length_limits_are_invented():
    long_text = "长" * 5000

    wire = wire_of(nomad_order(customerNote=long_text,
                               customer={**DELIVERY, "address1": long_text}))

    assert wire["customerNote"] == long_text


def test_required_fields_of_order_and_embedded_product():
    order = {"items": [{"quantity": 1, "product": {"currency": "CNY", "massUnit": "kg"}},
                       {"quantity": 1, "product": {"productId": "p2"}}],
             "customer": DELIVERY}  # fmt: skip

    assert errors_of(order) == [
        FieldError("platformName", "required"),
        FieldError("items.1.product.currency", "required"),
        FieldError("items.1.product.massUnit", "required"),
        FieldError("currency", "required"),
    ]


def test_blank_required_text_is_missing():
    assert errors_of(nomad_order(currency="  ")) == [FieldError("currency", "required")]
    assert errors_of(nomad_order(currency=""), strict=True) == [FieldError("currency", "required")]


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("platformName",), "taobao", f"{PLATFORMS} (got 'taobao')"),
        (("orderType",), "RETAIL", "must be one of: DEFAULT, DISTRIBUTOR, SUPPLIER (got 'RETAIL')"),
        (("expressType",), "CC", "must be one of: BC, BBC (got 'CC')"),
        (("customsCode",), "BJ", "must be one of: ZZ, GZ, HZ, SH (got 'BJ')"),
        (("status",), "PAID", "must be one of: WAIT_BUYER_PAY, WAIT_SELLER_SEND_GOODS, "
         "WAIT_BUYER_CONFIRM_GOODS, TRADE_SUCCESS, TRADE_CLOSED, TRADE_REFUND, "
         "TRADE_PARTIAL_REFUND, TRADE_FAILED (got 'PAID')"),
        (("customer", "gender"), "F", "must be one of: Female, Male, Custom (got 'F')"),
        (("items", 0, "product", "status"), "live",
         "must be one of: draft, to_check, published, deleted, revoked (got 'live')"),
        (("items", 0, "product", "expressType"), "BB", "must be one of: CC, BC, BBC (got 'BB')"),
    ],
)  # fmt: skip
def test_enums_name_their_values(path, value, message):
    order = nomad_order()
    target = order
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value

    assert errors_of(order) == [FieldError(".".join(map(str, path)), message)]


def test_enum_letter_case_is_fixed_for_operators_not_for_the_server():
    wire = wire_of(nomad_order(platformName="Youzan", customer={**DELIVERY, "gender": "female"}))
    assert wire["platformName"] == "youzan"
    assert wire["customer"] == {**DELIVERY, "gender": "Female"}

    assert errors_of(nomad_order(platformName="Youzan"), strict=True) == [
        FieldError("platformName", f"{PLATFORMS} (got 'Youzan')")
    ]


def test_gender_is_sent_as_plain_text():
    wire = wire_of(with_customer(gender="Custom"))

    assert '"gender": "Custom"' in json.dumps(wire["customer"])


def test_prices_are_decimals_sent_as_json_numbers():
    item = {"quantity": "2", "price": "19.99", "discount": " 0.10 ", "tax": 1,
            "product": {"currency": "CNY", "massUnit": "Kilogram"}}  # fmt: skip

    wire = wire_of(nomad_order(items=[item], payAmount="39.78"))

    line = wire["items"][0]
    assert json.dumps([line["quantity"], line["price"], line["discount"], line["tax"]]) == (
        "[2, 19.99, 0.1, 1.0]"
    )
    assert wire["payAmount"] == 39.78


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-1", "must be at least 0 (got -1)"),
        ("12,50", "must be a number (got '12,50') (use a dot for decimals)"),
        ("abc", "must be a number (got 'abc')"),
        ("NaN", "must be a finite number (got 'NaN')"),
        ("1e400", "must be a finite number (got '1e400')"),
        (True, "must be a number"),
    ],
)
def test_bad_amounts(value, message):
    assert errors_of(nomad_order(payAmount=value)) == [FieldError("payAmount", message)]


def test_strict_amounts_must_be_json_numbers():
    assert errors_of(nomad_order(payAmount="1.5"), strict=True) == [
        FieldError("payAmount", "must be a number")
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [(0, "must be at least 1 (got 0)"), ("1.5", "must be a whole number (got 1.5)")],
)
def test_order_line_quantity_is_a_positive_whole_number(value, message):
    order = nomad_order()
    order["items"][0]["quantity"] = value

    assert errors_of(order) == [FieldError("items.0.quantity", message)]


def test_flags_accept_operator_words_only_outside_strict_mode():
    wire = wire_of(nomad_order(isSubOrder="yes", isDistributionOrder="FALSE"))
    assert (wire["isSubOrder"], wire["isDistributionOrder"]) == (True, False)

    assert errors_of(nomad_order(isSubOrder="maybe")) == [
        FieldError("isSubOrder", "must be true or false")
    ]
    assert errors_of(nomad_order(isSubOrder="yes"), strict=True) == [
        FieldError("isSubOrder", "must be true or false")
    ]


def test_dates_must_be_iso_8601():
    assert wire_of(nomad_order(paidAt="2024-05-01T12:00:00Z"))["paidAt"] == "2024-05-01T12:00:00Z"

    assert errors_of(nomad_order(paidAt="yesterday")) == [
        FieldError(
            "paidAt",
            "must be an ISO-8601 date or time such as 2024-05-01T12:00:00Z (got 'yesterday')",
        )
    ]


def test_customer_country_code_is_normalised_and_country_text_kept():
    wire = wire_of(with_customer(country="中国", countryCode="China"))

    assert wire["customer"] == {**DELIVERY, "country": "中国", "countryCode": "CN"}


def test_customer_phone_is_checked_in_the_customer_country():
    assert wire_of(with_customer(countryCode="CN", phone="138 0013 8000"))["customer"]["phone"] == (
        "138 0013 8000"
    )
    assert errors_of(with_customer(countryCode="CN", phone="1380")) == [
        FieldError("customer.phone", "not a possible phone number for CN (too short): '1380'")
    ]


def test_free_text_country_serves_the_phone_check_when_no_code_is_given():
    assert errors_of(with_customer(country="China", phone="1380")) == [
        FieldError("customer.phone", "not a possible phone number for CN (too short): '1380'")
    ]


def test_phone_without_country_is_checked_only_when_international():
    no_country = {k: v for k, v in DELIVERY.items() if k != "country"}
    country_gap = FieldError("customer.country", "delivery address: country is required")
    assert errors_of(nomad_order(customer={**no_country, "phone": "13800138000"})) == [country_gap]
    assert errors_of(nomad_order(customer={**no_country, "phone": "+86 1380"})) == [
        FieldError("customer.phone", "not a possible phone number (too short): '+86 1380'"),
        country_gap,
    ]


def test_email_and_age():
    assert errors_of(with_customer(email="li at example.cn", age=-3)) == [
        FieldError("customer.email", "not an email address: 'li at example.cn'"),
        FieldError("customer.age", "must be at least 0 (got -3)"),
    ]


def test_lists_of_text_report_the_bad_entry():
    order = nomad_order()
    order["items"][0]["product"]["category"] = ["beauty", {"not": "text"}]

    assert errors_of(order) == [FieldError("items.0.product.category.1", "must be text")]


def test_free_form_tracking_data_passes_through():
    data = {"utm_campaign": "spring", "nested": {"depth": [1, 2]}}

    assert wire_of(nomad_order(campaignTrackingData=data))["campaignTrackingData"] == data


def test_unknown_nested_key_is_reported_where_it_is():
    order = nomad_order()
    order["items"][0]["product"]["weight"] = 1

    assert errors_of(order) == [FieldError("items.0.product.weight", "unknown field")]


def test_unknown_state_is_a_warning_for_the_right_role():
    result = validate_order(
        Target.NOMAD,
        nomad_order(
            customer={**DELIVERY, "countryCode": "CN", "state": "Guangdong"},
            payer={"countryCode": "CN", "state": "Atlantis"},
        ),
    )

    assert result.ok
    assert result.warnings == (
        FieldError(
            "payer.state", "not a known province or state of CN: 'Atlantis' (sent as written)"
        ),
    )


def test_free_form_data_nested_too_deeply_is_refused_not_crashed_on():
    deep: dict[str, Any] = {}
    node = deep
    for _ in range(2000):
        node["next"] = {}
        node = node["next"]

    assert errors_of(nomad_order(campaignTrackingData=deep)) == [
        FieldError("campaignTrackingData", "nested too deeply (at most 32 levels)")
    ]
