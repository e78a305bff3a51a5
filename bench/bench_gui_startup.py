"""Time to first window: `order-desk`'s window against a bare PySide6 window, same run.

    uv run python bench/bench_gui_startup.py [--runs N]

Each run is a fresh process (imports included), timed from launch until the window has been
painted once. The bare window is the floor: what Python + Qt cost before the app does anything.
The ratio says what the app adds (settings, journal, sandbox start, two forms built from specs).
Uses the offscreen platform unless DISPLAY is set (for the figures: under Xvfb).

Then idle memory: one more process of each kind stays up for --idle seconds after its first
paint (the window's simulator, journal and models have arrived by then) and reports its resident
memory. Target: the window at most 60 MB above the bare one.
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

# The child: build a window, report once its first paint has finished (a zero timer started by
# its first paint event: one started at show() can run before the window is painted), then quit.
CHILD = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
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
idle_ms = int(float(sys.argv[2]) * 1000)
def quit_now():
    if idle_ms:
        with open("/proc/self/status") as status:
            rss = next(line.split()[1] for line in status if line.startswith("VmRSS:"))
        print(f"rss {rss}", flush=True)
    if mode != "bare":
        window.shutdown()
    app.quit()
def painted():
    print("painted", flush=True)
    QTimer.singleShot(idle_ms, quit_now)
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not self.seen:
            self.seen = True
            QTimer.singleShot(0, painted)  # runs once this paint has finished
        return False
watch = FirstPaint()
watch.seen = False
window.installEventFilter(watch)
window.show()
app.exec()
"""
MEMORY_TARGET_MB = 60


def time_one(mode: str, home: Path, idle: float = 0.0) -> float:
    env = {**os.environ, "ORDER_DESK_HOME": str(home), "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # byte code cached, as in an installed program
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", CHILD, mode, str(idle)], env=env, cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = time.perf_counter() - started
    if idle:
        elapsed = float(child.stdout.readline().split()[1]) / 1024  # MB, not seconds
    child.wait(60)
    if line.strip() != "painted":
        raise SystemExit(f"{mode} window did not paint (exit {child.returncode})")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--idle", type=float, default=5.0,
                        help="seconds up before memory is read (0: no memory figures)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        time_one("app", home)  # first start creates the data directory; not counted
        bare = [time_one("bare", home) for _ in range(args.runs)]
        app = [time_one("app", home) for _ in range(args.runs)]
        memory = ({mode: time_one(mode, home, args.idle) for mode in ("bare", "app")}
                  if args.idle else None)
    floor, measured = statistics.median(bare), statistics.median(app)
    print(f"bare PySide6 window : {floor * 1000:7.0f} ms (median of {args.runs})")
    print(f"order-desk window   : {measured * 1000:7.0f} ms (median of {args.runs})")
    print(f"ratio               : {measured / floor:7.2f}x the bare-window floor (target <= 2x)")
    if memory:
        extra = memory["app"] - memory["bare"]
        print(f"idle memory after {args.idle:g} s: bare {memory['bare']:.0f} MB, order-desk "
              f"{memory['app']:.0f} MB: {extra:+.0f} MB (target <= +{MEMORY_TARGET_MB} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
