"""The journal keeps what the server says after an order is accepted (schema v3): status checks and
cancels as attempts of their own kinds, the server's status, parts and tracking, where a cancel
stands; on real SQLite files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.core.journal import (
    AttemptKind,
    HistoryFilter,
    Journal,
    NewAttempt,
    OrderState,
    schema,
)
from app.core.server_status import (
    CancelState,
    ServerPart,
    ServerStatus,
    ServerView,
    Shipment,
    Tracking,
    summarise,
)
from app.core.targets import Target
from tests.test_journal import add


@pytest.fixture
def journal(make_journal) -> Journal:
    return make_journal()  # each backend: a SQLite file, a team journal on PostgreSQL


def accepted(journal: Journal, reference: str, remote_id: str = "R1", **options: object):
    order = add(journal, reference, **options)
    assert journal.claim_for_send(order.id)
    return journal.record(order.id, NewAttempt(AttemptKind.SEND, 1.0, "accepted"),
                          OrderState.ACCEPTED, remote_id=remote_id)


def view(*statuses: ServerStatus, at: float = 50.0) -> ServerView:
    parts = tuple(
        ServerPart(f"R{i}", status, status.value,
                   (Tracking("UPS", f"1Z{i}"),) if status is ServerStatus.SHIPPED else ())
        for i, status in enumerate(statuses, 1))
    return ServerView(parts, at)


def status_attempt(outcome: str = "processing") -> NewAttempt:
    return NewAttempt(AttemptKind.STATUS, 40.0, outcome, "asked", http_status=200)


def test_a_v2_journal_gains_the_server_columns_and_keeps_its_orders(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    for step in range(2):
        for statement in schema._statements(schema.MIGRATIONS[step]):
            if "legacy_accounts" in statement:
                conn.execute("CREATE TEMP TABLE IF NOT EXISTS legacy_accounts "
                             "(target TEXT, profile TEXT, account TEXT)")
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 2")
    conn.execute("INSERT INTO orders (target, account, profile, reference, reference_generated, "
                 "state, payload, fingerprint, remote_id, created_at, updated_at) VALUES "
                 "('ka', 'acct', 'p', 'OLD-1', 0, 'accepted', '{}', 'fp', '77', 1, 1)")
    conn.close()
    with Journal(path) as journal:
        (order,) = journal.page()
        assert (order.reference, order.remote_id, order.server_status, order.cancel_state) == (
            "OLD-1", "77", None, None)
        assert [o.reference for o in journal.status_due()] == ["OLD-1"]
    assert schema.backup_path(path, 2).exists()


def test_a_status_check_is_an_attempt_and_sets_the_server_view(journal: Journal) -> None:
    order = accepted(journal, "A-1")
    seen = journal.record_server(order.id, status_attempt("shipped"),
                                 view=view(ServerStatus.SHIPPED, ServerStatus.PROCESSING))
    assert seen.state is OrderState.ACCEPTED
    assert seen.server_status is ServerStatus.PARTLY_SHIPPED and seen.server_checked_at == 50.0
    assert [(p.remote_id, p.status) for p in seen.server_parts] == [
        ("R1", ServerStatus.SHIPPED), ("R2", ServerStatus.PROCESSING)]
    assert seen.server_parts[0].tracking == (Tracking("UPS", "1Z1"),)
    (_, check) = journal.attempts(order.id)
    assert (check.kind, check.outcome, check.http_status) == (AttemptKind.STATUS, "shipped", 200)


def test_a_failed_check_is_recorded_and_leaves_the_last_view(journal: Journal) -> None:
    order = accepted(journal, "A-1")
    journal.record_server(order.id, status_attempt(), view=view(ServerStatus.PROCESSING))
    after = journal.record_server(order.id, status_attempt("failed"))
    assert after.server_status is ServerStatus.PROCESSING and after.server_checked_at == 50.0
    assert [a.outcome for a in journal.attempts(order.id)][1:] == ["processing", "failed"]


def test_shipment_filter(journal: Journal) -> None:
    shipped, waiting, cancelled, _never = (accepted(journal, ref) for ref in "SWCN")
    add(journal, "Q")  # queued: not an order on the server yet
    journal.record_server(shipped.id, status_attempt(), view=view(ServerStatus.SHIPPED))
    journal.record_server(waiting.id, status_attempt(), view=view(ServerStatus.PROCESSING))
    journal.record_server(cancelled.id, status_attempt(), view=view(ServerStatus.CANCELLED))

    def refs(shipment: Shipment) -> set[str]:
        return {o.reference for o in journal.page(HistoryFilter(shipment=shipment))}

    assert refs(Shipment.SHIPPED) == {"S"}
    assert refs(Shipment.CANCELLED) == {"C"}
    assert refs(Shipment.NOT_SHIPPED) == {"W", "N"}
    assert journal.count(HistoryFilter(shipment=Shipment.NOT_SHIPPED, reference="W")) == 1


def test_a_cancel_is_claimed_once_and_never_for_a_shipped_order(journal: Journal) -> None:
    order = accepted(journal, "A-1")
    shipped = accepted(journal, "A-2", "R2")
    journal.record_server(shipped.id, status_attempt(), view=view(ServerStatus.SHIPPED))
    assert journal.claim_for_cancel(shipped.id) is None
    assert journal.claim_for_cancel(add(journal, "Q").id) is None, "not on the server"
    claimed = journal.claim_for_cancel(order.id)
    assert claimed is not None and claimed.cancel_state is CancelState.SENDING
    assert journal.claim_for_cancel(order.id) is None, "a cancel in flight is not sent twice"
    done = journal.record_server(order.id, NewAttempt(AttemptKind.CANCEL, 60.0, "unknown"),
                                 cancel_state=CancelState.UNKNOWN)
    assert done.cancel_state is CancelState.UNKNOWN
    assert journal.claim_for_cancel(order.id) is None, "an unknown cancel is looked up first"
    # The lookup finds it cancelled: the cancel is settled with it.
    settled = journal.record_server(order.id, status_attempt("cancel"),
                                    view=view(ServerStatus.CANCELLED))
    assert (settled.server_status, settled.cancel_state) == (
        ServerStatus.CANCELLED, CancelState.CANCELLED)
    assert [o.reference for o in journal.status_due()] == ["A-2"], "a cancelled one is over"


def test_a_refused_cancel_may_be_asked_again(journal: Journal) -> None:
    order = accepted(journal, "A-1")
    assert journal.claim_for_cancel(order.id)
    journal.record_server(order.id, NewAttempt(AttemptKind.CANCEL, 60.0, "refused"),
                          cancel_state=CancelState.REFUSED)
    assert journal.claim_for_cancel(order.id) is not None


def test_a_cancel_cut_short_by_a_crash_becomes_unknown(make_journal) -> None:
    journal = make_journal(lease_seconds=0)  # a team journal's: its desk counts as stopped at once
    order = accepted(journal, "A-1")
    assert journal.claim_for_cancel(order.id)
    journal.mark_interrupted()
    after = journal.get(order.id)
    assert after.cancel_state is CancelState.UNKNOWN and after.state is OrderState.ACCEPTED
    last = journal.attempts(order.id)[-1]
    assert (last.kind, last.outcome) == (AttemptKind.CANCEL, "unknown")


def test_status_due_leaves_finished_and_recently_checked_orders_out(journal: Journal) -> None:
    done, fresh, stale, _never = (accepted(journal, ref) for ref in ("done", "fresh", "stale",
                                                                     "never"))
    journal.record_server(done.id, status_attempt(), view=view(ServerStatus.COMPLETED, at=10))
    journal.record_server(fresh.id, status_attempt(), view=view(ServerStatus.SHIPPED, at=100))
    journal.record_server(stale.id, status_attempt(), view=view(ServerStatus.PROCESSING, at=10))
    due = journal.status_due(checked_before=50)
    assert [o.reference for o in due] == ["never", "stale"], "never checked first, then oldest"
    assert [o.reference for o in journal.status_due(limit=1)] == ["never"]
    assert journal.status_due(target=Target.NOMAD) == []


@pytest.mark.parametrize(("statuses", "summary"), [
    ((ServerStatus.PROCESSING,), ServerStatus.PROCESSING),
    ((ServerStatus.SHIPPED, ServerStatus.PROCESSING), ServerStatus.PARTLY_SHIPPED),
    ((ServerStatus.SHIPPED, ServerStatus.COMPLETED), ServerStatus.SHIPPED),
    ((ServerStatus.SHIPPED, ServerStatus.CANCELLED), ServerStatus.SHIPPED),
    ((ServerStatus.CANCELLED, ServerStatus.CANCELLED), ServerStatus.CANCELLED),
    ((ServerStatus.WAITING, ServerStatus.PROCESSING), ServerStatus.WAITING),
    ((), ServerStatus.NOT_FOUND),
])
def test_parts_summarise_to_the_least_advanced(statuses: tuple[ServerStatus, ...],
                                               summary: ServerStatus) -> None:
    assert summarise(statuses) is summary
