"""The Nomad order form: order, customer and address side by side, the items under them, and the
other groups (shipping, payment, more order fields, customs, seller, payer) folded away. Built
from the Nomad model's field specs."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLineEdit, QVBoxLayout, QWidget

from app.core.models.iso_countries import country_names
from app.core.models.specs import FieldSpec
from app.core.settings import Profile
from app.core.targets import Target
from app.gui.drafts import RecentValues
from app.gui.field_widths import column_chars, fit_fields
from app.gui.order_form import OrderForm

if TYPE_CHECKING:
    from app.core.models import ValidationResult

log = logging.getLogger(__name__)

# Order fields an operator fills for almost every order; the other order fields are folded away.
ESSENTIAL_ORDER_FIELDS = ("clientOrderRef", "platformName", "currency")
# The item columns: SKU, name, quantity, unit price, tax, and the two fields the embedded
# product requires.
ITEM_COLUMNS = ("product.skus[].skuNumber", "product.name", "quantity", "price", "tax",
                "product.currency", "product.massUnit")
MORE = "more"
DEPRECATED = "deprecated"
# The customer's address gets its own box, so order, customer and address sit side by side and
# the items stay in view.
ADDRESS = "address"
ADDRESS_FIELDS = tuple(f"customer.{name}" for name in (
    "address1", "address2", "city", "state", "zip", "country", "countryCode"))
# Open from the start: what a hand-typed order needs. Shipping, payment and the rest fold away,
# so the items stay in view in a 1024x700 window; a folded group opens when it holds a value or
# a problem.
_OPEN = ("order", "customer", ADDRESS)
# Customer fields rarely typed by hand: folded away with the other rare groups.
MORE_CUSTOMER = "more_customer"
_RARE_CUSTOMER_FIELDS = ("customer.tin", "customer.age", "customer.gender")
# Tab follows the order operators type in: reference and platform first; who; then where.
FIELD_ORDER = (*ESSENTIAL_ORDER_FIELDS, "customer.firstName", "customer.lastName",
               "customer.phone", "customer.email",
               *(f"customer.{name}" for name in (
                   "address1", "address2", "city", "state", "zip", "countryCode", "country")))
# One country picker: the code's field is shown (as "Country"), the free-text country the API
# also has is filled from it.
COUNTRY_CODE = "customer.countryCode"
COUNTRY_TEXT = "customer.country"



class NomadOrderForm(OrderForm):
    def __init__(
        self,
        specs: Sequence[FieldSpec],
        validate: Callable[[dict[str, Any]], ValidationResult],
        recent: RecentValues,
        parent: QWidget | None = None,
    ) -> None:
        titles = {
            "order": QCoreApplication.translate("NomadOrderForm", "Order"),
            "customer": QCoreApplication.translate("NomadOrderForm", "Customer"),
            MORE_CUSTOMER: QCoreApplication.translate("NomadOrderForm", "More customer fields"),
            ADDRESS: QCoreApplication.translate("NomadOrderForm", "Customer address"),
            "shipping": QCoreApplication.translate("NomadOrderForm", "Shipping"),
            "payment": QCoreApplication.translate("NomadOrderForm", "Payment"),
            MORE: QCoreApplication.translate("NomadOrderForm", "More order fields"),
            "customs": QCoreApplication.translate("NomadOrderForm", "Customs"),
            "seller": QCoreApplication.translate("NomadOrderForm", "Seller"),
            "payer": QCoreApplication.translate("NomadOrderForm", "Payer"),
            DEPRECATED: QCoreApplication.translate("NomadOrderForm", "Deprecated fields"),
        }
        specs = [_regrouped(spec) for spec in specs]
        groups = {s.group for s in specs if "[]." not in s.path}
        open_groups = set(_OPEN)
        super().__init__(Target.NOMAD, specs, validate, recent, parent, group_titles=titles,
                         collapsed_groups=frozenset(groups - open_groups),
                         item_columns=ITEM_COLUMNS, field_order=FIELD_ORDER)
        self._group_layout(ADDRESS).setRowVisible(self.editors[COUNTRY_TEXT].container, False)
        fit_fields(self.editors.values())  # each field as wide as its values
        self.items.set_column_chars(column_chars(self.item_specs))

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        # The store is part of the URL, not of the order: it comes from the profile in use.
        self.store = QLineEdit(self)
        self.store.setObjectName("nomad.store")
        self.store.setReadOnly(True)
        self.store.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.store.setToolTip(self.tr("The Nomad store orders go to; set it in the profile."))
        self._group_layout("order").insertRow(0, self.tr("Store"), self.store)

        # Order, customer and address side by side, the items under them, then the folded groups.
        for column, group in enumerate(_OPEN):
            grid.addWidget(self.group_boxes[group], 0, column)
        lines = QGroupBox(self.tr("Items"), self)
        lines_layout = QVBoxLayout(lines)
        lines_layout.addWidget(self.items)
        grid.addWidget(lines, 1, 0, 1, len(_OPEN))
        folded = [g for g in self.group_titles if g in self.collapsed_groups
                  and g in self.group_boxes]
        columns = tuple(QVBoxLayout() for _ in _OPEN)
        self.deprecated_toggle: QWidget | None = None
        for n, group in enumerate(folded):
            holder = self.collapsible(group)
            columns[n % len(columns)].addWidget(holder)
            if group == DEPRECATED:  # shown only for an order that carries such a field
                self.deprecated_toggle = holder
                holder.setVisible(False)
        for column, layout in enumerate(columns):
            layout.addStretch(1)
            grid.addLayout(layout, 2, column)
            grid.setColumnStretch(column, 1)
        grid.addWidget(self.form_message, 3, 0, 1, len(_OPEN))
        grid.setRowStretch(1, 1)  # extra height goes to the items, not to empty forms
        self.chain_focus(_OPEN)

    def load(self, payload: dict[str, Any]) -> None:
        super().load(payload)
        if self.deprecated_toggle is not None:
            self.deprecated_toggle.setVisible(any(
                e.value() for e in self.editors.values() if e.spec.group == DEPRECATED))

    def normalise_location(self, loc: str) -> str:
        # The free-text country is filled from the picker: its problems are the picker's.
        return COUNTRY_CODE if loc == COUNTRY_TEXT else loc

    def item_defaults(self) -> dict[str, str]:
        return {"product.massUnit": "Kilogram"}  # the unit the API's own example uses

    def show_profile(self, profile: Profile) -> None:
        self.store.setText(profile.store)

    def payload(self) -> dict[str, Any]:
        payload = super().payload()
        customer = payload.get("customer")
        code = self.editors[COUNTRY_CODE].value()
        if isinstance(customer, dict) and code:
            customer[COUNTRY_TEXT.split(".")[1]] = country_names().get(code.upper(), code)
        # A line's product needs a currency: the order's, unless the line names its own.
        currency = payload.get("currency")
        for line in payload.get(self.items_container, []):
            product = line.get("product")
            if currency and isinstance(product, dict):
                product.setdefault("currency", currency)
        return payload


def _regrouped(spec: FieldSpec) -> FieldSpec:
    """The box a field is shown in (presentation only: the payload paths do not change)."""
    if spec.group == "order" and spec.path not in ESSENTIAL_ORDER_FIELDS:
        return replace(spec, group=MORE)
    if spec.path == COUNTRY_CODE:  # the one country field the operator sees
        return replace(spec, group=ADDRESS, label="Country")
    if spec.path in ADDRESS_FIELDS:
        return replace(spec, group=ADDRESS)
    if spec.path == "customer.chineseId":  # deprecated by the API: out of the way
        return replace(spec, group=DEPRECATED)
    if spec.path in _RARE_CUSTOMER_FIELDS:
        return replace(spec, group=MORE_CUSTOMER)
    return spec
