"""How wide an order field is: as wide as the values it takes, not as the window. A phone
number or a postcode is not 800 px wide on a 1920 px screen; a street has room for a street.
The form's layout may still give a field less (a small window)."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from PySide6.QtWidgets import QComboBox

from app.core.models.specs import FieldSpec
from app.gui.field_editor import FieldEditor, is_country

log = logging.getLogger(__name__)

CHARS_MIN, CHARS_MAX = 10, 40
LINE_CHARS_MAX = 16  # an order line's cell: a SKU or a name fits, longer text scrolls
EDIT_PADDING, COMBO_PADDING = 24, 48  # frame and margins; a drop-down's arrow as well
_CHARS_BY_KIND = {"phone": 20, "int": 10, "decimal": 12, "date": 12, "email": 32,
                  "country": 32}
_SHORT_CODES = ("zip", "postcode", "currency", "countrycode")


def field_chars(spec: FieldSpec) -> int:
    """How many characters wide a field's editor is: its typical value, within its limit."""
    leaf = spec.path.rsplit(".", 1)[-1].lower()
    if leaf in _SHORT_CODES or leaf.endswith("zip"):
        return 12
    if spec.choices:
        return max(CHARS_MIN, *(len(choice) + 4 for choice in spec.choices))
    if spec.kind in _CHARS_BY_KIND:
        return _CHARS_BY_KIND[spec.kind]
    return max(CHARS_MIN, min(spec.max_length or CHARS_MAX, CHARS_MAX))


def column_chars(specs: Iterable[FieldSpec]) -> dict[int, int]:
    """Characters of room per order line column (in the table's column order)."""
    return {column: min(field_chars(spec), LINE_CHARS_MAX) for column, spec in enumerate(specs)}


def natural_width(editor: FieldEditor) -> int:
    """Pixels for the field's typical value (its kind, length limit, or longest choice)."""
    widget = editor.widget
    metrics = widget.fontMetrics()
    digit = metrics.horizontalAdvance("0")
    if isinstance(widget, QComboBox) and not is_country(editor.spec):
        longest = max((metrics.horizontalAdvance(widget.itemText(i))
                       for i in range(widget.count())), default=0)
        return max(longest, digit * CHARS_MIN) + COMBO_PADDING
    padding = COMBO_PADDING if isinstance(widget, QComboBox) else EDIT_PADDING
    return digit * field_chars(editor.spec) + padding


def fit_fields(editors: Iterable[FieldEditor]) -> None:
    for editor in editors:
        editor.widget.setMaximumWidth(natural_width(editor))
