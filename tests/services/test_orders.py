"""SPEC §5 orders: placed by SPEC §3 routing, reserved, shipped, cancelled, printed.

The book: 华南仓 (Shenzhen) and 华东仓 (Shanghai). Guangdong's priority list is 华南仓 then 华东仓,
the national warehouse always last. A1 is a spot SKU; F1 has no stock, pre-order on, quota 5.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from jdstock_desktop.cli import main
from jdstock_desktop.domain.routing import RouteKind
from jdstock_desktop.errors import BadInput, Conflict, NotFound, Refused
from jdstock_desktop.services.ledger import LedgerWriter, ledger_mismatches
from jdstock_desktop.services.lookups import product_by_code
from jdstock_desktop.services.orders import (
    Allocator,
    OrderRefused,
    cancel_order,
    create_order,
    get_order,
    list_orders,
    order_documents,
    resolve_delivery,
    ship_order,
)
from jdstock_desktop.services.routing import route_in
from jdstock_desktop.storage.db import Book, open_book
from jdstock_desktop.storage.models import LedgerEntry, OrderLine, SalesOrder, Stock, Warehouse
from tests.helpers import SHENZHEN, add_product, south_and_east, stock_at

T0 = dt.datetime(2026, 3, 2, 10, 0, 0)


@pytest.fixture
def shop(book_url: str) -> Iterator[Book]:
    book = open_book(book_url)
    south_and_east(book)
    add_product(book, "A1", spot_hours=24, weight_kg=2, length_cm=10, width_cm=20, height_cm=30)
    add_product(book, "B1", spot_hours=24)
    add_product(book, "F1", spot_hours=24, preorder=True, futures_quota=5, futures_hours=168)
    # Stock that was there before the orders of March 2026 the tests place and ship.
    stock_at(
        book,
        T0 - dt.timedelta(days=30),
        [("A1", "华南仓", 3), ("A1", "华东仓", 10), ("B1", "华南仓", 4)],
    )
    yield book
    book.close()


def stock(book: Book, sku: str, warehouse: str) -> tuple[int, int]:
    """(on hand, reserved) of one pair."""
    with book.read() as s:
        row = s.execute(
            select(Stock.on_hand, Stock.reserved)
            .join(Warehouse, Warehouse.id == Stock.warehouse_id)
            .where(Stock.product_id == product_by_code(s, sku).id, Warehouse.name == warehouse)
        ).one_or_none()
        return (row[0], row[1]) if row else (0, 0)


def order_rows(book: Book, order_no: str) -> list[tuple[str, str, int, int, dt.datetime]]:
    """(kind, warehouse, delta, reserved delta, time) of the ledger rows of one order."""
    with book.read() as s:
        return [
            tuple(r)  # type: ignore[misc]
            for r in s.execute(
                select(
                    LedgerEntry.kind,
                    Warehouse.name,
                    LedgerEntry.delta,
                    LedgerEntry.reserved_delta,
                    LedgerEntry.time,
                )
                .join(Warehouse, Warehouse.id == LedgerEntry.warehouse_id)
                .join(OrderLine, OrderLine.id == LedgerEntry.order_line_id)
                .join(SalesOrder, SalesOrder.id == OrderLine.order_id)
                .where(SalesOrder.order_no == order_no)
                .order_by(LedgerEntry.id)
            )
        ]


def counts(book: Book) -> tuple[int, int]:
    with book.read() as s:
        orders = len(s.scalars(select(SalesOrder.id)).all())
        ledger = len(s.scalars(select(LedgerEntry.id)).all())
        return orders, ledger


def consistent(book: Book) -> bool:
    with book.read() as s:
        return ledger_mismatches(s) == []


def test_spot_order_reserves_in_the_first_warehouse_of_the_chain(shop: Book) -> None:
    result = create_order(shop, "SO1", T0, "某某重工", SHENZHEN, "1栋", [("A1", 2)])
    [line] = result.lines
    assert (line.kind, line.warehouse, line.promised_hours) == ("spot", "华南仓", 24)
    assert "SO1" in result.message() and "华南仓" in result.message()
    assert stock(shop, "A1", "华南仓") == (3, 2)  # on hand unchanged, 2 reserved
    [(kind, wh, delta, rdelta, _)] = order_rows(shop, "SO1")
    assert (kind, wh, delta, rdelta) == ("reserve", "华南仓", 0, 2)
    view = get_order(shop, "SO1")
    assert (view.status, view.status_label, view.customer) == ("allocated", "待发货", "某某重工")
    assert view.address_parts[0] == "广东省" and view.address_detail == "1栋"
    assert consistent(shop)


def test_support_chain_second_warehouse_ships_when_the_first_is_short(shop: Book) -> None:
    # 华南仓 has 3 < 5, 华东仓 has 10 ≥ 5: 华东仓 supports.
    result = create_order(shop, "SO1", T0, "", SHENZHEN, "", [("A1", 5)])
    assert result.lines[0].warehouse == "华东仓"
    assert stock(shop, "A1", "华南仓") == (3, 0)
    assert stock(shop, "A1", "华东仓") == (10, 5)
    assert consistent(shop)


def test_reservations_of_earlier_orders_count_for_the_next(shop: Book) -> None:
    create_order(shop, "SO1", T0, "", SHENZHEN, "", [("A1", 2)])  # 华南仓 available 3 → 1
    second = create_order(shop, "SO2", T0, "", SHENZHEN, "", [("A1", 2)])
    assert second.lines[0].warehouse == "华东仓"


def test_allocator_routes_each_line_against_the_lines_before_it(shop: Book) -> None:
    # The same SKU twice in one plan: the first line takes 华南仓's 3, so the second cannot.
    with shop.read() as s:
        writer = LedgerWriter(s, "测试员")
        a1 = product_by_code(s, "A1")
        decisions = Allocator(s, writer).plan(resolve_delivery(SHENZHEN), [(a1, 3), (a1, 3)])
        assert [d.warehouse for d in decisions] == ["华南仓", "华东仓"]


@pytest.mark.parametrize(
    ("sku", "qty"), [("A1", 2), ("A1", 5), ("A1", 14), ("F1", 5), ("F1", 6), ("B1", 4), ("D1", 1)]
)
def test_allocator_decides_as_route_in_on_an_unchanged_book(shop: Book, sku: str, qty: int) -> None:
    # Orders route with the writer's quantities instead of route_in's database read; on a book
    # with nothing pending the two must give the same SPEC §3 decision.
    add_product(shop, "D1", listed=False)
    with shop.read() as s:
        expected = route_in(s, sku, qty, SHENZHEN)
        allocator = Allocator(s, LedgerWriter(s, "测试员"))
        try:
            [got] = allocator.plan(resolve_delivery(SHENZHEN), [(product_by_code(s, sku), qty)])
        except OrderRefused as exc:
            assert expected.kind is RouteKind.REFUSED and str(exc) == expected.reason
        else:
            assert (got.kind, got.warehouse, got.promised_hours, got.reason) == (
                expected.kind,
                expected.warehouse,
                expected.promised_hours,
                expected.reason,
            )


def test_futures_within_quota_then_quota_exhausted_is_refused(shop: Book) -> None:
    first = create_order(shop, "SO1", T0, "", SHENZHEN, "", [("F1", 3)])
    [line] = first.lines
    # No stock anywhere: booked as futures on the first warehouse of the chain, nothing reserved.
    assert (line.kind, line.warehouse, line.promised_hours) == ("futures", "华南仓", 168)
    assert order_rows(shop, "SO1") == []
    before = counts(shop)
    with pytest.raises(Refused, match="剩余可期货库存 2 < 3") as exc:
        create_order(shop, "SO2", T0, "", SHENZHEN, "", [("F1", 3)])
    assert "整单未下单" in str(exc.value)
    assert counts(shop) == before
    # 2 units of quota are still left.
    assert create_order(shop, "SO3", T0, "", SHENZHEN, "", [("F1", 2)]).lines[0].kind == "futures"


def test_cancelling_a_futures_order_frees_its_quota(shop: Book) -> None:
    create_order(shop, "SO1", T0, "", SHENZHEN, "", [("F1", 5)])
    with pytest.raises(Refused):
        create_order(shop, "SO2", T0, "", SHENZHEN, "", [("F1", 1)])
    assert "归还可期货库存 5 件" in cancel_order(shop, "SO1")
    assert create_order(shop, "SO2", T0, "", SHENZHEN, "", [("F1", 5)]).lines[0].kind == "futures"


def test_second_line_failing_refuses_the_whole_order(shop: Book) -> None:
    before = counts(shop)
    with pytest.raises(Refused, match="第 2 行 商品「B1」×100") as exc:
        create_order(shop, "SO1", T0, "", SHENZHEN, "", [("A1", 2), ("B1", 100)])
    assert "超卖" in str(exc.value)
    assert counts(shop) == before
    assert stock(shop, "A1", "华南仓") == (3, 0)
    assert consistent(shop)


def test_bad_orders_are_refused_with_a_reason(shop: Book) -> None:
    create_order(shop, "SO1", T0, "", SHENZHEN, "", [("A1", 1)])
    with pytest.raises(Refused, match="订单号「SO1」已存在"):
        create_order(shop, " SO1 ", T0, "", SHENZHEN, "", [("A1", 1)])
    with pytest.raises(NotFound, match="未知商品编码「ZZ」"):
        create_order(shop, "SO2", T0, "", SHENZHEN, "", [("ZZ", 1)])
    with pytest.raises(BadInput, match="重复出现"):
        create_order(shop, "SO2", T0, "", SHENZHEN, "", [("A1", 1), ("A1", 1)])
    with pytest.raises(BadInput, match="数量必须是正整数"):
        create_order(shop, "SO2", T0, "", SHENZHEN, "", [("A1", 0)])
    with pytest.raises(BadInput, match="收货地址"):
        create_order(shop, "SO2", T0, "", ("火星省",), "", [("A1", 1)])
    with pytest.raises(BadInput, match="至少需要填写省"):
        create_order(shop, "SO2", T0, "", ("", None), "", [("A1", 1)])
    assert counts(shop)[0] == 1


def test_ship_records_a_sale_at_the_ship_time_and_releases_the_reservation(shop: Book) -> None:
    create_order(shop, "SO1", T0, "", SHENZHEN, "", [("A1", 2)])
    shipped_at = T0 + dt.timedelta(hours=20)
    message = ship_order(shop, "SO1", shipped_at=shipped_at)
    assert "SO1" in message and "发货" in message and "华南仓" in message
    assert stock(shop, "A1", "华南仓") == (1, 0)
    rows = order_rows(shop, "SO1")
    assert [r[:4] for r in rows] == [("reserve", "华南仓", 0, 2), ("ship", "华南仓", -2, -2)]
    assert rows[1][4] == shipped_at
    view = get_order(shop, "SO1")
    assert (view.status_label, view.shipped_at) == ("已发货", shipped_at)
    assert consistent(shop)


def test_an_order_operation_another_clerk_got_in_the_way_of_is_done_again(
    shop: Book, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A shared book: the stock row moved between this transaction's read and its write. The
    clerk asked to ship, not to ship from a value they saw: it is shipped, once."""
    create_order(shop, "SO1", T0, "", SHENZHEN, "", [("A1", 2)])
    flush = LedgerWriter.flush
    calls = []

    def busy_once(self: LedgerWriter) -> int:
        calls.append(1)
        if len(calls) == 1:
            raise Conflict("库存已被他人同时修改")
        return flush(self)

    monkeypatch.setattr(LedgerWriter, "flush", busy_once)
    ship_order(shop, "SO1", shipped_at=T0 + dt.timedelta(hours=1))
    assert len(calls) == 2
    assert [r[:4] for r in order_rows(shop, "SO1")] == [
        ("reserve", "华南仓", 0, 2),
        ("ship", "华南仓", -2, -2),
    ]
    assert stock(shop, "A1", "华南仓") == (1, 0) and consistent(shop)

    def always_busy(self: LedgerWriter) -> int:
        calls.append(1)
        raise Conflict("库存已被他人同时修改")

    monkeypatch.setattr(LedgerWriter, "flush", always_busy)
    calls.clear()
    with pytest.raises(Conflict):
        create_order(shop, "SO2", T0, "", SHENZHEN, "", [("A1", 1)])
    assert len(calls) == 3  # then the clerk is told
    assert counts(shop)[0] == 1


