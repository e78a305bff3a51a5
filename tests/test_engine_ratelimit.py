"""The client-side token bucket and the R[/BURST] option syntax."""

from __future__ import annotations

import threading
import time

import pytest

from app.core.ratelimit import TokenBucket, parse_rate_limit


def test_burst_passes_at_once_then_the_rate_holds() -> None:
    bucket = TokenBucket(50.0, burst=5)
    started = time.monotonic()
    for _ in range(5):
        bucket.acquire()
    assert time.monotonic() - started < 0.05, "the burst is available immediately"
    for _ in range(10):
        bucket.acquire()
    elapsed = time.monotonic() - started
    assert 0.18 <= elapsed < 0.5, f"10 more tokens at 50/s take ~0.2 s, took {elapsed:.3f}"


def test_shared_by_threads_without_exceeding_the_rate() -> None:
    bucket = TokenBucket(100.0, burst=1)
    stamps: list[float] = []
    lock = threading.Lock()

    def take() -> None:
        for _ in range(10):
            bucket.acquire()
            with lock:
                stamps.append(time.monotonic())

    threads = [threading.Thread(target=take) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(stamps) == 40
    assert max(stamps) - min(stamps) >= 0.37, "40 tokens at 100/s need ~0.39 s"


def test_defer_holds_everyone_even_without_a_rate() -> None:
    bucket = TokenBucket(None)
    bucket.defer(0.2)
    started = time.monotonic()
    bucket.acquire()
    assert time.monotonic() - started >= 0.19


def test_a_stop_event_ends_the_wait_without_a_token() -> None:
    bucket = TokenBucket(None)
    bucket.defer(30)
    stop = threading.Event()
    threading.Timer(0.05, stop.set).start()
    started = time.monotonic()
    assert bucket.acquire(stop) is False
    assert time.monotonic() - started < 1


@pytest.mark.parametrize(("text", "expected"), [("2/120", (2.0, 120)), ("0.5", (0.5, 1)),
                                                 (" 10/3 ", (10.0, 3))])
def test_parse_rate_limit(text: str, expected: tuple[float, int]) -> None:
    assert parse_rate_limit(text) == expected


@pytest.mark.parametrize("text", ["", "fast", "0", "-1/5", "2/0", "2/x", "nan", "inf"])
def test_parse_rate_limit_refuses_nonsense(text: str) -> None:
    with pytest.raises(ValueError, match="rate limit"):
        parse_rate_limit(text)
