"""Profiles and their credentials. Profiles go to the settings file; secrets only to the OS
keyring, or, when there is none and the operator agrees, to memory for this session.

What an operator sets is up front: name, target, environment, URL (store and stage for Nomad),
the credentials, and Test connection. The engine settings (concurrency, rate limit, burst, the
KA address key, the lookup settle time) are folded under "Advanced"."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.journal import JournalError
from app.core.profile_changes import assess_change, unsettled_orders
from app.core.secrets import KeyringUnavailable
from app.core.settings import (
    KA_ADDRESS_KEYS,
    NOMAD_STAGES,
    SANDBOX_PROFILES,
    Profile,
    default_lookup_settle,
    default_profile,
    default_rate_limit,
)
from app.core.targets import Environment, Target, registered_targets
from app.gui.connection_test import TEST_TIMEOUT, ConnectionTest
from app.gui.context import AppContext
from app.gui.credentials_box import CredentialsBox
from app.gui.team_journal_box import TeamJournalBox

log = logging.getLogger(__name__)

_BUILTIN = {p.name for p in SANDBOX_PROFILES}


def _environment_text(environment: Environment) -> str:
    return {
        Environment.SANDBOX: QCoreApplication.translate("SettingsDialog",
                                                        "Sandbox (built-in simulator)"),
        Environment.TEST: QCoreApplication.translate("SettingsDialog", "Test"),
        Environment.PRODUCTION: QCoreApplication.translate("SettingsDialog", "Production"),
    }[environment]


def _environment_short(environment: Environment) -> str:
    return {
        Environment.SANDBOX: QCoreApplication.translate("SettingsDialog", "sandbox"),
        Environment.TEST: QCoreApplication.translate("SettingsDialog", "test"),
        Environment.PRODUCTION: QCoreApplication.translate("SettingsDialog", "PRODUCTION"),
    }[environment]


class SettingsDialog(QDialog):
    """Edits `settings` in place; `saved` is emitted after each change worth persisting."""

    saved = Signal()
    credentials_saved = Signal()

    def __init__(self, desk: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Profiles and credentials"))
        # Renames go through the application core (settings, journal and keyring together);
        # moving a profile that has sent orders to another account is questioned first.
        self._desk = desk
        self._settings = desk.settings
        self._journal = desk.journal
        secrets = desk.secrets
        self.confirm_box: QMessageBox | None = None

        self.profile_list = QListWidget(self)
        self.profile_list.setObjectName("profileList")
        self.profile_list.currentItemChanged.connect(self._show_selected)
        self.profile_list.setSpacing(2)
        add_button = QPushButton(self.tr("New profile"), self)
        add_button.setObjectName("addProfile")
        add_button.clicked.connect(self._new_profile)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setObjectName("removeProfile")
        self.remove_button.clicked.connect(self._remove_profile)
        left = QVBoxLayout()
        left.addWidget(self.profile_list)
        row = QHBoxLayout()
        row.addWidget(add_button)
        row.addWidget(self.remove_button)
        left.addLayout(row)
        self.team_journal = TeamJournalBox(desk.settings, secrets, desk.journal, self)
        self.team_journal.saved.connect(self.saved)
        left.addWidget(self.team_journal)

        self.name = QLineEdit(self)
        self.name.setObjectName("profile.name")
        self.target = QComboBox(self)
        self.target.setObjectName("profile.target")
        for target in registered_targets():
            self.target.addItem(target.label, target.value)
        self.target.currentIndexChanged.connect(self._target_changed)
        self.environment = QComboBox(self)
        self.environment.setObjectName("profile.environment")
        for environment in Environment:
            self.environment.addItem(_environment_text(environment), environment.value)
        self.base_url = QLineEdit(self)
        self.base_url.setObjectName("profile.baseUrl")
        self.base_url.setPlaceholderText(self.tr("empty: the built-in simulator"))
        self.store = QLineEdit(self)
        self.store.setObjectName("profile.store")
        self.stage = QComboBox(self)
        self.stage.setObjectName("profile.stage")
        self.stage.addItems(list(NOMAD_STAGES))
        self.address_key = QComboBox(self)
        self.address_key.setObjectName("profile.addressKey")
        self.address_key.addItems(list(KA_ADDRESS_KEYS))
        self.concurrency = QSpinBox(self)
        self.concurrency.setObjectName("profile.concurrency")
        self.concurrency.setRange(1, 64)
        self.rate_limit = QDoubleSpinBox(self)
        self.rate_limit.setObjectName("profile.rateLimit")
        self.rate_limit.setRange(0, 1000)
        self.rate_limit.setDecimals(1)
        self.rate_limit.setSpecialValueText(self.tr("no limit"))
        self.rate_limit.setSuffix(self.tr(" per second"))
        self.burst = QSpinBox(self)
        self.burst.setObjectName("profile.burst")
        self.burst.setRange(1, 10_000)
        self.lookup_settle = QSpinBox(self)
        self.lookup_settle.setObjectName("profile.lookupSettle")
        self.lookup_settle.setRange(0, 24 * 3600)
        self.lookup_settle.setSuffix(self.tr(" s"))
        self.lookup_settle.setToolTip(self.tr(
            "After a send whose outcome is unknown, how long the API may take to list a new "
            "order. Until then “not found” is not believed and nothing is sent again."))

        profile_box = QGroupBox(self.tr("Profile"), self)
        form = QFormLayout(profile_box)
        self._profile_form = form
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("Tar&get"), self.target)
        form.addRow(self.tr("&Environment"), self.environment)
        form.addRow(self.tr("&URL"), self.base_url)
        form.addRow(self.tr("St&ore"), self.store)
        form.addRow(self.tr("Gateway s&tage"), self.stage)
        self.store.setToolTip(self.tr("The Nomad store id the orders go to"))
        self.stage.setToolTip(self.tr("The API gateway stage: TEST, PRE or RELEASE"))

        # Engine settings, folded: the defaults suit the target, few operators change them.
        self.advanced_toggle = QToolButton(self)
        self.advanced_toggle.setObjectName("advancedToggle")
        self.advanced_toggle.setText(self.tr("&Advanced"))
        self.advanced_toggle.setCheckable(True)
        self.advanced_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.advanced_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.advanced_toggle.setAutoRaise(True)
        self.advanced_toggle.setToolTip(self.tr(
            "How requests are sent: concurrency, rate limit, burst, the KA address key and how "
            "long to wait before “not found” is believed"))
        self.advanced_toggle.toggled.connect(self._show_advanced)
        self.advanced = QWidget(self)
        self.advanced.setObjectName("advancedSettings")
        advanced_form = QFormLayout(self.advanced)
        advanced_form.setContentsMargins(0, 0, 0, 0)
        self._advanced_form = advanced_form
        advanced_form.addRow(self.tr("Address key (KA)"), self.address_key)
        advanced_form.addRow(self.tr("Concurrent requests"), self.concurrency)
        advanced_form.addRow(self.tr("Rate limit"), self.rate_limit)
        advanced_form.addRow(self.tr("Burst"), self.burst)
        advanced_form.addRow(self.tr("Trust “not found” after"), self.lookup_settle)
        self.advanced.setVisible(False)

        self.credentials = CredentialsBox(secrets, self)
        self.credentials.saved.connect(self.credentials_saved)
        self.connection_test = ConnectionTest(desk, self._connection_to_test, self)

        self.profile_error = QLabel(self)
        self.profile_error.setObjectName("profile.error")
        self.profile_error.setStyleSheet("color: #c62828;")
        self.profile_error.setWordWrap(True)
        save_button = QPushButton(self.tr("Save profile"), self)
        save_button.setObjectName("saveProfile")
        save_button.clicked.connect(lambda: self.save_profile())  # not with `checked`
        use_button = QPushButton(self.tr("Use this profile"), self)
        use_button.setObjectName("useProfile")
        use_button.clicked.connect(self.use_profile)
        buttons = QHBoxLayout()
        buttons.addWidget(self.profile_error, 1)
        buttons.addWidget(save_button)
        buttons.addWidget(use_button)

        right = QVBoxLayout()
        right.addWidget(profile_box)
        right.addWidget(self.credentials)
        right.addWidget(self.connection_test)
        right.addWidget(self.advanced_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        right.addWidget(self.advanced)
        right.addLayout(buttons)
        right.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        right.addWidget(close)

        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(right, 2)
        self._refresh_list(self._settings.profile_in_use().name)
        # Room for the wrapped notes (keyring, where a secret is kept) within the screen.
        screen = self.screen().availableGeometry()
        self.resize(min(max(self.sizeHint().width(), 860), screen.width()),
                    min(max(self.sizeHint().height(), 620), screen.height() - 40))

    # -- list ----------------------------------------------------------------------------------
    def _refresh_list(self, select: str) -> None:
        self.profile_list.clear()
        for profile in sorted(self._settings.profiles.values(), key=lambda p: p.name):
            in_use = self._settings.current.get(profile.target) == profile.name
            text = self.tr("%1\n%2 · %3").replace("%1", profile.name)\
                .replace("%2", profile.target.label)\
                .replace("%3", _environment_short(profile.environment))
            if in_use:
                text += self.tr(" · in use")
            item = QListWidgetItem(text, self.profile_list)
            item.setToolTip(profile.base_url or self.tr("the built-in simulator"))
            if in_use:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            item.setData(Qt.ItemDataRole.UserRole, profile.name)
            if profile.name == select:
                self.profile_list.setCurrentItem(item)

    def selected_name(self) -> str:
        item = self.profile_list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else ""

    def select(self, name: str) -> None:
        self._refresh_list(name)

    def _show_selected(self, *_args: object) -> None:
        profile = self._settings.profiles.get(self.selected_name())
        if profile is None:
            return
        self.name.setText(profile.name)
        self.target.setCurrentIndex(self.target.findData(profile.target.value))
        self.environment.setCurrentIndex(self.environment.findData(profile.environment.value))
        self.base_url.setText(profile.base_url or "")
        self.store.setText(profile.store)
        self.stage.setCurrentText(profile.stage)
        self.address_key.setCurrentText(profile.address_key)
        self.concurrency.setValue(profile.concurrency)
        self.rate_limit.setValue(profile.rate_limit or 0)
        self.burst.setValue(profile.burst)
        self.lookup_settle.setValue(round(profile.lookup_settle_seconds))
        builtin = profile.name in _BUILTIN
        for widget in (self.name, self.target, self.environment):
            widget.setEnabled(not builtin)
        self.remove_button.setEnabled(not builtin)
        self._target_changed()  # the index may not have changed, yet the rows must match
        self.profile_error.clear()
        self.credentials.show_profile(profile)
        self.connection_test.clear()

    def _target_changed(self) -> None:
        # Only the settings of the chosen target are shown: the others would be ignored.
        settings = Target(self.target.currentData()).spec.profile_settings
        for form, widget, setting in ((self._profile_form, self.store, "store"),
                                      (self._profile_form, self.stage, "stage"),
                                      (self._advanced_form, self.address_key, "address_key")):
            form.setRowVisible(widget, setting in settings)

    def _show_advanced(self, shown: bool) -> None:
        self.advanced.setVisible(shown)
        self.advanced_toggle.setArrowType(Qt.ArrowType.DownArrow if shown
                                          else Qt.ArrowType.RightArrow)

    def _connection_to_test(self) -> tuple[Profile, dict[str, str]]:
        """The profile as the form shows it, and the secrets typed but not saved yet."""
        return self.edited_profile(), self.credentials.typed()

    def done(self, result: int) -> None:
        # A test in flight answers within its timeout; its worker must not outlive the dialog.
        self.connection_test.wait(int(1000 * (TEST_TIMEOUT + 5)))
        self.team_journal.wait()  # a copy into the team journal ends whole or not at all
        super().done(result)

    def _new_profile(self) -> None:
        base = self.tr("New profile")
        name, n = base, 2
        while name in self._settings.profiles:
            name, n = f"{base} {n}", n + 1
        target = Target(self.target.currentData() or Target.KA.value)
        profile = default_profile(name, target, Environment.TEST)
        self._settings.profiles[name] = profile  # checked again on save
        self._refresh_list(name)
        self.name.setFocus()

    def _remove_profile(self) -> None:
        name = self.selected_name()
        unsettled = unsettled_orders(self._journal, self._settings, name)
        if unsettled:
            # Without a profile for the account nobody could reconcile them.
            self.profile_error.setText(
                self.tr("%1 orders sent with this profile are not settled yet (queued, being "
                        "sent or unknown), and no other profile reaches their account; "
                        "reconcile them before removing it.")
                .replace("%1", str(unsettled)))
            return
        try:
            self._settings.remove(name)
        except (KeyError, ValueError) as exc:
            self.profile_error.setText(str(exc))
            return
        self.saved.emit()
        self._refresh_list(self._settings.profile_in_use().name)

    # -- saving --------------------------------------------------------------------------------
    def edited_profile(self) -> Profile:
        """The profile as the form shows it; raises ValueError naming the bad setting."""
        old = self._settings.profiles[self.selected_name()]
        target = Target(self.target.currentData())
        environment = Environment(self.environment.currentData())
        profile = replace(
            old,
            name=self.name.text().strip(),
            target=target,
            environment=environment,
            base_url=self.base_url.text().strip() or None,
            store=self.store.text().strip(),
            stage=self.stage.currentText(),
            address_key=self.address_key.currentText(),
            concurrency=self.concurrency.value(),
            rate_limit=self.rate_limit.value() or None,
            burst=self.burst.value(),
            lookup_settle_seconds=float(self.lookup_settle.value()),
        )
        untouched = (profile.rate_limit, profile.burst, profile.lookup_settle_seconds) == (
            old.rate_limit, old.burst, old.lookup_settle_seconds)
        if untouched and old.is_embedded != profile.is_embedded:
            # Engine settings not chosen by hand follow the new place: the documented limits
            # for a server, none for the built-in simulator.
            rate, burst = default_rate_limit(target, embedded=profile.is_embedded)
            profile = replace(profile, rate_limit=rate, burst=burst,
                              lookup_settle_seconds=default_lookup_settle(
                                  target, embedded=profile.is_embedded))
        profile.check()
        return profile

    def save_profile(self, then: Callable[[], None] | None = None) -> bool:
        """Save the form; True when saved now. A change that needs the operator's word opens
        `confirm_box` and returns False; ``then`` runs once the change is saved."""
        old_name = self.selected_name()
        try:
            profile = self.edited_profile()
        except ValueError as exc:
            self.profile_error.setText(str(exc))
            return False
        if profile.name != old_name and profile.name in self._settings.profiles:
            self.profile_error.setText(self.tr("A profile with this name already exists."))
            return False
        old = self._settings.profiles[old_name]
        change = assess_change(self._journal, self._settings, old, profile)
        if change.strands_orders:
            self.profile_error.setText(
                self.tr("%1 orders sent with this profile are not settled yet, and no other "
                        "profile reaches their account. Reconcile them (History) before "
                        "pointing this profile elsewhere, or make a new profile.")
                .replace("%1", str(change.unsettled)))
            return False
        if change.leaves_sent_orders:
            self._confirm_move(old, profile, change.journaled, then)
            return False
        return self._commit(old_name, profile, then)

    def _confirm_move(self, old: Profile, new: Profile, journaled: int,
                      then: Callable[[], None] | None) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning, self.tr("Change where this profile sends"),
            self.tr("%1 orders were already sent with “%2” to %3. The new address is another "
                    "account to Order Desk: those orders stay in the history of the old one, "
                    "and sending the same orders again with this profile creates them at the "
                    "new address.\n\nSave to send to the new address from now on, or cancel "
                    "and make a new profile for it.").replace("%1", str(journaled))
            .replace("%2", old.name).replace("%3", old.base_url or self.tr("the built-in "
                                                                            "sandbox")),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("confirmProfileMove")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(lambda _result: self._move_answered(box, old.name, new, then))
        self.confirm_box = box
        box.open()

    def _move_answered(self, box: QMessageBox, old_name: str, profile: Profile,
                       then: Callable[[], None] | None) -> None:
        self.confirm_box = None
        if box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Save:
            self._commit(old_name, profile, then)
        box.deleteLater()

    def _commit(self, old_name: str, profile: Profile, then: Callable[[], None] | None) -> bool:
        if profile.name != old_name:
            try:
                # Settings, the history's labels and the credentials move together, or none.
                self._desk.rename_profile(old_name, profile.name)
            except (JournalError, KeyringUnavailable, OSError, ValueError) as exc:
                self.profile_error.setText(
                    self.tr("Not renamed, nothing changed: %1").replace("%1", str(exc)))
                return False
        self._settings.add(profile)
        # Re-check that each target's profile in use exists and still has that target (a
        # renamed profile, or one moved to the other target, falls back to the sandbox).
        self._settings.__post_init__()
        self.profile_error.clear()
        self.saved.emit()
        self._refresh_list(profile.name)
        if then is not None:
            then()
        return True

    def use_profile(self) -> None:
        self.save_profile(then=self._use_selected)

    def _use_selected(self) -> None:
        self._settings.use(self.selected_name())
        self.saved.emit()
        self._refresh_list(self.selected_name())

    def save_credentials(self) -> bool:
        return self.credentials.save()
