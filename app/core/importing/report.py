"""An import's problems as text an operator can act on: file line, column header, field, reason.

The command line prints these; the dialog shows the same issues on their cells instead.
"""

from __future__ import annotations

import logging

from app.core.importing.session import CellIssue, ImportedOrder, ImportSession

log = logging.getLogger(__name__)

# A 100,000-row file with a damaged column would otherwise print a warning per row.
_LISTED_WARNINGS = 50


def issue_text(session: ImportSession, issue: CellIssue) -> str:
    """ "line 5, 数量 (orderItemsList[].quantity): must be a whole number (got 2.5)"."""
    where = f"line {session.line_of(issue.row)}"
    if issue.column is not None:
        header = session.table.headers[issue.column]
        named_apart = issue.field and issue.field != header
        where += f", {header} ({issue.field})" if named_apart else f", {header}"
    elif issue.field:
        where += f", {issue.field}"
        if not session.maps_field(issue.field):
            return f"{where}: {issue.message} (no column of the file is mapped to it)"
    return f"{where}: {issue.message}"


def order_problems(session: ImportSession, order: ImportedOrder) -> str:
    """Every error of one order, located; "" when the order is valid."""
    return "; ".join(issue_text(session, issue) for issue in order.errors)


def file_notes(session: ImportSession) -> list[str]:
    """What an operator should hear about a file besides its orders' errors: title lines skipped,
    mapped columns it lacks, columns that feed no field (their data is not sent), warnings on
    values that will be sent, and where every row went."""
    notes = [f"sheet {session.table.sheet!r} read"] if session.table.sheet else []
    notes += [
        f"line {line} skipped: a title above the header row ({text!r})"
        for line, text in session.table.title_lines
    ]
    notes += [
        f"column {header!r} read as {match.path} by its values ({match.reason})"
        for header, match in session.mapping.by_values.items()
        if session.mapping.columns.get(header) == match.path
    ]
    absent = [header for header in session.mapping.columns if header not in session.table.headers]
    if absent:
        notes.append(f"the mapping names columns this file does not have: "
                     f"{', '.join(map(repr, absent))}")
    unused = session.unused_headers()
    if unused:
        notes.append(f"columns not used (their values are not sent): {', '.join(unused)}")
    warnings = [issue for order in session.orders for issue in order.warnings]
    notes += [f"warning: {issue_text(session, issue)}" for issue in warnings[:_LISTED_WARNINGS]]
    if len(warnings) > _LISTED_WARNINGS:
        notes.append(f"... and {len(warnings) - _LISTED_WARNINGS} more warnings")
    reconciliation = session.reconciliation()
    notes.append(str(reconciliation))
    by_reason: dict[str, list[int]] = {}
    for excluded in reconciliation.excluded:
        by_reason.setdefault(excluded.reason, []).append(excluded.line)
    notes += [f"excluded ({reason}): {_lines(lines)}" for reason, lines in by_reason.items()]
    return notes


_LISTED_LINES = 20


def _lines(lines: list[int]) -> str:
    """ "line 5" or "lines 5, 9, 12" (the first few, then how many more)."""
    shown = ", ".join(map(str, lines[:_LISTED_LINES]))
    more = f" and {len(lines) - _LISTED_LINES} more" if len(lines) > _LISTED_LINES else ""
    return f"line{'s' if len(lines) > 1 else ''} {shown}{more}"
