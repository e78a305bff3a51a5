"""The real application on a real X server (Xvfb): `order-desk` starts, paints its window at
1024×700 with the text scaled to 125%, and a screenshot is saved with the test's output."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.xvfb

STARTUP_DEADLINE = 60.0


@pytest.fixture
def display(tmp_path: Path) -> Iterator[str]:
    if not shutil.which("Xvfb"):
        pytest.skip("no Xvfb binary (install the xvfb package to run real-window tests)")
    if not shutil.which("import"):
        pytest.skip("no ImageMagick `import` to take the screenshot")
    read_fd, write_fd = os.pipe()
    # -noreset: an X server resets when its last client leaves, refusing clients meanwhile; a
    # screenshot taken before the app has connected would make the app "could not connect".
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1024x700x24", "-nolisten", "tcp",
         "-noreset"],
        pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()  # Xvfb writes its display number once it is ready
    try:
        assert number, "Xvfb did not start"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)


def _colours(screenshot: Path, display: str) -> int:
    env = {**os.environ, "DISPLAY": display}
    subprocess.run(["import", "-window", "root", str(screenshot)], env=env, check=True,
                   capture_output=True, timeout=30)
    out = subprocess.run(["identify", "-format", "%k", str(screenshot)], check=True,
                         capture_output=True, text=True, timeout=30).stdout
    return int(out.strip() or 0)


def test_order_desk_paints_its_window_on_xvfb(
    display: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    env = {
        **os.environ,
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        "QT_FONT_DPI": "120",  # text at 125% (of 96 dpi), as many operators set it
        "ORDER_DESK_HOME": str(tmp_path / "home"),
    }
    app = subprocess.Popen([sys.executable, "-m", "app"], env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True)
    screenshot = tmp_path / "order-desk-xvfb.png"
    try:
        deadline = time.monotonic() + STARTUP_DEADLINE
        painted = False
        while time.monotonic() < deadline and app.poll() is None:
            # An empty Xvfb screen is one colour; the painted window has many.
            if _colours(screenshot, display) > 64:
                painted = True
                break
        early = app.stdout.read() if app.poll() is not None and app.stdout else ""
        assert not early and app.poll() is None, f"order-desk exited early:\n{early}"
        assert painted, "no window was painted"
    finally:
        app.terminate()
        output = app.communicate(timeout=30)[0]
    # Keep the screenshot where pytest keeps the test's output (printed in the report).
    kept = Path(request.config.rootpath, ".pytest_cache", "screenshots")
    kept.mkdir(parents=True, exist_ok=True)
    shutil.copy(screenshot, kept / screenshot.name)
    print(f"screenshot: {kept / screenshot.name}")
    assert "Traceback" not in output, output
