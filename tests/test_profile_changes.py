"""What the journal allows when a profile changes, on a real journal file."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from app.core.journal import Journal, OrderState
from app.core.profile_changes import assess_change, unsettled_orders
from app.core.settings import Settings, default_profile
from app.core.targets import Environment, Target

SHOP = default_profile("Shop KA", Target.KA, Environment.TEST,
                       base_url="https://shop.example.test")


def test_a_profile_without_orders_may_change_in_every_way(tmp_path: Path) -> None:
    settings = Settings({SHOP.name: SHOP})
    with Journal(tmp_path / "journal.sqlite3") as journal:
        moved = replace(SHOP, name="Other", target=Target.NOMAD, base_url="https://x.test")
        change = assess_change(journal, settings, SHOP, moved)
        assert change.account_changed
        assert not (change.strands_orders or change.leaves_sent_orders)


def test_open_orders_hold_the_account_sent_ones_make_a_move_a_question(tmp_path: Path) -> None:
    settings = Settings({SHOP.name: SHOP})
    with Journal(tmp_path / "journal.sqlite3") as journal:
        sending = journal.add_order(Target.KA, SHOP.account, "R-1", "{}", "fp", generated=False,
                                    batch_id=None, profile=SHOP.name)
        assert journal.claim_for_send(sending.id)
        assert unsettled_orders(journal, settings, "Shop KA") == 1

        elsewhere = replace(SHOP, base_url="https://b.test")
        change = assess_change(journal, settings, SHOP, elsewhere)
        assert change.journaled == 1 and change.strands_orders
        assert assess_change(journal, settings, SHOP,
                             replace(SHOP, target=Target.NOMAD)).strands_orders
        # A rename, another spelling of the same URL, or an engine setting: the same account.
        for same in (replace(SHOP, name="Renamed"), replace(SHOP, concurrency=2),
                     replace(SHOP, base_url="HTTPS://shop.example.test:443/")):
            change = assess_change(journal, settings, SHOP, same)
            assert not (change.account_changed or change.strands_orders)

        # A second profile for the account can settle its open orders: the first may leave.
        second = replace(SHOP, name="Shop KA (desk 2)")
        settings.add(second)
        assert not assess_change(journal, settings, SHOP, elsewhere).strands_orders
        assert unsettled_orders(journal, settings, "Shop KA") == 0
        del settings.profiles[second.name]

        journal.set_state(sending.id, OrderState.ACCEPTED)
        change = assess_change(journal, settings, SHOP, elsewhere)
        assert change.leaves_sent_orders and not change.strands_orders
        assert unsettled_orders(journal, settings, "Shop KA") == 0
