"""The About dialog and `--version` agree on the version and build."""

from __future__ import annotations

import subprocess
import sys
import types

from app import __version__
from app.buildinfo import build_id
from app.gui.about_dialog import AboutDialog


def test_about_dialog_shows_version_and_build(qtbot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert __version__ in dialog.version_label.text()
    assert build_id() in dialog.build_label.text()
    assert build_id() != ""


def test_version_flag_prints_version_and_build() -> None:
    result = subprocess.run([sys.executable, "-m", "app", "--version"], capture_output=True,
                            text=True, timeout=60, check=True)
    assert result.stdout.strip() == f"order-desk {__version__} (build {build_id()})"


def test_frozen_build_stamp_wins_over_git(monkeypatch) -> None:
    """A frozen build has no git checkout: the stamp the packaging script wrote is used."""
    stamp = types.ModuleType("_order_desk_build")
    stamp.BUILD = "v9.9.9-stamp"  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "_order_desk_build", stamp)
    build_id.cache_clear()
    try:
        assert build_id() == "v9.9.9-stamp"
    finally:
        build_id.cache_clear()
