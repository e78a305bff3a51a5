"""Moving a desk onto a team journal: its journal file's orders, with their attempts, copied into
the team journal, idempotently (`Journal.copy_in`: an order the team journal holds already is
left as it is). Shared by `order-desk journal push` and the window's Team journal setting."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from app.core.journal.lock import SendLock
from app.core.journal.store import CopyOutcome, Journal, JournalError


@dataclass
class PushReport:
    copied: int = 0
    held: int = 0  # already in the team journal with the same content
    refused: list[tuple[str, str]] = field(default_factory=list)  # (reference, account)


def push(source_path: Path, target: Journal, *,
         on_refused: Callable[[str, str], None] | None = None) -> PushReport:
    """Copy the journal file at ``source_path`` into ``target``. Nothing may be sent from the
    file meanwhile: its send lock is held (SendLockBusyError if another process sends from it),
    and what a crash left `sending` arrives `unknown`, to be reconciled by any desk."""
    if not source_path.exists():
        raise JournalError(f"There is no journal at {source_path}.")
    lock = SendLock(source_path)
    lock.acquire()
    report = PushReport()
    try:
        with Journal(source_path) as source:
            source.mark_interrupted()
            for order in source.page(None, 0, -1, oldest_first=True):
                outcome = target.copy_in(order, source.attempts(order.id))
                if outcome is CopyOutcome.COPIED:
                    report.copied += 1
                elif outcome is CopyOutcome.HELD:
                    report.held += 1
                else:
                    report.refused.append((order.reference, order.account))
                    if on_refused is not None:
                        on_refused(order.reference, order.account)
    finally:
        lock.release()
    return report


def push_to(url: str, password: str | None, source_path: Path, *,
            on_refused: Callable[[str, str], None] | None = None) -> PushReport:
    """`push` into the team journal at ``url`` (created or migrated first)."""
    from app.core.journal.postgres import PostgresDatabase

    with Journal(database=PostgresDatabase(url, password=password)) as target:
        return push(source_path, target, on_refused=on_refused)
