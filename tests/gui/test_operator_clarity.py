"""What an operator reads on screen: which environment they are in, where an accepted order's
remote id is, what an empty history means, which state each order is in, which profile settings
apply, and what is wrong with a spreadsheet row."""

from __future__ import annotations

import json
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from app.core.accounts import EMBEDDED_SANDBOX
from app.core.journal import OrderState
from app.core.settings import default_profile
from app.core.targets import Environment, Target
from app.gui.main_window import MainWindow
from tests.fixtures.sandbox import ka_order
from tests.gui.helpers import accepted, history_loaded, named


def test_the_outcome_line_belongs_to_the_target_it_concerns(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.forms[Target.KA].load(ka_order("CLEAR-1"))
    window.submit()
    qtbot.waitUntil(lambda: accepted(window, "CLEAR-1") is not None
                    and not window.submission.busy_with(Target.KA), timeout=15_000)
    record = accepted(window, "CLEAR-1")
    assert record is not None and record.remote_id
    outcome = named(window, "outcomeLabel")
    assert isinstance(outcome, QLabel)
    assert record.remote_id in outcome.text() and "History" in outcome.text()
    assert "#2e7d32" in outcome.styleSheet()  # green: accepted

    window.header.set_target(Target.NOMAD)
    assert outcome.text() == ""  # never the other target's result
    window.header.set_target(Target.KA)
    assert record.remote_id in outcome.text()


def test_a_refused_submit_says_how_many_fields_need_a_fix_in_red(window: MainWindow) -> None:
    window.forms[Target.KA].load({"orderAddress": {"recipient": "J"}})
    window.submit()
    outcome = named(window, "outcomeLabel")
    assert isinstance(outcome, QLabel)
    assert outcome.text().startswith("Not sent:") and "need a fix" in outcome.text()
    assert "#c62828" in outcome.styleSheet()


def test_environment_band_takes_the_badge_colour(qtbot: QtBot, window: MainWindow) -> None:
    band = named(window, "environmentBand")
    assert window.badge.background in band.styleSheet()
    sandbox_colour = window.badge.background
    dialog = window.open_settings()
    named(dialog, "addProfile").click()  # type: ignore[attr-defined]
    named(dialog, "profile.name").setText("Live")  # type: ignore[attr-defined]
    environment = named(dialog, "profile.environment")
    environment.setCurrentIndex(  # type: ignore[attr-defined]
        environment.findData(Environment.PRODUCTION.value))  # type: ignore[attr-defined]
    named(dialog, "useProfile").click()  # type: ignore[attr-defined]
    assert window.badge.text() == "PRODUCTION"
    assert window.badge.background != sandbox_colour
    assert window.badge.background in band.styleSheet()


def test_empty_history_says_what_to_do(qtbot: QtBot, window: MainWindow) -> None:
    history = window.history
    empty = named(window, "historyEmpty")
    assert isinstance(empty, QLabel)
    history_loaded(qtbot, history.model)  # the first read of the journal
    assert history.table_stack.currentWidget() is empty
    assert "No orders yet" in empty.text() and "New order" in empty.text()

    journal = window.context.journal
    order = journal.add_order(Target.KA, EMBEDDED_SANDBOX, "EMPTY-1",
                              json.dumps(ka_order("EMPTY-1")), "fp-empty", generated=False,
                              batch_id=None)
    journal.set_state(order.id, OrderState.UNKNOWN, message="timed out")
    history.refresh()
    history_loaded(qtbot, history.model)
    assert history.table_stack.currentWidget() is history.table

    history.search.setText("nothing-like-this")
    history.apply_filter()
    history_loaded(qtbot, history.model)
    assert history.table_stack.currentWidget() is empty
    assert "match" in empty.text()


def test_history_leads_with_a_coloured_state_and_its_dot(qtbot: QtBot, window: MainWindow) -> None:
    journal = window.context.journal
    for reference, state in (("ST-1", OrderState.REJECTED), ("ST-2", OrderState.UNKNOWN)):
        order = journal.add_order(Target.KA, EMBEDDED_SANDBOX, reference,
                                  json.dumps(ka_order(reference)), f"fp-{reference}",
                                  generated=False, batch_id=None)
        journal.set_state(order.id, state, message="why")
    window.history.refresh()
    history_loaded(qtbot, window.history.model)
    model = window.history.model
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Outcome"
    texts = {model.data(model.index(row, 0)) for row in range(model.rowCount())}
    assert texts == {"Rejected", "Unknown — reconcile"}
    icon = model.data(model.index(0, 0), Qt.ItemDataRole.DecorationRole)
    assert isinstance(icon, QIcon) and not icon.isNull()
    assert model.data(model.index(0, 0), Qt.ItemDataRole.FontRole).bold()


def test_settings_show_only_the_rows_of_the_profile_target(window: MainWindow) -> None:
    dialog = window.open_settings()
    form, advanced = dialog._profile_form, dialog._advanced_form  # address key: Advanced
    assert isinstance(form, QFormLayout) and isinstance(advanced, QFormLayout)

    def visible(name: str) -> bool:
        widget = named(dialog, name)
        layout = advanced if name == "profile.addressKey" else form
        return layout.isRowVisible(widget)

    dialog.select("Sandbox KA")
    assert visible("profile.addressKey")
    assert not visible("profile.store") and not visible("profile.stage")
    dialog.select("Sandbox Nomad")
    assert visible("profile.store") and visible("profile.stage")
    assert not visible("profile.addressKey")
    texts = [dialog.profile_list.item(i).text() for i in range(dialog.profile_list.count())]
    assert any("Nomad" in t and "sandbox" in t and "in use" in t for t in texts)
    name = named(dialog, "profile.name")
    assert isinstance(name, QLineEdit) and name.text() == "Sandbox Nomad"


def test_a_missing_credential_points_to_the_settings_dialog(
    qtbot: QtBot, window: MainWindow
) -> None:
    settings = window.context.settings
    live = replace(default_profile("Live KA", Target.KA, Environment.TEST),
                   base_url="http://127.0.0.1:9")  # never reached: nothing may be sent
    settings.add(live)
    settings.use("Live KA")
    window._settings_saved()
    balance = named(window, "ka.balance")
    assert isinstance(balance, QLabel)
    qtbot.waitUntil(lambda: "asking" not in balance.text(), timeout=10_000)
    assert "Profiles and credentials" in balance.text(), balance.text()
    assert "KA access token" in balance.text()

    window.forms[Target.KA].load(ka_order("NOCRED-1"))
    window.submit()
    outcome = named(window, "outcomeLabel")
    assert isinstance(outcome, QLabel)
    assert outcome.text().startswith("Not sent: Profile Live KA has no KA access token")
    assert window.context.journal.find(Target.KA, "Live KA", "NOCRED-1") is None
