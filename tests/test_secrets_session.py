"""The window's secret stores: the OS keyring first, a session-only memory store when the
operator chooses it, and never a file. The last test uses a real Secret Service."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest

from app.core.secrets import KeyringUnavailable, resolve_secrets
from app.core.targets import Target
from app.gui.secret_chain import SessionAwareSecrets

ROOT = Path(__file__).resolve().parent.parent


def test_keyring_first_then_session() -> None:
    secrets = SessionAwareSecrets.open()  # the in-memory test keyring from conftest
    assert secrets.has_keyring
    secrets.set("P", "ka_token", "from-keyring")
    assert keyring.get_password("order-desk", "P:ka_token") == "from-keyring"
    assert secrets.where("P", "ka_token") == "keyring"

    secrets.set("Q", "ka_token", "session-value", session_only=True)
    assert keyring.get_password("order-desk", "Q:ka_token") is None
    assert secrets.get("Q", "ka_token") == "session-value"
    assert secrets.where("Q", "ka_token") == "session"

    secrets.delete("P", "ka_token")
    assert secrets.get("P", "ka_token") is None


def test_without_a_keyring_nothing_is_kept_unless_the_operator_says_session_only() -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())
    secrets = SessionAwareSecrets.open()
    assert not secrets.has_keyring
    assert "keyring" in secrets.keyring_error.lower()
    with pytest.raises(KeyringUnavailable):
        secrets.set("P", "ka_token", "value")
    assert secrets.get("P", "ka_token") is None
    secrets.set("P", "ka_token", "value", session_only=True)
    assert resolve_secrets(secrets, "P", Target.KA, sandbox=False) == {"ka_token": "value"}


def test_environment_variables_win_for_automation(monkeypatch: pytest.MonkeyPatch) -> None:
    secrets = SessionAwareSecrets.open()
    secrets.set("P", "ka_token", "stored")
    monkeypatch.setenv("ORDER_DESK_KA_TOKEN", "from-env")
    assert resolve_secrets(secrets, "P", Target.KA, sandbox=False) == {"ka_token": "from-env"}


_REAL_KEYRING_SCRIPT = textwrap.dedent("""
    from app.gui.secret_chain import SessionAwareSecrets
    secrets = SessionAwareSecrets.open()
    assert secrets.has_keyring, secrets.keyring_error
    secrets.set("Real profile", "nomad_app_secret", "s3cret-value")
    again = SessionAwareSecrets.open()
    assert again.get("Real profile", "nomad_app_secret") == "s3cret-value"
    assert again.where("Real profile", "nomad_app_secret") == "keyring"
    again.delete("Real profile", "nomad_app_secret")
    assert SessionAwareSecrets.open().get("Real profile", "nomad_app_secret") is None
    print("real keyring ok:", type(again.keyring).__name__)
""")


@pytest.mark.keyring
def test_real_secret_service_round_trip(tmp_path: Path) -> None:
    """Store, read back and delete through gnome-keyring's Secret Service in a private D-Bus
    session (its own keyring directory, unlocked with a throwaway password)."""
    missing = [b for b in ("dbus-run-session", "gnome-keyring-daemon") if not shutil.which(b)]
    if missing:
        pytest.skip(f"no real Secret Service here: {', '.join(missing)} not installed")
    script = tmp_path / "check.py"
    script.write_text(_REAL_KEYRING_SCRIPT, encoding="utf-8")
    shell = (
        "echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null && "
        f'"{sys.executable}" "{script}"'
    )
    env = {**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data"),
           "PYTHONPATH": str(ROOT)}
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # a private bus, never the user's keyring
    result = subprocess.run(["dbus-run-session", "--", "sh", "-c", shell], env=env,
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "real keyring ok" in result.stdout
