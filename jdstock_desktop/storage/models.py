"""The stock book's tables as typed SQLAlchemy models.

Quantities are whole units (int). Times are naive local datetimes: the clerk's business day is the
local calendar day (SPEC §6), and books are not shared across time zones.
Schema changes go through an Alembic revision in storage/migrations/versions.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Stable constraint names so Alembic batch migrations on SQLite can address them.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

NATIONAL_WAREHOUSE_NAME = "商家全国仓"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Warehouse(Base):
    __tablename__ = "warehouse"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    is_national: Mapped[bool] = mapped_column(Boolean, default=False)
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    # A deleted warehouse with history is retired, not erased: its ledger is sales history.
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    # Deepest resolved region of the address (4-level code); None only for the national warehouse.
    region_code: Mapped[str | None] = mapped_column(String(12))
    address_detail: Mapped[str] = mapped_column(String(300), default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own API


class PriorityEntry(Base):
    """One warehouse in the priority list of one region node; rank None = banned (禁售) there."""

    __tablename__ = "priority_entry"
    __table_args__ = (UniqueConstraint("region_code", "warehouse_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    region_code: Mapped[str] = mapped_column(String(12), index=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouse.id"), index=True)
    rank: Mapped[int | None] = mapped_column(Integer)

    warehouse: Mapped[Warehouse] = relationship()


class CategoryStandard(Base):
    """Ship-time standard (hours) of a 3rd-level category (rule 21)."""

    __tablename__ = "category_standard"

    id: Mapped[int] = mapped_column(primary_key=True)
    category1: Mapped[str] = mapped_column(String(100), default="")
    category2: Mapped[str] = mapped_column(String(100), default="")
    category3: Mapped[str] = mapped_column(String(100), unique=True)
    ship_hours: Mapped[int | None] = mapped_column(Integer)


class Product(Base):
    """A SKU (SPEC §5), identified by the supplier's code 商品编码."""

    __tablename__ = "product"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    jd_sku: Mapped[str] = mapped_column(String(64), default="")
    name: Mapped[str] = mapped_column(String(300))
    brand: Mapped[str] = mapped_column(String(100), default="")
    model: Mapped[str] = mapped_column(String(100), default="")
    spec: Mapped[str] = mapped_column(String(300), default="")
    category1: Mapped[str] = mapped_column(String(100), default="")
    category2: Mapped[str] = mapped_column(String(100), default="")
    category3: Mapped[str] = mapped_column(String(100), default="", index=True)
    unit: Mapped[str] = mapped_column(String(20), default="")
    barcode: Mapped[str] = mapped_column(String(32), default="")
    purchase_price: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    jd_price: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    market_price: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    tax_rate: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    weight_kg: Mapped[Decimal | None] = mapped_column(Numeric(12, 3))
    length_cm: Mapped[Decimal | None] = mapped_column(Numeric(10, 1))
    width_cm: Mapped[Decimal | None] = mapped_column(Numeric(10, 1))
    height_cm: Mapped[Decimal | None] = mapped_column(Numeric(10, 1))
    packing_list: Mapped[str] = mapped_column(Text, default="")
    warranty: Mapped[str] = mapped_column(String(100), default="")
    origin: Mapped[str] = mapped_column(String(100), default="")
    manufacturer: Mapped[str] = mapped_column(String(200), default="")
    listed: Mapped[bool] = mapped_column(Boolean, default=False)
    spot_hours: Mapped[int] = mapped_column(Integer, default=48)
    futures_hours: Mapped[int | None] = mapped_column(Integer)
    preorder: Mapped[bool] = mapped_column(Boolean, default=False)
    futures_quota: Mapped[int] = mapped_column(Integer, default=0)
    labels: Mapped[str] = mapped_column(String(300), default="")
    main_image: Mapped[str] = mapped_column(String(500), default="")
    detail_images: Mapped[str] = mapped_column(String(500), default="")
    violation: Mapped[bool] = mapped_column(Boolean, default=False)  # rule 18
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    __table_args__ = (
        CheckConstraint("spot_hours >= 0 AND spot_hours <= 48", name="spot_hours_48"),
        CheckConstraint("futures_quota >= 0", name="futures_quota_nonneg"),
    )


