from __future__ import annotations

from app.gui.main_window import MainWindow


def test_first_start_opens_on_the_sandbox(window: MainWindow) -> None:
    assert window.badge.text() == "SANDBOX"
    assert window.context.sandbox is not None
