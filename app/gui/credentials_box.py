"""The credentials of one profile. Secrets go to the OS keyring; when there is none, the box says
so plainly and, only if the operator ticks it, keeps them in memory for this session. Stored
values are never shown: under each field a line names where the secret is kept (the keyring by
its backend's name, this session only, an environment variable, the sandbox's own), and typing
replaces it."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.core.secrets import (
    KeyringUnavailable,
    SecretSource,
    credentials_of,
    secret_names,
    secret_source,
)
from app.core.settings import Profile
from app.gui.secret_chain import SessionAwareSecrets

log = logging.getLogger(__name__)


class CredentialsBox(QGroupBox):
    saved = Signal()

    def __init__(self, secrets: SessionAwareSecrets, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Credentials"), parent)
        self._secrets = secrets
        self._profile: Profile | None = None
        self._form = QFormLayout(self)
        self.keyring_notice = QLabel(self)
        self.keyring_notice.setObjectName("keyringNotice")
        self.keyring_notice.setWordWrap(True)
        self.session_only = QCheckBox(self.tr("Keep for this session only (forgotten when Order "
                                              "Desk closes)"), self)
        self.session_only.setObjectName("sessionOnly")
        self.secret_edits: dict[str, QLineEdit] = {}
        self.where_labels: dict[str, QLabel] = {}
        self.status = QLabel(self)
        self.status.setObjectName("credentialsStatus")
        self.status.setWordWrap(True)
        save = QPushButton(self.tr("Save credentials"), self)
        save.setObjectName("saveCredentials")
        save.clicked.connect(self.save)
        self._form.addRow(self.keyring_notice)
        self._form.addRow(self.session_only)
        self._rows_start = self._form.rowCount()
        self._form.addRow(self.status)
        self._form.addRow(save)
        self._show_keyring_state()

    def show_profile(self, profile: Profile) -> None:
        """One password field per secret the profile's target needs."""
        self._profile = profile
        while self._form.rowCount() > self._rows_start + 2:
            self._form.removeRow(self._rows_start)
        self.secret_edits = {}
        self.where_labels = {}
        row = self._rows_start
        for name in secret_names(profile.target):
            edit = QLineEdit(self)
            edit.setObjectName(f"secret.{name}")
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setPlaceholderText(self._where_text(profile, name))
            self.secret_edits[name] = edit
            where = QLabel(self.where_kept(profile, name), self)
            where.setObjectName(f"secretWhere.{name}")
            where.setWordWrap(True)
            where.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            self.where_labels[name] = where
            self._form.insertRow(row, self._label(name), edit)
            self._form.insertRow(row + 1, "", where)
            row += 2

    def typed(self) -> dict[str, str]:
        """The values typed and not saved yet (for Test connection)."""
        return {n: e.text().strip() for n, e in self.secret_edits.items() if e.text().strip()}

    def backend_name(self) -> str:
        return str(getattr(self._secrets.keyring, "backend_name", "") or "")

    def where_kept(self, profile: Profile, name: str) -> str:
        """Where the secret the profile sends with comes from, in words (never its value)."""
        source = secret_source(self._secrets, profile.name, profile.target, name,
                               sandbox=profile.is_embedded)
        if source is SecretSource.ENVIRONMENT:
            variable = next(c.env_var for c in credentials_of(profile.target) if c.name == name)
            return self.tr("Kept in: the environment variable %1 (it wins over anything saved "
                           "here)").replace("%1", variable)
        if source is SecretSource.STORED:
            if self._secrets.where(profile.name, name) == "session":
                return self.tr("Kept in: this session only (forgotten when Order Desk closes)")
            backend = self.backend_name()
            return (self.tr("Kept in: the system keyring (%1)").replace("%1", backend) if backend
                    else self.tr("Kept in: the system keyring"))
        if source is SecretSource.SANDBOX_DEFAULT:
            return self.tr("Kept in: nowhere; the built-in sandbox's own value is used")
        return self.tr("Kept in: nowhere yet; type it and save")

    def save(self) -> bool:
        profile = self._profile
        typed = self.typed()
        if profile is None or not typed:
            self.status.setText(self.tr("Nothing to save: type a value first."))
            return False
        session_only = not self._secrets.has_keyring and self.session_only.isChecked()
        try:
            for name, value in typed.items():
                self._secrets.set(profile.name, name, value, session_only=session_only)
        except KeyringUnavailable as exc:
            self.status.setText(
                self.tr("Not saved: %1 Tick \"Keep for this session only\" to use them until "
                        "Order Desk closes.").replace("%1", str(exc)))
            self._show_keyring_state()
            return False
        self.show_profile(profile)  # clears the typed values, shows where they are now
        self.status.setText(self.tr("Kept for this session only.") if session_only
                            else self.tr("Saved in the system keyring."))
        self.saved.emit()
        return True

    def _show_keyring_state(self) -> None:
        if self._secrets.has_keyring:
            backend = self.backend_name()
            self.keyring_notice.setText(
                self.tr("Credentials are kept in the system keyring (%1).").replace("%1", backend)
                if backend else self.tr("Credentials are kept in the system keyring."))
            self.session_only.hide()
            return
        self.keyring_notice.setText(
            self.tr("No system keyring is available, so credentials cannot be stored. "
                    "You can keep them for this session only; they are never written to a file."))
        self.keyring_notice.setToolTip(self._secrets.keyring_error)
        self.keyring_notice.setStyleSheet("color: #8a5300;")
        self.session_only.show()

    def _where_text(self, profile: Profile, name: str) -> str:
        where = self._secrets.where(profile.name, name)
        if where == "keyring":
            return self.tr("stored in the keyring; type to replace")
        if where == "session":
            return self.tr("kept for this session; type to replace")
        return self.tr("sandbox default") if profile.is_embedded else self.tr("not set")

    def _label(self, name: str) -> str:
        return secret_label(name)


def secret_label(name: str) -> str:
    """The operator's name for a secret (also used by the window when one is missing)."""
    return {
        "ka_token": QCoreApplication.translate("CredentialsBox", "KA access token"),
        "nomad_app_key": QCoreApplication.translate("CredentialsBox", "Nomad AppKey"),
        "nomad_app_secret": QCoreApplication.translate("CredentialsBox", "Nomad AppSecret"),
    }.get(name, name)
