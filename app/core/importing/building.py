"""Rows to order payloads: which columns are order fields and which item fields, how rows group.

One row is one item. Rows sharing an order reference are one order; rows without one are an
order each, or (if the operator asks) grouped with the rows that have the same order fields.
"""

from __future__ import annotations

import functools
import hashlib
import linecache
import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from operator import itemgetter
from typing import Any, NamedTuple

from app.core.csv_export import restored_cell
from app.core.importing.mapping import ColumnMapping
from app.core.targets import Target

log = logging.getLogger(__name__)


_LIST_SEPARATORS = re.compile(r"[;\n]")


# `build_order` for one layout: (rows, an order's rows, headers) -> the built order.
_Builder = Callable[[Sequence[Sequence[str]], tuple[int, ...], Sequence[str]], "BuiltOrder"]


class GroupMode(StrEnum):
    ROW = "row"  # a row without a reference is an order on its own
    ADDRESS = "address"  # rows without a reference but with identical order fields are one order


@dataclass(frozen=True)
class Conflict:
    """Two rows of one order disagree on an order field; the later cell is the one flagged."""

    row: int
    column: int
    field: str
    message: str


class BuiltOrder(NamedTuple):  # one per order: a tuple is made in a fifth of a dataclass's time
    rows: tuple[int, ...]
    item_rows: tuple[int, ...]  # item i of the payload came from row item_rows[i]
    payload: dict[str, Any]
    conflicts: tuple[Conflict, ...]


@dataclass(frozen=True)
class Layout:
    """A mapping resolved against one header row: columns and constants split by level."""

    item_list: str  # wire key of the item list: "orderItemsList" / "items"
    order_columns: tuple[tuple[int, str], ...]  # (column, path)
    item_columns: tuple[tuple[int, str], ...]  # (column, path inside an item)
    order_constants: tuple[tuple[str, str], ...]  # (path, value)
    item_constants: tuple[tuple[str, str], ...]
    reference_column: int | None
    column_of: dict[str, int]  # full field path -> column
    list_fields: frozenset[str] = frozenset()  # paths (as above) whose value is a list of text

    @functools.cached_property
    def builder(self) -> _Builder:
        return _compiled_builder(self)

    @functools.cached_property
    def reference_position(self) -> int | None:
        """Where the reference's column is among the order columns; None when not mapped."""
        columns = [column for column, _ in self.order_columns]
        return columns.index(self.reference_column) if self.reference_column in columns else None

    @functools.cached_property
    def other_order_cells(self) -> Callable[[Sequence[str]], tuple[str, ...]]:
        """A row's cells of the order columns but the reference's, in one call."""
        return _cells_of(tuple(column for position, column in enumerate(self.order_columns)
                               if position != self.reference_position))

    @classmethod
    def resolve(
        cls,
        target: Target,
        mapping: ColumnMapping,
        headers: Sequence[str],
        item_list: str,
        list_fields: Iterable[str] = (),
    ) -> Layout:
        item_prefix = f"{item_list}[]."
        order_cols: list[tuple[int, str]] = []
        item_cols: list[tuple[int, str]] = []
        column_fields = mapping.column_fields(headers)
        for column, path in column_fields.items():
            if path.startswith(item_prefix):
                item_cols.append((column, path.removeprefix(item_prefix)))
            else:
                order_cols.append((column, path))
        order_consts = [
            (p, v) for p, v in mapping.constants.items() if not p.startswith(item_prefix)
        ]
        item_consts = [
            (p.removeprefix(item_prefix), v)
            for p, v in mapping.constants.items()
            if p.startswith(item_prefix)
        ]
        column_of = {path: column for column, path in column_fields.items()}
        lists = set(list_fields)
        return cls(
            item_list=item_list,
            order_columns=tuple(order_cols),
            item_columns=tuple(item_cols),
            order_constants=tuple(order_consts),
            item_constants=tuple(item_consts),
            reference_column=column_of.get(target.spec.reference_field),
            column_of=column_of,
            list_fields=frozenset(lists | {p.removeprefix(item_prefix) for p in lists}),
        )


