"""Package attributes loaded on first use (PEP 562), for packages whose submodules are costly to
import (pydantic models, the spreadsheet reader) while most starts need only some of them."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(package: str, exports: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for `package`: each name in `exports` is read from the submodule
    named next to it when first asked for, then kept as a plain attribute of the package."""
    namespace = importlib.import_module(package).__dict__

    def __getattr__(name: str) -> Any:  # noqa: N807 (a module __getattr__, PEP 562)
        submodule = exports.get(name)
        if submodule is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{submodule}"), name)
        namespace[name] = value
        return value

    return __getattr__
