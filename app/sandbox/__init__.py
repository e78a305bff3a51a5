"""A local simulator of the KA and Nomad APIs: a real HTTP server on loopback, with faults."""

from __future__ import annotations

from app.sandbox.config import SandboxConfig
from app.sandbox.server import SandboxServer
from app.sandbox.store import StoreError

__all__ = ["SandboxConfig", "SandboxServer", "StoreError"]
