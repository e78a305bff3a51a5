"""What the operator reads when the team journal's driver cannot load libpq, for each cause:
none installed (Linux: which package; elsewhere: an incomplete installation), one found that the
loader refuses (its own reason, naming the library), a damaged psycopg-binary. Each runs a real
psycopg import in a fresh interpreter, its library lookup pointed at nothing or at a file that
is not a library, or its compiled binding replaced by one that fails to load."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.core import phrases

# psycopg's own search for libpq (ctypes.util.find_library) answers LIBPQ: nothing when empty.
_PRELUDE = """
import ctypes.util, os, sys
find = ctypes.util.find_library
found = os.environ["LIBPQ"] or None
ctypes.util.find_library = lambda name: found if "pq" in name else find(name)
"""
# The diagnosis of the real ImportError, as each platform would word it.
_DIAGNOSE = _PRELUDE + """
from app.core.journal.libpq import libpq_problem
try:
    import psycopg
except ImportError as exc:
    for platform in ("linux", "win32", "darwin"):
        print(platform, libpq_problem(exc, platform), sep="\\t")
else:
    print("loaded", psycopg.pq.__impl__)
"""
# A psycopg-binary whose extension fails to load, as a damaged install does.
_BROKEN_BINARY = """raise ImportError(
    "libpq-9f1c2a.so.5.17: cannot open shared object file: No such file or directory")
