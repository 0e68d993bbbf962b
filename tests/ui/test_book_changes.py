"""Another clerk's changes: the window notices them and brings its pages up to date.

Two Book objects on one file stand for two programs on one book; the timer's slot is called
directly (no waiting for 15 s).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy.exc import OperationalError

from jdstock_desktop.services.stock import StockEdit, submit_stock_changes
from jdstock_desktop.services.warehouses import update_warehouse
from jdstock_desktop.storage.db import Book, open_book
from jdstock_desktop.ui import book_watch as bw
from jdstock_desktop.ui import main_window as mw
from jdstock_desktop.ui.book_watch import has_unsaved_edits
from jdstock_desktop.ui.main_window import MainWindow
from jdstock_desktop.ui.stock import StockPage
from jdstock_desktop.ui.widgets import dialogs
from jdstock_desktop.ui.widgets.page import Page
from tests.helpers import add_product, add_warehouse

NOTICE = "其他用户修改了账本，按 F5 刷新"
OFFLINE = "无法连接账本服务器"
CTRL = Qt.KeyboardModifier.ControlModifier


class CountingPage(Page):
    title = "订单"

    def __init__(self, book: Book, parent: object = None) -> None:
        super().__init__(book, parent)  # type: ignore[arg-type]
        self.loads = 0

    def refresh(self) -> None:
        self.loads += 1


@pytest.fixture(autouse=True)
def two_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mw, "PAGES", [StockPage, CountingPage])
    # Teardown closes the window; never let a staged edit block it on a question.
    monkeypatch.setattr(dialogs, "ask_unsaved_changes", lambda *_: dialogs.UnsavedChoice.DISCARD)


@pytest.fixture
def mine(book: Book) -> Book:
    """This clerk's book: 华东仓 and 华南仓, P001 and P002 with stock in 华东仓."""
    add_warehouse(book, "华东仓")
    add_warehouse(book, "华南仓")
    add_product(book, "P001")
    add_product(book, "P002")
    submit_stock_changes(book, [StockEdit("P001", "华东仓", 3), StockEdit("P002", "华东仓", 5)])
    return book


@pytest.fixture
def theirs(mine: Book) -> Iterator[Book]:
    """The same book opened by another program."""
    other = open_book(str(mine.engine.url.database), operator="另一位库管")
    yield other
    other.close()


@pytest.fixture
def window(qtbot: QtBot, mine: Book) -> MainWindow:
    w = MainWindow(mine)
    qtbot.addWidget(w)
    with qtbot.waitActive(w):
        w.show()
        w.activateWindow()
    return w


def stock_page(window: MainWindow) -> StockPage:
    page = window.pages[0]
    assert isinstance(page, StockPage)
    return page


def cell(page: StockPage, sku: str, warehouse: str) -> tuple[int, int]:
    model = page.model
    grid = model.grid
    row = next(r for r in range(model.rowCount()) if grid.codes[model.grid_row(r)] == sku)
    w = next(i for i, wh in enumerate(grid.warehouses) if wh.name == warehouse)
    return row, model.column_of(w)


def shown(page: StockPage, sku: str, warehouse: str) -> str:
    row, column = cell(page, sku, warehouse)
    return str(page.model.index(row, column).data())


