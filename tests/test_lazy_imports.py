"""What a start loads: `order-desk --help` and the target registry need none of the models, HTTP
client or Qt, and every name the lazily loaded packages export is really there."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fixtures.sandbox import ka_order

ROOT = Path(__file__).resolve().parent.parent

LAZY_PACKAGES = ("app.core.models", "app.core.importing", "app.core.engine", "app.core.clients")
HEAVY = ("pydantic", "httpx", "PySide6", "phonenumbers", "app.core.models.base",
         "app.core.clients.ka", "app.core.clients.nomad", "app.core.importing.session")


def loaded_modules(code: str, home: Path) -> set[str]:
    """The modules a fresh interpreter has loaded after running `code`."""
    script = f"{code}\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                            text=True, check=True, env=_env(home))
    return set(json.loads(result.stdout.splitlines()[-1]))


def _env(home: Path) -> dict[str, str]:
    import os

    return {**os.environ, "ORDER_DESK_HOME": str(home), "PYTHONPATH": str(ROOT)}


@pytest.mark.parametrize("package", LAZY_PACKAGES)
def test_every_exported_name_resolves(package: str) -> None:
    module = importlib.import_module(package)
    for name in module.__all__:
        assert getattr(module, name) is not None, name
    with pytest.raises(AttributeError):
        module.no_such_name  # noqa: B018


def test_help_and_the_registry_load_no_models_client_or_qt(tmp_path: Path) -> None:
    code = ("from app.cli import build_parser\n"
            "from app.core.settings import load_settings\n"
            "from app.core.targets import registered_targets\n"
            "build_parser().format_help()\nload_settings()\nregistered_targets()")
    loaded = loaded_modules(code, tmp_path)
    assert not loaded & set(HEAVY)


def test_validating_a_ka_order_loads_neither_nomad_models_nor_the_http_client(
    tmp_path: Path
) -> None:
    order = tmp_path / "one.json"
    order.write_text(json.dumps(ka_order("LAZY-1")), encoding="utf-8")
    code = ("from app.cli import main\n"
            f"assert main(['validate', {str(order)!r}, '--target', 'ka']) == 0")
    loaded = loaded_modules(code, tmp_path)
    assert "app.core.models.ka" in loaded
    assert not loaded & {"httpx", "app.core.models.nomad", "PySide6"}


def test_validating_an_order_does_not_load_pydantics_plugin_machinery(tmp_path: Path) -> None:
    """Plugins are off, so pydantic's loader (which imports importlib.metadata) is not loaded;
    a plugin setting of the environment's own is left to pydantic."""
    order = tmp_path / "one.json"
    order.write_text(json.dumps(ka_order("LAZY-2")), encoding="utf-8")
    code = ("from app.cli import main\n"
            f"assert main(['validate', {str(order)!r}, '--target', 'ka']) == 0")
    loaded = loaded_modules(code, tmp_path)
    assert "pydantic" in loaded
    assert not loaded & {"importlib.metadata", "difflib"}
    own = loaded_modules(f"import os\nos.environ['PYDANTIC_DISABLE_PLUGINS'] = 'some'\n{code}",
                         tmp_path)
    assert "importlib.metadata" in own


def test_the_stand_in_loader_has_every_name_pydantic_takes_from_its_own() -> None:
    """pydantic takes only `get_plugins` from its plugin loader: a newer one taking more fails
    here, not when a validator is built."""
    import ast

    import pydantic

    from app.cli import _no_plugins

    taken = {
        alias.name
        for source in Path(pydantic.__file__).parent.rglob("*.py")
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom)
        and node.module in ("_loader", "plugin._loader", "pydantic.plugin._loader")
        for alias in node.names
    }
    assert taken == {"get_plugins"}
    assert _no_plugins() == ()
