"""The spec-driven order form both targets share: editors built from the model's field specs,
grouped, an item table, validation as you type (debounced) and inline messages.

The target forms (`KaOrderForm`, `NomadOrderForm`) choose the group order, titles and extras; this
module holds no field rule of its own: every limit, marker and choice comes from the models.
"""

from __future__ import annotations

import copy
import itertools
import logging
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.models.specs import FieldSpec
from app.core.settings import Profile
from app.core.targets import Target
from app.gui.drafts import RecentValues
from app.gui.field_editor import FieldEditor
from app.gui.focus_ring import FocusRing
from app.gui.items_model import ItemsTableModel
from app.gui.items_table import ItemsTable

if TYPE_CHECKING:
    from app.core.models import ValidationResult
    from app.core.outcome import FieldError

log = logging.getLogger(__name__)

VALIDATION_DELAY_MS = 250
# Letters the window's menus (File, View, Help) and header (Target, Profile) already use.
RESERVED_MNEMONICS = frozenset("fvhtp")
_INDEX = re.compile(r"\.\d+(?=\.|$)|\[\d*\]")


def strip_indices(path: str) -> str:
    """``items.0.product.name`` and ``items[].product.name`` both become ``items.product.name``."""
    return _INDEX.sub("", path)


def set_nested(payload: dict[str, Any], path: str, value: Any) -> None:
    """Set ``a.b[].c`` (a list step holds one object: a table cell edits its first entry)."""
    *parents, leaf = path.split(".")
    node = payload
    for key in parents:
        if key.endswith("[]"):
            entries = node.setdefault(key[:-2], [{}])
            node = entries[0]
        else:
            node = node.setdefault(key, {})
    node[leaf] = value


def without_paths(line: dict[str, Any], paths: Sequence[str]) -> dict[str, Any]:
    """A copy of ``line`` without the values at ``paths`` (as `get_nested` finds them), and
    without the objects and lists that leaves empty."""
    rest = copy.deepcopy(line)
    for path in paths:
        _remove_path(rest, path.split("."))
    return rest


def _remove_path(node: Any, keys: list[str]) -> None:
    key = keys[0]
    step = key[:-2] if key.endswith("[]") else key
    if not isinstance(node, dict) or step not in node:
        return
    if len(keys) == 1:
        del node[step]
        return
    child = node[step]
    if key.endswith("[]"):
        if not (isinstance(child, list) and child):
            return
        _remove_path(child[0], keys[1:])
    else:
        _remove_path(child, keys[1:])
    # Pruned only when nothing is left: a list's other entries keep their places.
    if node[step] in ({}, [], [{}]):
        del node[step]


def get_nested(payload: dict[str, Any], path: str) -> Any:
    node: Any = payload
    for key in path.split("."):
        step = key[:-2] if key.endswith("[]") else key
        if not isinstance(node, dict) or step not in node:
            return None
        node = node[step]
        if key.endswith("[]"):
            node = node[0] if isinstance(node, list) and node else None
    return node


