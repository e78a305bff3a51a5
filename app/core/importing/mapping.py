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
from app.core.paths import data_dir
from app.core.targets import Target

log = logging.getLogger(__name__)

_FORMAT_VERSION = 1
# The last column of a failed-rows export; ignored when that file is mapped again, so a fixed
# file gets the mapping saved for the original.
PROBLEMS_HEADER = "Import problems"
# Generic words ("Phone", "Address") mean the buyer, never the seller or payer blocks.
_SECONDARY_PREFIXES = ("seller.", "payer.")


@dataclass
class ColumnMapping:
    """`columns`: header -> field path. `constants`: field path -> one value for every row.

    A constant wins over a column mapped to the same field, so the operator can override a
    whole column without editing the file.
    """

    target: Target
    columns: dict[str, str] = field(default_factory=dict)
    constants: dict[str, str] = field(default_factory=dict)

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


def auto_map(target: Target, headers: Iterable[str]) -> ColumnMapping:
    """Map each header to the field it names, by field name, path, label or a known synonym.

    Each field takes at most one column (the leftmost); headers naming nothing stay unmapped.
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
    log.debug("auto-mapped %d columns for %s", len(mapping.columns), target.value)
    return mapping


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
    target: Target, headers: Sequence[str], mapping_file: Path | None = None
) -> ColumnMapping:
    """The mapping to use: an explicit file, else the one saved for these headers, else the
    automatic one."""
    if mapping_file is not None:
        return load_mapping_file(mapping_file, target)
    return saved_mapping(target, headers) or auto_map(target, headers)
