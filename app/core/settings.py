"""Profiles: where and how to send (target, environment, URL, store, stage, limits). Never secrets.

Stored as JSON in the data directory. A damaged or hand-edited file never stops the app: bad
entries are skipped with a logged reason and the built-in Sandbox profiles are always available.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from app.core.paths import settings_path
from app.core.targets import Environment, Target

log = logging.getLogger(__name__)

NOMAD_STAGES = ("TEST", "PRE", "RELEASE")
KA_ADDRESS_KEYS = ("both", "orderAddress", "orderAddresses")

# Documented production hosts (see the API notes); TEST environments use the same shapes.
DEFAULT_BASE_URL = {
    (Target.KA, Environment.PRODUCTION): "https://developer.kakaclo.com",
    (Target.KA, Environment.TEST): "https://test-developer.kakaclo.com",
    (Target.NOMAD, Environment.PRODUCTION): "https://nomad.samarkand-global.cn/envoy",
    (Target.NOMAD, Environment.TEST): "https://nomad.samarkand-global.cn/envoy",
}

# Documented KA limit: leaky bucket of 120, draining 2 per second.
KA_RATE_LIMIT = 2.0
KA_BURST = 120

# How long after an uncertain send an API's order query can be trusted to list the order, i.e.
# how long "not found" may still mean "not indexed yet" (see `Profile.lookup_settle_seconds`).
# KA documents a MySQL -> search-index lag of up to 5 minutes for product data and says to query
# 10 minutes behind; its order list very likely reads the same index, so 5 minutes.
KA_LOOKUP_SETTLE = 300.0
# Nomad's order query reads its own store, but the gateway gives up on a slow backend (504 "Async
# Service") while the backend may still be writing the order: a minute covers that.
NOMAD_LOOKUP_SETTLE = 60.0
MAX_LOOKUP_SETTLE = 24 * 3600.0


def default_lookup_settle(target: Target, environment: Environment) -> float:
    """The built-in sandbox lists an order the moment it is stored: no wait."""
    if environment is Environment.SANDBOX:
        return 0.0
    return KA_LOOKUP_SETTLE if target is Target.KA else NOMAD_LOOKUP_SETTLE


@dataclass(frozen=True)
class Profile:
    """Everything needed to reach one account, except its secrets.

    ``base_url`` is None for a sandbox profile: the app serves the built-in simulator on a free
    loopback port and fills the URL in at start-up. For KA the URL is scheme://host[:port]; for
    Nomad it includes the ``/envoy`` prefix, like the official client's host.
    """

    name: str
    target: Target
    environment: Environment
    base_url: str | None = None
    store: str = ""  # Nomad store id, e.g. samarkand.youzan.foreveryoung
    stage: str = "RELEASE"  # Nomad gateway stage: TEST, PRE or RELEASE
    address_key: str = "both"  # KA: orderAddress, orderAddresses or both (the docs disagree)
    concurrency: int = 4
    rate_limit: float | None = None  # requests per second; None = no client-side limit
    burst: int = 1
    timeout: float = 30.0
    # "Not found" by the order query is believed (and the order sent again) only this many seconds
    # after the last request that may have created it. Defaults: `default_lookup_settle`; the
    # field default is the most cautious one, for profiles built without it.
    lookup_settle_seconds: float = KA_LOOKUP_SETTLE

    @property
    def is_sandbox(self) -> bool:
        return self.environment is Environment.SANDBOX

    @property
    def destination(self) -> tuple[object, ...]:
        """Where its orders go: when any of this changes, it may be another account, whose
        references the journal's (keyed on the profile) say nothing about."""
        return (self.environment, self.base_url, self.store, self.stage)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["target"] = self.target.value
        data["environment"] = self.environment.value
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Profile:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["target"] = Target(values["target"])
        values["environment"] = Environment(values["environment"])
        # Files written before the setting existed get the default for their API.
        values.setdefault(
            "lookup_settle_seconds",
            default_lookup_settle(values["target"], values["environment"]),
        )
        profile = cls(**values)
        profile.check()
        return profile

    def check(self) -> None:
        """Raise ValueError naming the setting that is wrong."""
        if not self.name.strip():
            raise ValueError("profile name: must not be empty")
        if self.target is Target.NOMAD and self.stage not in NOMAD_STAGES:
            raise ValueError(f"stage: must be one of {', '.join(NOMAD_STAGES)}, not {self.stage!r}")
        if self.address_key not in KA_ADDRESS_KEYS:
            raise ValueError(f"address key: must be one of {', '.join(KA_ADDRESS_KEYS)}")
        if not 1 <= int(self.concurrency) <= 64:
            raise ValueError("concurrency: must be between 1 and 64")
        if self.rate_limit is not None and self.rate_limit <= 0:
            raise ValueError("rate limit: must be positive (or none)")
        if int(self.burst) < 1:
            raise ValueError("burst: must be at least 1")
        if not 0 <= float(self.lookup_settle_seconds) <= MAX_LOOKUP_SETTLE:
            raise ValueError(
                f"lookup settle time: must be between 0 and {MAX_LOOKUP_SETTLE:.0f} seconds"
            )
        if not self.is_sandbox and not self.base_url:
            raise ValueError("base URL: required outside the sandbox")


