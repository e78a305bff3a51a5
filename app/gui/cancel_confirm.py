"""The question asked before orders are cancelled: what will happen, per API, and which of them
will be refused without asking because their server said they have shipped."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.core.journal import OrderRecord
from app.core.server_status import SHIPPED_STATUSES
from app.core.targets import Target


def cancel_question(records: Sequence[OrderRecord]) -> str:
    lines = [QCoreApplication.translate("CancelConfirm", "Cancel %n order(s)?", None, len(records))]
    targets = {r.target for r in records}
    if Target.KA in targets:
        lines.append(QCoreApplication.translate(
            "CancelConfirm", "KA: each whole order is refunded and cancelled. KA allows it only "
            "before the order ships and completes it on its side within 24 hours."))
    if Target.NOMAD in targets:
        lines.append(QCoreApplication.translate(
            "CancelConfirm", "Nomad: the platform is asked to cancel each order; whether it can "
            "depends on the platform, and its answer is shown as it is."))
    shipped = sum(1 for r in records if r.server_status in SHIPPED_STATUSES)
    if shipped:
        lines.append(QCoreApplication.translate(
            "CancelConfirm", "%n of them have shipped as far as the server last said: they are "
            "refused without asking.", None, shipped))
    lines.append(QCoreApplication.translate(
        "CancelConfirm", "The status of each order is checked first; a cancel is sent once and "
        "never repeated blindly."))
    return "\n\n".join(lines)


def confirm_cancel(parent: QWidget, records: Sequence[OrderRecord]) -> QMessageBox:
    """A non-blocking question (open it with ``open()``); Yes means cancel."""
    title = QCoreApplication.translate("CancelConfirm", "Cancel orders")
    box = QMessageBox(QMessageBox.Icon.Question, title, cancel_question(records),
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setObjectName("cancelConfirm")
    box.setDefaultButton(QMessageBox.StandardButton.No)
    yes = box.button(QMessageBox.StandardButton.Yes)
    yes.setText(QCoreApplication.translate("CancelConfirm", "Cancel orders"))
    keep = box.button(QMessageBox.StandardButton.No)
    keep.setText(QCoreApplication.translate("CancelConfirm", "Keep them"))
    return box
