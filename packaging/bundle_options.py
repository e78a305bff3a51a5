"""What goes into (and stays out of) a frozen bundle; shared by the app's spec and the benchmark's
hello-world spec so both are "built the same way".

Imported by PyInstaller spec files (which put this folder on ``sys.path``); plain Python, no
PyInstaller imports at module level so the tests can read it too.
"""

from __future__ import annotations

import functools
import sys
import tomllib
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

APP_NAME = "order-desk"
BUNDLE_ID = "com.orderdesk.OrderDesk"
# Symbol tables and debug information out of the shared libraries on Linux: the Python that uv
# installs ships libpython and its extension modules with theirs (about 25 MiB nobody reads:
# crash reports are Python tracebacks). Not on macOS, where stripping breaks signatures, nor on
# Windows, whose libraries carry none.
STRIP = sys.platform.startswith("linux")

# Python's -OO for the frozen modules: no docstrings nor asserts.
OPTIMIZE = 2

# Qt modules the app never imports. PyInstaller only collects what is imported, but a stray import
# (or a plugin hook) can drag one in; excluding them keeps the bundle small and the result stable.
QT_EXCLUDES = [
    f"PySide6.{name}"
    for name in (
        "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender",
        "QtBluetooth", "QtCharts", "QtConcurrent", "QtDataVisualization", "QtDesigner", "QtGraphs",
        "QtHelp", "QtHttpServer", "QtLabsStyleKit", "QtLocation", "QtMultimedia",
        "QtMultimediaWidgets", "QtNetworkAuth", "QtNfc", "QtOpenGL", "QtOpenGLWidgets", "QtPdf",
        "QtPdfWidgets", "QtPositioning", "QtPrintSupport", "QtQml", "QtQmlFeatures", "QtQuick",
        "QtQuick3D", "QtQuickControls2", "QtQuickTest", "QtQuickWidgets", "QtRemoteObjects",
        "QtScxml", "QtSensors", "QtSerialBus", "QtSerialPort", "QtSpatialAudio", "QtSql",
        "QtStateMachine", "QtTest", "QtTextToSpeech", "QtUiTools", "QtWebChannel",
        "QtWebEngineCore", "QtWebEngineQuick", "QtWebEngineWidgets", "QtWebSockets", "QtWebView",
        "QtXml",
    )
]
# Development tools (the default dependency group) and what they pull in: never in a bundle.
# build.py freezes in an environment without them; naming them here keeps them out of a build
# made in any other environment too (httpx imports its optional command line, which needs click,
# rich and pygments, whenever they are installed).
DEV_ONLY_MODULES = [
    "pytest", "_pytest", "pytestqt", "pytest_timeout", "hypothesis", "mypy", "nomad_envoy_cli",
    "importlinter", "grimp", "click", "rich", "markdown_it", "mdurl", "pygments",
]
# Development-only and unused standard-library packages.
PYTHON_EXCLUDES = ["tkinter", "_tkinter", "test", "lib2to3", "pydoc_data", *DEV_ONLY_MODULES]
# phonenumbers' hook collects every submodule; the app parses and checks numbers (its `data` and
# `shortdata`) but never asks where a number is, its carrier or its time zone: that data is 4.5 MiB
# of the archive. The self-test parses a number, so a missing part of what it needs fails there.
PHONENUMBERS_UNUSED = [
    f"phonenumbers.{name}"
    for name in ("geocoder", "geodata", "carrier", "carrierdata", "timezone", "tzdata", "prefix")
]
# Reached only through PyInstaller's own setuptools hook (setuptools and what it vendors: nothing
# at run time imports them), a library's `if __name__ == "__main__"` doctest (doctest, unittest,
# pdb and the readline library it pulls in), help() (pydoc) and pydantic's V1 compatibility
# layer and mypy plugin (the app's models are V2).
# multiprocessing reaches the bundle only through concurrent.futures' process pool, which the app
# never runs (its workers are threads).
UNUSED_LIBRARY_MODULES = [
    "setuptools", "pkg_resources", "distutils", "_distutils_hack", "doctest", "unittest", "pdb",
    "readline", "pydoc", "pydantic.v1", "pydantic.mypy", "multiprocessing",
    "concurrent.futures.process",
]
# On Linux the team journal's driver runs psycopg's own Python binding on the system's libpq
# (the .deb depends on libpq5), not psycopg-binary: that wheel carries a second libpq with its own
# OpenSSL, Kerberos, LDAP and SASL (10 MiB), while the system's links the OpenSSL and Kerberos
# libraries the bundle already holds for Python's ssl and Qt. Windows and macOS have no system
# libpq: they keep psycopg-binary. Source runs keep it everywhere.
SYSTEM_LIBPQ = sys.platform.startswith("linux")
PSYCOPG_COMPILED = ["psycopg_binary", "psycopg_c"] if SYSTEM_LIBPQ else []
EXCLUDES = (QT_EXCLUDES + PYTHON_EXCLUDES + PHONENUMBERS_UNUSED + UNUSED_LIBRARY_MODULES
            + PSYCOPG_COMPILED)
