"""`order-desk profile ...` and `order-desk credentials ...` through the real CLI entry point."""

from __future__ import annotations

import io
import json

import keyring
import pytest

from app.cli import main
from app.core.settings import load_settings
from app.core.targets import Environment, Target
from app.resources import resource_path


def _list_json(capsys: pytest.CaptureFixture[str]) -> dict:
    capsys.readouterr()
    assert main(["profile", "list", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_first_start_lists_the_sandbox_profiles_in_use(capsys: pytest.CaptureFixture[str]) -> None:
    listed = _list_json(capsys)
    in_use = {p["name"] for p in listed["profiles"] if p["in_use"]}
    assert in_use == {"Sandbox KA", "Sandbox Nomad"}


def test_add_use_list_remove_round_trip(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([
        "profile", "add", "Shop test", "--target", "nomad", "--environment", "test",
        "--base-url", "https://gw.example.com/envoy", "--store", "org.youzan.shop",
        "--stage", "pre",
    ]) == 0
    assert main(["profile", "use", "Shop test"]) == 0

    settings = load_settings()
    profile = settings.profile_in_use(Target.NOMAD)
    assert (profile.name, profile.environment, profile.store, profile.stage) == (
        "Shop test", Environment.TEST, "org.youzan.shop", "PRE")
    assert settings.current_target is Target.NOMAD
    listed = _list_json(capsys)
    assert {"name": "Shop test", "in_use": True}.items() <= next(
        p for p in listed["profiles"] if p["name"] == "Shop test").items()

    assert main(["profile", "remove", "Shop test"]) == 0
    assert load_settings().profile_in_use(Target.NOMAD).name == "Sandbox Nomad"


def test_bad_input_is_a_usage_error_and_changes_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    # Outside the sandbox a base URL is required by the profile rules.
    assert main(["profile", "add", "Prod", "--target", "nomad", "--environment", "production",
                 "--stage", "nope"]) == 2
    assert "stage" in capsys.readouterr().err
    assert main(["profile", "use", "missing"]) == 2
    assert main(["profile", "remove", "Sandbox KA"]) == 2
    assert "built in" in capsys.readouterr().err
    assert main(["profile", "add", "Sandbox KA", "--target", "ka", "--environment",
                 "production"]) == 2
    assert "built in" in capsys.readouterr().err
    assert load_settings().profiles["Sandbox KA"].environment is Environment.SANDBOX
    assert set(load_settings().profiles) == {"Sandbox KA", "Sandbox Nomad"}


def test_credentials_set_reads_stdin_and_status_never_shows_values(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["profile", "add", "Live", "--target", "ka", "--environment", "production"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("tok-123456\n"))
    assert main(["credentials", "set", "--profile", "Live", "ka_token"]) == 0
    assert keyring.get_password("order-desk", "Live:ka_token") == "tok-123456"

    capsys.readouterr()
    assert main(["credentials", "status", "--json"]) == 0
    out = capsys.readouterr().out
    assert "tok-123456" not in out
    row = next(r for r in json.loads(out)["secrets"] if r["profile"] == "Live")
    assert row["keyring"] is True

    assert main(["credentials", "delete", "--profile", "Live", "ka_token"]) == 0
    assert keyring.get_password("order-desk", "Live:ka_token") is None


def test_credentials_reject_a_secret_name_of_the_wrong_target() -> None:
    assert main(["credentials", "set", "--profile", "Sandbox KA", "nomad_app_secret"]) == 2


def test_secret_value_is_never_accepted_on_the_command_line() -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["credentials", "set", "--profile", "Sandbox KA", "ka_token", "--value", "x"])
    assert exit_info.value.code == 2


def test_ka_address_key_is_a_profile_option_and_list_shows_the_details(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["profile", "add", "KA live", "--target", "ka", "--environment", "production",
                 "--address-key", "orderAddresses"]) == 0
    assert load_settings().profiles["KA live"].address_key == "orderAddresses"
    assert main(["profile", "add", "Nomad test", "--target", "nomad", "--environment",
                 "test"]) == 0
    assert "has no store id yet" in capsys.readouterr().err  # saved, but said plainly
    assert main(["profile", "list"]) == 0
    listing = capsys.readouterr().out
    assert "address key orderAddresses" in listing
    assert "store (none), stage TEST" in listing
    with pytest.raises(SystemExit) as usage:
        main(["profile", "add", "X", "--target", "ka", "--environment", "test",
              "--address-key", "address"])
    assert usage.value.code == 2


def test_a_stage_override_takes_any_letter_case_like_profile_add() -> None:
    sample = str(resource_path("samples/nomad_orders.json"))
    assert main(["validate", sample, "--target", "nomad", "--stage", "pre"]) == 0
    assert main(["validate", sample, "--target", "nomad", "--stage", "beta"]) == 2


def test_credentials_status_names_the_source_in_use_first(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ORDER_DESK_KA_TOKEN", "from-the-environment")
    assert main(["credentials", "status"]) == 0
    out = capsys.readouterr().out
    assert "from-the-environment" not in out
    ka_line = next(line for line in out.splitlines() if line.startswith("Sandbox KA"))
    assert ka_line.split(None, 3)[3] == "$ORDER_DESK_KA_TOKEN (overrides sandbox default)"
    nomad_line = next(line for line in out.splitlines() if "nomad_app_key" in line)
    assert nomad_line.endswith("nomad_app_key      sandbox default")


def test_a_profile_with_unsettled_orders_is_not_removed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from app.core.journal import Journal, OrderState
    from app.core.paths import journal_path

    assert main(["profile", "add", "Shop KA", "--target", "ka", "--environment", "test",
                 "--base-url", "https://shop.example.test"]) == 0
    account = load_settings().profiles["Shop KA"].account
    with Journal(journal_path()) as journal:
        order = journal.add_order(Target.KA, account, "OPEN-1", "{}", "fp", generated=False,
                                  batch_id=None)
        journal.set_state(order.id, OrderState.UNKNOWN)
    capsys.readouterr()
    assert main(["profile", "remove", "Shop KA"]) == 2
    assert "1 order(s) sent with 'Shop KA' are not settled yet" in capsys.readouterr().err
    assert "Shop KA" in load_settings().profiles

    # Another profile for the same account can settle them: the first may go.
    assert main(["profile", "add", "Shop KA 2", "--target", "ka", "--environment", "test",
                 "--base-url", "HTTPS://Shop.Example.test:443/"]) == 0
    assert main(["profile", "remove", "Shop KA"]) == 0
    assert main(["profile", "remove", "Shop KA 2"]) == 2

    with Journal(journal_path()) as journal:
        journal.set_state(order.id, OrderState.ACCEPTED)
    assert main(["profile", "remove", "Shop KA 2"]) == 0
    assert "Shop KA 2" not in load_settings().profiles


def test_add_takes_the_engine_settings_and_guards_a_profile_that_has_sent_orders(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from app.core.journal import Journal, OrderState
    from app.core.paths import journal_path

    args = ["profile", "add", "Shop KA", "--target", "ka", "--environment", "test",
            "--base-url", "https://ka.example.test", "--concurrency", "3", "--rate-limit", "5/200",
            "--lookup-settle", "90"]
    assert main(args) == 0
    profile = load_settings().profiles["Shop KA"]
    assert (profile.concurrency, profile.rate_limit, profile.burst) == (3, 5.0, 200)
    assert profile.lookup_settle_seconds == 90
    with Journal(journal_path()) as journal:
        sent = journal.add_order(Target.KA, profile.account, "SENT-1", "{}", "fp",
                                 generated=False, batch_id=None)
        journal.set_state(sent.id, OrderState.ACCEPTED)
        unknown = journal.add_order(Target.KA, profile.account, "OPEN-1", "{}", "fp2",
                                    generated=False, batch_id=None)
        journal.set_state(unknown.id, OrderState.UNKNOWN)
    capsys.readouterr()

    # Leaving the account while one of its orders is open would leave nobody to settle it.
    assert main([*args[:8], "https://ka2.example.test"]) == 2
    assert "not settled yet" in capsys.readouterr().err
    assert load_settings().profiles["Shop KA"].base_url == "https://ka.example.test"

    # Once settled, pointing it elsewhere is allowed, and what that means is said plainly.
    with Journal(journal_path()) as journal:
        journal.set_state(unknown.id, OrderState.ACCEPTED)
    assert main([*args[:8], "https://ka2.example.test"]) == 0
    err = capsys.readouterr().err
    assert "2 order(s) were sent with 'Shop KA'" in err and "another account" in err
    assert load_settings().profiles["Shop KA"].base_url == "https://ka2.example.test"
