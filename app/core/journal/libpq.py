"""Why psycopg has no libpq binding here, in the operator's words (`libpq_problem`).

psycopg tries its bindings in turn: ``c`` and ``binary`` (compiled, psycopg-binary carrying its
own libpq) and ``python`` (ctypes on the system's libpq). The Linux bundle ships only the last;
source runs and the Windows and macOS bundles have psycopg-binary. psycopg's ImportError lists
each attempt's reason, which tells the cases apart: no libpq at all, a libpq found that the
loader refuses (a system library needing newer OpenSSL or Kerberos symbols than the copies the
bundle loads first), or a damaged psycopg-binary.
"""

from __future__ import annotations

import re
import sys

from app.core import phrases
from app.core.phrases import fill

# "couldn't import [requested ]psycopg 'python' implementation: libpq library not found"
_ATTEMPT = re.compile(r"couldn't import (?:requested )?psycopg '(\w+)' implementation: (.*)")
_NOT_FOUND = "libpq library not found"  # psycopg's pq_ctypes when the lookup finds no file


def libpq_problem(exc: ImportError, platform: str = sys.platform) -> str:
    """What happened when psycopg could load no binding (``exc``), and what to do about it."""
    attempts = dict(_ATTEMPT.findall(str(exc)))
    python = attempts.get("python")
    binary = attempts.get("binary")
    if binary is not None and not binary.startswith("No module named"):
        # psycopg-binary is installed, so meant to be used, and broken: whatever the system has.
        return fill(phrases.LIBPQ_INCOMPLETE, binary)
    if python is not None and python != _NOT_FOUND:
        # Found, and the loader said no: its reason names the library and what it lacks.
        return fill(phrases.LIBPQ_INCOMPATIBLE, python)
    if platform.startswith("linux"):
        return phrases.LIBPQ_NOT_INSTALLED
    # Windows and macOS builds carry their libpq (psycopg-binary): missing means incomplete.
    reason = python or binary or str(exc).strip().splitlines()[-1].lstrip("- ")
    return fill(phrases.LIBPQ_INCOMPLETE, reason)
