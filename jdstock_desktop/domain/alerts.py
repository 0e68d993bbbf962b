"""Alerts and dashboard (SPEC §6) as pure functions over per-(SKU, warehouse) facts.

Storage gathers the facts as of a business day D (per SKU, and per pair that may alert); the
functions here decide. Thresholds are compared exactly, in whole numbers: a level of 0.1 day ×
300 units / 30 days is exactly 1, and 1 unit available is not below it, whatever float rounding
would say. Figures shown (daily sales, turnover, levels) are the exact values rounded once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import Enum
from fractions import Fraction

from jdstock_desktop.domain.limits import MAX_QUANTITY
from jdstock_desktop.errors import BadInput

SALES_WINDOW_DAYS = 30  # sales30: D-29..D; also the "no ledger change" window of dormant stock
SAFETY_SHIP_DAYS = 7  # a safety alert needs a shipment in D-6..D
OUT_OF_STOCK_SHIP_DAYS = 90  # an out-of-stock alert needs a shipment in D-89..D
MAX_QTY = MAX_QUANTITY
MAX_DAYS = Decimal(36500)  # a century; also keeps days inside the column's Numeric(10, 2)


class RuleKind(Enum):
    SLOW = "slow"  # 滞销: days, SKU level
    SAFETY = "safety"  # 安全库存: quantity xor days, per pair

    @property
    def label(self) -> str:
        return "滞销" if self is RuleKind.SLOW else "安全库存"

    @classmethod
    def parse(cls, text: str) -> RuleKind:
        for kind in cls:
            if text in (kind.value, kind.label):
                return kind
        raise BadInput(f"未知预警规则类型「{text}」：应为 滞销 或 安全库存")


def rule_label(kind: RuleKind, sku: str | None, warehouse: str | None) -> str:
    """How a rule is named to the clerk, e.g. 安全库存规则（商品 A1，华东仓）."""
    who = f"商品 {sku}" if sku else "默认"
    if kind is RuleKind.SLOW:
        return f"{kind.label}规则（{who}）"
    return f"{kind.label}规则（{who}，{warehouse or '所有仓'}）"


@dataclass(frozen=True, slots=True)
class Rule:
    """One alert rule; sku None = default for every SKU, warehouse None = every warehouse."""

    kind: RuleKind
    sku: str | None
    warehouse: str | None
    qty: int | None = None
    days: Decimal | None = None
    enabled: bool = True

    @property
    def label(self) -> str:
        return rule_label(self.kind, self.sku, self.warehouse)

    def as_json(self) -> dict[str, object]:
        return {
            "kind": self.kind.value,
            "sku": self.sku,
            "warehouse": self.warehouse,
            "qty": self.qty,
            "days": None if self.days is None else float(self.days),
            "enabled": self.enabled,
        }


@dataclass(frozen=True, slots=True)
class RuleProblem:
    column: str  # the 预警规则 sheet column key at fault: "warehouse", "qty" or "days"
    message: str


def rule_problem(
    kind: RuleKind, warehouse: str | None, qty: int | None, days: Decimal | None
) -> RuleProblem | None:
    """Why a rule is bad input (SPEC §6: 滞销 = days, no warehouse; 安全库存 = qty xor days)."""
    if qty is not None and not 0 <= qty <= MAX_QTY:
        return RuleProblem("qty", f"阈值数量应为 0 到 {MAX_QTY} 的整数（{qty}）")
    if days is not None:
        if not days.is_finite() or not 0 <= days <= MAX_DAYS:
            return RuleProblem("days", f"阈值天数应在 0 到 {MAX_DAYS} 之间（{days}）")
        if days != days.quantize(Decimal("0.01")):
            return RuleProblem("days", f"阈值天数最多两位小数（{days}）")
    if kind is RuleKind.SLOW:
        if warehouse:
            return RuleProblem("warehouse", "滞销规则按商品设置，不分仓：仓库名称须留空")
        if qty is not None:
            return RuleProblem("qty", "滞销规则只用阈值天数，阈值数量须留空")
        if days is None:
            return RuleProblem("days", "滞销规则须填写阈值天数")
        return None
    if qty is not None and days is not None:
        return RuleProblem("qty", "安全库存规则只能填写阈值数量或阈值天数之一，不能两个都填")
    if qty is None and days is None:
        return RuleProblem("qty", "安全库存规则须填写阈值数量或阈值天数（二选一）")
    return None


def check_rule(rule: Rule) -> Rule:
    """The rule itself, or BadInput naming it and what is wrong."""
    problem = rule_problem(rule.kind, rule.warehouse, rule.qty, rule.days)
    if problem is not None:
        raise BadInput(f"{rule.label}：{problem.message}")
    return rule


Scope = tuple[str | None, str | None]  # (SKU or None = default, warehouse or None = all)


@dataclass(frozen=True)
class RuleBook:
    """The enabled rules of each kind by scope; disabled rules are left out, so resolution
    falls through them to the next scope."""

    slow: Mapping[Scope, Rule] = field(default_factory=dict)
    safety: Mapping[Scope, Rule] = field(default_factory=dict)

    @classmethod
    def of(cls, rules: Iterable[Rule]) -> RuleBook:
        enabled = [r for r in rules if r.enabled]
        return cls(
            {(r.sku, r.warehouse): r for r in enabled if r.kind is RuleKind.SLOW},
            {(r.sku, r.warehouse): r for r in enabled if r.kind is RuleKind.SAFETY},
        )

    def scopes(self, kind: RuleKind) -> Mapping[Scope, Rule]:
        return self.slow if kind is RuleKind.SLOW else self.safety


def resolve_rule(
    rules: RuleBook, kind: RuleKind, sku: str, warehouse: str | None = None
) -> Rule | None:
    """The most specific enabled rule: (SKU, warehouse) > (SKU, all) > (default, warehouse) >
    (default, all). 滞销 rules have no warehouse, so only the two "all" scopes can match them."""
    scopes = rules.scopes(kind)
    if not scopes:
        return None
    return (
        scopes.get((sku, warehouse))
        or scopes.get((sku, None))
        or scopes.get((None, warehouse))
        or scopes.get((None, None))
    )


@dataclass(frozen=True, slots=True)
class Windows:
    """Where the windows ending with D begin: a ledger row at `t` is in the last N days when
    start_N ≤ t < end. `end` is the start of D+1, so D runs to 23:59:59.999999 (SPEC §6)."""

    start90: dt.datetime  # D-89 00:00
    start30: dt.datetime  # D-29 00:00
    start7: dt.datetime  # D-6 00:00
    end: dt.datetime  # D+1 00:00, exclusive

    @classmethod
    def of(cls, day: dt.date) -> Windows:
        def start(days_back: int) -> dt.datetime:
            return dt.datetime.combine(day - dt.timedelta(days=days_back), dt.time())

        return cls(
            start90=start(OUT_OF_STOCK_SHIP_DAYS - 1),
            start30=start(SALES_WINDOW_DAYS - 1),
            start7=start(SAFETY_SHIP_DAYS - 1),
            end=start(-1),
        )


# -- facts -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PairFacts:
    """One (SKU, warehouse) pair that exists as of D (some ledger row up to the end of D)."""

    sku: str
    warehouse: str
    enabled: bool  # the warehouse is neither paused nor deleted
    on_hand: int
    reserved: int
    sales30: int  # units shipped from this warehouse in D-29..D

    @property
    def available(self) -> int:
        return self.on_hand - self.reserved


@dataclass(frozen=True, slots=True)
class SkuFacts:
    sku: str
    listed: bool
    available: int = 0  # Σ available over the SKU's pairs in enabled warehouses
    sales30: int = 0  # Σ sales30 over all its pairs, paused warehouses too: demand does not pause
    shipped_in_7: bool = False  # a 发货 row in any warehouse in D-6..D
    # A 发货 row in any warehouse in D-89..D. Only out-of-stock alerts read it, so a loader need
    # only make it exact for SKUs named by `out_of_stock_candidates` (and shipped in 30 days).
    shipped_in_90: bool = False
    changed_in_30: bool = False  # any ledger row in any warehouse in D-29..D
    # Day of the last ledger row up to D; needed (and loaded) only for `dormant_candidates`.
    last_change: dt.date | None = None


@dataclass(frozen=True)
class AlertFacts:
    """What the alerts of day D are decided from.

    `skus` holds every listed SKU with its totals (delisted ones may be left out: no alert or
    figure counts them); a pair of an absent SKU is ignored.
    `pairs` holds at least every pair a per-pair alert can name (`pair_may_alert`: enabled
    warehouse, listed SKU, and available ≤ 0 or a shipment in D-6..D); more change nothing.
    """

    day: dt.date
    skus: Mapping[str, SkuFacts]
    pairs: Sequence[PairFacts]
    rules: RuleBook = field(default_factory=RuleBook)

    @classmethod
    def from_pairs(
        cls,
        day: dt.date,
        pairs: Sequence[PairFacts],
        skus: Iterable[SkuFacts],
        rules: RuleBook | None = None,
    ) -> AlertFacts:
        """Facts whose SKU totals are summed from `pairs`, which must then be every pair."""
        available: dict[str, int] = {}
        sales: dict[str, int] = {}
        for p in pairs:
            sales[p.sku] = sales.get(p.sku, 0) + p.sales30
            if p.enabled:
                available[p.sku] = available.get(p.sku, 0) + p.available
        with_totals = {
            s.sku: replace(s, available=available.get(s.sku, 0), sales30=sales.get(s.sku, 0))
            for s in skus
        }
        return cls(day, with_totals, pairs, rules or RuleBook())

    def listed_pairs(self) -> Iterable[tuple[PairFacts, SkuFacts]]:
        """Pairs the per-pair alerts look at: enabled warehouse, listed SKU."""
        for p in self.pairs:
            sku = self.skus.get(p.sku)
            if p.enabled and sku is not None and sku.listed:
                yield p, sku


def pair_may_alert(pair: PairFacts, sku: SkuFacts) -> bool:
    """A necessary condition of both per-pair alerts: what a loader must not leave out."""
    return pair.enabled and sku.listed and (pair.available <= 0 or sku.shipped_in_7)


def daily_sales(sales30: int) -> Fraction:
    return Fraction(sales30, SALES_WINDOW_DAYS)


def turnover_days(available: int, sales30: int) -> Fraction | None:
    """available ÷ daily sales; 0 when nothing is available; None (infinite) with no sales."""
    if available <= 0:
        return Fraction(0)
    if sales30 == 0:
        return None
    return available / daily_sales(sales30)


def safety_level(rule: Rule, sales30: int) -> int | Fraction:
    """The set quantity, or days × daily(s,w) for a rule in days."""
    if rule.qty is not None:
        return rule.qty
    assert rule.days is not None, "a checked safety rule holds qty or days"
    return Fraction(rule.days) * daily_sales(sales30)


# The two comparisons below run once per SKU or pair of a big book: whole numbers, no Fraction.
# Rule days hold at most two decimals (rule_problem), so days × 100 is an exact integer.


def _hundredths(days: Decimal) -> int:
    return int(days * 100)


def below_safety(available: int, rule: Rule, sales30: int) -> bool:
    """available < level, exactly: for days, available < days × sales30 / 30."""
    if rule.qty is not None:
        return available < rule.qty
    assert rule.days is not None, "a checked safety rule holds qty or days"
    return 100 * SALES_WINDOW_DAYS * available < _hundredths(rule.days) * sales30


def slower_than(available: int, sales30: int, days: Decimal) -> bool:
    """turnover > days, exactly; infinite turnover (stock, no sales) exceeds every threshold."""
    if available <= 0:
        return False  # turnover 0
    if sales30 == 0:
        return True
    return 100 * SALES_WINDOW_DAYS * available > _hundredths(days) * sales30


def _number(value: int | Fraction) -> int | float:
    return value if isinstance(value, int) else float(value)


# -- the alerts --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OutOfStockAlert:
    sku: str
    warehouse: str
    available: int

    def as_json(self) -> dict[str, object]:
        return {"sku": self.sku, "warehouse": self.warehouse, "available": self.available}


@dataclass(frozen=True, slots=True)
class SafetyAlert:
    sku: str
    warehouse: str
    available: int
    level: int | Fraction  # int for a quantity rule, exact days × daily for a days rule

    def as_json(self) -> dict[str, object]:
        return {
            "sku": self.sku,
            "warehouse": self.warehouse,
            "available": self.available,
            "level": _number(self.level),
        }


@dataclass(frozen=True, slots=True)
class SkuTurnover:
    """A SKU's available stock and its sales of the last 30 days, with the figures shown."""

    sku: str
    available: int
    sales30: int

    @property
    def daily_sales(self) -> float:
        return float(daily_sales(self.sales30))

    @property
    def turnover_days(self) -> float | None:
        """None = infinite (stock and no sales in 30 days)."""
        days = turnover_days(self.available, self.sales30)
        return None if days is None else float(days)