def count_loads(page: StockPage, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    loads: list[int] = []
    refresh = page.refresh

    def counting() -> None:
        loads.append(1)
        refresh()

    monkeypatch.setattr(page, "refresh", counting)
    return loads


def test_another_clerks_change_reloads_the_shown_page_and_marks_the_others_stale(
    window: MainWindow, theirs: Book
) -> None:
    page = stock_page(window)
    other = window.pages[1]
    assert isinstance(other, CountingPage)
    row, column = cell(page, "P002", "华东仓")
    page.view.setCurrentIndex(page.model.index(row, column))
    window.watch.check()
    assert window._stale == {1}  # nothing changed: the hidden page was never loaded anyway

    submit_stock_changes(theirs, [StockEdit("P001", "华东仓", 8)])
    window.watch.check()

    assert shown(page, "P001", "华东仓") == "8"  # reloaded quietly
    assert window.message_label.text() == ""
    current = page.view.currentIndex()
    assert (current.row(), current.column()) == (row, column)  # the clerk's place is kept
    assert "流水 3 行" in window.counts_label.text()
    assert window._stale == {1}
    window.show_page(1)
    assert other.loads == 1  # the other page loads when shown

    # Back on the stock page, a change to a warehouse is noticed as well (the other page too).
    window.show_page(0)
    update_warehouse(theirs, "华南仓", new_name="华南一仓")
    window.watch.check()
    assert any(wh.name == "华南一仓" for wh in page.model.grid.warehouses)
    assert window._stale == {1}


def test_staged_edits_are_never_reloaded_the_clerk_is_told_instead(
    window: MainWindow, theirs: Book, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = stock_page(window)
    loads = count_loads(page, monkeypatch)
    row, column = cell(page, "P002", "华东仓")
    page.model.setData(page.model.index(row, column), "6")
    assert has_unsaved_edits(page)

    submit_stock_changes(theirs, [StockEdit("P001", "华东仓", 8)])
    window.watch.check()

    assert loads == []
    assert page.model.staged_count == 1
    assert shown(page, "P001", "华东仓") == "3"  # still what the clerk saw
    assert window.message_label.text() == NOTICE
    assert not window._message_timer.isActive()  # it stays…
    window.show_message("已复制 1 个单元格")  # …and comes back after another message is gone
    window._message_timer.timeout.emit()
    window.watch.check()
    assert window.message_label.text() == NOTICE
    assert loads == []

    # Once the staged edit is settled (here discarded), the page catches up by itself.
    page.model.discard()
    window.watch.check()
    assert loads == [1]
    assert shown(page, "P001", "华东仓") == "8"
    assert window.message_label.text() == ""


def test_leaving_a_page_behind_the_book_reloads_it_when_shown_again(
    qtbot: QtBot, window: MainWindow, theirs: Book, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = stock_page(window)
    row, column = cell(page, "P002", "华东仓")
    page.model.setData(page.model.index(row, column), "6")
    submit_stock_changes(theirs, [StockEdit("P001", "华东仓", 8)])
    window.watch.check()
    assert window.message_label.text() == NOTICE

    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)  # asks; the clerk discards
    assert window.stack.currentIndex() == 1
    assert window.message_label.text() == ""
    qtbot.keyClick(window, Qt.Key.Key_1, CTRL)
    assert shown(page, "P001", "华东仓") == "8"


def test_the_windows_own_submission_raises_no_notice(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = stock_page(window)
    monkeypatch.setattr(dialogs.ConfirmTableDialog, "exec", lambda _d: QDialog.DialogCode.Accepted)
    row, column = cell(page, "P001", "华东仓")
    page.model.setData(page.model.index(row, column), "4")
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_S, CTRL)
    loads = count_loads(page, monkeypatch)

    window.watch.check()

    assert loads == []
    assert window.message_label.text() == "已提交 1 处库存修改，写入 1 行库存流水"


def test_an_open_dialog_puts_the_check_off(
    window: MainWindow, theirs: Book, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = stock_page(window)
    loads = count_loads(page, monkeypatch)
    dialog = QDialog(window)
    dialog.show()
    submit_stock_changes(theirs, [StockEdit("P001", "华东仓", 8)])
    window.watch.check()
    assert loads == []
    dialog.close()
    window.watch.check()
    assert loads == [1]


def test_an_unreachable_book_is_said_once_and_tried_again(
    window: MainWindow, theirs: Book, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = stock_page(window)
    loads = count_loads(page, monkeypatch)

    def gone(_book: Book) -> object:
        raise OperationalError("SELECT", {}, Exception("server closed the connection"))

    real = bw.book_stamp
    monkeypatch.setattr(bw, "book_stamp", gone)
    window.watch.check()
    assert window.message_label.text() == OFFLINE
    assert window.watch.timer.interval() == bw.STAMP_RETRY_MS
    window.message_label.clear()
    window.watch.check()
    assert window.message_label.text() == ""  # said once, not at every try

    monkeypatch.setattr(bw, "book_stamp", real)
    submit_stock_changes(theirs, [StockEdit("P001", "华东仓", 8)])
    window.message_label.setText(OFFLINE)
    window.watch.check()
    assert loads == [1]  # whatever happened while away: the shown page is reloaded
    assert window.message_label.text() == ""
    assert window.watch.timer.interval() == bw.STAMP_INTERVAL_MS


def test_activating_the_window_checks_but_not_more_often_than_every_few_seconds(
    qtbot: QtBot, window: MainWindow, theirs: Book, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = stock_page(window)
    loads = count_loads(page, monkeypatch)
    window.watch._check_due = 0.0
    submit_stock_changes(theirs, [StockEdit("P001", "华东仓", 8)])
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    qtbot.waitUntil(lambda: loads == [1])

    submit_stock_changes(theirs, [StockEdit("P001", "华东仓", 9)])
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    QApplication.processEvents()  # where the deferred check would run
    assert loads == [1]
    window.watch.check()  # the timer is not held back
    assert loads == [1, 1]


def test_pages_without_edits_of_their_own_have_none_to_lose(window: MainWindow) -> None:
    page = stock_page(window)
    assert not has_unsaved_edits(page)
    assert not has_unsaved_edits(window.pages[1])

    class Keeper(Page):
        def can_leave(self) -> bool:
            return False

    assert has_unsaved_edits(Keeper(window.book))  # unknown edits: never reloaded silently


def test_a_clerk_at_work_is_not_reloaded_under_until_idle_or_back_in_the_window(
    qtbot: QtBot, window: MainWindow, theirs: Book, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = stock_page(window)
    loads = count_loads(page, monkeypatch)
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Down)  # scrolling through the grid just now
    submit_stock_changes(theirs, [StockEdit("P001", "华东仓", 8)])

    window.watch.check()  # the 15-s tick
    assert loads == []
    assert window.message_label.text() == NOTICE

    window.watch._last_input -= bw.IDLE_BEFORE_RELOAD_S + 1  # ten quiet seconds later
    window.watch.check()
    assert loads == [1] and shown(page, "P001", "华东仓") == "8"
    assert window.message_label.text() == ""

    qtbot.keyClick(page.view, Qt.Key.Key_Down)
    submit_stock_changes(theirs, [StockEdit("P001", "华东仓", 9)])
    window.watch._check_on_activation()  # busy a moment ago, but coming back to the window
    assert loads == [1, 1] and shown(page, "P001", "华东仓") == "9"
