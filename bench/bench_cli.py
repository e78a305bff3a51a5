"""Command-line start-up: `order-desk --help` and `order-desk validate` of a one-order file, each
a whole process from start to exit, against ``python -c "import pydantic"`` with the same
interpreter, measured in the same run (interleaved, median of --runs).

    uv run python bench/bench_cli.py [--runs 15]

Targets: --help <= 1.5x and validate <= 3x the floor. Byte code is cached (one untimed warm-up of
each), as in an installed program.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fixtures.sandbox import ka_order  # noqa: E402

TARGETS = {"--help": 1.5, "validate": 3.0}


def child_env(home: Path) -> dict[str, str]:
    """The environment of every timed process: a private data folder, byte code written."""
    env = {**os.environ, "ORDER_DESK_HOME": str(home), "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        order = Path(tmp) / "one.json"
        order.write_text(json.dumps(ka_order("BENCH-1")), encoding="utf-8")
        env = child_env(Path(tmp) / "home")
        commands = {
            "floor": [sys.executable, "-c", "import pydantic"],
            "--help": [sys.executable, "-m", "app", "--help"],
            "validate": [sys.executable, "-m", "app", "validate", str(order), "--target", "ka"],
        }
        for command in commands.values():
            timed(command, env)  # warm-up: byte code, data folder
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(timed(command, env))
    floor = statistics.median(times["floor"])
    print(f"python -c 'import pydantic' (floor): {floor * 1000:6.0f} ms (median of {args.runs})")
    failed = False
    for name, target in TARGETS.items():
        measured = statistics.median(times[name])
        ratio = measured / floor
        failed |= ratio > target
        print(f"order-desk {name:<9}: {measured * 1000:6.0f} ms  ratio {ratio:4.2f}x "
              f"(target <= {target}x)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
