"""Keys an operator presses to enter orders: the real window, the keyboard alone.

    uv run python bench/bench_keyboard.py [--log]

Enters a KA order with two lines and a Nomad order with one item the way
tests/gui/test_keyboard_only.py does (type into whatever has the focus, Tab, Enter, Ctrl+Enter),
sends both to the built-in sandbox, and prints the navigation keys each took (Tab, Enter,
shortcuts; not the characters of the values) against the budget: one per value entered plus 4
per order. Runs in a fresh data folder, on the offscreen platform unless DISPLAY is set.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PER_ORDER = 4


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--log", action="store_true", help="print where each key was pressed")
    args = parser.parse_args()
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="order-desk-keys-") as home:
        os.environ["ORDER_DESK_HOME"] = home
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtTest import QTest

        from app.gui.app import build_main_window, ensure_application
        from tests.gui.keyboard_entry import KA_VALUES, NOMAD_VALUES, Keyboard, enter_ka_and_nomad

        ensure_application(sys.argv[:1])
        window = build_main_window()
        window.resize(1024, 700)
        window.show()
        window.activateWindow()
        QTest.qWaitForWindowActive(window, 5000)

        def wait(condition: Callable[[], bool], timeout: int) -> None:
            deadline = time.monotonic() + timeout / 1000
            while not condition():
                if time.monotonic() > deadline:
                    raise TimeoutError("the window did not get there in time")
                QCoreApplication.processEvents()
                QTest.qWait(20)

        keys = Keyboard()
        try:
            counts = enter_ka_and_nomad(window, wait, keys)
        finally:
            if args.log:
                print("\n".join(keys.log))
            window.shutdown()
    ok = True
    for name, values in (("ka", KA_VALUES), ("nomad", NOMAD_VALUES)):
        budget = values + PER_ORDER
        ok &= counts[name] <= budget
        print(f"{name}: {counts[name]} navigation keys for {values} values "
              f"(budget {budget})")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
