"""The claims thread of a batch (`ClaimsAhead`): claims waiting together go into one durable
transaction, a worker waiting for its claim is not kept waiting, and one claim's failure is
its own."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest

from app.core.engine import ahead as ahead_module
from app.core.engine.ahead import ClaimsAhead
from app.core.journal import Journal, JournalError, OrderRecord, OrderState
from app.core.targets import Target


class Claim:
    """The smallest claim the thread takes: an order to claim, its result in a future."""

    def __init__(self, journal: Journal, order_id: int) -> None:
        self.journal = journal
        self.order_id = order_id
        self.future: Future[OrderRecord | None] = Future()

    def body(self) -> Any:
        return self.journal.claim_for_send(self.order_id)

    def done(self, written: Any) -> None:
        self.future.set_result(written)

    def fail(self, exc: BaseException) -> None:
        self.future.set_exception(exc)

    def alone(self) -> None:
        try:
            self.future.set_result(self.journal.claim_for_send(self.order_id))
        except BaseException as exc:
            self.future.set_exception(exc)


@pytest.fixture(autouse=True)
def patient(monkeypatch: pytest.MonkeyPatch) -> None:
    # Claims give way to answered workers for up to 5 s, not 30 ms: a busy machine cannot
    # split the claims given together, and a claim given at once is seen to be so.
    monkeypatch.setattr(ahead_module, "GIVE_WAY", 5.0)


@pytest.fixture
def statements() -> list[str]:
    return []


@pytest.fixture
def journal(tmp_path: Path, statements: list[str]) -> Iterator[Journal]:
    def traced(conn: sqlite3.Connection) -> None:
        conn.set_trace_callback(statements.append)

    with Journal(tmp_path / "journal.sqlite3", on_connect=traced) as journal:
        yield journal


def queued(journal: Journal, count: int) -> list[int]:
    return [journal.add_order(Target.KA, "acct", f"R-{n}", "{}", f"f{n}", generated=False,
                              batch_id=None).id for n in range(count)]


def test_claims_waiting_together_are_committed_in_one_durable_transaction(
    journal: Journal, statements: list[str]
) -> None:
    ids = queued(journal, 5)
    ahead = ClaimsAhead(journal)
    ahead.answered(+1)  # a worker writes an answer's outcome: the claims give way
    claims = [Claim(journal, order_id) for order_id in ids]
    statements.clear()
    for claim in claims:
        ahead.submit(claim)
    ahead.answered(-1)  # it has sent its next request
    records = [ahead.result(claim.future) for claim in claims]
    ahead.close()
    assert [record.state if record else None for record in records] == [OrderState.SENDING] * 5
    assert statements.count("COMMIT") == 1
    assert "PRAGMA synchronous = NORMAL" not in statements


def test_a_worker_waiting_for_its_claim_gets_it_without_the_gathering_wait(
    journal: Journal,
) -> None:
    [order_id] = queued(journal, 1)
    ahead = ClaimsAhead(journal)
    ahead.answered(+1)  # were nobody waiting, the claim would wait for this worker
    claim = Claim(journal, order_id)
    started = time.monotonic()
    ahead.submit(claim)
    record = ahead.result(claim.future)
    ahead.close()
    assert record is not None and record.state is OrderState.SENDING
    assert time.monotonic() - started < ahead_module.GIVE_WAY / 2


def test_one_failing_claim_leaves_the_others_of_its_transaction_claimed(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = queued(journal, 3)
    claim = Journal.claim_for_send

    def refused(self: Journal, order_id: int) -> OrderRecord | None:
        if order_id == ids[1]:
            raise JournalError("the journal refused this claim")
        return claim(self, order_id)

    monkeypatch.setattr(Journal, "claim_for_send", refused)
    ahead = ClaimsAhead(journal)
    claims = [Claim(journal, order_id) for order_id in ids]
    ahead.answered(+1)  # held back until all three are in
    for item in claims:
        ahead.submit(item)
    ahead.answered(-1)
    assert ahead.result(claims[0].future) is not None
    with pytest.raises(JournalError):
        ahead.result(claims[1].future)
    assert ahead.result(claims[2].future) is not None
    ahead.close()
    assert [journal.get(order_id).state for order_id in ids] == [
        OrderState.SENDING, OrderState.QUEUED, OrderState.SENDING]
