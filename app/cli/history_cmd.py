"""`order-desk history` (read the journal) and `order-desk reconcile` (resolve unknown outcomes)."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from datetime import UTC, datetime

from app.cli import EXIT_OK, EXIT_UNKNOWN, EXIT_USAGE
from app.cli.common import (
    InputError,
    add_lookup_settle_option,
    apply_overrides,
    client_factory,
    fail,
    open_journal,
    result_line,
)
from app.core.engine import OrderResult, ResultStatus, SubmissionEngine
from app.core.journal import (
    HistoryFilter,
    Journal,
    JournalError,
    OrderRecord,
    OrderState,
    SendLockBusyError,
)
from app.core.settings import Profile, load_settings
from app.core.targets import Target

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    history = subparsers.add_parser("history", help="list journaled orders, newest first")
    history.add_argument("--json", action="store_true", help="one JSON line per order")
    history.add_argument("--ref", help="reference, or its beginning")
    history.add_argument("--state", choices=[s.value for s in OrderState])
    history.add_argument("--target", choices=[t.value for t in Target])
    history.add_argument("--profile", help="profile name")
    history.add_argument("--text", help="words found anywhere (recipient, phone, SKU, message...)")
    history.add_argument("--limit", type=int, default=50, metavar="N",
                         help="at most N orders (default 50; 0 for all)")
    history.set_defaults(func=run_history)

    reconcile = subparsers.add_parser(
        "reconcile", help="resolve orders whose outcome is unknown by looking them up"
    )
    reconcile.add_argument("--target", choices=[t.value for t in Target])
    reconcile.add_argument("--profile", help="only this profile")
    reconcile.add_argument("--base-url", help="override the profile's URL")
    add_lookup_settle_option(reconcile)
    reconcile.add_argument("--json", action="store_true", help="one JSON line per order")
    reconcile.set_defaults(func=run_reconcile)


def _iso(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _as_json(record: OrderRecord) -> str:
    return json.dumps({
        "ref": record.reference,
        "state": record.state.value,
        "remote_id": record.remote_id,
        "message": record.message,
        "target": record.target.value,
        "profile": record.profile,
        "attempts": record.attempt_count,
        "created_at": _iso(record.created_at),
        "updated_at": _iso(record.updated_at),
    }, ensure_ascii=False)


def _as_line(record: OrderRecord) -> str:
    local = datetime.fromtimestamp(record.created_at).strftime("%Y-%m-%d %H:%M:%S")
    parts = [local, f"{record.target.label:<5}", f"{record.state.value:<9}", record.reference,
             record.remote_id or "-"]
    if record.message:
        parts.append(f"({record.message})")
    return "  ".join(parts)


def run_history(args: argparse.Namespace) -> int:
    if args.limit < 0:
        fail("history", "--limit must be 0 (all) or more")
        return EXIT_USAGE
    try:
        journal = open_journal()
    except InputError as exc:
        fail("history", str(exc))
        return EXIT_USAGE
    with journal:
        where = HistoryFilter(
            reference=args.ref,
            state=OrderState(args.state) if args.state else None,
            target=Target(args.target) if args.target else None,
            profile=args.profile,
            text=args.text,
        )
        records = journal.page(where, 0, args.limit or -1)
        for record in records:
            print(_as_json(record) if args.json else _as_line(record))
    if not records and not args.json:  # stdout stays empty for scripts; a person is told
        print("no orders match" if _filtered(args) else "the journal holds no orders yet",
              file=sys.stderr)
    return EXIT_OK


def _filtered(args: argparse.Namespace) -> bool:
    return any((args.ref, args.state, args.target, args.profile, args.text))


def run_reconcile(args: argparse.Namespace) -> int:
    try:
        journal = open_journal()
    except InputError as exc:
        fail("reconcile", str(exc))
        return EXIT_USAGE
    with journal:
        return _reconcile_all(args, journal)


def _reconcile_all(args: argparse.Namespace, journal: Journal) -> int:
    settings = load_settings()
    pending = {
        pair
        for state in (OrderState.UNKNOWN, OrderState.SENDING)
        for pair in journal.profiles_in_state(state)
    }
    if args.target:
        pending = {(t, p) for t, p in pending if t is Target(args.target)}
    if args.profile:
        pending = {(t, p) for t, p in pending if p == args.profile}
    if not pending and not args.json:
        print("nothing to reconcile: no order's outcome is unknown", file=sys.stderr)
    still_unknown = 0
    for target, name in sorted(pending):
        profile = settings.profiles.get(name)
        if profile is None or profile.target is not target:
            fail("reconcile", f"profile {name!r} ({target.label}) no longer exists; its unknown "
                 "orders stay unknown")
            still_unknown += 1
            continue
        try:
            profile = apply_overrides(profile, args)
            results = _reconcile_profile(profile, journal)
        except SendLockBusyError as exc:
            fail("reconcile", str(exc))
            return EXIT_USAGE  # the other sender reconciles its own orders
        except (InputError, ValueError, JournalError) as exc:
            fail("reconcile", f"{name}: {exc}")
            still_unknown += 1
            continue
        for result in results:
            print(result_line(result, as_json=args.json))
        still_unknown += sum(1 for r in results if r.status is ResultStatus.UNKNOWN)
    _mention_queued(journal)
    return EXIT_UNKNOWN if still_unknown else EXIT_OK


def _mention_queued(journal: Journal) -> None:
    """Orders journaled but never sent (a run stopped before them) are safe and are not sent
    behind the operator's back; say where they are."""
    queued = journal.count(HistoryFilter(state=OrderState.QUEUED))
    if queued:
        print(f"{queued} order(s) were journaled but never sent (see `order-desk history "
              "--state queued`); submit their file again to send them.", file=sys.stderr)


def _reconcile_profile(profile: Profile, journal: Journal) -> list[OrderResult]:
    with client_factory(profile) as factory:
        engine = SubmissionEngine(journal, factory)
        try:
            report = engine.reconcile(profile).wait()
        finally:
            engine.close()
    return report.recovered
