"""Profiles and credentials in the window: the environment badge follows the profile in use,
and without a keyring the window says so and keeps secrets for the session only, never in a file."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from app.core.accounts import EMBEDDED_SANDBOX
from app.core.journal import Journal, OrderState
from app.core.secrets import SANDBOX_SECRETS
from app.core.settings import load_settings
from app.core.targets import Environment, Target
from app.gui.app import build_main_window
from app.gui.main_window import MainWindow
from tests.fixtures.sandbox import ka_order
from tests.gui.helpers import named

SECRET = "tok-never-in-a-file-1234"


@pytest.fixture
def no_keyring() -> None:
    """The backend keyring picks on a headless machine with no Secret Service."""
    keyring.set_keyring(keyring.backends.fail.Keyring())  # conftest restores the previous one


@pytest.fixture
def bare_window(qtbot: QtBot, no_keyring: None) -> Iterator[MainWindow]:
    main = build_main_window()
    qtbot.addWidget(main)
    yield main
    main.shutdown()


def _files_under(path: Path) -> list[Path]:
    return [p for p in path.rglob("*") if p.is_file()]


def test_new_production_profile_turns_the_badge_red(qtbot: QtBot, window: MainWindow) -> None:
    dialog = window.open_settings()
    named(dialog, "addProfile").click()
    name = named(dialog, "profile.name")
    assert isinstance(name, QLineEdit)
    name.setText("Live KA")
    environment = named(dialog, "profile.environment")
    assert isinstance(environment, QComboBox)
    environment.setCurrentIndex(environment.findData(Environment.PRODUCTION.value))
    named(dialog, "useProfile").click()

    assert named(dialog, "profile.error").text() == ""  # type: ignore[attr-defined]
    assert window.badge.text() == "PRODUCTION"
    assert window.badge.environment is Environment.PRODUCTION
    assert window.profile_selector.currentText() == "Live KA"
    saved = load_settings()
    assert saved.profile_in_use(Target.KA).name == "Live KA"


def test_a_profile_the_rules_refuse_is_explained_not_saved(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = window.open_settings()
    named(dialog, "addProfile").click()
    base_url = named(dialog, "profile.baseUrl")
    assert isinstance(base_url, QLineEdit)
    base_url.clear()  # outside the sandbox a URL is required
    named(dialog, "saveProfile").click()
    error = named(dialog, "profile.error")
    assert isinstance(error, QLabel)
    assert "base URL" in error.text()


def test_no_keyring_is_said_plainly_and_session_only_keeps_the_secret(
    qtbot: QtBot, bare_window: MainWindow, tmp_path: Path
) -> None:
    window = bare_window
    assert not window.context.secrets.has_keyring
    window.show()  # the notice comes once the window has painted (the keyring is looked for then)
    qtbot.waitUntil(lambda: window.findChild(QLabel, "keyringWarning") is not None)
    warning = named(window, "keyringWarning")
    assert isinstance(warning, QLabel)
    assert "No system keyring" in warning.text()
    dialog = window.open_settings()
    notice = named(dialog, "keyringNotice")
    assert isinstance(notice, QLabel)
    assert "No system keyring" in notice.text()

    secret_edit = named(dialog, "secret.ka_token")
    assert isinstance(secret_edit, QLineEdit)
    assert secret_edit.echoMode() is QLineEdit.EchoMode.Password
    secret_edit.setText(SECRET)
    save = named(dialog, "saveCredentials")
    assert isinstance(save, QPushButton)
    save.click()
    status = named(dialog, "credentialsStatus")
    assert isinstance(status, QLabel)
    assert "Not saved" in status.text()
    assert window.context.secrets.get("Sandbox KA", "ka_token") is None

    session_only = named(dialog, "sessionOnly")
    assert isinstance(session_only, QCheckBox)
    session_only.setChecked(True)
    secret_edit = named(dialog, "secret.ka_token")
    assert isinstance(secret_edit, QLineEdit)
    secret_edit.setText(SECRET)
    save.click()
    assert "this session only" in status.text()
    profile = window.context.profile(Target.KA)
    assert window.context.secrets_for(profile)["ka_token"] == SECRET

    window.save_drafts()
    window.context.save_settings()
    home = Path(load_settings.__globals__["settings_path"]().parent)
    for path in _files_under(home):
        assert SECRET.encode() not in path.read_bytes(), f"secret written to {path}"


def test_a_corrected_credential_is_used_for_the_next_order(
    qtbot: QtBot, window: MainWindow
) -> None:
    journal = window.context.journal
    window.context.secrets.set("Sandbox KA", "ka_token", "wrong-token", session_only=True)
    window.forms[Target.KA].load(ka_order("CRED-1"))
    window.submit()
    qtbot.waitUntil(lambda: _state(journal, "CRED-1") is OrderState.REJECTED
                    and not window.submission.busy_with(Target.KA), timeout=15_000)

    dialog = window.open_settings()
    dialog.select("Sandbox KA")
    secret_edit = named(dialog, "secret.ka_token")
    assert isinstance(secret_edit, QLineEdit)
    secret_edit.setText(SANDBOX_SECRETS["ka_token"])
    assert dialog.save_credentials()

    window.forms[Target.KA].load(ka_order("CRED-1"))
    window.submit()
    qtbot.waitUntil(lambda: _state(journal, "CRED-1") is OrderState.ACCEPTED, timeout=15_000)


def _state(journal: Journal, reference: str) -> OrderState | None:
    record = journal.find(Target.KA, EMBEDDED_SANDBOX, reference)
    return record.state if record else None


def test_moving_the_profile_in_use_to_the_other_target_keeps_each_target_consistent(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = window.open_settings()
    named(dialog, "addProfile").click()
    named(dialog, "profile.name").setText("Mover")  # type: ignore[attr-defined]
    named(dialog, "useProfile").click()
    assert window.context.profile(Target.KA).name == "Mover"

    target = named(dialog, "profile.target")
    assert isinstance(target, QComboBox)
    target.setCurrentIndex(target.findData(Target.NOMAD.value))
    named(dialog, "profile.store").setText("org.youzan.shop")  # type: ignore[attr-defined]
    named(dialog, "saveProfile").click()
    settings = window.context.settings
    assert settings.profile_in_use(Target.KA).target is Target.KA
    assert settings.profile_in_use(Target.KA).name == "Sandbox KA"
    assert settings.profiles["Mover"].target is Target.NOMAD


def test_a_typed_secret_is_redacted_from_crash_reports(
    qtbot: QtBot, bare_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app import crash

    monkeypatch.setattr(crash, "_known_secrets", set())
    dialog = bare_window.open_settings()
    secret_edit = named(dialog, "secret.ka_token")
    assert isinstance(secret_edit, QLineEdit)
    secret_edit.setText(SECRET)
    # Refused (no keyring, session-only not ticked): the value was still typed into the process.
    assert not dialog.save_credentials()
    assert SECRET in crash.known_secrets()

    try:
        raise RuntimeError(f"keyring said no to {SECRET}")
    except RuntimeError as exc:
        report = crash.format_report(RuntimeError, exc, exc.__traceback__)
    assert "keyring said no to" in report
    assert SECRET not in report


def _profile_with_an_accepted_order(window: MainWindow, name: str, reference: str) -> None:
    """A KA profile on the built-in sandbox, in use, with one accepted order in the journal."""
    from app.core.journal import AttemptKind, NewAttempt

    dialog = window.open_settings()
    named(dialog, "addProfile").click()
    named(dialog, "profile.name").setText(name)  # type: ignore[attr-defined]
    environment = named(dialog, "profile.environment")
    assert isinstance(environment, QComboBox)
    environment.setCurrentIndex(environment.findData(Environment.SANDBOX.value))
    named(dialog, "profile.baseUrl").clear()  # type: ignore[attr-defined]
    named(dialog, "useProfile").click()
    assert window.context.profile(Target.KA).name == name
    journal = window.context.journal
    order = journal.add_order(Target.KA, window.context.profile(Target.KA).account, reference,
                              json.dumps({"customOrderId": reference}), "fp",
                              generated=False, batch_id=None, profile=name)
    journal.record(order.id, NewAttempt(AttemptKind.SEND, 1.0, "accepted"), OrderState.ACCEPTED,
                   remote_id="KK-1")


def test_a_new_profile_s_lookup_wait_follows_its_environment(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = window.open_settings()
    named(dialog, "addProfile").click()  # a TEST profile: waits before trusting "absent"
    name = named(dialog, "profile.name").text()  # type: ignore[attr-defined]
    assert window.context.settings.profiles[name].lookup_settle_seconds > 0
    environment = named(dialog, "profile.environment")
    assert isinstance(environment, QComboBox)
    environment.setCurrentIndex(environment.findData(Environment.SANDBOX.value))
    named(dialog, "profile.baseUrl").clear()  # type: ignore[attr-defined]
    named(dialog, "saveProfile").click()
    assert window.context.settings.profiles[name].lookup_settle_seconds == 0
    settle = named(dialog, "profile.lookupSettle")
    assert settle.value() == 0  # type: ignore[attr-defined]
    settle.setValue(45)  # type: ignore[attr-defined]  # an administrator's own figure...
    environment.setCurrentIndex(environment.findData(Environment.TEST.value))
    named(dialog, "profile.baseUrl").setText("https://example.test")  # type: ignore[attr-defined]
    named(dialog, "saveProfile").click()
    assert window.context.settings.profiles[name].lookup_settle_seconds == 45  # ...is kept


def test_a_renamed_profile_takes_its_orders_along(qtbot: QtBot, window: MainWindow) -> None:
    _profile_with_an_accepted_order(window, "Shop KA", "REN-1")
    dialog = window.open_settings()
    named(dialog, "profile.name").setText("Main shop KA")  # type: ignore[attr-defined]
    named(dialog, "saveProfile").click()
    assert named(dialog, "profile.error").text() == ""  # type: ignore[attr-defined]
    profile = window.context.profile(Target.KA)
    assert profile.name == "Main shop KA"
    moved = window.context.journal.find(Target.KA, profile.account, "REN-1")
    assert moved is not None and moved.state is OrderState.ACCEPTED
    assert moved.profile == "Main shop KA"  # the history says what it is called now
    # So the order is still never sent again under its new profile name.
    engine = window.submission.engine
    report = engine.submit_batch([ka_order("REN-1")], window.context.profile(Target.KA))
    [result] = report.wait(15).results
    assert result.previously and result.remote_id == "KK-1"


def test_sending_a_used_profile_elsewhere_is_asked_first(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtWidgets import QMessageBox

    _profile_with_an_accepted_order(window, "Shop KA", "MOVE-1")
    dialog = window.open_settings()
    named(dialog, "profile.baseUrl").setText("https://example.test")  # type: ignore[attr-defined]
    environment = named(dialog, "profile.environment")
    assert isinstance(environment, QComboBox)
    environment.setCurrentIndex(environment.findData(Environment.TEST.value))
    named(dialog, "saveProfile").click()
    box = dialog.confirm_box
    assert box is not None and "1 orders were already sent" in box.text()
    assert "another account" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert window.context.settings.profiles["Shop KA"].base_url is None  # unchanged

    named(dialog, "saveProfile").click()
    box = dialog.confirm_box
    assert box is not None
    box.button(QMessageBox.StandardButton.Save).click()
    moved = window.context.settings.profiles["Shop KA"]
    assert moved.base_url == "https://example.test"
    # A server, not the simulator: the documented limits, not the simulator's none.
    assert (moved.rate_limit, moved.burst, moved.lookup_settle_seconds) == (2.0, 120, 300.0)


def test_a_profile_with_unsettled_orders_is_not_removed(qtbot: QtBot, window: MainWindow) -> None:
    from app.core.settings import default_profile

    shop = default_profile("Shop KA", Target.KA, Environment.TEST,
                           base_url="https://shop.example.test")
    window.context.settings.add(shop)
    window.context.settings.use(shop.name)
    journal = window.context.journal
    unknown = journal.add_order(Target.KA, shop.account, "OPEN-1", "{}", "fp2", generated=False,
                                batch_id=None, profile=shop.name)
    journal.set_state(unknown.id, OrderState.UNKNOWN)
    dialog = window.open_settings()
    named(dialog, "removeProfile").click()
    assert "1 orders sent with this profile are not settled" in named(  # type: ignore[attr-defined]
        dialog, "profile.error").text()
    assert "Shop KA" in window.context.settings.profiles
