"""What the window works with: the application core (`app.core.desk.Desk`) over the secret store
the window reads (keyring, then secrets kept for this session only)."""

from __future__ import annotations

from app.core.desk import Desk, RunningSandbox, SandboxStarter
from app.gui.secret_chain import SessionAwareSecrets
from app.wiring import open_desk

__all__ = ["AppContext", "RunningSandbox", "SandboxStarter"]


class AppContext(Desk):
    secrets: SessionAwareSecrets

    @classmethod
    def open(cls, *, sandbox_starter: SandboxStarter | None = None) -> AppContext:
        """Raises SettingsError or JournalError: the window cannot send without either."""
        return open_desk(SessionAwareSecrets.open(), sandbox_starter=sandbox_starter, kind=cls)

    def _copy_secret(self, old: str, new: str, name: str) -> bool:
        # A secret kept for this session only stays that way under the new name.
        where = self.secrets.where(old, name)
        if not where:
            return False
        value = self.secrets.get(old, name)
        assert value is not None
        self.secrets.set(new, name, value, session_only=where == "session")
        return True
