"""A lane: what all batches of one profile share — its client, rate limiter and concurrency cap."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from app.core.clients.base import OrderClient
from app.core.ratelimit import TokenBucket
from app.core.settings import Profile


@dataclass
class Lane:
    profile: Profile
    client: OrderClient
    bucket: TokenBucket
    slots: threading.BoundedSemaphore  # requests in flight for this profile, across batches

    @classmethod
    def open(cls, profile: Profile, client: OrderClient) -> Lane:
        return cls(
            profile,
            client,
            TokenBucket(profile.rate_limit, profile.burst),
            threading.BoundedSemaphore(profile.concurrency),
        )
