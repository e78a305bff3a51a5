"""KA (KakaClo) create-order v2 request: ``POST /openapi/v2/order/orders``.

Names, lengths and required flags follow the request tables of the V2 order page (see the API
notes, sections 1.7 and 1.14). Where the page contradicts itself, the choice is noted on the field.
"""

from __future__ import annotations

import logging
from typing import Annotated, Literal, get_args

from pydantic import Field, ValidationInfo, field_validator

from app.core.models.base import WireModel, ui
from app.core.models.keys import KA_DELIVERY_PARTS
from app.core.models.phones import check_phone
from app.core.models.values import (
    Alpha2Country,
    Phone,
    Quantity,
    Reference,
    Text,
    choice_of,
    is_strict,
)

log = logging.getLogger(__name__)

# The create table lists Standard and Express; the channel quote APIs and the 2023-08 release
# note also name Expedited (fastest). It is accepted so operators can pick any quoted speed.
ChannelTypeValue = Literal["Standard", "Express", "Expedited"]
CHANNEL_TYPES: tuple[str, ...] = get_args(ChannelTypeValue)

# The documented list. The page's own example sends "KA", which is not on it: refused, because
# an unlisted platform is a guess the server may reject after the balance check.
SalePlatformValue = Literal[
    "Amazon",
    "Wish",
    "eBay",
    "Walmart",
    "Groupon",
    "IrobotBoxERP",
    "Shopify",
    "Aliexpress",
    "OverStock",
    "TopHatter",
    "JoyBuy",
    "Homedepot",
    "Facebookshop",
    "Mercari",
    "Facebook Marketplace",
]
SALE_PLATFORMS: tuple[str, ...] = get_args(SalePlatformValue)

# No length is given for customOrderId on the create-order page; the custom-order API it replaced
# allowed string[40] (API notes, 1.7), the only length KA ever documented for an order number.
REFERENCE_MAX_LENGTH = 40

ChannelType = Annotated[ChannelTypeValue, choice_of(CHANNEL_TYPES)]
SalePlatform = Annotated[SalePlatformValue, choice_of(SALE_PLATFORMS)]

DEPRECATED = ui(group="deprecated")


# What a parcel needs beyond the fields KA requires (recipient, country): the API documents the
# street and city as optional, so they are required only of operator input (validate_ka).
DELIVERY_PARTS = KA_DELIVERY_PARTS


class KaAddress(WireModel):
    spec_group = "address"

    country: Alpha2Country = Field(
        max_length=32, description="Destination country as a 2-letter code, e.g. FR, US"
    )
    phone: Phone = Field(max_length=64, description="Recipient phone; '+' and spaces allowed")
    street1: Text | None = Field(
        None, max_length=64, description="Street address", json_schema_extra=ui("Street")
    )
    street2: Text | None = Field(
        None,
        max_length=64,
        description="Apartment, suite, building",
        json_schema_extra=ui("Street (line 2)"),
    )
    city: Text | None = Field(None, max_length=64, description="City")
    recipient: Text = Field(max_length=32, min_length=1, description="Recipient's full name")
    province: Text = Field(
        max_length=32,
        min_length=1,
        description="Province, state or region",
        json_schema_extra=ui("Province / state"),
    )
    zip: Text | None = Field(
        None, max_length=32, description="Postal code", json_schema_extra=ui("Postcode / ZIP")
    )
    ioss: Text | None = Field(
        None, max_length=32, description="EU IOSS number", json_schema_extra=ui("IOSS number")
    )
    vat: Text | None = Field(
        None, max_length=32, description="VAT number", json_schema_extra=ui("VAT number")
    )

    @field_validator("phone")
    @classmethod
    def _possible_phone(cls, value: str, info: ValidationInfo) -> str:
        if is_strict():
            return value  # the server takes any text up to 64 characters
        return check_phone(value, info.data.get("country"))


class KaItem(WireModel):
    spec_group = "item"

    sku: Text = Field(
        max_length=64, min_length=1, description="KA SKU code", json_schema_extra=ui("SKU")
    )
    quantity: Quantity = Field(description="Units to order (more than 0)")
    channel_type: ChannelType | None = Field(
        None, max_length=16, description="Shipping speed for this line (server default: Standard)",
        json_schema_extra=ui("Shipping speed"),
    )
    channel_code: Text | None = Field(
        None,
        max_length=32,
        description="Deprecated: replaced by channelType",
        json_schema_extra=DEPRECATED,
    )
    warehouse_code: Text | None = Field(
        None,
        max_length=32,
        description="Deprecated: warehouses are chosen automatically",
        json_schema_extra=DEPRECATED,
    )


class KaOrder(WireModel):
    spec_group = "order"

    order_address: KaAddress = Field(description="Where the order ships")
    order_items_list: list[KaItem] = Field(min_length=1, description="Order lines")
    remark: Text | None = Field(None, description="Order notes")
    sale_platform: SalePlatform | None = Field(None, description="Where the order was sold")
    channel_code: Text | None = Field(
        None, max_length=32, description="Logistics channel code from the channel quote API"
    )
    custom_order_id: Reference | None = Field(
        None,
        max_length=REFERENCE_MAX_LENGTH,
        description="Your own order number; the reference that prevents duplicates",
        json_schema_extra=ui("Order reference"),
    )
    channel_type: ChannelType = Field(
        description="Shipping speed: Standard, Express or Expedited (Expedited is quoted by the "
        "channel APIs but not listed for create-order)",
        json_schema_extra=ui("Shipping speed"),
    )
