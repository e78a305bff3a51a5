"""The team journal setting: the PostgreSQL URL a desk shares its journal through (kept in the
settings, never with a password) and its password (kept in the keyring only). The journal in use
changes when Order Desk starts again: a running window keeps the one its history and sends use.
"Copy this desk's history to it" is `order-desk journal push` from the window."""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QPushButton, QWidget

from app.core.desk import TEAM_JOURNAL_SECRET, team_journal_password, team_journal_url
from app.core.journal import Journal
from app.core.journal.transfer import PushReport, push_to
from app.core.paths import journal_path
from app.core.secrets import KeyringUnavailable
from app.core.settings import Settings, check_team_journal_url
from app.gui.language import outcome_text
from app.gui.secret_chain import SessionAwareSecrets
from app.gui.workers import WorkerPool

log = logging.getLogger(__name__)


class TeamJournalBox(QGroupBox):
    saved = Signal()

    def __init__(self, settings: Settings, secrets: SessionAwareSecrets, journal: Journal,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Team journal"), parent)
        self.setObjectName("teamJournal")
        self._settings = settings
        self._secrets = secrets
        note = QLabel(self.tr("Desks of a team that share one journal (PostgreSQL) never send an "
                              "order twice and see each other's history. Empty: this desk's own "
                              "journal."), self)
        note.setWordWrap(True)
        self.url = QLineEdit(settings.team_journal_url, self)
        self.url.setObjectName("teamJournal.url")
        self.url.setPlaceholderText(
            self.tr("postgresql://user@host:5432/database?sslmode=verify-full"))
        self.password = QLineEdit(self)
        self.password.setObjectName("teamJournal.password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("kept in the keyring; typing replaces it"))
        self.in_use = QLabel(self)
        self.in_use.setObjectName("teamJournal.inUse")
        self.in_use.setWordWrap(True)
        self.in_use.setText(self.tr("In use now: %1").replace("%1", journal.label))
        self.status = QLabel(self)
        self.status.setObjectName("teamJournal.status")
        self.status.setWordWrap(True)
        save = QPushButton(self.tr("Save team journal"), self)
        save.setObjectName("teamJournal.save")
        save.clicked.connect(self.save)
        self.copy_button = QPushButton(self.tr("Copy this desk's history to it"), self)
        self.copy_button.setObjectName("teamJournal.copy")
        self.copy_button.setToolTip(self.tr(
            "Copies this desk's own journal (orders and attempts) into the team journal. It can "
            "be done again: orders already there are left as they are; an order the team "
            "journal holds under the same reference with other content is not copied, and "
            "named."))
        self.copy_button.clicked.connect(self.copy_history)
        self._pool = WorkerPool(self, max_threads=1)
        form = QFormLayout(self)
        form.addRow(note)
        form.addRow(self.tr("UR&L"), self.url)
        form.addRow(self.tr("Pass&word"), self.password)
        form.addRow(self.in_use)
        form.addRow(self.status)
        form.addRow(save)
        form.addRow(self.copy_button)

    def save(self) -> bool:
        """Keep the URL (and a typed password, in the keyring); False, saying why, if either
        cannot be kept: then nothing is changed."""
        url = self.url.text().strip()
        try:
            check_team_journal_url(url)
        except ValueError as exc:
            self._say(self.tr("URL: %1").replace("%1", outcome_text(str(exc))), error=True)
            return False
        if self.password.text():
            try:
                self._secrets.set(*TEAM_JOURNAL_SECRET, self.password.text())
            except KeyringUnavailable as exc:
                self._say(self.tr("Password: no keyring to keep it in (%1). Set "
                                  "ORDER_DESK_DATABASE_PASSWORD instead.").replace("%1", str(exc)),
                          error=True)
                return False
            self.password.clear()
        self._settings.team_journal_url = url
        self.saved.emit()
        if url and team_journal_url(self._settings) != url:
            self._say(self.tr("Saved; ORDER_DESK_DATABASE_URL is set and wins over it."))
        else:
            self._say(self.tr("Saved. Order Desk uses it from its next start."))
        return True

    def copy_history(self) -> None:
        """`journal push` from the window, on a worker: the URL as typed, the password typed
        or else the one kept."""
        url = self.url.text().strip()
        try:
            check_team_journal_url(url)
        except ValueError as exc:
            self._say(self.tr("URL: %1").replace("%1", outcome_text(str(exc))), error=True)
            return
        if not url:
            self._say(self.tr("URL: type the team journal's address first."), error=True)
            return
        password = self.password.text() or team_journal_password(self._secrets)
        self.copy_button.setEnabled(False)
        self._say(self.tr("Copying…"))
        self._pool.start(push_to, url, password, journal_path(),
                         on_result=self._copied, on_error=self._copy_failed)

    def _copied(self, report: PushReport) -> None:
        self.copy_button.setEnabled(True)
        text = self.tr("Copied %1 order(s); %2 already there.").replace(
            "%1", str(report.copied)).replace("%2", str(report.held))
        if report.refused:
            named = ", ".join(reference for reference, _ in report.refused[:10])
            text += " " + self.tr("Not copied, held there with other content: %1").replace(
                "%1", named + (" …" if len(report.refused) > 10 else ""))
        self._say(text, error=bool(report.refused))

    def _copy_failed(self, exc: BaseException) -> None:
        self.copy_button.setEnabled(True)
        self._say(outcome_text(str(exc)), error=True)

    def wait(self, timeout_ms: int = -1) -> bool:
        return self._pool.wait(timeout_ms)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setStyleSheet("color: #c62828;" if error else "")
        self.status.setText(text)