# Hooks of ours, in place of PyInstaller's for packages whose every submodule its hook names.
HOOKS = Path(__file__).resolve().parent / "hooks"


def left_out(module: str) -> bool:
    """True for a module EXCLUDES names, or one inside a package it names."""
    return any(module == name or module.startswith(f"{name}.") for name in EXCLUDES)

# keyring finds its backends through entry points, which a frozen build cannot scan reliably: name
# every backend (and what the Linux one talks through) so the OS keyring is found on each platform.
KEYRING_HIDDEN_IMPORTS = [
    "keyring.backends.SecretService",
    "keyring.backends.libsecret",
    "keyring.backends.kwallet",
    "keyring.backends.macOS",
    "keyring.backends.macOS.api",
    "keyring.backends.Windows",
    "keyring.backends.chainer",
    "keyring.backends.fail",
    "keyring.backends.null",
]
PLATFORM_HIDDEN_IMPORTS = {
    "linux": ["secretstorage", "jeepney", "jeepney.io.blocking"],
    "win32": ["win32ctypes.core"],
    "darwin": [],
}

# Qt's own catalogues (its standard dialogs' strings): the app installs qtbase_<language> for the
# language its window is shown in (app/gui/language.py), and only languages it has a catalogue of
# (resources/translations/order_desk_<language>.qm) are shown; Qt's other catalogues (6.5 MiB,
# some 35 languages, and Designer's, Assistant's, QML's...) are never loaded.
APP_CATALOGUES = Path(__file__).resolve().parent.parent / "resources" / "translations"


@functools.cache
def kept_qt_translations() -> frozenset[str]:
    """qtbase_<language>.qm for each language the app's window can be shown in."""
    return frozenset(f"qtbase_{path.stem.removeprefix('order_desk_')}.qm"
                     for path in APP_CATALOGUES.glob("order_desk_*.qm"))


# Qt plugins no window of the app loads: the platforms of embedded screens (EGLFS, linuxfb, VNC,
# Vulkan displays, minimal EGL) with their EGL device integrations, input devices and the
# libraries only they use, and image formats the app never reads (it shows PNG, which Qt reads
# itself, and SVG). A desktop uses xcb or Wayland; the self-test, offscreen.
DROPPED_QT_PLUGINS = {
    "platforms": frozenset({"qeglfs", "qlinuxfb", "qminimalegl", "qvkkhrdisplay", "qvnc"}),
    "egldeviceintegrations": None,  # every one
    "generic": None,
    "imageformats": frozenset({"qgif", "qjpeg", "qpdf", "qtga", "qtiff", "qwbmp", "qwebp"}),
}
DROPPED_QT_LIBRARIES = ("libQt6EglFSDeviceIntegration.", "libQt6EglFsKmsSupport.")


def hidden_imports() -> list[str]:
    platform_key = "linux" if sys.platform.startswith("linux") else sys.platform
    return KEYRING_HIDDEN_IMPORTS + PLATFORM_HIDDEN_IMPORTS.get(platform_key, [])


# pycountry's gettext catalogues: 20 MB, every ISO standard in some 150 languages. The app reads
# only the country names of the languages app.core.models.countries lists, to accept names such
# as "Deutschland" or "法国" (about 0.4 MB); the rest stays out.
PYCOUNTRY_LOCALES = PurePosixPath("pycountry/locales")
# Of pycountry's databases the app reads countries (3166-1) and their subdivisions (3166-2, for the
# UK's nations and the province check); languages, scripts, currencies and historic countries
# (1 MiB) are never looked up. pycountry opens a database only when it is first used.
PYCOUNTRY_DATABASES = PurePosixPath("pycountry/databases")
KEPT_PYCOUNTRY_DATABASES = frozenset({"iso3166-1.json", "iso3166-2.json"})


