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
EXCLUDES = QT_EXCLUDES + PYTHON_EXCLUDES

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

# Qt translation catalogues the app can use: the standard dialogs' strings (qtbase) and the small
# qt_<lang> meta catalogues that point at them. Designer, Assistant, QML and help ones are dropped.
KEPT_QT_TRANSLATIONS = ("qtbase_", "qt_")
DROPPED_QT_TRANSLATIONS = ("qt_help_",)


def hidden_imports() -> list[str]:
    platform_key = "linux" if sys.platform.startswith("linux") else sys.platform
    return KEYRING_HIDDEN_IMPORTS + PLATFORM_HIDDEN_IMPORTS.get(platform_key, [])


# pycountry's gettext catalogues: 20 MB, every ISO standard in some 150 languages. The app reads
# only the country names of the languages app.core.models.countries lists, to accept names such
# as "Deutschland" or "法国" (about 0.4 MB); the rest stays out.
PYCOUNTRY_LOCALES = PurePosixPath("pycountry/locales")


@functools.cache
def kept_pycountry_catalogues() -> frozenset[PurePosixPath]:
    """The catalogues app.core.models.countries reads, as bundle paths (pycountry/locales/...)."""
    import pycountry

    from app.core.models.countries import name_catalogues

    site = Path(pycountry.__file__).resolve().parent.parent
    return frozenset(PurePosixPath(path.resolve().relative_to(site).as_posix())
                     for path in name_catalogues())


def keep_data_file(dest: str) -> bool:
    """False for data files the app never loads (unused Qt translations, pycountry catalogues)."""
    path = PurePosixPath(dest.replace("\\", "/"))
    if path.is_relative_to(PYCOUNTRY_LOCALES):
        return path in kept_pycountry_catalogues()
    if path.suffix != ".qm" or "translations" not in path.parts or "PySide6" not in path.parts:
        return True
    name = path.name
    return name.startswith(KEPT_QT_TRANSLATIONS) and not name.startswith(DROPPED_QT_TRANSLATIONS)


def filter_datas(entries: Iterable[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Apply `keep_data_file` to an Analysis' ``datas`` table of contents."""
    return [entry for entry in entries if keep_data_file(entry[0])]


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
