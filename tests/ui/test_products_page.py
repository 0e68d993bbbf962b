"""The 商品 page driven as a clerk would: pick a SKU, edit, save with Ctrl+S, new SKU, 上柜/下柜.

Every test ends by looking at the book rather than at widgets alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QInputMethodEvent, QPalette
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from jdstock_desktop.services.products import Column, ProductTable, list_products
from jdstock_desktop.storage.db import Book
from jdstock_desktop.storage.models import CategoryStandard, Product
from jdstock_desktop.ui import main_window as mw
from jdstock_desktop.ui.products import ProductsPage
from jdstock_desktop.ui.products import page as products_page
from jdstock_desktop.ui.products.model import (
    BREACH_FOREGROUND,
    COLUMNS,
    ProductTableModel,
)
from jdstock_desktop.ui.widgets import dialogs
from tests.helpers import add_product

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def catalogue(book: Book) -> Book:
    """螺栓 has a 72-hour ship-time standard; P003 takes pre-orders with no quota (rule 20)."""
    with book.transaction() as s:
        s.add(CategoryStandard(category1="工业品", category2="紧固件", category3="螺栓",
                               ship_hours=72))  # fmt: skip
    add_product(book, "P001", name="不锈钢六角螺栓 M8", category3="螺栓", jd_price=Decimal("9.9"))
    add_product(book, "P002", name="不锈钢六角螺母 M8", category3="螺母", brand="东明")
    add_product(book, "P003", name="劳保手套", preorder=True, futures_quota=0)
    add_product(book, "P004", name="安全帽", listed=False)
    return book


@pytest.fixture
def page(qtbot: QtBot, catalogue: Book, monkeypatch: pytest.MonkeyPatch) -> Iterator[ProductsPage]:
    # Teardown closes the widget; never let a forgotten edit block on a question.
    monkeypatch.setattr(products_page, "ask_save_product", lambda *_: dialogs.UnsavedChoice.DISCARD)
    p = ProductsPage(catalogue)
    qtbot.addWidget(p)
    p.resize(1280, 760)
    p.refresh()
    p.show()
    qtbot.waitExposed(p)
    p.activateWindow()
    yield p


def stored(book: Book, code: str) -> Product:
    with book.read() as s:
        product = s.scalar(select(Product).where(Product.code == code))
        assert product is not None
        return product


def click_row(
    qtbot: QtBot,
    page: ProductsPage,
    code: str,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    row = page.model.view_row_of(code)
    assert row is not None
    rect = page.view.visualRect(page.model.index(row, 0))
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def retype(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Select what the field holds and type over it, as a clerk does.

    Chinese arrives the way an input method delivers it (a committed string): QTest can only
    synthesise key presses for Latin-1 characters.
    """
    widget.setFocus()
    if isinstance(widget, QAbstractSpinBox | QLineEdit):
        widget.selectAll()
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def cell(page: ProductsPage, code: str, column: Column, role: int) -> object:
    row = page.model.view_row_of(code)
    assert row is not None
    return page.model.data(page.model.index(row, COLUMNS.index(column)), role)


