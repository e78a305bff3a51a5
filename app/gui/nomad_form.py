"""The Nomad order form: order and customer side by side, the items, then payment and shipping;
the rarer groups (more order fields, customs, seller, payer) folded away. Built from the Nomad
model's field specs."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLineEdit, QVBoxLayout, QWidget

from app.core.models import FieldSpec, ValidationResult
from app.core.targets import Target
from app.gui.drafts import RecentValues
from app.gui.order_form import OrderForm

log = logging.getLogger(__name__)

# Order fields an operator fills for almost every order; the other order fields are folded away.
ESSENTIAL_ORDER_FIELDS = ("clientOrderRef", "platformName", "orderType", "currency",
                          "customerNote")
# The item columns: SKU, name, quantity, unit price, tax, and the two fields the embedded
# product requires.
ITEM_COLUMNS = ("product.skus[].skuNumber", "product.name", "quantity", "price", "tax",
                "product.currency", "product.massUnit")
MORE = "more"
_OPEN = ("order", "shipping", "customer", "payment")


def _tr(text: str) -> str:
    return QCoreApplication.translate("NomadOrderForm", text)


class NomadOrderForm(OrderForm):
    def __init__(
        self,
        specs: Sequence[FieldSpec],
        validate: Callable[[dict[str, Any]], ValidationResult],
        recent: RecentValues,
        parent: QWidget | None = None,
    ) -> None:
        titles = {
            "order": _tr("Order"),
            "customer": _tr("Customer"),
            "shipping": _tr("Shipping"),
            "payment": _tr("Payment"),
            MORE: _tr("More order fields"),
            "customs": _tr("Customs"),
            "seller": _tr("Seller"),
            "payer": _tr("Payer"),
            "deprecated": _tr("Deprecated fields"),
        }
        specs = [replace(s, group=MORE) if s.group == "order"
                 and s.path not in ESSENTIAL_ORDER_FIELDS else s for s in specs]
        groups = {s.group for s in specs if "[]." not in s.path}
        open_groups = set(_OPEN)
        super().__init__(Target.NOMAD, specs, validate, recent, parent, group_titles=titles,
                         collapsed_groups=frozenset(groups - open_groups),
                         item_columns=ITEM_COLUMNS)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        # The store is part of the URL, not of the order: it comes from the profile in use.
        self.store = QLineEdit(self)
        self.store.setObjectName("nomad.store")
        self.store.setReadOnly(True)
        self.store.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.store.setToolTip(_tr("The Nomad store orders go to; set it in the profile."))
        self._group_layout("order").insertRow(0, _tr("Store"), self.store)

        # Order and shipping beside the customer; the items; payment; then the folded groups.
        grid.addWidget(self.group_boxes["order"], 0, 0)
        grid.addWidget(self.group_boxes["shipping"], 1, 0)
        grid.addWidget(self.group_boxes["customer"], 0, 1, 2, 1)
        lines = QGroupBox(_tr("Items"), self)
        lines_layout = QVBoxLayout(lines)
        lines_layout.addWidget(self.items)
        grid.addWidget(lines, 2, 0, 1, 2)
        grid.addWidget(self.group_boxes["payment"], 3, 0)
        folded = [g for g in self.group_titles if g in self.collapsed_groups
                  and g in self.group_boxes]
        folded_column = QVBoxLayout()
        for group in folded:
            folded_column.addWidget(self.collapsible(group))
        folded_column.addStretch(1)
        grid.addLayout(folded_column, 3, 1)
        grid.addWidget(self.form_message, 4, 0, 1, 2)
        grid.setRowStretch(2, 1)  # extra height goes to the items, not to empty forms
        self.chain_focus(("order", "customer"))
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

    def item_defaults(self) -> dict[str, str]:
        return {"product.massUnit": "Kilogram"}  # the unit the API's own example uses

    def payload(self) -> dict[str, Any]:
        payload = super().payload()
        # A line's product needs a currency: the order's, unless the line names its own.
        currency = payload.get("currency")
        for line in payload.get(self.items_container, []):
            product = line.get("product")
            if currency and isinstance(product, dict):
                product.setdefault("currency", currency)
        return payload
