"""`order-desk submit` and `order-desk validate`: the headless twin of the order window.

submit: validate, journal and send; one result line per order (JSON lines with --json).
validate: the same checks, nothing journaled or sent.
"""

from __future__ import annotations

import argparse
import logging
import queue
import sys
import threading
from concurrent.futures import Future
from itertools import repeat
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli import EXIT_OK, EXIT_REJECTED, EXIT_UNKNOWN, EXIT_USAGE, stdout_reader_gone
from app.cli.common import (
    CLI_STATUS,
    InputError,
    add_engine_options,
    add_profile_options,
    add_spreadsheet_options,
    exit_code,
    fail,
    json_line,
    load_cli_settings,
    load_orders,
    load_spreadsheet,
    open_desk,
    print_lines,
    result_line,
    select_profile,
    sending_profile,
    shown,
)
from app.core.gcpause import collection_paused
from app.core.models.references import references_of
from app.core.outcome import FieldError
from app.core.targets import Target

if TYPE_CHECKING:
    from app.core.clients import OrderClient
    from app.core.desk import Desk
    from app.core.engine import BatchHandle, OrderResult
    from app.core.importing import ImportedOrder, ImportSession, Reconciliation
    from app.core.models.validation import ValidationResult
    from app.core.settings import Profile

log = logging.getLogger(__name__)

def configure_submit(submit: argparse.ArgumentParser) -> None:
    submit.add_argument("files", nargs="+", metavar="FILE", type=Path,
                        help="JSON file (one order payload or a list of them), or a "
                        "spreadsheet (CSV/TSV or a workbook) with one row per item")
    add_profile_options(submit, target_required=True)
    add_spreadsheet_options(submit)
    submit.add_argument("--json", action="store_true", help="one JSON line per order")
    add_engine_options(submit)
    submit.add_argument("--allow-duplicates", action="store_true",
                        help="send orders without a reference even if the same content was "
                        "sent before")
    submit.set_defaults(func=run_submit)


def configure_validate(validate: argparse.ArgumentParser) -> None:
    validate.add_argument("files", nargs="+", metavar="FILE", type=Path)
    add_profile_options(validate, target_required=True)
    add_spreadsheet_options(validate)
    validate.add_argument("--json", action="store_true", help="one JSON line per order")
    validate.set_defaults(func=run_validate)


class _Orders:
    """Every order of every file, remembering where each came from (for messages)."""

    def __init__(self, paths: list[Path], target: Target, args: argparse.Namespace) -> None:
        self.payloads: list[Any] = []
        # Where each order came from, for messages ("orders.json #2"); a spreadsheet order's
        # lines are written out only when a message needs them (`origin`).
        self._origins: list[str | None] = []
        # A spreadsheet order as its import found it, with its file; None for a JSON order.
        self._imported: list[tuple[Path, ImportSession, ImportedOrder] | None] = []
        # Spreadsheet orders' errors with file line and column ("" for the others).
        self.problems: list[str] = []
        self.sheets: list[tuple[Path, Reconciliation]] = []  # spreadsheets: where every row went
        # Per order: its warnings, file and line named; None until first asked for.
        self.warnings: list[list[str] | None] = []
        # What the import already found for a spreadsheet's order (its `ok` and `wire` answer
        # as a check's result does; its errors are in `problems`), None for a JSON order not
        # checked yet: `validate` checks each order once.
        self.checked: list[ValidationResult | ImportedOrder | None] = []
        for path in paths:
            if _is_spreadsheet(path):
                from app.core.importing import file_notes, order_problems

                session = load_spreadsheet(path, target, args)
                found = session.orders
                self.payloads += map(attrgetter("payload"), found)
                self.checked += found
                self._origins += [None] * len(found)
                self._imported += zip(repeat(path), repeat(session), found)
                self.problems += [
                    f"{path.name} {order_problems(session, order)}" if order.errors else ""
                    for order in found
                ]
                self.warnings += [None] * len(found)
                self.sheets.append((path, session.reconciliation()))
                for note in file_notes(session):
                    print(shown(f"{path.name}: {note}"), file=sys.stderr)
                continue
            orders = load_orders(path, target, args)
            self.payloads += orders
            self._origins += [f"{path.name} #{n}" for n in range(1, len(orders) + 1)]
            self._imported += [None] * len(orders)
            self.problems += [""] * len(orders)
            self.warnings += [None] * len(orders)
            self.checked += [None] * len(orders)
        # The file's own references; an order without one is named by its origin in messages.
        self.references = references_of(target, self.payloads)

    def warnings_of(
        self, index: int, target: Target, checked: tuple[FieldError, ...] | None = None
    ) -> list[str]:
        """The order's warnings: a spreadsheet order's as its import found them; a JSON order's
        from the check already made (`checked`: the engine's, or `validate`'s), else from
        checking it now."""
        found = self.warnings[index]
        if found is None:
            imported = self._imported[index]
            if imported is not None:
                from app.core.importing import issue_text

                path, session, order = imported
                found = [f"{path.name} {issue_text(session, issue)}" for issue in order.warnings]
            else:
                if checked is None:
                    from app.core.models.validation import validate_order

                    checked = validate_order(target, self.payloads[index]).warnings
                found = [f"{self.origin(index)}: {warning}" for warning in checked]
            self.warnings[index] = found
        return found

    def origin(self, index: int) -> str:
        """"orders.csv lines 4, 5" or "orders.json #2": where the order came from."""
        found = self._origins[index]
        if found is None:
            path, session, order = self._imported[index]  # type: ignore[misc]
            found = self._origins[index] = _lines(path, session, order.rows)
        return found


