"""The frozen build and the .deb, for real: built once per test run (tests/fixtures/frozen.py),
then run headless. The command line, frozen: tests/test_packaging_cli.py.

Slow (a PyInstaller build takes a minute or more on two cores). Run them with
``uv run --group packaging pytest -m slow``; .ci/run does.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

import pytest

from app import __version__
from tests.fixtures.frozen import (
    DEB_PACKAGE,
    REUSE_ENV,
    TEST_BUILD_ID,
    cannot_install_debs,
    dpkg,
)
from tests.fixtures.frozen import headless_env as _headless_env
from tests.test_packaging import load_packaging_module

pytestmark = pytest.mark.slow

build = load_packaging_module("build")
options = load_packaging_module("bundle_options")

# stderr lines a healthy headless run may print: a machine without a Secret Service says so.
EXPECTED_STDERR = (re.compile(r"^WARNING app\.gui\.secret_chain: no keyring: "),)
SELF_TEST_TIMEOUT = 180


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


def test_frozen_version_names_the_build(frozen_executable: Path) -> None:
    result = subprocess.run([str(frozen_executable), "--version"], capture_output=True, text=True,
                            timeout=60, check=True)
    if os.environ.get(REUSE_ENV):  # built earlier, with whatever stamp that build had
        assert re.fullmatch(rf"order-desk {re.escape(__version__)} \(build [^()\s]+\)\n",
                            result.stdout)
        assert "unstamped" not in result.stdout
    else:
        assert result.stdout == f"order-desk {__version__} (build {TEST_BUILD_ID})\n"


def test_frozen_self_test_passes_headless(frozen_executable: Path) -> None:
    result = _self_test(frozen_executable, _headless_env())
    assert "offscreen platform" in result.stdout
    assert "keyring.backends.SecretService" in result.stdout or sys.platform != "linux"
    if options.SYSTEM_LIBPQ:  # psycopg's own binding, on the system's libpq
        assert re.search(r"team journal +psycopg \S+ \(python, libpq \d+\)", result.stdout)


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
def test_frozen_self_test_on_a_real_x_server(frozen_executable: Path, x_display: str) -> None:
    """The bundled xcb platform plugin loads with the system libraries the .deb depends on."""
    result = _self_test(frozen_executable, _headless_env(DISPLAY=x_display))
    assert "(xcb platform)" in result.stdout


def test_frozen_bundle_carries_resources_and_no_unused_qt(frozen_executable: Path) -> None:
    internal = frozen_executable.parent / "_internal"
    assert (internal / "app" / "resources" / "icons" / "order-desk.png").is_file()
    translations = internal / "app" / "resources" / "translations"
    assert [p.name for p in translations.iterdir()] == ["order_desk_zh_CN.qm"]  # no sources
    names = {p.name for p in internal.rglob("*")}
    for unused in ("libQt6Qml.so.6", "libQt6Quick.so.6", "libQt6WebEngineCore.so.6",
                   "QtQml.abi3.so", "QtQuick.abi3.so"):
        assert unused not in names
    if sys.platform.startswith("linux"):  # the desktop's platforms, SVG icons; no embedded ones
        plugins = {p.relative_to(internal / "PySide6" / "Qt" / "plugins").as_posix()
                   for p in (internal / "PySide6" / "Qt" / "plugins").rglob("*.so")}
        assert {"platforms/libqxcb.so", "platforms/libqwayland.so", "platforms/libqoffscreen.so",
                "imageformats/libqsvg.so", "iconengines/libqsvgicon.so"} <= plugins
        assert not {"platforms/libqeglfs.so", "imageformats/libqjpeg.so"} & plugins
        assert [p.name for p in (internal / "PySide6" / "Qt" / "translations").iterdir()] == [
            "qtbase_zh_CN.qm"]
        assert not [p for p in internal.rglob("*") if p.is_symlink() and not p.exists()]


def test_frozen_bundle_carries_the_country_names_it_reads_and_no_other_catalogue(
    frozen_executable: Path,
) -> None:
    internal = frozen_executable.parent / "_internal"
    catalogues = {PurePosixPath(p.relative_to(internal).as_posix())
                  for p in (internal / "pycountry" / "locales").rglob("*") if p.is_file()}
    assert catalogues == options.kept_pycountry_catalogues()
    assert PurePosixPath("pycountry/locales/zh_CN/LC_MESSAGES/iso3166-1.mo") in catalogues
    assert sum((internal / path).stat().st_size for path in catalogues) < 1024 * 1024


def _bundled_modules(executable: Path) -> set[str]:
    """Every Python module frozen into the executable's archive (and its PYZ)."""
    readers = pytest.importorskip("PyInstaller.archive.readers")
    names = readers.pkg_archive_contents(str(executable), recursive=True)
    return {str(name) for name in names}


