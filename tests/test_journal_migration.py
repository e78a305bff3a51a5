"""A journal written before orders were keyed on their account (schema v1, keyed on a profile's
name) is migrated with each profile's orders mapped to the account that profile reaches."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from app.core.accounts import EMBEDDED_SANDBOX
from app.core.desk import open_journal
from app.core.journal import HistoryFilter, OrderState, schema
from app.core.settings import Settings, default_profile
from app.core.targets import Environment, Target

SHOP = default_profile("Shop KA", Target.KA, Environment.PRODUCTION,
                       base_url="https://shop.example.test")
# The same server spelt another way: one account.
SHOP_AGAIN = default_profile("Shop KA again", Target.KA, Environment.PRODUCTION,
                             base_url="HTTPS://Shop.Example.test/")


APP_KEY = "204777123"


def _v1_journal(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in schema._statements(schema.MIGRATIONS[0]):
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    rows = [
        # id, profile, reference, state, remote id, batch
        (1, "Shop KA", "R-1", "rejected", None, 1),
        (2, "Shop KA again", "R-1", "accepted", "KK-1", 2),  # the one that may exist remotely
        (3, "Shop KA", "R-2", "unknown", None, 1),
        (4, "Sandbox KA", "R-1", "accepted", "KK-9", None),
        (5, "Deleted KA", "R-3", "accepted", "KK-7", None),
    ]
    conn.execute("INSERT INTO batches VALUES (1, 1.0, 'ka', 'Shop KA', 2, 'a.csv')")
    conn.execute("INSERT INTO batches VALUES (2, 2.0, 'ka', 'Shop KA again', 1, 'b.csv')")
    for order_id, profile, reference, state, remote_id, batch in rows:
        conn.execute(
            "INSERT INTO orders (id, target, profile, reference, reference_generated, state, "
            "payload, fingerprint, remote_id, message, batch_id, attempt_count, created_at, "
            "updated_at) VALUES (?, 'ka', ?, ?, 0, ?, ?, 'fp', ?, '', ?, 1, 1.0, 1.0)",
            (order_id, profile, reference, state,
             f'{{"customOrderId": "{reference}", "name": "Ada Lovelace {order_id}"}}',
             remote_id, batch))
        conn.execute("INSERT INTO attempts (order_id, kind, started_at, target, profile, "
                     "outcome) VALUES (?, 'send', 1.0, 'ka', ?, ?)", (order_id, profile, state))
    # A Nomad request as v1 recorded it: the app key and signature in clear, echoed back.
    request = json.dumps({"method": "POST", "url": "https://n.test/envoy/order/s",
                          "headers": {"x-ca-key": APP_KEY, "x-ca-signature": "c2lnbmF0dXJl",
                                      "x-ca-stage": "RELEASE"}, "body": "{}"})
    conn.execute("INSERT INTO attempts (order_id, kind, started_at, target, profile, request, "
                 "response_body, outcome, message) VALUES (4, 'send', 2.0, 'ka', 'Sandbox KA', "
                 "?, ?, 'rejected', ?)",
                 (request, f'{{"StringToSign": "x-ca-key:{APP_KEY}"}}',
                  f"Invalid Signature x-ca-key:{APP_KEY}"))
    conn.close()


def test_each_profile_s_orders_go_to_its_account(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    _v1_journal(path)
    settings = Settings({p.name: p for p in (SHOP, SHOP_AGAIN)})

    with open_journal(settings, path) as journal:
        accepted = journal.find(Target.KA, SHOP.account, "R-1")
        assert accepted is not None and (accepted.id, accepted.remote_id) == (2, "KK-1")
        assert accepted.profile == "Shop KA again"
        # The other order under that reference is kept in the history, labelled, not lost.
        rejected = journal.get(1)
        assert rejected.account == f"{SHOP.account} (via Shop KA)"
        assert rejected.state is OrderState.REJECTED
        assert journal.get(3).account == SHOP.account
        assert journal.find(Target.KA, EMBEDDED_SANDBOX, "R-1") == journal.get(4)
        assert journal.get(5).account == "profile Deleted KA"  # no profile knows it any more
        assert len(journal.attempts(3)) == 1  # attempts still belong to their orders
        echoed = journal.attempts(4)[-1]
        assert "***" in (echoed.request_json or "") and "***" in echoed.message
        assert journal.count(HistoryFilter(text="lovelace")) == 5  # search still finds them
        assert journal.accounts_in_state(OrderState.UNKNOWN) == [(Target.KA, SHOP.account)]
        # A new order may now use the freed key elsewhere, and is refused at the same account.
        journal.add_order(Target.KA, "https://other.example.test", "R-1", "{}", "fp",
                          generated=False, batch_id=None)

    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST_VERSION
    assert conn.execute("SELECT account FROM batches ORDER BY id").fetchall() == [
        (SHOP.account,), (SHOP.account,)]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()
    backup = sqlite3.connect(schema.backup_path(path, 1))
    assert backup.execute("SELECT count(*) FROM orders").fetchone()[0] == 5
    backup.close()
    # The app key is gone from every byte the journal keeps, the pre-migration copy included.
    for kept in tmp_path.iterdir():
        assert APP_KEY.encode() not in kept.read_bytes(), kept.name
