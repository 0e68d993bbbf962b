"""`jdstock screenshot`: every page of a demo book rendered offscreen, one 1366×800 PNG each."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from jdstock_desktop.cli import main
from jdstock_desktop.demo_book import fill_demo
from jdstock_desktop.services.alerts import take_new_out_of_stock
from jdstock_desktop.storage.db import Book, open_book
from jdstock_desktop.ui import settings
from jdstock_desktop.ui.pages import PAGES
from jdstock_desktop.ui.screenshots import render_screenshots
from jdstock_desktop.ui.warehouses import WarehousesPage
from jdstock_desktop.ui.widgets import jobs

SKUS = 20  # a small book: every page has rows, the dashboard its charts
SIZE = (1366, 800)


def assert_pictures(paths: list[Path]) -> None:
    for path in paths:
        assert path.stat().st_size > 0, path
        image = QImage(str(path))
        assert not image.isNull(), path
        assert (image.width(), image.height()) == SIZE, path


def test_every_page_is_one_png_of_the_window_size(qtbot: QtBot, book: Book, tmp_path: Path) -> None:
    fill_demo(book, skus=SKUS, seed=3)
    out = tmp_path / "shots"
    written = render_screenshots(book, out)

    pages = [f"{i + 1:02d}-{cls.title}.png" for i, cls in enumerate(PAGES)]  # type: ignore[attr-defined]
    extras = [p.name for p in written[len(PAGES) :]]
    assert [p.name for p in written[: len(PAGES)]] == pages
    n = len(PAGES)
    coverage = [f"{n + 1:02d}-仓库-覆盖与优先级-试算.png"] if WarehousesPage in PAGES else []
    assert extras == [*coverage, f"{n + len(coverage) + 1:02d}-导入表格.png"]
    assert sorted(out.iterdir()) == sorted(written)
    assert_pictures(written)
    assert len({p.read_bytes() for p in written}) == len(written)  # each shows its own page

    assert jobs.running_jobs() == 0  # the dashboard's history and the import check ended
    assert settings.recent_books() == []  # the clerk's settings never saw the rendering


def test_the_command_renders_a_demo_book_in_english(qtbot: QtBot, tmp_path: Path) -> None:
    out = tmp_path / "en"
    assert main(["screenshot", str(out), "--skus", str(SKUS), "--lang", "en"]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names[:2] == ["01-Warehouses.png", "02-Stock.png"]
    assert len(names) == len(PAGES) + 2
    assert_pictures(sorted(out.iterdir()))
    # The English translator was only there while rendering.
    assert QCoreApplication.translate("pages", "库存") == "库存"


def test_a_book_given_with_db_is_rendered_from_a_copy(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "clerk.sqlite3"
    book = open_book(path)
    fill_demo(book, skus=SKUS, seed=3)  # a book with pairs newly out of stock
    book.close()

    out = tmp_path / "shots"
    assert main(["--db", str(path), "screenshot", str(out)]) == 0

    assert len(list(out.glob("*.png"))) == len(PAGES) + 2
    # Showing the dashboard marks new out-of-stock pairs as told: in the copy only, so the
    # clerk is still told about them in her own book.
    book = open_book(path)
    assert take_new_out_of_stock(book, dt.date.today())
    book.close()