@dataclass(frozen=True, slots=True)
class SlowMovingAlert(SkuTurnover):
    """A SKU in 滞销 alert: its turnover above the rule's days."""

    def as_json(self) -> dict[str, object]:
        return {
            "sku": self.sku,
            "available": self.available,
            "daily_sales": self.daily_sales,
            "turnover_days": self.turnover_days,
        }


@dataclass(frozen=True, slots=True)
class DormantStock:
    sku: str
    available: int
    last_change: dt.date | None

    def as_json(self) -> dict[str, object]:
        last = self.last_change.isoformat() if self.last_change else None
        return {"sku": self.sku, "available": self.available, "last_change": last}


def out_of_stock_alerts(facts: AlertFacts) -> list[OutOfStockAlert]:
    """无货: available(s,w) ≤ 0, for SKUs with a shipment anywhere in D-89..D."""
    out = [
        OutOfStockAlert(p.sku, p.warehouse, p.available)
        for p, sku in facts.listed_pairs()
        if p.available <= 0 and sku.shipped_in_90
    ]
    return sorted(out, key=lambda a: (a.sku, a.warehouse))


def safety_alerts(facts: AlertFacts) -> list[SafetyAlert]:
    """安全库存: available(s,w) < level of the most specific enabled rule, for SKUs with a
    shipment anywhere in D-6..D."""
    out = []
    for p, sku in facts.listed_pairs():
        if not sku.shipped_in_7:
            continue
        rule = resolve_rule(facts.rules, RuleKind.SAFETY, p.sku, p.warehouse)
        if rule is not None and below_safety(p.available, rule, p.sales30):
            level = safety_level(rule, p.sales30)
            out.append(SafetyAlert(p.sku, p.warehouse, p.available, level))
    return sorted(out, key=lambda a: (a.sku, a.warehouse))


