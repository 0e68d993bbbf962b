"""The stock grid (库存 page) as arrays: one row per SKU, one column per warehouse.

Three queries load everything (warehouses, products, stock rows), whatever the book's size; the
grid then filters and sorts in memory over plain arrays, so 100,000 SKUs filter in milliseconds
and no screen ever issues a query per row. Quantities live in column-major `array('q')`s
(one per warehouse) with -1 for a pair that does not exist yet: on hand is never negative.
"""

from __future__ import annotations

import unicodedata
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from sqlalchemy import select, tuple_

from jdstock_desktop.storage.db import Book
from jdstock_desktop.storage.models import Product, Stock, Warehouse
from jdstock_desktop.storage.raw_rows import fetch_plain

MISSING = -1  # on hand of a (SKU, warehouse) pair that has no stock row yet

Pair = tuple[int, int]  # (product id, warehouse id)


@dataclass(frozen=True, slots=True)
class GridWarehouse:
    id: int
    name: str
    paused: bool
    is_national: bool


class StockAlert(Enum):
    """The grid's alert filter; the full §6 rules live on the alerts page."""

    ANY = "any"
    OUT_OF_STOCK = "out_of_stock"  # available ≤ 0 in some enabled warehouse (existing pairs)
    NO_STOCK = "no_stock"  # no stock row in any warehouse yet (rule 12 on the compliance page)


@dataclass(frozen=True, slots=True)
class GridFilter:
    text: str = ""  # whitespace-separated terms, all must occur in 商品编码 or 商品名称
    category: str | None = None  # exact 三级类目; None = all
    listed: bool | None = None  # None = both
    alert: StockAlert = StockAlert.ANY


class SortField(Enum):
    CODE = "code"
    NAME = "name"
    CATEGORY = "category"
    LISTED = "listed"
    WAREHOUSE = "warehouse"
    ON_HAND_TOTAL = "on_hand_total"
    RESERVED_TOTAL = "reserved_total"
    AVAILABLE_TOTAL = "available_total"


def search_key(text: str) -> str:
    """Fold full-width letters and digits (Chinese IMEs type them) and case, for matching."""
    return unicodedata.normalize("NFKC", text).lower()


