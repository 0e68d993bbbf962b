"""The 订单 page driven as a clerk would: type an order in, ship it, cancel one, print documents.

The book: 华南仓 (Shenzhen) and 华东仓 (Shanghai); Guangdong's priority list is 华南仓 then
华东仓, the national warehouse last. A1 has 3 units in 华南仓 and 10 in 华东仓; F1 has no stock,
pre-order on with a futures quota of 5 and a 168-hour futures ship time.
Every test ends by looking at the book (orders, ledger rows, stock).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent, QKeySequence, QPageSize
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from jdstock_desktop.domain.regions import load_regions
from jdstock_desktop.services.orders import (
    OrderView,
    create_order,
    get_order,
    list_orders,
    ship_order,
)
from jdstock_desktop.storage.db import Book
from jdstock_desktop.storage.models import LedgerEntry, Product, SalesOrder, Stock, Warehouse
from jdstock_desktop.ui import main_window as mw
from jdstock_desktop.ui.orders import OrdersPage, documents
from jdstock_desktop.ui.orders import page as orders_page
from jdstock_desktop.ui.orders.model import OrdersModel
from jdstock_desktop.ui.orders.new_order import (
    KIND,
    QTY,
    SKU,
    WAREHOUSE,
    NewOrderDialog,
    OrderLinesModel,
    suggest_order_no,
)
from jdstock_desktop.ui.orders.ship import ShipDialog
from jdstock_desktop.ui.products import ProductsPage
from jdstock_desktop.ui.widgets import dialogs
from tests.helpers import SHENZHEN, add_product, south_and_east, stock_at

T0 = dt.datetime(2026, 3, 2, 10, 0, 0)
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def shop(book: Book) -> Book:
    south_and_east(book)
    add_product(
        book,
        "A1",
        name="不锈钢六角螺栓",
        spec="M8×30",
        model="DIN933",
        unit="盒",
        spot_hours=24,
        weight_kg=Decimal("2"),
        length_cm=Decimal("10"),
        width_cm=Decimal("20"),
        height_cm=Decimal("30"),
        packing_list="纸箱",
    )
    add_product(book, "F1", name="定制法兰", spot_hours=24, preorder=True, futures_quota=5,
                futures_hours=168)  # fmt: skip
    # Stock that was there before the orders of March 2026 (a shipment dated before its stock
    # arrived is refused).
    stock_at(book, T0 - dt.timedelta(days=30), [("A1", "华南仓", 3), ("A1", "华东仓", 10)])
    return book


@pytest.fixture
def page(qtbot: QtBot, shop: Book) -> Iterator[OrdersPage]:
    p = OrdersPage(shop)
    qtbot.addWidget(p)
    p.resize(1200, 760)
    p.refresh()
    p.show()
    qtbot.waitExposed(p)
    p.activateWindow()
    p.view.setFocus()
    yield p


def place(book: Book, no: str, lines: list[tuple[str, int]], when: dt.datetime = T0) -> None:
    create_order(book, no, when, "深圳某机械厂", SHENZHEN, "科技园路1号", lines)


def stock(book: Book, sku: str, warehouse: str) -> tuple[int, int]:
    """(on hand, reserved) of one pair."""
    with book.read() as s:
        row = s.execute(
            select(Stock.on_hand, Stock.reserved)
            .join(Warehouse, Warehouse.id == Stock.warehouse_id)
            .join(Product, Product.id == Stock.product_id)
            .where(Product.code == sku, Warehouse.name == warehouse)
        ).one_or_none()
        return (row[0], row[1]) if row else (0, 0)


def ledger(book: Book, kind: str) -> list[tuple[str, str, int, int]]:
    """(SKU, warehouse, delta, reserved delta) of the ledger rows of one kind."""
    with book.read() as s:
        return [
            (r[0], r[1], r[2], r[3])
            for r in s.execute(
                select(Product.code, Warehouse.name, LedgerEntry.delta, LedgerEntry.reserved_delta)
                .join(Product, Product.id == LedgerEntry.product_id)
                .join(Warehouse, Warehouse.id == LedgerEntry.warehouse_id)
                .where(LedgerEntry.kind == kind)
                .order_by(LedgerEntry.id)
            )
        ]


def order_count(book: Book) -> int:
    with book.read() as s:
        return int(s.scalar(select(func.count()).select_from(SalesOrder)) or 0)


def ime(widget: QWidget, text: str) -> None:
    """Text as a Chinese input method commits it (QTest only types Latin-1 keys)."""
    widget.setFocus()
    if isinstance(widget, QLineEdit):
        widget.selectAll()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def type_cell(qtbot: QtBot, dialog: NewOrderDialog, row: int, column: int, text: str) -> None:
    """Go to a cell of the lines table, type over it and press Enter, as in Excel."""
    activate(qtbot, dialog)
    table = dialog.table
    table.setFocus()
    table.setCurrentIndex(dialog.lines_model.index(row, column))
    qtbot.keyClick(table, text[0])  # typing over a cell starts editing it
    editor = table.indexWidget(table.currentIndex())
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, text[1:])
    completer = editor.completer()
    if completer is not None:
        completer.popup().hide()
    with qtbot.waitSignal(dialog.lines_model.line_edited):
        qtbot.keyClick(editor, Qt.Key.Key_Return)


def activate(qtbot: QtBot, dialog: QDialog) -> None:
    """The offscreen platform leaves no window active after the SKU completer's popup closes;
    on a desktop the dialog stays active. Make it so before the next keys."""
    if QApplication.activeWindow() is not dialog:
        with qtbot.waitActive(dialog):
            dialog.activateWindow()


Driver = Callable[[NewOrderDialog], None]


@pytest.fixture
def drive_new_order(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> Callable[[Driver], list[NewOrderDialog]]:
    """Replace the modal exec: show the dialog, let the test type into it, return its answer."""
    seen: list[NewOrderDialog] = []

    def install(drive: Driver) -> list[NewOrderDialog]:
        def fake_exec(dialog: NewOrderDialog) -> int:
            seen.append(dialog)
            with qtbot.waitActive(dialog):  # a modal dialog takes the keyboard
                dialog.show()
                dialog.activateWindow()
            drive(dialog)
            dialog.hide()
            return dialog.result()

        monkeypatch.setattr(NewOrderDialog, "exec", fake_exec)
        return seen

    return install


def fill_header(dialog: NewOrderDialog, order_no: str) -> None:
    ime(dialog.order_no_edit, order_no)
    ime(dialog.customer_edit, "深圳华星精密机械有限公司")
    dialog.address.set_region(load_regions().resolve(list(SHENZHEN)).code)
    ime(dialog.detail_edit, "科技园路1号 3栋")


# -- models --------------------------------------------------------------------------------------


def test_models_pass_the_model_tester(qtmodeltester: object, shop: Book) -> None:
    for i in range(5):
        place(shop, f"SO-{i}", [("A1", 1)], T0 + dt.timedelta(minutes=i))
    model = OrdersModel(page_size=2)
    model.reload(lambda offset, limit: orders_list(shop, offset, limit))
    assert model.rowCount() == 2 and model.canFetchMore()  # one page read
    qtmodeltester.check(model)  # type: ignore[attr-defined]  # (it fetches more too)
    while model.canFetchMore():
        model.fetchMore()
    assert [model.order(r).order_no for r in range(model.rowCount())] == [
        "SO-4",
        "SO-3",
        "SO-2",
        "SO-1",
        "SO-0",
    ]
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    lines = OrderLinesModel({"A1": "不锈钢六角螺栓"})
    lines.setData(lines.index(0, SKU), "A1  不锈钢六角螺栓")
    lines.add_line()
    qtmodeltester.check(lines)  # type: ignore[attr-defined]
    assert lines.lines[0].sku == "A1"


def orders_list(book: Book, offset: int, limit: int) -> list[OrderView]:
    return list_orders(book, limit=limit, offset=offset)


# -- placing -------------------------------------------------------------------------------------


def test_new_order_through_the_dialog_previews_routes_and_reserves_stock(
    qtbot: QtBot,
    page: OrdersPage,
    shop: Book,
    drive_new_order: Callable[[Driver], list[NewOrderDialog]],
) -> None:
    previews: list[tuple[str, str]] = []

    def drive(dialog: NewOrderDialog) -> None:
        assert dialog.order_no_edit.text().startswith("SO")  # a suggestion to keep or replace
        fill_header(dialog, "JD-1001")
        type_cell(qtbot, dialog, 0, SKU, "A1")
        type_cell(qtbot, dialog, 0, QTY, "2")
        activate(qtbot, dialog)
        qtbot.keyClick(dialog.table, Qt.Key.Key_Insert)  # a second line
        type_cell(qtbot, dialog, 1, SKU, "F1")
        type_cell(qtbot, dialog, 1, QTY, "3")
        model = dialog.lines_model
        previews.extend(
            (model.display_text(r, WAREHOUSE), model.display_text(r, KIND)) for r in (0, 1)
        )
        assert order_count(shop) == 0  # a preview writes nothing
        activate(qtbot, dialog)
        qtbot.keyClick(dialog.table, Qt.Key.Key_S, CTRL)

    drive_new_order(drive)
    with qtbot.waitSignal(page.book_changed):
        qtbot.keyClick(page.view, Qt.Key.Key_N, CTRL)
    assert previews == [("华南仓", "现货"), ("华南仓", "期货")]
    view = get_order(shop, "JD-1001")
    assert (view.customer, view.status, view.address_detail) == (
        "深圳华星精密机械有限公司",
        "allocated",
        "科技园路1号 3栋",
    )
    assert [(ln.sku, ln.qty, ln.warehouse, ln.kind) for ln in view.lines] == [
        ("A1", 2, "华南仓", "spot"),
        ("F1", 3, "华南仓", "futures"),
    ]
    assert ledger(shop, "reserve") == [("A1", "华南仓", 0, 2)]  # futures reserve nothing
    assert stock(shop, "A1", "华南仓") == (3, 2)
    assert page.current_order() is not None and page.current_order().order_no == "JD-1001"  # type: ignore[union-attr]
    assert page.lines_model.rowCount() == 2


def test_a_refused_order_shows_why_and_changes_nothing(
    qtbot: QtBot,
    page: OrdersPage,
    shop: Book,
    errors: list[tuple[str, str]],
    drive_new_order: Callable[[Driver], list[NewOrderDialog]],
) -> None:
    previews: list[str] = []

    def drive(dialog: NewOrderDialog) -> None:
        fill_header(dialog, "JD-2002")
        type_cell(qtbot, dialog, 0, SKU, "A1")
        type_cell(qtbot, dialog, 0, QTY, "50")  # 13 units in all: an oversell
        previews.append(dialog.lines_model.display_text(0, KIND))
        activate(qtbot, dialog)
        qtbot.keyClick(dialog.table, Qt.Key.Key_S, CTRL)
        assert dialog.isVisible()  # still open for the clerk to correct
        dialog.reject()

    ledger_before = ledger(shop, "reserve")
    drive_new_order(drive)
    qtbot.keyClick(page.view, Qt.Key.Key_N, CTRL)
    assert previews == ["拒绝"]
    [(title, text)] = errors
    assert title == "不能下单"
    assert "第 1 行 商品「A1」×50" in text and "整单未下单，库存未变" in text
    assert order_count(shop) == 0
    assert ledger(shop, "reserve") == ledger_before == []
    assert stock(shop, "A1", "华南仓") == (3, 0)


def test_suggested_order_numbers_skip_used_ones(shop: Book) -> None:
    day = dt.date(2026, 3, 2)
    assert suggest_order_no(shop, day) == "SO20260302-001"
    place(shop, "SO20260302-001", [("A1", 1)])
    assert suggest_order_no(shop, day) == "SO20260302-002"


# -- shipping and cancelling ---------------------------------------------------------------------


def test_ship_with_a_warehouse_for_the_futures_line(
    qtbot: QtBot, page: OrdersPage, shop: Book, monkeypatch: pytest.MonkeyPatch
) -> None:
    place(shop, "JD-3003", [("A1", 2), ("F1", 2)])
    stock_at(shop, T0 + dt.timedelta(hours=1), [("F1", "华东仓", 4)])  # the futures goods arrived
    page.refresh()
    chosen: list[list[tuple[object, ...]]] = []

    def accept(dialog: ShipDialog) -> int:
        chosen.append([dialog.model.row(r) for r in range(dialog.model.rowCount())])
        assert dialog.warehouse_box is not None
        dialog.warehouse_box.setCurrentText("华东仓")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ShipDialog, "exec", accept)
    with qtbot.waitSignal(page.book_changed):
        qtbot.keyClick(page.view, Qt.Key.Key_Return, CTRL)
    assert [row[0] for row in chosen[0]] == ["A1", "F1"]
    assert ledger(shop, "ship") == [("A1", "华南仓", -2, -2), ("F1", "华东仓", -2, 0)]
    assert get_order(shop, "JD-3003").status == "shipped"
    assert stock(shop, "A1", "华南仓") == (1, 0)
    assert page.model.display_text(0, 4) == "已发货"
    assert not page.ship_action.isEnabled() and page.packing_action.isEnabled()


def test_ship_refused_shows_the_reason(
    qtbot: QtBot,
    page: OrdersPage,
    shop: Book,
    errors: list[tuple[str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    place(shop, "JD-3004", [("F1", 2)])  # no F1 anywhere yet
    page.refresh()
    monkeypatch.setattr(ShipDialog, "exec", lambda _d: QDialog.DialogCode.Accepted)
    qtbot.keyClick(page.view, Qt.Key.Key_Return, CTRL)
    [(title, text)] = errors
    assert title == "不能发货" and "可用库存 0 不足" in text
    assert ledger(shop, "ship") == []
    assert get_order(shop, "JD-3004").status == "allocated"


def test_cancel_asks_first_then_releases_the_reservation(
    qtbot: QtBot, page: OrdersPage, shop: Book, monkeypatch: pytest.MonkeyPatch
) -> None:
    place(shop, "JD-4004", [("A1", 2)])
    page.refresh()
    answers = [False, True]
    questions: list[str] = []

    def ask(_parent: object, _title: str, text: str) -> bool:
        questions.append(text)
        return answers.pop(0)

    monkeypatch.setattr(dialogs, "ask_yes_no", ask)
    qtbot.keyClick(page.view, Qt.Key.Key_Delete, CTRL)  # 否: nothing happens
    assert get_order(shop, "JD-4004").status == "allocated"
    assert stock(shop, "A1", "华南仓") == (3, 2)
    with qtbot.waitSignal(page.book_changed):
        qtbot.keyClick(page.view, Qt.Key.Key_Delete, CTRL)
    assert "释放预占库存 2 件" in questions[0]
    assert ledger(shop, "cancel") == [("A1", "华南仓", 0, -2)]
    assert stock(shop, "A1", "华南仓") == (3, 0)
    assert get_order(shop, "JD-4004").status == "cancelled"
    assert not page.cancel_action.isEnabled()


# -- documents -----------------------------------------------------------------------------------


@pytest.fixture
def shipped(shop: Book) -> Book:
    place(shop, "JD/5005", [("A1", 2)])
    ship_order(shop, "JD/5005", shipped_at=T0 + dt.timedelta(hours=3))
    return shop


def test_export_pdf_and_xlsx_of_a_shipped_order(
    qtbot: QtBot,
    page: OrdersPage,
    shipped: Book,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(orders_page, "choose_folder", lambda *_: str(tmp_path))
    page.refresh()
    qtbot.keyClick(page.view, Qt.Key.Key_E, CTRL | SHIFT)
    for name in ("装箱清单_JD_5005.pdf", "签收单_JD_5005.pdf"):
        pdf = tmp_path / name
        assert pdf.exists() and pdf.stat().st_size > 1000
        assert pdf.read_bytes().startswith(b"%PDF")
    qtbot.keyClick(page.view, Qt.Key.Key_X, CTRL | SHIFT)
    assert (tmp_path / "装箱清单_JD_5005.xlsx").stat().st_size > 0
    assert (tmp_path / "签收单_JD_5005.xlsx").stat().st_size > 0


def test_documents_carry_the_fields_of_spec_section_2(page: OrdersPage, shipped: Book) -> None:
    view = get_order(shipped, "JD/5005")
    _, packing = page.document("packing", view)
    for text in ("装箱清单", "JD/5005", "不锈钢六角螺栓", "M8×30", "DIN933", "4.000", "0.0120",
                 "纸箱", "华南仓", "1/1"):  # fmt: skip
        assert text in packing  # weight 2 kg × 2; volume 10×20×30 cm × 2 = 0.012 m³
    _, receipt = page.document("receipt", view)
    for text in ("签收单", "JD/5005", "深圳某机械厂", "收货人签字", "送货人签字", "合计",
                 "广东省深圳市南山区粤海街道科技园路1号"):  # fmt: skip
        assert text in receipt


def test_print_preview_paints_the_a4_document(
    qtbot: QtBot,
    page: OrdersPage,
    shipped: Book,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown: list[QPrintPreviewDialog] = []
    monkeypatch.setattr(orders_page, "run_preview", shown.append)
    page.refresh()
    qtbot.keyClick(page.view, Qt.Key.Key_P, CTRL | SHIFT)
    [dialog] = shown
    assert dialog.windowTitle() == "签收单 — JD/5005"
    # What the preview paints goes to any printer: print it to a PDF to see it is drawn.
    printer = documents.a4_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "preview.pdf"))
    assert printer.pageLayout().pageSize().id() == QPageSize.PageSizeId.A4
    dialog.paintRequested.emit(printer)
    assert (tmp_path / "preview.pdf").stat().st_size > 1000
    dialog.deleteLater()


def test_documents_wait_for_shipment(
    qtbot: QtBot, page: OrdersPage, shop: Book, monkeypatch: pytest.MonkeyPatch
) -> None:
    place(shop, "JD-6006", [("A1", 1)])
    page.refresh()
    shown: list[object] = []
    monkeypatch.setattr(orders_page, "run_preview", shown.append)
    messages: list[str] = []
    page.status_message.connect(messages.append)
    page._shipped_order()  # what a disabled action would answer if reached
    assert shown == [] and "只有已发货的订单" in messages[-1]
    assert not page.packing_action.isEnabled() and not page.pdf_action.isEnabled()


def test_filter_by_status_and_text(qtbot: QtBot, page: OrdersPage, shop: Book) -> None:
    place(shop, "JD-7001", [("A1", 1)], T0)
    place(shop, "JD-7002", [("A1", 1)], T0 + dt.timedelta(hours=1))
    ship_order(shop, "JD-7001", shipped_at=T0 + dt.timedelta(hours=2))
    page.refresh()

    def shown() -> list[str]:
        return [page.model.order(r).order_no for r in range(page.model.rowCount())]

    assert shown() == ["JD-7002", "JD-7001"]  # newest first
    page.status_box.setCurrentIndex(2)  # 已发货
    assert shown() == ["JD-7001"]
    page.status_box.setCurrentIndex(0)
    qtbot.keyClick(page.view, Qt.Key.Key_F, CTRL)
    assert page.search.hasFocus()
    qtbot.keyClicks(page.search, "7002")
    assert shown() == ["JD-7002"]


def test_page_keys_do_not_clash_with_the_window_menus(
    qtbot: QtBot, shop: Book, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A key bound twice in one window runs neither ("ambiguous"); only Ctrl+N is shared on
    purpose, and the pages claim it while the clerk works in them (PageKeys)."""
    monkeypatch.setattr(mw, "PAGES", [ProductsPage, OrdersPage])
    window = mw.MainWindow(shop)
    qtbot.addWidget(window)
    portable = QKeySequence.SequenceFormat.PortableText
    menus = {
        key.toString(portable)
        for menu in window.menuBar().actions()
        if menu.menu() is not None
        for action in menu.menu().actions()
        for key in action.shortcuts()
    }
    assert {"Ctrl+N", "Ctrl+1", "Ctrl+2"} <= menus
    for page in window.pages:
        claimed = set(page.page_keys._actions)  # type: ignore[attr-defined]
        for action in page.actions():
            if action in claimed:
                continue
            for key in action.shortcuts():
                assert key.toString(portable) not in menus, (type(page).__name__, action.text())
