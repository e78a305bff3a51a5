"""HTTP clients for the fulfilment APIs; `make_client` builds the right one for a profile."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING

from app.core.lazy import lazy_exports
from app.core.secrets import require_credentials

if TYPE_CHECKING:
    from app.core.clients.base import OrderClient
    from app.core.clients.ka import KaClient
    from app.core.clients.nomad import NomadClient
    from app.core.settings import Profile

# httpx imports its own command line when click and rich are installed (a development machine):
# about 0.2 s of every start that sends, for a tool this program never runs. Marking the module
# absent makes that import fail, and httpx then defines a stub in its place.
sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]

# The clients import httpx, loaded when a client is first made (each target's spec imports its
# own), not by whoever only names the protocol; the protocol itself when first named (choosing
# a profile for `validate` needs none of it).
__getattr__ = lazy_exports(__name__, {"KaClient": "ka", "NomadClient": "nomad",
                                      "OrderClient": "base"})

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
    require_credentials(profile.name, profile.target, secrets, where=url)
    return profile.target.spec.client(profile, secrets, url)
