"""What the window works with: the application core (`app.core.desk.Desk`) over the secret store
the window reads (keyring, then secrets kept for this session only)."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from app.core.desk import Desk, RunningSandbox, SandboxStarter, open_journal
from app.gui.secret_chain import SessionAwareSecrets
from app.wiring import open_desk

if TYPE_CHECKING:
    from app.core.journal import Journal

__all__ = ["AppContext", "RunningSandbox", "SandboxStarter"]


class AppContext(Desk):
    secrets: SessionAwareSecrets

    _journal: Journal | None = None
    _journal_lock = threading.Lock()

    @classmethod
    def open(cls, *, sandbox_starter: SandboxStarter | None = None) -> AppContext:
        """Raises SettingsError: the window cannot send without settings. The journal is opened
        when first used (`open_journal`, once the window has painted: its code is a tenth of
        the window's start); that raises JournalError."""
        return open_desk(SessionAwareSecrets.open(), sandbox_starter=sandbox_starter, kind=cls,
                         journal_now=False)

    @property
    def journal(self) -> Journal:
        with self._journal_lock:
            if self._journal is None:
                self._journal = open_journal(self.settings, secrets=self.secrets)
            return self._journal

    @journal.setter
    def journal(self, journal: Journal | None) -> None:
        self._journal = journal

    def open_journal(self) -> None:
        """Open the journal now (JournalError says why it cannot be)."""
        _ = self.journal

    def close(self) -> None:
        if self._journal is None:  # never opened: nothing to close, nothing to open now
            self._journal = _Unopened()  # type: ignore[assignment]
        super().close()

    def _copy_secret(self, old: str, new: str, name: str) -> bool:
        # A secret kept for this session only stays that way under the new name.
        where = self.secrets.where(old, name)
        if not where:
            return False
        value = self.secrets.get(old, name)
        assert value is not None
        self.secrets.set(new, name, value, session_only=where == "session")
        return True


class _Unopened:
    """In place of a journal the window never opened, so closing it opens none."""

    def close(self) -> None:
        pass