class Stock(Base):
    """Current quantities of one (SKU, warehouse) pair; always equal to its ledger sums."""

    __tablename__ = "stock"
    __table_args__ = (
        CheckConstraint("on_hand >= 0", name="on_hand_nonneg"),
        CheckConstraint("reserved >= 0", name="reserved_nonneg"),
        Index("ix_stock_warehouse", "warehouse_id"),
    )

    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"), primary_key=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouse.id"), primary_key=True)
    on_hand: Mapped[int] = mapped_column(Integer, default=0)
    reserved: Mapped[int] = mapped_column(Integer, default=0)
    # Optimistic concurrency: a submission that read an older version is refused (shared books).
    version: Mapped[int] = mapped_column(Integer, default=1)


class LedgerEntry(Base):
    """One change of one (SKU, warehouse): on hand by `delta`, reserved by `reserved_delta`."""

    __tablename__ = "ledger"
    __table_args__ = (
        Index("ix_ledger_pair_time", "product_id", "warehouse_id", "time"),
        Index("ix_ledger_time", "time"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    time: Mapped[dt.datetime] = mapped_column(DateTime)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"))
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouse.id"))
    kind: Mapped[str] = mapped_column(String(16))  # a LedgerKind value
    delta: Mapped[int] = mapped_column(Integer, default=0)
    reserved_delta: Mapped[int] = mapped_column(Integer, default=0)
    qty_before: Mapped[int] = mapped_column(Integer)
    qty_after: Mapped[int] = mapped_column(Integer)
    operator: Mapped[str] = mapped_column(String(100), default="")
    note: Mapped[str] = mapped_column(String(500), default="")
    order_line_id: Mapped[int | None] = mapped_column(ForeignKey("order_line.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class SalesOrder(Base):
    __tablename__ = "sales_order"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_no: Mapped[str] = mapped_column(String(64), unique=True)
    ordered_at: Mapped[dt.datetime] = mapped_column(DateTime)
    customer: Mapped[str] = mapped_column(String(200), default="")
    region_code: Mapped[str] = mapped_column(String(12))
    address_detail: Mapped[str] = mapped_column(String(300), default="")
    status: Mapped[str] = mapped_column(String(16), index=True)  # an OrderStatus value
    shipped_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)

    lines: Mapped[list[OrderLine]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="OrderLine.id"
    )


class OrderLine(Base):
    __tablename__ = "order_line"
    __table_args__ = (CheckConstraint("qty > 0", name="qty_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("sales_order.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"), index=True)
    qty: Mapped[int] = mapped_column(Integer)
    warehouse_id: Mapped[int | None] = mapped_column(ForeignKey("warehouse.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16), default="spot")  # spot | futures
    promised_hours: Mapped[int | None] = mapped_column(Integer)

    order: Mapped[SalesOrder] = relationship(back_populates="lines")


class AlertRule(Base):
    """滞销 (kind 'slow', days, no warehouse) or 安全库存 (kind 'safety', qty xor days)."""

    __tablename__ = "alert_rule"
    __table_args__ = (UniqueConstraint("kind", "product_id", "warehouse_id", name="scope"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    product_id: Mapped[int | None] = mapped_column(ForeignKey("product.id"))
    warehouse_id: Mapped[int | None] = mapped_column(ForeignKey("warehouse.id"))
    qty: Mapped[int | None] = mapped_column(Integer)
    days: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)


class OutOfStockSpell(Base):
    """When a (SKU, warehouse) entered and left out of stock: the clerk is told once per entry."""

    __tablename__ = "out_of_stock_spell"
    __table_args__ = (Index("ix_oos_pair", "product_id", "warehouse_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"))
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouse.id"))
    entered_on: Mapped[dt.date] = mapped_column(Date)
    left_on: Mapped[dt.date | None] = mapped_column(Date)
    notified: Mapped[bool] = mapped_column(Boolean, default=False)


class Setting(Base):
    """Small key/value settings that belong to the book (supplier profile, last alert look)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
