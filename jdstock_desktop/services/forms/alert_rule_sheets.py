"""The 预警规则 sheet (SPEC §7.1): alert rules out to a file and back, checked like the API.

Import sets the rule of every scope (规则, 商品编码, 仓库名称) named in the file and leaves the
other rules alone; an empty 启用 keeps a rule's current state (a new rule starts enabled). Export
writes every rule of a live warehouse, so export → import of an untouched file changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from jdstock_desktop.domain.alerts import RuleKind, rule_label, rule_problem
from jdstock_desktop.services.forms.context import ImportContext, Row
from jdstock_desktop.services.lookups import product_ids, unknown_sku
from jdstock_desktop.sheets.reader import SheetRow
from jdstock_desktop.storage.alert_facts import rules_select
from jdstock_desktop.storage.models import AlertRule, Warehouse

Scope = tuple[str, int | None, int | None]  # (kind value, product id, warehouse id)


def _text(value: object) -> str | None:
    return (str(value).strip() or None) if value is not None else None


def _describe(qty: int | None, days: Decimal | None, enabled: bool) -> str:
    threshold = f"数量 {qty}" if qty is not None else f"天数 {days}"
    return f"{threshold}，{'启用' if enabled else '停用'}"


def import_alert_rules(s: Session, rows: list[SheetRow], ctx: ImportContext) -> None:
    skus = product_ids(s)
    live = select(Warehouse.name, Warehouse.id).where(Warehouse.deleted.is_(False))
    whs = {name: wid for name, wid in s.execute(live)}
    existing: dict[Scope, AlertRule] = {
        (r.kind, r.product_id, r.warehouse_id): r for r in s.scalars(select(AlertRule))
    }
    seen: dict[Scope, int] = {}
    for row in rows:
        v = row.values
        kind = RuleKind.parse(str(v["rule"]))
        sku, wh = _text(v.get("sku")), _text(v.get("warehouse"))
        qty = v.get("qty")
        days = v.get("days")
        assert qty is None or isinstance(qty, int)
        assert days is None or isinstance(days, Decimal)
        label = rule_label(kind, sku, wh)
        ok = True
        problem = rule_problem(kind, wh, qty, days)
        if problem is not None:
            ctx.problems.add(row.row, problem.column, f"{label}：{problem.message}")
            ok = False
        pid = skus.get(sku) if sku else None
        if sku and pid is None:
            ctx.problems.add(row.row, "sku", unknown_sku(s, sku))
            ok = False
        wid = whs.get(wh) if wh else None
        if wh and wid is None and (problem is None or problem.column != "warehouse"):
            ctx.problems.add(row.row, "warehouse", f"未知仓库「{wh}」")
            ok = False
        if not ok:
            continue
        scope: Scope = (kind.value, pid, wid)
        if scope in seen:
            ctx.problems.add(row.row, "rule", f"{label}与第 {seen[scope]} 行重复")
            continue
        seen[scope] = row.row
        flag = v.get("enabled")
        rule = existing.get(scope)
        if rule is None:
            enabled = True if flag is None else bool(flag)
            s.add(
                AlertRule(
                    kind=kind.value,
                    product_id=pid,
                    warehouse_id=wid,
                    qty=qty,
                    days=days,
                    enabled=enabled,
                )
            )
            ctx.report.created += 1
            ctx.report.detail(f"新增{label}：{_describe(qty, days, enabled)}")
            continue
        enabled = rule.enabled if flag is None else bool(flag)
        if (rule.qty, rule.days, rule.enabled) == (qty, days, enabled):
            ctx.report.unchanged += 1
            continue
        before = _describe(rule.qty, rule.days, rule.enabled)
        rule.qty, rule.days, rule.enabled = qty, days, enabled
        ctx.report.updated += 1
        ctx.report.detail(f"修改{label}：{before} → {_describe(qty, days, enabled)}")
    s.flush()


def export_alert_rules(s: Session) -> Iterator[Row]:
    found = s.execute(
        # A rule of a deleted warehouse can never apply again, and its name no longer imports.
        rules_select().where((AlertRule.warehouse_id.is_(None)) | (Warehouse.deleted.is_(False)))
    ).all()
    # 滞销 first; within a kind defaults before SKU rules, "all warehouses" before one.
    rows = sorted(found, key=lambda r: (r.kind != RuleKind.SLOW.value, r.code or "", r.name or ""))
    for kind, code, name, qty, days, enabled in rows:
        yield {
            "rule": RuleKind(kind).label,
            "sku": code,
            "warehouse": name,
            "qty": qty,
            "days": days,
            "enabled": bool(enabled),
        }