def group_rows(
    rows: Sequence[Sequence[str]], layout: Layout, mode: GroupMode, skip: Iterable[int] = ()
) -> list[tuple[int, ...]]:
    """Row indexes per order, in the order each order first appears. Linear in the rows."""
    skipped = set(skip)
    # Keyed by the reference (text), the order fields (a tuple of texts) or the row (a number):
    # keys of different kinds never meet.
    groups: dict[object, list[int]] = {}
    ref_col = layout.reference_column
    order_cols = [column for column, _ in layout.order_columns]
    key: object
    for index, row in enumerate(rows):
        if index in skipped:
            continue
        reference = row[ref_col].strip() if ref_col is not None else ""
        if reference:
            key = reference
        elif mode is GroupMode.ADDRESS:
            key = tuple([row[c].strip() for c in order_cols])
        else:
            key = index
        members = groups.get(key)
        if members is None:
            groups[key] = [index]
        else:
            members.append(index)
    return [tuple(members) for members in groups.values()]


def build_order(
    rows: Sequence[Sequence[str]], members: tuple[int, ...], layout: Layout, headers: Sequence[str]
) -> BuiltOrder:
    """The payload for one group of rows. Blank cells are left out, never sent as "", and every
    text is trimmed: the payload is as the models tidy operator input (`validate_orders`'
    `tidied`). An order field takes the first filled cell of the order's rows (a later one
    that differs is a conflict); each row is an item, but for an order-only row (an address
    line above its items) of an order of several rows. A cell our own exports neutralised
    (``'=...``) is read without its quote, and a list field's cell is split (`_typed`)."""
    return layout.builder(rows, members, headers)


def _compiled_builder(layout: Layout) -> _Builder:
    """`build_order` for `layout`, written out as Python and compiled once: every order of a
    file runs it, and a loop over the layout's fields decided again for each cell which
    column, parent and kind it was (a third of the builder's time). The source holds no text of
    the file or the mapping: columns are numbers, names and paths are passed in as values."""
    known: dict[str, Any] = {
        "BuiltOrder": BuiltOrder, "_typed": _typed, "_constant": _constant, "set_path": set_path,
        "_order_values": _order_values, "layout": layout, "lists": layout.list_fields,
        "order_constants": layout.order_constants, "item_constants": layout.item_constants,
        "item_list": layout.item_list,
    }
    order = [f"v{n}" for n in range(len(layout.order_columns))]
    code = [
        "def build(rows, members, headers):",
        "    conflicts = []",
        "    one_row = len(members) == 1",
    ]
    if order:
        code.append("    first = rows[members[0]]")
        code += [f"    {value} = first[{int(column)}].strip()"
                 for value, (column, _) in zip(order, layout.order_columns, strict=True)]
        code += ["    if not one_row:",
                 f"        {', '.join(order)}, = _order_values(rows, members, layout, headers, "
                 f"conflicts, [{', '.join(order)}])"]
    code.append("    payload = {}")
    for n, (value, (_, path)) in enumerate(zip(order, layout.order_columns, strict=True)):
        code += _placing(value, "payload", path, f"o{n}", layout.list_fields, known, "    ")
    if layout.order_constants:
        code += [
            "    for path, constant in order_constants:",
            "        set_path(payload, path, _constant(lists, path, constant))",
        ]
    code += [
        "    items = []",
        "    item_rows = []",
        "    for index in members:",
        "        row = rows[index]",
        "        item = {}",
    ]
    for n, (column, path) in enumerate(layout.item_columns):
        code.append(f"        w{n} = row[{int(column)}].strip()")
        code += _placing(f"w{n}", "item", path, f"i{n}", layout.list_fields, known, "        ")
    code += [
        "        if not item and not one_row:",
        "            continue",
    ]
    if layout.item_constants:
        code += [
            "        for path, constant in item_constants:",
            "            set_path(item, path, _constant(lists, path, constant))",
        ]
    code += [
        "        items.append(item)",
        "        item_rows.append(index)",
        "    if items:",
        "        payload[item_list] = items",
        "    return BuiltOrder(members, tuple(item_rows), payload, tuple(conflicts))",
    ]
    source = "\n".join(code) + "\n"
    # Named by its source and kept in linecache: a traceback through it shows its lines, and
    # `inspect.getsource(layout.builder)` reads it (one entry per distinct builder).
    filename = f"<order builder {hashlib.sha1(source.encode()).hexdigest()[:12]}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    exec(compile(source, filename, "exec"), known)
    built: _Builder = known["build"]
    return built


