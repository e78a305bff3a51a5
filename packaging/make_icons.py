"""Render resources/icons/order-desk.svg into the raster icons the installers need.

The outputs are committed (they are small), so a build never depends on this script; run it again
after changing the SVG: ``uv run python packaging/make_icons.py``.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SVG = ICONS / "order-desk.svg"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data().data())


def ico_bytes(images: list[QImage]) -> bytes:
    """A multi-size .ico with PNG-encoded entries (Windows Vista+), so small sizes stay crisp."""
    pngs = [png_bytes(image) for image in images]
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries = b""
    for image, data in zip(images, pngs, strict=True):
        side = image.width() % 256  # 0 means 256 in the directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return header + entries + b"".join(pngs)


def main() -> int:
    _app = QGuiApplication(sys.argv)  # image plugins (ico, icns) load through the application
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"cannot read {SVG}", file=sys.stderr)
        return 1
    largest = render(renderer, 256)
    written = [
        largest.save(str(ICONS / "order-desk.png"), "PNG"),
        largest.save(str(ICONS / "order-desk.icns"), "ICNS"),
    ]
    (ICONS / "order-desk.ico").write_bytes(ico_bytes([render(renderer, s) for s in ICO_SIZES]))
    if not all(written):
        print("an image plugin refused to write an icon", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
