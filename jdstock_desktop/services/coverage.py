"""Read-only facts for the coverage & priority editor and the what-if box (SPEC §3, §8).

The writes go through services.warehouses (set_priorities); these are the small queries the
仓库 page needs that no other service offers: which region nodes have a list, one node's list,
and the SKU codes the what-if box offers while the clerk types.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from jdstock_desktop.storage.db import Book
from jdstock_desktop.storage.models import PriorityEntry, Product, Warehouse

SKU_CHOICES_LIMIT = 20_000  # the completer's list; a longer catalogue still routes when typed


@dataclass(frozen=True, slots=True)
class ListedWarehouse:
    """One row of a region's priority list, as stored: rank None = banned (禁售) there."""

    warehouse_id: int
    name: str
    rank: int | None
    paused: bool


def regions_with_lists(book: Book) -> dict[str, int]:
    """Region code → number of warehouses in its own priority list (one GROUP BY)."""
    with book.read() as s:
        rows = s.execute(
            select(PriorityEntry.region_code, func.count()).group_by(PriorityEntry.region_code)
        )
        return {code: int(n) for code, n in rows}


def region_priority_list(book: Book, region_code: str) -> list[ListedWarehouse]:
    """The node's own list in routing order: ranked first by rank, then the banned ones."""
    with book.read() as s:
        rows = s.execute(
            select(Warehouse.id, Warehouse.name, PriorityEntry.rank, Warehouse.paused)
            .join(Warehouse, Warehouse.id == PriorityEntry.warehouse_id)
            .where(PriorityEntry.region_code == region_code, Warehouse.deleted.is_(False))
            .order_by(PriorityEntry.rank.is_(None), PriorityEntry.rank, Warehouse.name)
        )
        return [ListedWarehouse(wid, name, rank, paused) for wid, name, rank, paused in rows]


def sku_choices(book: Book, limit: int = SKU_CHOICES_LIMIT) -> list[tuple[str, str]]:
    """(商品编码, 商品名称) by code, for the what-if box's type-ahead."""
    with book.read() as s:
        rows = s.execute(select(Product.code, Product.name).order_by(Product.code).limit(limit))
        return [(code, name) for code, name in rows]
