"""Credentials live only in the OS keyring (or, for automation, the process environment).

`SecretStore` is the small interface the rest of the app uses. Nothing here ever writes a secret to
a file: when no keyring backend works, `KeyringUnavailable` says why, and the caller decides
(the window offers to keep the secret for this session only, in a `MemorySecretStore`).
"""

from __future__ import annotations

import logging
import os
import shlex
from collections.abc import Mapping
from enum import StrEnum
from typing import Any, Protocol

from app.core.targets import Credential, Target, registered_targets

log = logging.getLogger(__name__)

SERVICE = "order-desk"


def credentials_of(target: Target) -> tuple[Credential, ...]:
    """The secrets `target`'s client needs (its spec's credentials)."""
    return target.spec.credentials


def secret_names(target: Target) -> tuple[str, ...]:
    return tuple(credential.name for credential in credentials_of(target))


def env_var(name: str) -> str:
    """The environment variable that may supply the secret called ``name``."""
    return _credentials()[name].env_var


def _credentials() -> dict[str, Credential]:
    return {c.name: c for target in registered_targets() for c in credentials_of(target)}


def __getattr__(name: str) -> Any:
    """ENV_VARS (secret name -> variable) and SANDBOX_SECRETS (secret name -> what the built-in
    sandbox expects, documented in the README): tables of the registered targets' credentials,
    made when asked for."""
    if name == "ENV_VARS":
        return {c.name: c.env_var for c in _credentials().values()}
    if name == "SANDBOX_SECRETS":
        return {c.name: c.sandbox_default for c in _credentials().values()
                if c.sandbox_default is not None}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class KeyringUnavailable(RuntimeError):
    """No usable keyring backend (headless Linux, locked or missing Secret Service)."""


class SecretStore(Protocol):
    def get(self, profile: str, name: str) -> str | None: ...
    def set(self, profile: str, name: str, value: str) -> None: ...
    def delete(self, profile: str, name: str) -> None: ...


class MemorySecretStore:
    """Secrets for this session only (tests, or an operator who has no keyring)."""

    def __init__(self) -> None:
        self._values: dict[tuple[str, str], str] = {}

    def get(self, profile: str, name: str) -> str | None:
        return self._values.get((profile, name))

    def set(self, profile: str, name: str, value: str) -> None:
        self._values[(profile, name)] = value

    def delete(self, profile: str, name: str) -> None:
        self._values.pop((profile, name), None)


class KeyringSecretStore:
    """The OS keyring via `keyring` (Secret Service, Keychain, Credential Locker)."""

    def __init__(self) -> None:
        import keyring
        import keyring.backends.fail
        import keyring.errors

        self._keyring = keyring
        self._errors = keyring.errors
        backend = keyring.get_keyring()
        if isinstance(backend, keyring.backends.fail.Keyring) or "fail" in type(backend).__module__:
            raise KeyringUnavailable(
                "No system keyring is available (no Secret Service, Keychain or Credential Locker "
                "was found)."
            )
        # The backend's own name ("SecretService Keyring", "macOS Keyring"): where a secret is
        # kept, as the profiles dialog names it.
        self.backend_name = str(getattr(backend, "name", "") or type(backend).__name__)

    def _call(self, action: str, func, *args):  # type: ignore[no-untyped-def]
        try:
            return func(*args)
        except self._errors.KeyringLocked as exc:
            raise KeyringUnavailable(f"The system keyring is locked ({action}).") from exc
        except self._errors.KeyringError as exc:
            raise KeyringUnavailable(f"The system keyring refused to {action}: {exc}") from exc

    def get(self, profile: str, name: str) -> str | None:
        value = self._call(
            "read a secret", self._keyring.get_password, SERVICE, f"{profile}:{name}"
        )
        return value if value is None else str(value)

    def set(self, profile: str, name: str, value: str) -> None:
        self._call(
            "store a secret", self._keyring.set_password, SERVICE, f"{profile}:{name}", value
        )

    def delete(self, profile: str, name: str) -> None:
        try:
            self._call(
                "delete a secret", self._keyring.delete_password, SERVICE, f"{profile}:{name}"
            )
        except KeyringUnavailable as exc:
            if isinstance(exc.__cause__, self._errors.PasswordDeleteError):
                return  # already absent
            raise


class MissingCredentials(ValueError):
    """A profile has no value for a credential its API needs."""


def require_credentials(profile: str, target: Target, secrets: Mapping[str, str | None], *,
                        where: str) -> None:
    """Raise MissingCredentials naming each missing credential of profile ``profile`` (sending
    to ``where``) and the two ways to supply it."""
    missing = [c for c in credentials_of(target) if not secrets.get(c.name)]
    if not missing:
        return
    how = "; ".join(
        f"{c.name}: `order-desk credentials set --profile {shlex.quote(profile)} {c.name}` "
        f"(system keyring) or the environment variable {c.env_var}"
        for c in missing
    )
    raise MissingCredentials(f"profile {profile!r} has no credential for {where}. Set {how}")


def open_secret_store() -> SecretStore:
    """The OS keyring; raises KeyringUnavailable with a plain reason when there is none."""
    return KeyringSecretStore()


def resolve_secrets(
    store: SecretStore | None, profile: str, target: Target, *, sandbox: bool
) -> dict[str, str | None]:
    """The secrets a profile needs: environment variables first (automation), then the store,
    then, for sandbox profiles only, the sandbox's documented defaults."""
    result: dict[str, str | None] = {}
    for credential in credentials_of(target):
        name = credential.name
        value = os.environ.get(credential.env_var) or None
        if value is None and store is not None:
            try:
                value = store.get(profile, name)
            except KeyringUnavailable as exc:
                log.warning("keyring unavailable while reading %s: %s", name, exc)
        if value is None and sandbox:
            value = credential.sandbox_default
        result[name] = value
    return result


class SecretSource(StrEnum):
    """Where a profile's secret comes from (never its value)."""

    ENVIRONMENT = "environment"  # the credential's environment variable (wins over the store)
    STORED = "stored"  # the secret store (the keyring, or the window's session memory)
    SANDBOX_DEFAULT = "sandbox_default"  # the built-in simulator's documented default
    MISSING = "missing"


def secret_source(store: SecretStore | None, profile: str, target: Target, name: str, *,
                  sandbox: bool) -> SecretSource:
    """Where `resolve_secrets` would take secret ``name`` of ``profile`` from."""
    credential = next((c for c in credentials_of(target) if c.name == name), None)
    if credential is None:
        return SecretSource.MISSING
    if os.environ.get(credential.env_var):
        return SecretSource.ENVIRONMENT
    if store is not None:
        try:
            if store.get(profile, name) is not None:
                return SecretSource.STORED
        except KeyringUnavailable:
            pass
    if sandbox and credential.sandbox_default:
        return SecretSource.SANDBOX_DEFAULT
    return SecretSource.MISSING


def redact(text: str, secrets: list[str | None] | tuple[str | None, ...]) -> str:
    """Replace every occurrence of a secret value (4+ characters) with a fixed marker."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, "***")
    return text
