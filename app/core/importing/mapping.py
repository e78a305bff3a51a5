"""Which column feeds which API field: automatic mapping, operator constants, saved mappings.

Field paths are those of the models' field specs: "orderAddress.phone" for an order field,
"orderItemsList[].sku" or "items[].product.name" for a field of each item.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core import json_input
from app.core.importing.errors import ImportFileError
from app.core.importing.synonyms import Concept, header_concepts, normalise_header
from app.core.models import FieldSpec, field_specs
from app.core.models.values import choice_for
from app.core.paths import data_dir
from app.core.targets import Target

log = logging.getLogger(__name__)

_FORMAT_VERSION = 1
# The last column of a failed-rows export; ignored when that file is mapped again, so a fixed
# file gets the mapping saved for the original.
PROBLEMS_HEADER = "Import problems"
# Generic words ("Phone", "Address") mean the buyer, never the seller or payer blocks.
_SECONDARY_PREFIXES = ("seller.", "payer.")


@dataclass(frozen=True)
class ValueMatch:
    """A column whose every non-empty value is one of a field's choices: "all 21 values are
    shipping speeds"."""

    path: str
    count: int  # non-empty cells
    noun: str  # the field's label in the plural: "shipping speeds"

    @property
    def reason(self) -> str:
        return f"all {self.count} values are {self.noun}" if self.count > 1 else (
            f"its value is one of the {self.noun}"
        )


@dataclass
class ColumnMapping:
    """`columns`: header -> field path. `constants`: field path -> one value for every row.

    A constant wins over a column mapped to the same field, so the operator can override a
    whole column without editing the file.
    """

    target: Target
    columns: dict[str, str] = field(default_factory=dict)
    constants: dict[str, str] = field(default_factory=dict)
    # Columns mapped by their values rather than their header (shown as suggestions; not saved).
    by_values: dict[str, ValueMatch] = field(default_factory=dict, compare=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "version": _FORMAT_VERSION,
            "target": self.target.value,
            "columns": dict(self.columns),
            "constants": dict(self.constants),
        }

    @classmethod
    def from_json(cls, data: Any, target: Target) -> ColumnMapping:
        """Parse and check a mapping document; raises ImportFileError saying what is wrong."""
        if not isinstance(data, dict):
            raise ImportFileError("A mapping file must hold a JSON object.")
        if data.get("target", target.value) != target.value:
            raise ImportFileError(
                f"This mapping is for target {data.get('target')!r}, not {target.value!r}."
            )
        columns, constants = data.get("columns", {}), data.get("constants", {})
        for name, part in (("columns", columns), ("constants", constants)):
            if not isinstance(part, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in part.items()
            ):
                raise ImportFileError(f"Mapping '{name}' must be an object of text to text.")
        known = {spec.path for spec in field_specs(target)}
        unknown = sorted((set(columns.values()) | set(constants)) - known)
        if unknown:
            raise ImportFileError(
                f"The mapping names fields {target.label} does not have: {', '.join(unknown)}."
            )
        return cls(target, dict(columns), dict(constants))

    def column_fields(self, headers: Sequence[str]) -> dict[int, str]:
        """Column index -> field path, for the columns of `headers` this mapping uses; fields
        set by a constant are left out."""
        return {
            index: self.columns[header]
            for index, header in enumerate(headers)
            if header in self.columns and self.columns[header] not in self.constants
        }


def auto_map(
    target: Target, headers: Sequence[str], rows: Sequence[Sequence[str]] | None = None
) -> ColumnMapping:
    """Map each header to the field it names, by field name, path, label or a known synonym.

    Each field takes at most one column (the leftmost). With the file's `rows`, the values
    decide where the header cannot: a column whose header names nothing (or names a field with
    choices its values are not among) maps to the field whose choices hold every one of its
    values ("Shipping" holding Standard and Express is the shipping speed). Other headers
    naming nothing stay unmapped.
    """
    specs = field_specs(target)
    exact = _exact_names(specs)
    synonyms = header_concepts(target.spec.synonyms)
    mapping = ColumnMapping(target)
    taken: set[str] = set()
    for header in headers:
        path = _field_for(normalise_header(header), specs, exact, synonyms, taken)
        if path:
            mapping.columns[header] = path
            taken.add(path)
    if rows:
        _map_by_values(mapping, specs, headers, rows, taken)
    log.debug("auto-mapped %d columns for %s", len(mapping.columns), target.value)
    return mapping


# A column with more different values than this is no list of choices.
_MAX_CHOICE_VALUES = 64


def _map_by_values(
    mapping: ColumnMapping,
    specs: Sequence[FieldSpec],
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    taken: set[str],
) -> None:
    choice_specs = sorted((s for s in specs if s.choices), key=_path_rank)
    by_path = {spec.path: spec for spec in specs}
    for column, header in enumerate(headers):
        named = mapping.columns.get(header)
        if named is not None and not by_path[named].choices:
            continue  # the header names a field that takes any text: the name decides
        values = _distinct_values(rows, column)
        if not values:
            continue
        distinct, count = values
        if named is not None and _all_chosen(distinct, by_path[named]):
            continue  # the name and the values agree
        free = taken - {named} if named else taken
        match = next(
            (s for s in choice_specs if s.path not in free and _all_chosen(distinct, s)), None
        )
        if match is None:
            continue
        if named:
            taken.discard(named)
        mapping.columns[header] = match.path
        mapping.by_values[header] = ValueMatch(match.path, count, _plural(match.label))
        taken.add(match.path)


