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

    @property
    def is_sandbox(self) -> bool:
        return self.environment is Environment.SANDBOX

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
        if not self.is_sandbox and not self.base_url:
            raise ValueError("base URL: required outside the sandbox")


def default_profile(name: str, target: Target, environment: Environment) -> Profile:
    """A profile with the documented defaults for its target and environment."""
    if environment is Environment.SANDBOX:
        return Profile(name, target, environment, store="sandbox.store", stage="TEST")
    rate, burst = (KA_RATE_LIMIT, KA_BURST) if target is Target.KA else (None, 1)
    return Profile(
        name,
        target,
        environment,
        base_url=DEFAULT_BASE_URL.get((target, environment)),
        stage="RELEASE" if environment is Environment.PRODUCTION else "TEST",
        rate_limit=rate,
        burst=burst,
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
