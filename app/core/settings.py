"""Profiles: where and how to send (target, environment, URL, store, stage, limits). Never secrets.

Stored as JSON in the data directory, written atomically. A file that cannot be read in full
stops sending (`SettingsError`): a copy of it is kept beside it, and nothing overwrites it until
the operator chooses to (repairs it, or moves it away and starts again).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
import time
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from app.core.accounts import account_key, normalise_base_url
from app.core.models.keys import KA_ADDRESS_KEYS
from app.core.paths import settings_path
from app.core.ratelimit import parse_rate_limit
from app.core.targets import Environment, Target

log = logging.getLogger(__name__)

NOMAD_STAGES = ("TEST", "PRE", "RELEASE")
MAX_LOOKUP_SETTLE = 24 * 3600.0


def default_lookup_settle(target: Target, *, embedded: bool) -> float:
    """The simulator the app starts lists an order the moment it is stored: no wait. Any other
    server gets the API's documented lag (the target's spec)."""
    if embedded:
        return 0.0
    return target.spec.lookup_settle


def default_rate_limit(target: Target, *, embedded: bool) -> tuple[float | None, int]:
    """(requests per second, burst): none for the simulator the app starts, the documented limit
    for any other server (the target's spec: KA 2/s with a burst of 120; Nomad documents none)."""
    spec = None if embedded else target.spec
    if spec is None or spec.rate_limit is None:
        return None, 1
    return spec.rate_limit, spec.burst


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
    # field default is the most cautious one (KA's), for profiles built without it.
    lookup_settle_seconds: float = 300.0

    @property
    def is_sandbox(self) -> bool:
        return self.environment is Environment.SANDBOX

    @property
    def is_embedded(self) -> bool:
        """Served by the simulator this app starts itself: a sandbox profile with no URL. Only
        then do the simulator's conveniences apply (no rate limit, no settle wait, its default
        credentials); any URL, even a sandbox's, is treated as a real server."""
        return self.is_sandbox and not self.base_url

    @property
    def account(self) -> str:
        """The account its orders go to: the journal's exactly-once key (app.core.accounts)."""
        return account_key(self.target, None if self.is_embedded else self.base_url,
                           store=self.store, stage=self.stage)

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
        embedded = values["environment"] is Environment.SANDBOX and not values.get("base_url")
        values.setdefault(
            "lookup_settle_seconds", default_lookup_settle(values["target"], embedded=embedded)
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
        if self.base_url:
            normalise_base_url(self.base_url)  # names the URL when it is not one


def default_profile(
    name: str, target: Target, environment: Environment, base_url: str | None = None
) -> Profile:
    """A profile with the documented defaults for its target, environment and URL. A sandbox
    profile without a URL is served by the built-in simulator, and only it gets the simulator's
    conveniences (see `Profile.is_embedded`)."""
    if environment is not Environment.SANDBOX:
        base_url = base_url or target.spec.base_urls.get(environment)
    embedded = environment is Environment.SANDBOX and not base_url
    rate, burst = default_rate_limit(target, embedded=embedded)
    return Profile(
        name,
        target,
        environment,
        base_url=base_url,
        store="sandbox.store" if environment is Environment.SANDBOX else "",
        stage="RELEASE" if environment is Environment.PRODUCTION else "TEST",
        rate_limit=rate,
        burst=burst,
        lookup_settle_seconds=default_lookup_settle(target, embedded=embedded),
    )


def pointed_at(profile: Profile, base_url: str) -> Profile:
    """``profile`` sending to ``base_url`` instead. A profile of the built-in simulator leaves its
    conveniences behind: the server at the URL gets the documented rate limit and settle time
    (options given explicitly are applied after this)."""
    moved = replace(profile, base_url=base_url)
    if not profile.is_embedded:
        return moved
    rate, burst = default_rate_limit(profile.target, embedded=False)
    return replace(moved, rate_limit=rate, burst=burst,
                   lookup_settle_seconds=default_lookup_settle(profile.target, embedded=False))


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
    # Show a summary to confirm before each send from the window; production profiles always do.
    review_before_sending: bool = False
    # A team journal (PostgreSQL URL, never with its password) instead of this desk's own file.
    team_journal_url: str = ""

    def __post_init__(self) -> None:
        for builtin in SANDBOX_PROFILES:
            self.profiles.setdefault(builtin.name, builtin)
        for target, name in list(self.current.items()):
            if name not in self.profiles or self.profiles[name].target is not target:
                del self.current[target]
        for builtin in SANDBOX_PROFILES:  # a target with a built-in profile always has one in use
            self.current.setdefault(builtin.target, builtin.name)

    def needs_review(self, profile: Profile) -> bool:
        """Whether the window asks the operator to confirm a summary before sending."""
        return profile.environment is Environment.PRODUCTION or self.review_before_sending

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

    def rename(self, old: str, new: str) -> Profile:
        """Give profile ``old`` the name ``new``, keeping its place and whether it is in use."""
        if any(p.name == old for p in SANDBOX_PROFILES):
            raise ValueError(f"{old!r} is built in and cannot be renamed")
        if new in self.profiles:
            raise ValueError(f"a profile named {new!r} already exists")
        renamed = replace(self.profiles[old], name=new)
        renamed.check()
        self.profiles = {new if name == old else name: renamed if name == old else profile
                         for name, profile in self.profiles.items()}
        self.current = {t: new if n == old else n for t, n in self.current.items()}
        return renamed

    def updated(self, profile: Profile, **changes: Any) -> Profile:
        new = replace(profile, **changes)
        self.add(new)
        return new


class SettingsError(RuntimeError):
    """The settings file exists but cannot be used as it is. Nothing may be sent: the profiles
    it holds (and which one is in use) are unknown. ``kept_copy`` is a copy of the file as it
    was found, beside it, so nothing the operator had is lost whatever happens next."""

    def __init__(self, path: Path, reason: str, kept_copy: Path | None) -> None:
        self.path = path
        self.reason = reason
        self.kept_copy = kept_copy
        kept = f"; a copy is kept as {kept_copy}" if kept_copy else ""
        super().__init__(
            f"the settings file {path} cannot be read ({reason}){kept}. Nothing is sent until it "
            "is repaired or replaced: fix it by hand, or move it away to start again from the "
            "built-in sandbox profiles."
        )


def load_settings(path: Path | None = None) -> Settings:
    """The settings at ``path``; the built-in defaults when there is no file yet. Raises
    SettingsError for a file that exists but is damaged in any part (a half-written file, a
    profile that does not check, a profile in use that is missing): falling back to defaults
    would send orders somewhere the operator did not choose."""
    path = path or settings_path()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Settings()
    except OSError as exc:
        raise SettingsError(path, exc.strerror or str(exc), None) from exc
    try:
        return _parse_settings(data)
    except (UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        reason = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
        raise SettingsError(path, str(reason), _keep_damaged_copy(path, data)) from exc


def _parse_settings(data: bytes) -> Settings:
    try:
        raw = json.loads(data.decode("utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}; "
                         "the file may have been cut short") from None
    except UnicodeDecodeError:
        raise ValueError("not UTF-8 text") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("profiles", []), list):
        raise ValueError("not an Order Desk settings file")
    profiles: dict[str, Profile] = {}
    for position, entry in enumerate(raw.get("profiles", []), 1):
        if not isinstance(entry, dict):
            raise ValueError(f"profile {position} is not an object")
        try:
            profile = Profile.from_json(entry)
        except KeyError as exc:
            raise ValueError(f"profile {position}: {exc.args[0]} is missing") from exc
        except (TypeError, ValueError) as exc:
            raise ValueError(f"profile {position} ({entry.get('name', '?')}): {exc}") from exc
        profiles[profile.name] = profile
    current: dict[Target, str] = {}
    for key, name in (raw.get("current") or {}).items():
        target = Target(key)  # ValueError for an unknown target
        if name not in profiles and all(p.name != name for p in SANDBOX_PROFILES):
            raise ValueError(f"the profile in use for {target.label}, {name!r}, is missing")
        current[target] = name
    target_value = raw.get("current_target", Target.KA.value)
    review = raw.get("review_before_sending") is True  # anything else: the default
    team_url = raw.get("team_journal_url") or ""
    if not isinstance(team_url, str):
        raise ValueError("team_journal_url is not text")
    check_team_journal_url(team_url, kept=True)
    return Settings(profiles, current, Target(target_value), review, team_url)


def check_team_journal_url(url: str, *, kept: bool = False) -> None:
    """ValueError naming what is wrong with a team journal URL to keep in the settings. Without
    libpq (PostgreSQL's client library) a password in it cannot be looked for: such a URL is
    refused, but one already ``kept`` passes (the settings stay usable; opening the team journal
    says what is missing)."""
    if not url:
        return
    from app.core.journal.database import JournalUnreachable, is_team_journal_url

    if not is_team_journal_url(url):
        raise ValueError("team_journal_url must start with postgresql:// (got "
                         f"{url.split('://')[0][:20]!r})")
    try:
        from app.core.journal.postgres import url_has_password
    except JournalUnreachable as exc:
        if kept:
            return
        raise ValueError(str(exc)) from exc
    if url_has_password(url):
        raise ValueError("team_journal_url holds a password: the password belongs in the keyring "
                         "(or ORDER_DESK_DATABASE_PASSWORD), never in the settings")


def set_aside_damaged(path: Path, kept_copy: Path | None) -> None:
    """The operator's choice to start again: the damaged file goes (its copy stays), so the next
    load starts from the built-in profiles. Refused when no copy could be kept."""
    if kept_copy is None or not kept_copy.is_file():
        raise SettingsError(path, "no copy of it could be kept, so it is left in place", None)
    path.unlink(missing_ok=True)


def _keep_damaged_copy(path: Path, data: bytes) -> Path | None:
    """A copy of the damaged file beside it (one per distinct content), for the operator."""
    for existing in sorted(path.parent.glob(f"{path.name}.damaged-*")):
        try:
            if existing.read_bytes() == data:
                return existing
        except OSError:
            continue
    copy = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
    try:
        _write_atomically(copy, data)
    except OSError as exc:
        log.error("could not keep a copy of the damaged settings file %s: %s", path, exc)
        return None
    return copy


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write atomically (temp file + rename) so a crash never leaves half a settings file."""
    path = path or settings_path()
    data = {
        "profiles": [p.to_json() for p in settings.profiles.values()],
        "current": {t.value: n for t, n in settings.current.items()},
        "current_target": settings.current_target.value,
        "review_before_sending": settings.review_before_sending,
        "team_journal_url": settings.team_journal_url,
    }
    _write_atomically(path, json.dumps(data, indent=2).encode("utf-8"))


def _write_atomically(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


# -- which profile, with which changes for one run (`app.core.desk` decides the rest) -------


class ProfileNotFound(ValueError):
    """No profile of that name (or not for that target)."""


@dataclass(frozen=True)
class Overrides:
    """What a command line (or a one-off choice in the window) changes for one run. ``None``
    leaves the profile's own setting."""

    base_url: str | None = None
    store: str | None = None
    stage: str | None = None
    concurrency: int | None = None
    rate_limit: str | None = None  # "R" or "R/BURST" requests per second
    no_rate_limit: bool = False
    lookup_settle: float | None = None


def apply_overrides(profile: Profile, overrides: Overrides) -> Profile:
    """``profile`` with ``overrides`` applied; ValueError naming the setting that is wrong.

    A URL takes the profile away from the built-in simulator, and with it the simulator's engine
    settings (see `pointed_at`); explicit engine options are applied after that."""
    if overrides.base_url:
        profile = pointed_at(profile, overrides.base_url)
    changes: dict[str, object] = {}
    if overrides.store:
        changes["store"] = overrides.store
    if overrides.stage:
        changes["stage"] = overrides.stage.upper()  # as profiles store it
    if overrides.concurrency is not None:
        changes["concurrency"] = overrides.concurrency
    if overrides.lookup_settle is not None:
        changes["lookup_settle_seconds"] = overrides.lookup_settle
    if overrides.no_rate_limit:
        changes["rate_limit"] = None
    elif overrides.rate_limit:
        changes["rate_limit"], changes["burst"] = parse_rate_limit(overrides.rate_limit)
    updated = replace(profile, **changes)  # type: ignore[arg-type]
    updated.check()
    return updated


def choose_profile(settings: Settings, target: Target | None = None,
                   name: str | None = None) -> Profile:
    """The profile called ``name``, else the one in use for ``target`` (else the last target)."""
    if not name:
        wanted = target or settings.current_target
        if wanted not in settings.current:  # a target with no built-in profile, none chosen
            raise ProfileNotFound(f"no profile in use for {wanted.label}: name one, or add one "
                                  f"with `order-desk profile add NAME --target {wanted.value}`")
        return settings.profile_in_use(target)
    profile = settings.profiles.get(name)
    if profile is None:
        known = ", ".join(sorted(settings.profiles))
        raise ProfileNotFound(f"no profile named {name!r} (known: {known})")
    if target is not None and profile.target is not target:
        raise ProfileNotFound(
            f"profile {profile.name!r} is for {profile.target.label}, not {target.label}"
        )
    return profile