def default_profile(name: str, target: Target, environment: Environment) -> Profile:
    """A profile with the documented defaults for its target and environment."""
    settle = default_lookup_settle(target, environment)
    if environment is Environment.SANDBOX:
        return Profile(name, target, environment, store="sandbox.store", stage="TEST",
                       lookup_settle_seconds=settle)
    rate, burst = (KA_RATE_LIMIT, KA_BURST) if target is Target.KA else (None, 1)
    return Profile(
        name,
        target,
        environment,
        base_url=DEFAULT_BASE_URL.get((target, environment)),
        stage="RELEASE" if environment is Environment.PRODUCTION else "TEST",
        rate_limit=rate,
        burst=burst,
        lookup_settle_seconds=settle,
    )


SANDBOX_PROFILES = (
    default_profile("Sandbox KA", Target.KA, Environment.SANDBOX),
    default_profile("Sandbox Nomad", Target.NOMAD, Environment.SANDBOX),
)


@dataclass
class Settings:
    """All profiles plus which one is in use for each target, and the last target used."""

    profiles: dict[str, Profile] = field(default_factory=dict)
    current: dict[Target, str] = field(default_factory=dict)
    current_target: Target = Target.KA

    def __post_init__(self) -> None:
        for builtin in SANDBOX_PROFILES:
            self.profiles.setdefault(builtin.name, builtin)
        for target in Target:
            name = self.current.get(target)
            if name not in self.profiles or self.profiles[name].target is not target:
                self.current[target] = next(
                    p.name for p in SANDBOX_PROFILES if p.target is target
                )

    def profile_in_use(self, target: Target | None = None) -> Profile:
        return self.profiles[self.current[target or self.current_target]]

    def use(self, name: str) -> Profile:
        profile = self.profiles[name]
        self.current[profile.target] = name
        self.current_target = profile.target
        return profile

    def add(self, profile: Profile) -> None:
        profile.check()
        self.profiles[profile.name] = profile

    def remove(self, name: str) -> None:
        if any(p.name == name for p in SANDBOX_PROFILES):
            raise ValueError(f"{name!r} is built in and cannot be removed")
        del self.profiles[name]
        self.__post_init__()

    def updated(self, profile: Profile, **changes: Any) -> Profile:
        new = replace(profile, **changes)
        self.add(new)
        return new


def load_settings(path: Path | None = None) -> Settings:
    path = path or settings_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError) as exc:
        log.warning("settings file %s unreadable (%s); using defaults", path, exc)
        return Settings()
    profiles: dict[str, Profile] = {}
    for entry in raw.get("profiles", []) if isinstance(raw, dict) else []:
        try:
            profile = Profile.from_json(entry)
        except (KeyError, TypeError, ValueError) as exc:
            log.warning("skipping a bad profile in %s: %s", path, exc)
            continue
        profiles[profile.name] = profile
    current: dict[Target, str] = {}
    for key, name in (raw.get("current") or {}).items():
        if key in Target._value2member_map_ and isinstance(name, str):
            current[Target(key)] = name
    target_value = raw.get("current_target")
    target = Target(target_value) if target_value in Target._value2member_map_ else Target.KA
    return Settings(profiles, current, target)


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write atomically (temp file + rename) so a crash never leaves half a settings file."""
    path = path or settings_path()
    data = {
        "profiles": [p.to_json() for p in settings.profiles.values()],
        "current": {t.value: n for t, n in settings.current.items()},
        "current_target": settings.current_target.value,
    }
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".settings-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=2)
    os.replace(tmp, path)
