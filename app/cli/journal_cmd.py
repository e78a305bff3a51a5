"""`order-desk journal check|push|use|password`: the journal in use, and moving a desk onto a
team journal (PostgreSQL; see the README's "Team journal").

`push` copies this desk's own journal file into a team journal, order by order with its attempts,
idempotently: an order whose reference the team journal holds already is left as it is (counted
as already there when the content is the same; refused, and named, when it differs).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from app.cli.common import InputError, json_line, load_cli_settings, shown
from app.core.desk import (
    TEAM_JOURNAL_SECRET,
    open_journal,
    team_journal_password,
    team_journal_url,
)
from app.core.journal import JournalError, SendLockBusyError
from app.core.journal.transfer import push_to
from app.core.paths import journal_path
from app.core.secrets import KeyringUnavailable, open_secret_store
from app.core.settings import check_team_journal_url, save_settings

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2


def configure_journal(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="journal_action", metavar="ACTION", required=True)

    check = actions.add_parser("check", help="the journal in use: where, schema version, counts "
                                             "(a team journal is migrated first if needed)")
    check.add_argument("--json", action="store_true")
    check.set_defaults(func=_check)

    push = actions.add_parser("push", help="copy this desk's journal into a team journal")
    push.add_argument("--to", required=True, metavar="URL",
                      help="postgresql://user@host:port/dbname?sslmode=... (the password from "
                           "ORDER_DESK_DATABASE_PASSWORD or the keyring, never in the URL)")
    push.add_argument("--from", dest="source", type=Path, metavar="FILE",
                      help="the journal file to copy (default: this desk's)")
    push.add_argument("--json", action="store_true")
    push.set_defaults(func=_push)

    use = actions.add_parser("use", help="keep this desk's journal in a team journal (URL) or "
                                         "in its own file again (--local)")
    where = use.add_mutually_exclusive_group(required=True)
    where.add_argument("url", nargs="?", metavar="URL")
    where.add_argument("--local", action="store_true")
    use.set_defaults(func=_use)

    password = actions.add_parser("password", help="store the team journal's password in the "
                                                   "keyring (read from stdin or a hidden prompt)")
    password.add_argument("--delete", action="store_true", help="delete it instead")
    password.set_defaults(func=_password)


def _fail(message: str, code: int = EXIT_USAGE) -> int:
    print(f"order-desk journal: {shown(message)}", file=sys.stderr)
    return code


def _check(args: argparse.Namespace) -> int:
    try:
        with open_journal(load_cli_settings()) as journal:
            report = {"journal": journal.label, "team": journal.shared,
                      "schema_version": journal.schema_version(), **journal.summary()}
    except (InputError, JournalError) as exc:
        return _fail(str(exc))
    if args.json:
        print(json_line(report))
        return EXIT_OK
    kind = "team journal" if report["team"] else "this desk's journal"
    print(shown(f"{kind}: {report['journal']}"))
    print(f"schema version: {report['schema_version']}")
    states = ", ".join(f"{state} {count}" for state, count in report["by_state"].items())
    print(f"orders: {report['orders']}" + (f" ({states})" if states else ""))
    print(f"attempts: {report['attempts']}, batches: {report['batches']}")
    if report["desks"]:
        print(shown("desks: " + ", ".join(report["desks"])))
    return EXIT_OK


def _push(args: argparse.Namespace) -> int:
    from app.core.journal.database import is_team_journal_url

    if not is_team_journal_url(args.to):
        return _fail("--to must be a postgresql:// URL")
    try:
        report = push_to(args.to, team_journal_password(None), args.source or journal_path(),
                         on_refused=lambda ref, account: _refused(ref, account, as_json=args.json))
    except SendLockBusyError as exc:
        return _fail(str(exc))
    except JournalError as exc:
        return _fail(f"{exc} (what was copied stays; pushing again goes on from there)")
    if args.json:
        print(json_line({"summary": {"copied": report.copied, "held": report.held,
                                     "differs": len(report.refused)}}))
    else:
        print(f"copied {report.copied}, already there {report.held}, "
              f"refused {len(report.refused)}")
        if not report.refused:
            print("Next: `order-desk journal use URL` on this desk (or ORDER_DESK_DATABASE_URL).",
                  file=sys.stderr)
    return EXIT_REFUSED if report.refused else EXIT_OK


def _refused(reference: str, account: str, *, as_json: bool) -> None:
    message = (f"the team journal holds {reference} of {account} with different content; "
               "this desk's order was not copied")
    if as_json:
        print(json_line({"ref": reference, "account": account, "status": "refused",
                         "message": message}))
    else:
        print(shown(f"refused {reference} ({message})"))


def _use(args: argparse.Namespace) -> int:
    try:
        settings = load_cli_settings()
        url = "" if args.local else args.url.strip()
        check_team_journal_url(url)
    except (InputError, ValueError) as exc:
        return _fail(str(exc))
    settings.team_journal_url = url
    save_settings(settings)
    if url and team_journal_url(settings) != url:
        print("note: ORDER_DESK_DATABASE_URL is set and wins over this setting", file=sys.stderr)
    print("this desk's journal: " + (shown(url) if url else str(journal_path())))
    return EXIT_OK


def _password(args: argparse.Namespace) -> int:
    try:
        store = open_secret_store()
        if args.delete:
            store.delete(*TEAM_JOURNAL_SECRET)
            return EXIT_OK
        value = (sys.stdin.readline().rstrip("\r\n") if not sys.stdin.isatty()
                 else getpass.getpass("team journal password: "))
        if not value:
            return _fail("no password given; nothing stored")
        store.set(*TEAM_JOURNAL_SECRET, value)
    except KeyringUnavailable as exc:
        return _fail(f"{exc}; set ORDER_DESK_DATABASE_PASSWORD instead")
    return EXIT_OK

