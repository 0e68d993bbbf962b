"""Importers of the book's master data: 仓库, 覆盖优先级, 商品."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from typing import cast

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from jdstock_desktop.domain.regions import ROOT_CODE, AddressError, load_regions
from jdstock_desktop.services.forms.context import ImportContext, Row
from jdstock_desktop.services.warehouses import priority_rows, replace_priorities_in
from jdstock_desktop.sheets.reader import SheetRow
from jdstock_desktop.storage.models import (
    NATIONAL_WAREHOUSE_NAME,
    PriorityEntry,
    Product,
    Warehouse,
)

ADDRESS_KEYS = ("province", "city", "county", "town")


def _address_column(row: SheetRow, part: str) -> str:
    """The address column holding the name that failed to resolve (省 when unclear)."""
    for key in ADDRESS_KEYS:
        if (row.values.get(key) or "") == part:
            return key
    return "province"


def import_warehouses(s: Session, rows: list[SheetRow], ctx: ImportContext) -> None:
    regions = load_regions()
    existing = {w.name: w for w in s.scalars(select(Warehouse).where(Warehouse.deleted.is_(False)))}
    now = dt.datetime.now().replace(microsecond=0)
    for row in rows:
        v = row.values
        name = str(v["name"])
        parts = [str(v[k]) if v.get(k) else None for k in ADDRESS_KEYS]
        detail = str(v.get("detail") or "")
        status = v.get("status")
        if name == NATIONAL_WAREHOUSE_NAME:
            if any(parts) or detail or status == "暂停":
                ctx.problems.add(
                    row.row, "name", f"「{NATIONAL_WAREHOUSE_NAME}」覆盖全国，不可修改地址或暂停"
                )
            else:
                ctx.report.unchanged += 1
            continue
        if not parts[0]:
            ctx.problems.add(row.row, "province", "商家仓必须填写真实地址（至少到省）")
            continue
        try:
            code = regions.resolve(parts).code
        except AddressError as exc:
            ctx.problems.add(row.row, _address_column(row, exc.part), str(exc))
            continue
        wh = existing.get(name)
        if wh is None:
            s.add(
                Warehouse(
                    name=name,
                    is_national=False,
                    paused=status == "暂停",
                    region_code=code,
                    address_detail=detail,
                    created_at=now,
                )
            )
            ctx.report.created += 1
            ctx.report.detail(f"新增仓库「{name}」{regions.display_path(code)} {detail}")
            continue
        paused = wh.paused if status is None else status == "暂停"
        if (wh.region_code, wh.address_detail, wh.paused) == (code, detail, paused):
            ctx.report.unchanged += 1
            continue
        wh.region_code, wh.address_detail, wh.paused = code, detail, paused
        ctx.report.updated += 1
        ctx.report.detail(f"修改仓库「{name}」")
    s.flush()


def _region_code(path: str) -> str:
    text = path.strip()
    if text in ("全国", "中国"):
        return ROOT_CODE
    return load_regions().resolve(text).code


def import_priorities(s: Session, rows: list[SheetRow], ctx: ImportContext) -> None:
    whs = {w.name: w for w in s.scalars(select(Warehouse).where(Warehouse.deleted.is_(False)))}
    lists: dict[str, list[tuple[str, int | None]]] = defaultdict(list)
    seen_rank: dict[tuple[str, int], int] = {}
    for row in rows:
        v = row.values
        try:
            code = _region_code(str(v["region"]))
        except AddressError as exc:
            ctx.problems.add(row.row, "region", str(exc))
            continue
        name = str(v["warehouse"])
        wh = whs.get(name)
        rank = cast(int | None, v.get("rank"))
        if wh is None:
            ctx.problems.add(row.row, "warehouse", f"未知仓库「{name}」")
            continue
        if wh.is_national:
            ctx.problems.add(
                row.row,
                "warehouse",
                f"「{NATIONAL_WAREHOUSE_NAME}」始终以最低优先级兜底，不能出现在优先级表中",
            )
            continue
        if rank is not None:
            clash = seen_rank.get((code, int(rank)))
            if clash is not None:
                ctx.problems.add(row.row, "rank", f"同一区域优先级 {rank} 与第 {clash} 行重复")
                continue
            seen_rank[(code, int(rank))] = row.row
        lists[code].append((name, None if rank is None else int(rank)))
    if ctx.problems.items:
        return
    current: dict[str, set[tuple[int, int | None]]] = defaultdict(set)
    for code, wid, rank in s.execute(
        select(PriorityEntry.region_code, PriorityEntry.warehouse_id, PriorityEntry.rank).where(
            PriorityEntry.region_code.in_(list(lists))
        )
    ):
        current[code].add((wid, rank))
    changed = {}
    regions = load_regions()
    for code, items in lists.items():
        wanted = {(whs[n].id, r) for n, r in items}
        if wanted == current.get(code, set()):
            ctx.report.unchanged += 1
            continue
        changed[code] = items
        if code in current:
            ctx.report.updated += 1
        else:
            ctx.report.created += 1
        chain = "、".join(f"{n}({r if r is not None else '禁售'})" for n, r in items)
        ctx.report.detail(f"区域「{regions.display_path(code)}」：{chain}")
    replace_priorities_in(s, changed)


PRODUCT_FIELDS = (
    "jd_sku", "name", "brand", "model", "spec", "category1", "category2", "category3", "unit",
    "purchase_price", "jd_price", "listed", "spot_hours", "futures_hours", "preorder",
    "futures_quota",
)  # fmt: skip


# What an empty or typed cell of these columns stands for, in every sheet that sets products.
_CELL_MEANS = {
    "listed": lambda v: v == "上柜",
    "spot_hours": lambda v: 48 if v is None else v,
    "preorder": bool,
    "futures_quota": lambda v: v or 0,
}


def product_cell(key: str, value: object) -> object:
    """A checked 商品 or 新品提报表 cell as the Product attribute it sets (上柜 → True, an empty
    现货时效 → 48, …); other cells as they are."""
    means = _CELL_MEANS.get(key)
    return value if means is None else means(value)


def product_values(v: dict[str, object]) -> dict[str, object]:
    """Sheet cells -> Product attributes, with the defaults an empty cell stands for."""
    out: dict[str, object] = {}
    for key in PRODUCT_FIELDS:
        value = v.get(key)
        if key in _CELL_MEANS:
            value = product_cell(key, value)
        elif key not in ("purchase_price", "jd_price", "futures_hours"):  # None stays None
            value = "" if value is None else str(value)
        out[key] = value
    return out


def _same(a: object, b: object) -> bool:
    if isinstance(a, Decimal) or isinstance(b, Decimal):
        return a is not None and b is not None and Decimal(str(a)) == Decimal(str(b))
    return a == b


def update_product(product: Product, values: dict[str, object], ctx: ImportContext) -> None:
    """Apply the sheet's values to an existing SKU and count it as updated or unchanged."""
    diff = [k for k, val in values.items() if not _same(getattr(product, k), val)]
    if not diff:
        ctx.report.unchanged += 1
        return
    for k in diff:
        setattr(product, k, values[k])
    ctx.report.updated += 1
    headers = "、".join(ctx.sheet.column(k).header.lstrip("*") for k in diff)
    ctx.report.detail(f"修改商品 {product.code}：{headers}")


