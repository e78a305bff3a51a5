"""Everything the window works with, built once at start-up and passed in: settings, secrets,
the journal, the built-in sandbox (started only when a sandbox profile is used) and one API
client per profile. Qt-free, so tests and benchmarks can build it without a window."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from app.core.clients import OrderClient, make_client
from app.core.journal import Journal
from app.core.paths import journal_path
from app.core.secrets import SECRET_NAMES, resolve_secrets
from app.core.settings import Profile, Settings, save_settings
from app.core.targets import Target
from app.gui.secret_chain import SessionAwareSecrets

log = logging.getLogger(__name__)



class RunningSandbox(Protocol):
    @property
    def ka_base_url(self) -> str: ...
    @property
    def nomad_base_url(self) -> str: ...
    def stop(self) -> None: ...


SandboxStarter = Callable[[Path], RunningSandbox]


class AppContext:
    def __init__(
        self,
        settings: Settings,
        secrets: SessionAwareSecrets,
        journal: Journal,
        data_dir: Path,
        *,
        sandbox_starter: SandboxStarter | None = None,
    ) -> None:
        self.settings = settings
        self.secrets = secrets
        self.journal = journal
        self.data_dir = data_dir
        self._sandbox_starter = sandbox_starter or self._start_embedded_sandbox
        self._sandbox: RunningSandbox | None = None
        # profile name -> (the profile and secrets it was built with, the client)
        self._clients: dict[str, tuple[Profile, dict[str, str | None], OrderClient]] = {}
        self._retired: list[OrderClient] = []
        self._lock = threading.Lock()  # clients are asked for from worker threads too

    @classmethod
    def open(cls, settings: Settings, data_dir: Path, *,
             sandbox_starter: SandboxStarter | None = None) -> AppContext:
        return cls(settings, SessionAwareSecrets.open(), Journal(journal_path()), data_dir,
                   sandbox_starter=sandbox_starter)

    # -- sandbox -------------------------------------------------------------------------------
    @property
    def sandbox(self) -> RunningSandbox | None:
        return self._sandbox

    def ensure_sandbox(self) -> RunningSandbox:
        with self._lock:
            if self._sandbox is None:
                self._sandbox = self._sandbox_starter(self.data_dir)
                log.info("built-in sandbox serving at %s", self._sandbox.ka_base_url)
            return self._sandbox

    def _start_embedded_sandbox(self, directory: Path) -> RunningSandbox:
        """The simulator, expecting the credentials the sandbox profiles present (environment
        or keyring, else its defaults), so whatever they send is accepted as the CLI's is."""
        from app.sandbox.embedded import start_embedded_sandbox

        presented: dict[str, str | None] = {}
        for profile in self.settings.profiles.values():
            if profile.is_sandbox and not profile.base_url:
                for name, value in self.secrets_for(profile).items():
                    presented.setdefault(name, value)
        return start_embedded_sandbox(directory, presented)

    def base_url_for(self, profile: Profile) -> str | None:
        """The profile's URL; for a sandbox profile without one, the built-in simulator's."""
        if profile.is_sandbox and not profile.base_url:
            sandbox = self.ensure_sandbox()
            return sandbox.nomad_base_url if profile.target is Target.NOMAD else sandbox.ka_base_url
        return profile.base_url

    # -- profiles and clients ------------------------------------------------------------------
    def profile(self, target: Target | None = None) -> Profile:
        return self.settings.profile_in_use(target)

    def secrets_for(self, profile: Profile) -> dict[str, str | None]:
        return resolve_secrets(self.secrets, profile.name, profile.target,
                               sandbox=profile.is_sandbox)

    def missing_secrets(self, profile: Profile) -> list[str]:
        """The names of the secrets the profile needs and nobody has supplied yet."""
        secrets = self.secrets_for(profile)
        return [name for name in SECRET_NAMES[profile.target] if not secrets.get(name)]

    def client_for(self, profile: Profile) -> OrderClient:
        """A client for the profile as it is now (rebuilt when the profile or its secrets
        changed). Raises ValueError naming what is missing. Thread-safe."""
        secrets = self.secrets_for(profile)
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

    def save_settings(self) -> None:
        save_settings(self.settings)

    def close(self) -> None:
        with self._lock:
            clients = [entry[2] for entry in self._clients.values()] + self._retired
            self._clients.clear()
            self._retired = []
            sandbox, self._sandbox = self._sandbox, None
        for client in clients:
            client.close()
        self.journal.close()
        if sandbox is not None:
            sandbox.stop()
