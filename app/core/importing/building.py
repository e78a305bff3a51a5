"""Rows to order payloads: which columns are order fields and which item fields, how rows group.

One row is one item. Rows sharing an order reference are one order; rows without one are an
order each, or (if the operator asks) grouped with the rows that have the same order fields.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, NamedTuple

from app.core.csv_export import restored_cell
from app.core.importing.mapping import ColumnMapping
from app.core.targets import Target

log = logging.getLogger(__name__)


_LIST_SEPARATORS = re.compile(r"[;\n]")


# A column's field as the builder sets it: (column, path, parents as (name, is a list), the last
# name, whether the value goes in a list of its own); see `_steps`.
_Step = tuple[int, str, tuple[tuple[str, bool], ...], str, bool]


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
    def order_plan(self) -> tuple[_Step, ...]:
        return tuple((column, path, *_steps(path)) for column, path in self.order_columns)

    @functools.cached_property
    def item_plan(self) -> tuple[_Step, ...]:
        return tuple((column, path, *_steps(path)) for column, path in self.item_columns)

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
    `tidied`). This runs for every order of a file: the set-a-path steps are written out."""
    payload: dict[str, Any] = {}
    conflicts: list[Conflict] = []
    lists = layout.list_fields
    first = rows[members[0]]
    one_row = len(members) == 1
    value: Any
    for column, path, parents, last, wrap in layout.order_plan:
        if one_row:
            value = first[column].strip()
        else:  # the first filled cell of the order's rows; a later one that differs conflicts
            value = ""
            for index in members:
                cell = rows[index][column].strip()
                if not cell:
                    continue
                if not value:
                    value = cell
                elif cell != value:
                    conflicts.append(Conflict(
                        index, column, path,
                        f"{headers[column]} is {cell!r} here but {value!r} on an earlier row "
                        "of the same order",
                    ))
        if not value:
            continue
        if value[0] == "'" or path in lists:
            value = _typed(lists, path, value)
        node = payload
        for name, in_list in parents:  # `_place`, written out
            child: Any = node.get(name)
            if child is None:
                child = node[name] = [{}] if in_list else {}
            node = child[0] if in_list else child
        node[last] = [value] if wrap and not isinstance(value, list) else value
    for path, constant in layout.order_constants:
        set_path(payload, path, _constant(lists, path, constant))
    items: list[dict[str, Any]] = []
    item_rows: list[int] = []
    for index in members:
        row = rows[index]
        item: dict[str, Any] = {}
        for column, path, parents, last, wrap in layout.item_plan:
            value = row[column].strip()
            if not value:
                continue
            if value[0] == "'" or path in lists:
                value = _typed(lists, path, value)
            node = item
            for name, in_list in parents:
                child = node.get(name)
                if child is None:
                    child = node[name] = [{}] if in_list else {}
                node = child[0] if in_list else child
            node[last] = [value] if wrap and not isinstance(value, list) else value
        if not item and not one_row:
            continue  # an order-only row (address line above its items) carries no item
        for path, constant in layout.item_constants:
            set_path(item, path, _constant(lists, path, constant))
        items.append(item)
        item_rows.append(index)
    if items:
        payload[layout.item_list] = items
    return BuiltOrder(members, tuple(item_rows), payload, tuple(conflicts))


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
