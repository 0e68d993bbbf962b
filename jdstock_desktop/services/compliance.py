"""The compliance check list of SPEC §8: what the rulebook (rules 12–21) asks, checked on the book.

One SQL query per check; each finding names the rule, the SKU code or warehouse name, and says in
Chinese what is wrong and what to do. The state checked is the book as it is now; `day` is the
business date the contract end date is measured from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session

from jdstock_desktop.domain.regions import load_regions
from jdstock_desktop.storage.db import Book
from jdstock_desktop.storage.models import (
    CategoryStandard,
    LedgerEntry,
    Product,
    Setting,
    Stock,
    Warehouse,
)

CONTRACT_END_KEY = "contract_end_date"
CONTRACT_WARN_DAYS = 30
TOWN_LEVEL = 4  # Region.level of a 乡镇街道


@dataclass(frozen=True, slots=True)
class Check:
    id: str
    rules: str  # as shown: "12–14", "21", …
    title: str


CHECKS: tuple[Check, ...] = (
    Check("no_stock", "12–14", "上柜商品未在任何仓设置库存"),
    Check("futures_over_standard", "21", "期货时效超过三级类目时效标准"),
    Check("warehouse_address", "19", "商家仓地址不完整"),
    Check("violation", "18", "违规商品仍有库存或仍上柜"),
    Check("preorder_setup", "20", "无货预定设置不完整"),
    Check("contract", "17", "销售合同临近到期"),
)


@dataclass(frozen=True, slots=True)
class Finding:
    check: str  # a Check id
    rule: int  # the rule number (the first one for a range)
    item: str  # SKU code, warehouse name, or 销售合同
    detail: str

    def as_json(self) -> dict[str, object]:
        return {"check": self.check, "rule": self.rule, "item": self.item, "detail": self.detail}


@dataclass
class ComplianceReport:
    day: dt.date
    findings: list[Finding] = field(default_factory=list)

    def by_check(self, check: str) -> list[Finding]:
        return [f for f in self.findings if f.check == check]

    def as_json(self) -> dict[str, object]:
        return {
            "date": self.day.isoformat(),
            "count": len(self.findings),
            "checks": [
                {
                    "check": c.id,
                    "rules": c.rules,
                    "title": c.title,
                    "count": len(self.by_check(c.id)),
                }
                for c in CHECKS
            ],
            "findings": [f.as_json() for f in self.findings],
        }

    def text(self) -> str:
        head = f"合规检查清单（{self.day.isoformat()}，规则 12–21）"
        if not self.findings:
            return f"{head}：未发现问题"
        lines = [f"{head}：共 {len(self.findings)} 项"]
        for c in CHECKS:
            found = self.by_check(c.id)
            mark = "✗" if found else "✓"
            lines.append(f"{mark} 规则 {c.rules} {c.title}：{len(found)} 项")
            lines += [f"    {f.item}：{f.detail}" for f in found]
        return "\n".join(lines)


# -- the checks ----------------------------------------------------------------------------------


def _no_stock(s: Session) -> list[Finding]:
    """Rules 12–14: a listed SKU must show its real stock — a stock row in some warehouse."""
    has_stock = exists().where(Stock.product_id == Product.id)
    has_ledger = exists().where(LedgerEntry.product_id == Product.id)
    rows = s.execute(
        select(Product.code, Product.name)
        .where(Product.listed.is_(True), ~has_stock, ~has_ledger)
        .order_by(Product.code)
    )
    return [
        Finding(
            "no_stock",
            12,
            code,
            f"{name}：已上柜，但在任何仓都没有设置库存（哪怕为 0），客户侧看不到真实库存",
        )
        for code, name in rows
    ]


def _futures_over_standard(s: Session) -> list[Finding]:
    """Rule 21: a futures ship time must meet the 3rd-level category's standard."""
    rows = s.execute(
        select(Product.code, Product.category3, Product.futures_hours, CategoryStandard.ship_hours)
        .join(CategoryStandard, CategoryStandard.category3 == Product.category3)
        .where(
            Product.listed.is_(True),
            Product.futures_hours.is_not(None),
            CategoryStandard.ship_hours.is_not(None),
            Product.futures_hours > CategoryStandard.ship_hours,
        )
        .order_by(Product.code)
    )
    return [
        Finding(
            "futures_over_standard",
            21,
            code,
            f"期货时效 {hours} 小时，超过三级类目「{cat}」的标准 {standard} 小时",
        )
        for code, cat, hours, standard in rows
    ]


