"""Packaging rules that need no frozen build: what the bundle keeps, and the .deb's layout."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from types import ModuleType

import pytest

PACKAGING = Path(__file__).resolve().parent.parent / "packaging"


def load_packaging_module(name: str) -> ModuleType:
    """Import a script from packaging/ (not a package: PyInstaller and CI run them as files)."""
    if str(PACKAGING) not in sys.path:
        sys.path.insert(0, str(PACKAGING))
    spec = importlib.util.spec_from_file_location(f"packaging_{name}", PACKAGING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


options = load_packaging_module("bundle_options")
build = load_packaging_module("build")


def test_every_keyring_backend_is_a_hidden_import() -> None:
    """keyring discovers backends through entry points; each one must be named for the freeze."""
    advertised = {ep.value for ep in metadata.entry_points(group="keyring.backends")}
    assert advertised <= set(options.KEYRING_HIDDEN_IMPORTS)


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/translations/qtbase_zh_CN.qm", True),  # the window's languages only
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6/Qt/translations/qt_zh_CN.qm", False),  # a meta catalogue: never loaded
        ("PySide6/Qt/translations/qt_help_de.qm", False),
        ("PySide6/Qt/translations/qtdeclarative_de.qm", False),
        ("PySide6/Qt/translations/designer_de.qm", False),
        ("pycountry/locales/de/LC_MESSAGES/iso3166-1.mo", True),  # "Deutschland", "法国"
        ("pycountry/locales/zh_CN/LC_MESSAGES/iso3166-1.mo", True),
        ("pycountry/locales/nb_NO/LC_MESSAGES/iso3166-1.mo", True),  # what gettext finds for nb
        ("pycountry/locales/de/LC_MESSAGES/iso3166-2.mo", False),  # subdivisions: never read
        ("pycountry/locales/de/LC_MESSAGES/iso639-3.mo", False),
        ("pycountry/locales/ab/LC_MESSAGES/iso3166-1.mo", False),  # a language the app skips
        ("pycountry/databases/iso3166-1.json", True),
        ("pycountry/databases/iso3166-2.json", True),  # provinces, the UK's nations
        ("pycountry/databases/iso639-3.json", False),  # languages: never looked up
        ("pycountry/databases/iso4217.json", False),
        ("app/resources/translations/order_desk_de.qm", True),  # the app's own catalogues
        ("app/resources/translations/order_desk_zh_CN.ts", False),  # their sources
        ("app/resources/translations/README.md", False),
        ("app/resources/icons/order-desk.png", True),
    ],
)
def test_bundle_keeps_only_data_the_app_reads(dest: str, kept: bool) -> None:
    assert options.keep_data_file(dest) is kept


def test_the_bundle_keeps_qt_catalogues_for_every_language_of_the_window() -> None:
    from app.gui.language import ENGLISH, LANGUAGES

    assert {f"qtbase_{code}.qm" for code in LANGUAGES if code != ENGLISH} == (
        options.kept_qt_translations())


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),  # the self-test, headless
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),  # embedded screens
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6/Qt/plugins/egldeviceintegrations/libqeglfs-kms-egldevice-integration.so", False),
        ("PySide6/Qt/plugins/generic/libqevdevmouseplugin.so", False),
        ("PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so.6", False),
        ("libQt6EglFsKmsSupport.so.6", False),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),  # the icons
        ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", True),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.so", False),
        ("PySide6/plugins/imageformats/qtiff.dll", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", True),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
        ("cryptography/hazmat/bindings/_rust.abi3.so", True),
    ],
)
def test_bundle_keeps_only_the_qt_plugins_a_window_loads(dest: str, kept: bool) -> None:
    assert options.keep_binary(dest) is kept


def test_links_to_left_out_libraries_are_left_out_too() -> None:
    entries = [("libQt6EglFsKmsSupport.so.6", "PySide6/Qt/lib/libQt6EglFsKmsSupport.so.6",
                "SYMLINK"),
               ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK")]
    assert [dest for dest, _, _ in options.filter_datas(entries)] == ["libQt6Gui.so.6"]


def test_the_bundle_keeps_every_country_name_catalogue_the_app_reads() -> None:
    from app.core.models.countries import _NAME_LANGUAGES, name_catalogues

    kept = options.kept_pycountry_catalogues()
    assert len(kept) == len(name_catalogues()) == len(_NAME_LANGUAGES)
    assert all(options.keep_data_file(str(path)) for path in kept)


def test_development_tools_are_excluded() -> None:
    for tool in ("click", "rich", "pygments", "pytest", "hypothesis", "nomad_envoy_cli"):
        assert tool in options.EXCLUDES
    for used in ("httpx", "pydantic", "keyring", "pycountry", "phonenumbers"):
        assert used not in options.EXCLUDES


# In a fresh interpreter (pytest itself loads doctest, unittest and pdb): every module of the
# app is imported, then the self-test's checks run (they parse phones, read provinces and
# countries, load the PostgreSQL driver, write and read a workbook, build the window and send an
# order).
_EVERY_PART_USED = """
import importlib, pkgutil, sys
at_start = set(sys.modules)  # the interpreter's own start-up (site, .pth files): not the app's
import app
for info in pkgutil.walk_packages(app.__path__, "app."):
    if info.name != "app.__main__":  # it runs the command line
        importlib.import_module(info.name)
