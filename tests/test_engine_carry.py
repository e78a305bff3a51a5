"""A worker's `Carry`: an order's final outcome journaled with the worker's next claim. Whatever
happens between the two (a pause, a cancel, a claim or a commit that fails, an order another
batch is sending), the held outcome is written and reported, never left `sending`."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from app.core.engine import ResultStatus, SubmissionEngine
from app.core.engine.control import BatchControl
from app.core.journal import Journal, JournalError, JournalGone, OrderState
from tests.fixtures.engine import FAST, PROFILE, FakeClient
from tests.fixtures.sandbox import ka_order

ONE_WORKER = replace(PROFILE, concurrency=1)


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    # A desk's own journal: a team journal never holds an outcome (`Carry.may_hold`).
    with Journal(tmp_path / "journal.sqlite3") as journal:
        yield journal


def state(journal: Journal, reference: str) -> OrderState:
    found = journal.find(PROFILE.target, PROFILE.account, reference)
    assert found is not None
    return found.state


def wait_for(condition: Any, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


def test_a_pause_landing_just_after_the_worker_looked_leaves_nothing_unsaved(
    engine: SubmissionEngine, journal: Journal, client: FakeClient,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    looks: list[bool] = []
    paused = BatchControl.paused

    def pause_right_after_the_second_look(control: BatchControl) -> bool:
        was = bool(paused.fget(control))  # type: ignore[attr-defined]
        looks.append(was)
        if len(looks) == 2:  # P-2's look: the operator clicks Pause right then
            control.pause()
        return was

    monkeypatch.setattr(BatchControl, "paused", property(pause_right_after_the_second_look))
    reported: list[str] = []
    handle = engine.submit_batch([ka_order("P-1"), ka_order("P-2"), ka_order("P-3")],
                                 ONE_WORKER, on_result=lambda r: reported.append(r.reference))
    # The pause is seen before P-3, as one landing while P-2's request is out; P-1 and P-2
    # are written and reported before the worker waits.
    wait_for(lambda: "P-2" in reported)
    held_back = [state(journal, ref) for ref in ("P-1", "P-2")]
    assert held_back == [OrderState.ACCEPTED, OrderState.ACCEPTED], held_back
    assert not handle.join(0.3)  # paused
    assert "P-3" not in client.sends()
    handle.resume()
    report = handle.wait(10)
    assert [r.status for r in report.results] == [ResultStatus.ACCEPTED] * 3
    assert client.created == {"P-1": 1, "P-2": 1, "P-3": 1}


def test_a_pause_saves_the_held_outcome_before_the_worker_waits(
    engine: SubmissionEngine, journal: Journal, client: FakeClient
) -> None:
    client.gate = threading.Event()
    reported: list[str] = []
    handle = engine.submit_batch([ka_order("W-1"), ka_order("W-2")], ONE_WORKER,
                                 on_result=lambda r: reported.append(r.reference))
    wait_for(lambda: client.sends())
    handle.pause()
    client.gate.set()  # W-1 is accepted while the batch is paused
    wait_for(lambda: "W-1" in reported)
    assert state(journal, "W-1") is OrderState.ACCEPTED
    assert client.sends() == ["W-1"]
    handle.resume()
    assert [r.status for r in handle.wait(10).results] == [ResultStatus.ACCEPTED] * 2


def test_a_cancel_while_holding_an_outcome_saves_it(
    engine: SubmissionEngine, journal: Journal, client: FakeClient
) -> None:
    client.gate = threading.Event()
    handle = engine.submit_batch([ka_order(f"X-{n}") for n in range(4)], ONE_WORKER)
    wait_for(lambda: client.sends())
    handle.cancel()
    client.gate.set()  # X-0 is accepted after the cancel, and held for X-1's claim
    report = handle.wait(10)
    assert [r.status for r in report.results] == (
        [ResultStatus.ACCEPTED] + [ResultStatus.CANCELLED] * 3)
    assert state(journal, "X-0") is OrderState.ACCEPTED
    assert client.sends() == ["X-0"]


def test_a_failed_claim_does_not_take_the_held_outcome_down(
    engine: SubmissionEngine, journal: Journal, client: FakeClient,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    claims: list[int] = []
    claim = Journal.claim_for_send

    def second_refused(self: Journal, order_id: int) -> Any:
        claims.append(order_id)
        if len(claims) == 2:
            raise JournalError("the journal refused this claim")
        return claim(self, order_id)

    monkeypatch.setattr(Journal, "claim_for_send", second_refused)
    handle = engine.submit_batch([ka_order("F-1"), ka_order("F-2")], ONE_WORKER)
    assert handle.join(10)
    report = handle.report()
    assert client.created == {"F-1": 1}
    assert report.results[0].status is ResultStatus.ACCEPTED
    assert state(journal, "F-1") is OrderState.ACCEPTED
    # The refused claim stops the batch; F-2 never went out.
    assert report.results[1].status is ResultStatus.UNKNOWN
    assert isinstance(handle.error, JournalError)
    assert client.sends() == ["F-1"]


def test_an_outcome_that_cannot_be_written_at_all_is_reported_open(
    engine: SubmissionEngine, journal: Journal, client: FakeClient,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The journal refuses every outcome: the held order is reported as stopped while being
    sent (the journal still says `sending`: reconciled before anything else), and the next
    order, whose claim went down in the same transaction, is never sent."""
    def refused(self: Journal, *args: Any, **kwargs: Any) -> Any:
        raise JournalError("disk is full")

    monkeypatch.setattr(Journal, "record", refused)
    handle = engine.submit_batch([ka_order("D-1"), ka_order("D-2")], ONE_WORKER)
    assert handle.join(10)
    report = handle.report()
    assert client.sends() == ["D-1"]
    assert [r.status for r in report.results] == [ResultStatus.UNKNOWN] * 2
    assert "disk is full" in report.results[0].message
    assert state(journal, "D-1") is OrderState.SENDING
    assert state(journal, "D-2") is OrderState.QUEUED


