"""Small builders shared by tests: rows inserted directly, without regions or sheets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from sqlalchemy import select

from jdstock_desktop.services.warehouses import create_warehouse, set_priorities
from jdstock_desktop.storage.db import Book
from jdstock_desktop.storage.models import Product, Stock, Warehouse

NOW = dt.datetime(2026, 11, 27, 9, 0, 0)
SHENZHEN = ("广东省", "深圳市", "南山区", "粤海街道")
SHANGHAI = ("上海市", "上海市", "浦东新区", "张江镇")


def south_and_east(book: Book) -> None:
    """华南仓 (Shenzhen) and 华东仓 (Shanghai); Guangdong's list is 华南仓 then 华东仓, the
    national warehouse always last: the two-warehouse book of the order tests."""
    create_warehouse(book, "华南仓", SHENZHEN, "科技园路1号")
    create_warehouse(book, "华东仓", SHANGHAI, "张江路2号")
    set_priorities(book, ("广东省",), [("华南仓", 1), ("华东仓", 2)])


def add_warehouse(book: Book, name: str, region_code: str = "31", *, paused: bool = False) -> int:
    with book.transaction() as s:
        wh = Warehouse(
            name=name,
            is_national=False,
            paused=paused,
            region_code=region_code,
            address_detail="测试路1号",
            created_at=NOW,
        )
        s.add(wh)
        s.flush()
        return wh.id


def add_product(book: Book, code: str, **kw: object) -> int:
    fields: dict[str, object] = dict(code=code, name=f"测试商品{code}", listed=True)
    fields.update(kw)
    with book.transaction() as s:
        p = Product(**fields)
        s.add(p)
        s.flush()
        return p.id


def write_xlsx(path: Path, title: str, rows: list[list[object]]) -> Path:
    """A plain workbook of one sheet `title` holding `rows`, as a clerk's hand-made file."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def on_hand_by_cell(book: Book) -> dict[tuple[str, str], int]:
    """On-hand stock of every (SKU code, warehouse name) that has a stock row."""
    with book.read() as s:
        rows = s.execute(
            select(Product.code, Warehouse.name, Stock.on_hand)
            .join(Product, Product.id == Stock.product_id)
            .join(Warehouse, Warehouse.id == Stock.warehouse_id)
        )
        return {(code, wh): qty for code, wh, qty in rows}


def stock_at(book: Book, when: dt.datetime, edits: list[tuple[str, str, int]]) -> None:
    """Set on hand of (SKU code, warehouse name, quantity) with ledger rows dated `when`: stock
    that was there before the dated orders and shipments of a test (a ledger row dated before
    the stock arrived is refused)."""
    from jdstock_desktop.domain.stock import LedgerKind
    from jdstock_desktop.services.ledger import LedgerWriter

    with book.transaction() as s:
        pids = dict(s.execute(select(Product.code, Product.id)).all())
        wids = dict(s.execute(select(Warehouse.name, Warehouse.id)).all())
        writer = LedgerWriter(s, book.operator, now=when)
        for sku, wh, qty in edits:
            writer.set_on_hand((pids[sku], wids[wh]), qty, LedgerKind.MANUAL, where=sku)
        writer.flush()
