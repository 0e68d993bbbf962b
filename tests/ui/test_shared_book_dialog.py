"""文件 › 连接共享账本（PostgreSQL）…: the dialog, and the main window opening a server book.

The server tests run when JDSTOCK_TEST_PG_URL names a PostgreSQL server (see tests/backends.py);
a refused connection needs no server (nothing listens on port 1).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import make_url

from jdstock_desktop.storage.db import Book, open_book
from jdstock_desktop.ui import main_window as mw
from jdstock_desktop.ui import settings
from jdstock_desktop.ui.main_window import MainWindow, book_location
from jdstock_desktop.ui.shared_book_dialog import (
    SharedBookDialog,
    connection_problem,
    needs_password,
    shown_location,
)
from tests.backends import PG_URL, pg_database

PASSWORD = "p@ss:w/rd%中"
REFUSED = "postgresql+psycopg://张三@127.0.0.1:1/jdstock"  # nothing listens on port 1
Accepted, Rejected = QDialog.DialogCode.Accepted, QDialog.DialogCode.Rejected


def make_dialog(qtbot: QtBot, location: str | None = None) -> SharedBookDialog:
    dialog = SharedBookDialog.from_url(location) if location else SharedBookDialog()
    qtbot.addWidget(dialog)
    return dialog


# -- the dialog -----------------------------------------------------------------------------------
def test_the_defaults_and_the_url_without_a_password(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot)
    assert (dialog.host_edit.text(), dialog.port_box.value()) == ("localhost", 5432)
    assert (dialog.port_box.minimum(), dialog.port_box.maximum()) == (1, 65535)
    assert dialog.database_edit.text() == "jdstock"
    assert dialog.password_edit.echoMode() == QLineEdit.EchoMode.Password
    assert "PGPASSWORD" in dialog.password_hint.text()
    assert "createdb" in dialog.database_hint.text()
    qtbot.keyClicks(dialog.user_edit, "clerk")
    # No password: libpq looks in PGPASSWORD and the pgpass file.
    assert dialog.url() == "postgresql+psycopg://clerk@localhost:5432/jdstock"


def test_the_password_is_escaped_in_the_url(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot)
    dialog.host_edit.setText(" db.example ")
    dialog.port_box.setValue(6543)
    dialog.database_edit.setText("stock")
    dialog.user_edit.setText("张三")  # QTest types no Chinese
    qtbot.keyClicks(dialog.password_edit, "p@ss:w/rd%")
    dialog.password_edit.insert("中")
    url = dialog.url()
    assert url.startswith("postgresql+psycopg://%E5%BC%A0%E4%B8%89:p%40ss%3Aw%2Frd%25")
    assert url.endswith("@db.example:6543/stock")
    parsed = make_url(url)
    assert (parsed.username, parsed.password) == ("张三", PASSWORD)
    assert (parsed.host, parsed.port, parsed.database) == ("db.example", 6543, "stock")


def test_filled_in_from_a_recent_url_the_clerk_types_only_the_password(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot, "postgresql+psycopg://%E5%BC%A0%E4%B8%89@10.0.0.5/stock")
    assert dialog.host_edit.text() == "10.0.0.5"
    assert dialog.port_box.value() == 5432  # none in the URL: the default
    assert dialog.database_edit.text() == "stock"
    assert dialog.user_edit.text() == "张三"
    assert dialog.password_edit.text() == ""
    assert dialog.focusWidget() is dialog.password_edit or not dialog.isVisible()
    assert dialog.connect_button.isEnabled()
    dialog.password_edit.setText("pw")
    assert dialog.url() == "postgresql+psycopg://%E5%BC%A0%E4%B8%89:pw@10.0.0.5:5432/stock"


def test_connect_is_disabled_until_server_database_and_user_are_filled(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot)
    assert dialog.connect_button.text() == "连接"
    assert not dialog.connect_button.isEnabled()  # no user yet
    qtbot.keyClicks(dialog.user_edit, "clerk")
    assert dialog.connect_button.isEnabled()
    dialog.host_edit.setText("   ")
    assert not dialog.connect_button.isEnabled()
    dialog.host_edit.setText("server")
    dialog.database_edit.clear()
    assert not dialog.connect_button.isEnabled()
    dialog.accept()  # Enter in a field: nothing happens while something is missing
    assert dialog.result() != Accepted
    dialog.database_edit.setText("jdstock")
    assert dialog.connect_button.isEnabled()  # the password may stay empty


def test_the_dialog_renders(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, REFUSED)
    dialog.show_problem("服务器要求密码，请输入密码。")
    dialog.show()
    qtbot.waitExposed(dialog)
    picture = tmp_path / "连接共享账本.png"
    assert dialog.grab().save(str(picture))
    assert picture.stat().st_size > 0


# -- messages -------------------------------------------------------------------------------------
def test_a_server_location_is_shown_without_password_and_readable() -> None:
    url = "postgresql+psycopg://%E5%BC%A0%E4%B8%89:p%40ss@db.example:5432/jdstock"
    assert shown_location(url) == "PostgreSQL 张三@db.example:5432/jdstock"
    assert shown_location("postgresql+psycopg://db.example/jdstock") == (
        "PostgreSQL db.example/jdstock"
    )
    assert shown_location("/home/clerk/账本.sqlite3") == "/home/clerk/账本.sqlite3"
    assert "p%40ss" not in shown_location("mysql://u:p%40ss@h/d")


@pytest.mark.parametrize(
    ("message", "explanation"),
    [
        (
            'connection failed: connection to server at "127.0.0.1", port 54330 failed: '
            'FATAL:  password authentication failed for user "张三"',
            "用户名或密码错误",
        ),
        ("connection failed: fe_sendauth: no password supplied", "用户名或密码错误"),
        ('connection failed: FATAL:  role "nobody" does not exist', "用户名或密码错误"),
        ('connection failed: FATAL:  database "jdstock" does not exist', "没有这个数据库"),
        ("permission denied for schema public", "没有在该数据库中建表或读写的权限"),
        ("failed to resolve host 'db.invalid': [Errno -2] Name or service not known", "无法连接"),
        ("connection failed: timeout expired", "无法连接到数据库服务器"),
    ],
)
def test_driver_messages_get_a_chinese_explanation(message: str, explanation: str) -> None:
    problem = connection_problem(RuntimeError(message))
    assert problem is not None and explanation in problem


def test_a_wrapped_error_and_its_sqlstate_are_read() -> None:
    class DriverError(Exception):
        sqlstate = "3D000"

    class Wrapped(Exception):
        orig = DriverError("FATAL: n'existe pas")  # a server answering in another language

    assert "没有这个数据库" in (connection_problem(Wrapped("x")) or "")
    assert connection_problem(ValueError("something else")) is None
    assert needs_password(RuntimeError("fe_sendauth: no password supplied"))
    assert not needs_password(RuntimeError("Connection refused"))


def test_the_real_refused_connection_is_explained() -> None:
    with pytest.raises(Exception) as raised:
        open_book(REFUSED)
    assert "Connection refused" in str(raised.value)  # psycopg's words, in English
    assert "无法连接到数据库服务器" in (connection_problem(raised.value) or "")


# -- the main window ------------------------------------------------------------------------------
@pytest.fixture
def make_window(qtbot: QtBot) -> Callable[[Book], MainWindow]:
    def make(book: Book) -> MainWindow:
        window = MainWindow(book)
        qtbot.addWidget(window)
        window.show()
        return window

    return make


Fill = Callable[[SharedBookDialog], QDialog.DialogCode]


@pytest.fixture
def clerk(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Fill]]:
    """What the clerk does each time the dialog is shown: one function per showing, in order,
    that fills in the dialog (or looks at it) and returns the button pressed."""
    answers: list[Fill] = []

    def exec_(dialog: SharedBookDialog) -> QDialog.DialogCode:
        assert answers, "the dialog was shown once more than the test expected"
        return answers.pop(0)(dialog)

    monkeypatch.setattr(SharedBookDialog, "exec", exec_)
    yield answers
    assert answers == [], "the dialog was shown fewer times than the test expected"


def file_menu_action(window: MainWindow, text: str) -> None:
    [menu] = [a.menu() for a in window.menuBar().actions() if a.text() == "文件(&F)"]
    [action] = [a for a in menu.actions() if a.text() == text]
    action.trigger()


def test_the_file_menu_connects_to_the_url_of_the_dialog(
    make_window: Callable[[Book], MainWindow], book: Book, tmp_path: Path, clerk: list[Fill]
) -> None:
    other = tmp_path / "other.sqlite3"

    def stub(dialog: SharedBookDialog) -> QDialog.DialogCode:
        dialog.url = lambda: f"sqlite:///{other}"  # type: ignore[method-assign]
        return Accepted

    clerk.append(stub)
    window = make_window(book)
    file_menu_action(window, "连接共享账本（PostgreSQL）…")
    assert window.book is not book
    assert book_location(window.book) == str(other)
    assert settings.recent_books()[0] == str(other)


def test_cancelling_the_dialog_keeps_the_book(
    make_window: Callable[[Book], MainWindow], book: Book, clerk: list[Fill]
) -> None:
    clerk.append(lambda _dialog: Rejected)
    window = make_window(book)
    assert not window.connect_shared_book()
    assert window.book is book


def test_a_refused_connection_says_so_in_chinese_keeps_the_book_and_asks_again(
    make_window: Callable[[Book], MainWindow],
    book: Book,
    clerk: list[Fill],
    errors: list[tuple[str, str]],
) -> None:
    seen: list[tuple[str, str, str]] = []

    def type_in(dialog: SharedBookDialog) -> QDialog.DialogCode:
        dialog.host_edit.setText("127.0.0.1")
        dialog.port_box.setValue(1)
        dialog.user_edit.setText("张三")
        dialog.password_edit.setText(PASSWORD)
        return Accepted

    def look_and_cancel(dialog: SharedBookDialog) -> QDialog.DialogCode:
        seen.append(
            (dialog.user_edit.text(), dialog.password_edit.text(), dialog.problem_label.text())
        )
        return Rejected

    clerk += [type_in, look_and_cancel]
    window = make_window(book)
    assert not window.connect_shared_book()
    assert window.book is book  # the old book stays open
    [(title, text)] = errors
    assert title == "无法打开账本"
    assert text.startswith("PostgreSQL 张三@127.0.0.1:1/jdstock\n\n无法连接到数据库服务器")
    assert "Connection refused" in text  # the driver's own words below the explanation
    assert PASSWORD not in text and "p%40ss" not in text
    # The dialog came back with what was typed, saying the connection failed.
    assert seen == [("张三", PASSWORD, "连接失败，请检查后重试。")]
    assert all("127.0.0.1" not in b for b in settings.recent_books())


def test_a_recent_server_book_that_wants_a_password_opens_the_dialog_filled_in(
    make_window: Callable[[Book], MainWindow],
    book: Book,
    clerk: list[Fill],
    errors: list[tuple[str, str]],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    opened: list[str] = []

    def server(location: str, operator: str | None = None) -> Book:
        opened.append(location)
        if make_url(location).password != "right":
            raise RuntimeError("connection failed: FATAL: fe_sendauth: no password supplied")
        return open_book(tmp_path / "server.sqlite3", operator=operator)

    monkeypatch.setattr(mw, "open_book", server)
    seen: list[tuple[str, str, str]] = []

    def type_password(dialog: SharedBookDialog) -> QDialog.DialogCode:
        seen.append((dialog.host_edit.text(), dialog.user_edit.text(), dialog.problem_label.text()))
        dialog.password_edit.setText("right")
        return Accepted

    clerk.append(type_password)
    window = make_window(book)
    recent = "postgresql+psycopg://%E5%BC%A0%E4%B8%89@db.example:5432/jdstock"
    assert window.open_recent(recent)
    assert errors == []  # a missing password is no error: the dialog asks for it
    assert seen == [("db.example", "张三", "服务器要求密码，请输入密码。")]
    assert opened == [recent, recent.replace("@db", ":right@db")]
    assert book_location(window.book) == str(tmp_path / "server.sqlite3")


def test_a_recent_server_book_that_is_down_says_why_and_offers_the_dialog(
    make_window: Callable[[Book], MainWindow],
    book: Book,
    clerk: list[Fill],
    errors: list[tuple[str, str]],
) -> None:
    seen: list[tuple[int, str]] = []

    def look_and_cancel(dialog: SharedBookDialog) -> QDialog.DialogCode:
        seen.append((dialog.port_box.value(), dialog.problem_label.text()))
        return Rejected

    clerk.append(look_and_cancel)
    window = make_window(book)
    assert not window.open_recent(REFUSED)
    assert "无法连接到数据库服务器" in errors[0][1]
    assert seen == [(1, "连接失败，请检查后重试。")]
    assert window.book is book


# -- on a real server -----------------------------------------------------------------------------
needs_server = pytest.mark.skipif(not PG_URL, reason="JDSTOCK_TEST_PG_URL is not set")


@needs_server
def test_a_new_server_database_opens_with_every_page_and_no_password_anywhere(
    qtbot: QtBot,
    make_window: Callable[[Book], MainWindow],
    book: Book,
    clerk: list[Fill],
    errors: list[tuple[str, str]],
) -> None:
    with pg_database(prefix="jdstock_ui") as url:
        server = make_url(url)

        def type_in(dialog: SharedBookDialog) -> QDialog.DialogCode:
            dialog.host_edit.setText(server.host or "")
            dialog.port_box.setValue(server.port or 5432)
            dialog.database_edit.setText(server.database or "")
            dialog.user_edit.setText(server.username or "")
            # The test server trusts loopback, so any password is accepted: this one proves
            # the escaped URL reaches the server intact and is shown nowhere.
            dialog.password_edit.setText(server.password or PASSWORD)
            return Accepted

        clerk.append(type_in)
        window = make_window(book)
        file_menu_action(window, "连接共享账本（PostgreSQL）…")
        assert errors == []
        try:
            assert window.book is not book
            assert window.book.engine.url.get_backend_name() == "postgresql"
            for i in range(len(window.pages)):  # the tables were made on the first connection
                assert window.show_page(i)
                qtbot.wait(1)
            password = server.password or PASSWORD
            visible = [
                window.windowTitle(),
                window.book_label.text(),
                window.book_label.toolTip(),
                window.message_label.text(),
                *settings.recent_books(),
            ]
            assert all(password not in t and "p%40ss" not in t for t in visible)
            assert window.windowTitle().startswith(f"PostgreSQL {server.username}@")
            assert f"/{server.database}" in window.book_label.toolTip()
            assert not window.backup_action.isEnabled()  # pg_dump is the administrator's
        finally:
            window.set_book(open_book(book.url))  # lets the database be dropped
            window.close()


@needs_server
def test_a_missing_server_database_is_explained(
    make_window: Callable[[Book], MainWindow], book: Book, errors: list[tuple[str, str]]
) -> None:
    assert PG_URL
    missing = make_url(PG_URL).set(database="jdstock_no_such_database")
    window = make_window(book)
    assert not window.open_location(missing.render_as_string(hide_password=False))
    assert window.book is book
    [(_title, text)] = errors
    assert "服务器上没有这个数据库" in text and "does not exist" in text


def test_the_window_title_of_a_file_book_is_unchanged(
    make_window: Callable[[Book], MainWindow], book: Book
) -> None:
    window = make_window(book)
    assert window.windowTitle().startswith("book.sqlite3 — ")
    assert window.book_label.toolTip() == book_location(book)