def _is_spreadsheet(path: Path) -> bool:
    if path.suffix.lower() == ".json":  # the common case needs none of the spreadsheet reader
        return False
    from app.core.importing import is_spreadsheet

    return is_spreadsheet(path)


def _lines(path: Path, session: ImportSession, rows: tuple[int, ...]) -> str:
    lines = [session.line_of(row) for row in rows]
    return f"{path.name} line{'s' if len(lines) > 1 else ''} {', '.join(map(str, lines))}"


# Accepted in an earlier run and not sent again: counted apart from the newly accepted.
ALREADY_SENT = "already sent earlier (not sent again)"


def _print_sheet_summary(orders: _Orders, statuses: list[str], already_sent: int = 0) -> None:
    """With --json and spreadsheet input: one last line accounting for every row read."""
    if not orders.sheets:
        return
    counts: dict[str, int] = {}
    for status in statuses:
        counts[status] = counts.get(status, 0) + 1
    files = [{"file": path.name, **rec.to_json()} for path, rec in orders.sheets]
    print_lines([json_line({"summary": {"orders": counts, "already_sent": already_sent,
                                        "files": files}})])


class _Printer:
    """Result lines of the results the engine's threads hand over, written by the main thread
    (`write_waiting`): formatting and writing a line is off a worker's way from one answer to
    its next request. `positions[i]` is where the engine's order i stands among all the files'
    orders."""

    def __init__(
        self, as_json: bool, orders: _Orders, positions: list[int], target: Target
    ) -> None:
        self._as_json = as_json
        self._orders = orders
        self._positions = positions
        self._target = target
        self._origins = [
            orders.origin(position) if orders.references[position] is None else None
            for position in positions
        ]
        # Every result handed over (appended by the engine's threads), and how many of them
        # have their line written: a result counts as written only once its line is, so a
        # Ctrl-C landing while lines are made loses none of them.
        self._results: list[OrderResult] = []
        self._written = 0
        self._bell: queue.SimpleQueue[None] = queue.SimpleQueue()

    def __call__(self, result: OrderResult) -> None:
        self._results.append(result)
        self._bell.put(None)

    def wake(self) -> None:
        """Make a waiting `write_waiting` return (the batch has ended)."""
        self._bell.put(None)

    def write_waiting(self, timeout: float | None) -> None:
        """Write the lines of the results that have arrived, waiting up to ``timeout`` for the
        first one (or a `wake`)."""
        try:
            self._bell.get(timeout=timeout)
            while True:
                self._bell.get_nowait()
        except queue.Empty:
            pass
        end = len(self._results)
        lines: list[str] = []
        for result in self._results[self._written:end]:
            if result.index < 0:
                # An earlier run's uncertain order, resolved before this batch: worth knowing,
                # but stdout keeps exactly one line per order of the files.
                line = result_line(result, as_json=False)
                print(f"reconciled from an earlier run: {line}", file=sys.stderr, flush=True)
            else:
                lines.append(self._line(result))
        try:
            print_lines(lines, flush=True)
        except BrokenPipeError:  # `submit ... | head`: sending goes on, unseen
            stdout_reader_gone()
        self._written = end

    def _line(self, result: OrderResult) -> str:
        known = result.index < len(self._origins)
        origin = self._origins[result.index] if known else None
        warnings: list[str] = []
        if known and self._as_json:  # as the engine found them, not by checking it again
            warnings = self._orders.warnings_of(self._positions[result.index], self._target,
                                                result.warnings)
        return result_line(result, as_json=self._as_json, origin=origin, warnings=warnings)


