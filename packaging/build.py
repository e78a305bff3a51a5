"""Build Order Desk for the current OS: ``uv run --group packaging python packaging/build.py``.

Produces ``dist/order-desk/`` (the PyInstaller one-folder bundle; ``dist/Order Desk.app`` too on
macOS) and, on Linux, ``dist/order-desk_<version>_<arch>.deb`` and
``dist/order-desk-<version>-linux-<arch>.tar.gz``. The Windows installer (Inno Setup) and the macOS
disk image are made from the bundle by the release workflow.

The build stamp (``git describe``, or ``ORDER_DESK_BUILD_ID`` when set, e.g. by CI) becomes a
``_order_desk_build`` module in the scratch folder that the spec freezes into the bundle, so the
frozen app reports the build it came from; the source tree is never touched.

PyInstaller runs in an environment of the scratch folder holding the locked runtime dependencies
and PyInstaller only (``uv sync --no-default-groups --group packaging``): development tools
installed next to the app (pytest, hypothesis, a reference client that pulls in click and rich,
which ``import httpx`` then loads) never reach the bundle, whichever environment runs this script.
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import shutil
import subprocess
import sys
import tarfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bundle_options import APP_NAME, SYSTEM_LIBPQ, project_version  # noqa: E402

from app.buildinfo import git_describe  # noqa: E402 - needs the path set up above

log = logging.getLogger("build")

SPEC = ROOT / "packaging" / "order-desk.spec"
STAMP_MODULE = "_order_desk_build"
STAMP_DIR_ENV = "ORDER_DESK_STAMP_DIR"  # read by the spec
DESKTOP_ENTRY = ROOT / "packaging" / "linux" / "order-desk.desktop"
ICONS = ROOT / "resources" / "icons"
BUILD_ID_ENV = "ORDER_DESK_BUILD_ID"

# What the bundled Qt needs from a Debian system to open a real window (xcb platform plugin).
DEB_DEPENDS = (
    "libxcb-cursor0", "libxkbcommon-x11-0", "libxcb-icccm4", "libxcb-image0", "libxcb-keysyms1",
    "libxcb-randr0", "libxcb-render-util0", "libxcb-shape0", "libxcb-xinerama0", "libxcb-xkb1",
    "libxcb-xfixes0", "libegl1", "libgl1", "libfontconfig1", "libdbus-1-3",
    "libpq5",  # the team journal's driver loads the system's libpq (bundle_options.SYSTEM_LIBPQ)
)
# Recommended, not required: spreadsheets and addresses often hold Chinese or Japanese text,
# which a machine without a CJK font shows as empty boxes; and a Secret Service keeps the
# credentials (without one the window offers this session only).
DEB_RECOMMENDS = ("fonts-noto-cjk", "gnome-keyring")
DEB_INSTALL_DIR = Path("opt") / APP_NAME


def build_stamp() -> str:
    return os.environ.get(BUILD_ID_ENV) or git_describe(ROOT) or "unknown"


def freezing_python(env_dir: Path) -> str:
    """A Python with the project, its locked runtime dependencies and PyInstaller, and nothing
    else: ``uv sync`` into ``env_dir`` (fast: uv links from its cache). Without uv, the running
    Python, which must then hold no development tools (the spec excludes the known ones)."""
    uv = os.environ.get("UV") or shutil.which("uv")
    if uv is None:
        log.warning("uv not found: freezing with %s as it is", sys.executable)
        return sys.executable
    environment = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
    subprocess.run(
        [uv, "sync", "--frozen", "--no-default-groups", "--group", "packaging", "--quiet",
         "--python", sys.executable],
        cwd=ROOT, check=True, env={**environment, "UV_PROJECT_ENVIRONMENT": str(env_dir)},
    )
    scripts = env_dir / ("Scripts" if sys.platform == "win32" else "bin")
    return str(scripts / ("python.exe" if sys.platform == "win32" else "python"))


def check_system_libpq(python: str) -> str:
    """The version of the system libpq that psycopg's Python binding loads in ``python``, as the
    Linux bundle will (bundle_options.SYSTEM_LIBPQ); SystemExit saying what to install when it
    cannot: a bundle without it could not reach a team journal, and its self-test fails."""
    probe = subprocess.run(
        [python, "-c", "import psycopg; print(psycopg.pq.version_pretty(psycopg.pq.version()))"],
        capture_output=True, text=True, env={**os.environ, "PSYCOPG_IMPL": "python"},
    )
    if probe.returncode != 0:
        reason = (probe.stderr.strip().splitlines() or ["no answer"])[-1]
        raise SystemExit(
            "the Linux bundle's team journal uses the system's libpq (PostgreSQL's client "
            "library), and psycopg found none here: install it (Debian and Ubuntu: "
            f"`apt install libpq5`) and build again ({reason})"
        )
    return probe.stdout.strip()


def freeze(dist: Path, work: Path, build: str, python: str = sys.executable) -> Path:
    """Run PyInstaller (in ``python``) on the spec with a build stamp; returns the bundle
    folder."""
    stamp_dir = work / "stamp"
    stamp_dir.mkdir(parents=True, exist_ok=True)
    (stamp_dir / f"{STAMP_MODULE}.py").write_text(
        '"""Written by packaging/build.py: which build this frozen app is."""\n\n'
        f"BUILD = {build!r}\nBUILT_AT = {datetime.now(UTC).isoformat(timespec='seconds')!r}\n",
        encoding="utf-8",
    )
    subprocess.run(
        [python, "-m", "PyInstaller", str(SPEC), "--noconfirm",
         "--distpath", str(dist), "--workpath", str(work), "--log-level", "WARN"],
        cwd=ROOT, check=True, env={**os.environ, STAMP_DIR_ENV: str(stamp_dir)},
    )
    return dist / APP_NAME


def debian_version(version: str) -> str:
    """PEP 440 to Debian ordering: pre-releases sort before the release (``~``)."""
    for marker in (".dev", "a", "b", "rc"):
        head, sep, tail = version.partition(marker)
        if sep and head and head[-1].isdigit():
            return f"{head}~{marker.lstrip('.')}{tail}"
    return version


def debian_arch() -> str:
    try:
        return subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return {"x86_64": "amd64", "aarch64": "arm64"}.get(platform.machine(), platform.machine())


def make_tarball(bundle: Path, out_dir: Path, version: str) -> Path:
    out = out_dir / f"{APP_NAME}-{version}-linux-{platform.machine()}.tar.gz"
    with tarfile.open(out, "w:gz", compresslevel=6) as archive:
        archive.add(bundle, arcname=APP_NAME)
    return out


def _tree_size_kib(path: Path) -> int:
    size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())
    return size // 1024 + 1


def make_deb(bundle: Path, out_dir: Path, version: str, staging: Path) -> Path:
    """A .deb: the bundle in /opt/order-desk, a launcher in /usr/bin, menu entry and icons.

    The operator's journal and settings live in their home directory, never under /opt, so an
    upgrade (which replaces /opt/order-desk) keeps them.
    """
    deb_version = debian_version(version)
    arch = debian_arch()
    if staging.exists():
        shutil.rmtree(staging)
    # A real copy, not hard links: tar refuses files whose link count changes while it reads them.
    shutil.copytree(bundle, staging / DEB_INSTALL_DIR, symlinks=True)

    launcher = staging / "usr" / "bin" / APP_NAME
    launcher.parent.mkdir(parents=True)
    launcher.write_text(f'#!/bin/sh\nexec /{DEB_INSTALL_DIR}/{APP_NAME} "$@"\n', encoding="utf-8")
    launcher.chmod(0o755)

    share = staging / "usr" / "share"
    icons = share / "icons" / "hicolor"
    _install_file(DESKTOP_ENTRY, share / "applications" / f"{APP_NAME}.desktop")
    _install_file(ICONS / "order-desk.png", icons / "256x256" / "apps" / f"{APP_NAME}.png")
    _install_file(ICONS / "order-desk.svg", icons / "scalable" / "apps" / f"{APP_NAME}.svg")

    control = staging / "DEBIAN" / "control"
    control.parent.mkdir()
    control.write_text(
        f"Package: {APP_NAME}\n"
        f"Version: {deb_version}\n"
        f"Architecture: {arch}\n"
        "Maintainer: Order Desk maintainers <maintainers@order-desk.invalid>\n"
        f"Installed-Size: {_tree_size_kib(staging)}\n"
        f"Depends: {', '.join(DEB_DEPENDS)}\n"
        f"Recommends: {', '.join(DEB_RECOMMENDS)}\n"
        "Section: misc\n"
        "Priority: optional\n"
        "Description: order entry for the KA and Nomad fulfilment APIs\n"
        " Order Desk lets operators enter or import e-commerce orders and send them to the\n"
        " KA (KakaClo) and Nomad Envoy APIs; every order is journaled before it is sent.\n",
        encoding="utf-8",
    )
    for directory in [staging, *(p for p in staging.rglob("*") if p.is_dir())]:
        directory.chmod(0o755)

    out = out_dir / f"{APP_NAME}_{deb_version}_{arch}.deb"
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Zgzip", "--build", str(staging), str(out)],
        check=True, stdout=subprocess.DEVNULL,
    )
    return out


def _install_file(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    target.chmod(0o644)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="scratch folder")
    parser.add_argument("--no-installers", action="store_true",
                        help="only the bundle (no .deb or .tar.gz)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    version = project_version(ROOT)
    build = build_stamp()
    log.info("freezing Order Desk %s (%s)", version, build)
    python = freezing_python(args.work / "env")
    if SYSTEM_LIBPQ:
        log.info("the team journal will load the system's libpq %s", check_system_libpq(python))
    bundle = freeze(args.dist, args.work / "pyinstaller", build, python)
    artefacts = [bundle]
    if sys.platform.startswith("linux") and not args.no_installers:
        artefacts.append(make_tarball(bundle, args.dist, version))
        if shutil.which("dpkg-deb"):
            artefacts.append(make_deb(bundle, args.dist, version, args.work / "deb"))
        else:
            log.warning("dpkg-deb not found: no .deb built")
    for artefact in artefacts:
        log.info("built %s", artefact)
    return 0


if __name__ == "__main__":
    sys.exit(main())
