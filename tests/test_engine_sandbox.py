"""The engine with the real clients against the sandbox over loopback HTTP, under injected faults:
every order ends up created exactly once on the server and accepted in the journal."""

from __future__ import annotations

import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.clients import make_client
from app.core.engine import ResultStatus, RetryPolicy, SubmissionEngine
from app.core.journal import HistoryFilter, Journal, OrderState
from app.core.secrets import SANDBOX_SECRETS
from app.core.settings import SANDBOX_PROFILES, Profile
from app.core.targets import Target
from app.sandbox import SandboxConfig, SandboxServer
from tests.fixtures.sandbox import ka_order, nomad_order

KA, NOMAD = SANDBOX_PROFILES
POLICY = RetryPolicy(backoff_base=0.02, backoff_cap=0.2, settle_delay=0.0, max_send_attempts=30,
                     lookup_attempts=10)
ORDER_OF = {Target.KA: ka_order, Target.NOMAD: nomad_order}
# Duplicates allowed on the server, so a resend under the same reference would be counted.
COUNTING = SandboxConfig(allow_duplicate_references=True, seed=7)


def factory(server: SandboxServer) -> Callable[[Profile], Any]:
    def build(profile: Profile) -> Any:
        url = server.nomad_base_url if profile.target is Target.NOMAD else server.ka_base_url
        return make_client(replace(profile, timeout=5.0), SANDBOX_SECRETS, base_url=url)

    return build


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    with Journal(tmp_path / "journal.sqlite3") as opened:
        yield opened


def assert_each_created_once(server: SandboxServer, target: Target, references: list[str]) -> None:
    counts = Counter({ref: server.count_by_reference(target, ref) for ref in references})
    assert {ref: n for ref, n in counts.items() if n != 1} == {}
    assert len(server.orders(target)) == len(references), "nothing else was created"


@pytest.mark.parametrize("profile", [KA, NOMAD], ids=["ka", "nomad"])
def test_a_faulty_batch_ends_with_every_order_created_exactly_once(
    sandbox_factory: Callable[..., SandboxServer], journal: Journal, profile: Profile
) -> None:
    server = sandbox_factory(COUNTING, drop_after_commit_rate=0.15, error_rate=0.1,
                             malformed_rate=0.05, ka_rate_limit=300.0, ka_burst=40)
    references = [f"{profile.target.value}-{n:03d}" for n in range(300)]
    engine = SubmissionEngine(journal, factory(server), policy=POLICY)
    try:
        handle = engine.submit_batch([ORDER_OF[profile.target](ref) for ref in references],
                                     replace(profile, concurrency=8))
        report = handle.wait(120)
    finally:
        engine.close()
    assert Counter(r.status for r in report.results) == {ResultStatus.ACCEPTED: 300}
    assert_each_created_once(server, profile.target, references)
    assert journal.count(HistoryFilter(state=OrderState.ACCEPTED)) == 300
    outcomes = Counter(
        attempt.outcome for record in journal.page(None, 0, -1)
        for attempt in journal.attempts(record.id)
    )
    assert outcomes["unknown"] > 0 and outcomes["retry"] > 0 and outcomes["found"] > 0, outcomes
    remote_ids = {r.remote_id for r in report.results}
    assert len(remote_ids) == 300 and None not in remote_ids


def test_the_client_side_limit_prevents_429_storms(
    sandbox_factory: Callable[..., SandboxServer], journal: Journal
) -> None:
    server = sandbox_factory(COUNTING, ka_rate_limit=40.0, ka_burst=10)
    engine = SubmissionEngine(journal, factory(server), policy=POLICY)
    # A little under the server's limit: two clocks never agree exactly.
    profile = replace(KA, concurrency=8, rate_limit=36.0, burst=8)
    started = time.monotonic()
    try:
        report = engine.submit_batch([ka_order(f"RL-{n}") for n in range(40)], profile).wait(60)
    finally:
        engine.close()
    assert report.count(ResultStatus.ACCEPTED) == 40
    assert time.monotonic() - started >= (40 - 8) / 36.0 * 0.95
    statuses = [a.http_status for r in journal.page(None, 0, -1) for a in journal.attempts(r.id)]
    assert statuses == [200] * 40, "no request was refused by the server's limit"


