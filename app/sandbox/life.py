"""The life of a sandbox order after it is created: processing, then shipped with a tracking
number, on a schedule the sandbox is told (``ship_after`` seconds after creation).

Nothing runs in the background: an order's state is worked out whenever it is read, from its
creation time and the sandbox's clock, so the same seed always gives the same ship times, carriers
and tracking numbers. Without a seed every order ships exactly ``ship_after`` seconds after it was
created; with one, each ships somewhere between half and one and a half times that.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime

KA_CARRIERS = ("YunExpress", "4PX", "YanWen", "USPS")
NOMAD_CARRIERS = ("STO", "SF", "YTO", "Goldjet")


@dataclass(frozen=True)
class Parcel:
    carrier: str
    code: str
    shipped_at: str  # ISO-8601 UTC


@dataclass(frozen=True)
class Life:
    ship_after: float | None = None  # None: orders stay in processing
    seed: int | None = None

    def _random(self, kind: str, remote_id: str) -> random.Random:
        # A string seed hashes the same in every process (unlike hash()).
        return random.Random(f"{self.seed}:{kind}:{remote_id}")

    def parcel(self, kind: str, remote_id: str, created_at: str, now: float) -> Parcel | None:
        """The parcel of an order created at ``created_at`` (ISO UTC), if it has shipped by
        ``now`` (seconds since the epoch); ``kind`` is the API ("ka", "nomad")."""
        if self.ship_after is None:
            return None
        pick = self._random(kind, remote_id)
        delay = self.ship_after if self.seed is None else self.ship_after * (0.5 + pick.random())
        created = datetime.fromisoformat(created_at.replace("Z", "+00:00")).timestamp()
        shipped = created + delay
        if now < shipped:
            return None
        if kind == "ka":
            carrier = pick.choice(KA_CARRIERS)
            code = f"YT{pick.randrange(10**15, 10**16)}"
        else:
            carrier = pick.choice(NOMAD_CARRIERS)
            code = str(pick.randrange(10**11, 10**12))
        moment = datetime.fromtimestamp(shipped, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        return Parcel(carrier, code, moment)
