"""Engine throughput against the sandbox with a set latency, compared with the floor that latency
and concurrency impose (N x latency / concurrency) and, with a rate limit on, with the floor the
limit imposes ((N - burst) / rate). Both floors are computed for this run's own settings.

    uv run python bench/bench_engine.py [--orders N] [--latency S] [--concurrency C]
                                        [--rate-limit R/BURST]

Prints one line per scenario: measured seconds, floor seconds and their ratio (target <= 1.2).

With --cli, the same batch goes through `order-desk submit` as a whole process, start to exit,
against the same floor (target <= 1.15x); with --ka-limit as well, against a sandbox keeping KA's
documented limit (2/s, burst 120) with the client pacing itself to it: floor (N - burst) / rate,
target <= 1.05x and not one answer of 429.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.core.clients import make_client  # noqa: E402
from app.core.engine import ResultStatus, SubmissionEngine  # noqa: E402
from app.core.journal import Journal  # noqa: E402
from app.core.models import validate_order  # noqa: E402
from app.core.ratelimit import parse_rate_limit  # noqa: E402
from app.core.secrets import SANDBOX_SECRETS  # noqa: E402
from app.core.settings import SANDBOX_PROFILES, Profile  # noqa: E402
from app.core.targets import Target  # noqa: E402


def order(number: int) -> dict[str, object]:
    return {
        "customOrderId": f"BENCH-{number:06d}",
        "orderAddress": {"country": "FR", "phone": "+33142685300", "recipient": "Jeanne Martin",
                         "province": "Ile-de-France", "city": "Paris", "zip": "75004",
                         "street1": "10 Rue de Rivoli"},
        "orderItemsList": [{"sku": "SKU-RED-M", "quantity": 1}],
        "channelType": "Standard",
    }


@contextmanager
def sandbox_process(latency: float, *, ka_limit: bool = False) -> Iterator[str]:
    """The sandbox in its own process (as an operator would run it), so its request handling does
    not compete with the engine for this interpreter; yields the KA base URL. ``ka_limit``: with
    KA's documented rate limit (answering 429 beyond it)."""
    limit = [] if ka_limit else ["--no-rate-limit"]
    child = subprocess.Popen(
        [sys.executable, "-m", "app", "sandbox", "--latency", str(latency), *limit],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert child.stdout is not None
        for line in child.stdout:
            if "KA base URL:" in line:
                yield line.split("KA base URL:")[1].strip()
                break
        else:
            raise SystemExit("the sandbox did not start")
    finally:
        child.terminate()
        child.wait()
        if child.stdout is not None:
            child.stdout.close()


def run(orders: int, url: str, profile: Profile) -> float:
    with tempfile.TemporaryDirectory() as home:
        journal = Journal(Path(home) / "journal.sqlite3")
        engine = SubmissionEngine(journal, lambda p: make_client(p, SANDBOX_SECRETS, base_url=url))
        payloads = [order(n) for n in range(orders)]
        started = time.perf_counter()
        report = engine.submit_batch(payloads, profile).wait()
        elapsed = time.perf_counter() - started
        engine.close()
        journal.close()
    accepted = report.count(ResultStatus.ACCEPTED)
    if accepted != orders:
        raise SystemExit(f"only {accepted} of {orders} orders were accepted")
    return elapsed


def run_cli(orders: int, url: str, concurrency: int, rate_limit: str | None,
            first: int = 0) -> tuple[float, int]:
    """`order-desk submit` of a file of `orders` orders (numbered from `first`), start to exit;
    (seconds, answers of 429 it logged)."""
    with tempfile.TemporaryDirectory() as home:
        path = Path(home) / "orders.json"
        path.write_text(json.dumps([order(first + n) for n in range(orders)]), encoding="utf-8")
        env = {**os.environ, "ORDER_DESK_HOME": str(Path(home) / "data"),
               "ORDER_DESK_KA_TOKEN": SANDBOX_SECRETS["ka_token"], "PYTHONPATH": str(ROOT)}
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # byte code cached, as in an installed program
        limit = ["--rate-limit", rate_limit] if rate_limit else ["--no-rate-limit"]
        command = [sys.executable, "-m", "app", "-v", "submit", str(path), "--target", "ka",
                   "--base-url", url, "--concurrency", str(concurrency), "--json", *limit]
        started = time.perf_counter()
        done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
        elapsed = time.perf_counter() - started
    accepted = sum('"status": "accepted"' in line for line in done.stdout.splitlines())
    if accepted != orders:
        raise SystemExit(f"only {accepted} of {orders} orders were accepted:\n{done.stderr}")
    return elapsed, sum("-> 429 " in line for line in done.stderr.splitlines())


def cli_scenarios(args: argparse.Namespace) -> None:
    n, latency, concurrency = args.orders, args.latency, args.concurrency
    with sandbox_process(latency) as url:
        run_cli(10, url, concurrency, None, first=900_000)  # warm-up: byte code
        elapsed, _ = run_cli(n, url, concurrency, None)
    floor = n * latency / concurrency
    print(f"  {'order-desk submit':<24} {elapsed:7.2f} s   floor {floor:7.2f} s   "
          f"ratio {elapsed / floor:5.2f}   (process start to exit; target <= 1.15)")
    if args.ka_limit:
        from app.core.targets.ka import KA_BURST, KA_RATE_LIMIT

        with sandbox_process(latency, ka_limit=True) as url:
            elapsed, refused = run_cli(n, url, concurrency, f"{KA_RATE_LIMIT:g}/{KA_BURST}")
        floor = max(n * latency / concurrency, (n - KA_BURST) / KA_RATE_LIMIT)
        print(f"  {'submit, KA limit 2/120':<24} {elapsed:7.2f} s   floor {floor:7.2f} s   "
              f"ratio {elapsed / floor:5.2f}   answers of 429: {refused} (target <= 1.05, none)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orders", type=int, default=400)
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--rate-limit", default="50/20")
    parser.add_argument("--cli", action="store_true",
                        help="also time `order-desk submit` as a process (use --orders 300)")
    parser.add_argument("--ka-limit", action="store_true",
                        help="with --cli: also against KA's own limit (takes (N - 120) / 2 s)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    rate, burst = parse_rate_limit(args.rate_limit)
    # Country and phone tables load on first use: a one-time cost per process, not per batch.
    validate_order(Target.KA, order(0))
    base = replace(SANDBOX_PROFILES[0], concurrency=args.concurrency, rate_limit=None)
    n, latency, concurrency = args.orders, args.latency, args.concurrency

    scenarios = [
        ("no limit", base, n * latency / concurrency),
        (f"limit {rate:g}/s burst {burst}", replace(base, rate_limit=rate, burst=burst),
         max(n * latency / concurrency, (n - burst) / rate)),
    ]
    print(f"{n} orders, sandbox latency {latency * 1000:.0f} ms, concurrency {concurrency}")
    for name, profile, floor in scenarios:
        with sandbox_process(latency) as url:
            elapsed = run(n, url, replace(profile, name=f"Bench {name}"))
        print(f"  {name:<24} {elapsed:7.2f} s   floor {floor:7.2f} s   "
              f"ratio {elapsed / max(floor, 1e-9):5.2f}   ({n / elapsed:6.1f} orders/s)")
    if args.cli:
        cli_scenarios(args)


if __name__ == "__main__":
    main()
