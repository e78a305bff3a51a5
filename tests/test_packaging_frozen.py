"""The frozen build and the .deb, for real: built once per test run, then run headless.

Slow (a PyInstaller build takes a minute or more on two cores). Run them with
``uv run --group packaging pytest -m slow``; .ci/run does.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import __version__
from tests.test_packaging import load_packaging_module

pytestmark = pytest.mark.slow

build = load_packaging_module("build")

# stderr lines a healthy headless run may print: a machine without a Secret Service says so.
EXPECTED_STDERR = (re.compile(r"^WARNING app\.gui\.secret_chain: no keyring: "),)
REUSE_ENV = "ORDER_DESK_FROZEN_DIST"  # a dist/ folder already built by packaging/build.py
TEST_BUILD_ID = f"frozen-test-{os.getpid()}"  # the stamp this run's build must report
SELF_TEST_TIMEOUT = 180
DEB_PACKAGE = "order-desk"
INSTALL_OPT_IN_ENV = "ORDER_DESK_TEST_DEB"


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The output of packaging/build.py: the bundle, and on Linux the .deb and .tar.gz."""
    reused = os.environ.get(REUSE_ENV)
    if reused:
        return Path(reused)
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("PyInstaller is not installed: run `uv run --group packaging pytest -m slow`")
    scratch = tmp_path_factory.mktemp("frozen")
    subprocess.run(
        [sys.executable, str(build.__file__), "--dist", str(scratch / "dist"),
         "--work", str(scratch / "work")],
        check=True, timeout=1800, env={**os.environ, build.BUILD_ID_ENV: TEST_BUILD_ID},
    )
    return scratch / "dist"


@pytest.fixture(scope="module")
def executable(dist: Path) -> Path:
    name = "order-desk.exe" if sys.platform == "win32" else "order-desk"
    path = dist / "order-desk" / name
    assert path.is_file(), f"no frozen executable at {path}"
    return path


def _headless_env(**extra: str) -> dict[str, str]:
    drop = {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "ORDER_DESK_HOME"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(extra)
    return env


def _unexpected_stderr(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines()
            if line.strip() and not any(p.search(line) for p in EXPECTED_STDERR)]


def _self_test(command: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(command), "--self-test"], env=env, capture_output=True,
                            text=True, timeout=SELF_TEST_TIMEOUT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "self-test passed" in result.stdout
    assert _unexpected_stderr(result.stderr) == [], result.stderr
    return result


def test_frozen_version_names_the_build(executable: Path) -> None:
    result = subprocess.run([str(executable), "--version"], capture_output=True, text=True,
                            timeout=60, check=True)
    if os.environ.get(REUSE_ENV):  # built earlier, with whatever stamp that build had
        assert re.fullmatch(rf"order-desk {re.escape(__version__)} \(build [^()\s]+\)\n",
                            result.stdout)
        assert "unstamped" not in result.stdout
    else:
        assert result.stdout == f"order-desk {__version__} (build {TEST_BUILD_ID})\n"


def test_frozen_self_test_passes_headless(executable: Path) -> None:
    result = _self_test(executable, _headless_env())
    assert "offscreen platform" in result.stdout
    assert "keyring.backends.SecretService" in result.stdout or sys.platform != "linux"


@pytest.fixture
def x_display() -> Iterator[str]:
    """A private Xvfb server; yields its DISPLAY value."""
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (.ci/run installs it)")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0",
                               "1280x800x24", "-nolisten", "tcp"],
                              pass_fds=(write_end,), stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    os.close(write_end)
    try:
        with os.fdopen(read_end) as ready:  # Xvfb writes the display number once it serves
            number = ready.readline().strip()
        assert number, "Xvfb did not start"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.xvfb
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 is the Linux display")
def test_frozen_self_test_on_a_real_x_server(executable: Path, x_display: str) -> None:
    """The bundled xcb platform plugin loads with the system libraries the .deb depends on."""
    result = _self_test(executable, _headless_env(DISPLAY=x_display))
    assert "(xcb platform)" in result.stdout