@dataclass(slots=True)
class StockGrid:
    """Committed quantities of the whole book, as read at one moment."""

    warehouses: list[GridWarehouse]
    product_ids: list[int]
    codes: list[str]
    names: list[str]
    categories: list[str]
    listed: list[bool]
    on_hand: list[array[int]]  # [warehouse][row]; MISSING where the pair does not exist
    reserved: list[array[int]]  # [warehouse][row]; 0 where missing
    versions: list[array[int]]  # [warehouse][row]; 0 where missing (what the writer expects)
    search: list[str] = field(default_factory=list)  # folded "code\nname" per row
    _alerts: dict[StockAlert, list[bool]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.search:
            self.search = [
                search_key(f"{c}\n{n}") for c, n in zip(self.codes, self.names, strict=True)
            ]

    @classmethod
    def empty(cls) -> StockGrid:
        return cls([], [], [], [], [], [], [], [], [])

    @property
    def row_count(self) -> int:
        return len(self.codes)

    def exists(self, row: int, w: int) -> bool:
        return self.on_hand[w][row] != MISSING

    def on_hand_total(self, row: int) -> int:
        return sum(max(col[row], 0) for col in self.on_hand)

    def reserved_total(self, row: int) -> int:
        return sum(col[row] for col in self.reserved)

    def available_total(self, row: int) -> int:
        """Σ (on hand − reserved) over enabled warehouses: paused stock is not sellable (§3)."""
        total = 0
        for w, wh in enumerate(self.warehouses):
            if not wh.paused and self.on_hand[w][row] != MISSING:
                total += self.on_hand[w][row] - self.reserved[w][row]
        return total

    def categories_in_use(self) -> list[str]:
        return sorted({c for c in self.categories if c})

    def row_of(self) -> dict[int, int]:
        """product id → row, for patching the arrays after a submission."""
        return {pid: row for row, pid in enumerate(self.product_ids)}

    def set_cell(self, row: int, w: int, on_hand: int, reserved: int, version: int) -> None:
        self.on_hand[w][row] = on_hand
        self.reserved[w][row] = reserved
        self.versions[w][row] = version
        self._alerts.clear()

    # -- filtering ------------------------------------------------------------------------------
    def _alert_flags(self, alert: StockAlert) -> list[bool]:
        flags = self._alerts.get(alert)
        if flags is not None:
            return flags
        n = self.row_count
        if alert is StockAlert.NO_STOCK:
            flags = [True] * n
            for col in self.on_hand:
                for row in range(n):
                    if col[row] != MISSING:
                        flags[row] = False
        else:
            flags = [False] * n
            for w, wh in enumerate(self.warehouses):
                if wh.paused:
                    continue
                on_hand, reserved = self.on_hand[w], self.reserved[w]
                for row in range(n):
                    if on_hand[row] != MISSING and on_hand[row] - reserved[row] <= 0:
                        flags[row] = True
        self._alerts[alert] = flags
        return flags

    def filter_rows(self, rows: Sequence[int], f: GridFilter) -> list[int]:
        """The rows of `rows` (an order of all rows) that pass `f`, in that order."""
        out = common_filter(rows, self.categories, f.category, self.listed, f.listed)
        if f.alert is not StockAlert.ANY:
            flags = self._alert_flags(f.alert)
            out = [r for r in out if flags[r]]
        return text_filter(out, self.search, f.text)

    # -- sorting --------------------------------------------------------------------------------
    def sort_order(
        self, by: SortField, *, warehouse: int | None = None, descending: bool = False
    ) -> list[int]:
        """All rows ordered by one column; ties keep code order, blanks sort as lowest."""
        n = self.row_count
        keys: Sequence[object]
        if by is SortField.CODE:
            keys = self.codes
        elif by is SortField.NAME:
            keys = self.names
        elif by is SortField.CATEGORY:
            keys = self.categories
        elif by is SortField.LISTED:
            keys = self.listed
        elif by is SortField.WAREHOUSE:
            assert warehouse is not None
            keys = self.on_hand[warehouse]
        elif by is SortField.ON_HAND_TOTAL:
            keys = [self.on_hand_total(r) for r in range(n)]
        elif by is SortField.RESERVED_TOTAL:
            keys = [self.reserved_total(r) for r in range(n)]
        else:
            keys = [self.available_total(r) for r in range(n)]
        column: Sequence[Any] = keys
        return sorted(range(n), key=lambda r: column[r], reverse=descending)


def common_filter(
    rows: Sequence[int],
    categories: Sequence[str],
    category: str | None,
    listed: Sequence[bool],
    want: bool | None,
) -> list[int]:
    """The rows of `rows` in `category` (None: any) and listed as `want` (None: either): the
    filters the 库存 and 商品 pages share."""
    out = list(rows)
    if category is not None:
        out = [r for r in out if categories[r] == category]
    if want is not None:
        out = [r for r in out if listed[r] is want]
    return out


def text_filter(rows: list[int], search: Sequence[str], text: str) -> list[int]:
    """The rows whose search text holds every word of `text` (search_key folded)."""
    for term in search_key(text).split():
        rows = [r for r in rows if term in search[r]]
    return rows


def load_stock_grid(book: Book) -> StockGrid:
    """The whole grid in three queries: warehouses, products (by code), stock rows."""
    with book.read() as s:
        whs = [
            GridWarehouse(wid, name, bool(paused), bool(national))
            for wid, name, paused, national in s.execute(
                select(Warehouse.id, Warehouse.name, Warehouse.paused, Warehouse.is_national)
                .where(Warehouse.deleted.is_(False))
                .order_by(Warehouse.is_national.desc(), Warehouse.id)
            )
        ]
        products = fetch_plain(
            s,
            select(
                Product.id, Product.code, Product.name, Product.category3, Product.listed
            ).order_by(Product.code),
        )
        stock = fetch_plain(
            s,
            select(
                Stock.product_id, Stock.warehouse_id, Stock.on_hand, Stock.reserved, Stock.version
            ),
        )
    n = len(products)
    ids = [p[0] for p in products]
    row_of: dict[int, int] | list[int]
    if n and max(ids) <= 2 * n + 1000:  # dense ids (the usual case): a list beats a dict
        row_of = [-1] * (max(ids) + 1)
        for row, pid in enumerate(ids):
            row_of[pid] = row
    else:
        row_of = {pid: row for row, pid in enumerate(ids)}
    col_of = {wh.id: w for w, wh in enumerate(whs)}
    on_hand = [array("q", [MISSING]) * n for _ in whs]
    reserved = [array("q", [0]) * n for _ in whs]
    versions = [array("q", [0]) * n for _ in whs]
    for pid, wid, qty, res, ver in stock:
        w = col_of.get(wid)
        if w is None:  # a retired (deleted) warehouse: history only, not a column
            continue
        row = row_of[pid]
        on_hand[w][row] = qty
        reserved[w][row] = res
        versions[w][row] = ver
    return StockGrid(
        warehouses=whs,
        product_ids=ids,
        codes=[p[1] for p in products],
        names=[p[2] for p in products],
        categories=[p[3] or "" for p in products],
        listed=[bool(p[4]) for p in products],
        on_hand=on_hand,
        reserved=reserved,
        versions=versions,
    )


@dataclass(frozen=True, slots=True)
class CellNow:
    on_hand: int
    reserved: int
    version: int


def read_cells(book: Book, pairs: Iterable[Pair]) -> dict[Pair, CellNow]:
    """Current quantities of a few pairs (after a conflict); a missing pair is absent."""
    wanted = list(dict.fromkeys(pairs))
    out: dict[Pair, CellNow] = {}
    with book.read() as s:
        for start in range(0, len(wanted), 400):
            chunk = wanted[start : start + 400]
            rows = s.execute(
                select(
                    Stock.product_id,
                    Stock.warehouse_id,
                    Stock.on_hand,
                    Stock.reserved,
                    Stock.version,
                ).where(tuple_(Stock.product_id, Stock.warehouse_id).in_(chunk))
            )
            for pid, wid, qty, res, ver in rows:
                out[(pid, wid)] = CellNow(qty, res, ver)
    return out