"""
# A Linux bundle's view: no compiled binding installed at all.
_NO_BINARY = """
import importlib.abc
class _Absent(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name in ("psycopg_binary", "psycopg_c"):
            raise ModuleNotFoundError(f"No module named {name!r}")
sys.meta_path.insert(0, _Absent())
"""


def _run(script: str, libpq: str, *, impl: str = "python", path: Path | None = None,
         **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "LIBPQ": libpq, "PSYCOPG_IMPL": impl, **env}
    if path is not None:  # first on the path: shadows the installed package
        environment["PYTHONPATH"] = os.pathsep.join([str(path), os.environ.get("PYTHONPATH", "")])
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env=environment, timeout=120)


def _diagnosed(libpq: str, **kwargs: object) -> dict[str, str]:
    result = _run(_DIAGNOSE, libpq, **kwargs)  # type: ignore[arg-type]
    assert result.returncode == 0, result.stderr
    return dict(line.split("\t", 1) for line in result.stdout.splitlines())


def _not_a_library(tmp_path: Path) -> Path:
    fake = tmp_path / "libpq.so.5"
    fake.write_text("not a shared library\n", encoding="utf-8")
    return fake


def test_no_libpq_names_the_package_on_linux_and_an_incomplete_installation_elsewhere() -> None:
    said = _diagnosed("")
    assert said["linux"] == phrases.LIBPQ_NOT_INSTALLED and "libpq5" in said["linux"]
    for platform in ("win32", "darwin"):
        assert said[platform].startswith("the team journal's PostgreSQL driver cannot load")
        assert "installation of Order Desk is incomplete" in said[platform]
        assert "libpq library not found" in said[platform]  # psycopg's own words, kept
        assert "libpq5" not in said[platform]  # no Debian package to install there


def test_a_libpq_the_loader_refuses_is_named_with_the_loaders_reason(tmp_path: Path) -> None:
    fake = _not_a_library(tmp_path)
    said = _diagnosed(str(fake))
    for platform, text in said.items():
        assert text.startswith("this machine's PostgreSQL client library (libpq) was found but "
                               f"cannot be loaded ({fake}: "), (platform, text)
        assert "not compatible with this build" in text and "libpq5" not in text
        assert "install it again" not in text


def test_a_damaged_psycopg_binary_is_an_incomplete_installation(tmp_path: Path) -> None:
    package = tmp_path / "shadow" / "psycopg_binary"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(_BROKEN_BINARY, encoding="utf-8")
    said = _diagnosed("", impl="", path=tmp_path / "shadow")  # psycopg tries each binding
    # The damaged binding is the cause even where a system libpq is refused as well.
    refused = _diagnosed(str(_not_a_library(tmp_path)), impl="", path=tmp_path / "shadow")
    assert refused == said
    for platform, text in said.items():
        assert "installation of Order Desk is incomplete" in text, (platform, text)
        assert "libpq-9f1c2a.so.5.17: cannot open shared object file" in text
        assert "libpq5" not in text


def test_a_linux_bundle_without_libpq_tries_every_binding_and_names_the_package() -> None:
    # The installed psycopg-binary hidden, as the Linux bundle does not ship it.
    script = _PRELUDE + _NO_BINARY + _DIAGNOSE.replace(_PRELUDE, "")
    result = _run(script, "", impl="")
    assert result.returncode == 0, result.stderr
    said = dict(line.split("\t", 1) for line in result.stdout.splitlines())
    assert said["linux"] == phrases.LIBPQ_NOT_INSTALLED
    assert "libpq library not found" in said["win32"]


@pytest.mark.skipif(sys.platform != "linux", reason="the loader's words checked are glibc's")
def test_the_cli_says_what_happened_in_english(tmp_path: Path) -> None:
    cli = _PRELUDE + "from app.cli import main\nsys.exit(main(sys.argv[1:]))\n"
    home = {"ORDER_DESK_HOME": str(tmp_path / "home"), "ORDER_DESK_LANGUAGE": "zh_CN",
            "ORDER_DESK_DATABASE_URL": "postgresql://clerk@db.example.test/team",
            "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
    fake = _not_a_library(tmp_path)
    env = {**os.environ, **home, "LIBPQ": str(fake), "PSYCOPG_IMPL": "python"}
    result = subprocess.run([sys.executable, "-c", cli, "history"], capture_output=True,
                            text=True, timeout=120, env=env)
    assert result.returncode == 2, result.stdout + result.stderr
    # The command line speaks English whatever the window's language; the loader names the file.
    assert f"was found but cannot be loaded ({fake}: " in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


# The window's start on a team journal it cannot reach for want of libpq: the message box's
# text, in the window's language (QMessageBox.critical is recorded, not shown).
_WINDOW = _PRELUDE + """
from PySide6.QtWidgets import QMessageBox
QMessageBox.critical = staticmethod(lambda _parent, _title, text: print("SHOWN", text))
from app.gui.app import run_gui
sys.exit(run_gui())
"""


@pytest.mark.parametrize(("libpq", "words"), [
    ("", "团队日志需要 PostgreSQL 的客户端库（libpq），但本机未安装"),
    ("fake", "已找到本机的 PostgreSQL 客户端库（libpq），但无法加载（"),
], ids=["not installed", "refused by the loader"])
def test_the_window_says_it_in_its_language(tmp_path: Path, libpq: str, words: str) -> None:
    fake = str(_not_a_library(tmp_path)) if libpq else ""
    env = {"ORDER_DESK_HOME": str(tmp_path / "home"), "ORDER_DESK_LANGUAGE": "zh_CN",
           "ORDER_DESK_DATABASE_URL": "postgresql://clerk@db.example.test/team",
           "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
           "QT_QPA_PLATFORM": "offscreen"}
    result = _run(_WINDOW, fake, **env)
    assert result.returncode == 1, result.stdout + result.stderr
    shown = next(line for line in result.stdout.splitlines() if line.startswith("SHOWN"))
    assert words in shown, shown
    assert "client library" not in shown and "installed on this machine" not in shown
    if fake:
        assert f"（{fake}: " in shown  # the loader's reason, as it said it


# The Team journal setting on a desk without libpq: a URL to keep is refused (its password
# cannot be looked for), and the reason is in the window's language.
_SETTING = _PRELUDE + """
from PySide6.QtWidgets import QLineEdit, QPushButton, QLabel
from app.gui.app import build_main_window, ensure_application
ensure_application()
window = build_main_window()
window.open_journal()
dialog = window.open_settings()
dialog.findChild(QLineEdit, "teamJournal.url").setText("postgresql://clerk@db.example.test/team")
dialog.findChild(QPushButton, "teamJournal.save").click()
print("SHOWN", dialog.findChild(QLabel, "teamJournal.status").text())
from app.core.settings import load_settings
print("KEPT", repr(load_settings().team_journal_url))
dialog.close()
window.shutdown()
"""


def test_the_team_journal_setting_says_it_in_the_windows_language(tmp_path: Path) -> None:
    env = {"ORDER_DESK_HOME": str(tmp_path / "home"), "ORDER_DESK_LANGUAGE": "zh_CN",
           "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
           "QT_QPA_PLATFORM": "offscreen"}
    result = _run(_SETTING, "", **env)
    assert result.returncode == 0, result.stdout + result.stderr
    shown = next(line for line in result.stdout.splitlines() if line.startswith("SHOWN"))
    assert "团队日志需要 PostgreSQL 的客户端库（libpq），但本机未安装" in shown, shown
    assert "installed on this machine" not in shown
    assert "KEPT ''" in result.stdout.splitlines()  # refused: nothing kept
