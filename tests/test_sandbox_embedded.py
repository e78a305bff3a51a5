"""The simulator behind the Sandbox profiles, as the window and the command line start it."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.clients.http import ApiFailure
from app.core.clients.ka import Balance
from app.core.outcome import LookupState
from app.core.paths import data_dir
from app.core.settings import load_settings
from app.core.targets import Target
from app.gui.context import AppContext
from app.sandbox.embedded import EMBEDDED_DB_NAME, start_embedded_sandbox


def test_the_window_s_sandbox_expects_the_credentials_its_profiles_present(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ORDER_DESK_KA_TOKEN", "desk-7-token")
    monkeypatch.setenv("ORDER_DESK_NOMAD_APP_KEY", "204000001")
    monkeypatch.setenv("ORDER_DESK_NOMAD_APP_SECRET", "desk-7-secret")
    context = AppContext.open()
    settings = context.settings
    try:
        ka = context.client_for(settings.profile_in_use(Target.KA))
        assert isinstance(ka.balance(), Balance)  # type: ignore[attr-defined]
        nomad = context.client_for(settings.profile_in_use(Target.NOMAD))
        assert nomad.lookup("NEVER-SENT").state is LookupState.ABSENT
        assert (data_dir() / EMBEDDED_DB_NAME).exists()
    finally:
        context.close()


def test_the_embedded_sandbox_still_refuses_other_credentials(tmp_path: Path) -> None:
    from app.core.clients import make_client

    server = start_embedded_sandbox(tmp_path, {"ka_token": "the-right-one"})
    try:
        profile = load_settings().profile_in_use(Target.KA)
        wrong = make_client(profile, {"ka_token": "a-wrong-one"}, base_url=server.ka_base_url)
        answer = wrong.balance()  # type: ignore[attr-defined]
        assert isinstance(answer, ApiFailure) and answer.http_status == 401
        wrong.close()
    finally:
        server.stop()


def test_the_embedded_sandbox_takes_more_than_ka_s_burst_at_once(tmp_path: Path) -> None:
    """Sandbox profiles have no client-side limit, so their simulator has none either: a
    training batch larger than KA's burst of 120 gets no 429."""
    from app.core.clients import make_client

    server = start_embedded_sandbox(tmp_path)
    try:
        profile = load_settings().profile_in_use(Target.KA)
        assert profile.rate_limit is None
        client = make_client(profile, {"ka_token": "sandbox-ka-token"},
                             base_url=server.ka_base_url)
        answers = [client.balance() for _ in range(130)]  # type: ignore[attr-defined]
        client.close()
        assert all(isinstance(answer, Balance) for answer in answers)
    finally:
        server.stop()
