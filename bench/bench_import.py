"""Import throughput: 100,000 rows read, mapped, grouped and validated, against a plain `csv` pass.

    uv run python bench/bench_import.py [--rows N]

The floor is the csv module reading and splitting the same file in the same run; the ratio says
what detection, mapping and per-order validation cost on top. Linear work keeps it flat as N grows
(try --rows 10000 and --rows 100000). Two measurements: the import inside this process, and
`order-desk validate FILE` as a whole process, start to exit (target <= 10x a plain csv pass run
the same way, as a process of its own; peak memory under 400 MB).
"""

from __future__ import annotations

import argparse
import csv
import io
import logging
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.core.gcpause import collection_paused  # noqa: E402
from app.core.importing import open_import  # noqa: E402
from app.core.targets import Target  # noqa: E402

HEADERS = ["订单号", "Recipient Name", "Phone", "Country", "Province", "City", "Street", "Zip",
           "SKU", "Qty", "Shipping speed"]
log = logging.getLogger(__name__)


def write_file(path: Path, rows: int, seed: int = 7) -> None:
    """KA orders of one to three lines each, with a few invalid quantities."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        written, order = 0, 0
        while written < rows:
            order += 1
            lines = min(rng.randint(1, 3), rows - written)
            address = [f"Name {order}", f"+1 212 555 {order % 10000:04d}", "US", "NY",
                       "New York", f"{order} Main St, Apt \"{order % 7}\"", f"{order % 100000:05d}"]
            for line in range(lines):
                qty = "zero" if rng.random() < 0.01 else str(rng.randint(1, 5))
                first = line == 0
                writer.writerow([f"B-{order}", *(address if first else [""] * len(address)),
                                 f"SKU-{rng.randint(1, 999)}", qty, "Standard" if first else ""])
            written += lines


def plain_csv_pass(path: Path) -> int:
    text = path.read_bytes().decode("utf-8-sig")
    return sum(1 for _ in csv.reader(io.StringIO(text, newline=""))) - 1


CLI_TARGET = 10.0
MEMORY_TARGET_MB = 400

# The floor as a process of its own: the same interpreter reading and splitting the file.
CSV_PROCESS = """
import csv, io, sys
text = open(sys.argv[1], "rb").read().decode("utf-8-sig")
print(sum(1 for _ in csv.reader(io.StringIO(text, newline=""))) - 1)
"""


def process_seconds(command: list[str]) -> tuple[float, float]:
    """Wall seconds of a whole process, start to exit, and its peak memory in MB."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # byte code cached, as in an installed program
    started = time.perf_counter()
    child = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(child.pid, 0)
    return time.perf_counter() - started, usage.ru_maxrss / 1024


def cli_run(path: Path, home: Path) -> None:
    """`order-desk validate` of the file against `python` reading it with csv, each a process."""
    os.environ["ORDER_DESK_HOME"] = str(home)
    floor_command = [sys.executable, "-c", CSV_PROCESS, str(path)]
    cli_command = [sys.executable, "-m", "app", "validate", str(path), "--target", "ka"]
    process_seconds(floor_command)
    process_seconds(cli_command)  # warm-up: byte code, data folder
    floor, _ = min(process_seconds(floor_command) for _ in range(3))
    # Each the best of three on a shared machine; the memory is the highest of the three.
    runs = [process_seconds(cli_command) for _ in range(3)]
    cli, peak_mb = min(seconds for seconds, _ in runs), max(peak for _, peak in runs)
    print(f"process: python + csv pass (floor): {floor:.3f} s")
    print(f"process: order-desk validate: {cli:.3f} s, peak memory {peak_mb:.0f} MB "
          f"(target < {MEMORY_TARGET_MB} MB)")
    print(f"process ratio vs floor: {cli / floor:.1f}x (target <= {CLI_TARGET:.0f}x)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--no-cli", action="store_true", help="only the in-process import")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "orders.csv"
        write_file(path, args.rows)
        start = time.perf_counter()
        floor_rows = plain_csv_pass(path)
        floor = time.perf_counter() - start
        start = time.perf_counter()
        with collection_paused():  # as the command line and the import dialog load a file
            session = open_import(path, Target.KA)
        full = time.perf_counter() - start
        if not args.no_cli:
            cli_run(path, Path(tmp) / "home")
    rec = session.reconciliation()
    assert rec.adds_up and rec.rows_read == floor_rows == args.rows, rec
    print(f"rows: {rec.rows_read:,}  orders: {len(session.orders):,}  ({rec})")
    print(f"plain csv pass (floor): {floor:.3f} s")
    print(f"read + map + group + validate: {full:.3f} s  "
          f"({rec.rows_read / full:,.0f} rows/s, {full / len(session.orders) * 1e6:.0f} µs/order)")
    print(f"ratio vs floor: {full / floor:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
