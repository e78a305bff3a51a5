"""Plausible, deterministic KA prices and shipping quotes (the same input always costs the same).

Shapes follow the documented channel-quote examples; the figures are invented.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from decimal import Decimal

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Channel:
    channel_type: str
    channel_code: str
    name: str
    delivery_time: str
    first_item: Decimal
    each_further_item: Decimal

    def freight(self, quantity: int) -> Decimal:
        return (self.first_item + self.each_further_item * max(quantity - 1, 0)).quantize(CENT)


# Slowest first, as in the documented automationSplit example.
CHANNELS = (
    Channel(
        "Standard",
        "KA-STD",
        "Standard Shipping",
        "8~12 Business Days",
        Decimal("5.04"),
        Decimal("0.85"),
    ),
    Channel(
        "Express",
        "KA-EXP",
        "Express Shipping",
        "6~9 Business Days",
        Decimal("6.16"),
        Decimal("1.40"),
    ),
    Channel(
        "Expedited",
        "KA-EXD",
        "Expedited Shipping",
        "3~4 Business Days",
        Decimal("24.25"),
        Decimal("4.10"),
    ),
)
CHANNEL_BY_TYPE = {channel.channel_type: channel for channel in CHANNELS}


def unit_price(sku: str) -> Decimal:
    """A stable price between 3.00 and 29.99 USD derived from the SKU text."""
    return (Decimal(300 + zlib.crc32(sku.encode("utf-8")) % 2700) / 100).quantize(CENT)


def freight(channel_type: str | None, quantity: int) -> Decimal:
    channel = CHANNEL_BY_TYPE.get(channel_type or "Standard", CHANNELS[0])
    return channel.freight(quantity)
