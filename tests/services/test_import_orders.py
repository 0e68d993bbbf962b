"""The 订单 sheet (SPEC §7.1): import places, ships, records and cancels orders like the app does.

Same book as test_orders: 华南仓 (Shenzhen) first for Guangdong, then 华东仓, then the national
warehouse. A1: 华南仓 3, 华东仓 10. B1: 华南仓 4. F1: no stock, pre-order quota 5.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from jdstock_desktop.errors import SheetErrors
from jdstock_desktop.services.forms.importing import ImportReport, import_rows, import_sheet
from jdstock_desktop.services.forms.order_sheets import export_orders
from jdstock_desktop.services.forms.table import export_sheet
from jdstock_desktop.services.ledger import ledger_mismatches
from jdstock_desktop.services.orders import create_order, get_order, ship_order
from jdstock_desktop.services.warehouses import set_priorities
from jdstock_desktop.sheets.forms import ORDERS
from jdstock_desktop.sheets.reader import SheetRow
from jdstock_desktop.storage.db import Book, open_book
from jdstock_desktop.storage.models import LedgerEntry, SalesOrder
from tests.helpers import SHENZHEN, add_product, south_and_east, stock_at
from tests.services.test_orders import order_rows, stock

T0 = dt.datetime(2026, 3, 2, 10, 0, 0)


def make_shop(path: Path | str) -> Book:
    book = open_book(path)
    south_and_east(book)
    add_product(book, "A1", spot_hours=24)
    add_product(book, "B1", spot_hours=24)
    add_product(book, "F1", spot_hours=24, preorder=True, futures_quota=5, futures_hours=168)
    # Stock that was there before the orders of March 2026 the tests place and ship.
    stock_at(
        book,
        T0 - dt.timedelta(days=30),
        [("A1", "华南仓", 3), ("A1", "华东仓", 10), ("B1", "华南仓", 4)],
    )
    return book


@pytest.fixture
def shop(book_url: str) -> Iterator[Book]:
    book = make_shop(book_url)
    yield book
    book.close()


def line(
    row: int,
    order_no: str,
    sku: str,
    qty: int,
    status: str | None = "待发货",
    *,
    ordered_at: dt.datetime = T0,
    shipped_at: dt.datetime | None = None,
    ship_warehouse: str | None = None,
    customer: str | None = "某某重工",
    address: tuple[str | None, ...] = SHENZHEN,
    detail: str | None = "1栋",
) -> SheetRow:
    """One 订单 row as the reader hands it over (empty cells are None)."""
    p, c, d, t = (*address, None, None, None, None)[:4]
    return SheetRow(
        row,
        {
            "order_no": order_no,
            "ordered_at": ordered_at,
            "customer": customer,
            "province": p,
            "city": c,
            "county": d,
            "town": t,
            "detail": detail,
            "sku": sku,
            "qty": qty,
            "status": status,
            "shipped_at": shipped_at,
            "ship_warehouse": ship_warehouse,
        },
    )


def run(book: Book, rows: list[SheetRow], *, dry_run: bool = False) -> ImportReport:
    return import_rows(book, ORDERS, rows, file="订单.xlsx", dry_run=dry_run)


def problems(exc: pytest.ExceptionInfo[SheetErrors]) -> list[tuple[int, str, str]]:
    return [(p.row, p.column, p.reason) for p in exc.value.problems]


def ledger_count(book: Book) -> int:
    with book.read() as s:
        return len(s.scalars(select(LedgerEntry.id)).all())


def consistent(book: Book) -> bool:
    with book.read() as s:
        return ledger_mismatches(s) == []


def exported_rows(book: Book) -> list[SheetRow]:
    with book.read() as s:
        return [SheetRow(i, row) for i, row in enumerate(export_orders(s), start=2)]


def test_pending_rows_are_grouped_routed_and_reserved(shop: Book) -> None:
    report = run(
        shop,
        [line(2, "SO1", "A1", 2), line(3, "SO1", "B1", 1), line(4, "SO2", "A1", 5)],
    )
    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    assert report.ledger_rows == 3
    assert [(ln.sku, ln.warehouse) for ln in get_order(shop, "SO1").lines] == [
        ("A1", "华南仓"),
        ("B1", "华南仓"),
    ]
    assert stock(shop, "A1", "华南仓") == (3, 2) and stock(shop, "A1", "华东仓") == (10, 5)
    assert consistent(shop)


def test_orders_in_one_file_see_each_others_reservations(shop: Book) -> None:
    # SO1 (earlier) takes 华南仓's 3; SO2 then finds 华南仓 empty and is supported by 华东仓,
    # although the file lists SO2 first: orders are placed by order time.
    run(
        shop,
        [
            line(2, "SO2", "A1", 3, ordered_at=T0 + dt.timedelta(hours=1)),
            line(3, "SO1", "A1", 3),
        ],
    )
    assert get_order(shop, "SO1").lines[0].warehouse == "华南仓"
    assert get_order(shop, "SO2").lines[0].warehouse == "华东仓"
    assert stock(shop, "A1", "华南仓") == (3, 3) and stock(shop, "A1", "华东仓") == (10, 3)


def test_futures_quota_counts_earlier_orders_of_the_same_file(shop: Book) -> None:
    with pytest.raises(SheetErrors) as exc:
        run(shop, [line(2, "SO1", "F1", 3), line(3, "SO2", "F1", 3)])
    [(row, column, reason)] = problems(exc)
    assert (row, column) == (3, "数量") and "剩余可期货库存 2 < 3" in reason


def test_a_refused_order_is_a_problem_on_its_quantity_and_nothing_is_imported(shop: Book) -> None:
    before = ledger_count(shop)
    with pytest.raises(SheetErrors) as exc:
        run(shop, [line(2, "SO1", "A1", 1), line(3, "SO2", "A1", 2), line(4, "SO2", "B1", 50)])
    [(row, column, reason)] = problems(exc)
    assert (row, column) == (4, "数量") and "超卖" in reason
    assert ledger_count(shop) == before
    with shop.read() as s:
        assert s.scalars(select(SalesOrder.id)).all() == []


def test_order_columns_must_agree_across_the_rows_of_one_order(shop: Book) -> None:
    with pytest.raises(SheetErrors) as exc:
        run(shop, [line(2, "SO1", "A1", 1), line(3, "SO1", "B1", 1, customer="别的公司")])
    assert problems(exc) == [(3, "客户", "同一订单「SO1」的「客户」与第 2 行不一致")]


def test_an_unknown_address_is_a_problem_naming_its_column(shop: Book) -> None:
    with pytest.raises(SheetErrors) as exc:
        run(shop, [line(2, "SO1", "A1", 1, address=("广东省", "深圳市", "不存在区"))])
    [(row, column, reason)] = problems(exc)
    assert (row, column) == (2, "区县") and "收货地址无法识别" in reason


def test_a_gap_in_the_address_names_the_missing_level(shop: Book) -> None:
    with pytest.raises(SheetErrors) as exc:
        run(shop, [line(2, "SO1", "A1", 1, address=("广东省", None, "南山区"))])
    [(row, column, reason)] = problems(exc)
    assert (row, column) == (2, "市") and "缺少第 2 级" in reason


def test_shipment_times_must_lie_between_the_order_and_now(shop: Book) -> None:
    later = dt.datetime.now() + dt.timedelta(days=3)
    with pytest.raises(SheetErrors) as exc:
        run(
            shop,
            [
                line(2, "H1", "A1", 1, "已发货", shipped_at=T0 - dt.timedelta(days=1)),
                line(3, "H2", "A1", 1, "已发货", shipped_at=later),
                line(4, "SO1", "A1", 1, shipped_at=T0),
            ],
        )
    assert [(r, c) for r, c, _ in problems(exc)] == [
        (2, "发货时间"),
        (3, "发货时间"),
        (4, "发货时间"),
    ]
    assert "早于下单时间" in problems(exc)[0][2] and "晚于当前时间" in problems(exc)[1][2]


def test_shipped_history_is_one_ship_row_at_its_own_time(shop: Book) -> None:
    shipped_at = T0 + dt.timedelta(hours=30)
    report = run(
        shop,
        [
            line(2, "H1", "A1", 2, "已发货", shipped_at=shipped_at, ship_warehouse="华东仓"),
            line(3, "H1", "B1", 1, "已发货", shipped_at=shipped_at, ship_warehouse="华南仓"),
        ],
    )
    assert (report.created, report.ledger_rows) == (1, 2)
    assert [r[:4] for r in order_rows(shop, "H1")] == [
        ("ship", "华东仓", -2, 0),
        ("ship", "华南仓", -1, 0),
    ]
    assert {r[4] for r in order_rows(shop, "H1")} == {shipped_at}
    assert stock(shop, "A1", "华东仓") == (8, 0) and stock(shop, "B1", "华南仓") == (3, 0)
    view = get_order(shop, "H1")
    assert (view.status, view.shipped_at) == ("shipped", shipped_at)
    assert consistent(shop)


def test_imported_history_equals_history_recorded_in_the_app(tmp_path: Path) -> None:
    shipped_at = T0 + dt.timedelta(hours=5)
    app, sheet = make_shop(tmp_path / "app.sqlite3"), make_shop(tmp_path / "sheet.sqlite3")
    create_order(app, "SO1", T0, "某某重工", SHENZHEN, "1栋", [("A1", 2), ("B1", 1)])
    ship_order(app, "SO1", shipped_at=shipped_at)
    run(
        sheet,
        [
            line(2, "SO1", "A1", 2, "已发货", shipped_at=shipped_at, ship_warehouse="华南仓"),
            line(3, "SO1", "B1", 1, "已发货", shipped_at=shipped_at, ship_warehouse="华南仓"),
        ],
    )
    # The same sales on the same day from the same warehouses, the same stock afterwards; only
    # the app's reservation bookkeeping (reserve, then ship releasing it) is extra.
    shipped = [(k, w, d, t) for k, w, d, _, t in order_rows(app, "SO1") if k == "ship"]
    assert shipped == [(k, w, d, t) for k, w, d, _, t in order_rows(sheet, "SO1")]
    assert len(shipped) == 2
    for sku in ("A1", "B1"):
        assert stock(app, sku, "华南仓") == stock(sheet, sku, "华南仓")
    assert get_order(app, "SO1") == get_order(sheet, "SO1")
    app.close()
    sheet.close()


def test_shipped_history_beyond_stock_is_a_problem(shop: Book) -> None:
    with pytest.raises(SheetErrors) as exc:
        run(shop, [line(2, "H1", "B1", 9, "已发货", shipped_at=T0, ship_warehouse="华南仓")])
    [(row, column, reason)] = problems(exc)
    assert (row, column) == (2, "数量") and "库存不能为负" in reason


def test_shipped_without_warehouse_is_routed_and_shipped_at_the_order_time(shop: Book) -> None:
    run(shop, [line(2, "H1", "A1", 5, "已发货")])
    assert [r[:5] for r in order_rows(shop, "H1")] == [("ship", "华东仓", -5, 0, T0)]
    assert get_order(shop, "H1").shipped_at == T0


def test_cancelled_rows_are_stored_without_moving_stock(shop: Book) -> None:
    before = ledger_count(shop)
    report = run(shop, [line(2, "C1", "A1", 99, "已取消")])
    assert report.created == 1 and report.ledger_rows == 0
    assert ledger_count(shop) == before
    assert get_order(shop, "C1").status_label == "已取消"


def test_export_then_import_changes_nothing(shop: Book) -> None:
    run(
        shop,
        [
            line(2, "SO1", "A1", 2),
            line(3, "H1", "B1", 1, "已发货", shipped_at=T0, ship_warehouse="华南仓"),
            line(4, "H2", "A1", 4, "已发货", ordered_at=T0 + dt.timedelta(hours=1)),
            line(5, "C1", "A1", 1, "已取消", customer=None, detail=None),
        ],
    )
    before = ledger_count(shop)
    report = run(shop, exported_rows(shop))
    assert (report.created, report.updated, report.unchanged, report.ledger_rows) == (0, 0, 4, 0)
    assert not report.changed and ledger_count(shop) == before


def test_reimporting_the_same_rows_is_idempotent(shop: Book) -> None:
    rows = [line(2, "SO1", "A1", 2), line(3, "H1", "A1", 1, "已发货")]
    run(shop, rows)
    report = run(shop, rows)
    assert report.unchanged == 2 and not report.changed


def test_status_moves_ship_and_cancel_existing_orders(shop: Book) -> None:
    create_order(shop, "SO1", T0, "某某重工", SHENZHEN, "1栋", [("A1", 2)])
    create_order(shop, "SO2", T0, "某某重工", SHENZHEN, "1栋", [("B1", 1)])
    shipped_at = T0 + dt.timedelta(hours=6)
    report = run(
        shop,
        [
            line(2, "SO1", "A1", 2, "已发货", shipped_at=shipped_at),
            line(3, "SO2", "B1", 1, "已取消"),
        ],
    )
    assert report.updated == 2
    assert [r[:5] for r in order_rows(shop, "SO1")][1] == ("ship", "华南仓", -2, -2, shipped_at)
    assert [r[:4] for r in order_rows(shop, "SO2")][1] == ("cancel", "华南仓", 0, -1)
    assert stock(shop, "A1", "华南仓") == (1, 0) and stock(shop, "B1", "华南仓") == (4, 0)
    assert consistent(shop)


def test_other_changes_to_an_existing_order_are_problems(shop: Book) -> None:
    create_order(shop, "SO1", T0, "某某重工", SHENZHEN, "1栋", [("A1", 2)])
    ship_order(shop, "SO1", shipped_at=T0 + dt.timedelta(hours=1))
    with pytest.raises(SheetErrors) as exc:
        run(shop, [line(2, "SO1", "A1", 3, "已发货")])
    [(row, column, reason)] = problems(exc)
    assert (row, column) == (2, "数量") and "只能通过导入改变状态" in reason
    with pytest.raises(SheetErrors) as exc:
        run(shop, [line(2, "SO1", "A1", 2, "待发货")])
    assert problems(exc)[0][1:] == ("状态", "订单「SO1」在账本中已发货，不能改为待发货")


def test_pending_rows_must_not_name_a_ship_warehouse(shop: Book) -> None:
    with pytest.raises(SheetErrors) as exc:
        run(shop, [line(2, "SO1", "A1", 1, ship_warehouse="华东仓")])
    assert problems(exc)[0][:2] == (2, "发货仓")


def test_dry_run_writes_nothing(shop: Book) -> None:
    report = run(shop, [line(2, "SO1", "A1", 1)], dry_run=True)
    assert report.created == 1 and report.dry_run
    with shop.read() as s:
        assert s.scalars(select(SalesOrder.id)).all() == []


def test_file_round_trip_through_the_sheet_writer_and_reader(shop: Book, tmp_path: Path) -> None:
    create_order(shop, "SO1", T0, "=某某重工", SHENZHEN, "1栋", [("A1", 2), ("B1", 1)])
    set_priorities(shop, ("上海",), [("华东仓", 1)])
    create_order(shop, "SO2", T0, "", ("上海", "上海", "浦东新区"), "", [("A1", 1)])
    ship_order(shop, "SO2", shipped_at=T0 + dt.timedelta(hours=2))
    path = tmp_path / "订单.xlsx"
    assert export_sheet(shop, ORDERS, path) == 3
    before = ledger_count(shop)
    report = import_sheet(shop, ORDERS, path)
    assert (report.unchanged, report.changed) == (2, False)
    assert ledger_count(shop) == before
    # An unedited file re-imports as is; editing a status then ships the order at its own time.
    wb = openpyxl.load_workbook(path)
    ws = wb["订单"]
    header = [c.value for c in ws[1]]
    status, shipped = header.index("状态") + 1, header.index("发货时间") + 1
    for r in (2, 3):  # SO1's two rows
        assert ws.cell(r, 1).value == "SO1"
        ws.cell(r, status).value = "已发货"
        ws.cell(r, shipped).value = "2026-03-02 18:30"
    wb.save(path)
    report = import_sheet(shop, ORDERS, path)
    assert (report.updated, report.unchanged) == (1, 1)
    view = get_order(shop, "SO1")
    assert (view.status, view.shipped_at) == ("shipped", dt.datetime(2026, 3, 2, 18, 30))
    assert view.customer == "=某某重工"
    assert consistent(shop)
