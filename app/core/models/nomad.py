"""Nomad Envoy ``Order`` (body of ``POST /envoy/order/{store}``) and the models it embeds.

Every field of the generated client's models is mirrored (API notes, section 2.3). Only
``platformName``, ``currency`` and the embedded product's ``currency`` and ``massUnit`` are
required by the API; an order the operator enters also needs items and a delivery address
(``DELIVERY_PARTS``). Nomad documents no lengths, so none are imposed except on the order
reference; whole numbers are capped at a 32-bit int (no range is documented); enums are the
documented values.
"""

from __future__ import annotations

import logging
from typing import Annotated, Literal, get_args

from pydantic import Field, ValidationInfo, field_validator

from app.core.models.base import WireModel, ui
from app.core.models.countries import to_alpha2
from app.core.models.keys import NOMAD_DELIVERY_ADDRESS, NOMAD_DELIVERY_PARTS
from app.core.models.phones import check_phone
from app.core.models.values import (
    INT32_MAX,
    Amount,
    Count,
    Country,
    Email,
    Flag,
    FreeObject,
    IsoDateTime,
    Phone,
    Quantity,
    Reference,
    Text,
    TextList,
    choice_of,
    is_strict,
)

log = logging.getLogger(__name__)

PlatformNameValue = Literal["pdd", "youzan", "littleredbook", "nomad", "douyin", "checkout"]
OrderTypeValue = Literal["DEFAULT", "DISTRIBUTOR", "SUPPLIER"]
OrderStatusValue = Literal[
    "WAIT_BUYER_PAY",
    "WAIT_SELLER_SEND_GOODS",
    "WAIT_BUYER_CONFIRM_GOODS",
    "TRADE_SUCCESS",
    "TRADE_CLOSED",
    "TRADE_REFUND",
    "TRADE_PARTIAL_REFUND",
    "TRADE_FAILED",
]
OrderExpressTypeValue = Literal["BC", "BBC"]
ProductExpressTypeValue = Literal["CC", "BC", "BBC"]
CustomsCodeValue = Literal["ZZ", "GZ", "HZ", "SH"]
ProductStatusValue = Literal["draft", "to_check", "published", "deleted", "revoked"]
# Gender is an enum in the spec, but its generated class has no properties: sent as plain text.
GenderValue = Literal["Female", "Male", "Custom"]

# Nomad documents whole numbers as `int` with no range (API notes, 2.3): a 32-bit int is assumed.
NomadQuantity = Annotated[Quantity, Field(le=INT32_MAX)]
NomadCount = Annotated[Count, Field(le=INT32_MAX)]
# No length is documented for clientOrderRef: 64 characters, far more than any marketplace's order
# number, keeps a pasted paragraph from becoming a reference.
REFERENCE_MAX_LENGTH = 64

PlatformName = Annotated[PlatformNameValue, choice_of(get_args(PlatformNameValue))]
OrderType = Annotated[OrderTypeValue, choice_of(get_args(OrderTypeValue))]
OrderStatus = Annotated[OrderStatusValue, choice_of(get_args(OrderStatusValue))]
OrderExpressType = Annotated[OrderExpressTypeValue, choice_of(get_args(OrderExpressTypeValue))]
ProductExpressType = Annotated[
    ProductExpressTypeValue, choice_of(get_args(ProductExpressTypeValue))
]
CustomsCode = Annotated[CustomsCodeValue, choice_of(get_args(CustomsCodeValue))]
ProductStatus = Annotated[ProductStatusValue, choice_of(get_args(ProductStatusValue))]
Gender = Annotated[GenderValue, choice_of(get_args(GenderValue))]


