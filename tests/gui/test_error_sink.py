"""One error sink: uncaught exceptions from the GUI thread and from worker threads are logged
and shown in a non-blocking box; Qt's messages go to logging; the replaced hooks still run."""

from __future__ import annotations

import logging
import sys
import threading
from types import TracebackType

import pytest
from PySide6.QtCore import qDebug
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.gui.error_sink import ErrorSink


@pytest.fixture
def sink(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Installs a sink over recording hooks; yields what reached the previous hooks."""
    seen: list[object] = []

    def previous_excepthook(kind: type[BaseException], exc: BaseException,
                            tb: TracebackType | None) -> None:
        seen.append(exc)

    monkeypatch.setattr(sys, "excepthook", previous_excepthook)
    monkeypatch.setattr(threading, "excepthook", lambda args: seen.append(args.exc_value))
    error_sink = ErrorSink()
    error_sink.install()
    yield seen, error_sink  # type: ignore[misc]
    for box in error_sink.open_boxes:
        box.close()
    error_sink.uninstall()


def test_worker_thread_exception_is_logged_and_shown_without_blocking(
    qtbot: QtBot, sink: tuple[list[object], ErrorSink], caplog: pytest.LogCaptureFixture
) -> None:
    seen, error_sink = sink
    thread = threading.Thread(target=lambda: 1 / 0, name="worker-x")
    with caplog.at_level(logging.CRITICAL):
        thread.start()
        thread.join()
    qtbot.waitUntil(lambda: bool(error_sink.open_boxes))
    box = error_sink.open_boxes[0]
    assert isinstance(box, QMessageBox)
    assert box.isVisible() and not box.isModal()
    assert "ZeroDivisionError" in box.detailedText()
    assert any("worker-x" in r.getMessage() for r in caplog.records)
    assert isinstance(seen[0], ZeroDivisionError)  # chained to the hook it replaced


def test_gui_thread_exception_reaches_the_box_and_the_previous_hook(
    qtbot: QtBot, sink: tuple[list[object], ErrorSink]
) -> None:
    seen, error_sink = sink
    try:
        raise ValueError("boom")
    except ValueError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    qtbot.waitUntil(lambda: bool(error_sink.open_boxes))
    assert "boom" in error_sink.open_boxes[0].detailedText()
    assert isinstance(seen[0], ValueError)


def test_qt_messages_are_routed_to_logging(
    sink: tuple[list[object], ErrorSink], caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG, logger="qt"):
        qDebug("hello from Qt")
    assert any(r.name == "qt" and r.getMessage() == "hello from Qt" for r in caplog.records)
