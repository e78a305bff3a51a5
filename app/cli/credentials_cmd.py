"""`order-desk credentials set|delete|status`: keyring entries per profile.

A secret's value is read from stdin (piped) or typed at a hidden prompt, never taken from argv,
where it would land in shell history and the process list.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sys

from app.cli.common import InputError, load_cli_settings
from app.core.secrets import (
    KeyringUnavailable,
    SecretStore,
    env_var,
    open_secret_store,
    secret_names,
)
from app.core.settings import Profile

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


def configure_credentials(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="credentials_action", metavar="ACTION", required=True)

    for action, helptext, func in (
        ("set", "store a secret (value read from stdin or a hidden prompt)", _set),
        ("delete", "delete a secret", _delete),
    ):
        sub = actions.add_parser(action, help=helptext)
        sub.add_argument("--profile", required=True, help="profile name")
        sub.add_argument("secret", metavar="NAME_OF_SECRET",
                         help="ka_token, nomad_app_key or nomad_app_secret")
        sub.set_defaults(func=func)

    status = actions.add_parser("status", help="which secrets are set, per profile (no values)")
    status.add_argument("--json", action="store_true")
    status.set_defaults(func=_status)


def _fail(message: str, code: int = EXIT_USAGE) -> int:
    print(f"order-desk credentials: {message}", file=sys.stderr)
    return code


def _profile_and_name(args: argparse.Namespace) -> Profile | str:
    """The profile the secret belongs to, or an error message."""
    try:
        profile = load_cli_settings().profiles.get(args.profile)
    except InputError as exc:
        return str(exc)
    if profile is None:
        return f"no profile named {args.profile!r}"
    allowed = secret_names(profile.target)
    if args.secret not in allowed:
        return f"{profile.target.label} profiles use {', '.join(allowed)}, not {args.secret!r}"
    return profile


def _read_secret(name: str) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(f"{name}: ")
    return sys.stdin.readline().rstrip("\r\n")


def _store() -> SecretStore | str:
    try:
        return open_secret_store()
    except KeyringUnavailable as exc:
        return f"{exc} Secrets are never written to a file; use the ORDER_DESK_* variables instead."


def _set(args: argparse.Namespace) -> int:
    profile = _profile_and_name(args)
    if isinstance(profile, str):
        return _fail(profile)
    store = _store()
    if isinstance(store, str):
        return _fail(store, EXIT_FAILED)
    value = _read_secret(args.secret).strip()
    if not value:
        return _fail("empty value; nothing stored")
    try:
        store.set(profile.name, args.secret, value)
    except KeyringUnavailable as exc:
        return _fail(str(exc), EXIT_FAILED)
    print(f"{args.secret} stored for {profile.name!r}")
    return EXIT_OK


def _delete(args: argparse.Namespace) -> int:
    profile = _profile_and_name(args)
    if isinstance(profile, str):
        return _fail(profile)
    store = _store()
    if isinstance(store, str):
        return _fail(store, EXIT_FAILED)
    try:
        store.delete(profile.name, args.secret)
    except KeyringUnavailable as exc:
        return _fail(str(exc), EXIT_FAILED)
    print(f"{args.secret} deleted for {profile.name!r}")
    return EXIT_OK


def _status(args: argparse.Namespace) -> int:
    store = _store()
    keyring_error = store if isinstance(store, str) else None
    rows = []
    try:
        settings = load_cli_settings()
    except InputError as exc:
        return _fail(str(exc))
    for profile in sorted(settings.profiles.values(), key=lambda p: p.name):
        for name in secret_names(profile.target):
            in_keyring: bool | None = None
            if not isinstance(store, str):
                try:
                    in_keyring = store.get(profile.name, name) is not None
                except KeyringUnavailable as exc:
                    keyring_error = str(exc)
            rows.append({
                "profile": profile.name,
                "secret": name,
                "keyring": in_keyring,
                "environment": bool(os.environ.get(env_var(name))),
                "sandbox_default": profile.is_embedded,
            })
    if args.json:
        print(json.dumps({"keyring_error": keyring_error, "secrets": rows}))
        return EXIT_OK
    if keyring_error:
        print(f"keyring: {keyring_error}")
    for row in rows:
        # In the order they are consulted (see resolve_secrets): the first one is used.
        sources = [label for label, present in (
            (f"${env_var(str(row['secret']))}", row["environment"]),
            ("keyring", row["keyring"]),
            ("sandbox default", row["sandbox_default"]),
        ) if present]
        print(f"{row['profile']:<24} {row['secret']:<18} {_sources_text(sources)}")
    return EXIT_OK


def _sources_text(sources: list[str]) -> str:
    if not sources:
        return "missing"
    used, *others = sources
    return f"{used}" + (f" (overrides {', '.join(others)})" if others else "")
