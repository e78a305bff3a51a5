"""Profiles for operators: what an operator sets up front, the engine settings folded under
Advanced, Test connection against the built-in sandbox (good credentials, a wrong token, a port
nobody listens on) in plain words, and where each secret is kept, named."""

from __future__ import annotations

import os
import socket

from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QToolButton
from pytestqt.qtbot import QtBot

from app.core.connection_check import Problem
from app.gui.main_window import MainWindow
from app.gui.settings_dialog import SettingsDialog
from tests.gui.helpers import named


def _test(qtbot: QtBot, dialog: SettingsDialog) -> str:
    button = named(dialog, "testConnection")
    assert isinstance(button, QPushButton)
    dialog.connection_test.clear()
    button.click()
    qtbot.waitUntil(lambda: dialog.connection_test.report is not None, timeout=15_000)
    result = named(dialog, "connectionResult")
    assert isinstance(result, QLabel)
    assert button.isEnabled()
    return result.text()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_engine_settings_are_folded_under_advanced(qtbot: QtBot, window: MainWindow) -> None:
    dialog = window.open_settings()
    dialog.select("Sandbox KA")
    qtbot.wait(1)  # rows added to a shown dialog are shown by a queued call
    for name in ("profile.name", "profile.target", "profile.environment", "profile.baseUrl",
                 "secret.ka_token", "testConnection"):
        assert named(dialog, name).isVisibleTo(dialog), name
    for name in ("profile.concurrency", "profile.rateLimit", "profile.burst",
                 "profile.addressKey", "profile.lookupSettle"):
        assert not named(dialog, name).isVisibleTo(dialog), name
    toggle = named(dialog, "advancedToggle")
    assert isinstance(toggle, QToolButton)
    toggle.click()
    for name in ("profile.concurrency", "profile.rateLimit", "profile.burst",
                 "profile.addressKey", "profile.lookupSettle"):
        assert named(dialog, name).isVisibleTo(dialog), name
    dialog.select("Sandbox Nomad")
    qtbot.wait(1)
    assert named(dialog, "profile.store").isVisibleTo(dialog)
    assert named(dialog, "profile.stage").isVisibleTo(dialog)
    assert not named(dialog, "profile.addressKey").isVisibleTo(dialog)


def test_test_connection_in_plain_words(qtbot: QtBot, window: MainWindow) -> None:
    dialog = window.open_settings()
    dialog.select("Sandbox KA")
    assert _test(qtbot, dialog).startswith("Connected")
    assert dialog.connection_test.report is not None and dialog.connection_test.report.ok

    token = named(dialog, "secret.ka_token")
    assert isinstance(token, QLineEdit)
    token.setText("not-the-token")  # typed, not saved: tested as it stands
    text = _test(qtbot, dialog)
    assert dialog.connection_test.report.problem is Problem.BAD_TOKEN
    assert text.startswith("Bad token") and "not-the-token" not in text
    token.clear()

    dialog.select("Sandbox Nomad")
    assert _test(qtbot, dialog).startswith("Connected")
    secret = named(dialog, "secret.nomad_app_secret")
    assert isinstance(secret, QLineEdit)
    secret.setText("wrong-secret")
    assert _test(qtbot, dialog).startswith("Bad signature")
    secret.clear()

    dialog.select("Sandbox KA")
    named(dialog, "addProfile").click()  # a KA profile, like the one selected
    url = named(dialog, "profile.baseUrl")
    assert isinstance(url, QLineEdit)
    url.setText(f"http://127.0.0.1:{_free_port()}")
    token = named(dialog, "secret.ka_token")
    assert isinstance(token, QLineEdit)
    assert _test(qtbot, dialog).startswith("A credential is missing")
    token.setText("some-token")
    text = _test(qtbot, dialog)
    assert text.startswith("Connection refused") and "Errno" not in text
    assert "Errno" in named(dialog, "connectionResult").toolTip()  # the detail, for support

    url.setText("http://example.com")
    assert "https://" in _test(qtbot, dialog)


def test_where_each_secret_is_kept_is_named(qtbot: QtBot, window: MainWindow) -> None:
    dialog = window.open_settings()
    dialog.select("Sandbox KA")
    where = named(dialog, "secretWhere.ka_token")
    assert isinstance(where, QLabel)
    assert "built-in sandbox" in where.text()
    token = named(dialog, "secret.ka_token")
    assert isinstance(token, QLineEdit)
    token.setText("sandbox-ka-token")
    assert dialog.save_credentials()
    where = named(dialog, "secretWhere.ka_token")
    assert isinstance(where, QLabel)
    backend = dialog.credentials.backend_name()
    assert backend and f"system keyring ({backend})" in where.text()
    notice = named(dialog, "keyringNotice")
    assert isinstance(notice, QLabel) and backend in notice.text()

    os.environ["ORDER_DESK_KA_TOKEN"] = "from-the-environment"
    try:
        dialog.select("Sandbox Nomad")
        dialog.select("Sandbox KA")
        where = named(dialog, "secretWhere.ka_token")
        assert isinstance(where, QLabel)
        assert "environment variable ORDER_DESK_KA_TOKEN" in where.text()
    finally:
        del os.environ["ORDER_DESK_KA_TOKEN"]
