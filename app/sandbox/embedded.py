"""The simulator behind the Sandbox profiles, as the window and the command line both start it."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from app.sandbox.config import SandboxConfig
from app.sandbox.server import SandboxServer

# Kept in the data directory, so orders survive a restart and `reconcile` can find them.
EMBEDDED_DB_NAME = "sandbox.sqlite3"


def embedded_sandbox_config(
    directory: Path, presented: Mapping[str, str | None] | None = None
) -> SandboxConfig:
    """A free loopback port, orders kept in ``directory``; it expects the credentials the
    profiles will present (e.g. from the environment), by secret name, else its defaults.

    No rate limit: sandbox profiles have no client-side limit (the sandbox needs none), and a
    server-side one would answer a large training batch with 429s that no real account gives a
    client configured for it. `order-desk sandbox` still emulates KA's limit."""
    expected = {name: value for name, value in (presented or {}).items() if value}
    return SandboxConfig(port=0, db_path=directory / EMBEDDED_DB_NAME, ka_rate_limit=None,
                         **expected)


def start_embedded_sandbox(
    directory: Path, presented: Mapping[str, str | None] | None = None
) -> SandboxServer:
    server = SandboxServer(embedded_sandbox_config(directory, presented))
    server.start()
    return server