def run_submit(args: argparse.Namespace) -> int:
    try:
        with collection_paused():  # up to the batch, all that is built is kept (see `main`)
            desk = open_desk()
    except InputError as exc:
        fail("submit", str(exc))
        return EXIT_USAGE
    client: _ClientSoon | None = None
    try:
        try:
            with collection_paused():
                profile = sending_profile(desk, args)
                client = _ClientSoon(desk, profile)
                orders = _Orders(args.files, profile.target, args)
        except InputError as exc:
            fail("submit", str(exc))
            return EXIT_USAGE
        return _submit(args, profile, orders, desk, client)
    finally:
        if client is not None:
            client.close_unused()
        desk.close()


class _ClientSoon:
    """The profile's client, built on a thread of its own while the orders are read and the
    engine loads (loading the trust store for TLS takes tens of milliseconds, and does not hold
    the interpreter meanwhile); the engine asks for it as its client factory. A profile of the
    built-in simulator gets its client when the engine asks: that starts the simulator, which a
    file that cannot be read must not do."""

    def __init__(self, desk: Desk, profile: Profile) -> None:
        self._desk = desk
        self._profile = profile
        self._ahead: Future[OrderClient] | None = None  # built ahead, until the engine takes it
        if not profile.is_embedded:
            self._ahead = Future()
            threading.Thread(target=self._build, args=(self._ahead,), name="order-desk-client",
                             daemon=True).start()

    def _build(self, ahead: Future[OrderClient]) -> None:
        try:
            ahead.set_result(self._desk.new_client(self._profile))
        except BaseException as exc:  # raised where the engine asks for it
            ahead.set_exception(exc)

    def __call__(self, profile: Profile) -> OrderClient:
        ahead, self._ahead = self._ahead, None
        if ahead is None or profile != self._profile:
            return self._desk.new_client(profile)
        return ahead.result()

    def close_unused(self) -> None:
        """Close it if the engine never took it (the run stopped before sending)."""
        ahead, self._ahead = self._ahead, None
        if ahead is not None and ahead.exception() is None:
            ahead.result().close()


def _submit(args: argparse.Namespace, profile: Profile, orders: _Orders, desk: Desk,
            client: _ClientSoon) -> int:
    with collection_paused():
        from app.core.engine import OrderResult, ResultStatus, SubmissionEngine
        from app.core.journal import SendLockBusyError

    # Spreadsheet orders the import found wrong (including what the models cannot see: rows of
    # one order that disagree, cells beyond the last column) are never sent.
    positions = [i for i, problem in enumerate(orders.problems) if not problem]
    held = [
        OrderResult(i, orders.references[i], ResultStatus.INVALID, message=problem)
        for i, problem in enumerate(orders.problems) if problem
    ]
    print_lines([
        result_line(result, as_json=args.json,
                    warnings=orders.warnings_of(result.index, profile.target) if args.json else [])
        for result in held
    ], flush=True)
    printer = _Printer(args.json, orders, positions, profile.target)
    engine = SubmissionEngine(desk.journal, client)
    try:
        try:
            handle = engine.submit_batch(
                [orders.payloads[i] for i in positions], profile,
                allow_duplicates=args.allow_duplicates,
                source=", ".join(str(path) for path in args.files), on_result=printer,
                on_progress=lambda progress: printer.wake() if progress.finished else None,
            )
        except ValueError as exc:  # the profile cannot be used, e.g. a missing store
            fail("submit", str(exc))
            return EXIT_USAGE
        _wait_interruptibly(handle, printer)
    finally:
        engine.close()
    if isinstance(handle.error, SendLockBusyError):
        fail("submit", f"{handle.error} Nothing was journaled or sent.")
        return EXIT_USAGE
    results = held + handle.report().results
    _summary(results)
    if args.json:
        _print_sheet_summary(orders, [CLI_STATUS[r.status] for r in results],
                             sum(r.previously for r in results))
    if handle.error is not None:
        fail("submit", f"stopped: {handle.error}")
        return EXIT_UNKNOWN  # requests may have been in flight; `order-desk reconcile` resolves
    return exit_code(results)


