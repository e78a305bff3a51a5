"""An order query may lag behind creation: "absent" soon after an uncertain send is not believed.

The engine, a real journal file and an injected wall clock shared by both; the scripted client of
tests/test_engine.py plays the API.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.engine import ResultStatus, SubmissionEngine
from app.core.journal import AttemptKind, Journal, OrderState
from app.core.outcome import LookupResult, LookupState, SendOutcome
from app.core.settings import (
    SANDBOX_PROFILES,
    Profile,
    default_profile,
)
from app.core.targets import Environment, Target
from app.core.targets.ka import KA_LOOKUP_SETTLE
from app.core.targets.nomad import NOMAD_LOOKUP_SETTLE
from tests.fixtures.engine import FAST, PROFILE, FakeClient
from tests.fixtures.sandbox import ka_order

SETTLE = 300.0
LIVE = replace(PROFILE, lookup_settle_seconds=SETTLE)  # as cautious as a KA profile


# Noon, local time, of a fixed day: what the messages say never depends on when tests run.
NOON = datetime(2026, 3, 10, 12, 0, 0).timestamp()


class FakeClock:
    """Wall-clock seconds that only move when the test says so."""

    def __init__(self, start: float = NOON) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def journal(tmp_path: Path, clock: FakeClock) -> Iterator[Journal]:
    with Journal(tmp_path / "journal.sqlite3", clock=clock) as opened:
        yield opened


@pytest.fixture
def engine(journal: Journal, client: FakeClient, clock: FakeClock) -> Iterator[SubmissionEngine]:
    engine = SubmissionEngine(journal, lambda profile: client, policy=FAST, wall_clock=clock)
    yield engine
    engine.close()


def hh_mm(moment: float) -> str:
    return datetime.fromtimestamp(math.ceil(moment / 60) * 60).strftime("%H:%M")


def test_absent_soon_after_a_lost_answer_is_not_believed_until_the_settle_time_passes(
    engine: SubmissionEngine, journal: Journal, client: FakeClient, clock: FakeClock
) -> None:
    client.script["LAG-1"] = ["lost"]  # the answer is lost; the server did not create it
    sent_at = clock.now
    [result] = engine.submit_batch([ka_order("LAG-1")], LIVE).wait(30).results
    assert result.status is ResultStatus.UNKNOWN
    assert f"the API may not list it yet; reconcile after {hh_mm(sent_at + SETTLE)}" in (
        result.message)
    assert client.sends() == ["LAG-1"], "never resent on an absence that may be lag"
    record = journal.find(Target.KA, LIVE.account, "LAG-1")
    assert record is not None and record.state is OrderState.UNKNOWN
    assert [a.outcome for a in journal.attempts(record.id)] == ["unknown", "absent"]

    clock.now = sent_at + SETTLE - 1  # still too early: looked up, not resent
    [early] = engine.reconcile(LIVE).wait(30).recovered
    assert early.status is ResultStatus.UNKNOWN and client.sends() == ["LAG-1"]

    clock.now = sent_at + SETTLE + 1  # now "absent" means never created: sent again
    [late] = engine.reconcile(LIVE).wait(30).recovered
    assert late.status is ResultStatus.ACCEPTED
    assert client.sends() == ["LAG-1", "LAG-1"] and client.created["LAG-1"] == 1


def test_a_settle_time_that_ends_tomorrow_names_the_day(
    engine: SubmissionEngine, client: FakeClient, clock: FakeClock
) -> None:
    """Crosses midnight on purpose: sent at 23:58 local time, believable after 00:03 the next
    day, so the message carries that date (the time alone would point at the past)."""
    clock.now = datetime(2026, 3, 10, 23, 58, 0).timestamp()
    client.script["NIGHT-1"] = ["lost"]
    [result] = engine.submit_batch([ka_order("NIGHT-1")], LIVE).wait(30).results
    assert result.status is ResultStatus.UNKNOWN
    assert result.message.endswith("reconcile after 2026-03-11 00:03")


def test_found_is_believed_at_once(
    engine: SubmissionEngine, client: FakeClient
) -> None:
    client.script["DROP-1"] = ["drop"]  # created, answer lost
    [result] = engine.submit_batch([ka_order("DROP-1")], LIVE).wait(30).results
    assert (result.status, result.remote_id) == (ResultStatus.ACCEPTED, "K-DROP-1")
    assert client.sends() == ["DROP-1"]


def test_a_sandbox_profile_believes_absent_at_once(
    engine: SubmissionEngine, client: FakeClient
) -> None:
    assert PROFILE.lookup_settle_seconds == 0
    client.script["SB-1"] = ["lost"]
    [result] = engine.submit_batch([ka_order("SB-1")], PROFILE).wait(30).results
    assert result.status is ResultStatus.ACCEPTED and client.sends() == ["SB-1", "SB-1"]


def test_the_settle_time_runs_from_the_end_of_the_uncertain_request(
    engine: SubmissionEngine, client: FakeClient, clock: FakeClock
) -> None:
    """A request that hung for its whole timeout may have been processed at its very end."""
    client.script["SLOW-1"] = ["lost"]
    original = client._outcome

    def slow_outcome(reference: str, step: str) -> SendOutcome:
        return replace(original(reference, step), duration_ms=30_000)

    client._outcome = slow_outcome  # type: ignore[method-assign]
    sent_at = clock.now
    [result] = engine.submit_batch([ka_order("SLOW-1")], LIVE).wait(30).results
    assert hh_mm(sent_at + 30 + SETTLE) in result.message
    clock.now = sent_at + SETTLE + 10  # past the settle time from the start, not from the end
    [still] = engine.reconcile(LIVE).wait(30).recovered
    assert still.status is ResultStatus.UNKNOWN and client.sends() == ["SLOW-1"]


def test_a_send_cut_short_by_a_crash_waits_out_the_settle_time_from_recovery(
    engine: SubmissionEngine, journal: Journal, client: FakeClient, clock: FakeClock
) -> None:
    crashed = journal.add_order(Target.KA, LIVE.account, "CRASH-1", '{"customOrderId": "CRASH-1"}',
                                "fp", generated=False, batch_id=None)
    assert journal.claim_for_send(crashed.id) is not None  # ... and the process died
    clock.now += 20  # the next start
    recovered_at = clock.now
    report = engine.submit_batch([ka_order("NEW-1")], LIVE).wait(30)
    [old] = report.recovered
    assert old.status is ResultStatus.UNKNOWN and hh_mm(recovered_at + SETTLE) in old.message
    assert client.sends() == ["NEW-1"]
    [interrupted, lookup] = journal.attempts(crashed.id)
    assert (interrupted.kind, interrupted.outcome) == (AttemptKind.SEND, "unknown")
    assert "interrupted" in interrupted.message
    assert interrupted.started_at + interrupted.duration_ms / 1000 == pytest.approx(recovered_at)
    assert lookup.kind is AttemptKind.LOOKUP

    clock.now = recovered_at + SETTLE + 1
    [resolved] = engine.reconcile(LIVE).wait(30).recovered
    assert resolved.status is ResultStatus.ACCEPTED
    assert client.sends() == ["NEW-1", "CRASH-1"]


def test_lookups_reach_back_to_when_the_order_was_journaled(
    engine: SubmissionEngine, journal: Journal, client: FakeClient, clock: FakeClock
) -> None:
    journaled_at = clock.now
    client.script["OLD-1"] = ["lost"]
    engine.submit_batch([ka_order("OLD-1")], LIVE).wait(30)
    clock.now += 10 * 24 * 3600  # left unknown for ten days
    engine.reconcile(LIVE).wait(30)
    expected = datetime.fromtimestamp(journaled_at, UTC)
    assert client.lookups_since == [expected, expected]


# -- the setting ---------------------------------------------------------------------------------


def test_default_settle_times_per_api_and_environment() -> None:
    assert [p.lookup_settle_seconds for p in SANDBOX_PROFILES] == [0.0, 0.0]
    for environment in (Environment.TEST, Environment.PRODUCTION):
        assert default_profile("k", Target.KA, environment).lookup_settle_seconds == (
            KA_LOOKUP_SETTLE)
        assert default_profile("n", Target.NOMAD, environment).lookup_settle_seconds == (
            NOMAD_LOOKUP_SETTLE)
    # Built without it: the most cautious value, never "trust at once".
    bare = Profile("bare", Target.NOMAD, Environment.PRODUCTION, base_url="https://x.example")
    assert bare.lookup_settle_seconds == KA_LOOKUP_SETTLE


def test_settings_written_before_the_setting_existed_still_load() -> None:
    old = default_profile("Old Nomad", Target.NOMAD, Environment.PRODUCTION).to_json()
    del old["lookup_settle_seconds"]
    assert Profile.from_json(old).lookup_settle_seconds == NOMAD_LOOKUP_SETTLE
    sandbox = SANDBOX_PROFILES[0].to_json()
    del sandbox["lookup_settle_seconds"]
    assert Profile.from_json(sandbox).lookup_settle_seconds == 0.0
    tuned = replace(SANDBOX_PROFILES[1], lookup_settle_seconds=12.5)
    assert Profile.from_json(tuned.to_json()) == tuned


@pytest.mark.parametrize("bad", [-1.0, float("nan"), 10 * 24 * 3600.0])
def test_a_settle_time_out_of_range_is_named(bad: float) -> None:
    with pytest.raises(ValueError, match="lookup settle time"):
        replace(SANDBOX_PROFILES[0], lookup_settle_seconds=bad).check()


# -- the command line ------------------------------------------------------------------------------


def test_submit_and_reconcile_take_a_lookup_settle_override(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.cli import EXIT_USAGE, build_parser, main
    from app.cli.common import overrides_from, select_profile
    from app.core.desk import apply_overrides
    from app.core.settings import Settings

    parser = build_parser()
    submit = parser.parse_args(["submit", "o.json", "--target", "nomad", "--lookup-settle", "42"])
    assert select_profile(Settings(), submit).lookup_settle_seconds == 42.0
    reconcile = parser.parse_args(["reconcile", "--lookup-settle", "0"])
    live = default_profile("Live", Target.KA, Environment.PRODUCTION)
    assert apply_overrides(live, overrides_from(reconcile)).lookup_settle_seconds == 0.0
    assert apply_overrides(
        live, overrides_from(parser.parse_args(["reconcile"]))).lookup_settle_seconds == (
        KA_LOOKUP_SETTLE)

    orders = tmp_path / "orders.json"
    orders.write_text("[]", encoding="utf-8")
    assert main(["submit", str(orders), "--target", "ka", "--lookup-settle", "-5"]) == EXIT_USAGE
    assert "lookup settle time" in capsys.readouterr().err


# -- a property: whatever the lag (up to the settle time), nothing is created twice -------------


class LaggingServer(FakeClient):
    """The scripted server, whose order query lists an order only `lag` seconds after it was
    created (by the shared fake clock)."""

    def __init__(self, clock: FakeClock, lag: float) -> None:
        super().__init__()
        self._clock = clock
        self._lag = lag
        self._created_at: dict[str, float] = {}

    def _outcome(self, reference: str, step: str) -> SendOutcome:
        outcome = super()._outcome(reference, step)
        if step in ("accept", "drop"):
            self._created_at.setdefault(reference, self._clock())
        return outcome

    def lookup(self, reference: str, *, since: datetime | None = None,
               pace: object = None) -> LookupResult:
        created = self._created_at.get(reference)
        if created is not None and self._clock() < created + self._lag:
            with self._lock:
                self.calls.append(("lookup", reference))
            return LookupResult(LookupState.ABSENT, message="not indexed yet")
        return super().lookup(reference, since=since)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(
    scripts=st.lists(st.lists(st.sampled_from(["accept", "drop", "lost", "retry"]), max_size=3),
                     min_size=1, max_size=6),
    lag=st.floats(0, SETTLE),
    reconcile_after=st.lists(st.floats(0, 2 * SETTLE), max_size=4),
)
def test_a_lagging_order_query_never_leads_to_a_second_order(
    tmp_path_factory: pytest.TempPathFactory, scripts: list[list[str]], lag: float,
    reconcile_after: list[float],
) -> None:
    clock = FakeClock()
    server = LaggingServer(clock, lag)
    references = [f"PROP-{n}" for n in range(len(scripts))]
    for reference, script in zip(references, scripts, strict=True):
        server.script[reference] = list(script)
    path = tmp_path_factory.mktemp("settle") / "journal.sqlite3"
    with Journal(path, clock=clock) as journal:
        engine = SubmissionEngine(journal, lambda profile: server, policy=FAST, wall_clock=clock)
        try:
            engine.submit_batch([ka_order(ref) for ref in references], LIVE).wait(30)
            for wait in reconcile_after:  # the operator reconciles whenever they like
                clock.now += wait
                engine.reconcile(LIVE).wait(30)
            for _ in range(5):  # then patiently, until nothing is open
                if not journal.in_state(OrderState.UNKNOWN):
                    break
                clock.now += SETTLE + 1
                engine.reconcile(LIVE).wait(30)
        finally:
            engine.close()
        assert {ref: server.created[ref] for ref in references} == dict.fromkeys(references, 1)
        assert {record.state for record in journal.page(None, 0, -1)} == {OrderState.ACCEPTED}
