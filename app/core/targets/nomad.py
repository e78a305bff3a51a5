"""Nomad (Samarkand Global's Nomad Envoy behind an Alibaba Cloud API Gateway): everything the rest
of the app asks about it. Like KA's (`app.core.targets.ka`), the model, client and validation are
imported when first used."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from app.core.importing.synonyms import CONCEPTS
from app.core.models.keys import NOMAD_DELIVERY_ADDRESS, NOMAD_DELIVERY_PARTS
from app.core.targets import Credential, Environment, TargetSpec

if TYPE_CHECKING:
    from app.core.clients.nomad import NomadClient
    from app.core.models.nomad import NomadOrder
    from app.core.models.summary import OrderSummary
    from app.core.models.validation import ValidationResult
    from app.core.settings import Profile

# Nomad's order query reads its own store, but the gateway gives up on a slow backend (504 "Async
# Service") while the backend may still be writing the order: a minute covers that.
NOMAD_LOOKUP_SETTLE = 60.0


def _model() -> type[NomadOrder]:
    from app.core.models.nomad import NomadOrder

    return NomadOrder


def _validate(data: list[dict[str, Any]], strict: bool, address_key: str,
              tidied: bool) -> list[ValidationResult]:
    from app.core.models.validation import validate_nomad

    return validate_nomad(data, strict, address_key, tidied)


def _summarise(payload: Mapping[str, Any]) -> OrderSummary:
    from app.core.models.summary import summarise_nomad  # only the window and history need it

    return summarise_nomad(payload)


def _client(profile: Profile, secrets: Mapping[str, str | None], base_url: str) -> NomadClient:
    from app.core.clients.nomad import NomadClient

    if not profile.store:
        raise ValueError(f"profile {profile.name!r} has no Nomad store id; set it for the profile")
    return NomadClient(
        base_url,
        profile.store,
        secrets["nomad_app_key"] or "",
        secrets["nomad_app_secret"] or "",
        profile.stage,
        timeout=profile.timeout,
    )


SPEC = TargetSpec(
    id="nomad",
    label="Nomad",
    reference_field="clientOrderRef",
    model=_model,
    validate=_validate,
    needed_for_delivery=tuple(f"{NOMAD_DELIVERY_ADDRESS}.{keys[0]}"
                              for _, keys in NOMAD_DELIVERY_PARTS),
    client=_client,
    credentials=(
        Credential("nomad_app_key", "ORDER_DESK_NOMAD_APP_KEY", "203000000"),
        Credential("nomad_app_secret", "ORDER_DESK_NOMAD_APP_SECRET", "sandbox-app-secret"),
    ),
    # Documented host, with the /envoy prefix like the official client's; TEST uses the same.
    base_urls={
        Environment.PRODUCTION: "https://nomad.samarkand-global.cn/envoy",
        Environment.TEST: "https://nomad.samarkand-global.cn/envoy",
    },
    rate_limit=None,  # none documented
    lookup_settle=NOMAD_LOOKUP_SETTLE,
    # Alibaba's gateway binds each stage (TEST, PRE, RELEASE) of an API to a backend of its own,
    # so the same store under two stages may be two different order books (app.core.accounts).
    account_fields=("store", "stage"),
    profile_settings=("store", "stage"),
    synonyms=CONCEPTS,
    summarise=_summarise,
)
