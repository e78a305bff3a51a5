"""Longest event-loop stall while the window submits 1,000 orders to the sandbox, or searches
the history of a large journal.

    uv run python bench/bench_gui_stall.py [--orders N]
    uv run python bench/bench_gui_stall.py --history N   # N orders in the journal (built first)

A 5 ms timer ticks on the GUI thread; a stall is the gap between two ticks beyond the interval.
The floor is the same measurement on the idle window, in the same run. The orders go through the
window's own path (SubmissionController -> engine -> client -> sandbox over loopback), with the
sandbox's rate limit off so the batch is as busy as it can be. Target: longest stall <= 50 ms.

With --history, the journal is filled as `bench_journal.py` fills it, then the history tab runs
searches an operator types (filters, text, a state, a date range, back to everything) and scrolls
a few pages; besides the stall it prints the slowest time from a search to its first page shown.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))  # bench_journal builds the large journal
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TICK_MS = 5
TARGET_MS = 50.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=1000)
    parser.add_argument("--history", type=int, default=0, metavar="N",
                        help="search the history of a journal of N orders instead")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ORDER_DESK_HOME"] = str(Path(tmp) / "home")
        if args.history:
            return run_history(args.history)
        return run(args.orders)


class StallMeter:
    """A timer ticking every TICK_MS on the GUI thread; a stall is a gap beyond the interval."""

    def __init__(self) -> None:
        from PySide6.QtCore import QElapsedTimer, QTimer

        self.clock = QElapsedTimer()
        self.gaps: list[float] = []
        self._last = 0.0
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = self.clock.nsecsElapsed() / 1e6
        self.gaps.append(now - self._last)
        self._last = now

    def start(self) -> None:
        self.gaps.clear()
        self.clock.start()
        self._last = 0.0
        self.timer.start()

    def stop(self) -> float:
        """The longest gap beyond the tick interval since `start`, in ms."""
        self.timer.stop()
        return max((g - TICK_MS for g in self.gaps[1:]), default=0.0)


def spin(seconds: float) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def run(count: int) -> int:
    from PySide6.QtCore import QEventLoop, QTimer

    from app.core.journal import HistoryFilter, OrderState
    from app.core.targets import Target
    from app.gui.app import build_main_window, ensure_application

    app = ensure_application()

    window = build_main_window()  # the built-in sandbox, as a real start has it
    context = window.context
    window.resize(1024, 700)
    window.show()

    meter = StallMeter()

    def measure(seconds: float | None) -> float:
        """Run the loop; return the longest gap beyond the tick interval, in ms."""
        meter.start()
        loop = QEventLoop()
        if seconds is not None:
            QTimer.singleShot(int(seconds * 1000), loop.quit)
        else:
            window.submission.batch_finished.connect(lambda *_: loop.quit())
            window.submission.failed.connect(lambda *_: loop.quit())
        loop.exec()
        return meter.stop()

    spin(1.0)  # let the first paint and start-up requests pass before measuring
    idle = measure(1.0)
    orders = [_ka_order(f"STALL-{n:05d}") for n in range(count)]
    started = time.perf_counter()
    window.submission.submit(context.profile(Target.KA), orders)
    busy = measure(None)
    elapsed = time.perf_counter() - started
    accepted = context.journal.count(HistoryFilter(state=OrderState.ACCEPTED))
    window.shutdown()
    app.processEvents()

    print(f"orders submitted     : {count} ({accepted} accepted) in {elapsed:.1f} s")
    print(f"idle loop stall floor: {idle:6.1f} ms")
    print(f"longest stall, busy  : {busy:6.1f} ms (target <= {TARGET_MS:.0f} ms)")
    print(f"ratio to the floor   : {busy / max(idle, 0.1):6.1f}x")
    return 0 if busy <= TARGET_MS else 1


def run_history(count: int) -> int:
    import random

    from bench_journal import START, build
    from PySide6.QtCore import QEventLoop, QTimer

    from app.core import paths
    from app.core.journal import OrderState
    from app.gui.app import build_main_window, ensure_application

    build(paths.journal_path(), count, 1, random.Random(5))
    app = ensure_application()
    window = build_main_window()
    history = window.history
    window.resize(1024, 700)
    window.show()
    window.tabs.setCurrentWidget(history)
    meter = StallMeter()
    shown: list[float] = []  # when each first page was shown (the count may follow)
    history.model.modelReset.connect(lambda: shown.append(time.perf_counter()))

    def first_page(started: float, what: str) -> None:
        loaded()
        answers.append(((min(t for t in shown if t >= started) - started) * 1000, what))

    def loaded() -> None:
        """Run the loop until the history shows the newest answer."""
        if history.model.loading:
            loop = QEventLoop()
            history.model.loaded.connect(loop.quit)
            history.model.failed.connect(loop.quit)
            QTimer.singleShot(30_000, loop.quit)
            loop.exec()
            history.model.loaded.disconnect(loop.quit)
            history.model.failed.disconnect(loop.quit)

    loaded()
    spin(1.0)  # the first paint and start-up requests pass before measuring
    meter.start()
    spin(1.0)
    idle = meter.stop()

    middle = START + count * 5
    from datetime import datetime
    day = datetime.fromtimestamp(middle).date()
    searches = ["dupont", "dupont lyon", "OD-0012", "1000000123456", "sato osaka", "garcia"]
    answers: list[tuple[float, str]] = []  # (ms to the first page shown, what was asked)
    meter.start()
    for text in searches:
        for end in range(1, len(text) + 1):  # typed a key at a time, the search timer waits
            history.search.setText(text[:end])
            spin(0.03)
        started = time.perf_counter()
        history.apply_filter()
        first_page(started, repr(text))
    history.search.setText("")
    started = time.perf_counter()
    history.state_filter.setCurrentIndex(history.state_filter.findData(OrderState.UNKNOWN.value))
    first_page(started, "state unknown")
    history.state_filter.setCurrentIndex(0)
    loaded()
    started = time.perf_counter()
    history.set_period("range", day, day)
    first_page(started, "one day")
    started = time.perf_counter()
    history.set_period("any")
    first_page(started, "any date")
    for _ in range(5):  # scrolled to the bottom: the next page is read
        history.table.scrollToBottom()
        spin(0.05)
        loaded()
    history.refresh()
    loaded()
    busy = meter.stop()
    rows = history.model.rowCount()
    window.shutdown()
    app.processEvents()

    print(f"journal              : {count:,} orders; {len(answers)} searches, "
          f"{rows} rows loaded at the end")
    slowest = max(answers)
    print(f"search to first page : slowest {slowest[0]:6.1f} ms ({slowest[1]}), median "
          f"{sorted(answers)[len(answers) // 2][0]:6.1f} ms (target <= {TARGET_MS:.0f} ms)")
    print(f"idle loop stall floor: {idle:6.1f} ms")
    print(f"longest stall, search: {busy:6.1f} ms (target <= {TARGET_MS:.0f} ms)")
    print(f"ratio to the floor   : {busy / max(idle, 0.1):6.1f}x")
    return 0 if busy <= TARGET_MS and slowest[0] <= TARGET_MS else 1


def _ka_order(reference: str) -> dict[str, object]:
    return {
        "orderAddress": {"country": "FR", "phone": "+33142685300", "recipient": "Bench Mark",
                         "province": "Ile-de-France", "city": "Paris"},
        "orderItemsList": [{"sku": "SKU-1", "quantity": 1}],
        "channelType": "Standard",
        "customOrderId": reference,
    }


if __name__ == "__main__":
    sys.exit(main())
