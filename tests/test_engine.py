"""The engine against a scripted in-process client: every path of an order's life, on a real
journal file. (tests/test_engine_sandbox.py runs the same engine against the HTTP sandbox.)"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from app.core.engine import (
    OrderResult,
    Progress,
    ResultStatus,
    SubmissionEngine,
)
from app.core.engine.admission import Admission
from app.core.journal import (
    HistoryFilter,
    Journal,
    JournalError,
    OrderState,
    SendLock,
    SendLockBusyError,
)
from app.core.models import content_fingerprint, validate_order
from app.core.settings import Profile
from app.core.targets import Target
from tests.fixtures.engine import FAST, PROFILE, FakeClient
from tests.fixtures.sandbox import ka_order


@pytest.fixture
def journal(make_journal) -> Journal:
    # Each backend; a team journal's leases run out at once, as a crashed desk's do.
    return make_journal(lease_seconds=0)


def run(engine: SubmissionEngine, orders: list[dict[str, Any]], profile: Profile = PROFILE,
        **options: Any) -> list[OrderResult]:
    return engine.submit_batch(orders, profile, **options).wait(30).results


def statuses(results: list[OrderResult]) -> list[ResultStatus]:
    return [result.status for result in results]


def test_a_batch_is_journaled_sent_once_and_reported_in_order(
    engine: SubmissionEngine, journal: Journal, client: FakeClient
) -> None:
    seen: list[OrderResult] = []
    progress: list[Progress] = []
    handle = engine.submit_batch([ka_order(f"A-{n}") for n in range(20)], PROFILE,
                                 on_result=seen.append, on_progress=progress.append)
    report = handle.wait(30)
    assert [r.reference for r in report.results] == [f"A-{n}" for n in range(20)]
    assert set(statuses(report.results)) == {ResultStatus.ACCEPTED}
    assert report.results[3].remote_id == "K-A-3"
    assert client.created == Counter({f"A-{n}": 1 for n in range(20)})
    assert len(seen) == 20
    last = progress[-1]
    assert (last.done, last.total, last.accepted, last.finished) == (20, 20, 20, True)
    assert last.rate > 0
    assert journal.count(HistoryFilter(state=OrderState.ACCEPTED, batch_id=handle.batch_id)) == 20
    [attempt] = journal.attempts(report.results[0].order_id or 0)
    assert attempt.outcome == "accepted"


def test_results_carry_the_warnings_of_the_check_that_admitted_them(
    engine: SubmissionEngine, client: FakeClient
) -> None:
    odd = ka_order("WARN-1")
    odd["orderAddress"]["province"] = "Atlantis"
    [doubted, plain] = run(engine, [odd, ka_order("WARN-2")])
    assert doubted.status is ResultStatus.ACCEPTED and plain.status is ResultStatus.ACCEPTED
    assert [w.loc for w in doubted.warnings or ()] == ["orderAddress.province"]
    assert plain.warnings == ()
    # An order accepted earlier is reported with them too (it is checked, not sent).
    [again] = run(engine, [odd])
    assert again.previously and [w.loc for w in again.warnings or ()] == [
        "orderAddress.province"]


def test_concurrency_is_bounded_by_the_profile(
    engine: SubmissionEngine, client: FakeClient
) -> None:
    client.gate = threading.Event()
    handle = engine.submit_batch([ka_order(f"C-{n}") for n in range(12)],
                                 replace(PROFILE, concurrency=3))
    deadline = time.monotonic() + 10
    while client.in_flight < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    client.gate.set()
    handle.wait(30)
    assert client.most_in_flight == 3


def test_invalid_orders_are_never_journaled_or_sent(
    engine: SubmissionEngine, journal: Journal, client: FakeClient
) -> None:
    bad = ka_order("BAD-1", orderItemsList=[{"sku": "X", "quantity": 0}])
    results = run(engine, [bad, ka_order("GOOD-1")])
    assert statuses(results) == [ResultStatus.INVALID, ResultStatus.ACCEPTED]
    assert results[0].field_errors and "quantity" in results[0].message
    assert client.sends() == ["GOOD-1"]
    assert journal.find(Target.KA, PROFILE.account, "BAD-1") is None


def test_a_rejection_is_kept_with_its_message(
    engine: SubmissionEngine, journal: Journal, client: FakeClient
) -> None:
    client.script["R-1"] = ["reject"]
    [result] = run(engine, [ka_order("R-1")])
    assert (result.status, result.message) == (ResultStatus.REJECTED, "balance too low")
    record = journal.find(Target.KA, PROFILE.account, "R-1")
    assert record is not None and record.state is OrderState.REJECTED
    # Corrected and submitted again: the same reference is sent again (nothing was created).
    [again] = run(engine, [ka_order("R-1", remark="topped up")])
    assert again.status is ResultStatus.ACCEPTED and client.sends() == ["R-1", "R-1"]


def test_retry_after_holds_every_worker_then_succeeds(
    engine: SubmissionEngine, journal: Journal, client: FakeClient
) -> None:
    client.script["W-0"] = ["wait"]
    started = time.monotonic()
    results = run(engine, [ka_order(f"W-{n}") for n in range(6)],
                  replace(PROFILE, concurrency=1))
    assert set(statuses(results)) == {ResultStatus.ACCEPTED}
    assert time.monotonic() - started >= 0.3
    assert client.sends()[:2] == ["W-0", "W-0"], "the order that was told to wait goes first"
    record = journal.find(Target.KA, PROFILE.account, "W-0")
    assert record is not None and record.attempt_count == 2
    assert [a.http_status for a in journal.attempts(record.id)] == [429, 200]


def test_safe_failures_are_retried_with_a_limit(
    journal: Journal, client: FakeClient
) -> None:
    client.script["S-1"] = ["retry", "retry"]
    client.script["S-2"] = ["retry"] * 10
    engine = SubmissionEngine(journal, lambda profile: client,
                              policy=replace(FAST, max_send_attempts=3))
    try:
        results = run(engine, [ka_order("S-1"), ka_order("S-2")])
    finally:
        engine.close()
    assert statuses(results) == [ResultStatus.ACCEPTED, ResultStatus.NOT_SENT]
    assert client.sends().count("S-2") == 3 and client.created["S-2"] == 0
    record = journal.find(Target.KA, PROFILE.account, "S-2")
    assert record is not None and record.state is OrderState.NOT_SENT  # a re-submit sends it


def test_a_dropped_answer_is_reconciled_not_resent(
    engine: SubmissionEngine, client: FakeClient
) -> None:
    client.script["D-1"] = ["drop"]
    [result] = run(engine, [ka_order("D-1")])
    assert (result.status, result.remote_id) == (ResultStatus.ACCEPTED, "K-D-1")
    assert client.calls == [("send", "D-1"), ("lookup", "D-1")]
    assert client.created["D-1"] == 1


def test_an_order_proven_absent_is_resent_under_the_same_reference(
    engine: SubmissionEngine, client: FakeClient
) -> None:
    client.script["L-1"] = ["lost"]
    [result] = run(engine, [ka_order("L-1")])
    assert result.status is ResultStatus.ACCEPTED
    assert client.calls == [("send", "L-1"), ("lookup", "L-1"), ("send", "L-1")]


def test_a_client_crash_counts_as_unknown_and_is_reconciled(
    engine: SubmissionEngine, client: FakeClient
) -> None:
    client.script["B-1"] = ["boom"]
    [result] = run(engine, [ka_order("B-1")])
    assert result.status is ResultStatus.ACCEPTED
    assert client.calls == [("send", "B-1"), ("lookup", "B-1"), ("send", "B-1")]


def test_an_unresolvable_outcome_stays_unknown_and_is_never_resent(
    engine: SubmissionEngine, journal: Journal, client: FakeClient
) -> None:
    client.script["U-1"] = ["drop"]
    client.lookup_fails.add("U-1")
    [result] = run(engine, [ka_order("U-1")])
    assert result.status is ResultStatus.UNKNOWN
    assert client.sends() == ["U-1"]
    assert client.calls.count(("lookup", "U-1")) == FAST.lookup_attempts
    record = journal.find(Target.KA, PROFILE.account, "U-1")
    assert record is not None and record.state is OrderState.UNKNOWN

    # Next batch of the profile: the unknown order is reconciled first, and not sent again.
    client.lookup_fails.clear()
    handle = engine.submit_batch([ka_order("NEXT-1")], PROFILE)
    report = handle.wait(30)
    assert [(r.reference, r.status) for r in report.recovered] == [("U-1", ResultStatus.ACCEPTED)]
    assert client.calls.index(("lookup", "U-1"), 3) < client.calls.index(("send", "NEXT-1"))
    assert client.created["U-1"] == 1


def test_a_re_run_reports_accepted_orders_without_sending_them(
    engine: SubmissionEngine, client: FakeClient
) -> None:
    orders = [ka_order(f"RR-{n}") for n in range(5)]
    client.script["RR-2"] = ["reject"]
    run(engine, orders)
    results = run(engine, orders)
    assert statuses(results) == [ResultStatus.ACCEPTED] * 5
    assert [r.previously for r in results] == [True, True, False, True, True]
    assert client.sends().count("RR-0") == 1 and client.sends().count("RR-2") == 2


def test_a_changed_order_under_an_accepted_reference_is_not_sent_and_says_so(
    engine: SubmissionEngine, client: FakeClient
) -> None:
    run(engine, [ka_order("CH-1"), ka_order("CH-2")])
    same, changed = run(engine, [ka_order("CH-1"), ka_order("CH-2", remark="gift wrap")])
    assert same.message == "already accepted earlier; not sent again"
    assert same.previously and not same.content_differs
    assert changed.status is ResultStatus.ACCEPTED and changed.previously
    assert changed.content_differs
    assert "different content" in changed.message and "NOT sent" in changed.message
    assert sorted(client.sends()) == ["CH-1", "CH-2"]


def test_the_same_reference_twice_in_a_batch_is_refused(
    engine: SubmissionEngine, client: FakeClient
) -> None:
    results = run(engine, [ka_order("TWICE"), ka_order("TWICE", remark="second")])
    assert statuses(results) == [ResultStatus.ACCEPTED, ResultStatus.INVALID]
    assert client.sends() == ["TWICE"]


def test_same_content_without_a_reference_is_held_unless_allowed(
    engine: SubmissionEngine, client: FakeClient
) -> None:
    order = ka_order(None)
    [first] = run(engine, [order, ka_order(None, remark="other")])[:1]
    assert first.status is ResultStatus.ACCEPTED and first.reference.startswith("OD-")
    [held] = run(engine, [order])
    assert held.status is ResultStatus.DUPLICATE and first.reference in held.message
    assert len(client.sends()) == 2
    [allowed] = run(engine, [order], allow_duplicates=True)
    assert allowed.status is ResultStatus.ACCEPTED and allowed.reference != first.reference
    assert len(client.sends()) == 3


def test_identical_orders_within_one_batch_are_all_sent(
    engine: SubmissionEngine, client: FakeClient
) -> None:
    results = run(engine, [ka_order(None)] * 3)
    assert statuses(results) == [ResultStatus.ACCEPTED] * 3
    assert len({r.reference for r in results}) == 3


def test_an_unfinished_order_without_a_reference_is_resumed_on_a_re_run(
    engine: SubmissionEngine, journal: Journal, client: FakeClient
) -> None:
    # A crash left an order journaled but never sent, under a generated reference.
    wire = validate_order(Target.KA, ka_order(None)).wire
    assert wire is not None
    left = journal.add_order(Target.KA, PROFILE.account, "OD-LEFT", '{"customOrderId": "OD-LEFT"}',
                             content_fingerprint(Target.KA, wire), generated=True, batch_id=None)
    [result] = run(engine, [ka_order(None)])
    assert (result.status, result.reference, result.order_id) == (
        ResultStatus.ACCEPTED, "OD-LEFT", left.id)
    sent = journal.get(left.id).payload
    assert sent["customOrderId"] == "OD-LEFT" and sent["orderItemsList"] == wire["orderItemsList"]


def test_orders_interrupted_while_sending_are_reconciled_before_anything_new(
    journal: Journal, client: FakeClient
) -> None:
    crashed = journal.add_order(Target.KA, PROFILE.account, "CRASH-1",
                                '{"customOrderId": "CRASH-1"}', "fp", generated=False,
                                batch_id=None)
    journal.claim_for_send(crashed.id)
    client.created["CRASH-1"] = 1  # it did reach the server before the crash
    engine = SubmissionEngine(journal, lambda profile: client, policy=FAST)
    try:
        report = engine.submit_batch([ka_order("NEW-1")], PROFILE).wait(30)
    finally:
        engine.close()
    assert client.calls == [("lookup", "CRASH-1"), ("send", "NEW-1")]
    assert [r.status for r in report.recovered] == [ResultStatus.ACCEPTED]
    assert journal.get(crashed.id).state is OrderState.ACCEPTED
    assert client.created["CRASH-1"] == 1


def test_reconcile_resolves_unknowns_on_demand(
    engine: SubmissionEngine, journal: Journal, client: FakeClient
) -> None:
    for reference, created in (("Q-1", True), ("Q-2", False)):
        record = journal.add_order(Target.KA, PROFILE.account, reference,
                                   f'{{"customOrderId": "{reference}"}}', "fp",
                                   generated=False, batch_id=None)
        journal.set_state(record.id, OrderState.UNKNOWN)
        client.created[reference] = int(created)
    report = engine.reconcile(PROFILE).wait(30)
    assert sorted((r.reference, r.status) for r in report.recovered) == [
        ("Q-1", ResultStatus.ACCEPTED), ("Q-2", ResultStatus.ACCEPTED)]
    assert client.sends() == ["Q-2"]  # proven absent: sent again under its reference


def test_pause_stops_new_requests_and_resume_finishes(
    engine: SubmissionEngine, client: FakeClient
) -> None:
    client.gate = threading.Event()
    handle = engine.submit_batch([ka_order(f"P-{n}") for n in range(5)],
                                 replace(PROFILE, concurrency=1))
    while not client.sends():
        time.sleep(0.005)
    handle.pause()
    assert handle.progress().paused
    client.gate.set()
    assert not handle.join(0.3)
    assert client.sends() == ["P-0"]
    handle.resume()
    report = handle.wait(30)
    assert set(statuses(report.results)) == {ResultStatus.ACCEPTED}


def test_cancel_withdraws_orders_not_yet_sent(
    engine: SubmissionEngine, journal: Journal, client: FakeClient
) -> None:
    client.gate = threading.Event()
    handle = engine.submit_batch([ka_order(f"X-{n}") for n in range(5)],
                                 replace(PROFILE, concurrency=1))
    while not client.sends():
        time.sleep(0.005)
    handle.cancel()
    client.gate.set()
    report = handle.wait(30)
    assert statuses(report.results) == [ResultStatus.ACCEPTED] + [ResultStatus.CANCELLED] * 4
    assert client.sends() == ["X-0"]
    # Journaled ones are marked cancelled; ones not journaled yet simply never were.
    assert journal.count(HistoryFilter(state=OrderState.QUEUED)) == 0
    assert journal.count() == 1 + journal.count(HistoryFilter(state=OrderState.CANCELLED))


def test_a_full_journal_stops_the_batch_before_sending(tmp_path: Path,
                                                       client: FakeClient) -> None:
    import sqlite3

    path = tmp_path / "full.sqlite3"
    Journal(path).close()
    pages = sqlite3.connect(path).execute("PRAGMA page_count").fetchone()[0]
    journal = Journal(path, on_connect=lambda c: c.execute(f"PRAGMA max_page_count = {pages + 3}"))
    engine = SubmissionEngine(journal, lambda profile: client, policy=FAST)
    orders = [ka_order(f"F-{n}", remark="x" * 1000) for n in range(40)]
    try:
        handle = engine.submit_batch(orders, replace(PROFILE, concurrency=1))
        with pytest.raises(JournalError, match="disk is full"):
            handle.wait(30)
    finally:
        engine.close()
    journaled = {r.reference for r in journal.page(None, 0, -1)}
    assert len(journaled) < 40
    assert set(client.sends()) <= journaled, "nothing is sent that was not journaled"
    journal.close()


def test_another_sender_on_the_same_journal_is_refused(
    engine: SubmissionEngine, journal: Journal, client: FakeClient
) -> None:
    if journal.path is None:
        pytest.skip("a team journal has no lock file: its desks take leases "
                    "(test_team_journal.py, test_team_desks.py)")
    other = SendLock(journal.path)
    other.acquire()
    try:
        handle = engine.submit_batch([ka_order("LOCKED-1")], PROFILE)
        with pytest.raises(SendLockBusyError):
            handle.wait(30)
    finally:
        other.release()
    assert client.calls == []


def test_close_closes_the_clients(journal: Journal, client: FakeClient) -> None:
    engine = SubmissionEngine(journal, lambda profile: client, policy=FAST)
    run(engine, [ka_order("Z-1")])
    engine.close()
    assert client.closed


def test_refresh_clients_builds_new_ones_and_closes_the_old(journal: Journal) -> None:
    built: list[FakeClient] = []

    def build(profile: Profile) -> FakeClient:
        built.append(FakeClient())
        return built[-1]

    engine = SubmissionEngine(journal, build, policy=FAST)
    try:
        run(engine, [ka_order("RF-1")])
        engine.refresh_clients()
        assert built[0].closed
        run(engine, [ka_order("RF-2")])
        assert len(built) == 2 and built[1].sends() == ["RF-2"] and not built[1].closed
    finally:
        engine.close()
    assert built[1].closed


def test_reconcile_runs_while_a_batch_of_the_profile_is_sending(
    engine: SubmissionEngine, journal: Journal, client: FakeClient
) -> None:
    journal.lease_seconds = 30.0  # this desk is alive: its send must not count as stopped
    client.gate = threading.Event()
    running = engine.submit_batch([ka_order("BUSY-1")], PROFILE)
    while not client.sends():
        time.sleep(0.005)
    late = journal.add_order(Target.KA, PROFILE.account, "LATE-1", '{"customOrderId": "LATE-1"}',
                             "fp", generated=False, batch_id=None)
    journal.set_state(late.id, OrderState.UNKNOWN)
    client.created["LATE-1"] = 1
    report = engine.reconcile(PROFILE).wait(30)
    assert [(r.reference, r.status) for r in report.recovered] == [
        ("LATE-1", ResultStatus.ACCEPTED)]
    assert not running.done
    client.gate.set()
    assert running.wait(30).results[0].status is ResultStatus.ACCEPTED


def test_a_locked_journal_is_reported_and_nothing_is_sent(
    tmp_path: Path, client: FakeClient
) -> None:
    import sqlite3

    journal = Journal(tmp_path / "locked.sqlite3", busy_timeout=0.2)
    other = sqlite3.connect(journal.path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another program holds the file
    engine = SubmissionEngine(journal, lambda profile: client, policy=FAST)
    try:
        handle = engine.submit_batch([ka_order("LK-1")], PROFILE)
        with pytest.raises(JournalError, match="locked by another program"):
            handle.wait(30)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert client.calls == []
    # Once the other program lets go, the same engine works (the send lock was released).
    assert run(engine, [ka_order("LK-1")])[0].status is ResultStatus.ACCEPTED
    engine.close()
    journal.close()


def test_admission_writes_each_valid_orders_wire_json_before_any_transaction(
        journal: Journal) -> None:
    """The checks run outside the journal's transactions (other writers wait while one is
    open): each valid order's wire JSON, written lazily, is written by `check`, not on its first
    reading inside `admit`'s transaction."""
    admission = Admission(journal, PROFILE, batch_id=1, allow_duplicates=False,
                          rng=random.Random(1))
    valid, invalid = admission.check([ka_order("W-1"), {"customOrderId": "W-2"}])
    assert "wire" in vars(valid) and valid.wire is not None
    assert valid.wire["customOrderId"] == "W-1"
    assert not invalid.ok and invalid.wire is None