def test_ship_before_the_order_time_or_in_the_future_is_refused(shop: Book) -> None:
    create_order(shop, "SO1", T0, "", SHENZHEN, "", [("A1", 2)])
    with pytest.raises(Refused, match="早于下单时间"):
        ship_order(shop, "SO1", shipped_at=T0 - dt.timedelta(hours=1))
    with pytest.raises(Refused, match="晚于当前时间"):
        ship_order(shop, "SO1", shipped_at=dt.datetime.now() + dt.timedelta(days=2))
    assert stock(shop, "A1", "华南仓") == (3, 2)


def test_futures_ship_needs_stock_on_hand_then(shop: Book) -> None:
    create_order(shop, "SO1", T0, "", SHENZHEN, "", [("F1", 3)])
    with pytest.raises(Refused, match="可用库存 0 不足"):
        ship_order(shop, "SO1")
    stock_at(shop, T0 + dt.timedelta(days=4), [("F1", "华东仓", 4)])  # arrived in Shanghai
    message = ship_order(shop, "SO1", warehouse="华东仓", shipped_at=T0 + dt.timedelta(days=5))
    assert "华东仓" in message
    assert stock(shop, "F1", "华东仓") == (1, 0)
    assert [r[:4] for r in order_rows(shop, "SO1")] == [("ship", "华东仓", -3, 0)]
    assert get_order(shop, "SO1").lines[0].warehouse == "华东仓"
    assert consistent(shop)


