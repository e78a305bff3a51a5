"""Which build is running: the stamp baked in by the packaging script, or the checkout's commit.

`packaging/build.py` generates a ``_order_desk_build`` module outside the source tree and freezes
it into the bundle, so a frozen build reports the commit it was made from even though it carries
no git data, and a source run never mistakes itself for a frozen build.
"""

from __future__ import annotations

import functools
import logging
import subprocess
import sys
from pathlib import Path

log = logging.getLogger(__name__)


@functools.cache
def build_id() -> str:
    """E.g. ``v0.1.0-3-gabc1234`` or ``abc1234-dirty``; ``source`` outside a git checkout."""
    try:
        from _order_desk_build import BUILD

        return str(BUILD)
    except ImportError:
        pass
    if getattr(sys, "frozen", False):
        return "unstamped"  # frozen without packaging/build.py
    return git_describe(Path(__file__).resolve().parent.parent) or "source"


def git_describe(checkout: Path) -> str | None:
    """`git describe` of a checkout, or None when it is not one (or git is missing)."""
    if not (checkout / ".git").exists():
        return None
    try:
        result = subprocess.run(
            ["git", "describe", "--tags", "--always", "--dirty"],
            cwd=checkout, capture_output=True, text=True, timeout=5, check=True,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        log.debug("git describe failed: %s", exc)
        return None
    return result.stdout.strip() or None