class GatedClient(FakeClient):
    """Lookups of the references in `gated` wait for `opened`."""

    def __init__(self, gated: set[str]) -> None:
        super().__init__()
        self.gated = gated
        self.waiting = threading.Event()
        self.opened = threading.Event()

    def lookup(self, reference: str, **options: Any) -> Any:
        if reference in self.gated:
            self.waiting.set()
            self.opened.wait(10)
        return super().lookup(reference, **options)


def test_an_order_busy_in_another_batch_leaves_the_held_outcome_saved(
    journal: Journal
) -> None:
    client = GatedClient({"BUSY-1"})
    client.script["BUSY-1"] = ["drop"]  # created, the answer lost: looked up, slowly
    engine = SubmissionEngine(journal, lambda profile: client, policy=FAST)
    try:
        first = engine.submit_batch([ka_order("BUSY-1")], ONE_WORKER)
        assert client.waiting.wait(10)
        second = engine.submit_batch([ka_order("H-1"), ka_order("BUSY-1")], ONE_WORKER)
        report = second.wait(10)  # H-1's outcome was held, then BUSY-1 turned out busy
        client.opened.set()
        first.wait(10)
    finally:
        engine.close()
    assert report.results[0].status is ResultStatus.ACCEPTED
    assert report.results[1].status is not ResultStatus.ACCEPTED
    assert state(journal, "H-1") is OrderState.ACCEPTED
    assert client.created == {"H-1": 1, "BUSY-1": 1}


