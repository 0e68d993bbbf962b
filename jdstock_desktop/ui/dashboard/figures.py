"""What the 预警看板 shows, as plain data: the figures of SPEC §6, the rows behind each, the
30-day history (cached in the book: services/alert_history.py) and the turnover distribution. No
Qt here, so it runs in a worker thread as is.

The per-SKU turnover rows come from the same read of the book as the alerts
(services.alerts.alerts_and_skus).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from jdstock_desktop.domain.alerts import (
    AlertReport,
    RuleKind,
    SkuFacts,
    SkuTurnover,
)

__all__ = ["HISTORY_DAYS", "DashboardData", "DayCounts", "Figure", "SkuTurnover", "sku_turnover"]
from jdstock_desktop.services import alert_history as history
from jdstock_desktop.services.alert_history import HISTORY_DAYS, DayCounts, Step
from jdstock_desktop.services.alerts import alerts_and_skus, list_alert_rules
from jdstock_desktop.storage.db import Book


class Figure(Enum):
    OUT_OF_STOCK = "out_of_stock"
    SAFETY = "safety"
    SLOW_MOVING = "slow_moving"
    OUT_OF_STOCK_SHARE = "out_of_stock_share"
    SLOW_MOVING_SHARE = "slow_moving_share"
    TURNOVER = "turnover"
    DORMANT = "dormant"


@dataclass(frozen=True)
class DashboardData:
    report: AlertReport
    turnover: list[SkuTurnover]  # every listed SKU, by code
    slow_rule_enabled: bool  # some enabled 滞销 rule exists (else the slow figures are 0 by rule)

    @property
    def day(self) -> dt.date:
        return self.report.day


def sku_turnover(skus: Sequence[SkuFacts]) -> list[SkuTurnover]:
    return [SkuTurnover(f.sku, f.available, f.sales30) for f in skus if f.listed]


def load_dashboard(book: Book, day: dt.date) -> DashboardData:
    slow = any(r.kind is RuleKind.SLOW and r.enabled for r in list_alert_rules(book))
    report, skus = alerts_and_skus(book, day)
    return DashboardData(report, sku_turnover(skus), slow)


# -- the rows behind each figure ------------------------------------------------------------------


def out_of_stock_skus(report: AlertReport) -> list[tuple[str, int, str]]:
    """(SKU, out-of-stock warehouses, their names): the SKUs behind 缺货占比."""
    by_sku: dict[str, list[str]] = {}
    for a in report.out_of_stock:
        by_sku.setdefault(a.sku, []).append(a.warehouse)
    return [(sku, len(names), "、".join(names)) for sku, names in sorted(by_sku.items())]


def figure_rows(figure: Figure, data: DashboardData) -> list[tuple[object, ...]]:
    r = data.report
    if figure is Figure.OUT_OF_STOCK:
        return [(a.sku, a.warehouse, a.available) for a in r.out_of_stock]
    if figure is Figure.SAFETY:
        return [(a.sku, a.warehouse, a.available, float(a.level)) for a in r.safety]
    if figure in (Figure.SLOW_MOVING, Figure.SLOW_MOVING_SHARE):
        return [(a.sku, a.available, a.daily_sales, a.turnover_days) for a in r.slow_moving]
    if figure is Figure.OUT_OF_STOCK_SHARE:
        return list(out_of_stock_skus(r))
    if figure is Figure.TURNOVER:
        return [
            (t.sku, t.available, t.sales30, t.daily_sales, t.turnover_days) for t in data.turnover
        ]
    return [(a.sku, a.available, a.last_change) for a in r.dormant]


# -- the 30-day history ---------------------------------------------------------------------------


def alert_history(
    book: Book,
    end: dt.date,
    step: Step,
    days: int = HISTORY_DAYS,
    known: DashboardData | None = None,
) -> list[DayCounts] | None:
    """The three alert counts of each of the `days` days ending with `end`, oldest first; None
    when `step` says cancelled. Past days come from the book's cache while it holds
    (services/alert_history.py); `known`, the page's data of `end`, is used rather than
    computing that report again."""
    counts = {} if known is None else {known.day: DayCounts.of(known.report)}
    return history.alert_history(book, end, step, days, known=counts)


# -- the turnover distribution --------------------------------------------------------------------

# Upper bounds (days, inclusive) of the finite bins after 无可用; the last finite bin is open.
TURNOVER_EDGES: tuple[int, ...] = (7, 15, 30, 60, 90, 180)


def turnover_bin(days: float | None, available: int) -> int:
    """0 = nothing available; 1..len(EDGES) = up to each edge; then > last edge; last = no sales."""
    if available <= 0:
        return 0
    if days is None or math.isinf(days):
        return len(TURNOVER_EDGES) + 2
    for i, edge in enumerate(TURNOVER_EDGES):
        if days <= edge:
            return i + 1
    return len(TURNOVER_EDGES) + 1


def turnover_histogram(rows: Sequence[SkuTurnover]) -> list[int]:
    counts = [0] * (len(TURNOVER_EDGES) + 3)
    for t in rows:
        counts[turnover_bin(t.turnover_days, t.available)] += 1
    return counts
