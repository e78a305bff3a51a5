"""HTTP clients for the fulfilment APIs; `make_client` builds the right one for a profile."""

from __future__ import annotations

import shlex
from collections.abc import Mapping

from app.core.clients.base import OrderClient
from app.core.clients.ka import KaClient
from app.core.clients.nomad import NomadClient
from app.core.secrets import ENV_VARS, SECRET_NAMES
from app.core.settings import Profile
from app.core.targets import Target

__all__ = ["KaClient", "NomadClient", "OrderClient", "make_client"]


def make_client(
    profile: Profile, secrets: Mapping[str, str | None], *, base_url: str | None = None
) -> OrderClient:
    """The client for a profile. `base_url` overrides the profile's (the sandbox's runtime URL).

    Raises ValueError naming what is missing (a secret, the URL, the store) and how to supply it.
    """
    url = base_url or profile.base_url
    if not url:
        raise ValueError(
            f"profile {profile.name!r} has no base URL; set one for the profile "
            "(the sandbox fills it in when it starts)"
        )
    missing = [name for name in SECRET_NAMES[profile.target] if not secrets.get(name)]
    if missing:
        how = "; ".join(
            f"{name}: `order-desk credentials set --profile {shlex.quote(profile.name)} {name}` "
            f"(system keyring) or the environment variable {ENV_VARS[name]}"
            for name in missing
        )
        raise ValueError(f"profile {profile.name!r} is missing a secret. Set {how}")
    if profile.target is Target.KA:
        return KaClient(
            url,
            secrets["ka_token"] or "",
            address_key=profile.address_key,
            timeout=profile.timeout,
        )
    if not profile.store:
        raise ValueError(f"profile {profile.name!r} has no Nomad store id; set it for the profile")
    return NomadClient(
        url,
        profile.store,
        secrets["nomad_app_key"] or "",
        secrets["nomad_app_secret"] or "",
        profile.stage,
        timeout=profile.timeout,
    )
