"""The one worker shape: results and errors come back on the GUI thread; the pool keeps workers
alive until they finish and can wait for all of them."""

from __future__ import annotations

import logging
import threading

import pytest
from PySide6.QtCore import QThread
from pytestqt.qtbot import QtBot

from app.gui.workers import WorkerPool


def test_result_and_progress_arrive_on_the_gui_thread(qtbot: QtBot) -> None:
    pool = WorkerPool(max_threads=2)
    seen: list[tuple[str, object, bool]] = []
    gui = QThread.currentThread()

    def work(progress: object) -> str:
        assert threading.current_thread() is not threading.main_thread()
        progress(50)  # type: ignore[operator]
        return "done"

    pool.start(work, on_result=lambda v: seen.append(("result", v, QThread.currentThread() is gui)),
               on_progress=lambda v: seen.append(("progress", v, QThread.currentThread() is gui)))
    qtbot.waitUntil(lambda: not pool.busy)
    assert seen == [("progress", 50, True), ("result", "done", True)]


def test_an_unhandled_worker_error_is_logged(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    pool = WorkerPool()

    def fail() -> None:
        raise RuntimeError("remote said no")

    with caplog.at_level(logging.ERROR, logger="app.gui.workers"):
        pool.start(fail)
        qtbot.waitUntil(lambda: not pool.busy)
    assert any("background task failed" in r.getMessage() and r.exc_info for r in caplog.records)


def test_wait_blocks_until_every_worker_returned(qtbot: QtBot) -> None:
    pool = WorkerPool(max_threads=4)
    release = threading.Event()
    finished = []
    for n in range(3):
        pool.start(lambda n=n: (release.wait(5), finished.append(n)))
    assert pool.busy
    release.set()
    assert pool.wait(5000)
    assert sorted(finished) == [0, 1, 2]
