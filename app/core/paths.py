"""Where Order Desk keeps its data: the platform's user data directory, or ORDER_DESK_HOME."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

HOME_ENV = "ORDER_DESK_HOME"


def data_dir() -> Path:
    """The data directory (journal, settings, drafts, logs), created on first use."""
    override = os.environ.get(HOME_ENV)
    path = Path(override) if override else Path(platformdirs.user_data_dir("order-desk", False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def journal_path() -> Path:
    return data_dir() / "journal.sqlite3"


def settings_path() -> Path:
    return data_dir() / "settings.json"


def log_dir() -> Path:
    path = data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path
