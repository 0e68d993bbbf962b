"""The main window: pages, shortcuts, the 文件 menu (new, open, recent, backup), settings."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, select
from sqlalchemy.orm import sessionmaker

from jdstock_desktop.errors import BadInput
from jdstock_desktop.services.backup import auto_backups, backup_book, backup_dir
from jdstock_desktop.services.stock import StockEdit, submit_stock_changes
from jdstock_desktop.storage.db import Book, open_book
from jdstock_desktop.storage.models import Warehouse
from jdstock_desktop.ui import main_window as mw
from jdstock_desktop.ui import settings
from jdstock_desktop.ui.main_window import MainWindow, book_location
from jdstock_desktop.ui.stock import StockPage
from jdstock_desktop.ui.widgets import dialogs
from jdstock_desktop.ui.widgets.page import Page
from tests.helpers import add_product, add_warehouse

CTRL = Qt.KeyboardModifier.ControlModifier


class NotesPage(Page):
    """A second page for the navigation tests (the real ones come from other modules)."""

    title = "订单"
    refreshed = 0

    def refresh(self) -> None:
        NotesPage.refreshed += 1


@pytest.fixture
def make_window(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[[Book], MainWindow]]:
    monkeypatch.setattr(dialogs, "ask_unsaved_changes", lambda *_: dialogs.UnsavedChoice.DISCARD)
    made: list[MainWindow] = []

    def make(book: Book) -> MainWindow:
        window = MainWindow(book)
        qtbot.addWidget(window)
        with qtbot.waitActive(window):  # window shortcuts (Ctrl+1 …) need an active window
            window.show()
            window.activateWindow()
        made.append(window)
        return window

    yield make


REAL_PAGES = list(mw.PAGES)


@pytest.fixture(autouse=True)
def stock_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """The shell's tests run on known pages; other pages come and go in ui/pages.py."""
    monkeypatch.setattr(mw, "PAGES", [StockPage])


@pytest.fixture
def two_pages(stock_only: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mw, "PAGES", [StockPage, NotesPage])


def stock_page(window: MainWindow) -> StockPage:
    page = window.pages[0]
    assert isinstance(page, StockPage)
    return page


def menu_entries(window: MainWindow, title: str) -> list[tuple[str, str]]:
    [menu] = [a.menu() for a in window.menuBar().actions() if a.text() == title]
    return [
        (a.text(), a.shortcut().toString(QKeySequence.SequenceFormat.PortableText))
        for a in menu.actions()
        if not a.isSeparator()
    ]


def test_window_shows_the_stock_page_the_book_and_its_counts(
    make_window: Callable[[Book], MainWindow], book: Book
) -> None:
    add_warehouse(book, "华东仓")
    add_product(book, "P001")
    submit_stock_changes(book, [StockEdit("P001", "华东仓", 3)])
    window = make_window(book)
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == ["库存"]
    assert window.current_page() is stock_page(window)
    assert stock_page(window).model.rowCount() == 1  # the shown page loaded on start
    assert window.book_label.toolTip() == book_location(book)  # the label may be elided
    assert window.counts_label.text() == (
        "仓库 2 · 商品 1（上柜 1） · 库存 1 条 · 流水 1 行 · 订单 0"
    )
    assert "book.sqlite3" in window.windowTitle()


def test_menus_show_their_shortcuts(make_window: Callable[[Book], MainWindow], book: Book) -> None:
    window = make_window(book)
    assert menu_entries(window, "文件(&F)") == [
        ("新建账本…", "Ctrl+N"),
        ("打开账本…", "Ctrl+O"),
        ("连接共享账本（PostgreSQL）…", ""),
        ("最近的账本", ""),
        ("备份账本…", "Ctrl+Shift+B"),
        ("从备份恢复…", ""),
        ("导入表格…", "Ctrl+I"),
        ("导出表格…", "Ctrl+E"),
        ("供应商资料…", ""),
        ("设置…", "Ctrl+,"),
        ("退出", "Ctrl+Q"),
    ]
    assert menu_entries(window, "页面(&P)") == [("库存", "Ctrl+1")]
    assert menu_entries(window, "帮助(&H)") == [("关于", "")]


