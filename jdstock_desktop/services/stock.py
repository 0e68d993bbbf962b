"""Stock use cases: staged grid edits submitted at once, a cell's history, the ledger check."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from jdstock_desktop.domain.stock import MAX_QUANTITY, LedgerKind
from jdstock_desktop.errors import BadInput
from jdstock_desktop.services.ledger import (
    ChainBreak,
    LedgerMismatch,
    LedgerWriter,
    ledger_chain_breaks,
    ledger_mismatches,
)
from jdstock_desktop.services.lookups import product_ids, warehouse_ids
from jdstock_desktop.storage.db import Book
from jdstock_desktop.storage.models import LedgerEntry, Product, Warehouse


@dataclass(frozen=True, slots=True)
class StockEdit:
    """Set the on-hand quantity of one (SKU, warehouse) to `on_hand` (提交库存变更)."""

    sku: str
    warehouse: str
    on_hand: int
    expected_version: int | None = None  # the version the clerk saw; None skips the check
    note: str = ""


def submit_stock_changes(
    book: Book, edits: Sequence[StockEdit], kind: LedgerKind = LedgerKind.MANUAL
) -> int:
    """Commit staged edits in one transaction, all or nothing; returns ledger rows written."""
    with book.transaction() as s:
        skus = product_ids(s)
        whs = warehouse_ids(s)
        writer = LedgerWriter(s, book.operator)
        pairs = []
        for e in edits:
            if e.sku not in skus:
                raise BadInput(f"未知商品编码「{e.sku}」")
            if e.warehouse not in whs:
                raise BadInput(f"未知仓库「{e.warehouse}」")
            if e.on_hand < 0:
                raise BadInput(f"{e.sku} @ {e.warehouse}：库存不能为负数（{e.on_hand}）")
            if e.on_hand > MAX_QUANTITY:
                raise BadInput(
                    f"{e.sku} @ {e.warehouse}：库存 {e.on_hand} 超出上限 {MAX_QUANTITY:,}"
                )
            pairs.append((skus[e.sku], whs[e.warehouse]))
        writer.load(pairs)
        for e, pair in zip(edits, pairs, strict=True):
            writer.set_on_hand(
                pair,
                e.on_hand,
                kind,
                where=f"{e.sku} @ {e.warehouse}",
                note=e.note,
                expected_version=e.expected_version,
            )
        return writer.flush()


@dataclass(frozen=True, slots=True)
class LedgerRow:
    time: str
    kind: str
    delta: int
    reserved_delta: int
    qty_before: int
    qty_after: int
    operator: str
    note: str


def cell_history(book: Book, sku: str, warehouse: str, limit: int = 1000) -> list[LedgerRow]:
    """The ledger of one (SKU, warehouse), newest first."""
    with book.read() as s:
        rows = s.execute(
            select(LedgerEntry)
            .join(Product, Product.id == LedgerEntry.product_id)
            .join(Warehouse, Warehouse.id == LedgerEntry.warehouse_id)
            .where(Product.code == sku, Warehouse.name == warehouse)
            .order_by(LedgerEntry.time.desc(), LedgerEntry.id.desc())
            .limit(limit)
        ).scalars()
        return [
            LedgerRow(
                r.time.isoformat(sep=" "),
                LedgerKind(r.kind).label,
                r.delta,
                r.reserved_delta,
                r.qty_before,
                r.qty_after,
                r.operator,
                r.note,
            )
            for r in rows
        ]


def check_book(book: Book) -> list[LedgerMismatch | ChainBreak]:
    """Pairs whose stock differs from the ledger sums, and ledger rows that break their pair's
    chain in time order; empty for a sound book."""
    with book.read() as s:
        return [*ledger_mismatches(s), *ledger_chain_breaks(s)]


def check_lines(book: Book, problems: list[LedgerMismatch | ChainBreak]) -> list[str]:
    """Each problem of check_book as the clerk reads it (SKU codes and warehouse names)."""
    with book.read() as s:
        codes = dict(s.execute(select(Product.id, Product.code)).all())
        names = dict(s.execute(select(Warehouse.id, Warehouse.name)).all())
    out = []
    for p in problems:
        where = (
            f"{codes.get(p.product_id, p.product_id)} @ {names.get(p.warehouse_id, p.warehouse_id)}"
        )
        if isinstance(p, ChainBreak):
            out.append(
                f"{where}：流水 #{p.entry_id}（{p.time:%Y-%m-%d %H:%M:%S}）变动前 {p.qty_before}、"
                f"变动 {p.delta:+d}、变动后 {p.qty_after}，按时间顺序变动前应为 {p.expected_before}"
            )
        else:
            out.append(
                f"{where}：库存 {p.on_hand}/预占 {p.reserved}，"
                f"流水合计 {p.ledger_on_hand}/{p.ledger_reserved}"
            )
    return out
