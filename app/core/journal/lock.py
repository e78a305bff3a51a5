"""One sender per journal at a time, across processes.

Start-up recovery turns `sending` rows into `unknown`; that is only true if nobody else is sending
from the same journal right now (a window and a command line, say). An OS file lock proves it, and
the OS drops it when the holder dies, so a crash never leaves a stale lock behind.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from app.core.journal.database import JournalError

log = logging.getLogger(__name__)


class SendLockBusyError(JournalError):
    """Another process is sending orders from this journal."""


class SendLock:
    def __init__(self, journal_path: Path) -> None:
        self.path = journal_path.with_name(journal_path.name + ".sending.lock")
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock without waiting; raise SendLockBusyError if another process holds it."""
        if self._fd is not None:
            return
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _lock(fd)
        except OSError:
            os.close(fd)
            raise SendLockBusyError(
                "Another Order Desk window or command is sending orders from this journal. "
                "Wait for it to finish (or close it) and try again."
            ) from None
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            _unlock(self._fd)
        finally:
            os.close(self._fd)
            self._fd = None


if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