def test_spot_line_cannot_ship_from_another_warehouse(shop: Book) -> None:
    create_order(shop, "SO1", T0, "", SHENZHEN, "", [("A1", 2)])
    with pytest.raises(Refused, match="只能从该仓发货"):
        ship_order(shop, "SO1", warehouse="华东仓")
    assert stock(shop, "A1", "华南仓") == (3, 2)


def test_cancel_releases_and_a_cancelled_order_cannot_ship(shop: Book) -> None:
    create_order(shop, "SO1", T0, "", SHENZHEN, "", [("A1", 2), ("B1", 1)])
    message = cancel_order(shop, "SO1")
    assert "已取消" in message and "释放预占 2 行" in message
    assert stock(shop, "A1", "华南仓") == (3, 0) and stock(shop, "B1", "华南仓") == (4, 0)
    kinds = [r[:4] for r in order_rows(shop, "SO1")]
    assert kinds[2:] == [("cancel", "华南仓", 0, -2), ("cancel", "华南仓", 0, -1)]
    with pytest.raises(Refused, match="已取消，不能发货"):
        ship_order(shop, "SO1")
    with pytest.raises(Refused, match="已取消，不能取消"):
        cancel_order(shop, "SO1")
    with pytest.raises(NotFound, match="未知订单号"):
        cancel_order(shop, "SO9")
    assert consistent(shop)


