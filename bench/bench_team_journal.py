"""The team journal on PostgreSQL (a server this script starts on a temporary data directory).

1. Desks sharing it: 4 desks (each an `order-desk submit` process with its own data folder) send
   1,000 orders each, overlapping (each desk's references start 500 after the previous desk's;
   each file in an order of its own), to one sandbox (its own process) with 100 ms latency.
   Every unique order must be created once. The floor is what
   latency and concurrency allow: unique orders x latency / (desks x concurrency).
2. The history's first page of a search on a large team journal: the count and the newest 100
   orders matching a word (what the history view asks for), against the newest 100 orders with no
   search on the same database (the floor: a walk of the primary key).

    uv run python bench/bench_team_journal.py [--desks 4] [--orders 1000] [--overlap 500]
        [--latency 0.1] [--concurrency 8] [--history-size N | --full]

The history part loads 100,000 orders by default; --full loads 1,000,000 (several minutes). The
size used is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402

from app.core.journal import HistoryFilter, Journal  # noqa: E402
from app.core.journal.postgres import PostgresDatabase  # noqa: E402
from app.core.secrets import SANDBOX_SECRETS  # noqa: E402
from bench.bench_engine import sandbox_process  # noqa: E402
from tests.fixtures.postgres import PostgresServer, _server_binaries  # noqa: E402
from tests.fixtures.sandbox import ka_order  # noqa: E402


def desks_run(server: PostgresServer, args: argparse.Namespace) -> None:
    url = server.new_database()
    Journal(database=PostgresDatabase(url)).close()  # schema made before the clock starts
    starts = [desk * args.overlap for desk in range(args.desks)]
    unique = starts[-1] + args.orders
    floor = unique * args.latency / (args.desks * args.concurrency)
    with tempfile.TemporaryDirectory() as scratch, sandbox_process(args.latency) as sandbox_url:
        children = []
        commands = []
        for desk, start in enumerate(starts):
            home = Path(scratch) / f"desk{desk}"
            home.mkdir()
            orders = home / "orders.json"
            # Each desk's file in an order of its own (seeded), as colleagues' sheets would be.
            numbers = list(range(start, start + args.orders))
            random.Random(desk).shuffle(numbers)
            orders.write_text(json.dumps([ka_order(f"TEAM-{n:06d}") for n in numbers]),
                              encoding="utf-8")
            env = dict(os.environ, ORDER_DESK_HOME=str(home), ORDER_DESK_DATABASE_URL=url,
                       ORDER_DESK_DESK_NAME=f"desk {desk + 1}",
                       ORDER_DESK_KA_TOKEN=SANDBOX_SECRETS["ka_token"],
                       PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
            commands.append(([sys.executable, "-m", "app", "submit", str(orders), "--target",
                              "ka", "--base-url", sandbox_url, "--concurrency",
                              str(args.concurrency), "--no-rate-limit", "--lookup-settle", "0",
                              "--json"], env))
        started = time.perf_counter()
        for command, env in commands:
            children.append(subprocess.Popen(command, cwd=ROOT, env=env, text=True,
                                             stdout=subprocess.PIPE, stderr=subprocess.PIPE))
        outputs = [child.communicate() for child in children]
        elapsed = time.perf_counter() - started
    for child, (_, err) in zip(children, outputs, strict=True):
        if child.returncode != 0:
            raise SystemExit(f"a desk ended with exit {child.returncode}: {err[-2000:]}")
    with Journal(database=PostgresDatabase(url)) as journal:
        journaled = journal.count()
        summary = journal.summary()
    if journaled != unique or summary["by_state"] != {"accepted": unique}:
        raise SystemExit(f"expected {unique} accepted orders, the journal holds {summary}")
    print(f"{args.desks} desks x {args.orders} orders ({unique} unique), latency "
          f"{args.latency * 1000:.0f} ms, concurrency {args.concurrency} per desk")
    print(f"  total {elapsed:7.2f} s   floor {floor:7.2f} s   ratio {elapsed / floor:5.2f}   "
          "(desk processes' start-up included)")


NAMES = 997  # distinct recipients: a name matches about one order in a thousand


def history_run(server: PostgresServer, size: int) -> None:
    url = server.new_database()
    Journal(database=PostgresDatabase(url)).close()
    loading = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as conn:
        for first in range(0, size, 100_000):
            last = min(first + 100_000, size)
            conn.execute(
                "INSERT INTO orders (target, account, profile, reference, reference_generated, "
                "state, payload, fingerprint, remote_id, message, created_at, updated_at, "
                "entered_by, desk) "
                "SELECT 'ka', 'https://shop.example.test', 'Shop KA', "
                "'H-' || lpad(i::text, 8, '0'), 0, 'accepted', "
                "json_build_object('customOrderId', 'H-' || lpad(i::text, 8, '0'), "
                "  'orderAddress', json_build_object('recipient', 'Jeanne Name' || (i %% %s), "
                "  'country', 'FR', 'city', 'Paris', 'phone', '+33142685300'), "
                "  'orderItemsList', json_build_array(json_build_object('sku', "
                "  'SKU-' || (i %% 300), 'quantity', 1)))::text, "
                "'fp' || i, 'KK-' || i, 'created', 1.7e9 + i, 1.7e9 + i, 'ana', 'desk 1' "
                "FROM generate_series(%s::integer, %s::integer) AS i",
                (NAMES, first, last - 1),
            )
        conn.execute("ANALYZE orders")
    print(f"history of {size:,} orders (loaded in {time.perf_counter() - loading:.0f} s)")
    with Journal(database=PostgresDatabase(url)) as journal:
        def first_page(where: HistoryFilter) -> tuple[float, int, int]:
            best = float("inf")
            for _ in range(5):  # the best of a few: the server's caches warm
                started = time.perf_counter()
                total = journal.count(where)
                page = journal.page(where, 0, 100)
                best = min(best, time.perf_counter() - started)
            return best, total, len(page)

        floor, total, shown = first_page(HistoryFilter())
        print(f"  no search            {floor * 1000:8.1f} ms   ({total:,} orders, {shown} shown)"
              "   the floor")
        for words in ("name421", "jeanne", "H-0004"):
            where = (HistoryFilter(reference=words) if words.startswith("H-")
                     else HistoryFilter(text=words))
            took, total, shown = first_page(where)
            label = f"reference {words}" if words.startswith("H-") else f"search '{words}'"
            print(f"  {label:<20} {took * 1000:8.1f} ms   ({total:,} match, {shown} shown)"
                  f"   ratio {took / floor:5.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--desks", type=int, default=4)
    parser.add_argument("--orders", type=int, default=1000)
    parser.add_argument("--overlap", type=int, default=500,
                        help="how far apart two desks' first references are")
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--history-size", type=int, default=100_000)
    parser.add_argument("--full", action="store_true", help="history of 1,000,000 orders")
    parser.add_argument("--skip-desks", action="store_true")
    args = parser.parse_args()
    bindir = _server_binaries()
    if bindir is None:
        raise SystemExit("no PostgreSQL server binaries (Debian's `postgresql` package)")
    server = PostgresServer(bindir)
    server.start()
    try:
        if not args.skip_desks:
            desks_run(server, args)
        history_run(server, 1_000_000 if args.full else args.history_size)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
