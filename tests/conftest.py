"""Shared test set-up: offscreen Qt, a private data directory and an in-memory keyring per test.

Fixture groups live in their own plugin modules (listed below) so each area owns its fixtures.
"""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytest_plugins = [
    "tests.fixtures.sandbox",
    "tests.fixtures.engine",
    "tests.fixtures.frozen",
    "tests.fixtures.postgres",
]


class _MemoryKeyring:
    """A keyring backend that keeps secrets in memory, so no test touches the real keyring
    unless it asks to (tests marked `keyring` use a real Secret Service)."""

    priority = 1

    def __init__(self) -> None:
        self.values: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.values.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.values[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        import keyring.errors

        if (service, username) not in self.values:
            raise keyring.errors.PasswordDeleteError(username)
        del self.values[(service, username)]

    def get_credential(self, service: str, username: str | None):  # pragma: no cover - unused
        return None


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch, request):
    """Each test gets its own ORDER_DESK_HOME and no automation credentials from the outside."""
    monkeypatch.setenv("ORDER_DESK_HOME", str(tmp_path / "home"))
    for var in ("ORDER_DESK_KA_TOKEN", "ORDER_DESK_NOMAD_APP_KEY", "ORDER_DESK_NOMAD_APP_SECRET"):
        monkeypatch.delenv(var, raising=False)
    if request.node.get_closest_marker("keyring") is None:
        import keyring
        from keyring.backend import KeyringBackend

        class MemoryKeyring(_MemoryKeyring, KeyringBackend):
            pass

        previous = keyring.get_keyring()
        keyring.set_keyring(MemoryKeyring())
        yield
        keyring.set_keyring(previous)
    else:
        yield


@pytest.fixture
def sandbox_credentials(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The standalone sandbox's credentials, supplied as automation does (environment), for
    commands sent to a sandbox by URL: only the simulator the app starts itself needs none."""
    from app.core.secrets import ENV_VARS, SANDBOX_SECRETS

    for name, value in SANDBOX_SECRETS.items():
        monkeypatch.setenv(ENV_VARS[name], value)
    return dict(SANDBOX_SECRETS)
