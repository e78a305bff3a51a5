"""Order Desk: order entry and reliable submission to the KA and Nomad fulfilment APIs."""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    # `__version__` is read from the installed metadata when first asked for: importlib.metadata
    # costs more than the rest of a `--help`.
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import metadata

    try:
        version = metadata.version("order-desk")
    except metadata.PackageNotFoundError:  # frozen build without dist-info, or a bare source tree
        version = "0.1.0"
    globals()["__version__"] = version
    return version
