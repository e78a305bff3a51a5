"""One editor per API field, built from the model's FieldSpec: the right widget (line edit with the
model's max length, drop-down of the model's choices, searchable country picker), a required
marker on the label and an inline message under the widget."""

from __future__ import annotations

import logging
from functools import cache
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QStringListModel, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QWidget,
)

from app.core.models.iso_countries import country_names
from app.core.models.specs import FieldSpec
from app.gui.elided_label import ElidedLabel

log = logging.getLogger(__name__)

BOOL_CHOICES = ("true", "false")
INVALID_TINT = "#fde0dc"
# The length counter appears once this share of a field's limit is used (and stays over it).
COUNTER_FROM = 0.75
# Width shares of a field and its message beside it: a message never moves a field.
FIELD_STRETCH, MESSAGE_STRETCH = 3, 2


@cache
def country_entries() -> tuple[tuple[str, str], ...]:
    """(alpha-2 code, "FR — France") for every ISO 3166 country, sorted by name."""
    return tuple(sorted(((code, f"{code} — {name}") for code, name in country_names().items()),
                        key=lambda entry: entry[1][5:]))


def choice_names(spec: FieldSpec) -> dict[str, str]:
    """Display names for API codes an operator would not recognise (value -> name)."""
    if spec.path.rsplit(".", 1)[-1] == "platformName":
        return {
            "pdd": QCoreApplication.translate("FieldEditor", "Pinduoduo"),
            "youzan": QCoreApplication.translate("FieldEditor", "Youzan"),
            "littleredbook": QCoreApplication.translate("FieldEditor", "Xiaohongshu"),
            "douyin": QCoreApplication.translate("FieldEditor", "Douyin"),
            "checkout": QCoreApplication.translate("FieldEditor", "Checkout"),
            "nomad": QCoreApplication.translate("FieldEditor", "Nomad"),
        }
    return {}


def is_country(spec: FieldSpec) -> bool:
    return spec.kind == "country"