from app import selftest
failed = [name for name, check in selftest.CHECKS if not selftest._run(name, check).ok]
assert not failed, failed
print("\\n".join(set(sys.modules) - at_start))
"""


def test_no_module_the_app_loads_is_left_out_of_the_bundle(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ORDER_DESK_HOME": str(tmp_path)}
    env.pop("DISPLAY", None)
    if options.SYSTEM_LIBPQ:  # psycopg's binding the bundle holds, on the system's libpq
        env["PSYCOPG_IMPL"] = "python"
    result = subprocess.run([sys.executable, "-c", _EVERY_PART_USED], capture_output=True,
                            text=True, env=env, timeout=300, cwd=PACKAGING.parent)
    assert result.returncode == 0, result.stderr
    loaded = result.stdout.split()
    assert "phonenumbers.data" in loaded and "psycopg" in loaded  # the run was real
    assert [name for name in loaded if options.left_out(name)] == []


def test_left_out_covers_packages_and_their_modules() -> None:
    for unused in ("phonenumbers.geodata.data3", "phonenumbers.carrier", "setuptools._vendor",
                   "pydantic.v1.main", "doctest"):
        assert options.left_out(unused)
    for used in ("phonenumbers", "phonenumbers.data.region_FR", "phonenumbers.shortdata",
                 "pydantic", "pydantic.main", "phonenumbers_x"):
        assert not options.left_out(used)


def test_unused_qt_modules_are_excluded_and_used_ones_are_not() -> None:
    for unused in ("PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtWebEngineCore",
                   "PySide6.Qt3DCore", "PySide6.QtMultimedia"):
        assert unused in options.EXCLUDES
    for used in ("PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtSvg"):
        assert used not in options.EXCLUDES


def test_every_runtime_resource_is_in_the_spec() -> None:
    spec = (PACKAGING / "order-desk.spec").read_text(encoding="utf-8")
    assert '(str(ROOT / "resources"), "app/resources")' in spec
    assert "upx=False" in spec and "console=False" in spec and "exclude_binaries=True" in spec


@pytest.mark.parametrize(
    ("pep440", "debian"),
    [("0.1.0", "0.1.0"), ("1.2.0rc1", "1.2.0~rc1"), ("1.2.0.dev3", "1.2.0~dev3"),
     ("2.0.0b2", "2.0.0~b2")],
)
def test_debian_versions_sort_pre_releases_first(pep440: str, debian: str) -> None:
    assert build.debian_version(pep440) == debian


def test_windows_version_info_is_only_built_on_windows() -> None:
    info = options.windows_version_info("1.2.3")
    assert (info is None) is (sys.platform != "win32")


@pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="dpkg-deb is not installed")
def test_deb_layout_and_control(tmp_path: Path) -> None:
    """The .deb of a stand-in bundle: launcher on PATH, menu entry, icons, dependencies."""
    bundle = tmp_path / "order-desk"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "order-desk").write_text("#!/bin/sh\necho stand-in\n", encoding="utf-8")
    (bundle / "order-desk").chmod(0o755)
    deb = build.make_deb(bundle, tmp_path, "1.2.0rc1", tmp_path / "staging")

    assert deb.name == f"order-desk_1.2.0~rc1_{build.debian_arch()}.deb"
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True,
                             check=True).stdout
    for path in ("./opt/order-desk/order-desk", "./usr/bin/order-desk",
                 "./usr/share/applications/order-desk.desktop",
                 "./usr/share/icons/hicolor/256x256/apps/order-desk.png",
                 "./usr/share/icons/hicolor/scalable/apps/order-desk.svg"):
        assert path in listing
    assert "root/root" in listing and "-rwxr-xr-x root/root" in listing
    depends = subprocess.run(["dpkg-deb", "-f", str(deb), "Depends"], capture_output=True,
                             text=True, check=True).stdout
    assert "libxcb-cursor0" in depends and "libxkbcommon-x11-0" in depends
    assert "libpq5" in depends  # the team journal's driver loads the system's libpq
    recommends = subprocess.run(["dpkg-deb", "-f", str(deb), "Recommends"],
                                capture_output=True, text=True, check=True).stdout
    assert "fonts-noto-cjk" in recommends  # Chinese headers and addresses must be readable

    entry = (PACKAGING / "linux" / "order-desk.desktop").read_text(encoding="utf-8")
    assert "Exec=order-desk\n" in entry and "Icon=order-desk\n" in entry


@pytest.mark.skipif(not options.SYSTEM_LIBPQ, reason="only the Linux bundle uses the system's")
def test_the_build_finds_the_system_libpq_or_says_what_to_install(tmp_path: Path) -> None:
    assert build.check_system_libpq(sys.executable)[:2].isdigit()  # e.g. "15.18"
    # A Python whose psycopg finds no libpq, as on a build machine without libpq5.
    without = tmp_path / "python"
    without.write_text("#!/bin/sh\necho 'ImportError: no pq wrapper available.' >&2\nexit 1\n",
                       encoding="utf-8")
    without.chmod(0o755)
    with pytest.raises(SystemExit, match=r"apt install libpq5.*no pq wrapper available"):
        build.check_system_libpq(str(without))


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate (desktop-file-utils) is not installed")
def test_desktop_entry_is_valid() -> None:
    entry = PACKAGING / "linux" / "order-desk.desktop"
    result = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_a_resource_folder_is_found_where_a_build_carries_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Wheels and the frozen bundle carry resources/ as app/resources: a folder (the
    translations) is looked up there like a file, not beside the package."""
    from app import resources

    packaged = tmp_path / "app"
    (packaged / "resources" / "translations").mkdir(parents=True)
    (packaged / "resources" / "icons").mkdir()
    (packaged / "resources" / "icons" / "order-desk.png").write_bytes(b"png")
    monkeypatch.setattr(resources.resources, "files", lambda package: packaged)
    assert resources.resource_path("translations") == packaged / "resources" / "translations"
    assert resources.resource_path("icons/order-desk.png") == (
        packaged / "resources" / "icons" / "order-desk.png")
    missing = resources.resource_path("samples")  # not carried: the source checkout's
    assert missing.parent.name == "resources" and missing.parent.parent != packaged


