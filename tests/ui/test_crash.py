"""An unexpected error in a slot: logged with its trace, told in Chinese, the window stays."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from jdstock_desktop.config import data_dir
from jdstock_desktop.ui import crash
from jdstock_desktop.ui.crash import CrashHandler, install_crash_handler


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    texts: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        texts.append(box.text())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return texts


@pytest.fixture
def handler(qapp: object) -> Iterator[CrashHandler]:
    before = sys.excepthook, threading.excepthook
    h = install_crash_handler()
    yield h
    h.uninstall()
    assert (sys.excepthook, threading.excepthook) == before


@pytest.mark.qt_no_exception_capture  # pytest-qt's own hook would stand in front of ours
def test_an_error_in_a_slot_is_logged_and_shown(
    qtbot: QtBot, handler: CrashHandler, shown: list[str]
) -> None:
    def broken_slot() -> None:
        raise RuntimeError("库存格子出错了")

    button = QPushButton("提交")
    qtbot.addWidget(button)
    button.clicked.connect(broken_slot)
    button.show()

    # PySide6 hands the slot's exception to sys.excepthook (ours) and keeps running.
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    log = data_dir() / "logs" / "jdstock.log"
    assert handler.path == log
    text = log.read_text("utf-8")
    assert "Traceback (most recent call last)" in text
    assert "RuntimeError: 库存格子出错了" in text and "broken_slot" in text
    [message] = shown
    assert str(log) in message
    assert "程序出现意外错误" in message and "未提交的库存修改仍保留" in message
    assert button.isVisible()  # the application was not closed


def test_an_error_in_a_worker_thread_is_logged_and_shown(
    qtbot: QtBot, handler: CrashHandler, shown: list[str]
) -> None:
    def work() -> None:
        raise ValueError("后台任务失败")

    worker = threading.Thread(target=work, name="导入线程")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: bool(shown))  # the dialog opens on the GUI thread

    text = handler.path.read_text("utf-8")
    assert "ValueError: 后台任务失败" in text and "导入线程" in text
    assert str(handler.path) in shown[0]


def test_the_log_rotates() -> None:
    assert (crash.LOG_MAX_BYTES, crash.LOG_BACKUPS) == (1_000_000, 5)


def test_keyboard_interrupt_goes_to_the_previous_hook(
    handler: CrashHandler, shown: list[str]
) -> None:
    passed: list[type[BaseException]] = []
    previous = handler._previous_hook
    handler._previous_hook = lambda kind, value, tb: passed.append(kind)
    try:
        handler.excepthook(KeyboardInterrupt, KeyboardInterrupt(), None)
    finally:
        handler._previous_hook = previous
    assert passed == [KeyboardInterrupt] and shown == []
