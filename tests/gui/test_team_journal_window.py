"""The window on a team journal (a real PostgreSQL server): the history shows another desk's
orders and outcomes as they are recorded (LISTEN/NOTIFY, no Refresh pressed, no polling), with who
entered each order; the Team journal setting keeps its URL in the settings and its password only
in the keyring."""

from __future__ import annotations

import json

import keyring
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from app.core.desk import TEAM_JOURNAL_SECRET
from app.core.journal import AttemptKind, DeskIdentity, Journal, NewAttempt, OrderState
from app.core.journal.postgres import PostgresDatabase
from app.core.paths import settings_path
from app.core.secrets import SERVICE
from app.core.settings import load_settings
from app.core.targets import Target
from app.gui.history_view import HistoryView
from app.gui.main_window import MainWindow
from tests.gui.helpers import history_loaded, named


def test_history_follows_another_desks_outcomes(qtbot: QtBot, team_journal_url: str) -> None:
    here = Journal(database=PostgresDatabase(team_journal_url), desk=DeskIdentity("li", "front"))
    other = Journal(database=PostgresDatabase(team_journal_url), desk=DeskIdentity("ana", "back"))
    view = HistoryView(here)
    qtbot.addWidget(view)
    history_loaded(qtbot, view.model)
    reloads: list[int] = []
    view.model.modelReset.connect(lambda: reloads.append(1))
    qtbot.waitUntil(lambda: reloads == [1], timeout=10_000)  # listening: read once more
    qtbot.wait(1_000)  # nothing changes: nothing is read again
    assert view.model.total == 0 and reloads == [1]

    order = other.add_order(Target.KA, "https://shop.example.test", "T-1",
                            json.dumps({"customOrderId": "T-1"}), "fp", generated=False,
                            batch_id=None)
    qtbot.waitUntil(lambda: view.model.total == 1, timeout=10_000)
    other.claim_for_send(order.id)
    other.record(order.id, NewAttempt(AttemptKind.SEND, 1.0, "accepted"), OrderState.ACCEPTED,
                 remote_id="KK-1")
    qtbot.waitUntil(lambda: view.model.record(0).state is OrderState.ACCEPTED, timeout=10_000)
    column = [key for key, _ in view.model.columns].index("entered_by")
    assert view.model.index(0, column).data() == "ana on back"
    assert "ana on back" in view.order_html(view.model.record(0), [])
    view.watch.stop()
    here.close()
    other.close()


def test_team_journal_setting_keeps_the_password_in_the_keyring_only(
        qtbot: QtBot, window: MainWindow) -> None:
    dialog = window.open_settings()
    url = named(dialog, "teamJournal.url")
    password = named(dialog, "teamJournal.password")
    status = named(dialog, "teamJournal.status")
    assert isinstance(url, QLineEdit) and isinstance(password, QLineEdit)
    assert isinstance(status, QLabel)
    in_use = named(dialog, "teamJournal.inUse")
    assert isinstance(in_use, QLabel) and "journal.sqlite3" in in_use.text()

    url.setText("postgresql://clerk:hunter2@db.example.test/team")
    save = named(dialog, "teamJournal.save")
    assert isinstance(save, QPushButton)
    save.click()
    assert status.text().startswith("URL:") and "password" in status.text()
    assert load_settings().team_journal_url == ""

    url.setText("postgresql://clerk@db.example.test/team?sslmode=verify-full")
    password.setText("s3cret-team-pw")
    save.click()
    assert "next start" in status.text()
    assert password.text() == ""
    assert load_settings().team_journal_url == (
        "postgresql://clerk@db.example.test/team?sslmode=verify-full")
    assert keyring.get_password(SERVICE, ":".join(TEAM_JOURNAL_SECRET)) == "s3cret-team-pw"
    assert "s3cret" not in settings_path().read_text(encoding="utf-8")
    dialog.close()


def test_copying_this_desks_history_from_the_window(qtbot: QtBot, window: MainWindow,
                                                     team_journal_url: str) -> None:
    local = window.context.journal  # this desk's own file
    local.add_order(Target.KA, "https://shop.example.test", "W-1", "{}", "fp", generated=False,
                    batch_id=None)
    with Journal(database=PostgresDatabase(team_journal_url)) as team:
        team.add_order(Target.KA, "https://shop.example.test", "W-2", "{}", "other",
                       generated=False, batch_id=None)
    local.add_order(Target.KA, "https://shop.example.test", "W-2", "{}", "fp", generated=False,
                    batch_id=None)
    dialog = window.open_settings()
    url, status, copy = (named(dialog, "teamJournal.url"), named(dialog, "teamJournal.status"),
                         named(dialog, "teamJournal.copy"))
    assert isinstance(url, QLineEdit) and isinstance(status, QLabel)
    assert isinstance(copy, QPushButton)
    url.setText(team_journal_url)
    copy.click()
    qtbot.waitUntil(copy.isEnabled, timeout=20_000)
    assert "Copied 1 order(s); 0 already there." in status.text()
    assert "W-2" in status.text()
    copy.click()  # again: nothing copied twice
    qtbot.waitUntil(copy.isEnabled, timeout=20_000)
    assert "Copied 0 order(s); 1 already there." in status.text()
    with Journal(database=PostgresDatabase(team_journal_url)) as team:
        assert team.count() == 2
        assert team.find(Target.KA, "https://shop.example.test", "W-2").fingerprint == "other"
    dialog.close()