@functools.cache
def kept_pycountry_catalogues() -> frozenset[PurePosixPath]:
    """The catalogues app.core.models.countries reads, as bundle paths (pycountry/locales/...)."""
    import pycountry

    from app.core.models.countries import name_catalogues

    site = Path(pycountry.__file__).resolve().parent.parent
    return frozenset(PurePosixPath(path.resolve().relative_to(site).as_posix())
                     for path in name_catalogues())


# The app's translation sources (Qt Linguist's .ts files and their README): it loads the
# compiled .qm catalogues only.
APP_TRANSLATIONS = PurePosixPath("app/resources/translations")


def keep_data_file(dest: str) -> bool:
    """False for data files the app never loads (unused Qt translations, pycountry catalogues
    and databases, the app's translation sources)."""
    path = PurePosixPath(dest.replace("\\", "/"))
    if path.is_relative_to(APP_TRANSLATIONS):
        return path.suffix == ".qm"
    if path.is_relative_to(PYCOUNTRY_LOCALES):
        return path in kept_pycountry_catalogues()
    if path.is_relative_to(PYCOUNTRY_DATABASES):
        return path.name in KEPT_PYCOUNTRY_DATABASES
    if path.suffix != ".qm" or "translations" not in path.parts or "PySide6" not in path.parts:
        return True
    return path.name in kept_qt_translations()


def keep_binary(dest: str) -> bool:
    """False for the Qt plugins and libraries no window of the app loads."""
    path = PurePosixPath(dest.replace("\\", "/"))
    if path.name.startswith(DROPPED_QT_LIBRARIES):
        return False
    if path.parts[-3:-2] != ("plugins",):
        return True
    dropped = DROPPED_QT_PLUGINS.get(path.parts[-2], frozenset())
    return dropped is not None and path.name.split(".")[0].removeprefix("lib") not in dropped


def filter_datas(entries: Iterable[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Apply `keep_data_file` to an Analysis' ``datas`` table of contents, and `keep_binary` to
    the links it holds to libraries (PyInstaller's links beside the program)."""
    return [(dest, source, kind) for dest, source, kind in entries
            if keep_data_file(dest) and (kind != "SYMLINK" or keep_binary(source))]


def filter_binaries(entries: Iterable[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Apply `keep_binary` to an Analysis' ``binaries`` table of contents."""
    return [entry for entry in entries if keep_binary(entry[0])]


def project_version(root: Path) -> str:
    """The version in pyproject.toml: the one source the wheel, the bundle and installers share."""
    with (root / "pyproject.toml").open("rb") as handle:
        return str(tomllib.load(handle)["project"]["version"])


def windows_version_info(version: str) -> object | None:
    """The Windows VERSIONINFO resource (the executable's file properties); None elsewhere."""
    if sys.platform != "win32":
        return None  # only Windows executables carry it (and its module needs Windows-only pefile)
    from PyInstaller.utils.win32 import versioninfo as vi

    parts = [int(p) if p.isdigit() else 0 for p in version.split("+")[0].split(".")[:4]]
    numbers = tuple(parts + [0] * (4 - len(parts)))
    strings = [
        vi.StringStruct("CompanyName", "Order Desk"),
        vi.StringStruct("FileDescription", "Order Desk"),
        vi.StringStruct("FileVersion", version),
        vi.StringStruct("InternalName", APP_NAME),
        vi.StringStruct("OriginalFilename", f"{APP_NAME}.exe"),
        vi.StringStruct("ProductName", "Order Desk"),
        vi.StringStruct("ProductVersion", version),
    ]
    return vi.VSVersionInfo(
        ffi=vi.FixedFileInfo(filevers=numbers, prodvers=numbers),
        kids=[
            vi.StringFileInfo([vi.StringTable("040904B0", strings)]),
            vi.VarFileInfo([vi.VarStruct("Translation", [0x0409, 1200])]),
        ],
    )
