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
        raise NotFound(f"未知商品编码「{code}」")
    return product


def warehouse_ids(session: Session) -> dict[str, int]:
    return dict(session.execute(select(Warehouse.name, Warehouse.id)).all())


def product_ids(session: Session) -> dict[str, int]:
    return dict(session.execute(select(Product.code, Product.id)).all())


def national_warehouse(session: Session) -> Warehouse:
    wh = session.scalar(select(Warehouse).where(Warehouse.is_national.is_(True)))
    assert wh is not None, "every book has its national warehouse (storage.migrate)"
    return wh
