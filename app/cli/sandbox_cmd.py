"""`order-desk sandbox`: run the local KA + Nomad simulator in the foreground until Ctrl+C."""

from __future__ import annotations

import argparse
import ipaddress
import logging
import math
import signal
import sqlite3
import sys
import threading
from pathlib import Path
from types import FrameType

from app.core.secrets import SANDBOX_SECRETS
from app.sandbox import SandboxConfig, SandboxServer, StoreError

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_USAGE = 2
LOCAL_NAMES = frozenset({"localhost"})
MAX_PORT = 65535


def configure_sandbox(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Serve KA under /openapi and Nomad under /envoy on one loopback port, with the "
        "documented sandbox credentials unless others are given. Ctrl+C stops it."
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (loopback)")
    parser.add_argument("--port", type=_port, default=0, help="port (default: any free port)")
    parser.add_argument(
        "--allow-remote",
        action="store_true",
        help="allow a non-loopback --host (anyone who can reach it can place sandbox orders)",
    )
    parser.add_argument(
        "--ka-token",
        default=SANDBOX_SECRETS["ka_token"],
        help="bearer token KA requests must carry (default: %(default)s)",
    )
    parser.add_argument(
        "--nomad-app-key",
        default=SANDBOX_SECRETS["nomad_app_key"],
        help="Nomad gateway app key (default: %(default)s)",
    )
    parser.add_argument(
        "--nomad-app-secret",
        default=SANDBOX_SECRETS["nomad_app_secret"],
        help="Nomad gateway app secret (default: %(default)s)",
    )
    parser.add_argument(
        "--db", type=Path, help="keep orders in this SQLite file (default: memory, lost on exit)"
    )
    parser.add_argument("--latency", type=_seconds, default=0.0,
                        help="seconds from a request's arrival to its answer")
    parser.add_argument("--listing-lag", type=_seconds, default=0.0,
                        help="seconds before a new order shows in order queries (a lagging "
                        "search index)")
    parser.add_argument(
        "--error-rate", type=_rate, default=0.0, help="share of requests answered 503 (0..1)"
    )
    parser.add_argument(
        "--malformed-rate",
        type=_rate,
        default=0.0,
        help="share of requests answered 200 with an HTML page (0..1)",
    )
    parser.add_argument(
        "--drop-after-commit-rate",
        type=_rate,
        default=0.0,
        help="share of orders created (or cancelled) and then left unanswered (0..1)",
    )
    parser.add_argument(
        "--no-rate-limit", action="store_true", help="turn off KA's 2/s (burst 120) limit"
    )
    parser.add_argument("--ship-after", type=_seconds, metavar="SECONDS",
                        help="orders ship (with a tracking number) this many seconds after they "
                        "are created; cancels are refused from then on (default: never)")
    parser.add_argument("--seed", type=int,
                        help="make the fault choices, ship times and tracking numbers "
                        "reproducible")
    parser.set_defaults(func=run)


def _number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number, not {text!r}") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"must be a finite number, not {text!r}")
    return value


def _rate(text: str) -> float:
    value = _number(text)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, not {text}")
    return value


def _seconds(text: str) -> float:
    value = _number(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must not be negative, not {text}")
    return value


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, not {text!r}") from None
    if not 0 <= value <= MAX_PORT:
        raise argparse.ArgumentTypeError(f"must be between 0 and {MAX_PORT}, not {text}")
    return value


def is_loopback(host: str) -> bool:
    if host.lower() in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name other than localhost: could resolve anywhere


def config_from_args(args: argparse.Namespace) -> SandboxConfig:
    return SandboxConfig(
        host=args.host,
        port=args.port,
        ka_token=args.ka_token,
        nomad_app_key=args.nomad_app_key,
        nomad_app_secret=args.nomad_app_secret,
        db_path=args.db,
        latency=args.latency,
        error_rate=args.error_rate,
        malformed_rate=args.malformed_rate,
        drop_after_commit_rate=args.drop_after_commit_rate,
        listing_lag=args.listing_lag,
        ship_after=args.ship_after,
        ka_rate_limit=None if args.no_rate_limit else SandboxConfig.ka_rate_limit,
        seed=args.seed,
    )


def run(args: argparse.Namespace) -> int:
    if not is_loopback(args.host) and not args.allow_remote:
        print(
            f"order-desk sandbox: refusing to listen on {args.host}: the sandbox speaks plain "
            "HTTP and accepts well-known test credentials, so anyone who can reach it could "
            "place orders in it. Use a loopback address, or add --allow-remote if you mean it.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    server = SandboxServer(config_from_args(args))
    try:
        server.start()
    except OSError as exc:
        print(
            f"order-desk sandbox: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr
        )
        return EXIT_USAGE
    except StoreError as exc:
        print(f"order-desk sandbox: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except sqlite3.Error as exc:  # e.g. --db names a folder or a file that is not a database
        print(f"order-desk sandbox: cannot use {args.db} to keep orders: {exc}", file=sys.stderr)
        return EXIT_USAGE
    stop = threading.Event()
    previous = _on_stop_signals(stop)
    try:
        _print_banner(server)
        while not stop.wait(0.5):
            pass
    finally:
        _restore(previous)
        server.stop()
    print("sandbox stopped", flush=True)
    return EXIT_OK


def _print_banner(server: SandboxServer) -> None:
    config = server.config
    faults = ", ".join(
        f"{name}={getattr(config, name)}"
        for name in ("latency", "error_rate", "malformed_rate", "drop_after_commit_rate",
                     "listing_lag")
        if getattr(config, name)
    )
    limit = f"{config.ka_rate_limit}/s, burst {config.ka_burst}" if config.ka_rate_limit else "off"
    ships = ("never" if config.ship_after is None
             else f"{config.ship_after:g} s after creation"
             + ("" if config.seed is None else " (0.5 to 1.5 times that, by the seed)"))
    lines = [
        "Order Desk sandbox is running. Press Ctrl+C to stop.",
        f"  KA base URL:      {server.ka_base_url}",
        f"  KA token:         {config.ka_token}",
        f"  Nomad base URL:   {server.nomad_base_url}  (any store id; stage TEST, PRE or RELEASE)",
        f"  Nomad app key:    {config.nomad_app_key}",
        f"  Nomad app secret: {config.nomad_app_secret}",
        f"  Orders kept in:   {config.db_path or 'memory (lost on exit)'}",
        f"  KA rate limit:    {limit}",
        f"  Faults:           {faults or 'none'}",
        f"  Orders ship:      {ships}",
    ]
    print("\n".join(lines), flush=True)


_Handlers = dict[int, object]


def _on_stop_signals(stop: threading.Event) -> _Handlers:
    """Ctrl+C and a polite kill both end the loop, so the server always stops cleanly."""

    def handler(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous: _Handlers = {}
    for name in ("SIGINT", "SIGTERM"):
        number = getattr(signal, name, None)
        if number is not None:
            previous[number] = signal.signal(number, handler)
    return previous


def _restore(previous: _Handlers) -> None:
    for number, handler in previous.items():
        signal.signal(number, handler)  # type: ignore[arg-type]