LAUNCHER_UNDER_PYSIDE = """\
import atexit, runpy, sys
import PySide6.QtCore  # what PyInstaller's run-time hook does in every frozen process

def shown():
    feature = sys.modules["shibokensupport.feature"]
    print("look-up:", feature._mod_uses_pyside.__module__, "pydantic" in sys.modules)

atexit.register(shown)
sys.argv = ["order-desk", "validate", sys.argv[1], "--target", "ka"]
runpy.run_path({launcher!r}, run_name="__main__")
"""


def test_frozen_launcher_answers_pysides_feature_look_up_without_reading_sources(
    tmp_path: Path,
) -> None:
    # Reading sources went through `inspect.unwrap`, into pydantic's deprecated-name fallback in
    # the middle of pydantic's first import: a frozen `submit` once failed with ImportError.
    script = tmp_path / "launch.py"
    script.write_text(LAUNCHER_UNDER_PYSIDE.format(launcher=str(PACKAGING / "launcher.py")))
    sample = PACKAGING.parent / "resources" / "samples" / "ka_orders.json"
    env = {**os.environ, "ORDER_DESK_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, str(script), str(sample)], capture_output=True,
                            text=True, env=env, cwd=PACKAGING.parent, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "look-up: app.pyside_features True" in result.stdout, result.stdout + result.stderr
