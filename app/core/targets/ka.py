"""KA (KakaClo Open API): everything the rest of the app asks about it.

The model, client and validation are imported when first used, not here: the registry
is read by the settings, the command line's --help and the window's first paint, none of which
need pydantic or httpx.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from app.core.importing.synonyms import CONCEPTS
from app.core.models.keys import KA_ADDRESS, KA_DELIVERY_PARTS
from app.core.targets import Credential, Environment, TargetSpec

if TYPE_CHECKING:
    from app.core.clients.ka import KaClient
    from app.core.models.ka import KaOrder
    from app.core.models.summary import OrderSummary
    from app.core.models.validation import ValidationResult
    from app.core.settings import Profile

# Documented KA limit: leaky bucket of 120, draining 2 per second.
KA_RATE_LIMIT = 2.0
KA_BURST = 120
# KA documents a MySQL -> search-index lag of up to 5 minutes for product data and says to query
# 10 minutes behind; its order list very likely reads the same index, so 5 minutes.
KA_LOOKUP_SETTLE = 300.0


def _model() -> type[KaOrder]:
    from app.core.models.ka import KaOrder

    return KaOrder


def _validate(data: list[dict[str, Any]], strict: bool, address_key: str,
              tidied: bool) -> list[ValidationResult]:
    from app.core.models.validation import validate_ka

    return validate_ka(data, strict, address_key, tidied)


def _summarise(payload: Mapping[str, Any]) -> OrderSummary:
    from app.core.models.summary import summarise_ka  # only the window and history need it

    return summarise_ka(payload)


def _client(profile: Profile, secrets: Mapping[str, str | None], base_url: str) -> KaClient:
    from app.core.clients.ka import KaClient

    return KaClient(base_url, secrets["ka_token"] or "", address_key=profile.address_key,
                    timeout=profile.timeout)


SPEC = TargetSpec(
    id="ka",
    label="KA",
    reference_field="customOrderId",
    model=_model,
    validate=_validate,
    needed_for_delivery=tuple(f"{KA_ADDRESS}.{keys[0]}" for _, keys in KA_DELIVERY_PARTS),
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
    summarise=_summarise,
)
