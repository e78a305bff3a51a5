"""Start-up: first start on the Sandbox profile served by the built-in simulator; later starts
on the profile in use, as the command line left it."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.cli import main as cli
from app.core.paths import journal_path
from app.core.targets import Environment, Target
from app.gui.app import build_main_window, run_gui
from app.gui.main_window import MainWindow


def test_first_start_opens_on_the_sandbox(window: MainWindow, qtbot: QtBot) -> None:
    assert window.badge.text() == "SANDBOX"
    assert window.profile_selector.currentText() == "Sandbox KA"
    # The simulator starts behind the painted window, without being asked for.
    qtbot.waitUntil(lambda: window.context.sandbox is not None, timeout=10_000)
    sandbox = window.context.sandbox
    assert sandbox is not None and sandbox.ka_base_url.startswith("http://127.0.0.1:")
    assert window.header.destination.text() == "→ built-in simulator"


def test_the_window_opens_on_the_profile_the_cli_chose(qtbot: QtBot) -> None:
    assert cli(["profile", "add", "Shop", "--target", "nomad", "--environment", "test",
                "--base-url", "https://gw.example.com/envoy", "--store", "org.youzan.shop"]) == 0
    assert cli(["profile", "use", "Shop"]) == 0
    window = build_main_window()
    qtbot.addWidget(window)
    try:
        assert window.target is Target.NOMAD
        assert window.profile_selector.currentText() == "Shop"
        assert window.badge.environment is Environment.TEST
        assert window.badge.text() == "TEST"
        assert window.context.sandbox is None  # not needed for a test-environment profile
        # Where its orders go is in view: host, store and stage.
        destination = window.header.destination
        assert destination.text() == "→ gw.example.com · store org.youzan.shop · TEST"
        assert "https://gw.example.com/envoy store=org.youzan.shop" in destination.toolTip()
    finally:
        window.shutdown()


def test_an_unusable_journal_stops_the_start_with_a_plain_message(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal_path().mkdir(parents=True)  # a folder where the journal file should be
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical",
                        staticmethod(lambda _parent, _title, text: shown.append(text)))
    assert run_gui() == 1
    assert len(shown) == 1 and "journal" in shown[0].lower()


@pytest.mark.parametrize("choice", ["quit", "fresh"])
def test_damaged_settings_are_named_and_nothing_starts_until_the_operator_chooses(
    qtbot: QtBot, choice: str
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.core.paths import settings_path
    from app.gui.app import _build_despite_damaged_settings, ensure_application

    ensure_application()
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text('{"profiles": [{"name": "Live KA", "tar', encoding="utf-8")
    seen: list[str] = []

    def answer() -> None:
        box = next(w for w in QApplication.topLevelWidgets()
                   if w.objectName() == "settingsDamaged" and w.isVisible())
        assert isinstance(box, QMessageBox)
        seen.append(box.text() + box.informativeText())
        wanted = "Quit and repair" if choice == "quit" else "Start from the sandbox profiles"
        next(b for b in box.buttons() if b.text() == wanted).click()

    QTimer.singleShot(200, answer)
    window = _build_despite_damaged_settings()
    [text] = seen
    assert str(settings_path()) in text and "Nothing will be sent" in text
    [copy] = settings_path().parent.glob("settings.json.damaged-*")
    assert copy.name in text
    if choice == "quit":
        assert window is None
        assert settings_path().read_text(encoding="utf-8").startswith('{"profiles": [{"name"')
        return
    assert window is not None
    qtbot.addWidget(window)
    try:
        assert window.context.profile(Target.KA).is_embedded
        assert copy.read_text(encoding="utf-8").startswith('{"profiles": [{"name": "Live KA"')
    finally:
        window.shutdown()
