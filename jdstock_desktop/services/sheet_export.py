"""The rows of the book's own interchange sheets (仓库, 覆盖优先级, 商品, 分区库存, 库存流水): what
an export writes, an import reads back. services.form_handlers lists them."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jdstock_desktop.domain.regions import ROOT_CODE, load_regions
from jdstock_desktop.errors import BadInput
from jdstock_desktop.services.import_context import Row
from jdstock_desktop.services.import_stock import KIND_SHEET_TYPE
from jdstock_desktop.services.warehouses import priority_rows
from jdstock_desktop.storage.models import LedgerEntry, Product, Stock, Warehouse

XLSX_MAX_ROWS = 1_048_575  # below the header row


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