def test_models_pass_the_model_tester(qtmodeltester: object, catalogue: Book) -> None:
    model = ProductTableModel(list_products(catalogue))
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    model.sort(COLUMNS.index(Column.JD_PRICE), Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    qtmodeltester.check(ProductTableModel(ProductTable.empty()))  # type: ignore[attr-defined]


def test_edit_jd_price_and_futures_time_then_ctrl_s_saves_and_marks_the_breach(
    qtbot: QtBot, page: ProductsPage, catalogue: Book
) -> None:
    click_row(qtbot, page, "P001")
    form = page.form
    assert form.lines["name"].text() == "不锈钢六角螺栓 M8"
    assert "「螺栓」发货时效标准：72 小时" in form.standard_label.text()
    retype(qtbot, form.lines["jd_price"], "12.80")
    retype(qtbot, form.futures_spin, "96")
    # Marked while typing, before anything is saved: the form names the standard.
    assert form.futures_note.isVisible()
    assert "超过三级类目「螺栓」的标准 72 小时" in form.futures_note.text()
    assert form.futures_spin.palette().color(QPalette.ColorRole.Text) == QColor("#c0392b")
    assert "未保存" in form.heading.text()
    with qtbot.waitSignal(page.book_changed):
        qtbot.keyClick(form.futures_spin, Qt.Key.Key_S, CTRL)
    p = stored(catalogue, "P001")
    assert (p.jd_price, p.futures_hours, p.version) == (Decimal("12.80"), 96, 2)
    # The table row shows the saved values, its ship time in red with the reason.
    assert cell(page, "P001", Column.JD_PRICE, Qt.ItemDataRole.DisplayRole) == "12.80"
    assert cell(page, "P001", Column.FUTURES_HOURS, Qt.ItemDataRole.DisplayRole) == "96"
    assert cell(page, "P001", Column.FUTURES_HOURS, Qt.ItemDataRole.ForegroundRole) == (
        BREACH_FOREGROUND
    )
    tip = cell(page, "P001", Column.FUTURES_HOURS, Qt.ItemDataRole.ToolTipRole)
    assert "超过三级类目「螺栓」的标准 72 小时" in str(tip)
    assert not form.dirty
    assert "第 2 版" in form.heading.text()


def test_preorder_without_quota_is_marked_in_table_and_form(
    qtbot: QtBot, page: ProductsPage
) -> None:
    assert cell(page, "P003", Column.FUTURES_QUOTA, Qt.ItemDataRole.ForegroundRole) == (
        BREACH_FOREGROUND
    )
    assert cell(page, "P002", Column.FUTURES_QUOTA, Qt.ItemDataRole.ForegroundRole) is None
    click_row(qtbot, page, "P003")
    assert "可期货库存为 0" in page.form.quota_note.text()
    page.breach_box.setCurrentIndex(1)  # 仅看时效违规
    assert [page.model.code_at(r) for r in range(page.model.rowCount())] == ["P003"]


def test_ctrl_n_creates_a_new_product(qtbot: QtBot, page: ProductsPage, catalogue: Book) -> None:
    click_row(qtbot, page, "P002")
    qtbot.keyClick(page.view, Qt.Key.Key_N, CTRL)
    form = page.form
    assert form.is_new and form.lines["code"].text() == ""
    assert form.lines["code"].hasFocus()
    qtbot.keyClicks(form.lines["code"], "P010")
    retype(qtbot, form.lines["name"], "丁腈手套 L码")
    retype(qtbot, form.lines["category3"], "手套")
    retype(qtbot, form.lines["unit"], "副")
    retype(qtbot, form.lines["jd_price"], "￥3.50")  # the sign a Chinese IME types
    retype(qtbot, form.spot_spin, "24")
    qtbot.keyClick(form.lines["unit"], Qt.Key.Key_S, CTRL)
    p = stored(catalogue, "P010")
    assert (p.name, p.category3, p.unit, p.jd_price, p.spot_hours, p.listed) == (
        "丁腈手套 L码",
        "手套",
        "副",
        Decimal("3.50"),
        24,
        False,
    )
    assert page.model.code_at(page.view.currentIndex().row()) == "P010"
    assert page.model.table.row_count == 5


def test_refused_save_shows_the_chinese_reason_and_writes_nothing(
    qtbot: QtBot, page: ProductsPage, catalogue: Book, errors: list[tuple[str, str]]
) -> None:
    click_row(qtbot, page, "P001")
    retype(qtbot, page.form.lines["jd_price"], "12.345")
    qtbot.keyClick(page.form.lines["jd_price"], Qt.Key.Key_S, CTRL)
    [(title, text)] = errors
    assert title == "保存失败"
    assert "京东价「12.345」最多 2 位小数" in text
    assert stored(catalogue, "P001").jd_price == Decimal("9.90")
    assert page.form.dirty  # the clerk's text is kept to correct

    qtbot.keyClick(page.view, Qt.Key.Key_N, CTRL)  # discards (fixture's answer)
    qtbot.keyClicks(page.form.lines["code"], "P002")
    retype(qtbot, page.form.lines["name"], "重复")
    qtbot.keyClick(page.form.lines["name"], Qt.Key.Key_S, CTRL)
    assert "商品编码「P002」已存在" in errors[-1][1]
    assert stored(catalogue, "P002").name == "不锈钢六角螺母 M8"


def test_delist_and_list_the_selected_rows_by_keyboard(
    qtbot: QtBot, page: ProductsPage, catalogue: Book
) -> None:
    click_row(qtbot, page, "P001")
    click_row(qtbot, page, "P002", CTRL)
    assert page.selected_codes() == ["P001", "P002"]
    qtbot.keyClick(page.view, Qt.Key.Key_L, CTRL | SHIFT)
    assert not stored(catalogue, "P001").listed and not stored(catalogue, "P002").listed
    assert cell(page, "P002", Column.LISTED, Qt.ItemDataRole.DisplayRole) == "下柜"
    assert page.form.record is not None and page.form.record.version == 2  # reloaded
    qtbot.keyClick(page.view, Qt.Key.Key_L, CTRL)
    assert stored(catalogue, "P001").listed and stored(catalogue, "P002").listed


def test_switching_rows_with_unsaved_edits_asks(
    qtbot: QtBot, page: ProductsPage, catalogue: Book, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = [dialogs.UnsavedChoice.CANCEL, dialogs.UnsavedChoice.SUBMIT]
    monkeypatch.setattr(products_page, "ask_save_product", lambda *_: answers.pop(0))
    click_row(qtbot, page, "P001")
    retype(qtbot, page.form.lines["brand"], "东明")
    click_row(qtbot, page, "P002")  # 取消: stay on P001 with the edit
    assert page.form.record is not None and page.form.record.code == "P001"
    assert page.model.code_at(page.view.currentIndex().row()) == "P001"
    assert page.form.lines["brand"].text() == "东明"
    click_row(qtbot, page, "P002")  # 保存, then move on
    assert stored(catalogue, "P001").brand == "东明"
    assert page.form.record is not None and page.form.record.code == "P002"


def test_text_listing_and_category_filters(qtbot: QtBot, page: ProductsPage) -> None:
    def shown() -> list[str]:
        return [page.model.code_at(r) for r in range(page.model.rowCount())]

    qtbot.keyClick(page.view, Qt.Key.Key_F, CTRL)
    assert page.search.hasFocus()
    retype(qtbot, page.search, "六角")
    assert shown() == ["P001", "P002"]
    page.search.clear()
    retype(qtbot, page.search, "东明")  # brand
    assert shown() == ["P002"]
    page.search.clear()
    page.listing_box.setCurrentIndex(2)  # 下柜
    assert shown() == ["P004"]
    page.listing_box.setCurrentIndex(0)
    page.category_box.setCurrentText("螺栓")
    assert shown() == ["P001"]
    assert "显示 1 / 4 个商品" in page.count_label.text()


def test_ctrl_n_in_the_main_window_is_the_pages_new_product(
    qtbot: QtBot, catalogue: Book, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The 文件 menu's Ctrl+N (新建账本) must not swallow the page's Ctrl+N, nor clash with it."""
    books: list[str] = []
    monkeypatch.setattr(mw.MainWindow, "new_book", lambda self: books.append("new book"))
    monkeypatch.setattr(mw, "PAGES", [ProductsPage])
    window = mw.MainWindow(catalogue)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    page = window.pages[0]
    assert isinstance(page, ProductsPage)
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_N, CTRL)
    assert page.form.is_new and page.form.lines["code"].hasFocus()
    assert books == []
    with catalogue.read() as s:
        assert s.scalar(select(func.count()).select_from(Product)) == 4
