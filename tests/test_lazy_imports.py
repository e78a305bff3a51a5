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


def _validating_one_ka_order(folder: Path) -> str:
    """Code that runs `order-desk validate` on a one-order file written in ``folder``."""
    order = folder / "one.json"
    order.write_text(json.dumps(ka_order("LAZY-1")), encoding="utf-8")
    return ("from app.cli import main\n"
            f"assert main(['validate', {str(order)!r}, '--target', 'ka']) == 0")


def test_validating_a_ka_order_loads_neither_nomad_models_nor_the_http_client(
    tmp_path: Path
) -> None:
    loaded = loaded_modules(_validating_one_ka_order(tmp_path), tmp_path)
    assert "app.core.models.ka" in loaded
    assert not loaded & {"httpx", "app.core.models.nomad", "PySide6"}


def test_validating_an_order_does_not_load_pydantics_plugin_machinery(tmp_path: Path) -> None:
    """Plugins are off, so pydantic's loader (which imports importlib.metadata) is not loaded;
    a plugin setting of the environment's own is left to pydantic."""
    code = _validating_one_ka_order(tmp_path)
    loaded = loaded_modules(code, tmp_path)
    assert "pydantic" in loaded
    assert not loaded & {"importlib.metadata", "difflib"}
    own = loaded_modules(f"import os\nos.environ['PYDANTIC_DISABLE_PLUGINS'] = 'some'\n{code}",
                         tmp_path)
    assert "importlib.metadata" in own


WHOLE_MODULE = "<the module itself>"  # a use of the loader the scan cannot name: fails closed


def names_taken_from(source: str, package: str, loader: str) -> set[str]:
    """The names code in ``package`` takes from the module ``loader``, however it is imported:
    ``from ._loader import x``, ``from . import _loader`` then ``_loader.x``, ``import
    a.b._loader [as m]`` then ``a.b._loader.x`` / ``m.x``, ``from .. import plugin`` then
    ``plugin._loader.x``. A use whose names cannot be told (``import *``, the module passed
    around whole, a string naming it for ``importlib``) gives `WHOLE_MODULE`."""
    import ast

    tree = ast.parse(source)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    leaf = loader.rpartition(".")[2]
    taken: set[str] = set()
    names: dict[str, str] = {}  # a name bound by an import -> the dotted path it stands for

    def absolute(node: ast.ImportFrom) -> str:
        if not node.level:
            return node.module or ""
        parts = package.split(".")
        return ".".join([*parts[: len(parts) - node.level + 1], *filter(None, [node.module])])

    def dotted(node: ast.AST) -> str | None:
        if isinstance(node, ast.Name):
            return names.get(node.id)
        if isinstance(node, ast.Attribute):
            base = dotted(node.value)
            return f"{base}.{node.attr}" if base else None
        return None

    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            module = absolute(node)
            for alias in node.names:
                if module == loader:
                    taken.add(WHOLE_MODULE if alias.name == "*" else alias.name)
                names[alias.asname or alias.name] = f"{module}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    names[alias.asname] = alias.name
                else:
                    top = alias.name.partition(".")[0]
                    names[top] = top
        elif (isinstance(node, ast.Constant) and isinstance(node.value, str)
              and node.value.endswith(leaf)):  # "pydantic.plugin._loader", "._loader"
            taken.add(WHOLE_MODULE)
    for node in ast.walk(tree):
        if isinstance(node, ast.Name | ast.Attribute) and dotted(node) == loader:
            above = parents.get(node)
            if isinstance(above, ast.Attribute) and above.value is node:
                taken.add(above.attr)
            else:
                taken.add(WHOLE_MODULE)
    return taken


@pytest.mark.parametrize(("source", "expected"), [
    ("from ._loader import get_plugins", {"get_plugins"}),
    ("from ._loader import get_plugins as g, other", {"get_plugins", "other"}),
    ("from pydantic.plugin._loader import *", {WHOLE_MODULE}),
    ("from . import _loader\n_loader.get_plugins()\n_loader.other", {"get_plugins", "other"}),
    ("from . import _loader as L\nL.more()", {"more"}),
    ("from pydantic.plugin import _loader\nuse(_loader)", {WHOLE_MODULE}),
    ("import pydantic.plugin._loader\npydantic.plugin._loader.more()", {"more"}),
    ("import pydantic.plugin._loader as L\nL.get_plugins(); L.more", {"get_plugins", "more"}),
    ("from .. import plugin\nplugin._loader.more()", {"more"}),
    ("import importlib\nimportlib.import_module('pydantic.plugin._loader')", {WHOLE_MODULE}),
    ("import importlib\nimportlib.import_module('._loader', __package__)", {WHOLE_MODULE}),
    ("from ._schema_validator import _loader_state\nx = 'a_loader_b'", set()),
])
def test_the_scan_finds_every_style_of_use_of_the_loader(source: str,
                                                        expected: set[str]) -> None:
    """Each way a module of pydantic.plugin could use its loader is seen."""
    assert names_taken_from(source, "pydantic.plugin", "pydantic.plugin._loader") == expected


def test_the_stand_in_loader_has_every_name_pydantic_takes_from_its_own(tmp_path: Path) -> None:
    """The stand-in for pydantic's plugin loader (`plugins_off`) must hold every name any module
    of the installed pydantic takes from the real one, in any style of import: a newer pydantic
    taking more (or using the module in a way the scan cannot name) fails here, not when a
    validator is built."""
    import pydantic

    from app.cli import PYDANTIC_PLUGIN_LOADER, _no_plugins

    root = Path(pydantic.__file__).parent
    taken: dict[str, set[str]] = {}
    for source in root.rglob("*.py"):
        if source.stem == "_loader" and source.parent.name == "plugin":
            continue  # the loader itself
        parts = source.relative_to(root.parent).with_suffix("").parts
        found = names_taken_from(source.read_text(encoding="utf-8"), ".".join(parts[:-1]),
                                 PYDANTIC_PLUGIN_LOADER)
        if found:
            taken[str(source.relative_to(root))] = found
    code = ("import sys\nfrom app.cli import plugins_off, PYDANTIC_PLUGIN_LOADER as L\n"
            "plugins_off()\nprint(' '.join(n for n in vars(sys.modules[L]) "
            "if not n.startswith('__')))")
    env = {k: v for k, v in _env(tmp_path).items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, check=True, env=env)
    provided = set(result.stdout.split())
    assert provided == {"get_plugins"}
    assert "get_plugins" in set().union(*taken.values()), taken  # the scan sees the known use
    missing = {where: names - provided for where, names in taken.items() if names - provided}
    assert not missing, f"pydantic takes more from its plugin loader than the stand-in: {missing}"
    assert _no_plugins() == ()
