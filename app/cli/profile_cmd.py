"""`order-desk profile add|use|list|remove`: manage profiles without the window.

Administrators preparing many desks script these; the window opens on the profile in use.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from dataclasses import replace

from app.cli.common import InputError, add_engine_options, apply_overrides, open_journal
from app.core.profile_changes import ProfileChange, assess_change, unsettled_orders
from app.core.settings import (
    KA_ADDRESS_KEYS,
    SANDBOX_PROFILES,
    Profile,
    Settings,
    default_profile,
    load_settings,
    save_settings,
)
from app.core.targets import Environment, Target

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_USAGE = 2


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("profile", help="add, use, list or remove profiles")
    actions = parser.add_subparsers(dest="profile_action", metavar="ACTION", required=True)

    add = actions.add_parser("add", help="add (or replace) a profile")
    add.add_argument("name")
    add.add_argument("--target", required=True, choices=[t.value for t in Target])
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

    remove = actions.add_parser("remove", help="remove a profile")
    remove.add_argument("name")
    remove.set_defaults(func=_remove)


def _fail(message: str) -> int:
    print(f"order-desk profile: {message}", file=sys.stderr)
    return EXIT_USAGE


def _add(args: argparse.Namespace) -> int:
    if any(p.name == args.name for p in SANDBOX_PROFILES):
        return _fail(f"{args.name!r} is built in; choose another name")
    settings = load_settings()
    profile = default_profile(args.name, Target(args.target), Environment(args.environment))
    try:
        profile = apply_overrides(profile, args)
        if args.address_key:
            profile = replace(profile, address_key=args.address_key)
        earlier = settings.profiles.get(args.name)  # adding a name again replaces it
        change: ProfileChange | None = None
        if earlier is not None:
            with open_journal() as journal:
                change = assess_change(journal, earlier, profile)
    except InputError as exc:
        return _fail(str(exc))
    if earlier is not None and change is not None:
        if change.target_locked:
            return _fail(f"{change.journaled} order(s) were sent with {args.name!r}, so it stays "
                         f"a {earlier.target.label} profile; add a new profile for "
                         f"{profile.target.label}")
        if change.moves_sent_orders:
            print(f"order-desk profile: note: {change.journaled} order(s) were sent with "
                  f"{args.name!r}; their references stay with it, so an order accepted before "
                  "is not sent to the new address again. For another account or environment, "
                  "add a new profile instead.", file=sys.stderr)
    try:
        saved = settings.updated(profile)
    except ValueError as exc:
        return _fail(str(exc))
    save_settings(settings)
    print(f"profile {args.name!r} saved ({args.target}, {args.environment})")
    if saved.target is Target.NOMAD and not saved.store:
        print(f"order-desk profile: note: {args.name!r} has no store id yet; nothing can be sent "
              "with it until it is added again with --store", file=sys.stderr)
    return EXIT_OK


def _use(args: argparse.Namespace) -> int:
    settings = load_settings()
    if args.name not in settings.profiles:
        return _fail(f"no profile named {args.name!r}")
    profile = settings.use(args.name)
    save_settings(settings)
    print(f"now using {profile.name!r} for {profile.target.label}")
    return EXIT_OK


def _remove(args: argparse.Namespace) -> int:
    settings = load_settings()
    if args.name not in settings.profiles:
        return _fail(f"no profile named {args.name!r}")
    try:
        with open_journal() as journal:
            unsettled = unsettled_orders(journal, args.name)
    except InputError as exc:
        return _fail(str(exc))
    if unsettled:
        # Without the profile nobody could reconcile them: they would stay unknown forever.
        return _fail(f"{unsettled} order(s) of {args.name!r} are not settled yet (see "
                     f"`order-desk history --profile '{args.name}'`): reconcile unknown ones and "
                     "submit queued ones again before removing it")
    try:
        settings.remove(args.name)
    except ValueError as exc:
        return _fail(str(exc))
    save_settings(settings)
    print(f"profile {args.name!r} removed")
    return EXIT_OK


def _row(settings: Settings, profile: Profile) -> dict[str, object]:
    data = profile.to_json()
    data["in_use"] = settings.current.get(profile.target) == profile.name
    return data


def _list(args: argparse.Namespace) -> int:
    settings = load_settings()
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