def test_frozen_bundle_holds_no_development_tool(frozen_executable: Path) -> None:
    modules = _bundled_modules(frozen_executable)
    assert {"app.cli.submit_cmd", "httpx", "pydantic"} <= modules  # the listing is real
    tops = {name.split(".")[0] for name in modules}
    internal = frozen_executable.parent / "_internal"
    tops |= {p.name.split("-")[0].split(".")[0] for p in internal.iterdir()}
    dev_only = {"click", "rich", "pygments", "pytest", "hypothesis", "nomad_envoy_cli",
                *options.DEV_ONLY_MODULES}
    assert tops & dev_only == set()


def test_frozen_bundle_leaves_out_the_library_parts_the_app_never_uses(
    frozen_executable: Path,
) -> None:
    modules = _bundled_modules(frozen_executable)
    assert {"phonenumbers.data", "phonenumbers.shortdata", "pydantic.main"} <= modules
    assert sorted(name for name in modules if options.left_out(name)) == []
    internal = frozen_executable.parent / "_internal"
    databases = {p.name for p in (internal / "pycountry" / "databases").iterdir()}
    assert databases == options.KEPT_PYCOUNTRY_DATABASES
    if options.SYSTEM_LIBPQ:  # neither psycopg-binary's extensions nor its own libpq and OpenSSL
        assert not [p.name for p in internal.iterdir() if p.name.startswith("psycopg_binary")]
        assert not list(internal.rglob("libpq*"))


@pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("readelf") is None,
                    reason="stripped on Linux; readelf (binutils) lists the sections")
def test_frozen_libraries_carry_no_debug_information(frozen_executable: Path) -> None:
    internal = frozen_executable.parent / "_internal"
    libraries = [*internal.glob("libpython3*.so*"),
                 *internal.glob("python3*/lib-dynload/_decimal*.so")]
    assert len(libraries) == 2
    for library in libraries:
        sections = subprocess.run(["readelf", "-S", "-W", str(library)], capture_output=True,
                                  text=True, check=True).stdout
        assert ".dynsym" in sections  # what the loader needs stays
        assert ".debug_info" not in sections and ".symtab" not in sections, library.name


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="tarballs are built on Linux")
def test_tarball_holds_the_bundle(frozen_dist: Path) -> None:
    [tarball] = frozen_dist.glob("order-desk-*-linux-*.tar.gz")
    listing = subprocess.run(["tar", "-tzf", str(tarball)], capture_output=True, text=True,
                             check=True).stdout.splitlines()
    assert "order-desk/order-desk" in listing


# -- the .deb, installed for real ----------------------------------------------------------------


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _accepted_orders(journal: Path) -> int:
    with sqlite3.connect(journal) as db:
        return int(db.execute("SELECT count(*) FROM orders WHERE state = 'accepted'").fetchone()[0])


@pytest.mark.skipif(cannot_install_debs() is not None, reason=str(cannot_install_debs()))
def test_deb_installs_passes_self_test_and_upgrades_keeping_data(
    frozen_dist: Path, tmp_path: Path, installed_cleanup: None
) -> None:
    [current] = frozen_dist.glob("order-desk_*.deb")
    bundle = frozen_dist / "order-desk"
    older = build.make_deb(bundle, tmp_path, "0.0.1", tmp_path / "staging")  # the "previous" one
    launcher = Path("/usr/bin/order-desk")

    dpkg("-i", str(older))
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

    dpkg("-i", str(current))  # the upgrade
    version = subprocess.run(["dpkg-query", "-W", "-f=${Version}", DEB_PACKAGE],
                             capture_output=True, text=True, check=True).stdout
    assert version == build.debian_version(__version__)
    after = {p.relative_to(data): _digest(p) for p in data.rglob("*") if p.is_file()}
    assert after == before  # nothing of the operator's was touched
    assert not any(Path("/opt/order-desk").rglob("journal.sqlite3"))

    _self_test(launcher, {**env, "ORDER_DESK_HOME": str(data)})
    assert _accepted_orders(journal) == 2  # the old order is still there, next to the new one

    dpkg("-r", DEB_PACKAGE)
    assert not launcher.exists() and not Path("/opt/order-desk").exists()
    assert journal.is_file()  # removing the program never removes the operator's journal