def test_an_order_claimed_ahead_is_given_back_on_a_pause_and_sent_once_resumed(
    engine: SubmissionEngine, journal: Journal, client: FakeClient
) -> None:
    """While A-0's request is out, its worker claims A-1. Paused then, A-1 is not sent: it is
    queued again (its attempt not counted) until the batch goes on."""
    client.gate = threading.Event()
    handle = engine.submit_batch([ka_order(f"A-{n}") for n in range(3)], ONE_WORKER)
    wait_for(lambda: client.sends() and state(journal, "A-1") is OrderState.SENDING)
    handle.pause()
    client.gate.set()
    wait_for(lambda: state(journal, "A-0") is OrderState.ACCEPTED)
    wait_for(lambda: state(journal, "A-1") is OrderState.QUEUED)
    assert not handle.join(0.3)  # paused
    assert client.sends() == ["A-0"]
    found = journal.find(PROFILE.target, PROFILE.account, "A-1")
    assert found is not None and found.attempt_count == 0
    handle.resume()
    assert [r.status for r in handle.wait(10).results] == [ResultStatus.ACCEPTED] * 3
    assert client.created == {"A-0": 1, "A-1": 1, "A-2": 1}


def test_an_order_claimed_ahead_is_cancelled_unsent_with_the_rest(
    engine: SubmissionEngine, journal: Journal, client: FakeClient
) -> None:
    client.gate = threading.Event()
    handle = engine.submit_batch([ka_order(f"C-{n}") for n in range(3)], ONE_WORKER)
    wait_for(lambda: client.sends() and state(journal, "C-1") is OrderState.SENDING)
    handle.cancel()
    client.gate.set()
    report = handle.wait(10)
    assert [r.status for r in report.results] == (
        [ResultStatus.ACCEPTED] + [ResultStatus.CANCELLED] * 2)
    assert [state(journal, f"C-{n}") for n in range(3)] == (
        [OrderState.ACCEPTED] + [OrderState.CANCELLED] * 2)
    assert client.sends() == ["C-0"]