def test_secrets_never_reach_the_journal(
    sandbox_factory: Callable[..., SandboxServer], journal: Journal
) -> None:
    server = sandbox_factory(COUNTING)
    engine = SubmissionEngine(journal, factory(server), policy=POLICY)
    try:
        engine.submit_batch([ka_order("S-1")], KA).wait(30)
        engine.submit_batch([nomad_order("S-2")], NOMAD).wait(30)
    finally:
        engine.close()
    raw = journal.path.read_bytes() + Path(str(journal.path) + "-wal").read_bytes()
    for secret in (SANDBOX_SECRETS["ka_token"], SANDBOX_SECRETS["nomad_app_secret"]):
        assert secret.encode() not in raw
    [attempt] = journal.attempts(journal.page(HistoryFilter(reference="S-1"))[0].id)
    assert attempt.request_json and "/openapi/v2/order/orders" in attempt.request_json


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    target=st.sampled_from([Target.KA, Target.NOMAD]),
    drop=st.floats(0.0, 0.5),
    error=st.floats(0.0, 0.4),
    malformed=st.floats(0.0, 0.2),
    concurrency=st.integers(1, 6),
    with_reference=st.lists(st.booleans(), min_size=1, max_size=25),
    cancel_after=st.one_of(st.none(), st.integers(0, 10)),
)
def test_random_fault_interleavings_never_lose_or_duplicate_an_order(
    target: Target, drop: float, error: float, malformed: float, concurrency: int,
    with_reference: list[bool], cancel_after: int | None,
) -> None:
    """Random faults, a batch perhaps cancelled part-way, then the same orders submitted again
    with the faults gone: every order exists exactly once and the journal says accepted."""
    profile = replace(SANDBOX_PROFILES[0] if target is Target.KA else SANDBOX_PROFILES[1],
                      concurrency=concurrency)
    orders = [
        ORDER_OF[target](f"H-{n}" if ref else None, remark=f"order {n}")
        if target is Target.KA
        else ORDER_OF[target](f"H-{n}" if ref else None, customerNote=f"order {n}")
        for n, ref in enumerate(with_reference)
    ]
    config = replace(COUNTING, drop_after_commit_rate=drop, error_rate=error,
                     malformed_rate=malformed, ka_rate_limit=None)
    with tempfile.TemporaryDirectory() as home, SandboxServer(config) as server:
        journal = Journal(Path(home) / "journal.sqlite3")
        engine = SubmissionEngine(journal, factory(server), policy=POLICY)
        try:
            progress_seen: list[int] = []

            def maybe_cancel(progress: Any) -> None:
                progress_seen.append(progress.done)
                if cancel_after is not None and progress.done >= cancel_after:
                    handle.cancel()

            handle = engine.submit_batch(orders, profile, on_progress=maybe_cancel)
            first_run = handle.wait(60)
            server.set_faults(drop_after_commit_rate=0.0, error_rate=0.0, malformed_rate=0.0)
            report = engine.submit_batch(orders, profile).wait(60)
        finally:
            engine.close()
        # A re-run holds back orders without a reference that were accepted the first time
        # (suspected duplicates); everything else ends accepted.
        references = []
        for first, second in zip(first_run.results, report.results, strict=True):
            if second.status is ResultStatus.DUPLICATE:
                assert first.reference is not None and second.order_id is not None
                earlier = journal.get(second.order_id)
                assert earlier.state is OrderState.ACCEPTED
                references.append(earlier.reference)
            else:
                assert second.status is ResultStatus.ACCEPTED, second
                references.append(second.reference)
        assert None not in references and len(set(references)) == len(orders)
        assert_each_created_once(server, target, [ref for ref in references if ref])
        assert journal.count(HistoryFilter(state=OrderState.UNKNOWN)) == 0
        journal.close()


def test_a_worker_journals_an_outcome_with_its_next_claim(
    sandbox_factory: Callable[..., SandboxServer], tmp_path: Path
) -> None:
    """One commit per order sent, not two: an accepted order's outcome goes into the journal in
    the transaction that claims its worker's next order; the results still come one per order,
    each only once its outcome is written."""
    server = sandbox_factory(COUNTING, latency=0.01, ka_rate_limit=None)
    statements: list[str] = []
    written: dict[str, OrderState] = {}
    references = [f"KA-{n:03d}" for n in range(60)]
    with Journal(tmp_path / "journal.sqlite3",
                 on_connect=lambda conn: conn.set_trace_callback(statements.append)) as journal:
        engine = SubmissionEngine(journal, factory(server), policy=POLICY)

        def on_result(result: Any) -> None:  # what the journal says when the result arrives
            written[result.reference] = journal.get(result.order_id).state

        try:
            report = engine.submit_batch([ka_order(ref) for ref in references],
                                         replace(KA, concurrency=4),
                                         on_result=on_result).wait(60)
        finally:
            engine.close()
    assert Counter(r.status for r in report.results) == {ResultStatus.ACCEPTED: 60}
    assert written == dict.fromkeys(references, OrderState.ACCEPTED)
    assert_each_created_once(server, Target.KA, references)
    commits = sum(statement == "COMMIT" for statement in statements)
    # A claim each, the outcome of each worker's last order alone, the batch and its chunks.
    assert commits <= 60 + 4 + 1 + 60 // 16 + 2, commits
