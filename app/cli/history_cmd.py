"""`order-desk history` (read the journal) and `order-desk reconcile` (resolve unknown outcomes)."""

from __future__ import annotations

import argparse
import logging
import sys
from datetime import UTC, datetime

from app.cli import EXIT_OK, EXIT_UNKNOWN, EXIT_USAGE
from app.cli.common import (
    InputError,
    add_lookup_settle_option,
    fail,
    json_line,
    load_cli_settings,
    open_desk,
    overrides_from,
    result_line,
    select_profile,
    shown,
)
from app.core.desk import Desk, open_journal, team_journal_url
from app.core.engine import OrderResult, ResultStatus, SubmissionEngine
from app.core.journal import (
    HistoryFilter,
    Journal,
    JournalError,
    OrderRecord,
    OrderState,
    SendLockBusyError,
)
from app.core.paths import journal_path
from app.core.settings import Profile
from app.core.targets import Target, registered_targets

log = logging.getLogger(__name__)


def configure_history(history: argparse.ArgumentParser) -> None:
    history.add_argument("--json", action="store_true", help="one JSON line per order")
    history.add_argument("--ref", help="reference, or its beginning")
    history.add_argument("--state", choices=[s.value for s in OrderState])
    history.add_argument("--target", choices=[t.value for t in registered_targets()])
    history.add_argument("--profile", help="profile name (as the orders were entered)")
    history.add_argument("--account", help="where the orders went: the account as history "
                         "--json shows it (e.g. a KA base URL)")
    history.add_argument("--text", help="words found anywhere (recipient, phone, SKU, message...)")
    history.add_argument("--limit", type=int, default=50, metavar="N",
                         help="at most N orders (default 50; 0 for all)")
    history.set_defaults(func=run_history)


def configure_reconcile(reconcile: argparse.ArgumentParser) -> None:
    reconcile.add_argument("--target", choices=[t.value for t in registered_targets()])
    reconcile.add_argument("--profile", help="only the account this profile reaches")
    reconcile.add_argument("--base-url", help="only the account at this URL (with the profile's "
                           "other settings)")
    reconcile.add_argument("--store", help="with --base-url: the Nomad store")
    reconcile.add_argument("--stage", help="with --base-url: the Nomad stage")
    add_lookup_settle_option(reconcile)
    reconcile.add_argument("--json", action="store_true", help="one JSON line per order")
    reconcile.set_defaults(func=run_reconcile)


