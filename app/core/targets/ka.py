"""KA (KakaClo Open API): everything the rest of the app asks about it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from app.core.clients.ka import KaClient
from app.core.importing.synonyms import CONCEPTS
from app.core.models.ka import DELIVERY_PARTS, KaOrder
from app.core.models.summary import summarise_ka
from app.core.models.validation import KA_ADDRESS, validate_ka
from app.core.targets import Credential, Environment, TargetSpec

if TYPE_CHECKING:
    from app.core.settings import Profile

# Documented KA limit: leaky bucket of 120, draining 2 per second.
KA_RATE_LIMIT = 2.0
KA_BURST = 120
# KA documents a MySQL -> search-index lag of up to 5 minutes for product data and says to query
# 10 minutes behind; its order list very likely reads the same index, so 5 minutes.
KA_LOOKUP_SETTLE = 300.0


def _client(profile: Profile, secrets: Mapping[str, str | None], base_url: str) -> KaClient:
    return KaClient(base_url, secrets["ka_token"] or "", address_key=profile.address_key,
                    timeout=profile.timeout)


SPEC = TargetSpec(
    id="ka",
    label="KA",
    reference_field="customOrderId",
    model=KaOrder,
    validate=validate_ka,
    needed_for_delivery=tuple(f"{KA_ADDRESS}.{keys[0]}" for _, keys in DELIVERY_PARTS),
    client=_client,
    credentials=(Credential("ka_token", "ORDER_DESK_KA_TOKEN", "sandbox-ka-token"),),
    # Documented production host (see the API notes); TEST uses the same shapes.
    base_urls={
        Environment.PRODUCTION: "https://developer.kakaclo.com",
        Environment.TEST: "https://test-developer.kakaclo.com",
    },
    rate_limit=KA_RATE_LIMIT,
    burst=KA_BURST,
    lookup_settle=KA_LOOKUP_SETTLE,
    account_fields=(),  # the base URL alone
    profile_settings=("address_key",),
    synonyms=CONCEPTS,
    summarise=summarise_ka,
)