def _placing(value: str, root: str, path: str, name: str, lists: frozenset[str],
             known: dict[str, Any], indent: str) -> list[str]:
    """Source that sets the trimmed text in the variable `value`, unless blank, at `path`
    below the dict `root`, making the parents it needs (`_place`, written out). The path and
    its names go into `known` under names made from `name`."""
    parents, last, wrap = _steps(path)
    known[f"P_{name}"], known[f"L_{name}"] = path, last
    code = [f"if {value}:"]
    if path in lists:
        code.append(f"    {value} = _typed(lists, P_{name}, {value})")
    else:
        code += [f"    if {value}[0] == \"'\":",
                 f"        {value} = _typed(lists, P_{name}, {value})"]
    code.append(f"    node = {root}")
    for depth, (parent, in_list) in enumerate(parents):
        known[f"K_{name}_{depth}"] = parent
        code += [
            f"    child = node.get(K_{name}_{depth})",
            "    if child is None:",
            f"        child = node[K_{name}_{depth}] = {'[{}]' if in_list else '{}'}",
            f"    node = {'child[0]' if in_list else 'child'}",
        ]
    if wrap:
        code.append(f"    node[L_{name}] = {value} if isinstance({value}, list) else [{value}]")
    else:
        code.append(f"    node[L_{name}] = {value}")
    return [indent + line for line in code]


def _order_values(
    rows: Sequence[Sequence[str]], members: tuple[int, ...], layout: Layout,
    headers: Sequence[str], conflicts: list[Conflict], values: list[str],
) -> list[str]:
    """`values`, each order column's trimmed text on the order's first row, with a blank one
    filled from the first later row that has it. A later cell that differs is a conflict
    (listed by column, then row)."""
    others = layout.other_order_cells
    at = layout.reference_position
    found: list[tuple[int, int, Conflict]] = []
    for later, index in enumerate(members[1:]):
        row = rows[index]
        # The usual later row: the order's reference again (or none), the rest left blank.
        if not "".join(others(row)).strip() and (
            at is None or row[layout.order_columns[at][0]].strip() in ("", values[at])
        ):
            continue
        for position, (column, path) in enumerate(layout.order_columns):
            cell = row[column].strip()
            if not cell:
                continue
            value = values[position]
            if not value:
                values[position] = cell
            elif cell != value:
                found.append((position, later, Conflict(
                    index, column, path,
                    f"{headers[column]} is {cell!r} here but {value!r} on an earlier row "
                    "of the same order",
                )))
    if found:
        conflicts += [conflict for _, _, conflict in sorted(found, key=itemgetter(0, 1))]
    return values


def _cells_of(columns: tuple[tuple[int, str], ...]) -> Callable[[Sequence[str]], tuple[str, ...]]:
    """A function giving a row's cells of `columns`, in one call (`operator.itemgetter`)."""
    if len(columns) > 1:
        return itemgetter(*(column for column, _ in columns))
    if columns:
        ((column, _),) = columns
        return lambda row: (row[column],)
    return lambda row: ()


def _place(node: dict[str, Any], parents: tuple[tuple[str, bool], ...], last: str,
           value: Any) -> None:
    """Set `value` under `last` below the `parents` (name, is a list), making those as needed
    (the one object of a list named "skus[]")."""
    for name, in_list in parents:
        child: Any = node.get(name)
        if child is None:
            child = node[name] = [{}] if in_list else {}
        node = child[0] if in_list else child
    node[last] = value


def _typed(lists: frozenset[str], path: str, text: str) -> str | list[str]:
    """List fields (image URLs, categories) take several values in one cell, one per line or
    separated by ";"; everything else stays the (trimmed, not blank) text it was (the models
    parse it). A cell our own exports neutralised (``'+33 1 42 68 53 00``: a formula's first
    character after a quote) is read without the quote, so a failed-rows file imports again
    once fixed."""
    if text[0] == "'":
        text = restored_cell(text).strip()  # a quote before a tab: never blank, it was trimmed
    if path not in lists:
        return text
    return [part.strip() for part in _LIST_SEPARATORS.split(text) if part.strip()]


def _constant(lists: frozenset[str], path: str, value: str) -> str | list[str] | None:
    """A constant of the mapping as a cell would be read; blank text is None (missing)."""
    text = value.strip()
    if text:
        return _typed(lists, path, text)
    return [] if path in lists else None


@functools.lru_cache(maxsize=1024)
def _steps(path: str) -> tuple[tuple[tuple[str, bool], ...], str, bool]:
    """A dotted path once split: (name, is a list) of each parent, the last name, its list."""
    *parents, last = path.split(".")
    return (tuple((name.removesuffix("[]"), name.endswith("[]")) for name in parents),
            last.removesuffix("[]"), last.endswith("[]"))


def set_path(target: dict[str, Any], path: str, value: str | list[str] | None) -> None:
    """Set `value` at a dotted path; "skus[]" means a one-element list of objects."""
    parents, last, is_list = _steps(path)
    _place(target, parents, last, value if not is_list or isinstance(value, list) else [value])
