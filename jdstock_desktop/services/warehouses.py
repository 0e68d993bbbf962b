"""Warehouses, coverage and priorities (SPEC §3): each function is one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, exists, func, select
from sqlalchemy.orm import Session

from jdstock_desktop.domain.regions import ROOT_CODE, load_regions
from jdstock_desktop.domain.text import Textual, clean_text
from jdstock_desktop.errors import BadInput, Refused
from jdstock_desktop.services.lookups import warehouse_by_name
from jdstock_desktop.storage.db import Book
from jdstock_desktop.storage.models import (
    NATIONAL_WAREHOUSE_NAME,
    LedgerEntry,
    OrderLine,
    PriorityEntry,
    SalesOrder,
    Stock,
    Warehouse,
)

OPEN_ORDER_STATES = ("open", "allocated")


@dataclass(frozen=True, slots=True)
class WarehouseView:
    id: int
    name: str
    is_national: bool
    paused: bool
    region_code: str | None
    address: str  # 省/市/区县/乡镇 display path
    address_detail: str
    address_parts: tuple[str, str, str, str]  # full names by level; "" where missing

    @property
    def address_complete(self) -> bool:
        """Rule 19: a real warehouse needs its address down to the town, plus a street detail."""
        return self.is_national or (all(self.address_parts) and bool(self.address_detail.strip()))

    @property
    def status_label(self) -> str:
        return "暂停" if self.paused else "启用"


def view(wh: Warehouse) -> WarehouseView:
    regions = load_regions()
    names = regions.path_names(wh.region_code) if wh.region_code else []
    parts = (*names, "", "", "", "")[:4]
    return WarehouseView(
        id=wh.id,
        name=wh.name,
        is_national=wh.is_national,
        paused=wh.paused,
        region_code=wh.region_code,
        address="全国" if wh.is_national else "/".join(names),
        address_detail=wh.address_detail,
        address_parts=(parts[0], parts[1], parts[2], parts[3]),
    )


def list_warehouses(book: Book) -> list[WarehouseView]:
    """National warehouse first, then the others by name."""
    with book.read() as s:
        rows = s.scalars(
            select(Warehouse)
            .where(Warehouse.deleted.is_(False))
            .order_by(Warehouse.is_national.desc(), Warehouse.id)
        )
        return [view(w) for w in rows]


def _check_name(session: Session, name: str, *, current_id: int | None = None) -> str:
    name = clean_text(Textual.NAME, name.strip(), "仓库名称")
    if not name:
        raise BadInput("仓库名称不能为空")
    if len(name) > 100:
        raise BadInput(f"仓库名称「{name[:20]}…」超过 100 个字符")
    if name == NATIONAL_WAREHOUSE_NAME:
        raise Refused(f"「{NATIONAL_WAREHOUSE_NAME}」由系统自动生成，不能用作其他仓库的名称")
    clash = session.scalar(select(Warehouse.id).where(Warehouse.name == name))
    if clash is not None and clash != current_id:
        raise BadInput(f"仓库「{name}」已存在")
    return name


def _refuse_national(wh: Warehouse, action: str) -> None:
    if wh.is_national:
        raise Refused(
            f"「{NATIONAL_WAREHOUSE_NAME}」由系统自动生成，覆盖全国、优先级最低，不可{action}"
        )


def resolve_address(address: str | Sequence[str | None]) -> str:
    """The region code of a warehouse address (1–4 levels); refuses 全国 for a real warehouse."""
    region = load_regions().resolve(address)
    if region.code == ROOT_CODE:
        raise BadInput("商家仓需要真实地址（至少到省），不能是「全国」")
    return region.code


def create_warehouse(
    book: Book,
    name: str,
    address: str | Sequence[str | None],
    detail: str = "",
    *,
    paused: bool = False,
) -> WarehouseView:
    code = resolve_address(address)
    with book.transaction() as s:
        wh = Warehouse(
            name=_check_name(s, name),
            is_national=False,
            paused=paused,
            region_code=code,
            address_detail=detail.strip(),
            created_at=dt.datetime.now().replace(microsecond=0),
        )
        s.add(wh)
        s.flush()
        return view(wh)


def update_warehouse(
    book: Book,
    name: str,
    *,
    new_name: str | None = None,
    address: str | Sequence[str | None] | None = None,
    detail: str | None = None,
    paused: bool | None = None,
) -> WarehouseView:
    """Rename, re-address, pause or enable a warehouse (never the national one)."""
    with book.transaction() as s:
        wh = warehouse_by_name(s, name)
        _refuse_national(wh, "修改、暂停或启用")
        if new_name is not None and new_name.strip() != wh.name:
            wh.name = _check_name(s, new_name, current_id=wh.id)
        if address is not None:
            wh.region_code = resolve_address(address)
        if detail is not None:
            wh.address_detail = detail.strip()
        if paused is not None:
            wh.paused = paused
        s.flush()
        return view(wh)


def delete_warehouse(book: Book, name: str) -> None:
    """Delete a warehouse that holds no stock and no open orders; its history goes with it."""
    with book.transaction() as s:
        wh = warehouse_by_name(s, name)
        _refuse_national(wh, "删除")
        held = s.scalar(
            select(func.coalesce(func.sum(Stock.on_hand), 0)).where(Stock.warehouse_id == wh.id)
        )
        if held:
            raise Refused(f"仓库「{wh.name}」仍有现货库存 {held} 件，不能删除；请先调拨或清零")
        open_lines = s.scalar(
            select(func.count())
            .select_from(OrderLine)
            .join(SalesOrder)
            .where(OrderLine.warehouse_id == wh.id, SalesOrder.status.in_(OPEN_ORDER_STATES))
        )
        if open_lines:
            raise Refused(f"仓库「{wh.name}」有 {open_lines} 个未完成的订单行，不能删除")
        s.execute(delete(PriorityEntry).where(PriorityEntry.warehouse_id == wh.id))
        has_history = s.scalar(select(exists().where(LedgerEntry.warehouse_id == wh.id)))
        has_orders = s.scalar(select(exists().where(OrderLine.warehouse_id == wh.id)))
        if has_history or has_orders:
            # Its ledger and shipped orders are sales history the alerts need: keep them and
            # retire the warehouse instead (hidden, never routed, its name free for reuse).
            wh.deleted = True
            wh.paused = True
            wh.name = f"{wh.name}（已删除#{wh.id}）"
            return
        s.execute(delete(Stock).where(Stock.warehouse_id == wh.id))
        s.delete(wh)


# -- coverage & priority ------------------------------------------------------------------------

PriorityRows = Sequence[tuple[str, int | None]]  # (warehouse name, rank or None = banned)


def _validated_items(
    session: Session, region_code: str, items: PriorityRows
) -> list[tuple[int, int | None]]:
    where = load_regions().display_path(region_code)
    seen: set[str] = set()
    ranks: set[int] = set()
    out: list[tuple[int, int | None]] = []
    for wh_name, rank in items:
        wh = warehouse_by_name(session, wh_name)
        if wh.is_national:
            raise Refused(
                f"区域「{where}」：「{NATIONAL_WAREHOUSE_NAME}」始终以最低优先级兜底，不能排序或禁售"
            )
        if wh.name in seen:
            raise BadInput(f"区域「{where}」：仓库「{wh.name}」重复出现")
        seen.add(wh.name)
        if rank is not None:
            if rank < 1:
                raise BadInput(
                    f"区域「{where}」：仓库「{wh.name}」的优先级 {rank} 必须是 ≥1 的整数"
                )
            if rank in ranks:
                raise BadInput(f"区域「{where}」：优先级 {rank} 重复")
            ranks.add(rank)
        out.append((wh.id, rank))
    return out


def replace_priorities_in(session: Session, lists: Mapping[str, PriorityRows]) -> int:
    """Replace the priority list of every region code in `lists` (inside a transaction)."""
    written = 0
    for code, items in lists.items():
        validated = _validated_items(session, code, items)
        session.execute(delete(PriorityEntry).where(PriorityEntry.region_code == code))
        for wid, rank in validated:
            session.add(PriorityEntry(region_code=code, warehouse_id=wid, rank=rank))
            written += 1
    session.flush()
    return written


def set_priorities(book: Book, region: str | Sequence[str | None], items: PriorityRows) -> str:
    """Replace one region's list; an empty list removes it (the parent's list applies again)."""
    code = load_regions().resolve(region).code
    with book.transaction() as s:
        replace_priorities_in(s, {code: items})
    return code


@dataclass(frozen=True, slots=True)
class PriorityView:
    region_code: str
    region: str  # display path
    warehouse: str
    rank: int | None


def priority_rows(s: Session) -> list[tuple[str, str, int | None]]:
    """Every priority entry as (region code, warehouse name, rank), region by region in rank
    order, the banned (no rank) last: what the editor shows and the 覆盖优先级 sheet writes."""
    rows = s.execute(
        select(PriorityEntry.region_code, Warehouse.name, PriorityEntry.rank)
        .join(Warehouse)
        .order_by(
            PriorityEntry.region_code,
            PriorityEntry.rank.is_(None),
            PriorityEntry.rank,
            Warehouse.name,
        )
    )
    return [(code, name, rank) for code, name, rank in rows]


def priority_lists(book: Book) -> list[PriorityView]:
    regions = load_regions()
    with book.read() as s:
        return [PriorityView(c, regions.display_path(c), n, r) for c, n, r in priority_rows(s)]
