"""A local simulator of the KA and Nomad APIs: a real HTTP server on loopback, with faults."""

from __future__ import annotations

from app.sandbox.config import SandboxConfig
from app.sandbox.server import SandboxServer

__all__ = ["SandboxConfig", "SandboxServer"]
