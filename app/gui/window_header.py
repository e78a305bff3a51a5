"""The strip along the top of the window: target switch, profile in use, the environment badge,
and the window-wide buttons on the right."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.core.settings import Profile
from app.core.targets import Target
from app.gui.environment_badge import EnvironmentBadge

log = logging.getLogger(__name__)

BAND_HEIGHT = 4


class WindowHeader(QWidget):
    target_chosen = Signal(object)  # Target
    profile_chosen = Signal(str)  # profile name

    def __init__(self, targets: list[Target], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.target_switch = QComboBox(self)
        self.target_switch.setObjectName("targetSwitch")
        for target in targets:
            self.target_switch.addItem(target.label, target.value)
        self.target_switch.currentIndexChanged.connect(
            lambda _index: self.target_chosen.emit(self.target))
        self.profile_selector = QComboBox(self)
        self.profile_selector.setObjectName("profileSelector")
        self.profile_selector.setMinimumContentsLength(16)
        self.profile_selector.activated.connect(
            lambda _index: self.profile_chosen.emit(str(self.profile_selector.currentData())))
        self.badge = EnvironmentBadge(self)
        # Where the orders of the profile in use go, always in view: the account, in short.
        self.destination = QLabel(self)
        self.destination.setObjectName("destination")

        target_label = QLabel(self.tr("&Target"), self)
        target_label.setBuddy(self.target_switch)
        profile_label = QLabel(self.tr("&Profile"), self)
        profile_label.setBuddy(self.profile_selector)
        # A band in the environment's colour under the whole header: visible from across the
        # room, and impossible to miss when the badge itself is scrolled past or covered.
        self.environment_band = QFrame(self)
        self.environment_band.setObjectName("environmentBand")
        self.environment_band.setFixedHeight(BAND_HEIGHT)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self._layout = QHBoxLayout()
        outer.addLayout(self._layout)
        outer.addWidget(self.environment_band)
        for widget in (target_label, self.target_switch, profile_label, self.profile_selector,
                       self.badge):
            self._layout.addWidget(widget)
        # It takes the spare width, and gives way (clipped; the tooltip has it all) before the
        # buttons on the right do.
        self.destination.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._layout.addWidget(self.destination, 1)

    @property
    def target(self) -> Target:
        return Target(self.target_switch.currentData())

    def set_target(self, target: Target) -> None:
        """Select a target; emits `target_chosen` when it changes."""
        self.target_switch.setCurrentIndex(self.target_switch.findData(target.value))

    def add_button(self, text: str, object_name: str) -> QPushButton:
        """A window-wide button on the right (import, settings...)."""
        button = QPushButton(text, self)
        button.setObjectName(object_name)
        self._layout.addWidget(button)
        return button

    def show_profiles(self, profiles: list[Profile], in_use: Profile) -> None:
        """The target's profiles, the one in use selected, and its environment on the badge."""
        self.profile_selector.blockSignals(True)
        self.profile_selector.clear()
        for profile in sorted(profiles, key=lambda p: p.name):
            self.profile_selector.addItem(profile.name, profile.name)
        self.profile_selector.setCurrentIndex(self.profile_selector.findData(in_use.name))
        self.profile_selector.blockSignals(False)
        self.badge.set_environment(in_use.environment)
        self.destination.setText(self._destination_text(in_use))
        self.destination.setToolTip(self.tr("Orders go to: %1").replace("%1", in_use.account))
        self.environment_band.setStyleSheet(f"background: {self.badge.background};")

    def _destination_text(self, profile: Profile) -> str:
        if profile.is_embedded:
            return self.tr("→ built-in simulator")
        # The host, then whatever else names the account for this target (Nomad: store, stage).
        parts = [urlsplit(profile.base_url or "").netloc or (profile.base_url or "")]
        named = {"store": self.tr("store %1")}
        parts += [named.get(name, "%1").replace("%1", str(getattr(profile, name, "") or "?"))
                  for name in profile.target.spec.account_fields]
        return self.tr("→ %1").replace("%1", " · ".join(parts))
