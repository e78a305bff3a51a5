"""Paths on which an order could be lost or created twice, each pinned down: the engine with the
real clients against the sandbox over loopback (or the scripted client where timing must be
forced), on real journal files."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from app.core.clients import KaClient, make_client
from app.core.clients.base import OrderClient
from app.core.engine import ResultStatus, RetryPolicy, SubmissionEngine
from app.core.journal import Journal, JournalError, OrderState
from app.core.outcome import LookupResult, LookupState, OutcomeKind, SendOutcome
from app.core.secrets import SANDBOX_SECRETS
from app.core.settings import SANDBOX_PROFILES, Profile
from app.core.targets import Target
from app.sandbox import SandboxConfig, SandboxServer
from tests.fixtures.engine import FAST, PROFILE, FakeClient
from tests.fixtures.sandbox import ka_order, nomad_order

KA, NOMAD = SANDBOX_PROFILES
ORDER_OF = {Target.KA: ka_order, Target.NOMAD: nomad_order}
SandboxFactory = Callable[..., SandboxServer]


@pytest.fixture
def journal(make_journal) -> Journal:
    # Each backend; a team journal's leases run out at once, as a crashed desk's do.
    return make_journal(lease_seconds=0)


def real_client(server: SandboxServer, profile: Profile) -> OrderClient:
    url = server.nomad_base_url if profile.target is Target.NOMAD else server.ka_base_url
    return make_client(replace(profile, timeout=5.0), SANDBOX_SECRETS, base_url=url)


class LaggingLookups:
    """A real client whose order query does not list new orders for its first `lag` lookups,
    like an API whose search index trails its database."""

    def __init__(self, inner: OrderClient, lag: int) -> None:
        self.target = inner.target
        self._inner = inner
        self._lag = lag
        self.lookups: list[LookupState] = []

    def create_order(self, payload: dict[str, Any]) -> SendOutcome:
        return self._inner.create_order(payload)

    def lookup(self, reference: str, *, since: datetime | None = None,
               pace: object = None) -> LookupResult:
        if self._lag > 0:
            self._lag -= 1
            found = LookupResult(LookupState.ABSENT, message="not indexed yet")
        else:
            found = self._inner.lookup(reference, since=since)
        self.lookups.append(found.state)
        return found

    def close(self) -> None:
        self._inner.close()


# -- "the reference already exists" --------------------------------------------------------------


@pytest.mark.parametrize("profile", [KA, NOMAD], ids=["ka", "nomad"])
def test_a_resend_refused_as_a_duplicate_is_looked_up_not_rejected(
    sandbox_factory: SandboxFactory, journal: Journal, profile: Profile
) -> None:
    """The first request created the order but its answer was lost; a lagging lookup (and a
    profile that trusts it at once) let the engine send again; the server refuses the copy
    because the reference exists. That refusal must lead to the order, not to "rejected"."""
    server = sandbox_factory(SandboxConfig(drop_after_commit_rate=1.0))  # duplicates refused
    client = LaggingLookups(real_client(server, profile), lag=1)
    engine = SubmissionEngine(journal, lambda chosen: client, policy=FAST)
    try:
        handle = engine.submit_batch([ORDER_OF[profile.target]("DUP-1")], profile)
        [result] = handle.wait(30).results
    finally:
        engine.close()
    [stored] = server.orders(profile.target)
    remote_id = str(stored["id"] if profile.target is Target.KA else stored["orderId"])
    assert (result.status, result.remote_id) == (ResultStatus.ACCEPTED, remote_id), result
    assert client.lookups == [LookupState.ABSENT, LookupState.FOUND]
    assert server.count_by_reference(profile.target, "DUP-1") == 1
    record = journal.find(profile.target, profile.account, "DUP-1")
    assert record is not None
    assert [a.outcome for a in journal.attempts(record.id)] == [
        "unknown", "absent", "unknown", "found"]
    assert "already exists" in journal.attempts(record.id)[2].message


@pytest.mark.parametrize("profile", [KA, NOMAD], ids=["ka", "nomad"])
def test_a_reference_someone_else_used_is_rejected_with_the_apis_message(
    sandbox_factory: SandboxFactory, journal: Journal, profile: Profile
) -> None:
    """Nothing of ours went out before, so the existing order is not this one: the operator must
    see that this order was not created."""
    server = sandbox_factory()
    other_desk = real_client(server, profile)
    assert other_desk.create_order(ORDER_OF[profile.target]("TAKEN-1")).kind is (
        OutcomeKind.ACCEPTED)
    other_desk.close()
    client = LaggingLookups(real_client(server, profile), lag=0)
    engine = SubmissionEngine(journal, lambda chosen: client, policy=FAST)
    try:
        [result] = engine.submit_batch([ORDER_OF[profile.target]("TAKEN-1")], profile).wait(
            30).results
    finally:
        engine.close()
    assert result.status is ResultStatus.REJECTED and "already exists" in result.message
    assert client.lookups == []
    assert server.count_by_reference(profile.target, "TAKEN-1") == 1


def test_the_clients_flag_only_refusals_about_the_reference(sandbox: SandboxServer) -> None:
    ka = real_client(sandbox, KA)
    try:
        assert ka.create_order(ka_order("FLAG-1")).kind is OutcomeKind.ACCEPTED
        again = ka.create_order(ka_order("FLAG-1"))
        assert again.kind is OutcomeKind.REJECTED and again.reference_exists
        invalid = ka.create_order(ka_order("FLAG-2", channelType="Teleport"))
        assert invalid.kind is OutcomeKind.REJECTED and not invalid.reference_exists
    finally:
        ka.close()


# -- the journal fails after the request went out -----------------------------------------------


def test_a_journal_failure_after_sending_reports_the_order_open_and_recovery_finds_it(
    tmp_path: Path,
) -> None:
    journal = Journal(tmp_path / "journal.sqlite3", busy_timeout=0.2)
    blocker = sqlite3.connect(journal.path, isolation_level=None, check_same_thread=False)
    client = FakeClient()
    original = client._outcome

    def created_then_journal_locked(reference: str, step: str) -> SendOutcome:
        outcome = original(reference, step)  # the server creates it ...
        blocker.execute("BEGIN EXCLUSIVE")  # ... and the journal cannot record it
        return outcome

    client._outcome = created_then_journal_locked  # type: ignore[method-assign]
    engine = SubmissionEngine(journal, lambda chosen: client, policy=FAST)
    try:
        handle = engine.submit_batch([ka_order("JF-1")], PROFILE)
        with pytest.raises(JournalError, match="locked"):
            handle.wait(30)
        [result] = handle.report().results
        assert result.status is ResultStatus.UNKNOWN, "never 'cancelled' or 'not started'"
        assert result.reference == "JF-1" and "may have been created" in result.message
        blocker.execute("ROLLBACK")
        client._outcome = original  # type: ignore[method-assign]

        report = engine.submit_batch([ka_order("JF-2")], PROFILE).wait(30)
    finally:
        engine.close()
        blocker.close()
    assert [(r.reference, r.status) for r in report.recovered] == [
        ("JF-1", ResultStatus.ACCEPTED)]
    assert client.created["JF-1"] == 1 and client.sends().count("JF-1") == 1
    journal.close()


# -- two batches and one reference ---------------------------------------------------------------


def test_the_payload_sent_is_the_one_in_the_journal_when_a_second_batch_requeues_it(
    tmp_path: Path,
) -> None:
    """Batch 1 waits out a 429; meanwhile the operator submits a corrected version under the same
    reference. Whatever goes out next, the journal must hold exactly that."""
    client = FakeClient()
    original = client._outcome

    def long_429_first(reference: str, step: str) -> SendOutcome:
        if step == "wait":
            return SendOutcome(OutcomeKind.RETRY, "429", http_status=429, retry_after=1.0)
        return original(reference, step)

    client._outcome = long_429_first  # type: ignore[method-assign]
    client.script["FIX-1"] = ["wait"]
    with Journal(tmp_path / "journal.sqlite3") as journal:
        engine = SubmissionEngine(journal, lambda chosen: client, policy=FAST)
        try:
            first = engine.submit_batch([ka_order("FIX-1", remark="typo")], PROFILE)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                record = journal.find(Target.KA, PROFILE.account, "FIX-1")
                if record is not None and record.state is OrderState.QUEUED and client.sends():
                    break
                time.sleep(0.005)
            second = engine.submit_batch([ka_order("FIX-1", remark="fixed")], PROFILE).wait(30)
            assert second.results[0].status is ResultStatus.UNKNOWN  # the other batch has it
            assert first.wait(30).results[0].status is ResultStatus.ACCEPTED
        finally:
            engine.close()
        record = journal.find(Target.KA, PROFILE.account, "FIX-1")
        assert record is not None and record.state is OrderState.ACCEPTED
        assert client.sends() == ["FIX-1", "FIX-1"]
        assert client.payloads[-1] == record.payload
        assert record.payload["remark"] == "fixed"


def test_a_batch_and_a_reconcile_racing_on_one_order_send_it_once(
    tmp_path: Path,
) -> None:
    """While a batch's worker waits before looking up its uncertain order, a reconcile of the
    profile must not look it up (and resend it) behind the worker's back."""
    client = FakeClient()
    client.script["RACE-1"] = ["lost"]
    slow_lookup = RetryPolicy(backoff_base=0.01, backoff_cap=0.05, settle_delay=0.5,
                              lookup_attempts=2)
    with Journal(tmp_path / "journal.sqlite3") as journal:
        engine = SubmissionEngine(journal, lambda chosen: client, policy=slow_lookup)
        try:
            batch = engine.submit_batch([ka_order("RACE-1")], PROFILE)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                record = journal.find(Target.KA, PROFILE.account, "RACE-1")
                if record is not None and record.state is OrderState.UNKNOWN:
                    break
                time.sleep(0.005)
            [raced] = engine.reconcile(PROFILE).wait(30).recovered
            assert raced.status is ResultStatus.UNKNOWN and "another batch" in raced.message
            assert batch.wait(30).results[0].status is ResultStatus.ACCEPTED
        finally:
            engine.close()
    assert client.calls == [("send", "RACE-1"), ("lookup", "RACE-1"), ("send", "RACE-1")]
    assert client.created["RACE-1"] == 1


