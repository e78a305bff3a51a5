"""Engine throughput against the sandbox with a set latency, compared with the floor that latency
and concurrency impose (N x latency / concurrency) and, with a rate limit on, with the floor the
limit imposes ((N - burst) / rate). Both floors are computed for this run's own settings.

    uv run python bench/bench_engine.py [--orders N] [--latency S] [--concurrency C]
                                        [--rate-limit R/BURST]

Prints one line per scenario: measured seconds, floor seconds and their ratio (target <= 1.2).
"""

from __future__ import annotations

import argparse
import logging
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
                         "province": "Ile-de-France", "city": "Paris", "zip": "75004"},
        "orderItemsList": [{"sku": "SKU-RED-M", "quantity": 1}],
        "channelType": "Standard",
    }


@contextmanager
def sandbox_process(latency: float) -> Iterator[str]:
    """The sandbox in its own process (as an operator would run it), so its request handling does
    not compete with the engine for this interpreter; yields the KA base URL."""
    child = subprocess.Popen(
        [sys.executable, "-m", "app", "sandbox", "--latency", str(latency), "--no-rate-limit"],
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orders", type=int, default=400)
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--rate-limit", default="50/20")
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


if __name__ == "__main__":
    main()