def test_order_address_reads_like_a_parcel_label(shop: Book) -> None:
    create_order(shop, "SO1", T0, "", ("上海", "上海市", "浦东新区", "张江镇"), "1号", [("F1", 1)])
    view = get_order(shop, "SO1")
    assert view.address_parts == ("上海市", "市辖区", "浦东新区", "张江镇")  # the sheet's columns
    assert view.address == "上海市浦东新区张江镇1号"


def test_list_orders_filters_by_status_and_text(shop: Book) -> None:
    create_order(shop, "SO1", T0, "甲公司", SHENZHEN, "", [("A1", 1)])
    create_order(shop, "SO2", T0 + dt.timedelta(hours=1), "乙公司", SHENZHEN, "", [("B1", 1)])
    ship_order(shop, "SO2", shipped_at=T0 + dt.timedelta(hours=2))
    assert [o.order_no for o in list_orders(shop)] == ["SO2", "SO1"]  # newest first
    assert [o.order_no for o in list_orders(shop, status="待发货")] == ["SO1"]
    assert [o.order_no for o in list_orders(shop, status="shipped")] == ["SO2"]
    assert [o.order_no for o in list_orders(shop, text="甲")] == ["SO1"]
    assert list_orders(shop, since=T0.date() + dt.timedelta(days=1)) == []
    with pytest.raises(BadInput, match="未知订单状态"):
        list_orders(shop, status="丢失")


