"""Shared by the headless commands: options, the application core (profile selection, credentials,
the built-in sandbox: all decided in `app.core.desk`), and reading order files."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli import EXIT_NOT_SENT, EXIT_OK, EXIT_REJECTED, EXIT_UNKNOWN
from app.core import json_input
from app.core.safe_text import escaped, json_escaped
from app.core.settings import (
    Overrides,
    Profile,
    Settings,
    SettingsError,
    apply_overrides,
    choose_profile,
    load_settings,
)
from app.core.targets import Target, registered_targets

# `validate` reads and checks orders: it loads none of what sends them (the desk, its keyring and
# journal, the engine's results).
if TYPE_CHECKING:
    from app.core.desk import Desk
    from app.core.engine.results import OrderResult
    from app.core.importing import ImportSession
    from app.core.secrets import SecretStore

log = logging.getLogger(__name__)


class InputError(Exception):
    """Bad usage or unreadable input: the command exits 2 with this message."""


def fail(command: str, message: str) -> None:
    print(f"order-desk {command}: {shown(message)}", file=sys.stderr)


def shown(text: str) -> str:
    """Text from data (a file, a server, the journal) as every command prints it: control and
    bidirectional-override characters escaped (``\\x1b``, ``\\u202e``), never sent to the
    terminal as they are."""
    return escaped(text)


def print_lines(lines: list[str], *, flush: bool = False) -> None:
    """Print each line, as `print` would, with one write to stdout. A line stdout cannot
    encode (a Windows console's code page) is written with those characters escaped
    (``\\u8ba2``): every line comes out, one each, and the lines after it too."""
    out = sys.stdout
    if lines:
        try:
            out.write("\n".join(lines) + "\n")
        except UnicodeEncodeError:  # nothing of it was written
            encoding = out.encoding or "utf-8"
            for line in lines:
                try:
                    out.write(line + "\n")
                except UnicodeEncodeError:
                    kept = line.encode(encoding, "backslashreplace").decode(encoding)
                    out.write(kept + "\n")
    if flush:
        out.flush()


def json_line(data: dict[str, Any]) -> str:
    """One line of --json output: JSON with the same characters escaped as JSON escapes (it
    decodes to the same values)."""
    return json_escaped(_JSON.encode(data))


# `json.dumps(data, ensure_ascii=False)`, without making an encoder for each line.
_JSON = json.JSONEncoder(ensure_ascii=False)


# The five statuses the command line reports, from the engine's finer ones (`ResultStatus`, a
# StrEnum: its members are these strings and look themselves up here).
CLI_STATUS: dict[str, str] = {
    "accepted": "accepted",
    "rejected": "rejected",
    "invalid": "invalid",
    "duplicate": "invalid",  # held back before sending, like an invalid order
    "unknown": "unknown",  # may have been created: reconcile before anything else
    # Nothing was created (the server turned every try away, or the run was stopped before it):
    # submitting it again sends it.
    "not_sent": "not_sent",
    "cancelled": "not_sent",
}


def result_line(
    result: OrderResult,
    *,
    as_json: bool,
    origin: str | None = None,
    warnings: list[str] | None = None,
) -> str:
    """One order's result line. ``origin`` (file and position) prefixes the message; callers give
    it for an order the file gave no reference (the engine may have made one up), so the
    operator can find it. ``warnings`` (field and line each) go into the JSON line."""
    status = CLI_STATUS[result.status]
    message = result.message
    if origin:
        message = f"{origin}: {message}"
    if as_json:
        return json_line({"ref": result.reference, "status": status,
                          "remote_id": result.remote_id, "message": message,
                          "already_sent": result.previously, "warnings": warnings or []})
    parts = [f"{status:<9}", result.reference or "-"]
    if result.remote_id:
        parts.append(result.remote_id)
    if message:
        parts.append(f"({message})")
    return shown(" ".join(parts))


def exit_code(results: list[OrderResult]) -> int:
    """3 if any outcome is open, else 4 if any order was not sent, else 1 if any order was
    refused, else 0: the code names the most urgent thing to do next (reconcile, submit again,
    correct)."""
    statuses = {CLI_STATUS[result.status] for result in results}
    if "unknown" in statuses:
        return EXIT_UNKNOWN
    if "not_sent" in statuses:
        return EXIT_NOT_SENT
    if statuses & {"rejected", "invalid"}:
        return EXIT_REJECTED
    return EXIT_OK


# -- options ---------------------------------------------------------------------------------


def add_profile_options(parser: argparse.ArgumentParser, *, target_required: bool) -> None:
    parser.add_argument(
        "--target", required=target_required, choices=[t.value for t in registered_targets()],
        help="which API the orders are for",
    )
    parser.add_argument("--profile", help="profile name (default: the one in use for the target)")
    parser.add_argument("--base-url", help="override the profile's URL (KA: scheme://host[:port]; "
                        "Nomad: include /envoy)")
    parser.add_argument("--store", help="override the profile's Nomad store id")
    parser.add_argument("--stage", help="override the profile's Nomad stage: TEST, PRE, RELEASE")


def add_engine_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--concurrency", type=int, metavar="N",
                        help="requests in flight at once (default: the profile's)")
    limit = parser.add_mutually_exclusive_group()
    limit.add_argument("--rate-limit", metavar="R[/BURST]",
                       help="client-side limit, requests per second, e.g. 2/120 for KA")
    limit.add_argument("--no-rate-limit", action="store_true", help="no client-side limit")
    add_lookup_settle_option(parser)


def add_lookup_settle_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lookup-settle", type=float, metavar="SECONDS",
                        help="believe the API's \"not found\" (and send an uncertain order "
                        "again) only this long after the last attempt that may have created it "
                        "(default: the profile's; KA 300, Nomad 60, sandbox 0)")


# -- profile -----------------------------------------------------------------------------------


def overrides_from(args: argparse.Namespace) -> Overrides:
    """The command line's changes to the profile for this run."""
    return Overrides(
        base_url=getattr(args, "base_url", None),
        store=getattr(args, "store", None),
        stage=getattr(args, "stage", None),
        concurrency=getattr(args, "concurrency", None),
        rate_limit=getattr(args, "rate_limit", None),
        no_rate_limit=bool(getattr(args, "no_rate_limit", False)),
        lookup_settle=getattr(args, "lookup_settle", None),
    )


def open_desk() -> Desk:
    """The application core as the command line uses it (keyring when there is one).
    InputError (exit 2) when the settings or the journal cannot be read: nothing may be sent."""
    from app.core.journal import JournalError
    from app.wiring import open_desk as open_wired_desk

    try:
        return open_wired_desk(_secret_store())
    except (SettingsError, JournalError) as exc:
        raise InputError(str(exc)) from None


def load_cli_settings() -> Settings:
    """The settings; InputError (exit 2) when the file is damaged: nothing may be sent."""
    try:
        return load_settings()
    except SettingsError as exc:
        raise InputError(str(exc)) from None


def select_profile(settings: Settings, args: argparse.Namespace) -> Profile:
    """The profile named by --profile, else the one in use for --target, with the command line's
    overrides applied. Raises InputError naming what is wrong."""
    target = Target(args.target) if getattr(args, "target", None) else None
    try:
        return apply_overrides(choose_profile(settings, target, getattr(args, "profile", None)),
                               overrides_from(args))
    except ValueError as exc:
        raise InputError(str(exc)) from None


def sending_profile(desk: Desk, args: argparse.Namespace) -> Profile:
    """`select_profile`, and its credentials are there. Raises InputError."""
    profile = select_profile(desk.settings, args)
    try:
        desk.require_secrets(profile)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    return profile


def _secret_store() -> SecretStore:
    return _KeyringWhenAsked()


class _KeyringWhenAsked:
    """The OS keyring, looked for when a secret is first read: finding its backend takes about
    0.2 s, which a run whose credentials are in the environment never needs. Without a keyring,
    reads find nothing (the environment and sandbox defaults remain) and writes are refused."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._looked = False
        self._store: SecretStore | None = None
        self._reason = ""

    def _keyring(self) -> SecretStore | None:
        from app.core.secrets import KeyringUnavailable, open_secret_store

        with self._lock:
            if not self._looked:
                self._looked = True
                try:
                    self._store = open_secret_store()
                except KeyringUnavailable as exc:
                    self._reason = str(exc)
                    log.info("no keyring (%s); using environment variables and sandbox "
                             "defaults", exc)
            return self._store

    def get(self, profile: str, name: str) -> str | None:
        store = self._keyring()
        return store.get(profile, name) if store is not None else None

    def set(self, profile: str, name: str, value: str) -> None:
        store = self._keyring()
        if store is None:
            from app.core.secrets import KeyringUnavailable

            raise KeyringUnavailable(self._reason)
        store.set(profile, name, value)

    def delete(self, profile: str, name: str) -> None:
        store = self._keyring()
        if store is not None:
            store.delete(profile, name)


# -- order files -------------------------------------------------------------------------------


def _load_json(path: Path, target: Target, args: argparse.Namespace) -> list[Any]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text; save it as UTF-8 JSON") from None
    try:
        data = json_input.loads(text)
    except json_input.JsonLimitError as exc:
        raise InputError(f"{path}: cannot be read: {exc}") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: "
                         f"{exc.msg})") from None
    orders = data if isinstance(data, list) else [data]
    for position, order in enumerate(orders, 1):
        if not isinstance(order, dict):
            raise InputError(f"{path}: order {position} is not a JSON object")
    constants = constants_from(args, target)
    return [with_constants(target, order, constants) for order in orders]


def add_spreadsheet_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE",
                        dest="constants",
                        help="one value of a field for every order of the files, winning over "
                        "a column of it (repeatable); FIELD is the API's name "
                        "(channelType, orderAddress.country) or the operator's (\"Shipping "
                        "speed\", 物流方式)")
    sheet = parser.add_argument_group(
        "spreadsheet files (.csv, .tsv, .txt, .tab; workbooks .xlsx, .xlsm, .xls, .ods)"
    )
    sheet.add_argument("--sheet", metavar="NAME|INDEX",
                       help="the workbook's sheet to read, by name or position (1 is the "
                       "first; default: the first sheet that is not empty)")
    sheet.add_argument("--mapping", type=Path, metavar="FILE",
                       help="column mapping (JSON); default: the one saved for the file's "
                       "headers, else matched by header name")
    sheet.add_argument("--encoding",
                       help="e.g. utf-8, gb18030, big5, shift_jis (default: detected)")
    sheet.add_argument("--delimiter", choices=[",", ";", "tab", "|"],
                       help="column separator (default: detected)")
    sheet.add_argument("--group-by-address", action="store_true",
                       help="rows without an order reference but with the same address are one "
                       "order (default: one order per row)")


def constants_from(args: argparse.Namespace, target: Target) -> dict[str, str]:
    """The --set FIELD=VALUE options as field path -> value. Raises InputError naming what
    is wrong (no "=", a field the target does not have)."""
    options = getattr(args, "constants", None) or ()
    if not options:
        return {}
    import difflib

    from app.core.importing.mapping import field_named
    from app.core.models import field_specs

    constants: dict[str, str] = {}
    for option in options:
        name, equals, value = option.partition("=")
        if not equals or not name.strip():
            raise InputError(f"--set {option}: write it as FIELD=VALUE, e.g. "
                             "--set channelType=Express")
        path = field_named(target, name.strip())
        if path is None:
            close = difflib.get_close_matches(
                name.strip(), [spec.path for spec in field_specs(target)], n=3
            )
            hint = f" (did you mean {' or '.join(close)}?)" if close else ""
            raise InputError(f"--set {option}: {target.label} has no field {name.strip()!r}"
                             f"{hint}")
        constants[path] = value.strip()
    return constants


def with_constants(target: Target, payload: Any, constants: dict[str, str]) -> Any:
    """A JSON order with the --set values in place: an item field on every item."""
    if not constants or not isinstance(payload, dict):
        return payload
    from app.core.importing.building import set_path
    from app.core.importing.session import item_list_key

    items = f"{item_list_key(target)}[]."
    for path, value in constants.items():
        if path.startswith(items):
            for item in payload.get(items[:-3]) or ():
                if isinstance(item, dict):
                    set_path(item, path.removeprefix(items), value)
        else:
            set_path(payload, path, value)
    return payload


def load_spreadsheet(path: Path, target: Target, args: argparse.Namespace) -> ImportSession:
    """A spreadsheet or workbook read, mapped, grouped into orders and validated.
    Raises InputError."""
    from app.core.gcpause import collection_paused
    from app.core.importing import GroupMode, ImportFileError, open_import

    delimiter = getattr(args, "delimiter", None)
    constants = constants_from(args, target)
    try:
        with collection_paused():
            return open_import(
                path, target,
                encoding=getattr(args, "encoding", None),
                delimiter="\t" if delimiter == "tab" else delimiter,
                sheet=getattr(args, "sheet", None),
                mapping_file=getattr(args, "mapping", None),
                group_mode=GroupMode.ADDRESS if getattr(args, "group_by_address", False)
                else GroupMode.ROW,
                constants=constants,
            )
    except ImportFileError as exc:
        raise InputError(f"{path}: {exc}") from None


def _load_spreadsheet(path: Path, target: Target, args: argparse.Namespace) -> list[Any]:
    return [order.payload for order in load_spreadsheet(path, target, args).orders]


def load_orders(path: Path, target: Target, args: argparse.Namespace) -> list[Any]:
    """Wire-shaped orders from one file, chosen by its extension: a spreadsheet's (see
    `app.core.importing.is_spreadsheet`), else JSON. Raises InputError."""
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    if path.suffix.lower() != ".json":  # a JSON file needs none of the spreadsheet reader
        from app.core.importing import is_spreadsheet

        if is_spreadsheet(path):
            return _load_spreadsheet(path, target, args)
    return _load_json(path, target, args)
