"""The translation catalogue holds every interface text a translator needs: what
pyside6-lupdate finds in the sources and what the models supply at run time."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _tool():  # packaging/ is not a package: load the script as a module
    spec = importlib.util.spec_from_file_location("translations",
                                                  ROOT / "packaging" / "translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_catalogue_is_up_to_date(tmp_path: Path) -> None:
    tool = _tool()
    fresh = tmp_path / "order_desk.ts"
    shutil.copy(tool.CATALOGUE, fresh)
    tool.update(fresh)
    committed, wanted = tool.entries(tool.CATALOGUE), tool.entries(fresh)
    assert not wanted - committed, (
        f"missing from the catalogue (run `uv run python packaging/translations.py`): "
        f"{sorted(wanted - committed)[:10]}")
    assert not committed - wanted, f"no longer used: {sorted(committed - wanted)[:10]}"


def test_the_catalogue_covers_texts_only_known_at_run_time() -> None:
    tool = _tool()
    entries = tool.entries(tool.CATALOGUE)
    assert ("FieldLabels", "Recipient") in entries  # a model's field label
    assert ("FieldMessages", "required") in entries  # a fixed validation message
    assert ("NomadOrderForm", "Customer address") in entries  # a title set before the widget
    assert ("CrashReport", "Order Desk closed unexpectedly") in entries  # shown outside a widget