def test_frozen_bundle_carries_resources_and_no_unused_qt(executable: Path) -> None:
    internal = executable.parent / "_internal"
    assert (internal / "app" / "resources" / "icons" / "order-desk.png").is_file()
    names = {p.name for p in internal.rglob("*")}
    for unused in ("libQt6Qml.so.6", "libQt6Quick.so.6", "libQt6WebEngineCore.so.6",
                   "QtQml.abi3.so", "QtQuick.abi3.so"):
        assert unused not in names
    assert not (internal / "pycountry" / "locales").exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="tarballs are built on Linux")
def test_tarball_holds_the_bundle(dist: Path) -> None:
    [tarball] = dist.glob("order-desk-*-linux-*.tar.gz")
    listing = subprocess.run(["tar", "-tzf", str(tarball)], capture_output=True, text=True,
                             check=True).stdout.splitlines()
    assert "order-desk/order-desk" in listing


# -- the .deb, installed for real ----------------------------------------------------------------


def _can_install_debs() -> str | None:
    """Why the .deb cannot be installed here, or None when it can."""
    if not sys.platform.startswith("linux") or shutil.which("dpkg") is None:
        return "dpkg is not available"
    if not (os.environ.get("CI") or os.environ.get(INSTALL_OPT_IN_ENV)):
        return f"installs system-wide: runs on CI (CI=true) or with {INSTALL_OPT_IN_ENV}=1"
    if os.geteuid() != 0:
        return "installing a .deb needs root (CI runs as root)"
    if subprocess.run(["dpkg-query", "-W", DEB_PACKAGE], capture_output=True).returncode == 0:
        return f"{DEB_PACKAGE} is already installed on this machine; not touching it"
    missing = [dep for dep in build.DEB_DEPENDS
               if b"install ok installed" not in subprocess.run(
                   ["dpkg-query", "-W", "-f=${Status}", dep], capture_output=True).stdout]
    if missing:
        return f"dependencies missing ({', '.join(missing)}); .ci/run installs them"
    return None


def _dpkg(*args: str) -> None:
    result = subprocess.run(["dpkg", *args], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _accepted_orders(journal: Path) -> int:
    with sqlite3.connect(journal) as db:
        return int(db.execute("SELECT count(*) FROM orders WHERE state = 'accepted'").fetchone()[0])


@pytest.fixture
def installed_cleanup() -> Iterator[None]:
    yield
    subprocess.run(["dpkg", "-r", DEB_PACKAGE], capture_output=True, timeout=600)


@pytest.mark.skipif(_can_install_debs() is not None, reason=str(_can_install_debs()))
def test_deb_installs_passes_self_test_and_upgrades_keeping_data(
    dist: Path, tmp_path: Path, installed_cleanup: None
) -> None:
    [current] = dist.glob("order-desk_*.deb")
    bundle = dist / "order-desk"
    older = build.make_deb(bundle, tmp_path, "0.0.1", tmp_path / "staging")  # the "previous" one
    launcher = Path("/usr/bin/order-desk")

    _dpkg("-i", str(older))
    assert launcher.is_file()
    _self_test(launcher, _headless_env())  # a temporary home: the installed app works

    # An operator's data, in the user data directory the app uses by default.
    home = tmp_path / "operator"
    env = _headless_env(HOME=str(home))
    env.pop("XDG_DATA_HOME", None)
    data = home / ".local" / "share" / "order-desk"
    _self_test(launcher, {**env, "ORDER_DESK_HOME": str(data)})
    journal = data / "journal.sqlite3"
    assert _accepted_orders(journal) == 1
    before = {p.relative_to(data): _digest(p) for p in data.rglob("*") if p.is_file()}

    _dpkg("-i", str(current))  # the upgrade
    version = subprocess.run(["dpkg-query", "-W", "-f=${Version}", DEB_PACKAGE],
                             capture_output=True, text=True, check=True).stdout
    assert version == build.debian_version(__version__)
    after = {p.relative_to(data): _digest(p) for p in data.rglob("*") if p.is_file()}
    assert after == before  # nothing of the operator's was touched
    assert not any(Path("/opt/order-desk").rglob("journal.sqlite3"))

    _self_test(launcher, {**env, "ORDER_DESK_HOME": str(data)})
    assert _accepted_orders(journal) == 2  # the old order is still there, next to the new one

    _dpkg("-r", DEB_PACKAGE)
    assert not launcher.exists() and not Path("/opt/order-desk").exists()
    assert journal.is_file()  # removing the program never removes the operator's journal
