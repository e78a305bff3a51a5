"""Runtime resources (icons, templates, translations), found alike in source and frozen runs."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def resource_path(name: str) -> Path:
    """Path of a file from the top-level ``resources/`` folder.

    Installed wheels and the frozen bundle carry it as ``app/resources``; a source checkout has it
    beside the package.
    """
    packaged = resources.files("app") / "resources" / name
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "resources" / name
