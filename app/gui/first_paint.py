"""Work that waits until a window has been painted once: what the operator does not need in the
first moment (the simulator, the keyring) starts behind a window that is already there."""

from __future__ import annotations

import linecache
import sys
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


def after_first_paint(widget: QWidget, action: Callable[[], object]) -> None:
    """Run `action` once, on the event loop, after `widget` has first been painted (never, if
    it never is)."""

    class _Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                widget.removeEventFilter(self)
                self.deleteLater()
                QTimer.singleShot(0, action)
            return False

    widget.installEventFilter(_Watch(widget))


def skip_pyside_source_reading() -> None:
    """Spare PySide6 reading the source of every module imported after it.

    PySide6 reads each new module's source to see whether it mentions PySide6, which matters
    only once a module switches on one of its `__feature__`s (snake_case, true_property): this
    application switches on none, so each module gets the default set, unread. For the
    window's 120 modules that reading was 10-12 ms of the first paint on a quiet machine (10-38
    under load), and more behind it. A frozen build has no sources to read anyway; should
    PySide6 change these internals, this does nothing and `forget_module_sources` still drops
    what it reads."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        setattr(feature, "_mod_uses_pyside", _default_feature_set)  # noqa: B010


def _default_feature_set(module: object) -> bool:
    # "Uses PySide6": the module gets the default feature set (0), which PySide6 then caches
    # per calling module; "does not" (-1) would have it looked up again at every Qt call.
    return True


def forget_module_sources() -> None:
    """Drop the source lines PySide6 has read of the modules imported since it was loaded.

    On every import PySide6 reads the new module's source (to see whether it asks for one of
    its `__feature__` switches) and `linecache` keeps every line for good: some 100,000 lines,
    8 MB and more once the models, the simulator and the HTTP client have arrived. Called after
    each wave of imports behind the first paint; a traceback reads the lines it needs again.
    """
    linecache.clearcache()
