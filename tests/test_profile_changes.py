"""What the journal allows when a profile changes, on a real journal file."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from app.core.journal import Journal, OrderState
from app.core.profile_changes import assess_change, unsettled_orders
from app.core.settings import default_profile
from app.core.targets import Environment, Target

SHOP = default_profile("Shop KA", Target.KA, Environment.TEST)


def test_a_profile_without_orders_may_change_in_every_way(tmp_path: Path) -> None:
    with Journal(tmp_path / "journal.sqlite3") as journal:
        moved = replace(SHOP, name="Other", target=Target.NOMAD, base_url="https://x.test")
        change = assess_change(journal, SHOP, moved)
        assert not (change.target_locked or change.rename_waits or change.moves_sent_orders)


def test_sent_orders_lock_the_target_question_a_move_and_hold_a_rename(tmp_path: Path) -> None:
    with Journal(tmp_path / "journal.sqlite3") as journal:
        sending = journal.add_order(Target.KA, "Shop KA", "R-1", "{}", "fp", generated=False,
                                    batch_id=None)
        assert journal.claim_for_send(sending.id)
        assert unsettled_orders(journal, "Shop KA") == 1

        change = assess_change(journal, SHOP, replace(SHOP, target=Target.NOMAD))
        assert change.journaled == 1 and change.target_locked
        assert assess_change(journal, SHOP, replace(SHOP, base_url="https://b.test")) \
            .moves_sent_orders
        assert assess_change(journal, SHOP, replace(SHOP, name="Renamed")).rename_waits
        assert not assess_change(journal, SHOP, replace(SHOP, concurrency=2)).moves_sent_orders

        journal.set_state(sending.id, OrderState.ACCEPTED)
        assert not assess_change(journal, SHOP, replace(SHOP, name="Renamed")).rename_waits
        assert unsettled_orders(journal, "Shop KA") == 0
