"""`order-desk profile add|use|list|rename|remove`: manage profiles without the window.

Administrators preparing many desks script these; the window opens on the profile in use.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable
from dataclasses import replace

from app.cli.common import (
    InputError,
    add_engine_options,
    load_cli_settings,
    open_desk,
    overrides_from,
)
from app.core.desk import Desk, apply_overrides
from app.core.journal import JournalError
from app.core.paths import settings_path
from app.core.profile_changes import assess_change, unsettled_orders
from app.core.secrets import KeyringUnavailable
from app.core.settings import (
    KA_ADDRESS_KEYS,
    SANDBOX_PROFILES,
    Profile,
    Settings,
    default_profile,
)
from app.core.targets import Environment, Target, registered_targets

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_USAGE = 2


def configure_profile(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="profile_action", metavar="ACTION", required=True)

    add = actions.add_parser("add", help="add (or replace) a profile")
    add.add_argument("name")
    add.add_argument("--target", required=True,
                     choices=[t.value for t in registered_targets()])
    add.add_argument("--environment", required=True, choices=[e.value for e in Environment])
    add.add_argument("--base-url", help="KA: scheme://host[:port]; Nomad: include /envoy")
    add.add_argument("--store", help="Nomad store id")
    add.add_argument("--stage", help="Nomad gateway stage: TEST, PRE or RELEASE")
    add.add_argument(
        "--address-key",
        choices=KA_ADDRESS_KEYS,
        help="KA: the key the address is sent under (default: both; the API's docs disagree)",
    )
    add_engine_options(add)
    add.set_defaults(func=_add)

    use = actions.add_parser("use", help="make a profile the one in use for its target")
    use.add_argument("name")
    use.set_defaults(func=_use)

    listing = actions.add_parser("list", help="list profiles")
    listing.add_argument("--json", action="store_true", help="one JSON document on stdout")
    listing.set_defaults(func=_list)

    rename = actions.add_parser("rename", help="rename a profile (its credentials and history "
                                "labels move with it)")
    rename.add_argument("name")
    rename.add_argument("new_name")
    rename.set_defaults(func=_rename)

    remove = actions.add_parser("remove", help="remove a profile")
    remove.add_argument("name")
    remove.set_defaults(func=_remove)


def _fail(message: str) -> int:
    print(f"order-desk profile: {message}", file=sys.stderr)
    return EXIT_USAGE


def _with_desk(action: Callable[[Desk], int]) -> int:
    """Run ``action`` on the application core; a damaged settings file or journal is exit 2
    and nothing is written."""
    try:
        desk = open_desk()
    except InputError as exc:
        return _fail(str(exc))
    try:
        return action(desk)
    except OSError as exc:  # a read-only data folder, a full disk
        return _fail(f"the settings could not be saved to {exc.filename or settings_path()}: "
                     f"{exc.strerror or exc}; nothing was changed")
    finally:
        desk.close()


def _add(args: argparse.Namespace) -> int:
    if any(p.name == args.name for p in SANDBOX_PROFILES):
        return _fail(f"{args.name!r} is built in; choose another name")
    return _with_desk(lambda desk: _add_to(desk, args))


def _add_to(desk: Desk, args: argparse.Namespace) -> int:
    settings = desk.settings
    try:
        profile = default_profile(args.name, Target(args.target), Environment(args.environment),
                                  base_url=args.base_url)
        profile = apply_overrides(profile, replace(overrides_from(args), base_url=None))
        if args.address_key:
            profile = replace(profile, address_key=args.address_key)
    except ValueError as exc:
        return _fail(str(exc))
    earlier = settings.profiles.get(args.name)  # adding a name again replaces it
    if earlier is not None:
        change = assess_change(desk.journal, settings, earlier, profile)
        if change.strands_orders:
            return _fail(f"{change.unsettled} order(s) sent with {args.name!r} to "
                         f"{earlier.account} are not settled yet and no other profile reaches "
                         "that account: run `order-desk reconcile` first, or add a new profile")
        if change.leaves_sent_orders:
            print(f"order-desk profile: note: {change.journaled} order(s) were sent with "
                  f"{args.name!r} to {earlier.account}. The new address is another account: "
                  "those orders stay in its history, and orders sent again with this profile "
                  "are created at the new address.", file=sys.stderr)
    try:
        saved = settings.updated(profile)
    except ValueError as exc:
        return _fail(str(exc))
    desk.save_settings()
    print(f"profile {args.name!r} saved ({args.target}, {args.environment}, {saved.account})")
    if saved.target is Target.NOMAD and not saved.store:
        print(f"order-desk profile: note: {args.name!r} has no store id yet; nothing can be sent "
              "with it until it is added again with --store", file=sys.stderr)
    return EXIT_OK


def _use(args: argparse.Namespace) -> int:
    def use(desk: Desk) -> int:
        if args.name not in desk.settings.profiles:
            return _fail(f"no profile named {args.name!r}")
        profile = desk.settings.use(args.name)
        desk.save_settings()
        print(f"now using {profile.name!r} for {profile.target.label}")
        return EXIT_OK
    return _with_desk(use)


def _rename(args: argparse.Namespace) -> int:
    def rename(desk: Desk) -> int:
        if args.name not in desk.settings.profiles:
            return _fail(f"no profile named {args.name!r}")
        try:
            desk.rename_profile(args.name, args.new_name)
        except (ValueError, JournalError, KeyringUnavailable, OSError) as exc:
            return _fail(f"not renamed, nothing changed: {exc}")
        print(f"profile {args.name!r} is now {args.new_name!r}")
        return EXIT_OK
    return _with_desk(rename)


def _remove(args: argparse.Namespace) -> int:
    def remove(desk: Desk) -> int:
        settings = desk.settings
        if args.name not in settings.profiles:
            return _fail(f"no profile named {args.name!r}")
        unsettled = unsettled_orders(desk.journal, settings, args.name)
        if unsettled:
            # Without a profile for their account nobody could reconcile them.
            return _fail(f"{unsettled} order(s) sent with {args.name!r} are not settled yet "
                         "and no other profile reaches their account (see `order-desk history "
                         f"--account '{settings.profiles[args.name].account}'`): reconcile "
                         "unknown ones and submit queued ones again before removing it")
        try:
            settings.remove(args.name)
        except ValueError as exc:
            return _fail(str(exc))
        desk.save_settings()
        print(f"profile {args.name!r} removed")
        return EXIT_OK
    return _with_desk(remove)


def _row(settings: Settings, profile: Profile) -> dict[str, object]:
    data = profile.to_json()
    data["in_use"] = settings.current.get(profile.target) == profile.name
    data["account"] = profile.account
    return data


def _list(args: argparse.Namespace) -> int:
    try:
        settings = load_cli_settings()
    except InputError as exc:
        return _fail(str(exc))
    rows = [_row(settings, p) for p in sorted(settings.profiles.values(), key=lambda p: p.name)]
    if args.json:
        print(json.dumps({"profiles": rows, "current_target": settings.current_target.value}))
        return EXIT_OK
    for row in rows:
        marker = "*" if row["in_use"] else " "
        url = row["base_url"] or "(built-in simulator)"
        print(f"{marker} {row['name']:<24} {row['target']:<6} {row['environment']:<11} {url}"
              f"{_details(row)}")
    return EXIT_OK


def _details(row: dict[str, object]) -> str:
    """The target-specific settings worth seeing at a glance."""
    if row["target"] == Target.NOMAD.value:
        return f"  store {row['store'] or '(none)'}, stage {row['stage']}"
    if row["address_key"] != "both":
        return f"  address key {row['address_key']}"
    return ""
