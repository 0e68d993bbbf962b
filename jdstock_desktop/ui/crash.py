"""Unexpected errors in the GUI: log the trace, tell the clerk, keep the window open.

PySide6 hands an exception raised in a slot to sys.excepthook and carries on; the default hook
only prints to a console a packaged Windows app does not have. This hook writes the traceback to
a rotating log in the data folder and shows a message box instead of closing the application,
so staged (not yet submitted) grid edits stay where they are and can still be submitted.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from jdstock_desktop.config import data_dir

LOG_NAME = "jdstock.log"
LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 5
# The package logger: the app's own warnings land in the same file as the crash traces.
LOGGER_NAME = "jdstock_desktop"

log = logging.getLogger(f"{LOGGER_NAME}.crash")

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def log_path() -> Path:
    return data_dir() / "logs" / LOG_NAME


def _tr(text: str) -> str:
    return QCoreApplication.translate("CrashHandler", text)


def crash_message(path: Path) -> str:
    return _tr(
        "程序出现意外错误，错误详情已记录到 %1；未提交的库存修改仍保留，"
        "可以继续操作并提交。如果问题反复出现，请把这个日志文件发给技术支持。"
    ).replace("%1", str(path))


class _Notifier(QObject):
    """Carries a crash from any thread to the GUI thread (a queued signal)."""

    crashed = Signal(str)


class CrashHandler:
    """Installed hooks and the log handler; `uninstall` puts the previous hooks back."""

    def __init__(self, parent: Callable[[], QWidget | None] | None = None) -> None:
        self.path = log_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.handler = logging.handlers.RotatingFileHandler(
            self.path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
        )
        self.handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
        )
        self._parent = parent or QApplication.activeWindow
        self._notifier = _Notifier()
        self._notifier.crashed.connect(self._show)
        self._showing = False
        self._previous_level = logging.NOTSET
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook

    def install(self) -> CrashHandler:
        logger = logging.getLogger(LOGGER_NAME)
        logger.addHandler(self.handler)
        self._previous_level = logger.level
        if logger.getEffectiveLevel() > logging.INFO:  # the app's notes belong in the log too
            logger.setLevel(logging.INFO)
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook
        return self

    def uninstall(self) -> None:
        sys.excepthook = self._previous_hook
        threading.excepthook = self._previous_thread_hook
        logger = logging.getLogger(LOGGER_NAME)
        logger.removeHandler(self.handler)
        logger.setLevel(self._previous_level)
        self.handler.close()

    def excepthook(
        self, kind: type[BaseException], value: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):  # Ctrl+C in a console: the usual behaviour
            self._previous_hook(kind, value, tb)
            return
        self._record((kind, value, tb), "GUI 线程")

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        where = f"线程 {args.thread.name}" if args.thread is not None else "后台线程"
        self._record((args.exc_type, args.exc_value, args.exc_traceback), where)

    def _record(self, exc_info: ExcInfo, where: str) -> None:
        try:
            log.error("未处理的异常（%s）", where, exc_info=exc_info)
        except Exception:  # a full disk must not turn one error into a crash loop
            self._previous_hook(*exc_info)
        # Emitted, not called: from a worker thread the dialog must still open on the GUI thread.
        self._notifier.crashed.emit(str(self.path))

    def _show(self, path: str) -> None:
        if self._showing:  # an error while the box is open: logged, one box is enough
            return
        self._showing = True
        try:
            box = QMessageBox(self._parent())
            box.setIcon(QMessageBox.Icon.Critical)
            box.setWindowTitle(_tr("程序出现意外错误"))
            box.setText(crash_message(Path(path)))
            box.exec()
        finally:
            self._showing = False


def install_crash_handler(parent: Callable[[], QWidget | None] | None = None) -> CrashHandler:
    """Install the hooks for the running GUI (ui.app.run_gui calls this once)."""
    return CrashHandler(parent).install()
