"""What an operator scans an order for: recipient, country, address, lines. Read from the wire
payload as journaled (KA and Nomad shape them differently; each target's spec names its reader),
tolerant of anything: a payload that is not what the model expects gives empty parts, never an
exception."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.core.targets import Target

# (the payload as a mapping) -> its summary; `TargetSpec.summarise`.
Summariser = Callable[[Mapping[str, Any]], "OrderSummary"]


@dataclass(frozen=True)
class SummaryLine:
    sku: str
    name: str = ""
    quantity: int | None = None


@dataclass(frozen=True)
class OrderSummary:
    recipient: str = ""
    phone: str = ""
    country: str = ""  # ISO code when the order has one, else as written
    address_lines: tuple[str, ...] = ()  # street lines, then postcode / city / province
    lines: tuple[SummaryLine, ...] = ()

    @property
    def units(self) -> int:
        return sum(line.quantity or 0 for line in self.lines)


EMPTY = OrderSummary()


def text(value: Any) -> str:
    """A payload value as one line of text ("" for a missing or structured value)."""
    if value is None or isinstance(value, (dict, list, bool)):
        return ""
    return " ".join(str(value).split())


def whole(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    try:
        number = float(str(value).strip())
    except (TypeError, ValueError):
        return None
    return int(number) if number.is_integer() and abs(number) < 1e15 else None


def mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def sequence(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def joined(*parts: Any, separator: str = " ") -> str:
    return separator.join(t for t in (text(p) for p in parts) if t)


def summarise_payload(summarise: Summariser | None, payload: str | Mapping[str, Any]
                      ) -> OrderSummary:
    """The summary of a journaled payload (JSON text or a mapping); EMPTY when unreadable."""
    if summarise is None:
        return EMPTY
    if isinstance(payload, str):
        try:
            payload = json.loads(payload)
        except ValueError:
            return EMPTY
    if not isinstance(payload, Mapping):
        return EMPTY
    try:
        return summarise(payload)
    except (TypeError, ValueError, AttributeError, KeyError):  # a shape nobody expected
        return EMPTY


def summarise_ka(payload: Mapping[str, Any]) -> OrderSummary:
    """KA: the address under ``orderAddress`` (or ``orderAddresses``, as the docs' example),
    lines in ``orderItemsList`` (sku, quantity)."""
    address: Any = payload.get("orderAddress") or payload.get("orderAddresses")
    if isinstance(address, list):
        address = address[0] if address else {}
    address = mapping(address)
    place = joined(address.get("zip"), address.get("city"))
    lines = tuple(
        SummaryLine(sku=text(item.get("sku")), quantity=whole(item.get("quantity")))
        for item in map(mapping, sequence(payload.get("orderItemsList")))
    )
    return OrderSummary(
        recipient=text(address.get("recipient")),
        phone=text(address.get("phone")),
        country=text(address.get("country")).upper(),
        address_lines=tuple(t for t in (text(address.get("street1")),
                                        text(address.get("street2")), place,
                                        text(address.get("province"))) if t),
        lines=lines,
    )


def summarise_nomad(payload: Mapping[str, Any]) -> OrderSummary:
    """Nomad: the delivery address is the ``customer``; each of ``items`` names a product (its
    first SKU number, else its product id) and a quantity."""
    customer = mapping(payload.get("customer"))
    lines = []
    for item in map(mapping, sequence(payload.get("items"))):
        product = mapping(item.get("product"))
        skus = [mapping(s) for s in sequence(product.get("skus"))]
        sku = next((text(s.get("skuNumber")) for s in skus if text(s.get("skuNumber"))), "")
        lines.append(SummaryLine(
            sku=sku or text(product.get("productId")),
            name=text(product.get("nameEn")) or text(product.get("name")),
            quantity=whole(item.get("quantity")),
        ))
    place = joined(customer.get("zip"), customer.get("city"))
    return OrderSummary(
        recipient=joined(customer.get("firstName"), customer.get("lastName")),
        phone=text(customer.get("phone")),
        country=text(customer.get("countryCode")).upper() or text(customer.get("country")),
        address_lines=tuple(t for t in (text(customer.get("address1")),
                                        text(customer.get("address2")), place,
                                        text(customer.get("state"))) if t),
        lines=tuple(lines),
    )


def summarise_order(target: Target, payload: str | Mapping[str, Any]) -> OrderSummary:
    """The summary of an order of ``target`` (by its spec's reader)."""
    try:
        reader = target.spec.summarise
    except ValueError:  # a target no longer registered
        return EMPTY
    return summarise_payload(reader, payload)
