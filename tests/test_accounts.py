"""What identifies an account: the journal's exactly-once key."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.core.accounts import EMBEDDED_SANDBOX, account_key, normalise_base_url
from app.core.settings import SANDBOX_PROFILES, default_profile
from app.core.targets import Environment, Target


@pytest.mark.parametrize(("spelling", "normal"), [
    ("https://developer.kakaclo.com", "https://developer.kakaclo.com"),
    ("HTTPS://Developer.KakaClo.com:443/", "https://developer.kakaclo.com"),
    ("  https://developer.kakaclo.com//  ", "https://developer.kakaclo.com"),
    ("https://developer.kakaclo.com/openapi?x=1#top", "https://developer.kakaclo.com/openapi"),
    ("http://127.0.0.1:80/envoy/", "http://127.0.0.1/envoy"),
    ("http://127.0.0.1:8080/envoy", "http://127.0.0.1:8080/envoy"),
    ("http://[::1]:9000", "http://[::1]:9000"),
])
def test_one_spelling_per_server(spelling: str, normal: str) -> None:
    assert normalise_base_url(spelling) == normal


@pytest.mark.parametrize("bad", ["", "developer.kakaclo.com", "ftp://x.test", "https://",
                                 "http://x.test:port"])
def test_a_url_that_names_no_server_is_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        normalise_base_url(bad)


def test_what_makes_an_account_per_target() -> None:
    ka = default_profile("Shop", Target.KA, Environment.PRODUCTION)
    # KA: the URL alone; the address key, limits and the profile's name do not matter.
    assert ka.account == "https://developer.kakaclo.com"
    assert replace(ka, name="Other", address_key="orderAddress", concurrency=9).account == \
        ka.account
    assert replace(ka, base_url="https://test-developer.kakaclo.com").account != ka.account

    nomad = replace(default_profile("Shop", Target.NOMAD, Environment.PRODUCTION), store="s.1")
    assert nomad.account == "https://nomad.samarkand-global.cn/envoy store=s.1 stage=RELEASE"
    # Another store, or another gateway stage (its own backend), is another account.
    assert replace(nomad, store="s.2").account != nomad.account
    assert replace(nomad, stage="TEST").account != nomad.account


def test_only_a_sandbox_profile_without_url_is_the_built_in_simulator() -> None:
    ka, nomad = SANDBOX_PROFILES
    assert ka.is_embedded and ka.account == EMBEDDED_SANDBOX
    assert nomad.account == account_key(Target.NOMAD, None, store="sandbox.store", stage="TEST")
    at_url = replace(ka, base_url="http://127.0.0.1:9000")
    assert not at_url.is_embedded and at_url.account == "http://127.0.0.1:9000"


def test_documented_defaults_apply_to_every_server_and_none_to_the_simulator() -> None:
    from app.core.settings import pointed_at

    builtin = SANDBOX_PROFILES[0]
    assert (builtin.rate_limit, builtin.lookup_settle_seconds) == (None, 0.0)
    moved = pointed_at(builtin, "http://127.0.0.1:9000")
    assert (moved.rate_limit, moved.burst, moved.lookup_settle_seconds) == (2.0, 120, 300.0)
    nomad = pointed_at(SANDBOX_PROFILES[1], "http://127.0.0.1:9000/envoy")
    assert (nomad.rate_limit, nomad.lookup_settle_seconds) == (None, 60.0)
    # A sandbox profile made for a URL starts with the server's defaults too.
    standalone = default_profile("S", Target.KA, Environment.SANDBOX,
                                 base_url="http://127.0.0.1:9000")
    assert (standalone.rate_limit, standalone.lookup_settle_seconds) == (2.0, 300.0)
    # A profile already at a URL keeps its own settings when pointed elsewhere.
    tuned = replace(standalone, rate_limit=5.0, burst=10)
    assert pointed_at(tuned, "http://127.0.0.1:9001").rate_limit == 5.0
