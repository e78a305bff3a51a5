"""One file being imported: rows grouped into orders, each validated, every problem on its cell.

The session is the single place that knows where every row went, so its reconciliation always
adds up: rows read = rows in valid orders + rows in invalid orders + rows excluded.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from itertools import compress
from operator import attrgetter, itemgetter, not_
from typing import Any, TypeVar

from app.core.importing.building import BuiltOrder, GroupMode, Layout, build_order, group_rows
from app.core.importing.damage import (
    CODE_FIELDS,
    POSTAL_DIGITS,
    POSTAL_FIELDS,
    POSTAL_MOST_DIGITS,
    digits_lost,
    leaf,
    postal_damage,
    shape_damages,
)
from app.core.importing.mapping import ColumnMapping
from app.core.importing.reading import Table
from app.core.models import field_specs
from app.core.models.countries import to_alpha2
from app.core.models.references import reference_of
from app.core.models.validation import ValidationResult, validate_order, validate_orders
from app.core.targets import Target

log = logging.getLogger(__name__)

BLANK_ROW = "blank row"
_SLICE = 2048  # orders built and checked together
# Rows per call of a loop that runs in C: such a call holds the GIL throughout, and the import
# dialog's worker must let the window have it within milliseconds (100,000 rows in one call
# held it 12 ms).
_C_LOOP_ROWS = 8192
_Row = TypeVar("_Row")
EXCLUDED_BY_OPERATOR = "excluded by the operator"


class Severity(StrEnum):
    ERROR = "error"  # the order cannot be sent as it is
    WARNING = "warning"  # sendable, but the operator should look (e.g. Excel damage)


@dataclass(frozen=True)
class CellIssue:
    """A problem located in the file. `column` is None when no single column holds it (a missing
    field, a constant, a whole-row problem)."""

    row: int
    column: int | None
    field: str
    message: str
    severity: Severity = Severity.ERROR


# Not frozen: a frozen dataclass sets each field through `object.__setattr__`, and making one
# per order was 70 ms of a 100,000-row import. Nothing changes an order once made.
@dataclass
class ImportedOrder:
    rows: tuple[int, ...]
    item_rows: tuple[int, ...]
    reference: str  # the operator's reference, "" when the file has none for this order
    payload: dict[str, Any]
    errors: tuple[CellIssue, ...]
    warnings: tuple[CellIssue, ...]
    target: Target
    address_key: str  # where a KA order's address goes in its wire JSON

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def sent_reference(self) -> str | None:
        """The reference the order is sent with when valid (its wire JSON's: the check keeps
        the payload's as it is), else None; read without writing the wire JSON."""
        return None if self.errors else reference_of(self.target, self.payload)

    @functools.cached_property
    def wire(self) -> dict[str, Any] | None:
        """The validated wire JSON, None when invalid. Written when first asked for, by checking
        the order again: the import's own check keeps no order (a 50,000-order file's wire JSON
        was a tenth of its checks' time, and kept as the models' objects it took 80 MB)."""
        if self.errors:
            return None
        return validate_order(self.target, self.payload, address_key=self.address_key).wire


@dataclass(frozen=True)
class ExcludedRow:
    row: int
    line: int
    reason: str


@dataclass(frozen=True)
class Reconciliation:
    rows_read: int
    rows_valid: int
    rows_invalid: int
    rows_excluded: int
    orders_valid: int
    orders_invalid: int
    excluded: tuple[ExcludedRow, ...]

    @property
    def adds_up(self) -> bool:
        return self.rows_read == self.rows_valid + self.rows_invalid + self.rows_excluded

    def to_json(self) -> dict[str, Any]:
        return {
            "rows_read": self.rows_read,
            "rows_in_valid_orders": self.rows_valid,
            "rows_in_invalid_orders": self.rows_invalid,
            "rows_excluded": self.rows_excluded,
            "valid_orders": self.orders_valid,
            "invalid_orders": self.orders_invalid,
            "excluded": [{"line": e.line, "reason": e.reason} for e in self.excluded],
        }

    def __str__(self) -> str:
        return (
            f"{self.rows_read} rows read = {self.rows_valid} in {self.orders_valid} valid orders"
            f" + {self.rows_invalid} in {self.orders_invalid} invalid orders"
            f" + {self.rows_excluded} excluded"
        )


def item_list_key(target: Target) -> str:
    """The wire key of the item list, read from the field specs ("orderItemsList", "items")."""
    for spec in field_specs(target):
        if "[]" in spec.path:
            return spec.path.split("[]", 1)[0]
    raise LookupError(f"no item fields for {target.value}")


class ImportSession:
    """The table, the mapping and the resulting orders; an edit re-validates what it touches."""

    def __init__(
        self,
        table: Table,
        target: Target,
        mapping: ColumnMapping,
        *,
        group_mode: GroupMode = GroupMode.ROW,
        address_key: str = "both",
    ) -> None:
        self.table = table
        self.target = target
        self.address_key = address_key
        self._item_list = item_list_key(target)
        self._mapping = mapping
        self._group_mode = group_mode
        self._operator_excluded: dict[int, str] = {}
        self._cache: dict[tuple[int, ...], ImportedOrder] = {}
        self._order_of_row: dict[int, int] = {}
        self._code_columns: list[tuple[str, int]] = []
        # Row -> its code cells whose text shows spreadsheet damage: column -> message.
        self._suspects: dict[int, dict[int, str]] = {}
        self._zip_columns: list[tuple[str, int]] = []
        self._postal_columns: set[int] = set()
        # The columns of an order's country: its ISO code's, then the country's as written.
        self._country_columns: list[int] = []
        # The fewest digits of a zip code of the file (of those only digits), and the most
        # digits the postal codes of a country it names have: unless fewer, no zip code can
        # have lost a zero.
        self._fewest_zip_digits = POSTAL_MOST_DIGITS
        self._most_postal_digits = 0
        self._reconciliation: Reconciliation | None = None
        self.orders: list[ImportedOrder] = []
        # `_is_blank` of every row, by calls that loop in C (a Python call per row was 35 ms
        # of a 100,000-row file): a row whose first cell is filled is not blank, which says it
        # of nearly every row; only the others are joined and looked at whole.
        self._blank_rows: set[int] = set()
        for start, rows in _in_slices(table.rows):
            maybe = compress(range(start, start + len(rows)),
                             map(not_, map(str.strip, map(itemgetter(0), rows))))
            self._blank_rows.update(row for row in maybe if _is_blank(table.rows[row]))
        self._layout = self._resolve_layout()
        self.rebuild()

    # --- configuration -------------------------------------------------------------------

    @property
    def mapping(self) -> ColumnMapping:
        return self._mapping

    @property
    def group_mode(self) -> GroupMode:
        return self._group_mode

    @property
    def layout(self) -> Layout:
        return self._layout

    def set_mapping(self, mapping: ColumnMapping) -> None:
        self._mapping = mapping
        self._layout = self._resolve_layout()
        self._cache.clear()
        self.rebuild()

    def set_group_mode(self, mode: GroupMode) -> None:
        self._group_mode = mode
        self.rebuild()

    # --- operator actions ----------------------------------------------------------------

    def edit_cell(self, row: int, column: int, value: str) -> None:
        """Change one cell and re-validate at once: only its order, unless the edit can move
        rows between orders (the reference, a grouping field, a row turning blank or not)."""
        self.table.rows[row][column] = value
        self._find_suspects([row])
        was_blank, is_blank = row in self._blank_rows, _is_blank(self.table.rows[row])
        if is_blank:
            self._blank_rows.add(row)
        else:
            self._blank_rows.discard(row)
        position = self._order_of_row.get(row)
        regroups = (
            was_blank != is_blank
            or column == self._layout.reference_column
            or (
                self._group_mode is GroupMode.ADDRESS
                and any(column == c for c, _ in self._layout.order_columns)
            )
        )
        if regroups or position is None:
            self._forget_row(row)
            self.rebuild()
            return
        before = self.orders[position]
        (order,) = self._validate([before.rows])
        self.orders[position] = order
        self._cache[before.rows] = order
        if self._reconciliation is not None and before.ok != order.ok:
            # Same rows, same orders: only the valid/invalid split moves (no walk over 100k rows).
            moved, sign = len(order.rows), (1 if order.ok else -1)
            rec = self._reconciliation
            self._reconciliation = replace(
                rec,
                rows_valid=rec.rows_valid + sign * moved,
                rows_invalid=rec.rows_invalid - sign * moved,
                orders_valid=rec.orders_valid + sign,
                orders_invalid=rec.orders_invalid - sign,
            )

    def exclude_rows(self, rows: Iterable[int], reason: str = EXCLUDED_BY_OPERATOR) -> None:
        for row in rows:
            self._operator_excluded[row] = reason or EXCLUDED_BY_OPERATOR
            self._forget_row(row)
        self.rebuild()

    def include_rows(self, rows: Iterable[int]) -> None:
        for row in rows:
            if self._operator_excluded.pop(row, None) is not None:
                self._forget_row(row)
        self.rebuild()

    # --- results -------------------------------------------------------------------------

    def excluded(self) -> dict[int, str]:
        """Row -> reason, for every row that belongs to no order."""
        return dict.fromkeys(self._blank_rows, BLANK_ROW) | self._operator_excluded

    def exclusion_reason(self, row: int) -> str | None:
        """Why `row` is in no order, or None; constant time (the table model asks per cell)."""
        if row in self._operator_excluded:
            return self._operator_excluded[row]
        return BLANK_ROW if row in self._blank_rows else None

    def order_of(self, row: int) -> ImportedOrder | None:
        position = self._order_of_row.get(row)
        return None if position is None else self.orders[position]

    def order_index_of(self, row: int) -> int | None:
        return self._order_of_row.get(row)

    def valid_orders(self) -> list[ImportedOrder]:
        return [order for order in self.orders if order.ok]

    def invalid_orders(self) -> list[ImportedOrder]:
        return [order for order in self.orders if not order.ok]

    def reconciliation(self) -> Reconciliation:
        """Where every row went; computed once per change (it walks every order)."""
        if self._reconciliation is None:
            self._reconciliation = self._reconcile()
        return self._reconciliation

    def _reconcile(self) -> Reconciliation:
        excluded = self.excluded()
        # The orders split by their errors, and their rows counted, by loops in C.
        errors = list(map(attrgetter("errors"), self.orders))
        valid = list(compress(self.orders, map(not_, errors)))
        invalid = list(compress(self.orders, errors))
        return Reconciliation(
            rows_read=len(self.table.rows),
            rows_valid=sum(map(len, map(attrgetter("rows"), valid))),
            rows_invalid=sum(map(len, map(attrgetter("rows"), invalid))),
            rows_excluded=len(excluded),
            orders_valid=len(valid),
            orders_invalid=len(invalid),
            excluded=tuple(
                ExcludedRow(row, self.table.line_numbers[row], reason)
                for row, reason in sorted(excluded.items())
            ),
        )

    def line_of(self, row: int) -> int:
        return self.table.line_numbers[row]

    def maps_field(self, path: str) -> bool:
        """True if a column or a constant of the mapping fills `path`."""
        return path in self._layout.column_of or path in self._mapping.constants

    def unused_headers(self) -> list[str]:
        """Headers of the columns holding values that feed no field (unmapped, or replaced by
        a constant). Walks the table: for reports, not per cell."""
        used = set(self._layout.column_of.values())
        return [
            header
            for column, header in enumerate(self.table.headers)
            if column not in used and any(row[column].strip() for row in self.table.rows)
        ]

    # --- internals -----------------------------------------------------------------------

    def rebuild(self) -> None:
        """Regroup (linear) and validate only the groups not already validated as they are."""
        groups = group_rows(self.table.rows, self._layout, self._group_mode, self.excluded())
        known = self._cache
        if known:
            unchecked = [members for members in groups if members not in known]
            checked = iter(self._validate(unchecked))  # in the order of `groups`
            orders = [known.get(members) or next(checked) for members in groups]
        else:  # the first time: every group
            orders = self._validate(groups)
        self._cache = dict(zip(groups, orders, strict=True))
        self.orders = orders
        self._order_of_row = {row: position for position, members in enumerate(groups)
                              for row in members}
        self._reconciliation = None

    def _forget_row(self, row: int) -> None:
        order = self.order_of(row)
        if order is not None:
            self._cache.pop(order.rows, None)

    def _resolve_layout(self) -> Layout:
        layout = Layout.resolve(
            self.target, self._mapping, self.table.headers, self._item_list,
            list_fields=(s.path for s in field_specs(self.target) if s.kind == "list"),
        )
        # Only code columns can carry spreadsheet damage; checking the rest is wasted time.
        self._code_columns = [
            (path, column) for path, column in layout.column_of.items() if leaf(path) in CODE_FIELDS
        ]
        # Where an order's country is written, for its zip code's digits (not the seller's or
        # payer's address).
        self._country_columns = [
            column for name in ("countryCode", "country")
            for column, path in layout.order_columns
            if path.rsplit(".", 1)[-1] == name and not path.startswith(("seller.", "payer."))
        ]
        self._zip_columns = [(path, column) for path, column in self._code_columns
                             if leaf(path) in POSTAL_FIELDS]
        self._postal_columns = {column for _, column in self._zip_columns}
        self._find_suspects()
        return layout

    def _find_suspects(self, rows: Iterable[int] | None = None) -> None:
        """Note the code cells of `rows` (None: every row) whose text alone shows spreadsheet
        damage, judging each distinct text of a column once (nearly always none are: the orders
        then skip the check). Zip codes that may have lost zeros depend on the order's country:
        `_damage`."""
        table = self.table.rows
        if rows is None:
            self._suspects.clear()
            self._fewest_zip_digits, self._most_postal_digits = POSTAL_MOST_DIGITS, 0
            rows, cells = range(len(table)), table
        else:
            rows = list(rows)
            for row in rows:
                self._suspects.pop(row, None)
            cells = [table[row] for row in rows]
        if self._postal_columns:
            countries = _distinct(cells, self._country_columns)
            self._most_postal_digits = max(
                [self._most_postal_digits, *(_postal_digits(text.strip()) for text in countries)]
            )
        for _, column in self._code_columns:
            texts = _distinct(cells, [column])
            if column in self._postal_columns:
                self._fewest_zip_digits = min(self._fewest_zip_digits, _fewest_digits(texts))
            damaged = shape_damages(texts)
            if damaged:
                for row in rows:
                    message = damaged.get(table[row][column])
                    if message:
                        self._suspects.setdefault(row, {})[column] = message

    def _validate(self, groups: list[tuple[int, ...]]) -> list[ImportedOrder]:
        """Build and check these groups of rows, many orders per call into the models (a
        slice at a time, so only a slice's intermediate results exist at once)."""
        orders: list[ImportedOrder] = []
        for start in range(0, len(groups), _SLICE):
            built = [build_order(self.table.rows, members, self._layout, self.table.headers)
                     for members in groups[start : start + _SLICE]]
            # The builder trims every cell and leaves blank ones out: the models need not again.
            results = validate_orders(self.target, [order.payload for order in built],
                                      address_key=self.address_key, tidied=True)
            orders += [self._imported(order, result)
                       for order, result in zip(built, results, strict=True)]
        return orders

    def _imported(self, built: BuiltOrder, result: ValidationResult) -> ImportedOrder:
        members = built.rows
        table = self.table
        errors = [CellIssue(c.row, c.column, c.field, c.message)
                  for c in built.conflicts] if built.conflicts else []
        if table.overflow:
            for row in members:
                extra = table.overflow.get(row)
                if extra:
                    errors.append(
                        CellIssue(row, None, "", f"{extra} cell(s) beyond the last header column")
                    )
        for error in result.errors:
            errors.append(self._locate(error.loc, error.message, built))
        reference = ""
        reference_column = self._layout.reference_column
        if reference_column is not None:
            for row in members:
                reference = table.rows[row][reference_column].strip()
                if reference:
                    break
        warnings: list[CellIssue] = []
        if self._suspects or self._fewest_zip_digits < self._most_postal_digits:
            for issue in self._damage(built):
                (errors if issue.severity is Severity.ERROR else warnings).append(issue)
        for warning in result.warnings:
            warnings.append(replace(self._locate(warning.loc, warning.message, built),
                                    severity=Severity.WARNING))
        return ImportedOrder(members, built.item_rows, reference, built.payload, tuple(errors),
                             tuple(warnings), self.target, self.address_key)

    def _locate(self, loc: str, message: str, built: BuiltOrder) -> CellIssue:
        """The row and column a wire location ("orderItemsList.0.quantity") came from."""
        names: list[str] = []
        item_index: int | None = None
        for part in loc.split(".") if loc else ():
            if part.isdigit() and names:
                if item_index is None and names == [self._item_list]:
                    item_index = int(part)
                names[-1] += "[]"
            else:
                names.append(part)
        path = ".".join(names)
        column = self._layout.column_of.get(path)
        if item_index is not None and item_index < len(built.item_rows):
            row = built.item_rows[item_index]
        elif column is not None:
            # The order field's value came from the first row of the order that filled it in.
            row = next((r for r in built.rows if self.table.rows[r][column].strip()), built.rows[0])
        else:
            row = built.rows[0]
        return CellIssue(row, column, path, message)

    def _damage(self, built: BuiltOrder) -> list[CellIssue]:
        issues = []
        digits = -1  # the order's country's postal code digits (0: none), once a zip needs it
        cells = self.table.rows
        suspects = self._suspects
        for row in built.rows:
            shown = suspects.get(row) if suspects else None
            # Every code column in order when one shows damage, else only the zip codes.
            columns = self._code_columns if shown else self._zip_columns
            for path, column in columns:
                text = cells[row][column].strip()
                message = shown.get(column) if shown else None
                if message is None and text.isdigit() and len(text) < POSTAL_MOST_DIGITS \
                        and column in self._postal_columns:
                    if digits < 0:
                        digits = self._postal_digits(built)
                    if len(text) < digits:
                        message = postal_damage(text, self._country(built) or "")
                if message:
                    severity = Severity.ERROR if digits_lost(path, text) else Severity.WARNING
                    issues.append(CellIssue(row, column, path, message, severity))
        return issues

    def _country(self, built: BuiltOrder) -> str | None:
        """The order's destination as an ISO alpha-2 code, None when unknown (the model reports
        that). Nomad keeps the ISO code apart from the country as written, and that comes
        first; KA has only "country"."""
        return _country_code(self._order_value(built))

    def _postal_digits(self, built: BuiltOrder) -> int:
        """How many digits the postal codes of the order's country have; 0 if not fixed."""
        return _postal_digits(self._order_value(built))

    def _order_value(self, built: BuiltOrder) -> str:
        """The order's country as written: the first filled cell of its ISO code's columns,
        else of its country's."""
        for column in self._country_columns:
            for row in built.rows:
                value = self.table.rows[row][column].strip()
                if value:
                    return value
        return ""


def _is_blank(cells: list[str]) -> bool:
    return not "".join(cells).strip()  # one call per row: whitespace joined stays whitespace


@functools.lru_cache(maxsize=1024)
def _postal_digits(country: str) -> int:
    return POSTAL_DIGITS.get(_country_code(country) or "", 0)


@functools.lru_cache(maxsize=1024)
def _country_code(value: str) -> str | None:
    """ISO alpha-2 for a code or a country name, None when unknown (the model reports that)."""
    if not value:
        return None
    try:
        return to_alpha2(value)
    except ValueError:
        return None


def _fewest_digits(texts: Iterable[str]) -> int:
    """The fewest digits of those `texts` (trimmed) that are only digits, by calls that loop in C
    a few thousand texts at a time (`POSTAL_MOST_DIGITS` when none is)."""
    listed = list(texts)
    return min([POSTAL_MOST_DIGITS, *(
        min(map(len, filter(str.isdigit, map(str.strip, part))), default=POSTAL_MOST_DIGITS)
        for _, part in _in_slices(listed)
    )])


def _distinct(rows: Sequence[Sequence[str]], columns: Iterable[int]) -> set[str]:
    """The distinct texts of `columns` in `rows`, by calls that loop in C."""
    texts: set[str] = set()
    for column in columns:
        for _start, part in _in_slices(rows):
            texts.update(map(itemgetter(column), part))
    return texts


def _in_slices(rows: Sequence[_Row]) -> Iterator[tuple[int, Sequence[_Row]]]:
    """`rows` `_C_LOOP_ROWS` at a time, each with the index it starts at."""
    for start in range(0, len(rows), _C_LOOP_ROWS):
        yield start, rows[start : start + _C_LOOP_ROWS]
