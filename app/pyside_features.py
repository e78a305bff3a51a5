"""PySide6's `__feature__` look-up, answered without reading sources (Qt-free: the frozen
launcher calls it before anything else is imported).

Once PySide6 is loaded it hooks every import and reads each new module's source to see whether
it switches on one of its `__feature__`s (snake_case, true_property). This application switches
on none. In the window that reading was 10-12 ms of the first paint (10-38 under load). In a
frozen build PyInstaller's run-time hook loads PySide6's QtCore in every process, commands
included, and the look-up, reaching a module's `__getattr__` through `inspect.unwrap`, ran
pydantic's deprecated-name fallback in the middle of pydantic's first import: with the submit
command's client built on a thread meanwhile, one thread got a half-imported pydantic module
(ImportError). Should PySide6 change these internals, this does nothing.
"""

from __future__ import annotations

import sys


def skip_pyside_source_reading() -> None:
    """Every module imported from now on gets PySide6's default feature set, unread."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        setattr(feature, "_mod_uses_pyside", _default_feature_set)  # noqa: B010


def _default_feature_set(module: object) -> bool:
    # "Uses PySide6": the module gets the default feature set (0), which PySide6 then caches
    # per calling module; "does not" (-1) would have it looked up again at every Qt call.
    return True