# OrderForm's own texts name their context: self.tr() in a method of this class would look
# them up under the subclass's name (KaOrderForm), where the catalogue does not have them.
class OrderForm(QWidget):
    """Emits `validity_changed(ok)` after each (debounced) validation and `edited` on every
    change; `payload()` is the order as typed, `wire()` what the models made of it."""

    validity_changed = Signal(bool)
    edited = Signal()

    def __init__(
        self,
        target: Target,
        specs: Sequence[FieldSpec],
        validate: Callable[[dict[str, Any]], ValidationResult],
        recent: RecentValues,
        parent: QWidget | None = None,
        *,
        group_titles: dict[str, str] | None = None,
        collapsed_groups: frozenset[str] = frozenset(),
        item_columns: Sequence[str] | None = None,
        field_order: Sequence[str] = (),
    ) -> None:
        """``group_titles``: group key -> title, in display order; ``collapsed_groups`` start
        folded away when the subclass shows them through `collapsible`; ``item_columns`` picks
        the item fields shown as table columns (all by default), in that order;
        ``field_order`` puts these paths first within their group (the order operators type in),
        the others follow in the model's order."""
        super().__init__(parent)
        self.target = target
        self.group_titles = group_titles or {}
        self._field_rank = {path: rank for rank, path in enumerate(field_order)}
        self.collapsed_groups = collapsed_groups
        self._validate = validate
        self._recent = recent
        self.editors: dict[str, FieldEditor] = {}
        self.items_container = ""
        self.item_specs: list[FieldSpec] = []
        self.last_result: ValidationResult | None = None
        self._ok = False
        # Messages appear for fields the operator has touched, and for all after a submit try.
        self._touched: set[str] = set()
        self._items_touched = False
        self._reveal_all = False
        # Whether the models have arrived (`app.gui.model_arrival`); until then a validation
        # asked for by typing or loading waits for them (`validate_soon`).
        self.models_ready: Callable[[], bool] = lambda: True
        self._validation_pending = False

        field_specs: list[FieldSpec] = []
        for spec in specs:
            if "[]." in spec.path:
                self.items_container = spec.path.split("[].", 1)[0]
                self.item_specs.append(spec)
            else:
                field_specs.append(spec)
        if item_columns is not None:
            by_column = {s.path.split("[].", 1)[1]: s for s in self.item_specs}
            self.item_specs = [by_column[c] for c in item_columns if c in by_column]
        # Objects holding required fields are always sent, so each missing field gets its own
        # message instead of one for the whole object.
        self._required_parents = {s.path.rpartition(".")[0] for s in field_specs
                                  if s.required and "." in s.path}

        # A focus frame that cannot be missed, on every field (the styles' own is faint).
        self.focus_ring = FocusRing(self)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(VALIDATION_DELAY_MS)
        self._timer.timeout.connect(self.validate_soon)

        self.form_message = QLabel(self)
        self.form_message.setObjectName(f"{target.value}.formMessage")
        self.form_message.setStyleSheet("color: #c62828;")
        self.form_message.setWordWrap(True)
        self.form_message.hide()

        self.group_boxes: dict[str, QGroupBox] = {}
        self._toggles: dict[str, QToolButton] = {}
        self._group_layouts: dict[str, QFormLayout] = {}
        for spec in self._ordered(field_specs):
            editor = FieldEditor(spec, self.object_name_for(spec.path), self)
            editor.changed.connect(lambda path=spec.path: self._touched.add(path))
            editor.changed.connect(self._on_edit)
            editor.set_completions(recent.get(editor.widget.objectName()))
            self.editors[spec.path] = editor
            self._group_layout(spec.group).addRow(editor.label, editor.container)

        columns = [s.path.split("[].", 1)[1] for s in self.item_specs]
        self.items_model = ItemsTableModel(
            columns, self.item_defaults(), self,
            headers=[self.column_title(s) for s in self.item_specs],
            header_tips=[s.path for s in self.item_specs])
        self.items_model.dataChanged.connect(self._touch_items)
        self.items_model.changed.connect(self._on_edit)
        self.items = ItemsTable(
            f"{target.value}.{self.items_container or 'items'}",
            self.items_model,
            {s.path.split("[].", 1)[1]: list(s.choices) for s in self.item_specs if s.choices},
            self,
        )
        self.items_model.add_row()
        # Alt+letter for the fields shown from the start (the menus keep their letters, the
        # header its Target and Profile).
        taken = set(RESERVED_MNEMONICS)
        for editor in self.editors.values():
            if editor.spec.group not in self.collapsed_groups:
                editor.set_mnemonic(taken)
        self._mnemonics = taken

    # -- layout helpers subclasses use ----------------------------------------------------------
    def _ordered(self, specs: list[FieldSpec]) -> list[FieldSpec]:
        groups = {group: i for i, group in enumerate(self.group_titles)}
        last = len(self._field_rank)
        return sorted(specs, key=lambda s: (groups.get(s.group, len(groups)),
                                            self._field_rank.get(s.path, last)))  # stable

    def column_title(self, spec: FieldSpec) -> str:
        """An order line column's header: the field's name in the operator's words."""
        return FieldEditor.label_text(spec, marked=False)

    def chain_focus(self, groups_before_items: Sequence[str],
                    after_items: Sequence[QWidget] = ()) -> None:
        """Tab goes through these groups' fields (in reading order), then the order lines,
        then ``after_items``, then the other groups (each behind its disclosure button),
        matching the layout rather than the order widgets were made in."""
        chain: list[QWidget] = []
        groups = list(dict.fromkeys([*groups_before_items, *self.group_titles,
                                     *self.group_boxes]))
        for n, group in enumerate(groups):
            if n == len(groups_before_items):
                chain += [self.items.view, *after_items]
            if group in self._toggles:
                chain.append(self._toggles[group])
            chain += [e.widget for e in self.editors.values() if e.spec.group == group]
        if len(groups) <= len(groups_before_items):
            chain += [self.items.view, *after_items]
        self.focus_chain = chain
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)

    def first_field(self) -> QWidget | None:
        """Where an operator starts typing an order."""
        chain = getattr(self, "focus_chain", None) or [e.widget for e in self.editors.values()]
        return next((w for w in chain if w.isVisibleTo(self) and w.isEnabled()), None)

    def focus_first_field(self) -> None:
        widget = self.first_field()
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_first_problem(self) -> bool:
        """Focus the first field (in tab order) that shows a problem; False if none does."""
        chain = getattr(self, "focus_chain", None) or [e.widget for e in self.editors.values()]
        by_widget = {e.widget: e for e in self.editors.values()}
        for widget in chain:
            editor = by_widget.get(widget)
            if editor is not None and editor.message.text():
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
            if widget is self.items.view:
                cell = self.items_model.first_error()
                if cell is not None or self.items.message.text():
                    self.items.focus_cell(*(cell or (0, 0)))
                    return True
        return False

    def blockers(self) -> list[tuple[str, str, str]]:
        """What still stops this order from being sent, in tab order: (key, place, message)
        for each field, order line cell or other part with a problem in the last validation,
        touched or not. ``key`` is what `focus_blocker` takes."""
        if self.last_result is None:
            return []
        chain = getattr(self, "focus_chain", None) or [e.widget for e in self.editors.values()]
        rank = {widget: n for n, widget in enumerate(chain)}
        items_rank = rank.get(self.items.view, len(chain))
        found: dict[str, tuple[tuple[int, int, int], str, str]] = {}
        for error in self.last_result.errors:
            loc = str(error.loc)
            message = QCoreApplication.translate("FieldMessages", str(error.message))
            path = self.path_for_location(loc)
            cell = None if path is not None else self._cell_for_location(loc)
            if path is not None:
                editor = self.editors[path]
                key, order = f"field:{path}", (rank.get(editor.widget, len(chain)), 0, 0)
                place = FieldEditor.label_text(editor.spec, marked=False)
            elif cell is not None:
                row, column = cell
                key = f"cell:{row}:{column}"
                order = (items_rank, row + 1, self.items_model.columns.index(column))
                header = self.items_model.headers[self.items_model.columns.index(column)]
                place = (QCoreApplication.translate("OrderForm", "Line %1, %2")
                         .replace("%1", str(row + 1)).replace("%2", header))
            elif self.items_container and loc.split(".")[0] == self.items_container:
                key, order = "items", (items_rank, 0, 0)
                place = QCoreApplication.translate("OrderForm", "Order lines")
            else:
                key, order = f"form:{loc}", (len(chain) + 1, 0, 0)
                place = loc or QCoreApplication.translate("OrderForm", "Order")
            found.setdefault(key, (order, place, message))
        entries = sorted(found.items(), key=lambda entry: entry[1][0])
        return [(key, place, message) for key, (_order, place, message) in entries]

    def blockers_html(self, limit: int = 6) -> str:
        """The places of `blockers`, each a link (href: its key), for a one-line status."""
        import html  # blockers come from the models' checks, which arrive after the first paint

        entries = self.blockers()
        links = [f'<a href="{html.escape(key)}">{html.escape(place)}</a>'
                 for key, place, _message in entries[:limit]]
        if len(entries) > limit:
            links.append(QCoreApplication.translate("OrderForm", "%n more", None,
                                                    len(entries) - limit))
        return ", ".join(links)

    def focus_blocker(self, key: str) -> None:
        """Move the cursor to a place `blockers` named (a field, a line cell, the lines)."""
        kind, _, rest = key.partition(":")
        if kind == "field" and rest in self.editors:
            editor = self.editors[rest]
            toggle = self._toggles.get(editor.spec.group)
            if toggle is not None:
                toggle.setChecked(True)
            editor.widget.setFocus(Qt.FocusReason.OtherFocusReason)
        elif kind == "cell":
            row, _, column = rest.partition(":")
            columns = self.items_model.columns
            self.items.focus_cell(int(row), columns.index(column) if column in columns else 0)
        elif kind == "items":
            self.items.focus_cell(0, 0)
        else:
            self.focus_first_field()

    def is_blank(self) -> bool:
        """Nothing typed: no field value and no order line."""
        return (not any(e.value() for e in self.editors.values())
                and not self.payload().get(self.items_container))

    def _group_layout(self, group: str) -> QFormLayout:
        if group not in self._group_layouts:
            box = QGroupBox(self.group_titles.get(group) or group.capitalize(), self)
            box.setObjectName(f"{self.target.value}.group.{group}")
            layout = QFormLayout(box)
            layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
            layout.setVerticalSpacing(4)  # dense enough that a whole order fits a small screen
            self.group_boxes[group] = box
            self._group_layouts[group] = layout
        return self._group_layouts[group]

    def collapsible(self, group: str) -> QWidget:
        """The group's box behind a disclosure button (for the rarely used fields)."""
        box = self.group_boxes[group]
        holder = QWidget(self)
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        toggle = QToolButton(holder)
        toggle.setObjectName(f"{self.target.value}.toggle.{group}")
        toggle.setText(self._with_mnemonic(box.title()))
        # Not a Tab stop (Tab goes from field to field); Alt+letter opens it, and focus goes
        # to its first field.
        toggle.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        toggle.setCheckable(True)
        toggle.setChecked(group not in self.collapsed_groups)
        toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toggle.setArrowType(_arrow(toggle.isChecked()))
        toggle.setAutoRaise(True)
        box.setTitle("")
        box.setVisible(toggle.isChecked())

        def flip(shown: bool) -> None:
            box.setVisible(shown)
            toggle.setArrowType(_arrow(shown))

        def opened(shown: bool) -> None:  # by the operator (a click or Alt+letter)
            first = next((e.widget for e in self.editors.values() if e.spec.group == group),
                         None)
            if shown and first is not None:
                first.setFocus(Qt.FocusReason.ShortcutFocusReason)

        toggle.toggled.connect(flip)
        toggle.clicked.connect(opened)
        self._toggles[group] = toggle
        layout.addWidget(toggle)
        layout.addWidget(box)
        return holder

    def _with_mnemonic(self, text: str) -> str:
        taken: set[str] = getattr(self, "_mnemonics", set(RESERVED_MNEMONICS))
        self._mnemonics = taken
        for position, char in enumerate(text):
            if char.isalpha() and char.isascii() and char.lower() not in taken:
                taken.add(char.lower())
                return text[:position] + "&" + text[position:]
        return text

    # -- naming --------------------------------------------------------------------------------
    def object_name_for(self, path: str) -> str:
        return f"{self.target.value}.{path}"

    def item_defaults(self) -> dict[str, str]:
        return {}

    # -- what the window tells every form; a target's form shows what it needs -----------------
    def show_profile(self, profile: Profile) -> None:
        """The profile in use for this target, chosen or just edited."""

    def refresh_account(self) -> None:
        """What the form shows of the account may be out of date: an order was accepted, or
        the credentials changed."""

    # -- state ---------------------------------------------------------------------------------
    def payload(self) -> dict[str, Any]:
        """The order as typed: nested like the wire JSON, empty fields left out, text as typed
        (the models parse numbers and normalise countries)."""
        payload: dict[str, Any] = {}
        for parent in self._required_parents:
            set_nested(payload, parent, {})
        for path, editor in self.editors.items():
            value = editor.value()
            if value:
                set_nested(payload, path, value)
        lines = []
        defaults = self.item_defaults()
        for row, extra in zip(self.items_model.rows(), self.items_model.extras(), strict=True):
            if not extra and all(not v.strip() or v == defaults.get(c) for c, v in row.items()):
                continue  # an untouched line (only its defaults) is not an order line
            line: dict[str, Any] = extra
            for column, value in row.items():
                if value.strip():
                    set_nested(line, column, value.strip())
            if line:
                lines.append(line)
        if self.items_container:
            payload[self.items_container] = lines
        return payload

    def load(self, payload: dict[str, Any]) -> None:
        """Fill the form from a payload (a draft, a journaled order, the last order)."""
        for path, editor in self.editors.items():
            editor.set_value(get_nested(payload, path))
        lines = payload.get(self.items_container) if self.items_container else None
        rows, extras = [], []
        columns = self.items_model.columns
        for line in lines if isinstance(lines, list) else []:
            if isinstance(line, dict):
                rows.append({c: _text(get_nested(line, c)) for c in columns})
                extras.append(without_paths(line, columns))
        self.items_model.set_rows(rows or [{}], extras or None)
        self._reveal_all = False
        self._touched = {p for p, e in self.editors.items() if e.value()}
        self._items_touched = bool(rows)
        for path in self._touched:  # a loaded value in a folded group must be seen
            toggle = self._toggles.get(self.editors[path].spec.group)
            if toggle is not None:
                toggle.setChecked(True)
        self.validate_soon()

    def clear(self) -> None:
        self.load({})

    def remember_values(self) -> None:
        """Offer what was just sent as completions next time."""
        values = {e.widget.objectName(): e.value() for e in self.editors.values()
                  if not e.spec.choices and e.spec.kind != "country"}
        self._recent.remember(values)
        for editor in self.editors.values():
            editor.set_completions(self._recent.get(editor.widget.objectName()))

    @property
    def is_valid(self) -> bool:
        return self._ok

    def reveal_all_messages(self) -> None:
        """After a submit attempt every problem is shown, touched or not."""
        self._reveal_all = True
        if self.last_result is not None:
            self._show_errors(list(self.last_result.errors))

    def show_remote_errors(self, errors: Sequence[FieldError]) -> None:
        """Field errors the API reported, shown like local ones."""
        self._reveal_all = True
        self._show_errors(list(errors))

    def _touch_items(self) -> None:
        self._items_touched = True

    # -- validation ----------------------------------------------------------------------------
    def _on_edit(self) -> None:
        self.edited.emit()
        self._timer.start()

    def validate_soon(self) -> None:
        """Validate now if the models are loaded, else once they are (`models_arrived`): what
        is typed meanwhile is kept, and nothing waits for them."""
        self._timer.stop()
        if self.models_ready():
            self.validate_now()
        else:
            self._validation_pending = True

    @property
    def validation_pending(self) -> bool:
        return self._validation_pending

    @property
    def arriving(self) -> bool:
        """Work of the form waits for what comes behind the first paint: a validation for
        the models (a target's form may add its own)."""
        return self._validation_pending

    def models_arrived(self) -> None:
        if self._validation_pending:
            self.validate_now()

    def validate_now(self) -> ValidationResult:
        """Validate at once (waiting for the models if they have not arrived)."""
        self._timer.stop()
        self._validation_pending = False
        result = self._validate(self.payload())
        self.last_result = result
        self._show_errors(list(result.errors))
        self._ok = bool(result.ok)
        self.validity_changed.emit(self._ok)  # always: the submit button follows the last run
        return result

    def _show_errors(self, errors: list[FieldError]) -> None:
        by_field: dict[str, str] = {}
        by_cell: dict[tuple[int, str], str] = {}
        general: list[str] = []
        table_messages: list[str] = []
        for error in errors:
            loc = str(error.loc)
            message = QCoreApplication.translate("FieldMessages", str(error.message))
            path = self.path_for_location(loc)
            cell = self._cell_for_location(loc)
            if path is not None:
                if self._reveal_all or path in self._touched:
                    by_field.setdefault(path, message)
            elif not (self._reveal_all or self._items_touched) and (
                    cell is not None or loc.split(".")[0] == self.items_container):
                continue
            elif cell is not None:
                by_cell.setdefault(cell, message)
                header = self.items_model.headers[self.items_model.columns.index(cell[1])]
                table_messages.append(
                    QCoreApplication.translate("OrderForm", "Line %1, %2: %3")
                    .replace("%1", str(cell[0] + 1)).replace("%2", header).replace("%3", message))
            elif self.items_container and loc.split(".")[0] == self.items_container:
                table_messages.append(message)
            else:
                general.append(f"{loc}: {message}" if loc else message)
        for path, editor in self.editors.items():
            editor.set_error(by_field.get(path, ""))
            toggle = self._toggles.get(editor.spec.group)
            if path in by_field and toggle is not None:
                toggle.setChecked(True)  # a problem in a folded group must not stay hidden
        self.items_model.set_errors(by_cell)
        self.items.message.setText("\n".join(dict.fromkeys(table_messages)))
        self.form_message.setText("\n".join(general))
        self.form_message.setVisible(bool(general))

    def path_for_location(self, loc: str) -> str | None:
        """The editor path an error location belongs to (exact, or its nearest parent)."""
        loc = self.normalise_location(loc)
        while loc:
            if loc in self.editors:
                return loc
            loc = loc.rpartition(".")[0]
        return None

    def normalise_location(self, loc: str) -> str:
        return loc

    def _cell_for_location(self, loc: str) -> tuple[int, str] | None:
        head, _, rest = loc.partition(".")
        if head != self.items_container:
            return None
        index, _, column = rest.partition(".")
        if not index.isdigit():
            return None
        flat = strip_indices(column)
        for candidate in self.items_model.columns:
            if flat == strip_indices(candidate) or flat.startswith(strip_indices(candidate) + "."):
                return int(index), candidate
        return None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _arrow(shown: bool) -> Qt.ArrowType:
    return Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