def import_products(s: Session, rows: list[SheetRow], ctx: ImportContext) -> None:
    existing = {p.code: p for p in s.scalars(select(Product))}
    new_rows: list[dict[str, object]] = []
    for row in rows:
        code = str(row.values["code"])
        values = product_values(row.values)
        product = existing.get(code)
        if product is None:
            new_rows.append({"code": code, **values})
            ctx.report.detail(f"新增商品 {code} {values['name']}")
            continue
        update_product(product, values, ctx)
    if new_rows:
        defaults = {
            "market_price": None,
            "tax_rate": None,
            "barcode": "",
            "packing_list": "",
            "warranty": "",
            "origin": "",
            "manufacturer": "",
            "labels": "",
            "violation": False,
            "version": 1,
        }
        s.execute(insert(Product), [{**defaults, **r} for r in new_rows])
        ctx.report.created += len(new_rows)
    s.flush()


# --- export ------------------------------------------------------------------------------------


def export_warehouses(s: Session) -> Iterator[Row]:
    regions = load_regions()
    for wh in s.scalars(
        select(Warehouse)
        .where(Warehouse.deleted.is_(False))
        .order_by(Warehouse.is_national.desc(), Warehouse.id)
    ):
        names = regions.path_names(wh.region_code) if wh.region_code else []
        parts = (*names, "", "", "", "")[:4]
        yield {
            "name": wh.name,
            "province": parts[0],
            "city": parts[1],
            "county": parts[2],
            "town": parts[3],
            "detail": wh.address_detail,
            "status": "暂停" if wh.paused else "启用",
        }


def region_path(code: str) -> str:
    return "全国" if code == ROOT_CODE else "/".join(load_regions().path_names(code))


def export_priorities(s: Session) -> Iterator[Row]:
    for code, name, rank in priority_rows(s):
        yield {"region": region_path(code), "warehouse": name, "rank": rank}


def export_products(s: Session) -> Iterator[Row]:
    for p in s.scalars(select(Product).order_by(Product.code)):
        yield {
            "code": p.code,
            "jd_sku": p.jd_sku,
            "name": p.name,
            "brand": p.brand,
            "model": p.model,
            "spec": p.spec,
            "category1": p.category1,
            "category2": p.category2,
            "category3": p.category3,
            "unit": p.unit,
            "purchase_price": p.purchase_price,
            "jd_price": p.jd_price,
            "listed": "上柜" if p.listed else "下柜",
            "spot_hours": p.spot_hours,
            "futures_hours": p.futures_hours,
            "preorder": p.preorder,
            "futures_quota": p.futures_quota,
        }
