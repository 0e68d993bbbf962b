"""Routing with the book's facts: load what SPEC §3 needs, let the domain decide."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jdstock_desktop.domain.limits import MAX_QUANTITY
from jdstock_desktop.domain.regions import load_regions
from jdstock_desktop.domain.routing import (
    ChainLink,
    PriorityItem,
    RouteDecision,
    RouteProduct,
    applicable_region,
    priority_chain,
    refuse,
    route_order,
)
from jdstock_desktop.errors import BadInput
from jdstock_desktop.services.lookups import national_warehouse
from jdstock_desktop.storage.db import Book
from jdstock_desktop.storage.models import (
    OrderLine,
    PriorityEntry,
    Product,
    SalesOrder,
    Stock,
    Warehouse,
)

OPEN_ORDER_STATES = ("open", "allocated")


def futures_in_open_orders(session: Session, product_id: int) -> int:
    return int(
        session.scalar(
            select(func.coalesce(func.sum(OrderLine.qty), 0))
            .join(SalesOrder)
            .where(
                OrderLine.product_id == product_id,
                OrderLine.kind == "futures",
                SalesOrder.status.in_(OPEN_ORDER_STATES),
            )
        )
        or 0
    )


def route_product(session: Session, product: Product) -> RouteProduct:
    return RouteProduct(
        code=product.code,
        listed=product.listed,
        spot_hours=product.spot_hours,
        futures_hours=product.futures_hours,
        preorder=product.preorder,
        futures_left=product.futures_quota - futures_in_open_orders(session, product.id),
    )


def chain_for(session: Session, region_code: str) -> tuple[list[int], str | None]:
    """Warehouse ids of the support chain for a resolved address, and the region that applied."""
    ancestors = load_regions().ancestors(region_code)
    rows = session.execute(
        select(PriorityEntry.region_code, PriorityEntry.warehouse_id, PriorityEntry.rank).where(
            PriorityEntry.region_code.in_(ancestors)
        )
    )
    lists: dict[str, list[PriorityItem]] = {}
    for code, wid, rank in rows:
        lists.setdefault(code, []).append(PriorityItem(wid, rank))
    source = applicable_region(ancestors, lists)
    paused = set(
        session.scalars(
            select(Warehouse.id).where(Warehouse.paused.is_(True) | Warehouse.deleted.is_(True))
        )
    )
    national = national_warehouse(session).id
    items = lists.get(source, []) if source else []
    return priority_chain(items, paused, national), source


def chain_links(session: Session, product_id: int, warehouse_ids: Sequence[int]) -> list[ChainLink]:
    stock = {
        wid: on_hand - reserved
        for wid, on_hand, reserved in session.execute(
            select(Stock.warehouse_id, Stock.on_hand, Stock.reserved).where(
                Stock.product_id == product_id, Stock.warehouse_id.in_(warehouse_ids)
            )
        )
    }
    names = dict(
        session.execute(
            select(Warehouse.id, Warehouse.name).where(Warehouse.id.in_(warehouse_ids))
        ).all()
    )
    return [ChainLink(wid, names[wid], stock.get(wid, 0)) for wid in warehouse_ids]


def route_in(
    session: Session, sku: str, qty: int, address: str | Sequence[str | None]
) -> RouteDecision:
    """The decision for `qty` of `sku` delivered to `address`, inside an open session."""
    if qty > MAX_QUANTITY:
        raise BadInput(f"数量 {qty} 超出上限 {MAX_QUANTITY:,}")
    product = session.scalar(select(Product).where(Product.code == sku.strip()))
    if product is None:
        return refuse(f"未知商品编码「{sku}」，拒绝下单")
    try:
        region = load_regions().resolve(address)
    except BadInput as exc:
        return refuse(f"收货地址无法识别：{exc}")
    facts = route_product(session, product)
    if not facts.listed:
        return route_order(facts, qty, [])
    ids, source = chain_for(session, region.code)
    decision = route_order(facts, qty, chain_links(session, product.id, ids))
    return RouteDecision(
        decision.kind,
        decision.warehouse_id,
        decision.warehouse,
        decision.promised_hours,
        decision.reason,
        decision.chain,
        source,
    )


def route(book: Book, sku: str, qty: int, address: str | Sequence[str | None]) -> RouteDecision:
    """The what-if of SPEC §8 and `jdstock route`: decides without changing anything."""
    with book.read() as s:
        return route_in(s, sku, qty, address)
