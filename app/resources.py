"""Runtime resources (icons, templates, translations), found alike in source and frozen runs."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def resource_path(name: str) -> Path:
    """Path of a file or folder from the top-level ``resources/`` folder.

    Installed wheels and the frozen bundle carry it as ``app/resources``; a source checkout has it
    beside the package.
    """
    packaged = resources.files("app") / "resources" / name
    if packaged.is_file() or packaged.is_dir():  # a folder too: the translations are one
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "resources" / name