def _listed(facts: AlertFacts) -> Iterable[SkuFacts]:
    return (s for s in facts.skus.values() if s.listed)


def slow_moving_alerts(facts: AlertFacts) -> list[SlowMovingAlert]:
    """滞销: turnover(s) > T of the enabled rule; untouched stock is dormant, not slow."""
    out: list[SlowMovingAlert] = []
    if not facts.rules.slow:
        return out
    for sku in _listed(facts):
        if not sku.changed_in_30:
            continue
        rule = resolve_rule(facts.rules, RuleKind.SLOW, sku.sku)
        if rule is None or rule.days is None:
            continue
        if slower_than(sku.available, sku.sales30, rule.days):
            out.append(SlowMovingAlert(sku.sku, sku.available, sku.sales30))
    return sorted(out, key=lambda a: a.sku)


def dormant_candidates(facts: AlertFacts) -> list[str]:
    """Listed SKUs with stock available and no ledger row in D-29..D (rule 8 note)."""
    return sorted(sku.sku for sku in _listed(facts) if not sku.changed_in_30 and sku.available > 0)


def dormant_stock(facts: AlertFacts) -> list[DormantStock]:
    """呆滞: the dormant candidates with the day of their last ledger row."""
    skus = facts.skus
    return [
        DormantStock(code, skus[code].available, skus[code].last_change)
        for code in dormant_candidates(facts)
    ]


