"""History queries on a large journal (default: 500,000 orders, 1,000,000 attempts), each timed
against the floor of a primary-key lookup measured in the same run on the same file.

    uv run python bench/bench_journal.py [--orders N] [--attempts-per-order K]

Prints, per query: median milliseconds, and the ratio to the primary-key lookup. What the GUI and
`order-desk history` run (a first page of a filter, a count) should stay within a few
milliseconds; counts that must visit every matching row grow with the match, not the journal.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.core.journal import HistoryFilter, Journal, OrderState
from app.core.targets import Target

FIRST = ["Jeanne", "Jean", "Marie", "Pierre", "Wei", "Li", "Aiko", "Carlos", "Ana", "Omar"]
LAST = ["Martin", "Dupont", "Bernard", "Zhang", "Wang", "Sato", "Garcia", "Silva", "Haddad"]
CITIES = ["Paris", "Lyon", "Berlin", "Madrid", "Shanghai", "Osaka", "Lisbon", "Cairo"]
STATES = [OrderState.ACCEPTED] * 90 + [OrderState.REJECTED] * 8 + [OrderState.UNKNOWN] * 2
BUDGET_MS = 50.0
START = 1_700_000_000.0  # orders are spread one per 10 s from here
# The account each target's orders are kept in (`app.core.accounts`): one production account each.
ACCOUNTS = {Target.KA: "https://developer.kakaclo.com",
            Target.NOMAD: "https://nomad.samarkand-global.cn/envoy store=shop stage=RELEASE"}


def build(path: Path, orders: int, attempts_per_order: int, rng: random.Random) -> None:
    Journal(path).close()  # creates the schema
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = OFF")  # building the fixture only
    chunk = 20_000
    for first in range(0, orders, chunk):
        order_rows, attempt_rows = [], []
        for number in range(first, min(first + chunk, orders)):
            target = Target.KA if number % 3 else Target.NOMAD
            reference = f"OD-{number:08d}"
            payload = json.dumps({
                "customOrderId": reference,
                "orderAddress": {
                    "recipient": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                    "phone": f"+3314{rng.randrange(10**7):07d}",
                    "city": rng.choice(CITIES), "country": "FR", "province": "IDF",
                },
                "orderItemsList": [{"sku": f"SKU-{rng.randrange(5000):04d}", "quantity": 1}],
                "channelType": "Standard",
            })
            state = rng.choice(STATES)
            created = START + number * 10
            remote = str(10**12 + number) if state is OrderState.ACCEPTED else None
            account = ACCOUNTS[target]
            order_rows.append((number + 1, target.value, account, "Production", reference, 0,
                               state.value, payload, f"fp{number}", remote, "", None,
                               attempts_per_order, created, created + 1))
            for attempt in range(attempts_per_order):
                attempt_rows.append((number + 1, "send", created + attempt, target.value,
                                     "Production", '{"method": "POST"}', 200,
                                     '{"code": 10000}', 120.0, "accepted", ""))
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO orders (id, target, account, profile, reference, reference_generated, "
            "state, payload, fingerprint, remote_id, message, batch_id, attempt_count, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            order_rows)
        conn.executemany(
            "INSERT INTO attempts (order_id, kind, started_at, target, profile, request, "
            "http_status, response_body, duration_ms, outcome, message) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", attempt_rows)
        conn.execute("COMMIT")
        print(f"\r  building: {min(first + chunk, orders):,} orders", end="", flush=True)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("ANALYZE")
    conn.close()
    print()


def median_ms(query: Callable[[], object], repeat: int) -> float:
    query()  # warm the page cache
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        query()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orders", type=int, default=500_000)
    parser.add_argument("--attempts-per-order", type=int, default=2)
    args = parser.parse_args()
    rng = random.Random(5)
    with tempfile.TemporaryDirectory() as home:
        path = Path(home) / "journal.sqlite3"
        started = time.perf_counter()
        build(path, args.orders, args.attempts_per_order, rng)
        print(f"{args.orders:,} orders, {args.orders * args.attempts_per_order:,} attempts "
              f"(built in {time.perf_counter() - started:.0f} s, "
              f"{path.stat().st_size / 2**20:.0f} MiB)")
        journal = Journal(path)
        ids = [rng.randrange(1, args.orders + 1) for _ in range(200)]
        picks = iter(ids * 1000)
        floor = median_ms(lambda: journal.get(next(picks)), 200)
        middle = START + args.orders * 5
        queries: list[tuple[str, Callable[[], object]]] = [
            ("find by reference", lambda: journal.find(Target.KA, ACCOUNTS[Target.KA],
                                                       f"OD-{next(picks) - 1:08d}")),
            ("attempts of an order", lambda: journal.attempts(next(picks))),
            ("page: newest 100", lambda: journal.page(None, 0, 100)),
            ("page: reference prefix", lambda: journal.page(HistoryFilter(reference="OD-0012"))),
            ("page: state unknown", lambda: journal.page(HistoryFilter(state=OrderState.UNKNOWN))),
            ("page: target nomad", lambda: journal.page(HistoryFilter(target=Target.NOMAD))),
            ("page: one hour", lambda: journal.page(HistoryFilter(since=middle,
                                                                  until=middle + 3600))),
            ("page: text 'dupont lyon'", lambda: journal.page(HistoryFilter(text="dupont lyon"))),
            ("page: text remote id", lambda: journal.page(HistoryFilter(text="1000000123456"))),
            ("page: unknown + text", lambda: journal.page(
                HistoryFilter(state=OrderState.UNKNOWN, text="garcia"))),
            ("count: state unknown", lambda: journal.count(HistoryFilter(
                state=OrderState.UNKNOWN))),
            ("count: one hour", lambda: journal.count(HistoryFilter(since=middle,
                                                                    until=middle + 3600))),
            ("count: text 'sato osaka'", lambda: journal.count(HistoryFilter(text="sato osaka"))),
            ("count: everything", lambda: journal.count()),
        ]
        print(f"  {'primary-key lookup (floor)':<28} {floor:9.3f} ms")
        slowest = 0.0
        for name, query in queries:
            elapsed = median_ms(query, 15)
            slowest = max(slowest, elapsed)
            print(f"  {name:<28} {elapsed:9.3f} ms   ratio {elapsed / floor:8.1f}")
        # A query a window makes while the operator waits should feel instant.
        verdict = "within" if slowest <= BUDGET_MS else "OVER"
        print(f"slowest query {slowest:.1f} ms: {verdict} the {BUDGET_MS:.0f} ms budget")
        journal.close()


if __name__ == "__main__":
    main()