def test_ctrl_number_switches_pages_and_a_page_loads_when_first_shown(
    qtbot: QtBot, make_window: Callable[[Book], MainWindow], book: Book, two_pages: None
) -> None:
    NotesPage.refreshed = 0
    window = make_window(book)
    assert NotesPage.refreshed == 0  # hidden pages do not load at start
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    assert window.stack.currentIndex() == 1
    assert window.nav.currentRow() == 1
    assert NotesPage.refreshed == 1
    qtbot.keyClick(window, Qt.Key.Key_1, CTRL)
    assert window.current_page() is stock_page(window)
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    assert NotesPage.refreshed == 1  # nothing changed the book: no reload


def test_leaving_the_stock_page_with_staged_edits_asks_first(
    qtbot: QtBot,
    make_window: Callable[[Book], MainWindow],
    book: Book,
    two_pages: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    add_warehouse(book, "华东仓")
    add_product(book, "P001")
    window = make_window(book)
    page = stock_page(window)
    page.model.setData(page.model.index(0, 5), "4")
    answers = [dialogs.UnsavedChoice.CANCEL, dialogs.UnsavedChoice.DISCARD]
    monkeypatch.setattr(dialogs, "ask_unsaved_changes", lambda *_: answers.pop(0))

    window.nav.setCurrentRow(1)  # a click on 订单 in the navigation
    assert window.current_page() is page
    assert window.nav.currentRow() == 0  # the navigation follows the refusal
    assert page.model.staged_count == 1

    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    assert window.stack.currentIndex() == 1
    assert page.model.staged_count == 0


def test_submitting_updates_the_counts_in_the_status_bar(
    qtbot: QtBot,
    make_window: Callable[[Book], MainWindow],
    book: Book,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    add_warehouse(book, "华东仓")
    add_product(book, "P001")
    monkeypatch.setattr(dialogs.ConfirmTableDialog, "exec", lambda _d: QDialog.DialogCode.Accepted)
    window = make_window(book)
    page = stock_page(window)
    page.model.setData(page.model.index(0, 5), "4")
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_S, CTRL)
    assert "流水 1 行" in window.counts_label.text()
    assert window.message_label.text() == "已提交 1 处库存修改，写入 1 行库存流水"


def test_closing_with_staged_edits_can_be_cancelled(
    make_window: Callable[[Book], MainWindow], book: Book, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_warehouse(book, "华东仓")
    add_product(book, "P001")
    window = make_window(book)
    page = stock_page(window)
    page.model.setData(page.model.index(0, 5), "4")
    monkeypatch.setattr(dialogs, "ask_unsaved_changes", lambda *_: dialogs.UnsavedChoice.CANCEL)
    assert not window.close()
    assert window.isVisible()
    assert page.model.staged_count == 1
    page.model.discard()
    assert window.close()


def test_geometry_and_page_are_restored(
    make_window: Callable[[Book], MainWindow], book: Book, two_pages: None
) -> None:
    first = make_window(book)
    first.resize(780, 520)  # the offscreen screen is 800×600
    first.show_page(1)
    assert first.close()
    second = make_window(book)
    assert (second.width(), second.height()) == (780, 520)
    assert second.stack.currentIndex() == 1


# -- the 文件 menu ----------------------------------------------------------------------------


def test_new_book_from_the_menu_opens_it_and_remembers_it(
    make_window: Callable[[Book], MainWindow],
    book: Book,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    add_product(book, "P001")
    window = make_window(book)
    target = tmp_path / "新账本"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.new_action.trigger()
    assert window.book is not book
    assert (tmp_path / "新账本.sqlite3").exists()
    assert stock_page(window).model.rowCount() == 0  # the new, empty book is shown
    assert window.book_label.toolTip().endswith("新账本.sqlite3")
    assert settings.recent_books()[:2] == [str(tmp_path / "新账本.sqlite3"), book_location(book)]


def test_new_book_refuses_an_existing_file(
    make_window: Callable[[Book], MainWindow],
    book: Book,
    tmp_path: Path,
    errors: list[tuple[str, str]],
) -> None:
    window = make_window(book)
    existing = tmp_path / "已有.sqlite3"
    existing.write_bytes(b"")
    assert not window.create_book_at(existing)
    assert errors[0][0] == "文件已存在"
    assert window.book is book


def test_open_book_from_the_menu_and_back_through_recent_books(
    make_window: Callable[[Book], MainWindow],
    book: Book,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from jdstock_desktop.storage.db import open_book

    other_path = tmp_path / "other.sqlite3"
    other = open_book(other_path)
    add_product(other, "X1")
    add_product(other, "X2")
    other.close()
    window = make_window(book)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(other_path), ""))
    window.open_action.trigger()
    assert stock_page(window).model.rowCount() == 2

    window._fill_recent_menu()  # what opening the submenu does
    entries = [a for a in window.recent_menu.actions() if not a.isSeparator()]
    assert [a.text() for a in entries] == [
        f"&1  {other_path}",
        f"&2  {book_location(book)}",
        "清除列表",
    ]
    assert not entries[0].isEnabled()  # the open book
    entries[1].trigger()
    assert book_location(window.book) == book_location(book)


def test_a_foreign_database_is_not_opened(
    make_window: Callable[[Book], MainWindow],
    book: Book,
    tmp_path: Path,
    errors: list[tuple[str, str]],
) -> None:
    foreign = tmp_path / "erp.db"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE customers (id INTEGER)")
    con.commit()
    con.close()
    window = make_window(book)
    assert not window.open_location(str(foreign))
    assert "不是库存账本" in errors[0][1]
    con = sqlite3.connect(foreign)
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
    con.close()
    assert tables == {"customers"}  # untouched: no migration ran on it
    assert window.book is book


def test_faulty_books_get_the_same_sentence_as_on_the_command_line(
    make_window: Callable[[Book], MainWindow],
    book: Book,
    tmp_path: Path,
    errors: list[tuple[str, str]],
) -> None:
    """Issue 10: the 无法打开账本 box says what is wrong and what to do, not only the driver."""
    newer = tmp_path / "newer.sqlite3"
    open_book(newer).close()
    con = sqlite3.connect(newer)
    con.execute("UPDATE alembic_version SET version_num = '0099_future'")
    con.commit()
    con.close()
    cut = tmp_path / "cut.sqlite3"
    cut.write_bytes(newer.read_bytes()[:3000])
    folder = tmp_path / "库存 2026"
    folder.mkdir()
    window = make_window(book)
    for bad in (newer, cut, folder):
        assert not window.open_location(str(bad))
    assert [title for title, _ in errors] == ["无法打开账本"] * 3
    assert "更新版本的程序" in errors[0][1]
    assert "账本文件已损坏" in errors[1][1] and "从备份恢复" in errors[1][1]
    assert "是一个文件夹" in errors[2][1]
    assert window.book is book


def test_a_vanished_recent_book_is_forgotten(
    make_window: Callable[[Book], MainWindow],
    book: Book,
    tmp_path: Path,
    errors: list[tuple[str, str]],
) -> None:
    window = make_window(book)
    gone = str(tmp_path / "gone.sqlite3")
    settings.remember_book(gone)
    assert not window.open_recent(gone)
    assert gone not in settings.recent_books()
    assert not Path(gone).exists()  # not silently created empty
    assert errors[0][0] == "找不到账本"


def test_backup_copies_the_book_with_the_sqlite_backup_api(
    make_window: Callable[[Book], MainWindow],
    book: Book,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    add_warehouse(book, "华东仓")
    add_product(book, "P001")
    submit_stock_changes(book, [StockEdit("P001", "华东仓", 9)])
    window = make_window(book)
    assert window.backup_action.isEnabled()
    dest = tmp_path / "backups" / "账本备份.sqlite3"
    dest.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(dest), ""))
    window.backup_action.trigger()
    con = sqlite3.connect(dest)
    try:
        assert con.execute("SELECT on_hand FROM stock").fetchall() == [(9,)]
        assert con.execute("SELECT count(*) FROM ledger").fetchone() == (1,)
        assert con.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    finally:
        con.close()
    assert sorted(p.name for p in dest.parent.iterdir()) == ["账本备份.sqlite3"]
    assert window.message_label.text() == f"账本已备份到 {dest}"


def test_a_cancelled_backup_leaves_no_file(book: Book, tmp_path: Path) -> None:
    from jdstock_desktop.errors import Cancelled

    dest = tmp_path / "b.sqlite3"
    with pytest.raises(Cancelled):
        backup_book(book, dest, lambda _done, _total: False)
    assert list(tmp_path.glob("b.sqlite3*")) == []


# -- 从备份恢复 -----------------------------------------------------------------------------


def warehouse_names(book: Book) -> list[str]:
    with book.read() as s:
        return sorted(s.scalars(select(Warehouse.name)))


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The restore's questions (answered yes) and its closing message, in order."""
    asked: list[str] = []

    def ask(_parent: object, title: str, text: str) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(dialogs, "ask_yes_no", ask)
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: asked.append(text))
    return asked


