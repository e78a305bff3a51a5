"""`order-desk status` (what the server says of accepted orders now) and `order-desk cancel`."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime

from app.cli import EXIT_NOT_SENT, EXIT_OK, EXIT_REJECTED, EXIT_UNKNOWN, EXIT_USAGE
from app.cli.common import InputError, fail, json_line, open_desk, select_profile, shown
from app.core.desk import Desk
from app.core.engine import SubmissionEngine
from app.core.journal import HistoryFilter, JournalError, OrderRecord, OrderState
from app.core.server_status import CANCEL_OUTCOME, RECENT_DAYS
from app.core.settings import Profile
from app.core.targets import Target, registered_targets


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--target", choices=[t.value for t in registered_targets()],
                        help="only orders for this API")
    parser.add_argument("--profile", help="only orders of the account this profile reaches, "
                        "asked through it (default: a profile that reaches each order's account)")
    parser.add_argument("--json", action="store_true", help="one JSON line per order")


def configure_status(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Ask the server what became of accepted orders (status, carrier, tracking) and record "
        f"the answer. Without --ref: the unfinished orders of the last {RECENT_DAYS} days. "
        "Orders are asked about in pages, never one request per order.")
    parser.add_argument("--ref", action="append", default=[], metavar="R",
                        help="an order's reference (repeat for more)")
    _common(parser)
    parser.set_defaults(func=run_status)


def configure_cancel(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Cancel accepted orders at their server (KA: the refund of the whole order, only before "
        "it ships; Nomad: the platform's cancel). An order the server says has shipped is "
        "refused without asking; a cancel whose outcome is unknown is looked up, never sent "
        "again.")
    parser.add_argument("refs", nargs="+", metavar="REF", help="references of orders to cancel")
    parser.add_argument("--yes", action="store_true",
                        help="do not ask for confirmation (needed when not run in a terminal)")
    _common(parser)
    parser.set_defaults(func=run_cancel)


def _iso(seconds: float | None) -> str | None:
    if seconds is None:
        return None
    return datetime.fromtimestamp(seconds, UTC).isoformat(timespec="seconds").replace(
        "+00:00", "Z")


def _chosen(desk: Desk, args: argparse.Namespace) -> Profile | None:
    if not args.profile:
        return None
    return select_profile(desk.settings, args)


def _orders(desk: Desk, args: argparse.Namespace, refs: list[str],
            chosen: Profile | None) -> list[OrderRecord]:
    """The accepted orders named (InputError for a reference that names none), or without
    names the recent unfinished ones, narrowed by --target and --profile."""
    target = Target(args.target) if args.target else None
    if chosen is not None:
        target = chosen.target
    account = chosen.account if chosen is not None else None
    if not refs:
        since = time.time() - RECENT_DAYS * 86400
        return desk.journal.status_due(target=target, account=account, created_since=since)
    found: list[OrderRecord] = []
    for ref in refs:
        matches = [o for o in desk.journal.page(HistoryFilter(reference=ref, target=target,
                                                              account=account), 0, -1)
                   if o.reference == ref]
        accepted = [o for o in matches if o.state is OrderState.ACCEPTED]
        if not accepted:
            why = (f"it is {matches[0].state.value}, not on the server" if matches
                   else "no such order in the journal" + (" for that account" if account
                                                          else ""))
            raise InputError(f"{ref}: {why}")
        found += accepted
    return found


def _with_desk(command: str, args: argparse.Namespace, run: Callable[[Desk], int]) -> int:
    try:
        desk = open_desk()
    except InputError as exc:
        fail(command, str(exc))
        return EXIT_USAGE
    try:
        return int(run(desk))
    except (InputError, JournalError) as exc:
        fail(command, str(exc))
        return EXIT_USAGE
    finally:
        desk.close()


def _groups(desk: Desk, command: str, orders: list[OrderRecord],
            chosen: Profile | None) -> list[tuple[Profile, list[OrderRecord]]]:
    reached, stranded = desk.by_profile(orders, chosen)
    for order in stranded:
        fail(command, f"{order.reference}: no profile sends to {order.account} "
             f"({order.target.label}) any more; add one to ask about it")
    ready = []
    for profile, members in reached:
        try:
            desk.require_secrets(profile)
        except ValueError as exc:
            raise InputError(str(exc)) from None
        ready.append((profile, members))
    return ready


def run_status(args: argparse.Namespace) -> int:
    def run(desk: Desk) -> int:
        chosen = _chosen(desk, args)
        orders = _orders(desk, args, args.ref, chosen)
        if not orders and not args.json:
            print("no accepted order is waiting for news from its server", file=sys.stderr)
        unchecked = 0
        engine = SubmissionEngine(desk.journal, desk.new_client)
        try:
            for profile, members in _groups(desk, "status", orders, chosen):
                for result in engine.check_status(profile, members):
                    order = result.order
                    if not result.checked:
                        unchecked += 1
                        fail("status", f"{order.reference}: not checked: {result.message}")
                    print(_status_line(order, as_json=args.json))
        finally:
            engine.close()
        return EXIT_NOT_SENT if unchecked else EXIT_OK

    return _with_desk("status", args, run)


def _status_line(order: OrderRecord, *, as_json: bool) -> str:
    tracking = [t for part in order.server_parts for t in part.tracking]
    status = order.server_status.value if order.server_status else None
    if as_json:
        return json_line({"ref": order.reference, "remote_id": order.remote_id,
                          "server_status": status,
                          "tracking": [{"carrier": t.carrier, "code": t.code} for t in tracking],
                          "checked_at": _iso(order.server_checked_at)})
    shown_tracking = ", ".join(f"{t.carrier} {t.code}".strip() for t in tracking) or "-"
    return shown(f"{order.reference}  {order.remote_id or '-'}  {status or '-'}  "
                 f"{shown_tracking}")


def run_cancel(args: argparse.Namespace) -> int:
    def run(desk: Desk) -> int:
        chosen = _chosen(desk, args)
        orders = _orders(desk, args, args.refs, chosen)
        groups = _groups(desk, "cancel", orders, chosen)
        if not args.yes and not _confirmed(groups):
            return EXIT_USAGE
        words: list[str] = []
        engine = SubmissionEngine(desk.journal, desk.new_client)
        try:
            for profile, members in groups:
                for result in engine.cancel(profile, members):
                    word = CANCEL_OUTCOME[result.state]
                    words.append(word)
                    if args.json:
                        print(json_line({"ref": result.order.reference, "status": word,
                                         "message": result.message}))
                    else:
                        print(shown(f"{word:<9} {result.order.reference} ({result.message})"))
        finally:
            engine.close()
        if "unknown" in words:
            return EXIT_UNKNOWN
        return EXIT_REJECTED if "refused" in words else EXIT_OK

    return _with_desk("cancel", args, run)


def _confirmed(groups: list[tuple[Profile, list[OrderRecord]]]) -> bool:
    """Say what will happen and ask; only a terminal can answer (scripts pass --yes)."""
    if not sys.stdin.isatty():
        fail("cancel", "not run in a terminal: add --yes to cancel without being asked")
        return False
    for profile, members in groups:
        what = ("KA is asked to refund each whole order (only possible before it ships; "
                "KA completes refunds within 24 hours)" if profile.target is Target.KA else
                "Nomad asks the platform to cancel each order (whether it can depends on the "
                "platform)")
        print(f"{len(members)} order(s) at {profile.account} ({profile.name}): {what}.",
              file=sys.stderr)
    print("Orders the server says have shipped are refused without asking.", file=sys.stderr)
    answer = input("Cancel them? [y/N] ")
    return answer.strip().lower() in ("y", "yes")
