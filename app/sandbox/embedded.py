"""The simulator behind the Sandbox profiles, as the window and the command line both start it."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from app.sandbox.config import SandboxConfig
from app.sandbox.server import SandboxServer

# Kept in the data directory, so orders survive a restart and `reconcile` can find them.
EMBEDDED_DB_NAME = "sandbox.sqlite3"
# Orders of the built-in sandbox ship this long after they are created, so an operator in
# training sees tracking arrive and can try a cancel both before and after.
EMBEDDED_SHIP_AFTER = 600.0


def embedded_sandbox_config(
    directory: Path, presented: Mapping[str, str | None] | None = None
) -> SandboxConfig:
    """A free loopback port, orders kept in ``directory``; it expects the credentials the
    profiles will present (e.g. from the environment), by secret name, else its defaults.

    No rate limit: sandbox profiles have no client-side limit (the sandbox needs none), and a
    server-side one would answer a large training batch with 429s that no real account gives a
    client configured for it. `order-desk sandbox` still emulates KA's limit."""
    presented = presented or {}
    return SandboxConfig(
        port=0,
        db_path=directory / EMBEDDED_DB_NAME,
        ka_rate_limit=None,
        ship_after=EMBEDDED_SHIP_AFTER,
        ka_token=presented.get("ka_token") or SandboxConfig.ka_token,
        nomad_app_key=presented.get("nomad_app_key") or SandboxConfig.nomad_app_key,
        nomad_app_secret=presented.get("nomad_app_secret") or SandboxConfig.nomad_app_secret,
    )


def start_embedded_sandbox(
    directory: Path, presented: Mapping[str, str | None] | None = None
) -> SandboxServer:
    server = SandboxServer(embedded_sandbox_config(directory, presented))
    server.start()
    return server