def test_restore_from_the_menu_shows_the_backup_and_keeps_a_safety_copy(
    make_window: Callable[[Book], MainWindow],
    book: Book,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    answers: list[str],
) -> None:
    add_warehouse(book, "华东仓")
    add_product(book, "P001")
    submit_stock_changes(book, [StockEdit("P001", "华东仓", 9)])
    saved = backup_book(book, backup_dir() / "周一.sqlite3")
    add_warehouse(book, "华南仓")  # after the backup: gone once it is restored
    submit_stock_changes(book, [StockEdit("P001", "华南仓", 5)])
    window = make_window(book)
    assert "仓库 3 · 商品 1（上柜 1） · 库存 2 条 · 流水 2 行" in window.counts_label.text()
    assert window.restore_action.isEnabled()
    starts: list[str] = []

    def pick(_parent: object, _title: str, start: str, _filter: str) -> tuple[str, str]:
        starts.append(start)
        return str(saved), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", pick)
    window.restore_action.trigger()

    assert starts == [str(backup_dir())]
    assert window.book is not book
    assert book_location(window.book) == book_location(book)  # the same file, restored
    assert "华南仓" not in warehouse_names(window.book)
    assert "华东仓" in warehouse_names(window.book)
    assert "仓库 2 · 商品 1（上柜 1） · 库存 1 条 · 流水 1 行" in window.counts_label.text()
    [safety] = auto_backups(Path(book_location(book)))
    assert safety.parent == backup_dir() and safety.name.endswith("-restore.sqlite3")
    con = sqlite3.connect(safety)
    try:
        names = {r[0] for r in con.execute("SELECT name FROM warehouse")}
    finally:
        con.close()
    assert "华南仓" in names  # the replaced book can itself be restored
    question, done = answers
    assert str(saved) in question and str(backup_dir()) in question and "安全副本" in question
    assert str(safety) in done
    assert window.message_label.text() == f"已用备份 {saved} 恢复账本"