def _iso(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _as_json(record: OrderRecord) -> str:
    return json_line({
        "ref": record.reference,
        "state": record.state.value,
        "remote_id": record.remote_id,
        "message": record.message,
        "target": record.target.value,
        "account": record.account,
        "profile": record.profile,
        "attempts": record.attempt_count,
        "created_at": _iso(record.created_at),
        "updated_at": _iso(record.updated_at),
        "entered_by": record.entered_by,
        "desk": record.desk,
    })


def _as_line(record: OrderRecord) -> str:
    local = datetime.fromtimestamp(record.created_at).strftime("%Y-%m-%d %H:%M:%S")
    parts = [local, f"{record.target.label:<5}", f"{record.state.value:<9}", record.reference,
             record.remote_id or "-"]
    if record.message:
        parts.append(f"({record.message})")
    return shown("  ".join(parts))


def _team_journal_set() -> bool:
    try:
        return bool(team_journal_url(load_cli_settings()))
    except InputError:
        return False


def run_history(args: argparse.Namespace) -> int:
    if args.limit < 0:
        fail("history", "--limit must be 0 (all) or more")
        return EXIT_USAGE
    if not journal_path().exists() and not _team_journal_set():
        if not args.json:
            print("no orders match" if _filtered(args) else "the journal holds no orders yet",
                  file=sys.stderr)
        return EXIT_OK
    try:
        journal = _open_for_reading()
    except InputError as exc:
        fail("history", str(exc))
        return EXIT_USAGE
    with journal:
        where = HistoryFilter(
            reference=args.ref,
            state=OrderState(args.state) if args.state else None,
            target=Target(args.target) if args.target else None,
            account=args.account,
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


def _open_for_reading() -> Journal:
    """The journal as the app opens it; where that is refused (a read-only folder or file),
    read-only, for a command that only reads."""
    try:
        settings = load_cli_settings()
        return open_journal(settings)
    except InputError as exc:  # damaged settings: an upgrade would need them, reading does not
        first = exc
    except JournalError as exc:
        if team_journal_url(settings):  # this desk's own file is not the history asked for
            raise InputError(str(exc)) from None
        first = InputError(str(exc))
    try:
        journal = Journal(journal_path(), read_only=True)
    except JournalError:
        raise first from None
    log.info("journal opened read-only: %s", first)
    return journal


def _filtered(args: argparse.Namespace) -> bool:
    return any((args.ref, args.state, args.target, args.account, args.profile, args.text))


def run_reconcile(args: argparse.Namespace) -> int:
    try:
        desk = open_desk()
    except InputError as exc:
        fail("reconcile", str(exc))
        return EXIT_USAGE
    try:
        return _reconcile_all(args, desk)
    finally:
        desk.close()


def _reconcile_all(args: argparse.Namespace, desk: Desk) -> int:
    journal = desk.journal
    pending = {
        pair
        for state in (OrderState.UNKNOWN, OrderState.SENDING)
        for pair in journal.accounts_in_state(state)
    }
    chosen: Profile | None = None
    if args.profile or args.base_url:
        try:
            chosen = select_profile(desk.settings, args)
        except InputError as exc:
            fail("reconcile", str(exc))
            return EXIT_USAGE
        pending &= {(chosen.target, chosen.account)}
    elif args.target:
        pending = {(t, a) for t, a in pending if t is Target(args.target)}
    if not pending and not args.json:
        print("nothing to reconcile: no order's outcome is unknown", file=sys.stderr)
    still_unknown = 0
    for target, account in sorted(pending):
        profile = chosen or _profile_reaching(desk, args, target, account)
        if profile is None:
            count = journal.count(HistoryFilter(state=OrderState.UNKNOWN, target=target,
                                                account=account))
            fail("reconcile", f"no profile sends to {account} ({target.label}) any more: its "
                 f"{count} unknown order(s) stay unknown. Add a profile for it, or run "
                 "reconcile with --profile and --base-url")
            still_unknown += count
            continue
        try:
            desk.require_secrets(profile)
            results = _reconcile_account(profile, desk)
        except SendLockBusyError as exc:
            fail("reconcile", str(exc))
            return EXIT_USAGE  # the other sender reconciles its own orders
        except (ValueError, JournalError) as exc:
            fail("reconcile", f"{account}: {exc}")
            still_unknown += 1
            continue
        for result in results:
            print(result_line(result, as_json=args.json))
        still_unknown += sum(1 for r in results if r.status is ResultStatus.UNKNOWN)
    # Settled either way: orders proven absent and sent again that the server did not take are
    # `not_sent` (their lines say so), which needs a submit, not another reconcile.
    _mention_unsent(journal)
    return EXIT_UNKNOWN if still_unknown else EXIT_OK


def _profile_reaching(desk: Desk, args: argparse.Namespace, target: Target,
                      account: str) -> Profile | None:
    """A profile that sends to ``account`` (the one in use first), with --lookup-settle."""
    reaching = desk.profiles_for(target, account)
    if not reaching:
        return None
    return desk.profile(target, reaching[0].name, overrides_from(args))


def _mention_unsent(journal: Journal) -> None:
    """Orders that were never created (a run stopped before them, or the server turned every
    try away) need no lookup and are not sent behind the operator's back; say where they are."""
    queued = journal.count(HistoryFilter(state=OrderState.QUEUED))
    if queued:
        print(f"{queued} order(s) were journaled but never sent (see `order-desk history "
              "--state queued`); submit their file again to send them.", file=sys.stderr)
    refused = journal.count(HistoryFilter(state=OrderState.NOT_SENT))
    if refused:
        print(f"{refused} order(s) were never created: the server turned every try away (see "
              "`order-desk history --state not_sent`); submit their file again to send them.",
              file=sys.stderr)


def _reconcile_account(profile: Profile, desk: Desk) -> list[OrderResult]:
    engine = SubmissionEngine(desk.journal, desk.new_client)
    try:
        report = engine.reconcile(profile).wait()
    finally:
        engine.close()
    return report.recovered
