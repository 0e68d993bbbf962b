"""Alert use cases on a real book: the report (SPEC §6, §9 JSON), out-of-stock notices told once,
the alert-rule API and the 预警规则 sheet."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from jdstock_desktop.cli import main
from jdstock_desktop.domain.alerts import Rule, RuleKind
from jdstock_desktop.domain.stock import LedgerKind
from jdstock_desktop.errors import BadInput, NotFound, SheetErrors
from jdstock_desktop.services.alerts import (
    alerts_report,
    delete_alert_rule,
    list_alert_rules,
    listed_sku_facts,
    set_alert_rule,
    take_new_out_of_stock,
)
from jdstock_desktop.services.ledger import LedgerWriter
from jdstock_desktop.storage.db import Book
from jdstock_desktop.storage.models import AlertRule, OutOfStockSpell, Warehouse
from tests.helpers import add_product, add_warehouse

D = dt.date(2026, 11, 27)
K = LedgerKind
Pair = tuple[int, int]


def at(days_before: int, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(D - dt.timedelta(days=days_before), dt.time(hour))


def write(book: Book, *changes: tuple[Pair, dt.datetime, LedgerKind, int]) -> None:
    with book.transaction() as s:
        w = LedgerWriter(s, "测试员")
        for pair, time, kind, delta in changes:
            w.change(pair, delta, kind, where="test", time=time)
        w.flush()


@pytest.fixture
def shop(book: Book) -> dict[str, Pair]:
    """A1 sold out in 华东; B2 moving slowly; C3 untouched for 45 days; D4 delisted."""
    east = add_warehouse(book, "华东仓", "440305")
    west = add_warehouse(book, "西南仓", "510104", paused=True)
    a1, b2, c3 = (add_product(book, c) for c in ("A1", "B2", "C3"))
    d4 = add_product(book, "D4", listed=False)
    pairs = {
        "A1": (a1, east),
        "B2": (b2, east),
        "C3": (c3, east),
        "C3w": (c3, west),
        "D4": (d4, east),
    }
    write(
        book,
        (pairs["C3"], at(45), K.INBOUND, 50),
        (pairs["C3w"], at(45), K.INBOUND, 500),
        (pairs["A1"], at(40), K.INBOUND, 10),
        (pairs["B2"], at(20), K.INBOUND, 100),
        (pairs["B2"], at(10), K.SHIP, -30),
        (pairs["A1"], at(2), K.SHIP, -10),
        (pairs["D4"], at(3), K.INBOUND, 5),
        (pairs["D4"], at(1), K.SHIP, -5),
    )
    set_alert_rule(book, "safety", None, None, 5, None)
    set_alert_rule(book, "slow", None, None, None, Decimal(60))
    return pairs


# A1: available 0, shipped 10 two days ago -> out of stock, and 0 < safety qty 5.
# B2: available 70, sold 30 in 30 days -> 1 a day -> turnover 70 > 60 -> slow (no shipment in
#     7 days, so no safety alert). C3: 50 in 华东 (the paused 西南 500 does not count), no row
#     in 30 days -> dormant since 2026-10-13, not slow. D4: sold out but delisted -> nothing.
# Dashboard: 3 listed; Σ available 0 + 70 + 50 = 120; Σ daily (10 + 30) / 30 -> 90 days.
EXPECTED = {
    "date": "2026-11-27",
    "out_of_stock": [{"sku": "A1", "warehouse": "华东仓", "available": 0}],
    "safety": [{"sku": "A1", "warehouse": "华东仓", "available": 0, "level": 5}],
    "slow_moving": [{"sku": "B2", "available": 70, "daily_sales": 1.0, "turnover_days": 70.0}],
    "dormant": [{"sku": "C3", "available": 50, "last_change": "2026-10-13"}],
    "dashboard": {
        "listed_skus": 3,
        "out_of_stock_alerts": 1,
        "safety_alerts": 1,
        "slow_moving_alerts": 1,
        "out_of_stock_share": 1 / 3,
        "slow_moving_share": 1 / 3,
        "turnover_days": 90.0,
    },
}


def test_report_of_a_worked_book(book: Book, shop: dict[str, Pair]) -> None:
    assert alerts_report(book, D).as_json() == EXPECTED


def test_cli_alerts_json_prints_the_same_object(
    book: Book, shop: dict[str, Pair], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", book.url, "alerts", "--date", "2026-11-27", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == EXPECTED


def test_alert_json_with_a_rule_in_days_is_plain_numbers_on_every_back_end(
    book: Book, shop: dict[str, Pair], capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 10: on PostgreSQL a safety rule in days made `alerts --json` fail (Decimal is not
    JSON serializable: sums of sums are NUMERIC there). The same JSON on both back ends."""
    set_alert_rule(book, "safety", None, None, None, Decimal("7.5"))
    assert main(["--db", book.url, "alerts", "--date", "2026-11-27", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    # A1 sold 10 in 30 days: level 7.5 × 10/30 = 2.5 > available 0.
    assert out["safety"] == [{"sku": "A1", "warehouse": "华东仓", "available": 0, "level": 2.5}]
    assert out["slow_moving"] == EXPECTED["slow_moving"]
    assert out["dashboard"] == EXPECTED["dashboard"]


def test_report_as_of_an_earlier_day_ignores_later_rows(book: Book, shop: dict[str, Pair]) -> None:
    # On D-5 A1 still held 10 and had shipped nothing: no out-of-stock, no safety alert.
    report = alerts_report(book, D - dt.timedelta(days=5))
    assert report.out_of_stock == [] and report.safety == []
    assert [(s.sku, s.available, s.sales30) for s in listed_sku_facts(book, D)] == [
        ("A1", 0, 10),
        ("B2", 70, 30),
        ("C3", 50, 0),
    ]


def test_report_text_is_a_chinese_summary(book: Book, shop: dict[str, Pair]) -> None:
    text = alerts_report(book, D).text()
    assert "上柜商品 3 个" in text and "周转天数 90.0 天" in text
    assert "B2：可用 70，日均销量 1.00，周转 70.0 天" in text
    assert "C3：可用 50，最后变动 2026-10-13" in text


# -- out-of-stock notices ----------------------------------------------------------------------


def spells(book: Book) -> list[tuple[dt.date, dt.date | None, bool]]:
    with book.read() as s:
        rows = s.scalars(select(OutOfStockSpell).order_by(OutOfStockSpell.id))
        return [(r.entered_on, r.left_on, r.notified) for r in rows]


def test_new_out_of_stock_is_told_once_per_entry(book: Book, shop: dict[str, Pair]) -> None:
    [notice] = take_new_out_of_stock(book, D)
    assert notice.as_json() == {
        "sku": "A1",
        "warehouse": "华东仓",
        "available": 0,
        "entered_on": "2026-11-27",
    }
    assert notice.text() == "A1 @ 华东仓：可用 0，自 2026-11-27 起无货"
    assert take_new_out_of_stock(book, D) == []  # told already
    assert spells(book) == [(D, None, True)]


def test_a_spell_closes_when_stock_returns_and_a_new_entry_is_told_again(
    book: Book, shop: dict[str, Pair]
) -> None:
    day1, day2 = D + dt.timedelta(days=1), D + dt.timedelta(days=2)
    take_new_out_of_stock(book, D)
    write(book, (shop["A1"], at(-1), K.INBOUND, 3))
    assert take_new_out_of_stock(book, day1) == []
    assert spells(book) == [(D, day1, True)]
    write(book, (shop["A1"], at(-2), K.SHIP, -3))
    assert [n.entered_on for n in take_new_out_of_stock(book, day2)] == [day2]
    assert spells(book) == [(D, day1, True), (day2, None, True)]


def test_pausing_the_warehouse_ends_the_spell(book: Book, shop: dict[str, Pair]) -> None:
    take_new_out_of_stock(book, D)
    with book.transaction() as s:
        s.get(Warehouse, shop["A1"][1]).paused = True  # type: ignore[union-attr]
    assert take_new_out_of_stock(book, D) == []
    assert spells(book) == [(D, D, True)]


# -- the alert-rule API ------------------------------------------------------------------------


def test_set_alert_rule_upserts_by_scope(book: Book, shop: dict[str, Pair]) -> None:
    set_alert_rule(book, "safety", "A1", "华东仓", 3, None)
    set_alert_rule(book, "safety", "A1", "华东仓", None, Decimal("2.5"))  # same scope: replaced
    set_alert_rule(book, "safety", None, None, 8, None, enabled=False)  # the default: replaced
    with book.read() as s:
        count = len(s.scalars(select(AlertRule)).all())
    assert count == 3  # slow default, safety default, safety A1 @ 华东仓
    assert list_alert_rules(book) == [
        Rule(RuleKind.SLOW, None, None, None, Decimal("60.00"), True),
        Rule(RuleKind.SAFETY, None, None, 8, None, False),
        Rule(RuleKind.SAFETY, "A1", "华东仓", None, Decimal("2.50"), True),
    ]


def test_a_safety_rule_with_both_or_neither_threshold_is_refused(
    book: Book, shop: dict[str, Pair]
) -> None:
    with pytest.raises(BadInput, match=r"^安全库存规则（商品 A1，华东仓）：.*不能两个都填"):
        set_alert_rule(book, "safety", "A1", "华东仓", 3, Decimal(2))
    with pytest.raises(BadInput, match=r"^安全库存规则（默认，华东仓）：.*二选一"):
        set_alert_rule(book, "安全库存", None, "华东仓", None, None)
    assert len(list_alert_rules(book)) == 2  # nothing written


def test_a_slow_rule_is_days_for_a_sku_not_a_warehouse(book: Book, shop: dict[str, Pair]) -> None:
    with pytest.raises(BadInput, match=r"^滞销规则（商品 A1）：.*不分仓"):
        set_alert_rule(book, "slow", "A1", "华东仓", None, Decimal(30))
    with pytest.raises(BadInput, match=r"^滞销规则（默认）：.*阈值数量须留空"):
        set_alert_rule(book, "滞销", None, None, 5, Decimal(30))
    with pytest.raises(BadInput, match="未知预警规则类型「turnover」"):
        set_alert_rule(book, "turnover", None, None, None, Decimal(30))


def test_rules_name_known_skus_and_live_warehouses(book: Book, shop: dict[str, Pair]) -> None:
    with pytest.raises(NotFound, match="未知商品编码「ZZ」"):
        set_alert_rule(book, "safety", "ZZ", None, 1, None)
    with pytest.raises(NotFound, match="未知仓库「火星仓」"):
        set_alert_rule(book, "safety", None, "火星仓", 1, None)


def test_delete_alert_rule(book: Book, shop: dict[str, Pair]) -> None:
    delete_alert_rule(book, "slow", None, None)
    assert [r.kind for r in list_alert_rules(book)] == [RuleKind.SAFETY]
    assert alerts_report(book, D).slow_moving == []
    with pytest.raises(NotFound, match=r"滞销规则（默认）不存在"):
        delete_alert_rule(book, RuleKind.SLOW, None, None)


def test_a_disabled_sku_rule_falls_through_to_the_default(
    book: Book, shop: dict[str, Pair]
) -> None:
    set_alert_rule(book, "safety", "A1", None, 0, None)  # 0 < 0 is false: silences A1
    assert alerts_report(book, D).safety == []
    set_alert_rule(book, "safety", "A1", None, 0, None, enabled=False)
    assert [a.level for a in alerts_report(book, D).safety] == [5]


# -- the 预警规则 sheet -------------------------------------------------------------------------


def sheet_rows(*rows: dict[str, object]) -> list[object]:
    from jdstock_desktop.sheets.reader import SheetRow

    keys = ("rule", "sku", "warehouse", "qty", "days", "enabled")
    return [SheetRow(n + 2, {k: r.get(k) for k in keys}) for n, r in enumerate(rows)]


def import_rule_rows(book: Book, *rows: dict[str, object], dry_run: bool = False) -> object:
    from jdstock_desktop.services.forms.importing import import_rows
    from jdstock_desktop.sheets.forms import ALERT_RULES

    return import_rows(book, ALERT_RULES, sheet_rows(*rows), dry_run=dry_run)  # type: ignore[arg-type]


def test_sheet_import_sets_rules_by_scope(book: Book, shop: dict[str, Pair]) -> None:
    report = import_rule_rows(
        book,
        {"rule": "安全库存", "sku": "A1", "warehouse": "华东仓", "qty": 4},
        {"rule": "安全库存", "days": Decimal("3"), "enabled": False},  # the default, changed
        {"rule": "滞销", "days": Decimal("60")},  # as it is
    )
    assert (report.created, report.updated, report.unchanged) == (1, 1, 1)  # type: ignore[attr-defined]
    assert list_alert_rules(book) == [
        Rule(RuleKind.SLOW, None, None, None, Decimal("60.00"), True),
        Rule(RuleKind.SAFETY, None, None, None, Decimal("3.00"), False),
        Rule(RuleKind.SAFETY, "A1", "华东仓", 4, None, True),
    ]


def test_sheet_import_keeps_the_enabled_state_when_the_cell_is_empty(
    book: Book, shop: dict[str, Pair]
) -> None:
    set_alert_rule(book, "slow", None, None, None, Decimal(60), enabled=False)
    report = import_rule_rows(book, {"rule": "滞销", "days": Decimal(60)})
    assert report.changed is False  # type: ignore[attr-defined]
    assert list_alert_rules(book)[0].enabled is False


def test_sheet_import_reports_every_bad_row_and_writes_nothing(
    book: Book, shop: dict[str, Pair]
) -> None:
    with pytest.raises(SheetErrors) as caught:
        import_rule_rows(
            book,
            {"rule": "滞销", "warehouse": "华东仓", "days": Decimal(30)},  # row 2
            {"rule": "滞销", "qty": 3, "days": Decimal(30)},  # row 3
            {"rule": "安全库存", "qty": 3, "days": Decimal(2)},  # row 4
            {"rule": "安全库存", "sku": "A1"},  # row 5
            {"rule": "安全库存", "sku": "ZZ", "qty": 1},  # row 6
            {"rule": "安全库存", "warehouse": "火星仓", "qty": 1},  # row 7
            {"rule": "安全库存", "sku": "B2", "qty": 1},  # row 8
            {"rule": "安全库存", "sku": "B2", "qty": 2},  # row 9: same scope as row 8
            {"rule": "安全库存", "days": Decimal("0.125")},  # row 10: 3 decimals
        )
    found = [(p.row, p.column) for p in caught.value.problems]
    assert found == [
        (2, "仓库名称"),
        (3, "阈值数量"),
        (4, "阈值数量"),
        (5, "阈值数量"),
        (6, "商品编码"),
        (7, "仓库名称"),
        (9, "规则"),
        (10, "阈值天数"),
    ]
    reasons = {p.row: p.reason for p in caught.value.problems}
    assert reasons[4].startswith("安全库存规则（默认，所有仓）：")
    assert reasons[6] == "未知商品编码「ZZ」" and reasons[7] == "未知仓库「火星仓」"
    assert "第 8 行重复" in reasons[9]
    assert len(list_alert_rules(book)) == 2


def test_sheet_dry_run_writes_nothing(book: Book, shop: dict[str, Pair]) -> None:
    report = import_rule_rows(book, {"rule": "安全库存", "sku": "A1", "qty": 9}, dry_run=True)
    assert report.created == 1  # type: ignore[attr-defined]
    assert len(list_alert_rules(book)) == 2


def test_sheet_export_then_import_changes_nothing(
    book: Book, shop: dict[str, Pair], tmp_path: Path
) -> None:
    from jdstock_desktop.services.forms.importing import import_sheet
    from jdstock_desktop.services.forms.table import export_sheet
    from jdstock_desktop.sheets.forms import ALERT_RULES

    set_alert_rule(book, "safety", "A1", "华东仓", None, Decimal("2.25"), enabled=False)
    set_alert_rule(book, "safety", "B2", None, 7, None)
    set_alert_rule(book, "slow", "C3", None, None, Decimal("45.5"))
    before = list_alert_rules(book)
    path = tmp_path / "预警规则.xlsx"
    assert export_sheet(book, ALERT_RULES, path) == 5
    report = import_sheet(book, ALERT_RULES, path)
    assert (report.changed, report.unchanged) == (False, 5)
    assert list_alert_rules(book) == before
