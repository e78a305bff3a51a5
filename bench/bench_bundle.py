"""Bundle size and frozen start-up time of Order Desk against a hello-world PySide6 bundle.

The floor is measured in the same run: a one-label PySide6 program frozen with the same PyInstaller
options (one folder, windowed, UPX off, stripped on Linux, -OO, the same excludes and data and
library filters, see packaging/bundle_options.py). It then lists what Order Desk's bundle holds
beyond the hello world's, by folder, largest first. Start-up is the wall time of a whole process
that opens its window on the offscreen platform and quits: for Order Desk, ``--self-test``
limited to its ``main window`` check (a real start: settings, keyring, journal, built-in sandbox,
the wired window).

    uv run --group packaging python bench/bench_bundle.py [--app-dist dist] [--runs 5]

Target: size ratio <= 1.15.
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
PACKAGING = ROOT / "packaging"
SIZE_TARGET = 1.15

HELLO_PROGRAM = """\
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel

app = QApplication(sys.argv)
label = QLabel("Hello")
label.show()
QTimer.singleShot(0, app.quit)
sys.exit(app.exec())
"""

# The app's spec, reduced to what a hello world needs; every option that shapes the bundle is the
# same (and comes from the same module).
HELLO_SPEC = """\
import sys
sys.path.insert(0, {packaging!r})
import bundle_options as opts

a = Analysis([{script!r}], excludes=opts.EXCLUDES, hookspath=[str(opts.HOOKS)], noarchive=False,
             optimize=opts.OPTIMIZE)
a.datas = opts.filter_datas(a.datas)
a.binaries = opts.filter_binaries(a.binaries)
pyz = PYZ(a.pure)
exe = EXE(pyz, a.scripts, [], exclude_binaries=True, name="hello", debug=False,
          strip=opts.STRIP, upx=False, console=False)
coll = COLLECT(exe, a.binaries, a.datas, strip=opts.STRIP, upx=False, name="hello")
"""


def freeze_hello(scratch: Path) -> Path:
    scratch.mkdir(parents=True, exist_ok=True)
    script = scratch / "hello.py"
    script.write_text(HELLO_PROGRAM, encoding="utf-8")
    spec = scratch / "hello.spec"
    spec.write_text(HELLO_SPEC.format(packaging=str(PACKAGING), script=str(script)),
                    encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", str(spec), "--noconfirm", "--log-level", "WARN",
         "--distpath", str(scratch / "dist"), "--workpath", str(scratch / "work")],
        check=True,
    )
    return scratch / "dist" / "hello"


def freeze_app(scratch: Path) -> Path:
    subprocess.run(
        [sys.executable, str(PACKAGING / "build.py"), "--no-installers",
         "--dist", str(scratch / "dist"), "--work", str(scratch / "work")],
        check=True,
    )
    return scratch / "dist" / "order-desk"


def file_sizes(path: Path) -> dict[str, int]:
    """Each file of a bundle (links left out: they point into it) by its path in it."""
    return {f.relative_to(path).as_posix(): f.stat().st_size for f in path.rglob("*")
            if f.is_file() and not f.is_symlink()}


def tree_size(path: Path) -> int:
    return sum(file_sizes(path).values())


def added_parts(app: Path, hello: Path, app_name: str) -> list[tuple[str, int]]:
    """What the app's bundle holds beyond the hello world's, grouped by the folder (or library)
    it sits in under the bundle's own folder, largest first; the program itself (which carries
    the Python modules' archive) is counted beyond the hello world's program."""
    app_files, hello_files = file_sizes(app), file_sizes(hello)
    program, hello_program = executable(app, app_name).name, executable(hello, "hello").name
    parts: dict[str, int] = {}
    for name, size in app_files.items():
        if name == program:
            key, extra = "program and its module archive", size - hello_files[hello_program]
        else:
            key, extra = "/".join(name.split("/")[:2]), size - hello_files.get(name, 0)
        parts[key] = parts.get(key, 0) + extra
    return sorted(((key, size) for key, size in parts.items() if size), key=lambda p: -p[1])


def executable(bundle: Path, name: str) -> Path:
    return bundle / (f"{name}.exe" if sys.platform == "win32" else name)


def time_runs(command: list[str], env: dict[str, str], runs: int) -> float:
    """Median wall time of ``runs`` runs after one warm-up (which fills the OS file cache)."""
    samples = []
    for attempt in range(runs + 1):
        with tempfile.TemporaryDirectory(prefix="order-desk-bench-") as home:
            started = time.perf_counter()
            subprocess.run(command, env={**env, "ORDER_DESK_HOME": home}, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
            if attempt:
                samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app-dist", type=Path,
                        help="reuse a dist/ folder from packaging/build.py instead of building")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="order-desk-bundle-bench-") as scratch_name:
        scratch = Path(scratch_name)
        started = time.perf_counter()
        hello = freeze_hello(scratch / "hello")
        hello_build = time.perf_counter() - started
        if args.app_dist:
            app, app_build = args.app_dist / "order-desk", float("nan")
        else:
            started = time.perf_counter()
            app = freeze_app(scratch / "app")
            app_build = time.perf_counter() - started

        env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
        env["QT_QPA_PLATFORM"] = "offscreen"
        hello_start = time_runs([str(executable(hello, "hello"))], env, args.runs)
        app_start = time_runs(
            [str(executable(app, "order-desk")), "--self-test"],
            {**env, "ORDER_DESK_SELF_TEST_CHECKS": "main window"}, args.runs,
        )
        hello_size, app_size = tree_size(hello), tree_size(app)
        added = added_parts(app, hello, "order-desk")

    size_ratio = app_size / hello_size
    mib = 1024 * 1024
    print(f"build time       hello {hello_build:6.1f} s   order-desk {app_build:6.1f} s")
    print(f"bundle size      hello {hello_size / mib:6.1f} MiB order-desk {app_size / mib:6.1f} MiB"
          f"   ratio {size_ratio:.2f} (target <= {SIZE_TARGET})")
    print(f"start-up (median of {args.runs})  hello {hello_start:.2f} s   "
          f"order-desk {app_start:.2f} s   ratio {app_start / hello_start:.2f}")
    print(f"what order-desk adds ({(app_size - hello_size) / mib:.1f} MiB), 0.1 MiB and over:")
    for name, size in added:
        if abs(size) >= mib / 10:
            print(f"  {size / mib:6.2f} MiB  {name}")
    return 0 if size_ratio <= SIZE_TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
