"""The sample orders the README points newcomers at are valid and accepted by the sandbox."""

from __future__ import annotations

import pytest

from app.cli import main
from app.resources import resource_path
from app.sandbox import SandboxServer

# Sandboxes reached by URL are servers like any other: they need credentials.
pytestmark = pytest.mark.usefixtures("sandbox_credentials")


@pytest.mark.parametrize(
    ("target", "files"),
    [("ka", ["ka_orders.json", "ka_orders.csv"]), ("nomad", ["nomad_orders.json"])],
)
def test_samples_are_accepted_by_the_sandbox(
    target: str, files: list[str], sandbox: SandboxServer, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = [str(resource_path(f"samples/{name}")) for name in files]
    assert main(["validate", *paths, "--target", target]) == 0
    url = sandbox.nomad_base_url if target == "nomad" else sandbox.ka_base_url
    assert main(["submit", *paths, "--target", target, "--base-url", url]) == 0
    out = capsys.readouterr().out
    assert "accepted" in out and "invalid" not in out and "rejected" not in out