def _distinct_values(rows: Sequence[Sequence[str]], column: int) -> tuple[set[str], int] | None:
    """The column's different non-empty values and how many cells hold one; None when empty or
    too varied to be a list of choices."""
    distinct: set[str] = set()
    count = 0
    for row in rows:
        value = row[column].strip() if column < len(row) else ""
        if value:
            count += 1
            if value not in distinct:
                distinct.add(value)
                if len(distinct) > _MAX_CHOICE_VALUES:
                    return None
    return (distinct, count) if count else None


def _all_chosen(values: set[str], spec: FieldSpec) -> bool:
    return bool(spec.choices) and all(
        choice_for(value, spec.choices or ()) is not None for value in values
    )


def _plural(label: str) -> str:
    noun = label.lower()
    if noun.endswith(("s", "x", "sh", "ch")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def field_named(target: Target, name: str) -> str | None:
    """The field path `name` means: a path, a field name, a label or a header synonym, as the
    automatic mapping reads headers ("channelType", "Shipping speed", "物流方式")."""
    specs = field_specs(target)
    if any(spec.path == name for spec in specs):
        return name
    return _field_for(
        normalise_header(name), specs, _exact_names(specs),
        header_concepts(target.spec.synonyms), set(),
    )


def _exact_names(specs: Sequence[FieldSpec]) -> dict[str, str]:
    """Normalised path, leaf name and label -> path; a name shared by several paths goes to the
    preferred one (the buyer's block, then the shortest path)."""
    names: dict[str, str] = {}
    for spec in sorted(specs, key=_path_rank, reverse=True):
        leaf = spec.path.rsplit(".", 1)[-1].removesuffix("[]")
        for name in (leaf, spec.label, spec.path):
            if name:
                names[normalise_header(name)] = spec.path
    for spec in specs:  # a full path always names its own field
        names[normalise_header(spec.path)] = spec.path
    return names


def _path_rank(spec: FieldSpec) -> tuple[bool, int]:
    return (spec.path.startswith(_SECONDARY_PREFIXES), spec.path.count(".") + spec.path.count("[]"))


def _field_for(
    key: str, specs: Sequence[FieldSpec], exact: dict[str, str], synonyms: dict[str, Concept],
    taken: set[str],
) -> str | None:
    if not key:
        return None
    path = exact.get(key)
    if path and path not in taken:
        return path
    concept = synonyms.get(key)
    if concept is None:
        return None
    for wanted in concept.leaves:
        candidates = [
            spec for spec in specs
            if _names(spec.path, wanted)
            and spec.path not in taken
            and not spec.path.startswith(_SECONDARY_PREFIXES)
        ]
        if candidates:
            return min(candidates, key=_path_rank).path
    return None


def _names(path: str, wanted: str) -> bool:
    """True if `wanted` ("quantity", "product.currency") is the end of `path`, list marks aside."""
    plain = path.replace("[]", "")
    return plain == wanted or plain.endswith("." + wanted)


def header_key(target: Target, headers: Iterable[str]) -> str:
    """A stable name for a header set: the same columns in any order give the same key."""
    names = sorted(normalise_header(h) for h in headers if h != PROBLEMS_HEADER)
    digest = hashlib.sha256("\x1f".join([target.value, *names]).encode("utf-8")).hexdigest()
    return f"{target.value}-{digest[:24]}"


def mappings_dir() -> Path:
    path = data_dir() / "mappings"
    path.mkdir(parents=True, exist_ok=True)
    return path


def save_mapping(mapping: ColumnMapping, headers: Sequence[str]) -> Path:
    """Remember `mapping` for files with these headers (atomic write)."""
    path = mappings_dir() / f"{header_key(mapping.target, headers)}.json"
    document = mapping.to_json() | {"headers": list(headers)}
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".mapping-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(document, handle, ensure_ascii=False, indent=2)
    os.replace(tmp, path)
    return path


def saved_mapping(target: Target, headers: Sequence[str]) -> ColumnMapping | None:
    """The mapping saved for this header set, or None; a damaged file is logged and ignored."""
    path = mappings_dir() / f"{header_key(target, headers)}.json"
    if not path.exists():
        return None
    try:
        return load_mapping_file(path, target)
    except ImportFileError as exc:
        log.warning("ignoring saved mapping %s: %s", path.name, exc)
        return None


def load_mapping_file(path: Path, target: Target) -> ColumnMapping:
    try:
        data = json_input.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ImportFileError(f"Cannot open mapping file {path.name}: {exc.strerror}.") from None
    except json_input.JsonLimitError as exc:
        raise ImportFileError(f"Mapping file {path.name} cannot be read: {exc}.") from None
    except ValueError as exc:  # not JSON, not UTF-8
        raise ImportFileError(f"Mapping file {path.name} is not valid JSON: {exc}.") from None
    return ColumnMapping.from_json(data, target)


def resolve_mapping(
    target: Target,
    headers: Sequence[str],
    mapping_file: Path | None = None,
    rows: Sequence[Sequence[str]] | None = None,
) -> ColumnMapping:
    """The mapping to use: an explicit file, else the one saved for these headers, else the
    automatic one (by the headers, and by the values of `rows` where headers say nothing)."""
    if mapping_file is not None:
        return load_mapping_file(mapping_file, target)
    return saved_mapping(target, headers) or auto_map(target, headers, rows)
