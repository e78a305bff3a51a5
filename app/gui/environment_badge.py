"""The always-visible SANDBOX / TEST / PRODUCTION badge, colour-coded so nobody mistakes
production for practice."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from app.core.targets import Environment

log = logging.getLogger(__name__)

# Background, foreground: green for the simulator, amber for test, red for real orders.
_COLOURS = {
    Environment.SANDBOX: ("#2e7d32", "#ffffff"),
    Environment.TEST: ("#f9a825", "#000000"),
    Environment.PRODUCTION: ("#c62828", "#ffffff"),
}


class EnvironmentBadge(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("environmentBadge")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.environment: Environment | None = None
        self.background = ""
        larger = self.font()
        larger.setPointSizeF(larger.pointSizeF() * 1.15)
        self.setFont(larger)
        self.set_environment(Environment.SANDBOX)

    def set_environment(self, environment: Environment) -> None:
        self.environment = environment
        text = {
            Environment.SANDBOX: self.tr("SANDBOX"),
            Environment.TEST: self.tr("TEST"),
            Environment.PRODUCTION: self.tr("PRODUCTION"),
        }[environment]
        background, foreground = _COLOURS[environment]
        self.setText(text)
        self.setToolTip(self.tr("Orders go to the %1 environment.").replace("%1", text))
        self.background = background
        self.setStyleSheet(
            f"QLabel {{ background: {background}; color: {foreground}; font-weight: bold;"
            " border-radius: 4px; padding: 3px 14px; letter-spacing: 1px; }"
        )