def out_of_stock_candidates(facts: AlertFacts) -> list[str]:
    """Listed SKUs with an enabled pair at available ≤ 0 whose 90-day shipment flag is not yet
    known to be set: a loader reads the 90-day window for these SKUs only."""
    return sorted(
        {sku.sku for p, sku in facts.listed_pairs() if p.available <= 0 and not sku.shipped_in_90}
    )


@dataclass(frozen=True, slots=True)
class Dashboard:
    listed_skus: int
    out_of_stock_alerts: int
    safety_alerts: int
    slow_moving_alerts: int
    out_of_stock_skus: int
    available: int  # Σ available of listed SKUs, enabled warehouses
    sales30: int  # Σ sales30 of listed SKUs, all warehouses

    @property
    def out_of_stock_share(self) -> float:
        return self.out_of_stock_skus / self.listed_skus if self.listed_skus else 0.0

    @property
    def slow_moving_share(self) -> float:
        return self.slow_moving_alerts / self.listed_skus if self.listed_skus else 0.0

    @property
    def turnover_days(self) -> float | None:
        """Σ available ÷ Σ daily; None when nothing sold (Σ daily = 0)."""
        if self.sales30 == 0:
            return None
        return float(self.available / daily_sales(self.sales30))

    def as_json(self) -> dict[str, object]:
        return {
            "listed_skus": self.listed_skus,
            "out_of_stock_alerts": self.out_of_stock_alerts,
            "safety_alerts": self.safety_alerts,
            "slow_moving_alerts": self.slow_moving_alerts,
            "out_of_stock_share": self.out_of_stock_share,
            "slow_moving_share": self.slow_moving_share,
            "turnover_days": self.turnover_days,
        }