def test_a_batch_whose_admission_fails_midway_delivers_what_was_admitted_and_ends(
    engine: SubmissionEngine, journal: Journal, client: FakeClient,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The journal refuses the second chunk of orders while the first chunk's are being sent:
    the batch stops, but its workers still deliver what was admitted (claiming ahead as
    before), every outcome is journaled, and the batch ends instead of waiting forever."""
    from app.core.engine.admission import Admission

    checks: list[int] = []
    check = Admission.check

    def second_chunk_refused(self: Admission, payloads: list[Any]) -> Any:
        checks.append(len(payloads))
        if len(checks) == 2:  # while the first order's request is out, its next claimed
            wait_for(lambda: client.sends() and state(journal, "M-1") is OrderState.SENDING)
            raise JournalError("disk is full")
        return check(self, payloads)

    monkeypatch.setattr(Admission, "check", second_chunk_refused)
    client.gate = threading.Event()
    handle = engine.submit_batch([ka_order(f"M-{n}") for n in range(40)], ONE_WORKER)
    wait_for(lambda: len(checks) == 2)
    time.sleep(0.05)  # the batch's coordinator has seen the failure
    client.gate.set()
    assert handle.join(10), "the batch never ended"
    assert isinstance(handle.error, JournalError)
    sent = client.sends()
    assert sent == [f"M-{n}" for n in range(16)]  # the first chunk, each once
    assert all(state(journal, ref) is OrderState.ACCEPTED for ref in sent)
    statuses = {r.reference: r.status for r in handle.report().results}
    assert all(statuses[ref] is ResultStatus.ACCEPTED for ref in sent)


def test_an_order_claimed_at_admission_goes_out_in_turn_after_a_resumed_unknown_one(
    engine: SubmissionEngine, journal: Journal, client: FakeClient
) -> None:
    """A batch's first order is an earlier one still unknown (adopted, not claimable); the
    next is claimed in the admission for the batch's one worker. That worker sends it next,
    in the file's order, instead of a second worker holding it claimed until the batch ends."""
    client.script["U-1"] = ["drop"]  # created, the answer lost
    client.lookup_fails.add("U-1")  # and it cannot be looked up: it stays unknown
    engine.submit_batch([ka_order("U-1")], ONE_WORKER).wait(10)
    assert state(journal, "U-1") is OrderState.UNKNOWN
    report = engine.submit_batch([ka_order(ref) for ref in ("U-1", "N-1", "N-2", "N-3")],
                                 ONE_WORKER).wait(10)
    assert [r.status for r in report.results][1:] == [ResultStatus.ACCEPTED] * 3
    assert client.sends() == ["U-1", "N-1", "N-2", "N-3"]


def test_an_order_another_batch_is_delivering_is_not_claimed_at_admission(
    engine: SubmissionEngine, journal: Journal, client: FakeClient,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The same order submitted again while its first batch waits to send it again (429): the
    second batch must not claim it at its admission, or the first batch finds it `sending`,
    gives up on it, and the second gives it back unsent: nobody sends it."""
    client.script["X-1"] = ["wait"]  # 429: queued again, its worker waits 0.3 s for a token
    first = engine.submit_batch([ka_order("X-1")], ONE_WORKER)
    wait_for(lambda: client.sends() and state(journal, "X-1") is OrderState.QUEUED)
    unclaim = Journal.unclaim

    def slowly(self: Journal, order_id: int) -> bool:
        time.sleep(0.6)  # past the first batch's next try
        return unclaim(self, order_id)

    monkeypatch.setattr(Journal, "unclaim", slowly)
    second = engine.submit_batch([ka_order("X-1")], ONE_WORKER)
    first.wait(10)
    second.wait(10)
    assert client.created == {"X-1": 1}
    assert state(journal, "X-1") is OrderState.ACCEPTED


@pytest.mark.parametrize(("answer", "waits_as"), [
    ("wait", OrderState.SENDING),  # turned away (429): waits to be sent again
    ("drop", OrderState.UNKNOWN),  # created, the answer lost: looked up (and found)
])
def test_a_pause_while_an_earlier_order_waits_gives_back_the_next_claim(
    engine: SubmissionEngine, journal: Journal, client: FakeClient, answer: str,
    waits_as: OrderState,
) -> None:
    """While R-0's request is out, its worker claims R-1. R-0 then waits (to be sent again, or
    to be looked up) while the batch is paused: R-1, not sent, is queued again for the pause,
    not left `sending`, and goes out once the batch goes on."""
    client.gate = threading.Event()
    client.script["R-0"] = [answer]
    handle = engine.submit_batch([ka_order(f"R-{n}") for n in range(3)], ONE_WORKER)
    wait_for(lambda: client.sends() and state(journal, "R-1") is OrderState.SENDING)
    handle.pause()
    client.gate.set()
    wait_for(lambda: state(journal, "R-0") is waits_as)
    wait_for(lambda: state(journal, "R-1") is OrderState.QUEUED, timeout=5)
    assert not handle.join(0.3)  # paused
    assert client.sends() == ["R-0"]
    handle.resume()
    assert [r.status for r in handle.wait(10).results] == [ResultStatus.ACCEPTED] * 3
    assert client.created == {"R-0": 1, "R-1": 1, "R-2": 1}


def test_an_order_claimed_ahead_is_not_sent_once_the_journal_file_is_replaced(
    engine: SubmissionEngine, journal: Journal, client: FakeClient
) -> None:
    """While D-0's request is out, its worker claims D-1, and the file is looked at then. The
    file is replaced before D-1's turn: D-1 must not go out either (nothing is sent once the
    journal is gone: what was sent could not be known)."""
    client.gate = threading.Event()
    handle = engine.submit_batch([ka_order(f"D-{n}") for n in range(3)], ONE_WORKER)
    wait_for(lambda: client.sends() and state(journal, "D-1") is OrderState.SENDING)
    path = journal.path
    assert path is not None
    path.unlink()
    for name in (f"{path.name}-wal", f"{path.name}-shm"):
        (path.parent / name).unlink(missing_ok=True)
    Journal(path).close()  # another journal at the same place
    client.gate.set()
    assert handle.join(10), "the batch never ended"
    assert isinstance(handle.error, JournalGone)
    assert client.sends() == ["D-0"]
