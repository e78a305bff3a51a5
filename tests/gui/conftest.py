"""The real window, built the way `order-desk` builds it, against the built-in sandbox."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from app.gui.app import build_main_window
from app.gui.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    main = build_main_window()
    # pytest-qt closes its widgets before fixtures end: a plain close() would ask "orders are
    # being sent, quit anyway?" in a modal box nobody answers while a test ends mid-send.
    qtbot.addWidget(main, before_close_func=lambda widget: widget.shutdown())
    main.resize(1024, 700)
    main.show()
    qtbot.waitExposed(main)
    # These tests drive the whole window: the models have arrived behind the first paint, and
    # the parts built when first shown (the other target's form, the history) are there
    # (test_first_paint covers the moments before).
    qtbot.waitUntil(lambda: main.settled)
    for target in main.forms:
        main.forms[target]
    main.history  # noqa: B018 (built when first asked for)
    qtbot.waitUntil(lambda: main.settled)
    yield main
