"""Time to first window: `order-desk`'s window against a bare PySide6 window, same run.

    uv run python bench/bench_gui_startup.py [--runs N]

Each run is a fresh process (imports included), timed from launch until the window has been
painted once. The bare window is the floor: what Python + Qt cost before the app does anything.
The ratio says what the app adds (settings, journal, sandbox start, two forms built from specs).
Uses the offscreen platform unless DISPLAY is set.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The child: build a window, report once it has been painted (a zero timer after show runs
# after the first paint), then quit.
CHILD = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
mode = sys.argv[1]
if mode == "bare":
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setCentralWidget(QLabel("hello"))
else:
    from app.gui.app import build_main_window, ensure_application
    app = ensure_application(sys.argv[:1])
    window = build_main_window()
window.resize(1024, 700)
window.show()
def painted():
    print("painted", flush=True)
    if mode != "bare":
        window.shutdown()
    app.quit()
QTimer.singleShot(0, painted)
app.exec()
"""


def time_one(mode: str, home: Path) -> float:
    env = {**os.environ, "ORDER_DESK_HOME": str(home), "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # byte code cached, as in an installed program
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", CHILD, mode], env=env, cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = time.perf_counter() - started
    child.wait(60)
    if line.strip() != "painted":
        raise SystemExit(f"{mode} window did not paint (exit {child.returncode})")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        time_one("app", home)  # first start creates the data directory; not counted
        bare = [time_one("bare", home) for _ in range(args.runs)]
        app = [time_one("app", home) for _ in range(args.runs)]
    floor, measured = statistics.median(bare), statistics.median(app)
    print(f"bare PySide6 window : {floor * 1000:7.0f} ms (median of {args.runs})")
    print(f"order-desk window   : {measured * 1000:7.0f} ms (median of {args.runs})")
    print(f"ratio               : {measured / floor:7.2f}x the bare-window floor")
    return 0


if __name__ == "__main__":
    sys.exit(main())
