"""What a book holds, in counts: for the status bar and `jdstock init`."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, func, select

from jdstock_desktop.storage.db import Book
from jdstock_desktop.storage.models import LedgerEntry, Product, SalesOrder, Stock, Warehouse


@dataclass(frozen=True, slots=True)
class BookCounts:
    warehouses: int
    products: int
    listed: int
    stock_pairs: int
    ledger_rows: int
    orders: int

    def text(self) -> str:
        return (
            f"仓库 {self.warehouses} · 商品 {self.products}（上柜 {self.listed}） · "
            f"库存 {self.stock_pairs} 条 · 流水 {self.ledger_rows} 行 · 订单 {self.orders}"
        )


def book_counts(book: Book) -> BookCounts:
    def count(stmt: Select[int]) -> int:
        return int(s.scalar(stmt) or 0)

    with book.read() as s:
        return BookCounts(
            warehouses=count(
                select(func.count()).select_from(Warehouse).where(Warehouse.deleted.is_(False))
            ),
            products=count(select(func.count()).select_from(Product)),
            listed=count(select(func.count()).select_from(Product).where(Product.listed.is_(True))),
            stock_pairs=count(select(func.count()).select_from(Stock)),
            ledger_rows=count(select(func.count()).select_from(LedgerEntry)),
            orders=count(select(func.count()).select_from(SalesOrder)),
        )