def dashboard(
    facts: AlertFacts,
    out_of_stock: Sequence[OutOfStockAlert],
    safety: Sequence[SafetyAlert],
    slow: Sequence[SlowMovingAlert],
) -> Dashboard:
    listed = list(_listed(facts))
    return Dashboard(
        listed_skus=len(listed),
        out_of_stock_alerts=len(out_of_stock),
        safety_alerts=len(safety),
        slow_moving_alerts=len(slow),
        out_of_stock_skus=len({a.sku for a in out_of_stock}),
        available=sum(s.available for s in listed),
        sales30=sum(s.sales30 for s in listed),
    )


@dataclass(frozen=True)
class AlertReport:
    day: dt.date
    out_of_stock: list[OutOfStockAlert]
    safety: list[SafetyAlert]
    slow_moving: list[SlowMovingAlert]
    dormant: list[DormantStock]
    dashboard: Dashboard

    def as_json(self) -> dict[str, object]:
        """The `alerts --json` object of SPEC §9."""
        return {
            "date": self.day.isoformat(),
            "out_of_stock": [a.as_json() for a in self.out_of_stock],
            "safety": [a.as_json() for a in self.safety],
            "slow_moving": [a.as_json() for a in self.slow_moving],
            "dormant": [a.as_json() for a in self.dormant],
            "dashboard": self.dashboard.as_json(),
        }

    def text(self, limit: int = 50) -> str:
        """A Chinese summary for the terminal; each list shows its first `limit` rows."""
        d = self.dashboard
        turnover = "—（近30天无销量）" if d.turnover_days is None else f"{d.turnover_days:.1f} 天"
        lines = [
            f"预警与看板（{self.day.isoformat()}）",
            f"上柜商品 {d.listed_skus} 个；无货预警 {d.out_of_stock_alerts} 条"
            f"（缺货占比 {d.out_of_stock_share:.1%}）；安全库存预警 {d.safety_alerts} 条；"
            f"滞销预警 {d.slow_moving_alerts} 个（滞销占比 {d.slow_moving_share:.1%}）；"
            f"周转天数 {turnover}",
        ]
        sections: list[tuple[str, list[str]]] = [
            (
                "无货预警",
                [f"{a.sku} @ {a.warehouse}：可用 {a.available}" for a in self.out_of_stock],
            ),
            (
                "安全库存预警",
                [
                    f"{a.sku} @ {a.warehouse}：可用 {a.available} 低于安全水位 {_number(a.level):g}"
                    for a in self.safety
                ],
            ),
            ("滞销预警", [_slow_line(a) for a in self.slow_moving]),
            (
                "呆滞库存（近30天无任何库存变动）",
                [
                    f"{a.sku}：可用 {a.available}，最后变动 "
                    f"{a.last_change.isoformat() if a.last_change else '—'}"
                    for a in self.dormant
                ],
            ),
        ]
        for title, rows in sections:
            lines.append(f"{title}（{len(rows)}）：" if rows else f"{title}：无")
            lines += [f"  {r}" for r in rows[:limit]]
            if len(rows) > limit:
                lines.append(f"  ……另有 {len(rows) - limit} 条，用 --json 查看全部")
        return "\n".join(lines)


def _slow_line(a: SlowMovingAlert) -> str:
    turnover = "∞（近30天无销量）" if a.turnover_days is None else f"{a.turnover_days:.1f} 天"
    return f"{a.sku}：可用 {a.available}，日均销量 {a.daily_sales:.2f}，周转 {turnover}"


def build_report(facts: AlertFacts) -> AlertReport:
    out_of_stock = out_of_stock_alerts(facts)
    safety = safety_alerts(facts)
    slow = slow_moving_alerts(facts)
    return AlertReport(
        day=facts.day,
        out_of_stock=out_of_stock,
        safety=safety,
        slow_moving=slow,
        dormant=dormant_stock(facts),
        dashboard=dashboard(facts, out_of_stock, safety, slow),
    )
