"""Importers and exporters of the onboarding tables: 新品提报表, 上柜表, 无货预定, 类目时效标准.

forms.table lists them. What JD's buyer would query but
the book can still hold (an empty brand, a JD price below the purchase price, a futures ship time
over the category standard) is reported as a warning line (注意：…) in the preview, not refused:
the sheet must round-trip whatever the book holds.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path

from sqlalchemy import insert, select, union
from sqlalchemy.orm import Session

from jdstock_desktop.domain.onboarding import gtin_problem, parse_tax_rate, price_warning
from jdstock_desktop.domain.onboarding import tax_rate_label as rate_label
from jdstock_desktop.domain.stock import LedgerKind
from jdstock_desktop.errors import BadInput, NotFound
from jdstock_desktop.services.forms.book_sheets import product_cell, update_product
from jdstock_desktop.services.forms.context import ImportContext, Row
from jdstock_desktop.services.ledger import LedgerWriter
from jdstock_desktop.services.lookups import unknown_sku
from jdstock_desktop.sheets.definition import ColumnType
from jdstock_desktop.sheets.onboarding_forms import (
    JD_REQUIRED,
    NEW_PRODUCTS,
    TAX_RATE_CHOICES,
    UNITS,
)
from jdstock_desktop.sheets.reader import SheetRow
from jdstock_desktop.sheets.writer import write_sheet
from jdstock_desktop.storage.db import Book
from jdstock_desktop.storage.models import CategoryStandard, Product, Stock, Warehouse

# Product attributes the 新品提报表 sets (its other columns: 初始库存 and 发货仓 seed the stock).
PRODUCT_KEYS = tuple(
    c.key for c in NEW_PRODUCTS.columns if c.key not in ("code", "initial_stock", "ship_warehouse")
)
# Text attributes: an empty cell stores "" (the tax rate is text in the sheet, a number here).
TEXT_KEYS = frozenset(
    c.key
    for c in NEW_PRODUCTS.columns
    if c.type is ColumnType.TEXT and c.key in PRODUCT_KEYS and c.key != "tax_rate"
)
# Decimal places the book's columns keep: more would be rounded away silently on save.
PLACES = {
    "purchase_price": 2,
    "jd_price": 2,
    "market_price": 2,
    "weight_kg": 3,
    "length_cm": 1,
    "width_cm": 1,
    "height_cm": 1,
}
NEW_PRODUCT_DEFAULTS: dict[str, object] = {"violation": False, "version": 1}


def _warn(ctx: ImportContext, text: str) -> None:
    ctx.report.detail(f"注意：{text}")


def _standards(s: Session) -> dict[str, int]:
    return {
        c3: hours
        for c3, hours in s.execute(select(CategoryStandard.category3, CategoryStandard.ship_hours))
        if hours is not None
    }


def _over_standard(
    ctx: ImportContext, code: str, category3: object, hours: object, standards: dict[str, int]
) -> None:
    limit = standards.get(str(category3 or ""))
    if isinstance(hours, int) and limit is not None and hours > limit:
        _warn(ctx, f"商品 {code} 期货时效 {hours} 小时超过类目「{category3}」标准 {limit} 小时")


# --- 新品提报表 -----------------------------------------------------------------------------------


def product_values(row: SheetRow, ctx: ImportContext) -> dict[str, object] | None:
    """Checked cells -> Product attributes, with the defaults an empty cell stands for; None
    (and problems) when a cell breaks a rule the column type cannot say."""
    v = row.values
    out: dict[str, object] = {}
    bad = False
    for key in PRODUCT_KEYS:
        value = v.get(key)
        if key in TEXT_KEYS:
            value = "" if value is None else str(value)
        elif key == "tax_rate" and value is not None:
            try:
                value = parse_tax_rate(str(value))
            except ValueError as exc:
                ctx.problems.add(row.row, key, str(exc))
                bad = True
        elif key in PLACES and isinstance(value, Decimal):
            places = PLACES[key]
            if value != value.quantize(Decimal(1).scaleb(-places)):
                ctx.problems.add(row.row, key, f"最多 {places} 位小数，实际为 {value}")
                bad = True
        else:
            value = product_cell(key, value)
        out[key] = value
    barcode = str(out["barcode"])
    if barcode and (why := gtin_problem(barcode)) is not None:
        ctx.problems.add(row.row, "barcode", why)
        bad = True
    return None if bad else out


def _submission_warnings(ctx: ImportContext, code: str, values: dict[str, object]) -> None:
    missing = [
        NEW_PRODUCTS.column(k).header.lstrip("*")
        for k in JD_REQUIRED
        if values.get(k) in (None, "")
    ]
    if missing:
        _warn(ctx, f"商品 {code} 缺少京东新品提报必填项：{'、'.join(missing)}")
    why = price_warning(values.get("purchase_price"), values.get("jd_price"))  # type: ignore[arg-type]
    if why:
        _warn(ctx, f"商品 {code} {why}")


def import_new_products(s: Session, rows: list[SheetRow], ctx: ImportContext) -> None:
    existing = {p.code: p for p in s.scalars(select(Product))}
    warehouses = dict(
        s.execute(select(Warehouse.name, Warehouse.id).where(Warehouse.deleted.is_(False))).all()
    )
    standards = _standards(s)
    new_rows: list[dict[str, object]] = []
    seeds: list[tuple[SheetRow, str, int]] = []  # (row, code, warehouse id) of new SKUs' stock
    for row in rows:
        code = str(row.values["code"])
        values = product_values(row, ctx)
        product = existing.get(code)
        # 初始库存 seeds a new SKU only; an existing one keeps its stock (分区库存 sets that).
        wid = None if product is not None else _seed_warehouse(row, ctx, warehouses)
        if values is None:
            continue
        _submission_warnings(ctx, code, values)
        _over_standard(ctx, code, values["category3"], values["futures_hours"], standards)
        if product is None:
            new_rows.append({**NEW_PRODUCT_DEFAULTS, "code": code, **values})
            if wid is not None:
                seeds.append((row, code, wid))
            ctx.report.detail(f"新增商品 {code} {values['name']}")
            continue
        update_product(product, values, ctx)
    if ctx.problems.items:
        return
    if new_rows:
        s.execute(insert(Product), new_rows)
        ctx.report.created += len(new_rows)
    s.flush()
    if seeds:
        ids = dict(
            s.execute(
                select(Product.code, Product.id).where(Product.code.in_([c for _, c, _ in seeds]))
            ).all()
        )
        writer = LedgerWriter(s, ctx.operator)
        # New SKUs have no stock row: the writer would look each one up on its own. One scan of
        # the stock table (only pairs it has are remembered) is cheaper beyond a handful.
        writer.load(None if len(seeds) > 50 else [(ids[c], w) for _, c, w in seeds])
        note = f"新品提报表初始库存 {ctx.report.file}".strip()
        for row, code, wid in seeds:
            qty = int(row.values["initial_stock"])  # type: ignore[call-overload]
            where = f"{code} @ {row.values['ship_warehouse']}"
            writer.set_on_hand((ids[code], wid), qty, LedgerKind.IMPORT, where=where, note=note)
        ctx.report.ledger_rows = writer.flush()


def _seed_warehouse(row: SheetRow, ctx: ImportContext, warehouses: dict[str, int]) -> int | None:
    """The warehouse whose stock 初始库存 sets, None when there is none to set."""
    stock, where = row.values.get("initial_stock"), row.values.get("ship_warehouse")
    if stock is None:
        return None
    if where is None:
        ctx.problems.add(row.row, "ship_warehouse", "填写了初始库存，须同时填写发货仓")
        return None
    wid = warehouses.get(str(where))
    if wid is None:
        ctx.problems.add(row.row, "ship_warehouse", f"未知仓库「{where}」")
    return wid


def _product_row(p: Product) -> Row:
    row: Row = {"code": p.code}
    for key in PRODUCT_KEYS:
        row[key] = getattr(p, key)
    row["listed"] = "上柜" if p.listed else "下柜"
    row["tax_rate"] = None if p.tax_rate is None else rate_label(Decimal(p.tax_rate))
    return row


def new_product_rows(s: Session, codes: Sequence[str] | None = None) -> Iterator[Row]:
    """Rows of the 新品提报表, by 商品编码. 初始库存 / 发货仓 show the warehouse holding most of
    the SKU (a copy imported into another book seeds the same stock there)."""
    query = select(Product).order_by(Product.code)
    stock = select(Stock.product_id, Warehouse.name, Stock.on_hand).join(
        Warehouse, Warehouse.id == Stock.warehouse_id
    )
    if codes is not None:
        wanted = sorted(set(codes))
        known = set(s.scalars(select(Product.code).where(Product.code.in_(wanted))))
        unknown = [c for c in wanted if c not in known]
        if unknown:
            raise NotFound(f"未知商品编码：{'、'.join(unknown[:20])}")
        query = query.where(Product.code.in_(wanted))
        stock = stock.join(Product, Product.id == Stock.product_id).where(Product.code.in_(wanted))
    most: dict[int, tuple[int, str]] = {}
    for pid, name, on_hand in s.execute(
        stock.where(Warehouse.deleted.is_(False)).order_by(Stock.product_id, Warehouse.id)
    ):
        if pid not in most or on_hand > most[pid][0]:
            most[pid] = (on_hand, name)
    for p in s.scalars(query.execution_options(yield_per=5_000)):
        row = _product_row(p)
        if p.id in most:
            row["initial_stock"], row["ship_warehouse"] = most[p.id]
        yield row


def export_new_product_rows(s: Session) -> Iterator[Row]:
    return new_product_rows(s)


def dropdown_lists(s: Session) -> dict[str, list[str]]:
    """The dropdowns of the 新品提报表 that come from the book (categories of the category
    standards and of existing SKUs, warehouses) or from common use (units, tax rates)."""
    lists: dict[str, list[str]] = {}
    for key in ("category1", "category2", "category3"):
        a, b = getattr(CategoryStandard, key), getattr(Product, key)
        names = s.scalars(union(select(a).where(a != ""), select(b).where(b != "")))
        lists[key] = sorted(n for n in names if n)
    lists["unit"] = list(UNITS)
    lists["tax_rate"] = list(TAX_RATE_CHOICES)
    lists["ship_warehouse"] = list(
        s.scalars(select(Warehouse.name).where(Warehouse.deleted.is_(False)).order_by(Warehouse.id))
    )
    return lists


def export_new_products(book: Book, path: str | Path, codes: Sequence[str] | None = None) -> int:
    """Write the 新品提报表 of `codes` (every SKU when None) with the book's dropdowns; returns
    the number of SKU rows."""
    if codes is not None and not codes:
        raise BadInput("没有选择要导出的商品")
    with book.read() as s:
        return write_sheet(path, NEW_PRODUCTS, new_product_rows(s, codes), lists=dropdown_lists(s))


# --- 上柜表 --------------------------------------------------------------------------------------


def _products(s: Session) -> dict[str, Product]:
    return {p.code: p for p in s.scalars(select(Product))}


def import_listing(s: Session, rows: list[SheetRow], ctx: ImportContext) -> None:
    products = _products(s)
    for row in rows:
        code = str(row.values["code"])
        product = products.get(code)
        if product is None:
            ctx.problems.add(row.row, "code", unknown_sku(s, code))
            continue
        listed = row.values["listed"] == "上柜"
        if product.listed == listed:
            ctx.report.unchanged += 1
            continue
        product.listed = listed
        ctx.report.updated += 1
        ctx.report.detail(f"{'上柜' if listed else '下柜'} {code} {product.name}")
    s.flush()


def export_listing(s: Session) -> Iterator[Row]:
    for code, name, listed in s.execute(
        select(Product.code, Product.name, Product.listed).order_by(Product.code)
    ):
        yield {"code": code, "name": name, "listed": "上柜" if listed else "下柜"}


# --- 无货预定 ------------------------------------------------------------------------------------


def import_preorder(s: Session, rows: list[SheetRow], ctx: ImportContext) -> None:
    products = _products(s)
    standards = _standards(s)
    for row in rows:
        v = row.values
        code = str(v["code"])
        product = products.get(code)
        if product is None:
            ctx.problems.add(row.row, "code", unknown_sku(s, code))
            continue
        wanted = {
            "preorder": bool(v["preorder"]),
            "futures_hours": v.get("futures_hours"),
            "futures_quota": v.get("futures_quota") or 0,
        }
        if wanted["preorder"] and wanted["futures_hours"] is None:
            _warn(ctx, f"商品 {code} 开通了无货预定但未设置期货时效")
        _over_standard(ctx, code, product.category3, wanted["futures_hours"], standards)
        diff = [k for k, val in wanted.items() if getattr(product, k) != val]
        if not diff:
            ctx.report.unchanged += 1
            continue
        for k in diff:
            setattr(product, k, wanted[k])
        ctx.report.updated += 1
        switch = "开" if wanted["preorder"] else "关"
        ctx.report.detail(
            f"{code}：无货预定 {switch}，期货时效 {wanted['futures_hours'] or '—'} 小时，"
            f"可期货库存 {wanted['futures_quota']}"
        )
    s.flush()


def export_preorder(s: Session) -> Iterator[Row]:
    for code, preorder, hours, quota in s.execute(
        select(
            Product.code, Product.preorder, Product.futures_hours, Product.futures_quota
        ).order_by(Product.code)
    ):
        yield {"code": code, "preorder": preorder, "futures_hours": hours, "futures_quota": quota}


# --- 类目时效标准 --------------------------------------------------------------------------------


def import_category_standards(s: Session, rows: list[SheetRow], ctx: ImportContext) -> None:
    existing = {c.category3: c for c in s.scalars(select(CategoryStandard))}
    changed: dict[str, int] = {}
    for row in rows:
        v = row.values
        c3 = str(v["category3"])
        wanted = {
            "category1": str(v.get("category1") or ""),
            "category2": str(v.get("category2") or ""),
            "ship_hours": v.get("ship_hours"),
        }
        std = existing.get(c3)
        if std is None:
            s.add(CategoryStandard(category3=c3, **wanted))
            ctx.report.created += 1
            ctx.report.detail(f"新增类目「{c3}」时效标准 {wanted['ship_hours'] or '—'} 小时")
        else:
            diff = [k for k, val in wanted.items() if getattr(std, k) != val]
            if not diff:
                ctx.report.unchanged += 1
                continue
            for k in diff:
                setattr(std, k, wanted[k])
            ctx.report.updated += 1
            ctx.report.detail(f"修改类目「{c3}」：时效标准 {wanted['ship_hours'] or '—'} 小时")
        if isinstance(wanted["ship_hours"], int):
            changed[c3] = wanted["ship_hours"]
    s.flush()
    _count_breaches(s, ctx, changed)


def _count_breaches(s: Session, ctx: ImportContext, changed: dict[str, int]) -> None:
    """Rule 21 after the change: SKUs whose futures ship time now exceeds their standard."""
    if not changed:
        return
    over: dict[str, int] = {}
    for c3, hours in s.execute(
        select(Product.category3, Product.futures_hours).where(
            Product.category3.in_(list(changed)), Product.futures_hours.is_not(None)
        )
    ):
        if hours is not None and hours > changed[c3]:
            over[c3] = over.get(c3, 0) + 1
    for c3, n in sorted(over.items()):
        _warn(ctx, f"类目「{c3}」有 {n} 个商品的期货时效超过新标准 {changed[c3]} 小时（规则 21）")


def export_category_standards(s: Session) -> Iterator[Row]:
    for std in s.scalars(
        select(CategoryStandard).order_by(
            CategoryStandard.category1, CategoryStandard.category2, CategoryStandard.category3
        )
    ):
        yield {
            "category1": std.category1,
            "category2": std.category2,
            "category3": std.category3,
            "ship_hours": std.ship_hours,
        }