def test_documents_are_written_for_a_shipped_order(shop: Book, tmp_path: Path) -> None:
    create_order(shop, "SO/1", T0, "=HYPERLINK(1)", SHENZHEN, "1栋", [("A1", 2), ("B1", 1)])
    with pytest.raises(Refused, match="只有已发货的订单"):
        order_documents(shop, "SO/1", tmp_path)
    ship_order(shop, "SO/1", shipped_at=T0 + dt.timedelta(hours=3))
    message = order_documents(shop, "SO/1", tmp_path / "docs")
    packing = tmp_path / "docs" / "装箱清单_SO_1.xlsx"
    receipt = tmp_path / "docs" / "签收单_SO_1.xlsx"
    assert str(packing) in message and str(receipt) in message and "2 箱" in message

    wb = openpyxl.load_workbook(packing)
    assert wb.sheetnames == ["第1箱", "第2箱"]
    box = wb["第1箱"]
    assert box["A1"].value == "装箱清单" and box["B2"].value == "SO/1"
    assert box["H2"].value == "1/2" and box["B3"].value == "华南仓"
    assert [c.value for c in box[7]] == [
        "序号", "货物名称", "规格", "型号", "数量", "单位", "重量(kg)", "体积(m³)", "包装方式",
    ]  # fmt: skip
    assert [c.value for c in box[8]][:8] == [1, "测试商品A1", None, None, 2, None, 4, 0.012]
    assert box["A7"].font.b and box.freeze_panes == "A8"
    assert int(box.page_setup.paperSize) == 9  # A4
    assert box["B4"].value == "=HYPERLINK(1)" and box["B4"].data_type == "s"

    ws = openpyxl.load_workbook(receipt)["签收单"]
    cells = {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value is not None}
    assert cells["A1"] == "签收单" and cells["B2"] == "SO/1"
    assert cells["B4"].startswith("广东省深圳市南山区") and cells["B4"].endswith("1栋")
    assert [ws.cell(8, c).value for c in (2, 4, 6)] == ["A1", "测试商品A1", 2]
    assert [ws.cell(9, c).value for c in (2, 4, 6)] == ["B1", "测试商品B1", 1]
    assert ws.cell(10, 1).value == "合计" and ws.cell(10, 6).value == 3
    texts = set(cells.values())
    assert {"收货人签字：", "送货人签字：", "签收日期：", "送达日期："} <= texts
    assert ws.column_dimensions["D"].width >= 12  # "测试商品A1": 8 CJK columns + margin


def test_cli_ship_cancel_documents(
    shop: Book, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = shop.url.removeprefix("sqlite:///")
    create_order(shop, "SO1", T0, "", SHENZHEN, "", [("A1", 1)])
    create_order(shop, "SO2", T0, "", SHENZHEN, "", [("B1", 1)])
    assert main(["--db", db, "order", "ship", "SO1"]) == 0
    assert "SO1" in capsys.readouterr().out
    assert main(["--db", db, "order", "cancel", "SO2"]) == 0
    assert "已取消" in capsys.readouterr().out
    assert main(["--db", db, "order", "ship", "SO2"]) == 2
    assert "已取消，不能发货" in capsys.readouterr().err
    assert main(["--db", db, "order", "documents", "SO1", "--out", str(tmp_path / "o")]) == 0
    assert "签收单" in capsys.readouterr().out
    assert (tmp_path / "o" / "签收单_SO1.xlsx").exists()
    assert stock(shop, "A1", "华南仓") == (2, 0)