class FieldEditor(QObject):
    """Owns the editing widget and its inline message label for one spec."""

    changed = Signal()

    def __init__(self, spec: FieldSpec, object_name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.spec = spec
        self.container = QWidget(parent)
        self.widget: QLineEdit | QComboBox = self._make_widget(spec, self.container)
        self.widget.setObjectName(object_name)
        tip = spec.description or ""
        if spec.max_length:
            tip = (tip + "\n" if tip else "") + self.tr("At most %n characters.", "",
                                                        spec.max_length)
        # The API path is there for whoever needs it (support, the API documentation).
        tip = (tip + "\n" if tip else "") + spec.path
        self.widget.setToolTip(tip)
        # The message sits beside the field, in space kept for it, on one line ending in "…"
        # when cut (the whole text in its tooltip): showing or clearing it never moves a field
        # or the rows below, so a completion list never ends up over the text.
        self.message = ElidedLabel(self.container)
        self.message.setObjectName(f"{object_name}.message")
        self.message.setStyleSheet("color: #c62828;")
        self.message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        policy = self.message.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.message.setSizePolicy(policy)
        self.message.hide()
        # Characters used of the model's limit, shown as the limit nears: nothing is cut.
        self.counter = QLabel(self.container)
        self.counter.setObjectName(f"{object_name}.counter")
        self.counter.hide()
        layout = QHBoxLayout(self.container)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.widget, FIELD_STRETCH)
        layout.addWidget(self.counter)
        layout.addWidget(self.message, MESSAGE_STRETCH)
        self.label = QLabel(self.label_text(spec), parent)
        self.label.setBuddy(self.widget)

    @staticmethod
    def label_text(spec: FieldSpec, *, marked: bool = True) -> str:
        """The field's name in the operator's words (the models' label, translated like every
        other visible string), with `*` when required and ``marked``."""
        text = QCoreApplication.translate("FieldLabels", spec.label or spec.path.rsplit(".", 1)[-1])
        return f"{text} *" if spec.required and marked else text

    def set_mnemonic(self, taken: set[str]) -> None:
        """Alt+letter jumps to this field: the first letter of its label not in ``taken``."""
        text = self.label.text()
        for position, char in enumerate(text):
            if char.isalpha() and char.isascii() and char.lower() not in taken:
                taken.add(char.lower())
                self.label.setText(text[:position] + "&" + text[position:])
                return

    def _make_widget(self, spec: FieldSpec, parent: QWidget) -> QLineEdit | QComboBox:
        if is_country(spec):
            return self._country_picker(parent)
        choices = list(spec.choices or ())
        if not choices and spec.kind == "bool":
            choices = list(BOOL_CHOICES)
        if choices:
            combo = _compact_combo(parent)
            names = choice_names(spec)
            combo.addItem("", "")
            for choice in choices:  # the API's value as item data, a name the operator knows
                combo.addItem(names.get(choice, choice), choice)
            combo.currentTextChanged.connect(self.changed)
            return combo
        edit = QLineEdit(parent)
        # No setMaxLength: it cuts pasted or typed text silently. The counter shows the limit
        # and the model's message says what is over it.
        edit.textChanged.connect(self._count)
        edit.textChanged.connect(self.changed)
        return edit

    def _count(self, text: str) -> None:
        limit = self.spec.max_length
        if not limit:
            return
        used = len(text.strip())
        self.counter.setText(self.tr("%1/%2").replace("%1", str(used)).replace("%2", str(limit)))
        self.counter.setToolTip(self.tr("At most %n characters.", "", limit))
        self.counter.setStyleSheet("color: #c62828; font-weight: bold;" if used > limit
                                   else "color: #555;")
        self.counter.setVisible(used >= limit * COUNTER_FROM)

    def _country_picker(self, parent: QWidget) -> QComboBox:
        combo = _compact_combo(parent)
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.addItem("", "")
        for code, text in country_entries():
            combo.addItem(text, code)
        completer = QCompleter(combo.model(), combo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        combo.setCompleter(completer)
        combo.currentTextChanged.connect(self.changed)
        return combo

    # -- value --------------------------------------------------------------------------------
    def value(self) -> str:
        widget = self.widget
        if isinstance(widget, QLineEdit):
            return widget.text().strip()
        if not widget.isEditable():
            data = widget.currentData()
            return str(data) if data is not None else widget.currentText().strip()
        text = widget.currentText().strip()
        if widget.isEditable():  # country picker: "FR — France" means FR; free text passes on
            found = widget.findText(text, Qt.MatchFlag.MatchFixedString)
            if found > 0:
                return str(widget.itemData(found))
        return text

    def set_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if isinstance(value, bool):
            text = "true" if value else "false"
        widget = self.widget
        if isinstance(widget, QLineEdit):
            widget.setText(text)
            return
        found = widget.findData(text)
        if found < 0:
            found = widget.findText(text, Qt.MatchFlag.MatchFixedString)
        if found >= 0:
            widget.setCurrentIndex(found)
        elif widget.isEditable():
            widget.setEditText(text)
        else:
            widget.setCurrentIndex(0)

    def set_completions(self, values: list[str]) -> None:
        if isinstance(self.widget, QLineEdit) and values:
            completer = self.widget.completer()
            if completer is None:
                completer = QCompleter(QStringListModel(values, self.widget), self.widget)
                completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
                self.widget.setCompleter(completer)
            else:
                model = completer.model()
                assert isinstance(model, QStringListModel)
                model.setStringList(values)

    def set_error(self, message: str) -> None:
        # The models' sentences; the fixed ones ("required") can be translated.
        self.message.setText(message)
        self.message.setToolTip(message)
        self.message.setVisible(bool(message))
        self.widget.setProperty("invalid", bool(message))
        # Tinted red while it needs a fix (the blue focus frame still shows where the cursor
        # is). Through the palette, not a style sheet: a border of its own would change the
        # field's size, and a message must never move the fields.
        palette = self.widget.palette()
        if message:
            palette.setColor(QPalette.ColorRole.Base, QColor(INVALID_TINT))
            self.widget.setPalette(palette)
        else:
            self.widget.setPalette(self.container.palette())


def _compact_combo(parent: QWidget) -> QComboBox:
    """A drop-down as wide as the layout gives it, not as its longest entry (country names
    would otherwise push the form wider than a small screen)."""
    combo = QComboBox(parent)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(10)
    return combo
