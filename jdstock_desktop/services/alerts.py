"""Alert use cases: the report of a day, out-of-stock notices told once, the alert-rule API."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from jdstock_desktop.domain.alerts import (
    AlertReport,
    Rule,
    RuleKind,
    SkuFacts,
    build_report,
    check_rule,
    out_of_stock_alerts,
    rule_label,
)
from jdstock_desktop.errors import NotFound
from jdstock_desktop.services.lookups import product_by_code, product_ids, warehouse_by_name
from jdstock_desktop.storage.alert_facts import load_alert_facts, load_rules
from jdstock_desktop.storage.db import Book
from jdstock_desktop.storage.models import AlertRule, OutOfStockSpell, Warehouse


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """A report builds a few hundred thousand small objects without reference cycles; the
    cyclic collector would scan them over and over (a fifth of the run on a 100,000-SKU book).
    Reference counting still frees them; cycles made meanwhile wait for the next collection."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def alerts_report(book: Book, day: dt.date) -> AlertReport:
    """The alerts and dashboard as of the end of `day` (SPEC §6, `alerts --json`)."""
    with gc_paused(), book.read() as s:
        return build_report(load_alert_facts(s, day))


def listed_sku_facts(book: Book, day: dt.date) -> list[SkuFacts]:
    """Every listed SKU's figures as of `day` (available, sales30, …), by code: the rows behind
    the book's turnover days on the dashboard."""
    return alerts_and_skus(book, day)[1]


def alerts_and_skus(book: Book, day: dt.date) -> tuple[AlertReport, list[SkuFacts]]:
    """alerts_report and listed_sku_facts of one day from one read of the book (the dashboard
    shows both: on 100,000 SKUs each read costs about a second and a half)."""
    with gc_paused(), book.read() as s:
        facts = load_alert_facts(s, day)
    return build_report(facts), sorted(facts.skus.values(), key=lambda f: f.sku)


# -- out-of-stock notices ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OutOfStockNotice:
    """A pair that entered out of stock and has not been told to the clerk yet."""

    sku: str
    warehouse: str
    available: int
    entered_on: dt.date

    def as_json(self) -> dict[str, object]:
        return {
            "sku": self.sku,
            "warehouse": self.warehouse,
            "available": self.available,
            "entered_on": self.entered_on.isoformat(),
        }

    def text(self) -> str:
        return (
            f"{self.sku} @ {self.warehouse}：可用 {self.available}，"
            f"自 {self.entered_on.isoformat()} 起无货"
        )


def take_new_out_of_stock(book: Book, day: dt.date) -> list[OutOfStockNotice]:
    """Out-of-stock pairs the clerk has not been told about yet, each told once per entry.

    In one transaction: a pair in alert on `day` without an open spell opens one (entered_on =
    day); an open spell whose pair is no longer in alert closes (left_on = day, never before the
    day it opened); the open spells not yet notified are returned and marked notified.
    """
    with book.transaction() as s:
        with gc_paused():
            alerts = out_of_stock_alerts(load_alert_facts(s, day))
        pids = product_ids(s)
        wids = dict(s.execute(select(Warehouse.name, Warehouse.id)).all())
        current = {(pids[a.sku], wids[a.warehouse]): a for a in alerts}
        open_spells = {
            (sp.product_id, sp.warehouse_id): sp
            for sp in s.scalars(select(OutOfStockSpell).where(OutOfStockSpell.left_on.is_(None)))
        }
        for pair, spell in open_spells.items():
            if pair not in current and day >= spell.entered_on:
                spell.left_on = day
        for pair in current.keys() - open_spells.keys():
            spell = OutOfStockSpell(
                product_id=pair[0], warehouse_id=pair[1], entered_on=day, notified=False
            )
            s.add(spell)
            open_spells[pair] = spell
        notices = []
        for pair, spell in open_spells.items():
            alert = current.get(pair)
            if alert is None or spell.notified:
                continue
            spell.notified = True
            notices.append(
                OutOfStockNotice(alert.sku, alert.warehouse, alert.available, spell.entered_on)
            )
        return sorted(notices, key=lambda n: (n.sku, n.warehouse))


# -- alert rules -------------------------------------------------------------------------------


def _scope(s: Session, sku: str | None, warehouse: str | None) -> tuple[int | None, int | None]:
    pid = product_by_code(s, sku).id if sku else None
    wid = warehouse_by_name(s, warehouse).id if warehouse else None
    return pid, wid


def _find(s: Session, kind: RuleKind, pid: int | None, wid: int | None) -> AlertRule | None:
    # Default scopes are NULL, and SQL's unique constraint lets NULLs repeat: match with IS NULL.
    return s.scalar(
        select(AlertRule).where(
            AlertRule.kind == kind.value,
            AlertRule.product_id.is_(None) if pid is None else AlertRule.product_id == pid,
            AlertRule.warehouse_id.is_(None) if wid is None else AlertRule.warehouse_id == wid,
        )
    )


def _clean(name: str | None) -> str | None:
    return (name or "").strip() or None


def set_alert_rule(
    book: Book,
    kind: str | RuleKind,
    sku: str | None,
    warehouse: str | None,
    qty: int | None,
    days: Decimal | None,
    enabled: bool = True,
) -> Rule:
    """Create or replace the rule of one scope (kind, SKU or default, warehouse or all).

    Refused with a message naming the rule when it breaks SPEC §6: 滞销 = days and no warehouse,
    安全库存 = exactly one of qty and days; unknown SKU or warehouse."""
    rule_kind = kind if isinstance(kind, RuleKind) else RuleKind.parse(kind)
    sku, warehouse = _clean(sku), _clean(warehouse)
    days = None if days is None else Decimal(str(days))
    rule = check_rule(Rule(rule_kind, sku, warehouse, qty, days, enabled))
    with book.transaction() as s:
        pid, wid = _scope(s, sku, warehouse)
        row = _find(s, rule_kind, pid, wid)
        if row is None:
            row = AlertRule(kind=rule_kind.value, product_id=pid, warehouse_id=wid)
            s.add(row)
        row.qty, row.days, row.enabled = qty, days, enabled
    return rule


def list_alert_rules(book: Book) -> list[Rule]:
    """Every rule, 滞销 first, defaults before SKU rules, "all warehouses" before one."""
    with book.read() as s:
        rules = load_rules(s)
    return sorted(
        rules,
        key=lambda r: (r.kind.value != RuleKind.SLOW.value, r.sku or "", r.warehouse or ""),
    )


def delete_alert_rule(
    book: Book, kind: str | RuleKind, sku: str | None, warehouse: str | None
) -> None:
    """Remove the rule of one scope; NotFound when there is none."""
    rule_kind = kind if isinstance(kind, RuleKind) else RuleKind.parse(kind)
    sku, warehouse = _clean(sku), _clean(warehouse)
    with book.transaction() as s:
        pid, wid = _scope(s, sku, warehouse)
        row = _find(s, rule_kind, pid, wid)
        if row is None:
            raise NotFound(f"{rule_label(rule_kind, sku, warehouse)}不存在")
        s.delete(row)
