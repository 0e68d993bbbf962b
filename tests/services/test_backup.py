"""Backups of a SQLite book: on demand, automatic before imports (bounded), and restore."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from jdstock_desktop.config import data_dir
from jdstock_desktop.errors import BadInput
from jdstock_desktop.services.backup import (
    MAX_AUTO_BACKUPS,
    auto_backup,
    auto_backups,
    backup_book,
    restore_book,
)
from jdstock_desktop.services.stock import StockEdit, check_book, submit_stock_changes
from jdstock_desktop.services.warehouses import list_warehouses
from jdstock_desktop.storage.db import Book, open_book
from tests.helpers import add_product, add_warehouse

pytestmark = pytest.mark.sqlite_only  # backups copy SQLite files; PostgreSQL has pg_dump


def on_hand(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return int(con.execute("SELECT SUM(on_hand) FROM stock").fetchone()[0] or 0)
    finally:
        con.close()


@pytest.fixture
def stocked(book: Book) -> Book:
    add_warehouse(book, "华东仓")
    add_product(book, "A1")
    submit_stock_changes(book, [StockEdit("A1", "华东仓", 10)])
    return book


def test_backup_then_restore_gives_back_the_same_data(stocked: Book, tmp_path: Path) -> None:
    dest = backup_book(stocked, tmp_path / "saved" / "copy.sqlite3")
    assert dest.exists() and not dest.with_name(dest.name + ".part").exists()
    submit_stock_changes(stocked, [StockEdit("A1", "华东仓", 99)])  # a change after the backup
    target = Path(stocked.engine.url.database or "")
    stocked.close()
    assert on_hand(target) == 99

    safety = restore_book(dest, target)

    assert safety is not None and on_hand(safety) == 99  # the replaced book is kept
    again = open_book(target)
    try:
        assert [w.name for w in list_warehouses(again)] == ["商家全国仓", "华东仓"]
        assert on_hand(target) == 10
        assert check_book(again) == []
    finally:
        again.close()


def test_backup_refuses_the_book_file_itself(stocked: Book) -> None:
    with pytest.raises(BadInput, match="账本文件本身"):
        backup_book(stocked, Path(stocked.engine.url.database or ""))


def test_restore_refuses_a_file_that_is_not_a_book(stocked: Book, tmp_path: Path) -> None:
    target = Path(stocked.engine.url.database or "")
    stocked.close()
    before = target.read_bytes()
    other = tmp_path / "other.sqlite3"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY)")
    con.commit()
    con.close()
    text = tmp_path / "notes.sqlite3"
    text.write_text("这不是数据库", encoding="utf-8")

    with pytest.raises(BadInput, match="不是库存账本"):
        restore_book(other, target)
    with pytest.raises(BadInput, match="不是 SQLite 数据库文件"):
        restore_book(text, target)
    with pytest.raises(BadInput, match="找不到备份文件"):
        restore_book(tmp_path / "missing.sqlite3", target)
    assert target.read_bytes() == before
    assert not (data_dir() / "backups").exists() or not list((data_dir() / "backups").iterdir())


def test_restore_refuses_a_postgresql_target(stocked: Book, tmp_path: Path) -> None:
    good = backup_book(stocked, tmp_path / "good.sqlite3")
    with pytest.raises(BadInput, match="SQLite"):
        restore_book(good, "postgresql+psycopg://clerk@localhost/stock")


def test_auto_backups_are_capped(stocked: Book) -> None:
    book_file = Path(stocked.engine.url.database or "")
    written = [auto_backup(stocked, "import") for _ in range(MAX_AUTO_BACKUPS + 5)]
    kept = auto_backups(book_file)
    assert len(kept) == MAX_AUTO_BACKUPS
    assert kept == written[-MAX_AUTO_BACKUPS:]  # the oldest went first
    assert all(p.parent == data_dir() / "backups" for p in kept)
    # <book-stem>-<tag of its path>-<YYYYmmdd-HHMMSS>-<reason>, "-n" only for several a second
    pattern = r"book-[0-9a-f]{8}-\d{8}-\d{6}-import(-\d+)?\.sqlite3"
    assert all(re.fullmatch(pattern, p.name) for p in kept)


@pytest.mark.sqlite_only
def test_books_of_the_same_name_keep_their_own_backups(tmp_path: Path) -> None:
    """Issue 10: 20 imports into y/stock-book.sqlite3 deleted x/stock-book.sqlite3's only
    backup (pruned by file name). Now each book prunes its own."""
    from jdstock_desktop.storage.db import open_book

    x = open_book(tmp_path / "x" / "stock-book.sqlite3")
    y = open_book(tmp_path / "y" / "stock-book.sqlite3")
    try:
        [only] = [auto_backup(x, "import")]
        for _ in range(MAX_AUTO_BACKUPS + 3):
            auto_backup(y, "import")
        assert auto_backups(tmp_path / "x" / "stock-book.sqlite3") == [only] and only.exists()
        assert len(auto_backups(tmp_path / "y" / "stock-book.sqlite3")) == MAX_AUTO_BACKUPS
    finally:
        x.close()
        y.close()


@pytest.mark.sqlite_only
def test_parts_of_killed_backups_are_removed(stocked: Book) -> None:
    import os
    import time

    folder = data_dir() / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    old, fresh = folder / "book-x-import.sqlite3.part", folder / "book-y-import.sqlite3.part"
    for part in (old, fresh):
        part.write_bytes(b"half a copy")
    hours_ago = time.time() - 2 * 3600
    os.utime(old, (hours_ago, hours_ago))
    auto_backup(stocked, "import")
    assert not old.exists()
    assert fresh.exists()  # may be a copy still running in another program


@pytest.mark.sqlite_only
def test_a_damaged_book_is_neither_backed_up_nor_imported_into(
    stocked: Book, tmp_path: Path
) -> None:
    from jdstock_desktop.errors import BookUnusable
    from jdstock_desktop.services.forms.door import import_any
    from tests.helpers import write_xlsx

    path = Path(stocked.engine.url.database or "")
    stocked.close()
    data = bytearray(path.read_bytes())
    page = 4096
    data[2 * page : 2 * page + 8] = b"\xff" * 8  # the header of a b-tree page overwritten
    path.write_bytes(bytes(data))
    damaged = path.read_bytes()
    sheet = write_xlsx(tmp_path / "s.xlsx", "分区库存", [["商品编码", "仓库名称", "现货库存"]])
    book = Book(url=stocked.url, engine=stocked.engine, sessions=stocked.sessions, operator="x")
    with pytest.raises(BookUnusable, match="已损坏"):
        backup_book(book, tmp_path / "copy.sqlite3")
    with pytest.raises(BookUnusable, match="已损坏"):
        import_any(book, "分区库存", sheet, False)
    assert not (tmp_path / "copy.sqlite3").exists()
    assert path.read_bytes() == damaged


def test_no_auto_backup_of_a_book_not_yet_on_disk_or_on_postgresql(tmp_path: Path) -> None:
    from sqlalchemy import create_engine
    from sqlalchemy.orm import sessionmaker

    missing = create_engine(f"sqlite:///{tmp_path / 'nothing.sqlite3'}")
    pg = create_engine("postgresql+psycopg://clerk@localhost/stock")
    for engine in (missing, pg):
        book = Book(url=str(engine.url), engine=engine, sessions=sessionmaker(engine), operator="x")
        assert auto_backup(book, "import") is None
    with pytest.raises(BadInput, match="pg_dump"):
        backup_book(
            Book(url=str(pg.url), engine=pg, sessions=sessionmaker(pg), operator="x"),
            tmp_path / "x.sqlite3",
        )
