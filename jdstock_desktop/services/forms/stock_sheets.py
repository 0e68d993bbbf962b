"""Importers that move stock: 分区库存 (set quantities) and 库存流水 (append dated rows)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from operator import itemgetter
from typing import cast

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jdstock_desktop.domain.stock import LedgerKind
from jdstock_desktop.errors import BadInput
from jdstock_desktop.services.forms.context import ImportContext, Row
from jdstock_desktop.services.ledger import LedgerWriter, Pair
from jdstock_desktop.services.lookups import product_ids, unknown_sku
from jdstock_desktop.sheets.reader import SheetRow, gc_paused
from jdstock_desktop.storage.models import LedgerEntry, Product, Stock, Warehouse

# 库存流水 types and the ledger kinds they are stored as.
SHEET_TYPE_KIND = {
    "入库": LedgerKind.INBOUND,
    "发货": LedgerKind.SHIP,
    "盘点": LedgerKind.COUNT,
    "调整": LedgerKind.ADJUST,
    "退货": LedgerKind.RETURN,
}
# How the app's own kinds appear in an exported 库存流水 (reservations move no stock: not listed).
KIND_SHEET_TYPE = {
    LedgerKind.INBOUND.value: "入库",
    LedgerKind.SHIP.value: "发货",
    LedgerKind.COUNT.value: "盘点",
    LedgerKind.ADJUST.value: "调整",
    LedgerKind.RETURN.value: "退货",
    LedgerKind.IMPORT.value: "盘点",
    LedgerKind.MANUAL.value: "调整",
    LedgerKind.VIOLATION.value: "调整",
}


def signed_delta(sheet_type: str, qty: int) -> int:
    """发货 always takes stock out and 入库/退货 bring it in, whichever sign the clerk typed."""
    if sheet_type == "发货":
        return -abs(qty)
    if sheet_type in ("入库", "退货"):
        return abs(qty)
    return qty


def _resolve_pairs(
    s: Session, rows: list[SheetRow], ctx: ImportContext
) -> list[tuple[SheetRow, Pair]]:
    skus = product_ids(s)
    whs = dict(
        s.execute(select(Warehouse.name, Warehouse.id).where(Warehouse.deleted.is_(False))).all()
    )
    values = [row.values for row in rows]
    pids = list(map(skus.get, map(str, map(itemgetter("sku"), values))))
    wids = list(map(whs.get, map(str, map(itemgetter("warehouse"), values))))
    if None not in pids and None not in wids:  # every name known: no problem to name
        pairs = cast(list[Pair], list(zip(pids, wids, strict=True)))
        return list(zip(rows, pairs, strict=True))
    out = []
    for row, pid, wid in zip(rows, pids, wids, strict=True):
        if pid is None:
            ctx.problems.add(row.row, "sku", unknown_sku(s, row.values["sku"]))
        if wid is None:
            ctx.problems.add(row.row, "warehouse", f"未知仓库「{row.values['warehouse']!s}」")
        if pid is not None and wid is not None:
            out.append((row, (pid, wid)))
    return out


def import_regional_stock(s: Session, rows: list[SheetRow], ctx: ImportContext) -> None:
    with gc_paused():
        _set_regional_stock(s, rows, ctx)


def _set_regional_stock(s: Session, rows: list[SheetRow], ctx: ImportContext) -> None:
    resolved = _resolve_pairs(s, rows, ctx)
    if ctx.problems.items:
        return
    writer = LedgerWriter(s, ctx.operator)
    pairs = [pair for _, pair in resolved]
    writer.load(pairs)
    targets = [int(row.values["on_hand"]) for row, _ in resolved]  # type: ignore[call-overload]
    if writer.holds_all(pairs, targets):  # an unedited export: nothing to set, nothing to write
        ctx.report.unchanged += len(resolved)
        resolved = []
    note = f"导入 {ctx.report.file}" if ctx.report.file else "导入"
    holds = writer.holds
    for row, pair in resolved:
        target = int(row.values["on_hand"])  # type: ignore[call-overload]
        if holds(pair, target):  # most rows of an edited export
            ctx.report.unchanged += 1
            continue
        before, _ = writer.quantities(pair)
        existed = writer.exists(pair)
        try:
            changed = writer.set_on_hand(
                pair,
                target,
                LedgerKind.IMPORT,
                where=f"{row.values['sku']} @ {row.values['warehouse']}",
                note=note,
            )
        except BadInput as exc:
            ctx.problems.add(row.row, "on_hand", str(exc))
            continue
        if not changed:
            ctx.report.unchanged += 1
        elif existed:
            ctx.report.updated += 1
            ctx.report.detail(
                f"{row.values['sku']} @ {row.values['warehouse']}：{before} → {target}"
            )
        else:
            ctx.report.created += 1
            ctx.report.detail(f"{row.values['sku']} @ {row.values['warehouse']}：新建 {target}")
    if not ctx.problems.items:
        ctx.report.ledger_rows = writer.flush()


def _ledger_key(time: dt.datetime, pair: Pair, delta: int, sheet_type: str, note: str) -> tuple:
    return (time.replace(microsecond=0), pair, delta, sheet_type, note)


def import_ledger(s: Session, rows: list[SheetRow], ctx: ImportContext) -> None:
    resolved = _resolve_pairs(s, rows, ctx)
    if ctx.problems.items or not resolved:
        return
    resolved.sort(key=lambda item: (item[0].values["time"], item[0].row))
    times = [cast(dt.datetime, r.values["time"]) for r, _ in resolved]
    # Re-importing the same file appends nothing: rows already in the ledger (same time, pair,
    # quantity, type and note) are matched once each and skipped.
    already: Counter[tuple] = Counter()
    for time, pid, wid, delta, kind, note in s.execute(
        select(
            LedgerEntry.time,
            LedgerEntry.product_id,
            LedgerEntry.warehouse_id,
            LedgerEntry.delta,
            LedgerEntry.kind,
            LedgerEntry.note,
        ).where(LedgerEntry.time >= min(times), LedgerEntry.time <= max(times))
    ):
        sheet_type = KIND_SHEET_TYPE.get(kind)
        if sheet_type:
            already[_ledger_key(time, (pid, wid), delta, sheet_type, note)] += 1
    writer = LedgerWriter(s, ctx.operator)
    writer.load({pair for _, pair in resolved})
    for row, pair in resolved:
        v = row.values
        sheet_type = str(v["type"])
        delta = signed_delta(sheet_type, int(v["qty"]))  # type: ignore[call-overload]
        note = str(v.get("note") or "")
        time = cast(dt.datetime, v["time"])
        key = _ledger_key(time, pair, delta, sheet_type, note)
        if already[key]:
            already[key] -= 1
            ctx.report.unchanged += 1
            continue
        try:
            writer.change(
                pair,
                delta,
                SHEET_TYPE_KIND[sheet_type],
                where=f"{v['sku']} @ {v['warehouse']}",
                time=time,
                note=note,
                dated=True,
                tag=row.row,
            )
        except BadInput as exc:
            ctx.problems.add(row.row, "qty", str(exc))
            continue
        ctx.report.created += 1
        ctx.report.detail(f"{v['time']} {v['sku']} @ {v['warehouse']} {sheet_type} {delta:+d}")
    if ctx.problems.items:
        return
    # On hand at every point of each pair's history, the file's rows merged with the ledger.
    for number, message in writer.timeline_problems():
        ctx.problems.add(cast(int, number), "qty", message)
    if not ctx.problems.items:
        ctx.report.ledger_rows = writer.flush()


# --- export ------------------------------------------------------------------------------------


XLSX_MAX_ROWS = 1_048_575  # below the header row


def export_regional_stock(s: Session) -> Iterator[Row]:
    rows = s.execute(
        select(Product.code, Warehouse.name, Stock.on_hand)
        .join(Product, Product.id == Stock.product_id)
        .join(Warehouse, Warehouse.id == Stock.warehouse_id)
        .where(Warehouse.deleted.is_(False))
        .order_by(Product.code, Warehouse.id)
        .execution_options(yield_per=20_000)
    )
    for code, name, on_hand in rows:
        yield {"sku": code, "warehouse": name, "on_hand": on_hand}


def export_ledger(s: Session) -> Iterator[Row]:
    kinds = list(KIND_SHEET_TYPE)
    count = s.scalar(
        select(func.count()).select_from(LedgerEntry).where(LedgerEntry.kind.in_(kinds))
    )
    if count and count > XLSX_MAX_ROWS:
        raise BadInput(
            f"库存流水共 {count} 行，超过 Excel 单表上限 {XLSX_MAX_ROWS} 行，无法导出到一个工作表"
        )
    rows = s.execute(
        select(
            LedgerEntry.time,
            Product.code,
            Warehouse.name,
            LedgerEntry.delta,
            LedgerEntry.kind,
            LedgerEntry.note,
        )
        .join(Product, Product.id == LedgerEntry.product_id)
        .join(Warehouse, Warehouse.id == LedgerEntry.warehouse_id)
        .where(LedgerEntry.kind.in_(kinds))
        .order_by(LedgerEntry.time, LedgerEntry.id)
        .execution_options(yield_per=20_000)
    )
    for time, code, name, delta, kind, note in rows:
        yield {
            "time": time,
            "sku": code,
            "warehouse": name,
            "qty": delta,
            "type": KIND_SHEET_TYPE[kind],
            "note": note,
        }
