"""The About dialog: which version and build is running, and where its data lives (for support)."""

from __future__ import annotations

import logging
import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app import __version__
from app.buildinfo import build_id
from app.core.paths import data_dir
from app.resources import resource_path

log = logging.getLogger(__name__)

ICON_SIZE = 96


class AboutDialog(QDialog):
    """Version, build, runtime and data folder; every line selectable so it can be pasted into a
    support request."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About Order Desk"))

        icon = QLabel()
        pixmap = QPixmap(str(resource_path("icons/order-desk.png")))
        if not pixmap.isNull():
            icon.setPixmap(pixmap.scaled(ICON_SIZE, ICON_SIZE, Qt.AspectRatioMode.KeepAspectRatio,
                                         Qt.TransformationMode.SmoothTransformation))

        title = QLabel(self.tr("Order Desk"))
        title.setObjectName("aboutTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)

        self.version_label = self._line("aboutVersion", self.tr("Version %1").replace(
            "%1", __version__))
        self.build_label = self._line("aboutBuild", self.tr("Build %1").replace("%1", build_id()))
        runtime = self._line("aboutRuntime", self.tr("Python %1, Qt %2, PySide %3, %4")
                             .replace("%1", platform.python_version())
                             .replace("%2", qVersion())
                             .replace("%3", pyside_version)
                             .replace("%4", platform.platform(terse=True)))
        data = self._line("aboutDataDir", self.tr("Data folder: %1").replace("%1", str(data_dir())))
        blurb = QLabel(self.tr("Order entry for the KA and Nomad fulfilment APIs."))
        blurb.setWordWrap(True)

        text = QVBoxLayout()
        for widget in (title, blurb, self.version_label, self.build_label, runtime, data):
            text.addWidget(widget)
        row = QHBoxLayout()
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(text, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(buttons)

    def _line(self, name: str, text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName(name)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label
