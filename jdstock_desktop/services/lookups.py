"""Finding rows by the names clerks use (warehouse name, 商品编码), with clear refusals."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from jdstock_desktop.errors import NotFound
from jdstock_desktop.storage.models import Product, Warehouse


def warehouse_by_name(session: Session, name: str) -> Warehouse:
    wh = session.scalar(
        select(Warehouse).where(Warehouse.name == name.strip(), Warehouse.deleted.is_(False))
    )
    if wh is None:
        raise NotFound(f"未知仓库「{name}」")
    return wh


def product_by_code(session: Session, code: str) -> Product:
    product = session.scalar(select(Product).where(Product.code == code.strip()))
    if product is None:
        raise NotFound(unknown_sku(session, code))
    return product


def unknown_sku(session: Session, code: object) -> str:
    """未知商品编码「…」, and when it is some product's 京东SKU, which one: a JD SKU typed where
    the 商品编码 belongs is the usual slip."""
    text = str(code).strip()
    owner = session.scalar(select(Product.code).where(Product.jd_sku == text).limit(1))
    hint = f"（这是商品「{owner}」的京东SKU，这里应填商品编码「{owner}」）" if owner else ""
    return f"未知商品编码「{text}」{hint}"


def warehouse_ids(session: Session) -> dict[str, int]:
    return dict(session.execute(select(Warehouse.name, Warehouse.id)).all())


def product_ids(session: Session) -> dict[str, int]:
    return dict(session.execute(select(Product.code, Product.id)).all())


def national_warehouse(session: Session) -> Warehouse:
    wh = session.scalar(select(Warehouse).where(Warehouse.is_national.is_(True)))
    assert wh is not None, "every book has its national warehouse (storage.migrate)"
    return wh
