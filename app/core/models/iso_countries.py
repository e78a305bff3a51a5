"""ISO 3166-1 countries read straight from pycountry's data file, without importing pycountry:
its import looks its own version up in the metadata of every installed package, which cost a
one-order `validate` and the window's first paint more than the countries themselves."""

from __future__ import annotations

import importlib.util
import json
from functools import cache
from pathlib import Path


def pycountry_file(*parts: str) -> Path:
    """A file of the pycountry package (``"databases", "iso3166-1.json"``)."""
    spec = importlib.util.find_spec("pycountry")
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)), *parts)
    import pycountry  # a loader that names no folder: ask the package itself

    return Path(pycountry.__file__).parent.joinpath(*parts)


@cache
def country_names() -> dict[str, str]:
    """alpha-2 code -> the country's name (pycountry's ``name``), in the file's order."""
    entries = json.loads(pycountry_file("databases", "iso3166-1.json").read_bytes())["3166-1"]
    return {entry["alpha_2"]: entry["name"] for entry in entries}