def _warehouse_address(s: Session) -> list[Finding]:
    """Rule 19: a real warehouse's address must be its pick-up address: town level + street."""
    regions = load_regions()
    out = []
    for name, code, detail in s.execute(
        select(Warehouse.name, Warehouse.region_code, Warehouse.address_detail)
        .where(Warehouse.is_national.is_(False), Warehouse.deleted.is_(False))
        .order_by(Warehouse.name)
    ):
        level = regions.get(code).level if code else 0
        missing = []
        if level < TOWN_LEVEL:
            where = regions.display_path(code) if code else "无"
            missing.append(f"地址只到「{where}」，未到乡镇街道")
        if not (detail or "").strip():
            missing.append("缺少详细地址（街道门牌）")
        if missing:
            out.append(
                Finding(
                    "warehouse_address",
                    19,
                    name,
                    "；".join(missing) + "，须与实际揽收地址一致",
                )
            )
    return out


def _violation(s: Session) -> list[Finding]:
    """Rule 18: a violating SKU goes to zero stock and is delisted."""
    on_hand = func.coalesce(func.sum(Stock.on_hand), 0)
    rows = s.execute(
        select(Product.code, Product.listed, on_hand)
        .outerjoin(Stock, Stock.product_id == Product.id)
        .where(Product.violation.is_(True))
        .group_by(Product.id, Product.code, Product.listed)
        .having(or_(Product.listed.is_(True), on_hand > 0))
        .order_by(Product.code)
    )
    out = []
    for code, listed, held in rows:
        what = []
        if held:
            what.append(f"仍有现货库存 {held} 件，应降为 0")
        if listed:
            what.append("仍处于上柜状态，应下架")
        out.append(Finding("violation", 18, code, "违规商品" + "，".join(what)))
    return out


def _preorder_setup(s: Session) -> list[Finding]:
    """Rule 20: pre-order needs a futures quota and a futures ship time to keep its promise."""
    rows = s.execute(
        select(Product.code, Product.futures_quota, Product.futures_hours)
        .where(
            Product.listed.is_(True),
            Product.preorder.is_(True),
            or_(Product.futures_quota <= 0, Product.futures_hours.is_(None)),
        )
        .order_by(Product.code)
    )
    out = []
    for code, quota, hours in rows:
        what = []
        if quota <= 0:
            what.append("可期货库存为 0")
        if hours is None:
            what.append("未设置期货时效")
        out.append(
            Finding(
                "preorder_setup",
                20,
                code,
                "已开通无货预定，但" + "、".join(what) + "，请按生产/采购能力设置",
            )
        )
    return out


def _contract(s: Session, day: dt.date) -> list[Finding]:
    """Rule 17: near the contract's end, count stock and make sure open orders can be met."""
    value = s.scalar(select(Setting.value).where(Setting.key == CONTRACT_END_KEY))
    if not value or not value.strip():
        return []
    try:
        end = dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return [
            Finding("contract", 17, "销售合同", f"合同到期日「{value}」不是 YYYY-MM-DD 格式的日期")
        ]
    left = (end - day).days
    if left > CONTRACT_WARN_DAYS:
        return []
    todo = "请盘点在库商品，确保已下单商品正常履约；无法继续售卖的商品请通知采销下架"
    if left < 0:
        return [
            Finding("contract", 17, "销售合同", f"合同已于 {end} 到期（已过 {-left} 天），{todo}")
        ]
    return [Finding("contract", 17, "销售合同", f"合同将于 {end} 到期（还剩 {left} 天），{todo}")]


def compliance_report(book: Book, day: dt.date) -> ComplianceReport:
    with book.read() as s:
        findings = (
            _no_stock(s)
            + _futures_over_standard(s)
            + _warehouse_address(s)
            + _violation(s)
            + _preorder_setup(s)
            + _contract(s, day)
        )
    return ComplianceReport(day, findings)


__all__ = ["CHECKS", "ComplianceReport", "Finding", "compliance_report"]
