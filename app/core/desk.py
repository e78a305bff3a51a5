"""The application core: where an order goes is decided here, once, for the window and the
command line alike.

`Desk` holds the settings, the secret store, the journal and (when a profile of the built-in
simulator is used) the simulator, and answers every question about a destination: which profile,
with which command-line or window overrides, at which account, with which credentials, through
which client. The window and the CLI only present its answers.

The rules (also in the README):
- An order's identity is (target, account, reference); see `app.core.accounts`.
- The simulator's conveniences (no rate limit, no settle wait, default credentials) belong to the
  simulator this app starts, and to nothing else: a sandbox profile pointed at any URL gets the
  target's documented defaults, and a missing credential for it is an error, not a fallback.
- Settings that cannot be read stop everything that sends (`SettingsError`, from `load_settings`).
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from app.core.clients import make_client
from app.core.paths import journal_path
from app.core.secrets import (
    MissingCredentials,
    SecretStore,
    open_secret_store,
    require_credentials,
    resolve_secrets,
    secret_names,
)
from app.core.settings import (
    Overrides,
    Profile,
    ProfileNotFound,
    Settings,
    apply_overrides,
    choose_profile,
    save_settings,
)
from app.core.targets import Target

if TYPE_CHECKING:
    from app.core.clients import OrderClient
    from app.core.connection_check import ConnectionReport
    from app.core.journal import Journal, OrderRecord

log = logging.getLogger(__name__)


class RunningSandbox(Protocol):
    @property
    def ka_base_url(self) -> str: ...
    def base_url_for(self, target: Target) -> str: ...
    def stop(self) -> None: ...


# Starts the built-in simulator in a directory, expecting the credentials given by secret name.
SandboxStarter = Callable[[Path, Mapping[str, str | None]], RunningSandbox]


__all__ = ["Desk", "MissingCredentials", "Overrides", "ProfileNotFound", "apply_overrides",
           "choose_profile", "open_journal"]


def legacy_accounts(settings: Settings) -> dict[tuple[str, str], str]:
    """(target, profile name) -> account, for a journal from before orders had accounts."""
    return {(p.target.value, p.name): p.account for p in settings.profiles.values()}


DATABASE_URL_ENV = "ORDER_DESK_DATABASE_URL"
DATABASE_PASSWORD_ENV = "ORDER_DESK_DATABASE_PASSWORD"
# Where the keyring keeps the team journal's password (as a profile's secrets are kept).
TEAM_JOURNAL_SECRET = ("team journal", "database_password")


def team_journal_url(settings: Settings) -> str:
    """The team journal in use: ORDER_DESK_DATABASE_URL (automation), else the settings'; empty
    for this desk's own journal file."""
    return os.environ.get(DATABASE_URL_ENV, "").strip() or settings.team_journal_url


def team_journal_password(secrets: SecretStore | None) -> str | None:
    """ORDER_DESK_DATABASE_PASSWORD, else the keyring's; None leaves it to libpq (PGPASSWORD,
    ~/.pgpass, a client certificate). Without a store given, the OS keyring's."""
    from_env = os.environ.get(DATABASE_PASSWORD_ENV)
    if from_env:
        return from_env
    try:
        return (secrets or open_secret_store()).get(*TEAM_JOURNAL_SECRET)
    except Exception as exc:  # no keyring here: libpq may still find one
        log.info("team journal password not read from the keyring: %s", exc)
        return None


def open_journal(settings: Settings, path: Path | None = None, *,
                 secrets: SecretStore | None = None) -> Journal:
    """The journal (created or migrated; JournalError says why it cannot be opened): the team
    journal when one is set (see `team_journal_url`) and no ``path`` is given, else the file."""
    # Imported here: choosing a profile (`validate`) needs no journal.
    from app.core.journal import Journal

    url = team_journal_url(settings) if path is None else ""
    if url:
        from app.core.journal.postgres import PostgresDatabase

        return Journal(database=PostgresDatabase(url, password=team_journal_password(secrets)))
    return Journal(path or journal_path(), legacy_accounts=legacy_accounts(settings))