def _wait_interruptibly(handle: BatchHandle, printer: _Printer) -> None:
    """Until the batch ends, writing its result lines. Ctrl-C, or an account that cannot take
    orders (the batch holds: a script has nobody to ask), stops it: requests in flight finish,
    the rest is not sent."""
    try:
        try:
            while not handle.done:
                printer.write_waiting(0.2)  # short waits keep Ctrl-C responsive
                held = handle.control.held_reason
                if held:
                    print(shown(f"order-desk submit: stopped: the account cannot take orders "
                                f"({held}). The orders not sent yet are left for the next "
                                "submit of the same file, once that is fixed."),
                          file=sys.stderr)
                    handle.cancel()
                    break
        except KeyboardInterrupt:
            print("interrupted: finishing the requests in flight...", file=sys.stderr)
            handle.cancel()
        # Lines keep coming out while the requests in flight finish: a second Ctrl-C then
        # loses none of those already in.
        while not handle.done:
            printer.write_waiting(0.2)
    finally:
        printer.write_waiting(0)


def _summary(results: list[OrderResult]) -> None:
    from app.core.engine import ResultStatus

    counts: dict[str, int] = {}
    for result in results:
        status = ALREADY_SENT if result.previously else CLI_STATUS[result.status]
        counts[status] = counts.get(status, 0) + 1
    text = ", ".join(f"{count} {status}" for status, count in sorted(counts.items()))
    print(f"{len(results)} order(s): {text or 'nothing to do'}", file=sys.stderr)
    held = sum(result.status is ResultStatus.DUPLICATE for result in results)
    if held:
        print(f"{held} held back as suspected duplicates (same content as an order sent "
              "before): give each its own reference, or re-run with --allow-duplicates",
              file=sys.stderr)
    if counts.get("unknown"):
        print("outcomes unknown: run `order-desk reconcile` to settle them before anything is "
              "sent again", file=sys.stderr)
    if counts.get("not_sent"):
        print("not sent: nothing was created for these; submit the same file again (later, if "
              "the server was busy) to send them", file=sys.stderr)


def run_validate(args: argparse.Namespace) -> int:
    # What is read is kept to the end, with nothing in it for a collection to free.
    with collection_paused():
        return _validate(args)


# Result lines written to stdout by one call (a print per line of a 100,000-order file took
# a tenth of its run); a few thousand at a time, so a long run's output still flows.
_LINES_AT_ONCE = 4096


def _validate(args: argparse.Namespace) -> int:
    from app.core.models.validation import ValidationResult, validate_orders

    try:
        profile = select_profile(load_cli_settings(), args)
        orders = _Orders(args.files, profile.target, args)
    except InputError as exc:
        fail("validate", str(exc))
        return EXIT_USAGE
    # The JSON orders, all checked at once (a spreadsheet's were by its import).
    unchecked = [index for index, found in enumerate(orders.checked) if found is None]
    results = validate_orders(profile.target, [orders.payloads[i] for i in unchecked],
                              address_key=profile.address_key)
    for index, result in zip(unchecked, results, strict=True):
        orders.checked[index] = result
    target = profile.target
    invalid = 0
    statuses: list[str] = []
    seen: set[str] = set()  # submit refuses a reference given twice in one run: so does this
    heads = {status: f"{status:<9} " for status in ("valid", "invalid")}
    lines: list[str] = []
    as_json = args.json
    for index, (checked, reference, problem) in enumerate(zip(
        orders.checked, orders.references, orders.problems, strict=True
    )):
        assert checked is not None
        ok = checked.ok
        if ok:
            message = ""
            # The reference a valid order is sent with: the file's, as the check keeps it (its
            # wire JSON is never written here).
            if reference is not None:
                if reference in seen:
                    ok = False
                    message = (f"{orders.origin(index)}: reference {reference} appears more "
                               "than once in this batch")
                else:
                    seen.add(reference)
        elif problem:
            message = problem  # names the file, lines and columns
        else:
            message = "; ".join(map(str, checked.errors))  # an import's are in `problem`
            if reference is None and message:
                message = f"{orders.origin(index)}: {message}"
        status = "valid" if ok else "invalid"
        invalid += not ok
        statuses.append(status)
        if as_json:
            warnings = orders.warnings_of(
                index, target, checked.warnings if isinstance(checked, ValidationResult) else None
            )
            lines.append(json_line({"ref": reference, "status": status, "message": message,
                                    "warnings": warnings}))
        else:
            line = heads[status] + (reference or "-")
            lines.append(shown(f"{line} ({message})" if message else line))
        if len(lines) >= _LINES_AT_ONCE:
            print_lines(lines)
            lines.clear()
    print_lines(lines)
    if args.json:
        _print_sheet_summary(orders, statuses)
    print(f"{len(orders.payloads)} order(s): {len(orders.payloads) - invalid} valid, "
          f"{invalid} invalid", file=sys.stderr)
    return EXIT_REJECTED if invalid else EXIT_OK
