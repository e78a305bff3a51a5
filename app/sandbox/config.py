"""How a sandbox instance behaves: where it listens, the credentials it expects, its faults."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from app.core.secrets import SANDBOX_SECRETS

FAULT_FIELDS = ("latency", "error_rate", "malformed_rate", "drop_after_commit_rate")


@dataclass
class SandboxConfig:
    host: str = "127.0.0.1"
    port: int = 0  # 0 = any free port
    ka_token: str = SANDBOX_SECRETS["ka_token"]
    nomad_app_key: str = SANDBOX_SECRETS["nomad_app_key"]
    nomad_app_secret: str = SANDBOX_SECRETS["nomad_app_secret"]
    db_path: Path | None = None  # None = in memory; a file keeps orders across restarts
    latency: float = 0.0  # seconds from a request's arrival to its answer, its work included
    error_rate: float = 0.0  # share answered 503 before processing (nothing stored)
    malformed_rate: float = 0.0  # share answered 200 with an HTML body before processing
    drop_after_commit_rate: float = 0.0  # share of creates (and cancels) stored, then no answer
    # Seconds before a created order shows in the order queries (a search index that lags, as
    # KA documents for its product data); creating and duplicate checks see it at once.
    listing_lag: float = 0.0
    ka_rate_limit: float | None = 2.0  # leaky bucket drain per second; None disables the limit
    ka_burst: int = 120
    seed: int | None = None  # makes fault decisions (and the orders' life) reproducible
    # Seconds after creation an order ships (with a tracking number); None: it never ships.
    ship_after: float | None = None
    # The real APIs do not document whether a reference is unique. The sandbox rejects a second
    # create by default; allowing duplicates lets tests count what a client really created.
    allow_duplicate_references: bool = False
    # Generous, so long training sessions and benchmarks do not run dry; the real figure is the
    # account's own.
    ka_opening_balance: Decimal = field(default_factory=lambda: Decimal("100000.00"))

    def check(self) -> None:
        """Raise ValueError naming the setting that is out of range."""
        for name in ("error_rate", "malformed_rate", "drop_after_commit_rate"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name}: must be between 0 and 1, not {value}")
        if self.listing_lag < 0:
            raise ValueError(f"listing_lag: must not be negative, not {self.listing_lag}")
        if self.ship_after is not None and self.ship_after < 0:
            raise ValueError(f"ship_after: must not be negative, not {self.ship_after}")
        if self.latency < 0:
            raise ValueError(f"latency: must not be negative, not {self.latency}")
        if self.ka_rate_limit is not None and self.ka_rate_limit <= 0:
            raise ValueError("ka_rate_limit: must be positive (or None to disable)")
        if self.ka_burst < 1:
            raise ValueError("ka_burst: must be at least 1")