class Desk:
    """Everything a face (window or command line) sends with. Thread-safe where it says so."""

    def __init__(
        self,
        settings: Settings,
        secrets: SecretStore | None,
        journal: Journal,
        data_dir: Path,
        *,
        sandbox_starter: SandboxStarter | None = None,
    ) -> None:
        self.settings = settings
        self.secrets = secrets
        self.journal = journal
        self.data_dir = data_dir
        self._sandbox_starter = sandbox_starter
        self._sandbox: RunningSandbox | None = None
        self._closed = False
        # profile name -> (the profile and secrets it was built with, the client)
        self._clients: dict[str, tuple[Profile, dict[str, str | None], OrderClient]] = {}
        self._retired: list[OrderClient] = []
        self._lock = threading.RLock()  # clients are asked for from worker threads too

    # -- choosing where ------------------------------------------------------------------------
    def profile(self, target: Target | None = None, name: str | None = None,
                overrides: Overrides | None = None) -> Profile:
        """The profile to send with: named, else the one in use for ``target``, with
        ``overrides`` applied. ValueError (ProfileNotFound or a bad setting) says what is wrong."""
        profile = choose_profile(self.settings, target, name)
        return apply_overrides(profile, overrides) if overrides else profile

    def profiles_for(self, target: Target, account: str) -> list[Profile]:
        """The profiles that reach ``account``, the one in use first."""
        in_use = self.settings.current.get(target)
        matching = [p for p in self.settings.profiles.values()
                    if p.target is target and p.account == account]
        return sorted(matching, key=lambda p: (p.name != in_use, p.name))

    def by_profile(self, orders: Sequence[OrderRecord], chosen: Profile | None = None
                   ) -> tuple[list[tuple[Profile, list[OrderRecord]]], list[OrderRecord]]:
        """Orders grouped by a profile that reaches their account (``chosen`` for its own
        account, else the one in use first), for asking the server about them; and the orders
        no profile reaches any more."""
        groups: dict[tuple[Target, str], list[OrderRecord]] = {}
        for order in orders:
            groups.setdefault((order.target, order.account), []).append(order)
        reached: list[tuple[Profile, list[OrderRecord]]] = []
        stranded: list[OrderRecord] = []
        for (target, account), members in groups.items():
            if chosen is not None and (chosen.target, chosen.account) == (target, account):
                reached.append((chosen, members))
                continue
            profiles = [] if chosen is not None else self.profiles_for(target, account)
            if profiles:
                reached.append((profiles[0], members))
            else:
                stranded += members
        return reached, stranded

    # -- the built-in simulator ----------------------------------------------------------------
    @property
    def sandbox(self) -> RunningSandbox | None:
        return self._sandbox

    def ensure_sandbox(self) -> RunningSandbox:
        """The simulator this app serves its embedded profiles from, started on first use."""
        with self._lock:
            if self._sandbox is None:
                if self._sandbox_starter is None:
                    raise RuntimeError("no built-in sandbox can be started here")
                presented: dict[str, str | None] = {}
                for profile in self.settings.profiles.values():
                    if profile.is_embedded:
                        for name, value in self.secrets_for(profile).items():
                            presented.setdefault(name, value)
                self._sandbox = self._sandbox_starter(self.data_dir, presented)
                log.info("built-in sandbox serving at %s", self._sandbox.ka_base_url)
            return self._sandbox

    def base_url_for(self, profile: Profile) -> str | None:
        """The profile's URL; for a profile of the built-in simulator, the simulator's."""
        if profile.is_embedded:
            sandbox = self.ensure_sandbox()
            return sandbox.base_url_for(profile.target)
        return profile.base_url

    # -- credentials ---------------------------------------------------------------------------
    def secrets_for(self, profile: Profile) -> dict[str, str | None]:
        """The environment's, else the store's; the simulator's defaults only for a profile of
        the built-in simulator, never for a URL."""
        return resolve_secrets(self.secrets, profile.name, profile.target,
                               sandbox=profile.is_embedded)

    def missing_secrets(self, profile: Profile) -> list[str]:
        secrets = self.secrets_for(profile)
        return [name for name in secret_names(profile.target) if not secrets.get(name)]

    def require_secrets(self, profile: Profile) -> dict[str, str | None]:
        """The profile's secrets; MissingCredentials saying how to supply the missing ones."""
        secrets = self.secrets_for(profile)
        require_credentials(profile.name, profile.target, secrets,
                            where=profile.base_url or "the built-in sandbox")
        return secrets

    # -- clients -------------------------------------------------------------------------------
    def new_client(self, profile: Profile) -> OrderClient:
        """A client of the caller's own (who closes it), for the profile as it is now. Raises
        ValueError naming what is missing."""
        return make_client(profile, self.require_secrets(profile),
                           base_url=self.base_url_for(profile))

    def client_for(self, profile: Profile) -> OrderClient:
        """A shared client for the profile as it is now (rebuilt when the profile or its secrets
        changed; closed by `close`). Raises ValueError naming what is missing. Thread-safe."""
        secrets = self.require_secrets(profile)
        base_url = self.base_url_for(profile)
        with self._lock:
            cached = self._clients.get(profile.name)
            if cached is not None and cached[:2] == (profile, secrets):
                return cached[2]
            client = make_client(profile, secrets, base_url=base_url)
            if cached is not None:
                # Another thread may still be using it: close it with the others at the end.
                self._retired.append(cached[2])
            self._clients[profile.name] = (profile, secrets, client)
            return client

    def test_connection(self, profile: Profile,
                        typed: Mapping[str, str] | None = None) -> ConnectionReport:
        """One harmless authenticated call with ``profile`` as it is (saved or not) and its
        secrets, those in ``typed`` (not stored yet) first. Blocks for up to the profile's
        timeout: call it off the GUI thread. Never raises for a setting or the network."""
        from app.core.connection_check import ConnectionReport, check_client, setting_problem

        secrets = self.secrets_for(profile)
        secrets.update({name: value for name, value in (typed or {}).items() if value})
        url = ""
        try:
            profile.check()
            url = self.base_url_for(profile) or ""
            client = make_client(profile, secrets, base_url=url or None)
        except ValueError as exc:
            return ConnectionReport(setting_problem(exc), url, detail=str(exc),
                                    stage=profile.stage)
        try:
            return check_client(profile.target, client, url, stage=profile.stage)
        finally:
            client.close()

    # -- settings ------------------------------------------------------------------------------
    def save_settings(self) -> None:
        save_settings(self.settings)

    def rename_profile(self, old: str, new: str) -> None:
        """Rename a profile in the settings, the journal's history labels and the secret store
        together: all of it, or (on any failure) none of it. ValueError or JournalError says
        what stopped it."""
        if new in self.settings.profiles:
            raise ValueError(f"a profile named {new!r} already exists")
        profile = self.settings.profiles[old]
        moved: list[str] = []
        try:
            if self.secrets is not None:
                for name in secret_names(profile.target):
                    if self._copy_secret(old, new, name):
                        moved.append(name)
            self.settings.rename(old, new)
            try:
                with self.journal.transaction():
                    self.journal.rename_profile(old, new)
                    self.save_settings()
            except BaseException:
                self.settings.rename(new, old)
                with contextlib.suppress(OSError):  # the file may hold the new name already
                    self.save_settings()
                raise
        except BaseException:
            if self.secrets is not None:
                for name in moved:
                    self.secrets.delete(new, name)
            raise
        if self.secrets is not None:
            for name in moved:
                try:
                    self.secrets.delete(old, name)
                except Exception as exc:  # the copy under the new name is what counts
                    log.warning("could not remove the old credential %s of %s: %s",
                                name, old, exc)

    def _copy_secret(self, old: str, new: str, name: str) -> bool:
        """Copy one stored secret to the new profile name; False when there was none."""
        assert self.secrets is not None
        value = self.secrets.get(old, name)
        if value is None:
            return False
        self.secrets.set(new, name, value)
        return True

    # -- the end -------------------------------------------------------------------------------
    def start_sandbox_unless_closed(self) -> None:
        """`ensure_sandbox` for a start behind the window (on a thread of its own): nothing once
        the desk is closed, so a window closed at once leaves no simulator running."""
        with self._lock:
            if not self._closed:
                self.ensure_sandbox()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            clients = [entry[2] for entry in self._clients.values()] + self._retired
            self._clients.clear()
            self._retired = []
            sandbox, self._sandbox = self._sandbox, None
        for client in clients:
            client.close()
        self.journal.close()
        if sandbox is not None:
            sandbox.stop()
