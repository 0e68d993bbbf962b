"""Replenishment suggestions per (SKU, warehouse) (SPEC §8), from the facts the alerts use.

For every existing pair of a listed SKU in an enabled warehouse, as of the end of day D:

    daily(s, w)     = sales30(s, w) / 30          units shipped from w in D-29..D, per day
    level(s, w)     = the safety level of the most specific enabled 安全库存 rule: its quantity,
                      or its days × daily(s, w); 0 when no rule applies
    available(s, w) = on hand − reserved
    suggested(s, w) = max(0, ceil(level(s, w) + cover_days × daily(s, w) − available(s, w)))

Only pairs with a suggestion above 0 are listed. The arithmetic is exact (whole numbers in
1/3000ths of a unit), so a need of exactly 20 units suggests 20, never 21. Unlike the safety
alert, a suggestion does not wait for a shipment in the last 7 days: it says what the rules ask
the shelf to hold.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from jdstock_desktop.domain.alerts import (
    SALES_WINDOW_DAYS,
    PairFacts,
    RuleBook,
    RuleKind,
    resolve_rule,
)
from jdstock_desktop.errors import BadInput
from jdstock_desktop.services.alerts import gc_paused
from jdstock_desktop.storage.alert_facts import load_pair_facts, load_rules
from jdstock_desktop.storage.db import Book

# Rule days have two decimals and daily sales are sales30 / 30: 3000ths of a unit are exact.
SCALE = 100 * SALES_WINDOW_DAYS


@dataclass(frozen=True, slots=True)
class ReplenishmentRow:
    sku: str
    warehouse: str
    available: int
    sales30: int
    safety_level: int | float  # int for a quantity rule (0 without a rule), float for days
    suggested: int

    @property
    def daily_sales(self) -> float:
        return self.sales30 / SALES_WINDOW_DAYS

    def as_json(self) -> dict[str, object]:
        return {
            "sku": self.sku,
            "warehouse": self.warehouse,
            "available": self.available,
            "daily_sales": self.daily_sales,
            "safety_level": self.safety_level,
            "suggested": self.suggested,
        }


@dataclass(frozen=True)
class ReplenishmentReport:
    day: dt.date
    cover_days: int
    rows: list[ReplenishmentRow]

    @property
    def total(self) -> int:
        return sum(r.suggested for r in self.rows)

    def as_json(self) -> dict[str, object]:
        return {
            "date": self.day.isoformat(),
            "cover_days": self.cover_days,
            "total_suggested": self.total,
            "rows": [r.as_json() for r in self.rows],
        }

    def text(self, limit: int = 50) -> str:
        head = (
            f"补货建议（{self.day.isoformat()}，安全水位之外再覆盖 {self.cover_days} 天销量）："
            f"{len(self.rows)} 个 商品+仓，合计 {self.total} 件"
        )
        if not self.rows:
            return head + "\n  无需补货"
        lines = [head]
        lines += [
            f"  {r.sku} @ {r.warehouse}：可用 {r.available}，日均销量 {r.daily_sales:.2f}，"
            f"安全水位 {r.safety_level:g}，建议补货 {r.suggested}"
            for r in self.rows[:limit]
        ]
        if len(self.rows) > limit:
            lines.append(f"  ……另有 {len(self.rows) - limit} 行，用 --json 查看全部")
        return "\n".join(lines)


def suggest(pairs: Iterable[PairFacts], rules: RuleBook, cover_days: int) -> list[ReplenishmentRow]:
    """The rows with a suggestion above 0, by SKU then warehouse (formula: module docstring)."""
    out = []
    cover = cover_days * 100  # cover_days × daily, in 1/SCALE units: × sales30
    for p in pairs:
        if not p.enabled:
            continue
        rule = resolve_rule(rules, RuleKind.SAFETY, p.sku, p.warehouse)
        level: int | float = 0
        level_scaled = 0
        if rule is not None and rule.qty is not None:
            level, level_scaled = rule.qty, rule.qty * SCALE
        elif rule is not None and rule.days is not None:
            level_scaled = int(rule.days * 100) * p.sales30
            level = level_scaled / SCALE
        need = level_scaled + cover * p.sales30 - p.available * SCALE
        if need > 0:
            suggested = -(-need // SCALE)  # ceil, in whole numbers
            out.append(
                ReplenishmentRow(p.sku, p.warehouse, p.available, p.sales30, level, suggested)
            )
    return sorted(out, key=lambda r: (r.sku, r.warehouse))


def replenishment_report(book: Book, day: dt.date, cover_days: int = 14) -> ReplenishmentReport:
    if not 0 <= cover_days <= 3650:
        raise BadInput(f"补货覆盖天数应在 0 到 3650 之间，收到 {cover_days}")
    with gc_paused(), book.read() as s:
        rules = RuleBook.of(load_rules(s))
        # A pair that sold nothing in 30 days needs only its level, at most the biggest quantity
        # rule (a days rule gives 0): the others cannot get a suggestion and stay in the database.
        biggest = max((r.qty for r in rules.safety.values() if r.qty is not None), default=0)
        pairs: Sequence[PairFacts] = load_pair_facts(s, day, available_below=biggest)
        rows = suggest(pairs, rules, cover_days)
    return ReplenishmentReport(day, cover_days, rows)
