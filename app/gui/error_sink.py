"""One place where every unexpected error ends up: the log file and a non-blocking message box.

Uncaught exceptions on the GUI thread (`sys.excepthook`) and on worker threads
(`threading.excepthook`) are logged, then shown without blocking the event loop. Qt's own
messages are routed into `logging`. Each hook chains to the one it replaced, so test harnesses
and debuggers keep working.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import (
    QMessageLogContext,
    QObject,
    Qt,
    QtMsgType,
    Signal,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app import crash

log = logging.getLogger(__name__)
qt_log = logging.getLogger("qt")

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def configure_file_logging(directory: Path, level: int = logging.INFO) -> logging.Handler:
    """A rotating log file in the data directory (five files of 1 MB), every known secret
    redacted from each line."""
    handler = RotatingFileHandler(directory / "order-desk.log", maxBytes=1_000_000, backupCount=5,
                                  encoding="utf-8")
    handler.setFormatter(crash.RedactingFormatter(crash.LOG_FORMAT))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(min(root.level or level, level))
    return handler


class ErrorSink(QObject):
    """Installs the hooks; `reported` carries a text to the GUI thread from any thread."""

    reported = Signal(str, str)  # title, details

    def __init__(self, parent_window: Callable[[], QWidget | None] = lambda: None) -> None:
        super().__init__()
        self._parent_window = parent_window
        self._previous_excepthook = sys.excepthook
        self._previous_threadhook = threading.excepthook
        self._previous_qt_handler: Callable[..., None] | None = None
        self._boxes: list[QMessageBox] = []  # referenced until closed (non-blocking boxes)
        self.reported.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        sys.excepthook = self._excepthook
        threading.excepthook = self._threadhook
        self._previous_qt_handler = qInstallMessageHandler(self._qt_message)

    def uninstall(self) -> None:
        sys.excepthook = self._previous_excepthook
        threading.excepthook = self._previous_threadhook
        qInstallMessageHandler(self._previous_qt_handler)

    def report(self, title: str, exc: BaseException) -> None:
        """Log an exception caught elsewhere (e.g. a worker's error signal) and show it."""
        log.error("%s", title, exc_info=(type(exc), exc, exc.__traceback__))
        self.reported.emit(title, f"{type(exc).__name__}: {exc}")

    def _excepthook(self, kind: type[BaseException], exc: BaseException,
                    tb: TracebackType | None) -> None:
        log.critical("uncaught exception", exc_info=(kind, exc, tb))
        self.reported.emit(self.tr("Unexpected error"), "".join(
            traceback.format_exception_only(kind, exc)).strip())
        self._previous_excepthook(kind, exc, tb)

    def _threadhook(self, args: threading.ExceptHookArgs) -> None:
        name = args.thread.name if args.thread else "?"
        exc = args.exc_value or args.exc_type()
        log.critical("uncaught exception in thread %s", name,
                     exc_info=(args.exc_type, exc, args.exc_traceback))
        self.reported.emit(self.tr("Unexpected error in a background task"),
                           f"{args.exc_type.__name__}: {exc}")
        self._previous_threadhook(args)

    def _qt_message(self, kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        qt_log.log(_QT_LEVELS.get(kind, logging.WARNING), "%s", message)
        if self._previous_qt_handler is not None:
            self._previous_qt_handler(kind, context, message)

    def _show(self, title: str, details: str) -> None:
        if QApplication.instance() is None:
            return
        box = QMessageBox(QMessageBox.Icon.Critical, title,
                          self.tr("Something went wrong. The details are in the log file."),
                          QMessageBox.StandardButton.Close, self._parent_window())
        box.setDetailedText(details)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.NonModal)
        self._boxes.append(box)
        box.finished.connect(lambda _result, b=box: self._boxes.remove(b))
        box.show()

    @property
    def open_boxes(self) -> list[QMessageBox]:
        return list(self._boxes)