class NomadAddress(WireModel):
    """Customer, seller or payer. Its form group is the role it plays (spec_group unset)."""

    first_name: Text | None = None
    last_name: Text | None = None
    address1: Text | None = Field(None, json_schema_extra=ui("Address line 1"))
    address2: Text | None = Field(None, json_schema_extra=ui("Address line 2"))
    city: Text | None = None
    state: Text | None = Field(None, json_schema_extra=ui("Province / state"))
    country: Text | None = Field(None, description="Country as written for the platform")
    # Declared before phone (the wire order is irrelevant) so the phone check can use it.
    country_code: Country | None = Field(None, description="ISO 3166 2-letter code, e.g. CN")
    zip: Text | None = Field(None, json_schema_extra=ui("Postcode / ZIP"))
    tin: Text | None = Field(
        None,
        description="Taxpayer id, including the Chinese ID number",
        json_schema_extra=ui("Taxpayer ID"),
    )
    phone: Phone | None = None
    email: Email | None = None
    age: NomadCount | None = None
    gender: Gender | None = None
    # Deprecated, but kept in its role's group: three "Chinese ID" fields side by side in one
    # "deprecated" box could not be told apart.
    chinese_id: Text | None = Field(
        None, description="Deprecated: use tin", json_schema_extra=ui("Chinese ID (deprecated)")
    )

    @field_validator("phone")
    @classmethod
    def _possible_phone(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None or is_strict():
            return value
        return check_phone(value, _phone_region(info.data))


def _phone_region(address: dict[str, object]) -> str | None:
    """The address's country as alpha-2, if it can be told; the free-text country is a fallback."""
    code = address.get("country_code")
    if isinstance(code, str):
        return code
    country = address.get("country")
    if isinstance(country, str):
        try:
            return to_alpha2(country)
        except ValueError:
            return None
    return None


class Images(WireModel):
    ids: TextList | None = Field(
        None, description="Platform image ids (responses only)", json_schema_extra=ui("Image IDs")
    )
    urls: TextList | None = Field(
        None, description="Image URLs (responses only)", json_schema_extra=ui("Image URLs")
    )
    uploads: TextList | None = Field(
        None,
        description="Image URLs to upload to the platform",
        json_schema_extra=ui("Images to upload"),
    )


class ProductComponent(WireModel):
    product_id: Text | None = None
    sku_number: Text | None = None
    barcode: Text | None = None
    quantity: NomadCount | None = None


class ProductSku(WireModel):
    sku_number: Text | None = None
    price: Amount | None = None
    rrp: Amount | None = Field(None, description="Recommended retail price")
    group_buying_price: Amount | None = None
    cost: Amount | None = Field(None, description="Tax-free price")
    images: Images | None = None
    barcode: Text | None = None
    color: Text | None = None
    size: Text | None = None
    quantity: NomadCount | None = Field(None, description="Stock level")
    is_onsale: Flag | None = Field(None, json_schema_extra=ui("On sale"))
    net_weight: Amount | None = None
    gross_weight: Amount | None = None
    shipping_cost: Amount | None = None
    shipping_time: NomadCount | None = None
    model: Text | None = None
    spec: Text | None = None
    customs_unit_code: Text | None = None
    customs_unit_code_package: Text | None = None
    customs_unit_code_weight: Text | None = None
    available_stock: NomadCount | None = None
    warehouse_stock: NomadCount | None = None
    warehouse: Text | None = None


class Product(WireModel):
    spec_group = "product"

    product_id: Text | None = Field(None, description="Third-party product id")
    name: Text | None = Field(None, description="Default name, usually Chinese")
    name_en: Text | None = Field(None, json_schema_extra=ui("Name (English)"))
    skus: list[ProductSku] | None = None
    currency: Text = Field(min_length=1, description="Currency, e.g. CNY or RMB")
    mass_unit: Text = Field(min_length=1, description="Unit of the weights, e.g. Kilogram")
    time_unit: Text | None = Field(None, description="Unit of the times, e.g. days")
    barcode: Text | None = None
    description: Text | None = None
    price: Amount | None = None
    rrp: Amount | None = Field(None, description="Recommended retail price")
    group_buying_price: Amount | None = None
    net_weight: Amount | None = None
    gross_weight: Amount | None = None
    images: Images | None = None
    is_onsale: Flag | None = Field(None, json_schema_extra=ui("On sale"))
    is_combined: Flag | None = None
    status: ProductStatus | None = Field(None, description="Takes priority over isOnsale")
    category: TextList | None = None
    vendor: Text | None = None
    country: Text | None = Field(None, description="Country of origin")
    shelf_life: Amount | None = None
    created_at: IsoDateTime | None = None
    updated_at: IsoDateTime | None = None
    logistics_mode: Text | None = Field(None, description="e.g. red_auto")
    shipping_cost: Amount | None = None
    shipping_time: NomadCount | None = Field(None, description="Days")
    hs_code: Text | None = None
    personal_postal_articles_tax: Text | None = Field(
        None, description="China parcel tax (行邮税) code"
    )
    ingredient: Text | None = None
    model: Text | None = None
    spec: Text | None = None
    warranty_period: NomadCount | None = Field(None, description="Days")
    express_type: ProductExpressType | None = Field(
        None, description="CC free samples, BC business to customer, BBC distribution"
    )
    discount: Amount | None = None
    tax_rate: Amount | None = None
    brand: Text | None = None
    store_id: Text | None = None
    category_id: Text | None = None
    components: list[ProductComponent] | None = None


class OrderProduct(WireModel):
    spec_group = "item"

    item_id: Text | None = Field(None, description="Order-line id")
    product: Product | None = None
    quantity: NomadQuantity | None = None
    price: Amount | None = Field(None, description="Unit selling price (not the line total)")
    discount: Amount | None = Field(None, description="Unit discount")
    tax: Amount | None = None
    distributor_name: Text | None = None
    distributor_id: Text | None = None
    refund_amount: Amount | None = None


PAYMENT = ui(group="payment")
SHIPPING = ui(group="shipping")
CUSTOMS = ui(group="customs")


NOMAD_ADDRESS_ROLES = ("customer", "seller", "payer")

# What an order needs to be fulfilled, though Nomad requires none of it (API notes, 2.3): at least
# one item, and the customer's address with each part below (wire keys; any one of a part's keys
# will do, the first is where a gap is shown). Checked for operator input, not in strict mode.
DELIVERY_ADDRESS = NOMAD_DELIVERY_ADDRESS
DELIVERY_PARTS = NOMAD_DELIVERY_PARTS


class NomadOrder(WireModel):
    spec_group = "order"

    order_id: Text | None = Field(None, description="Order reference in the ERP system")
    client_order_ref: Reference | None = Field(
        None,
        max_length=REFERENCE_MAX_LENGTH,
        description="Your order reference on the platform; prevents duplicates",
        json_schema_extra=ui("Order reference"),
    )
    client_parent_order_ref: Text | None = None
    platform_transaction_id: Text | None = Field(
        None,
        description="Platform transaction id, for the customs payment",
        json_schema_extra=PAYMENT,
    )
    platform_name: PlatformName = Field(description="E-commerce platform",
                                       json_schema_extra=ui("Platform"))
    is_sub_order: Flag | None = None
    is_distribution_order: Flag | None = None
    distributor_name: Text | None = None
    order_type: OrderType | None = None
    items: list[OrderProduct] | None = None
    customer: NomadAddress | None = Field(None, json_schema_extra=ui(group="customer"))
    customer_id_ref: Text | None = Field(None, description="Buyer id on the platform")
    seller: NomadAddress | None = Field(None, json_schema_extra=ui(group="seller"))
    payer: NomadAddress | None = Field(None, json_schema_extra=ui(group="payer"))
    status: OrderStatus | None = None
    tracking_reference: Text | None = Field(
        None, description="Package tracking number", json_schema_extra=SHIPPING
    )
    destination_code: Text | None = Field(
        None, description="Sorting code (三段码)", json_schema_extra=SHIPPING
    )
    node_code: Text | None = Field(
        None, description="Consolidation point (集包地)", json_schema_extra=SHIPPING
    )
    express_company: Text | None = Field(
        None, description="e.g. STO, Goldjet", json_schema_extra=SHIPPING
    )
    express_type: OrderExpressType | None = Field(
        None, description="BC business to customer, BBC distribution", json_schema_extra=SHIPPING
    )
    currency: Text = Field(min_length=1, description="Currency, e.g. CNY or RMB")
    customs_code: CustomsCode | None = Field(
        None,
        description="ZZ Zhengzhou, GZ Guangzhou, HZ Hangzhou, SH Shanghai",
        json_schema_extra=CUSTOMS,
    )
    customs_filing_id: Text | None = Field(
        None, description="Filing id returned by customs", json_schema_extra=CUSTOMS
    )
    created_at: IsoDateTime | None = None
    updated_at: IsoDateTime | None = None
    pay_method: Text | None = Field(None, description="e.g. EASIPAY", json_schema_extra=PAYMENT)
    pay_merchant_name: Text | None = Field(
        None, description="e.g. Paypal", json_schema_extra=PAYMENT
    )
    pay_amount: Amount | None = Field(
        None, description="Final amount paid", json_schema_extra=PAYMENT
    )
    refund_amount: Amount | None = Field(None, json_schema_extra=PAYMENT)
    pay_id: Text | None = Field(
        None, description="Platform payment number", json_schema_extra=PAYMENT
    )
    payment_pay_id: Text | None = Field(
        None, description="Payment-tool number", json_schema_extra=PAYMENT
    )
    paid_at: IsoDateTime | None = Field(None, json_schema_extra=PAYMENT)
    pay_customs_no: Text | None = Field(
        None, description="Payment declaration number from customs", json_schema_extra=CUSTOMS
    )
    products_total_tax: Amount | None = Field(
        None, description="Includes the non-cash deduction", json_schema_extra=PAYMENT
    )
    shipping_cost: Amount | None = Field(
        None, description="Order-level; 0 if free", json_schema_extra=SHIPPING
    )
    shipping_tax: Amount | None = Field(None, description="0 if free", json_schema_extra=SHIPPING)
    shipped_date: IsoDateTime | None = Field(None, json_schema_extra=SHIPPING)
    non_cash_deduction_amount: Amount | None = Field(
        None, description="Points, vouchers and similar", json_schema_extra=PAYMENT
    )
    insurance_fee: Amount | None = Field(None, json_schema_extra=PAYMENT)
    customer_note: Text | None = Field(None, description="Buyer's note")
    delivery_slip_url: Text | None = Field(None, json_schema_extra=SHIPPING)
    campaign_tracking_data: FreeObject | None = Field(
        None, description="Free-form, e.g. utm_campaign"
    )
    discount_code: Text | None = Field(None, json_schema_extra=PAYMENT)
