"""Where an order goes is decided once (app.core.desk), and the journal keys it on the account
it went to. Each test here is a path that once lost, duplicated or misdirected orders, tried
through the command line as a script meets it, against real sandboxes on loopback."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.cli import EXIT_OK, EXIT_UNKNOWN, EXIT_USAGE, main
from app.core.accounts import EMBEDDED_SANDBOX
from app.core.journal import HistoryFilter, Journal, OrderState
from app.core.paths import journal_path, settings_path
from app.core.settings import Settings, default_profile, load_settings, save_settings
from app.core.targets import Environment, Target
from app.sandbox import SandboxConfig, SandboxServer
from tests.fixtures.sandbox import ka_order, nomad_order

SandboxFactory = Callable[..., SandboxServer]


def write(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def results(out: str) -> dict[str, dict[str, Any]]:
    lines = [json.loads(line) for line in out.splitlines() if line.strip()]
    return {line["ref"]: line for line in lines if "ref" in line}


@pytest.mark.usefixtures("sandbox_credentials")
def test_the_same_file_sent_to_another_server_is_sent_there(
    tmp_path: Path, sandbox_factory: SandboxFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    orders = write(tmp_path / "orders.json", [ka_order("MOVE-1"), ka_order("MOVE-2")])
    first, second = sandbox_factory(), sandbox_factory()

    assert main(["submit", str(orders), "--target", "ka", "--json"]) == EXIT_OK  # built in
    for server in (first, second):
        assert main(["submit", str(orders), "--target", "ka", "--json",
                     "--base-url", server.ka_base_url]) == EXIT_OK
        sent = results(capsys.readouterr().out)
        assert {r["status"] for r in sent.values()} == {"accepted"}
        assert not any("already accepted" in r["message"] for r in sent.values())
        assert server.count_by_reference(Target.KA, "MOVE-1") == 1
    # Each server once, and a third run to the first one sends nothing again.
    assert main(["submit", str(orders), "--target", "ka", "--json",
                 "--base-url", first.ka_base_url.upper().replace("HTTP://", "http://")]) == EXIT_OK
    assert all("already accepted" in r["message"]
               for r in results(capsys.readouterr().out).values())
    assert first.count_by_reference(Target.KA, "MOVE-2") == 1
    with Journal(journal_path()) as journal:
        accounts = {record.account for record in journal.page(HistoryFilter(reference="MOVE-1"))}
    assert len(accounts) == 3 and EMBEDDED_SANDBOX in accounts


@pytest.mark.usefixtures("sandbox_credentials")
def test_orders_unknown_on_one_server_are_never_looked_up_or_resent_on_another(
    tmp_path: Path, sandbox_factory: SandboxFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    # A: creates the order, then drops the answer, and lists new orders only after a minute.
    a = sandbox_factory(SandboxConfig(drop_after_commit_rate=1.0, listing_lag=60.0))
    b = sandbox_factory()
    lost = write(tmp_path / "lost.json", [ka_order("LOST-1")])
    other = write(tmp_path / "other.json", [ka_order("OTHER-1")])

    assert main(["submit", str(lost), "--target", "ka", "--json",
                 "--base-url", a.ka_base_url]) == EXIT_UNKNOWN
    assert results(capsys.readouterr().out)["LOST-1"]["status"] == "unknown"
    assert a.count_by_reference(Target.KA, "LOST-1") == 1

    # Another server's batch does not touch A's open order.
    assert main(["submit", str(other), "--target", "ka", "--json",
                 "--base-url", b.ka_base_url]) == EXIT_OK
    assert set(results(capsys.readouterr().out)) == {"OTHER-1"}
    assert b.count_by_reference(Target.KA, "LOST-1") == 0
    with Journal(journal_path()) as journal:
        [record] = journal.page(HistoryFilter(reference="LOST-1"))
    assert record.state is OrderState.UNKNOWN and record.account == f"{a.ka_base_url}"

    # Reconciled where it went, once A lists it: found, accepted, never created twice.
    a.set_faults(drop_after_commit_rate=0.0)
    assert main(["reconcile", "--target", "ka", "--base-url", a.ka_base_url,
                 "--lookup-settle", "0", "--json"]) in (EXIT_OK, EXIT_UNKNOWN)
    assert a.count_by_reference(Target.KA, "LOST-1") == 1


def test_a_builtin_sandbox_profile_pointed_at_a_url_is_treated_as_a_real_server(
    tmp_path: Path, sandbox_factory: SandboxFactory, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A server that lists new orders late and loses the answer to a create: believing its
    # "not found" at once would create every order again.
    server = sandbox_factory(SandboxConfig(drop_after_commit_rate=1.0, listing_lag=30.0,
                                           allow_duplicate_references=True, ka_rate_limit=None))
    orders = write(tmp_path / "orders.json", [ka_order("LATE-1"), ka_order("LATE-2")])
    args = ["submit", str(orders), "--target", "ka", "--json", "--base-url", server.ka_base_url]

    # The simulator's default token is never presented to another host.
    assert main(args) == EXIT_USAGE
    assert "ORDER_DESK_KA_TOKEN" in capsys.readouterr().err
    assert server.orders(Target.KA) == []

    monkeypatch.setenv("ORDER_DESK_KA_TOKEN", "sandbox-ka-token")
    assert main(args) == EXIT_UNKNOWN
    sent = results(capsys.readouterr().out)
    assert {r["status"] for r in sent.values()} == {"unknown"}
    assert "reconcile after" in sent["LATE-1"]["message"]
    # One order per reference: the documented settle time held the resend back.
    assert [server.count_by_reference(Target.KA, r) for r in ("LATE-1", "LATE-2")] == [1, 1]

    from app.cli import build_parser
    from app.cli.common import select_profile

    chosen = select_profile(Settings(), build_parser().parse_args(args))
    assert (chosen.rate_limit, chosen.burst, chosen.lookup_settle_seconds) == (2.0, 120, 300.0)
    assert chosen.account == server.ka_base_url
    explicit = select_profile(Settings(), build_parser().parse_args(
        [*args, "--no-rate-limit", "--lookup-settle", "5"]))
    assert (explicit.rate_limit, explicit.lookup_settle_seconds) == (None, 5.0)


def _damaged(text: str) -> bytes:
    settings = Settings()
    settings.add(default_profile("Live KA", Target.KA, Environment.PRODUCTION))
    settings.use("Live KA")
    save_settings(settings)
    whole = settings_path().read_text(encoding="utf-8")
    damaged = text.replace("{whole}", whole).replace("{half}", whole[: len(whole) // 2])
    settings_path().write_text(damaged, encoding="utf-8")
    return settings_path().read_bytes()


@pytest.mark.parametrize("text", [
    "{half}",  # a write cut short
    '{"profiles": [{"name": "Live KA", "target": "ka"}], "current": {"ka": "Live KA"}}',
    '{"profiles": [], "current": {"ka": "Live KA"}}',  # the profile in use is gone
])
def test_damaged_settings_stop_sending_and_are_kept(
    text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damaged = _damaged(text)
    orders = write(tmp_path / "orders.json", [ka_order("NEVER-1")])

    assert main(["submit", str(orders), "--target", "ka"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert str(settings_path()) in err and "Nothing is sent" in err
    [copy] = settings_path().parent.glob("settings.json.damaged-*")
    assert copy.read_bytes() == damaged and copy.name in err
    assert not journal_path().exists() or Journal(journal_path()).count() == 0

    # Nothing rewrites the file behind the operator's back.
    for command in (["profile", "add", "New", "--target", "ka", "--environment", "sandbox"],
                    ["profile", "use", "Sandbox KA"], ["profile", "list"],
                    ["reconcile"], ["credentials", "status"]):
        assert main(command) == EXIT_USAGE, command
    assert settings_path().read_bytes() == damaged
    assert len(list(settings_path().parent.glob("settings.json.damaged-*"))) == 1

    # Once the operator moves it away, the app starts afresh from the built-in profiles.
    from app.core.settings import SettingsError, set_aside_damaged

    with pytest.raises(SettingsError) as raised:
        load_settings()
    set_aside_damaged(raised.value.path, raised.value.kept_copy)
    assert load_settings().profile_in_use(Target.KA).is_embedded
    assert copy.read_bytes() == damaged


def test_a_rename_moves_settings_credentials_and_history_together(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.core.secrets import open_secret_store

    assert main(["profile", "add", "Shop", "--target", "nomad", "--environment", "test",
                 "--base-url", "https://nomad.example.test/envoy", "--store", "s.1"]) == 0
    assert main(["profile", "use", "Shop"]) == 0
    store = open_secret_store()
    store.set("Shop", "nomad_app_key", "204000009")
    store.set("Shop", "nomad_app_secret", "shop-secret")
    account = load_settings().profiles["Shop"].account
    with Journal(journal_path()) as journal:
        journal.add_order(Target.NOMAD, account, "R-1", "{}", "fp", generated=False,
                          batch_id=None, profile="Shop")

    # A failure half-way changes nothing anywhere.
    from app.core.journal import JournalError

    def broken(self: Journal, old: str, new: str) -> int:
        raise JournalError("disk full")

    with monkeypatch.context() as patch:
        patch.setattr(Journal, "rename_profile", broken)
        assert main(["profile", "rename", "Shop", "Main shop"]) == EXIT_USAGE
    assert "nothing changed" in capsys.readouterr().err
    assert set(load_settings().profiles) >= {"Shop"} and "Main shop" not in load_settings().profiles
    assert store.get("Shop", "nomad_app_key") == "204000009"
    assert store.get("Main shop", "nomad_app_key") is None

    assert main(["profile", "rename", "Shop", "Main shop"]) == EXIT_OK
    settings = load_settings()
    assert "Shop" not in settings.profiles and settings.profiles["Main shop"].account == account
    assert settings.profile_in_use(Target.NOMAD).name == "Main shop"
    assert (store.get("Main shop", "nomad_app_key"), store.get("Main shop", "nomad_app_secret")) \
        == ("204000009", "shop-secret")
    assert store.get("Shop", "nomad_app_key") is None
    with Journal(journal_path()) as journal:
        record = journal.find(Target.NOMAD, account, "R-1")
    assert record is not None and record.profile == "Main shop"


@pytest.mark.usefixtures("sandbox_credentials")
def test_two_profiles_for_one_account_are_one_account(
    tmp_path: Path, sandbox_factory: SandboxFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    server = sandbox_factory(SandboxConfig(allow_duplicate_references=True))
    store = "shop.two"
    for name, url in (("Desk A", server.nomad_base_url),
                      ("Desk B", server.nomad_base_url.replace("127.0.0.1", "127.0.0.1:")
                       .replace("::", ":") + "/")):
        assert main(["profile", "add", name, "--target", "nomad", "--environment", "test",
                     "--base-url", url, "--store", store, "--stage", "test"]) == 0
    orders = write(tmp_path / "orders.json", [nomad_order("ONCE-1")])
    for name in ("Desk A", "Desk B"):
        main(["submit", str(orders), "--target", "nomad", "--profile", name, "--json"])
    lines = capsys.readouterr().out.splitlines()
    assert json.loads(lines[-1])["message"] == "already accepted earlier; not sent again"
    assert server.count_by_reference(Target.NOMAD, "ONCE-1") == 1