def test_restoring_a_file_that_is_no_book_changes_nothing(
    make_window: Callable[[Book], MainWindow],
    book: Book,
    tmp_path: Path,
    errors: list[tuple[str, str]],
    answers: list[str],
) -> None:
    add_warehouse(book, "华东仓")
    window = make_window(book)
    before = warehouse_names(book)
    foreign = tmp_path / "erp.sqlite3"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE customers (id INTEGER)")
    con.commit()
    con.close()
    corrupt = tmp_path / "坏备份.sqlite3"
    corrupt.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    for bad in (foreign, corrupt, tmp_path / "不存在.sqlite3", Path(book_location(book))):
        assert not window.restore_from(bad)
    assert [title for title, _ in errors] == ["无法恢复"] * 4
    assert "不是库存账本" in errors[0][1]
    assert "不是 SQLite 数据库文件" in errors[1][1]
    assert "找不到备份文件" in errors[2][1]
    assert "当前打开的账本" in errors[3][1]
    assert answers == []  # refused before asking
    assert window.book is book
    assert warehouse_names(window.book) == before
    assert auto_backups(Path(book_location(book))) == []


def test_a_failed_restore_leaves_the_book_open(
    make_window: Callable[[Book], MainWindow],
    book: Book,
    errors: list[tuple[str, str]],
    answers: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    add_warehouse(book, "华东仓")
    saved = backup_book(book, backup_dir() / "b.sqlite3")
    add_warehouse(book, "华南仓")
    window = make_window(book)

    def fail(_src: Path, _target: object) -> None:
        raise BadInput("恢复失败：磁盘已满")

    monkeypatch.setattr(mw, "restore_book", fail)
    assert not window.restore_from(saved)
    assert errors == [("恢复失败", "恢复失败：磁盘已满")]
    assert window.book is book
    assert "华南仓" in warehouse_names(window.book)  # the disposed engine reconnects
    stock_page(window).refresh()
    window._update_counts()
    assert "仓库 3" in window.counts_label.text()


def test_restore_with_staged_edits_is_refused_when_the_clerk_stays(
    make_window: Callable[[Book], MainWindow],
    book: Book,
    monkeypatch: pytest.MonkeyPatch,
    answers: list[str],
) -> None:
    add_warehouse(book, "华东仓")
    add_product(book, "P001")
    saved = backup_book(book, backup_dir() / "b.sqlite3")
    add_warehouse(book, "华南仓")
    window = make_window(book)
    page = stock_page(window)
    page.model.setData(page.model.index(0, 5), "4")
    monkeypatch.setattr(dialogs, "ask_unsaved_changes", lambda *_: dialogs.UnsavedChoice.CANCEL)
    assert not window.restore_from(saved)
    assert answers == []
    assert window.book is book and page.model.staged_count == 1
    assert "华南仓" in warehouse_names(book)
    assert auto_backups(Path(book_location(book))) == []


def test_restore_is_disabled_for_a_server_book(
    make_window: Callable[[Book], MainWindow], book: Book, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(book)
    monkeypatch.setattr(Book, "file", property(lambda _book: None))  # as for a PostgreSQL book
    window._book_opened()
    assert not window.restore_action.isEnabled()
    assert "pg_restore" in window.restore_action.toolTip()
    assert not window.backup_action.isEnabled()
    assert not window.restore_from(Path("whatever.sqlite3"))


def test_a_server_book_is_remembered_without_its_password() -> None:
    engine = create_engine("postgresql+psycopg://clerk:s3cret@db.example/stock")
    server = Book(engine.url.render_as_string(), engine, sessionmaker(engine), "测试员")
    assert book_location(server) == "postgresql+psycopg://clerk@db.example/stock"
    assert server.file is None  # so 备份账本 is disabled for it


def test_about(
    make_window: Callable[[Book], MainWindow], book: Book, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", lambda _p, title, text: shown.append(title + text))
    window = make_window(book)
    [help_menu] = [a.menu() for a in window.menuBar().actions() if a.text() == "帮助(&H)"]
    [about] = help_menu.actions()
    about.trigger()
    assert "京东工业供应商库存账本" in shown[0]


def test_pages_list_holds_page_classes() -> None:
    assert StockPage in REAL_PAGES
    for cls in REAL_PAGES:
        assert issubclass(cls, QWidget)
        assert isinstance(cls.title, str) and cls.title  # type: ignore[attr-defined]


def test_the_real_pages_in_order_with_their_shortcuts(
    qtbot: QtBot,
    make_window: Callable[[Book], MainWindow],
    book: Book,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(mw, "PAGES", REAL_PAGES)
    window = make_window(book)
    titles = [str(cls.title) for cls in REAL_PAGES]  # type: ignore[attr-defined]
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == titles
    assert menu_entries(window, "页面(&P)") == [
        (title, f"Ctrl+{i + 1}") for i, title in enumerate(titles)
    ]
    at = titles.index("库存")
    qtbot.keyClick(window, getattr(Qt.Key, f"Key_{at + 1}"), CTRL)
    assert isinstance(window.current_page(), StockPage)