# -- lookups of old orders ------------------------------------------------------------------------


def test_an_order_left_unknown_for_days_is_found_not_sent_again(
    sandbox_factory: SandboxFactory, journal: Journal
) -> None:
    """KA's lookup pages through a time window; an order journaled before that window must still
    be found (here: reconciled ten days later, with duplicates allowed so a resend would count)."""
    server = sandbox_factory(SandboxConfig(allow_duplicate_references=True))
    first = real_client(server, KA)
    assert first.create_order(ka_order("LATE-1")).kind is OutcomeKind.ACCEPTED  # answer "lost"
    first.close()
    crashed = journal.add_order(Target.KA, KA.account, "LATE-1", json.dumps(ka_order("LATE-1")),
                                "fp", generated=False, batch_id=None)
    assert journal.claim_for_send(crashed.id) is not None  # ... and the process died
    later = datetime.now(UTC) + timedelta(days=10)
    ka = KaClient(server.ka_base_url, SANDBOX_SECRETS["ka_token"], timeout=5.0,
                  clock=lambda: later)
    engine = SubmissionEngine(journal, lambda chosen: ka, policy=FAST)
    try:
        [result] = engine.reconcile(KA).wait(30).recovered
    finally:
        engine.close()
    assert result.status is ResultStatus.ACCEPTED, result
    assert server.count_by_reference(Target.KA, "LATE-1") == 1


def test_reconcile_of_many_orders_sends_each_absent_one_once(
    sandbox_factory: SandboxFactory, journal: Journal
) -> None:
    """Unknown orders, some created and some not, reconciled by several workers at once."""
    server = sandbox_factory(SandboxConfig(allow_duplicate_references=True))
    creator = real_client(server, NOMAD)
    references = [f"MANY-{n:02d}" for n in range(30)]
    for n, reference in enumerate(references):
        if n % 2:
            assert creator.create_order(nomad_order(reference)).kind is OutcomeKind.ACCEPTED
        record = journal.add_order(Target.NOMAD, NOMAD.account, reference,
                                   json.dumps(nomad_order(reference)), "fp", generated=False,
                                   batch_id=None)
        journal.claim_for_send(record.id)
    creator.close()
    engine = SubmissionEngine(journal, lambda chosen: real_client(server, chosen), policy=FAST)
    try:
        report = engine.reconcile(replace(NOMAD, concurrency=6)).wait(60)
    finally:
        engine.close()
    assert {r.status for r in report.recovered} == {ResultStatus.ACCEPTED}
    assert {ref: server.count_by_reference(Target.NOMAD, ref) for ref in references} == (
        dict.fromkeys(references, 1))
