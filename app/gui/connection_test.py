"""Test connection, for the profiles dialog: a button that makes one harmless authenticated call
with the profile as the form shows it (`Desk.test_connection`, off the GUI thread), and a line
that says in plain words what is wrong: unknown host, refused, bad token, bad signature, wrong
stage... The technical message stays in the line's tooltip."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from app.core.connection_check import ConnectionReport, Problem
from app.core.desk import Desk
from app.core.settings import Profile
from app.gui.workers import WorkerPool

log = logging.getLogger(__name__)

# A test should answer quickly: an operator is waiting in front of the dialog.
TEST_TIMEOUT = 10.0
_GOOD, _BAD = "#2e7d32", "#c62828"

# What to test: the profile as the form shows it and the secrets typed but not saved; or a
# ValueError naming what is wrong in the form.
Preparer = Callable[[], tuple[Profile, dict[str, str]]]


class ConnectionTest(QWidget):
    finished = Signal(object)  # ConnectionReport

    def __init__(self, desk: Desk, prepare: Preparer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._prepare = prepare
        self._pool = WorkerPool(self, max_threads=1)
        self.button = QPushButton(self.tr("&Test connection"), self)
        self.button.setObjectName("testConnection")
        self.button.setToolTip(self.tr(
            "Make one harmless call with these settings and credentials (KA: the balance; "
            "Nomad: an order query). Nothing is sent or changed."))
        self.button.clicked.connect(self.start)
        self.result = QLabel(self)
        self.result.setObjectName("connectionResult")
        self.result.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.button)
        layout.addWidget(self.result, 1)
        self.report: ConnectionReport | None = None
        self._embedded = False  # the profile tested is the built-in sandbox's
        self._testing = False  # until its answer is shown (the worker ends a moment later)

    @property
    def busy(self) -> bool:
        return self._testing

    def clear(self) -> None:
        self.report = None
        self.result.clear()
        self.result.setToolTip("")

    def start(self) -> None:
        if self._testing:
            return
        try:
            profile, typed = self._prepare()
        except ValueError as exc:
            self._show(self.tr("Not tested: %1").replace("%1", str(exc)), _BAD, "")
            return
        profile = replace(profile, timeout=min(profile.timeout, TEST_TIMEOUT))
        self._embedded = profile.is_embedded
        self._testing = True
        self.button.setEnabled(False)
        self._show(self.tr("Testing the connection…"), "", "")
        self._pool.start(self._desk.test_connection, profile, typed,
                         on_result=self._done, on_error=self._failed)

    def wait(self, timeout_ms: int = -1) -> bool:
        return self._pool.wait(timeout_ms)

    def _done(self, report: ConnectionReport) -> None:
        self.report = report
        self._testing = False
        self.button.setEnabled(True)
        self._show(self.describe(report), _GOOD if report.ok else _BAD, report.detail)
        self.finished.emit(report)

    def _failed(self, exc: BaseException) -> None:
        log.error("connection test failed", exc_info=(type(exc), exc, exc.__traceback__))
        self._testing = False
        self.button.setEnabled(True)
        self._show(self.tr("The test itself failed: %1").replace("%1", str(exc)), _BAD, "")

    def _show(self, text: str, colour: str, detail: str) -> None:
        self.result.setText(text)
        self.result.setStyleSheet(f"color: {colour};" if colour else "")
        self.result.setToolTip(detail)

    def describe(self, report: ConnectionReport) -> str:
        """The report in an operator's words."""
        host = (self.tr("the built-in sandbox") if self._embedded
                else report.host or self.tr("the server"))
        texts = {
            Problem.NONE: self.tr("Connected: %1 accepted these credentials."),
            Problem.MISSING_CREDENTIALS: self.tr(
                "A credential is missing: type it under Credentials (it is used for the test "
                "even before you save it)."),
            Problem.BAD_SETTING: self.tr("Not tested: %3"),
            Problem.INSECURE_URL: self.tr(
                "Use https:// in the URL: plain http is only allowed to this computer."),
            Problem.UNKNOWN_HOST: self.tr(
                "Unknown host: “%1” was not found. Check the URL for a typing mistake and that "
                "this computer is online."),
            Problem.REFUSED: self.tr(
                "Connection refused: nothing answers at %1 on that port. Check the URL and its "
                "port, and that the server is running."),
            Problem.TIMEOUT: self.tr(
                "No answer from %1 in time. Check the URL, the network or a firewall."),
            Problem.TLS: self.tr(
                "The secure connection to %1 failed: its certificate could not be verified."),
            Problem.NOT_FOUND: self.tr(
                "%1 answered, but the API is not at this URL: check the path after the host."),
            Problem.BAD_TOKEN: self.tr(
                "Bad token: %1 refused the access token. Paste it again, without spaces."),
            Problem.BAD_APP_KEY: self.tr(
                "Bad app key: the gateway does not know this AppKey."),
            Problem.BAD_SIGNATURE: self.tr(
                "Bad signature: the AppSecret does not belong to this AppKey. Paste it again."),
            Problem.CHANGED_ON_THE_WAY: self.tr(
                "Bad signature: the request was changed on the way (a proxy?). Check the URL."),
            Problem.WRONG_STAGE: self.tr(
                "Wrong stage or URL: the gateway has no API at this URL for stage %2. Check the "
                "stage (TEST, PRE or RELEASE), the store and the URL."),
            Problem.NOT_AUTHORISED: self.tr(
                "Refused: these credentials may not use this API. Ask the provider to enable "
                "it."),
            Problem.CLOCK: self.tr(
                "This computer's clock is more than 15 minutes off; correct it and test again."),
            Problem.BUSY: self.tr(
                "%1 is reachable but busy or limiting requests; test again in a minute."),
            Problem.SERVER_ERROR: self.tr(
                "%1 could not answer properly (a server error); test again later."),
            Problem.REFUSED_BY_API: self.tr("%1 refused the test: %3"),
            Problem.UNSUPPORTED: self.tr("This target has no test call."),
        }
        return (texts[report.problem].replace("%1", host).replace("%2", report.stage or "—")
                .replace("%3", report.detail))
