"""The KA order form: address on the left, order settings and the shipping quote on the right,
order lines below. Fields, limits and choices come from the KA model's field specs."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.models.specs import FieldSpec
from app.core.settings import Profile
from app.core.targets import Target
from app.gui.drafts import RecentValues
from app.gui.field_widths import column_chars, fit_fields
from app.gui.ka_quote_panel import KaQuotePanel
from app.gui.order_form import OrderForm

if TYPE_CHECKING:
    from app.core.models import ValidationResult

log = logging.getLogger(__name__)

ADDRESS = "orderAddress"
# The order operators type an address and an order in (who, how to reach, where; then the order).
_ADDRESS_ORDER = ("recipient", "phone", "country", "province", "city", "street1", "street2",
                  "zip", "ioss", "vat")
FIELD_ORDER = (*(f"{ADDRESS}.{name}" for name in _ADDRESS_ORDER),
               "customOrderId", "channelType", "salePlatform", "channelCode", "remark")
# Rarely filled: folded away (Alt+letter or a click opens them), so Tab goes from the address
# to the reference, the shipping speed and the order lines without stopping on empty fields.
TAX = "tax"
MORE = "more"
_FOLDED = {f"{ADDRESS}.ioss": TAX, f"{ADDRESS}.vat": TAX,
           "salePlatform": MORE, "channelCode": MORE, "remark": MORE}
_ADDRESS_KEYS = ("orderAddress.", "orderAddresses.")
ORDER_SPEED = "channelType"
LINE_SPEED = "channelType"  # the line's own (orderItemsList[].channelType)



class KaOrderForm(OrderForm):
    def __init__(
        self,
        specs: Sequence[FieldSpec],
        validate: Callable[[dict[str, Any]], ValidationResult],
        recent: RecentValues,
        parent: QWidget | None = None,
    ) -> None:
        titles = {
            "address": QCoreApplication.translate("KaOrderForm", "Ship to"),
            "order": QCoreApplication.translate("KaOrderForm", "Order"),
            MORE: QCoreApplication.translate("KaOrderForm", "More order fields"),
            TAX: QCoreApplication.translate("KaOrderForm", "Tax numbers (IOSS, VAT)"),
            "deprecated": QCoreApplication.translate("KaOrderForm", "Deprecated fields"),
        }
        specs = [replace(s, group=_FOLDED[s.path]) if s.path in _FOLDED else s for s in specs]
        super().__init__(Target.KA, specs, validate, recent, parent, group_titles=titles,
                         collapsed_groups=frozenset({"deprecated", MORE, TAX}),
                         field_order=FIELD_ORDER)
        self.quote_panel: KaQuotePanel | None = None
        fit_fields(self.editors.values())  # each field as wide as its values
        self.items.set_column_chars(column_chars(self.item_specs))
        # Deprecated line columns (channelCode, warehouseCode) would only invite mistakes: shown
        # only for an order that carries them.
        self._deprecated_columns = [
            self.items_model.columns.index(s.path.split("[].", 1)[1])
            for s in self.item_specs if s.group == "deprecated"]
        # Which shipping speed wins (decided here; README, "Where the APIs are uncertain"):
        # the order's speed is for every line; a line gets its own only when the operator
        # asks for a different one, and then that line's speed wins for that line. The API
        # defaults a line with no speed to Standard; a line without one is sent without one.
        self.line_speed_column = self.items_model.columns.index(LINE_SPEED)
        self.line_speeds = QCheckBox(self.tr("Different s&peed per line"), self)
        self.line_speeds.setObjectName("ka.lineSpeeds")
        self.line_speeds.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Alt+P; not a Tab stop
        self.line_speeds.setToolTip(self.tr(
            "Lines without their own speed ship at the order's shipping speed. A line's own "
            "speed wins for that line."))
        self.line_speeds.toggled.connect(self._show_line_speeds)
        self.line_speeds.clicked.connect(self._line_speeds_chosen)
        self.editors[ORDER_SPEED].changed.connect(self._follow_order_speed)
        speed = self.editors[ORDER_SPEED]
        speed.widget.setToolTip(self.tr("For every line without its own speed (see “Different "
                                        "speed per line” under the lines).") + "\n"
                                + speed.widget.toolTip())
        self._update_columns()

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.group_boxes["address"], 0, 0, 2, 1)
        right = QVBoxLayout()
        right.addWidget(self.group_boxes["order"])
        for group, box in self.group_boxes.items():
            if group not in ("address", "order"):
                right.addWidget(self.collapsible(group) if group in self.collapsed_groups
                                else box)
        self._right = right
        grid.addLayout(right, 0, 1)
        lines = QGroupBox(self.tr("Order lines"), self)
        lines_layout = QVBoxLayout(lines)
        lines_layout.addWidget(self.items)
        lines_layout.addWidget(self.line_speeds)
        grid.addWidget(lines, 2, 0, 1, 2)
        grid.addWidget(self.form_message, 3, 0, 1, 2)
        grid.setRowStretch(2, 1)  # extra height goes to the order lines, not to empty forms
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.chain_focus(("address", "order"))

    def add_quote_panel(self, panel: KaQuotePanel) -> None:
        self.quote_panel = panel
        self._right.addWidget(panel)
        # Its buttons come after the order lines: a quote needs the lines.
        buttons = [w for w in panel.findChildren(QPushButton)
                   if w.focusPolicy() & Qt.FocusPolicy.TabFocus]
        self.chain_focus(("address", "order"), after_items=buttons)

    @property
    def arriving(self) -> bool:
        # The account's balance is asked for once the panel has painted.
        waiting = self.quote_panel is not None and self.quote_panel.waiting_for_paint
        return super().arriving or waiting

    def show_profile(self, profile: Profile) -> None:
        self.refresh_account()

    def refresh_account(self) -> None:
        if self.quote_panel is not None:
            self.quote_panel.refresh_balance()  # accepted orders debit it

    def load(self, payload: dict[str, Any]) -> None:
        # A journaled order carries its address under one or both keys (a profile setting).
        if "orderAddresses" in payload:
            payload = dict(payload)
            address = payload.pop("orderAddresses")
            payload.setdefault(ADDRESS, address)
        super().load(payload)
        self._update_columns()

    def column_title(self, spec: FieldSpec) -> str:
        column = spec.path.split("[].", 1)[1]
        if column == "channelCode":
            return self.tr("Channel code (deprecated)")
        if column == "warehouseCode":
            return self.tr("Warehouse code (deprecated)")
        return super().column_title(spec)

    def _update_columns(self) -> None:
        """After a load: a deprecated column shows when a line carries a value in it; the
        lines' own speeds show when one differs from the order's."""
        rows = self.items_model.rows()
        columns = self.items_model.columns
        for column in self._deprecated_columns:
            name = columns[column]
            self.items.view.setColumnHidden(column, not any(r.get(name) for r in rows))
        self.items.fit_columns()
        order_speed = self.editors[ORDER_SPEED].value()
        differs = any(r.get(LINE_SPEED) and r[LINE_SPEED] != order_speed for r in rows)
        self.line_speeds.setChecked(differs)
        self._show_line_speeds(differs)

    def _show_line_speeds(self, shown: bool) -> None:
        self.items.view.setColumnHidden(self.line_speed_column, not shown)
        self.items.fit_columns()

    def _line_speeds_chosen(self, shown: bool) -> None:
        """The operator hid the lines' own speeds: the order's applies to every line again."""
        if not shown:
            self._set_line_speeds("")

    def _follow_order_speed(self) -> None:
        """Hidden line speeds (a loaded order's, all the order's) follow the order's."""
        if not self.line_speeds.isChecked():
            self._set_line_speeds(self.editors[ORDER_SPEED].value(), only_set=True)

    def _set_line_speeds(self, value: str, *, only_set: bool = False) -> None:
        model, column = self.items_model, self.line_speed_column
        for row in range(model.rowCount()):
            index = model.index(row, column)
            if not only_set or model.data(index):
                model.setData(index, value)

    def object_name_for(self, path: str) -> str:
        # The address fields are named after the field alone (ka.recipient): the wire key of the
        # address object is a profile setting.
        for prefix in _ADDRESS_KEYS:
            if path.startswith(prefix):
                return f"ka.{path[len(prefix):]}"
        return super().object_name_for(path)

    def normalise_location(self, loc: str) -> str:
        if loc.startswith("orderAddresses."):
            return ADDRESS + loc[len("orderAddresses"):]
        return loc

    def quote_request(self) -> tuple[str, list[dict[str, Any]]] | str:
        """(shipToCountry, products) for the shipping quote, or what is missing."""
        payload = self.payload()
        country = (payload.get(ADDRESS) or {}).get("country", "")
        products = [
            {"sku": line.get("sku", ""), "quantity": line.get("quantity", "")}
            for line in payload.get(self.items_container, [])
        ]
        products = [p for p in products if p["sku"] and str(p["quantity"]).isdigit()]
        if not country or not products:
            return self.tr("Enter the country and at least one line (SKU and quantity) first.")
        for product in products:
            product["quantity"] = int(product["quantity"])
        return country, products
