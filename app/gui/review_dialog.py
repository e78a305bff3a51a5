"""Review before sending: a compact summary of the order (where it goes, to whom, what, under
which reference), confirmed with Enter; Escape goes back to the form unchanged. Shown for
production profiles, and for the others when the operator asks for it (File menu)."""

from __future__ import annotations

import html
import logging
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app.core.models import reference_of
from app.core.models.summary import summarise_order
from app.core.settings import Profile
from app.core.targets import Environment

log = logging.getLogger(__name__)


class ReviewDialog(QDialog):
    def __init__(self, profile: Profile, environment_name: str, payload: Mapping[str, Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewDialog")
        self.setWindowTitle(self.tr("Review before sending"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.summary = QLabel(self.summary_html(profile, environment_name, payload), self)
        self.summary.setObjectName("reviewSummary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(self)
        send = buttons.addButton(self.tr("Send (Enter)"), QDialogButtonBox.ButtonRole.AcceptRole)
        send.setObjectName("reviewSend")
        back = buttons.addButton(self.tr("Back to the form (Esc)"),
                                 QDialogButtonBox.ButtonRole.RejectRole)
        back.setObjectName("reviewBack")
        send.setDefault(True)  # Enter sends; Escape is QDialog's reject
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        send.setFocus(Qt.FocusReason.OtherFocusReason)

    def summary_html(self, profile: Profile, environment_name: str,
                     payload: Mapping[str, Any]) -> str:
        def e(text: object) -> str:
            return html.escape(str(text))

        summary = summarise_order(profile.target, payload)
        production = profile.environment is Environment.PRODUCTION
        where = (f"{e(profile.target.label)} — {e(profile.name)} "
                 f"(<b style='color:{'#c62828' if production else '#2e7d32'}'>"
                 f"{e(environment_name)}</b>)")
        address = [summary.recipient, *summary.address_lines, summary.country, summary.phone]
        lines = "<br>".join(
            f"{e('—' if line.quantity is None else line.quantity)} × {e(line.sku)}"
            + (f" ({e(line.name)})" if line.name else "")
            for line in summary.lines) or e(self.tr("(no lines)"))
        rows = [
            (self.tr("Send to"), where),
            (self.tr("Deliver to"), "<br>".join(e(part) for part in address if part)
             or e(self.tr("(no address)"))),
            (self.tr("Lines"), lines),
            (self.tr("Reference"), e(reference_of(profile.target, payload) or "—")),
        ]
        return ("<table cellspacing='0' cellpadding='3'>"
                + "".join(f"<tr><th align='left' valign='top'>{e(name)}</th><td>{value}</td></tr>"
                          for name, value in rows)
                + "</table>")
