"""Wire keys and delivery rules that settings, target specs and clients name without needing the
models themselves (importing them builds pydantic classes)."""

from __future__ import annotations

# KA's request table says orderAddress, its example says orderAddresses (API notes, 1.7).
KA_ADDRESS = "orderAddress"
KA_ADDRESSES = "orderAddresses"
KA_ADDRESS_KEYS = ("both", KA_ADDRESS, KA_ADDRESSES)

# What a parcel needs beyond what each API requires: the address parts (wire keys; any one of a
# part's keys will do, the first is where a gap is shown). Checked for operator input only.
KA_DELIVERY_PARTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("address line", ("street1", "street2")),
    ("city", ("city",)),
)
NOMAD_DELIVERY_ADDRESS = "customer"
NOMAD_DELIVERY_PARTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("recipient name", ("firstName", "lastName")),
    ("address line", ("address1", "address2")),
    ("city", ("city",)),
    ("country", ("country", "countryCode")),
)
