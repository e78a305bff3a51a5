"""Opening the application core as a real start does: settings, journal and the built-in
simulator wired together. Shared by the window and the command line; Qt-free. (The core itself may
not import the simulator, so the starter is handed to it from here.)"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TypeVar

from app.core.desk import Desk, RunningSandbox, SandboxStarter, open_journal
from app.core.paths import data_dir
from app.core.secrets import SecretStore
from app.core.settings import load_settings

AnyDesk = TypeVar("AnyDesk", bound=Desk)


def open_desk(secrets: SecretStore | None, *, sandbox_starter: SandboxStarter | None = None,
              kind: type[AnyDesk] = Desk,  # type: ignore[assignment]
              journal_now: bool = True) -> AnyDesk:
    """The desk of the data directory. Raises SettingsError (settings that cannot be read: send
    nothing) or JournalError (no journal: send nothing). ``journal_now=False``: a `kind` that
    opens its journal when first used (the window's, behind its first paint) gets none yet."""
    settings = load_settings()
    journal = open_journal(settings, secrets=secrets) if journal_now else None
    return kind(settings, secrets, journal, data_dir(),  # type: ignore[arg-type]
                sandbox_starter=sandbox_starter or _start_embedded_sandbox)


def _start_embedded_sandbox(data_dir: Path, presented: Mapping[str, str | None]
                            ) -> RunningSandbox:
    # The simulator (its models, its HTTP server) is imported when it first starts: most
    # starts send to it later or never.
    from app.sandbox.embedded import start_embedded_sandbox

    return start_embedded_sandbox(data_dir, presented)
