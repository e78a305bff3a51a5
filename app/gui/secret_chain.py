"""The secret stores the window reads, in order: the OS keyring (when there is one), then the
secrets the operator chose to keep for this session only. Nothing is ever written to a file."""

from __future__ import annotations

import logging
import threading

from app import crash
from app.core.secrets import (
    KeyringUnavailable,
    MemorySecretStore,
    SecretStore,
    open_secret_store,
)

log = logging.getLogger(__name__)


class SessionAwareSecrets:
    """A `SecretStore` over the keyring plus a session-only memory store.

    `keyring_error` is the plain reason when no keyring works; writes then go to the session
    store only if the operator said so (`set(..., session_only=True)`).
    """

    def __init__(self, keyring_store: SecretStore | None = None, keyring_error: str = "", *,
                 find_keyring: bool = False) -> None:
        self._keyring = keyring_store
        self._keyring_error = keyring_error
        self._find_keyring = find_keyring
        self._lock = threading.Lock()
        self.session = MemorySecretStore()

    @classmethod
    def open(cls) -> SessionAwareSecrets:
        """Over the OS keyring, looked for when first needed: finding its backend takes a fifth
        of a second, which the window's first paint does not wait for."""
        return cls(find_keyring=True)

    @property
    def keyring(self) -> SecretStore | None:
        with self._lock:
            if self._find_keyring:
                self._find_keyring = False
                try:
                    self._keyring = open_secret_store()
                except KeyringUnavailable as exc:
                    log.warning("no keyring: %s", exc)
                    self._keyring_error = str(exc)
        return self._keyring

    @property
    def keyring_error(self) -> str:
        """The plain reason no keyring works ("" while one does)."""
        _ = self.keyring
        return self._keyring_error

    @property
    def has_keyring(self) -> bool:
        return self.keyring is not None

    def get(self, profile: str, name: str) -> str | None:
        if self.keyring is not None:
            try:
                value = self.keyring.get(profile, name)
            except KeyringUnavailable as exc:
                self._keyring_error = str(exc)
            else:
                if value is not None:
                    return value
        return self.session.get(profile, name)

    def set(self, profile: str, name: str, value: str, *, session_only: bool = False) -> None:
        """Store in the keyring; raise KeyringUnavailable if there is none and the operator has
        not chosen to keep the secret for this session only."""
        # Before storing: a keyring failure's message or traceback must already be redacted.
        crash.remember_secrets([value])
        if session_only:
            self.session.set(profile, name, value)
            return
        if self.keyring is None:
            raise KeyringUnavailable(self.keyring_error or "No system keyring is available.")
        self.keyring.set(profile, name, value)
        self.session.delete(profile, name)

    def delete(self, profile: str, name: str) -> None:
        self.session.delete(profile, name)
        if self.keyring is not None:
            self.keyring.delete(profile, name)

    def where(self, profile: str, name: str) -> str:
        """"keyring", "session" or "" (not stored): for the dialog, never the value."""
        if self.keyring is not None:
            try:
                if self.keyring.get(profile, name) is not None:
                    return "keyring"
            except KeyringUnavailable:
                pass
        return "session" if self.session.get(profile, name) is not None else ""
