"""A book made by the first schema revision still opens: upgraded, after an automatic backup.

tests/fixtures/book_0001.sqlite3 was written by revision 0001_initial through the services
(2 merchant warehouses besides 商家全国仓, 3 products, stock). Never regenerate it: it stands for
the books clerks already have on disk.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from jdstock_desktop.config import data_dir
from jdstock_desktop.services.ledger import ledger_mismatches
from jdstock_desktop.services.products import get_products
from jdstock_desktop.services.warehouses import list_warehouses
from jdstock_desktop.storage import db
from jdstock_desktop.storage.db import HEAD_REVISION, current_revision, open_book
from jdstock_desktop.storage.models import Stock

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "book_0001.sqlite3"
FIXTURE_REVISION = "0001_initial"


def old_book(tmp_path: Path) -> Path:
    copy = tmp_path / "old-book.sqlite3"
    shutil.copyfile(FIXTURE, copy)
    return copy


def upgrade_backups() -> list[Path]:
    folder = data_dir() / "backups"
    return sorted(folder.glob("old-book-*-upgrade.sqlite3")) if folder.exists() else []


def test_the_fixture_is_a_small_first_revision_book() -> None:
    assert FIXTURE.stat().st_size < 200_000
    con = sqlite3.connect(f"{FIXTURE.as_uri()}?mode=ro", uri=True)
    try:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone() == (
            FIXTURE_REVISION,
        )
    finally:
        con.close()


def test_a_first_revision_book_opens_with_its_data(tmp_path: Path) -> None:
    path = old_book(tmp_path)
    book = open_book(path)
    try:
        assert current_revision(book.engine) == HEAD_REVISION
        assert [w.name for w in list_warehouses(book)] == ["商家全国仓", "上海仓", "北京仓"]
        products = get_products(book, ["A001", "A002", "A003"])
        assert {code: p.name for code, p in products.items()} == {
            "A001": "内六角扳手",
            "A002": "十字螺丝刀",
            "A003": "防护手套",
        }
        with book.read() as s:
            assert sum(st.on_hand for st in s.query(Stock)) == 8 + 5 + 7 + 20 + 3
            assert ledger_mismatches(s) == []
    finally:
        book.close()
    if HEAD_REVISION != FIXTURE_REVISION:  # a real upgrade ran: the old book was kept first
        [backup] = upgrade_backups()
        con = sqlite3.connect(backup)
        try:
            version = con.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            con.close()
        assert version == (FIXTURE_REVISION,)
    else:
        assert upgrade_backups() == []  # a current book is opened as it is


def test_an_upgrade_of_an_existing_book_backs_it_up_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Pretend a newer revision exists, so open_book sees the fixture as old.
    upgraded: list[str] = []
    monkeypatch.setattr(db, "HEAD_REVISION", "0002_future")
    monkeypatch.setattr(db, "upgrade", lambda engine: upgraded.append(upgrade_backups()[0].name))
    path = old_book(tmp_path)

    open_book(path).close()

    [backup] = upgrade_backups()
    assert upgraded == [backup.name]  # the backup existed before the upgrade began
    con = sqlite3.connect(backup)
    try:
        assert con.execute("SELECT COUNT(*) FROM warehouse").fetchone() == (3,)
    finally:
        con.close()


def test_a_new_book_is_not_backed_up(tmp_path: Path) -> None:
    open_book(tmp_path / "old-book.sqlite3").close()
    assert upgrade_backups() == []
