"""Drafts and recent values: what the operator typed survives a restart.

A draft is the form's state (the payload being built, as plain JSON) per target. Recent values are
the last distinct values entered per field, offered as completions.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from app.core.targets import Target
from app.gui.json_store import read_json, write_json

log = logging.getLogger(__name__)

RECENT_LIMIT = 15


class DraftStore:
    def __init__(self, directory: Path) -> None:
        self._directory = directory / "drafts"

    def _path(self, target: Target) -> Path:
        return self._directory / f"{target.value}.json"

    def load(self, target: Target) -> dict[str, Any] | None:
        data = read_json(self._path(target))
        return data if isinstance(data, dict) else None

    def save(self, target: Target, draft: dict[str, Any]) -> None:
        try:
            write_json(self._path(target), draft)
        except OSError as exc:  # a full disk must not interrupt typing; the log says why
            log.warning("draft not saved: %s", exc)

    def clear(self, target: Target) -> None:
        self._path(target).unlink(missing_ok=True)


class RecentValues:
    """Last distinct values per field key (e.g. ``ka.province``), newest first."""

    def __init__(self, directory: Path) -> None:
        self._path = directory / "recent-values.json"
        data = read_json(self._path)
        self._values: dict[str, list[str]] = {
            str(k): [str(v) for v in vs if isinstance(v, str)]
            for k, vs in (data.items() if isinstance(data, dict) else ())
            if isinstance(vs, list)
        }

    def get(self, key: str) -> list[str]:
        return list(self._values.get(key, ()))

    def remember(self, values: dict[str, str]) -> None:
        for key, value in values.items():
            value = value.strip()
            if not value:
                continue
            entries = [v for v in self._values.get(key, []) if v != value]
            self._values[key] = [value, *entries][:RECENT_LIMIT]
        try:
            write_json(self._path, self._values)
        except OSError as exc:
            log.warning("recent values not saved: %s", exc)
