"""SPEC §6 alerts and dashboard, one test per rule, numbers worked by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest

from jdstock_desktop.domain.alerts import (
    AlertFacts,
    PairFacts,
    Rule,
    RuleBook,
    RuleKind,
    SkuFacts,
    Windows,
    below_safety,
    build_report,
    check_rule,
    dormant_candidates,
    out_of_stock_alerts,
    out_of_stock_candidates,
    pair_may_alert,
    resolve_rule,
    rule_problem,
    safety_alerts,
    slow_moving_alerts,
    slower_than,
    turnover_days,
)
from jdstock_desktop.errors import BadInput

D = dt.date(2026, 11, 27)
EAST, SOUTH, WEST = "华东仓", "华南仓", "西南仓"
SLOW, SAFETY = RuleKind.SLOW, RuleKind.SAFETY


def pair(
    sku: str = "A1",
    wh: str = EAST,
    on_hand: int = 0,
    reserved: int = 0,
    sales30: int = 0,
    enabled: bool = True,
) -> PairFacts:
    return PairFacts(sku, wh, enabled, on_hand, reserved, sales30)


def sku(code: str = "A1", listed: bool = True, **flags: object) -> SkuFacts:
    return SkuFacts(code, listed, **flags)  # type: ignore[arg-type]


def facts(
    pairs: list[PairFacts], skus: list[SkuFacts], rules: list[Rule] | None = None
) -> AlertFacts:
    return AlertFacts.from_pairs(D, pairs, skus, RuleBook.of(rules or []))


def slow_rule(days: str, sku: str | None = None, enabled: bool = True) -> Rule:
    return Rule(SLOW, sku, None, days=Decimal(days), enabled=enabled)


def safety_qty(qty: int, sku: str | None = None, wh: str | None = None, **kw: bool) -> Rule:
    return Rule(SAFETY, sku, wh, qty=qty, **kw)


# -- windows -----------------------------------------------------------------------------------


def test_windows_day_d_runs_to_midnight_and_windows_count_d_itself() -> None:
    w = Windows.of(D)
    # D-6..D is 7 days: 11-21 00:00 up to (not including) 11-28 00:00.
    assert w.start7 == dt.datetime(2026, 11, 21) and w.end == dt.datetime(2026, 11, 28)
    assert w.start30 == dt.datetime(2026, 10, 29)  # D-29
    assert w.start90 == dt.datetime(2026, 8, 30)  # D-89


def test_windows_shipment_day6_counts_day7_does_not() -> None:
    w = Windows.of(D)
    day6 = dt.datetime(2026, 11, 21, 0, 0, 0)  # D-6 at midnight: inside
    day7 = dt.datetime(2026, 11, 20, 23, 59, 59, 999999)  # D-7 just before midnight: outside
    assert w.start7 <= day6 < w.end
    assert not w.start7 <= day7


def test_windows_shipment_day89_counts_day90_does_not() -> None:
    w = Windows.of(D)
    assert w.start90 <= dt.datetime(2026, 8, 30, 0, 0)  # D-89
    assert not w.start90 <= dt.datetime(2026, 8, 29, 23, 59, 59)  # D-90
    assert dt.datetime(2026, 11, 27, 23, 59, 59, 999999) < w.end  # late on D is still D


# -- out of stock ------------------------------------------------------------------------------


def test_out_of_stock_when_available_is_zero_or_less_and_shipped_in_90_days() -> None:
    # on hand 5, reserved 5 -> available 0 ≤ 0; B2 on hand 3 reserved 4 (back-dated) -> -1.
    f = facts(
        [
            pair("A1", on_hand=5, reserved=5),
            pair("B2", on_hand=3, reserved=4),
            pair("C3", on_hand=1),
        ],
        [
            sku("A1", shipped_in_90=True),
            sku("B2", shipped_in_90=True),
            sku("C3", shipped_in_90=True),
        ],
    )
    assert [(a.sku, a.available) for a in out_of_stock_alerts(f)] == [("A1", 0), ("B2", -1)]


def test_out_of_stock_needs_a_shipment_in_the_last_90_days() -> None:
    f = facts([pair("A1", on_hand=0)], [sku("A1", shipped_in_90=False)])
    assert out_of_stock_alerts(f) == []


def test_out_of_stock_ignores_paused_warehouse() -> None:
    f = facts(
        [pair("A1", EAST, on_hand=0), pair("A1", WEST, on_hand=0, enabled=False)],
        [sku("A1", shipped_in_90=True)],
    )
    assert [(a.sku, a.warehouse) for a in out_of_stock_alerts(f)] == [("A1", EAST)]


def test_out_of_stock_ignores_delisted_sku() -> None:
    f = facts([pair("A1", on_hand=0)], [sku("A1", listed=False, shipped_in_90=True)])
    assert out_of_stock_alerts(f) == []
    assert build_report(f).dashboard.listed_skus == 0


# -- safety stock ------------------------------------------------------------------------------


def test_safety_quantity_rule_alerts_below_level_only() -> None:
    # qty 5: available 4 < 5 alerts, available 5 does not.
    f = facts(
        [pair("A1", on_hand=4), pair("B2", on_hand=9, reserved=4)],
        [sku("A1", shipped_in_7=True), sku("B2", shipped_in_7=True)],
        [safety_qty(5)],
    )
    alerts = safety_alerts(f)
    assert [(a.sku, a.available, a.level) for a in alerts] == [("A1", 4, 5)]
    assert alerts[0].as_json()["level"] == 5 and isinstance(alerts[0].as_json()["level"], int)


def test_safety_days_rule_level_is_days_times_daily_of_the_pair() -> None:
    # 3 days × (60 units / 30 days = 2 a day) = level 6: available 5 alerts, available 6 does not.
    rule = Rule(SAFETY, None, None, days=Decimal("3"))
    f = facts(
        [pair("A1", on_hand=5, sales30=60), pair("B2", on_hand=6, sales30=60)],
        [sku("A1", shipped_in_7=True), sku("B2", shipped_in_7=True)],
        [rule],
    )
    alerts = safety_alerts(f)
    assert [(a.sku, a.level) for a in alerts] == [("A1", 6)]
    assert alerts[0].as_json()["level"] == 6.0 and isinstance(alerts[0].as_json()["level"], float)


def test_safety_days_level_is_compared_exactly() -> None:
    # 0.1 day × 300/30 = exactly 1; available 1 is not below it (floats would give 1.0000000002).
    rule = Rule(SAFETY, None, None, days=Decimal("0.1"))
    f = facts([pair("A1", on_hand=1, sales30=300)], [sku("A1", shipped_in_7=True)], [rule])
    assert safety_alerts(f) == []


def test_safety_needs_a_shipment_in_the_last_7_days() -> None:
    f = facts(
        [pair("A1", on_hand=0)],
        [sku("A1", shipped_in_7=False, shipped_in_90=True)],
        [safety_qty(5)],
    )
    assert safety_alerts(f) == []


def test_safety_without_any_enabled_rule_gives_no_alert() -> None:
    f = facts(
        [pair("A1", on_hand=0)], [sku("A1", shipped_in_7=True)], [safety_qty(5, enabled=False)]
    )
    assert safety_alerts(f) == []


def test_safety_ignores_paused_warehouse_and_delisted_sku() -> None:
    f = facts(
        [pair("A1", WEST, on_hand=0, enabled=False), pair("B2", on_hand=0)],
        [sku("A1", shipped_in_7=True), sku("B2", listed=False, shipped_in_7=True)],
        [safety_qty(5)],
    )
    assert safety_alerts(f) == []


# -- rule resolution ---------------------------------------------------------------------------

FOUR_LEVELS = [
    safety_qty(1),  # (default, all)
    safety_qty(2, wh=EAST),  # (default, 华东仓)
    safety_qty(3, sku="A1"),  # (A1, all)
    safety_qty(4, sku="A1", wh=EAST),  # (A1, 华东仓)
]


@pytest.mark.parametrize(
    ("code", "wh", "qty"),
    [("A1", EAST, 4), ("A1", SOUTH, 3), ("B2", EAST, 2), ("B2", SOUTH, 1)],
)
def test_rule_resolution_most_specific_of_four_levels_wins(code: str, wh: str, qty: int) -> None:
    rule = resolve_rule(RuleBook.of(FOUR_LEVELS), SAFETY, code, wh)
    assert rule is not None and rule.qty == qty


def test_rule_resolution_drives_the_safety_level_of_each_pair() -> None:
    pairs = [pair(c, w, on_hand=0) for c in ("A1", "B2") for w in (EAST, SOUTH)]
    f = facts(pairs, [sku("A1", shipped_in_7=True), sku("B2", shipped_in_7=True)], FOUR_LEVELS)
    assert [(a.sku, a.warehouse, a.level) for a in safety_alerts(f)] == [
        ("A1", EAST, 4),
        ("A1", SOUTH, 3),
        ("B2", EAST, 2),
        ("B2", SOUTH, 1),
    ]


def test_rule_resolution_disabled_rule_falls_through_to_the_next_level() -> None:
    rules = [*FOUR_LEVELS[:3], safety_qty(4, sku="A1", wh=EAST, enabled=False)]
    rule = resolve_rule(RuleBook.of(rules), SAFETY, "A1", EAST)
    assert rule is not None and rule.qty == 3  # (A1, all)
    only_disabled = RuleBook.of([safety_qty(4, sku="A1", wh=EAST, enabled=False)])
    assert resolve_rule(only_disabled, SAFETY, "A1", EAST) is None


def test_rule_resolution_keeps_kinds_apart() -> None:
    book = RuleBook.of([slow_rule("60")])
    assert resolve_rule(book, SAFETY, "A1", EAST) is None
    assert resolve_rule(book, SLOW, "A1") == slow_rule("60")


def test_rule_with_both_qty_and_days_is_refused() -> None:
    rule = Rule(SAFETY, "A1", EAST, qty=5, days=Decimal(3))
    with pytest.raises(BadInput, match=r"安全库存规则（商品 A1，华东仓）.*之一"):
        check_rule(rule)
    assert rule_problem(SAFETY, EAST, 5, Decimal(3)) is not None


def test_rule_with_neither_qty_nor_days_is_refused() -> None:
    with pytest.raises(BadInput, match=r"安全库存规则（默认，所有仓）.*二选一"):
        check_rule(Rule(SAFETY, None, None))


@pytest.mark.parametrize(
    ("wh", "qty", "days", "column"),
    [(EAST, None, Decimal(30), "warehouse"), (None, 5, None, "qty"), (None, None, None, "days")],
)
def test_slow_rule_is_days_only_and_has_no_warehouse(
    wh: str | None, qty: int | None, days: Decimal | None, column: str
) -> None:
    problem = rule_problem(SLOW, wh, qty, days)
    assert problem is not None and problem.column == column
    assert rule_problem(SLOW, None, None, Decimal(30)) is None


def test_rule_numbers_must_be_non_negative_with_two_decimals() -> None:
    assert rule_problem(SAFETY, None, -1, None).column == "qty"  # type: ignore[union-attr]
    assert rule_problem(SAFETY, None, None, Decimal("-0.5")).column == "days"  # type: ignore[union-attr]
    assert rule_problem(SAFETY, None, None, Decimal("1.005")).column == "days"  # type: ignore[union-attr]
    assert rule_problem(SAFETY, None, 0, None) is None


# -- slow-moving and dormant -------------------------------------------------------------------


def test_turnover_is_infinite_without_sales_and_zero_without_stock() -> None:
    assert turnover_days(10, 0) is None
    assert turnover_days(0, 0) == 0
    assert turnover_days(-2, 30) == 0
    assert turnover_days(45, 30) == 45  # 45 / (30/30)


def test_slow_moving_infinite_turnover_alerts_and_is_null_in_json() -> None:
    f = facts([pair("A1", on_hand=10)], [sku("A1", changed_in_30=True)], [slow_rule("60")])
    [alert] = slow_moving_alerts(f)
    assert alert.as_json() == {
        "sku": "A1",
        "available": 10,
        "daily_sales": 0.0,
        "turnover_days": None,
    }


def test_slow_moving_turnover_must_exceed_the_threshold() -> None:
    # available 100, sold 30 in 30 days -> 1 a day -> turnover 100 days.
    f = [pair("A1", on_hand=100, sales30=30)]
    skus = [sku("A1", changed_in_30=True)]
    [alert] = slow_moving_alerts(facts(f, skus, [slow_rule("99.99")]))
    assert (alert.daily_sales, alert.turnover_days) == (1.0, 100.0)
    assert slow_moving_alerts(facts(f, skus, [slow_rule("100")])) == []  # 100 is not > 100


def test_slow_moving_zero_stock_is_never_slow() -> None:
    # on hand 5 all reserved -> available 0 -> turnover 0, not > 0 even with T = 0.
    f = facts(
        [pair("A1", on_hand=5, reserved=5)], [sku("A1", changed_in_30=True)], [slow_rule("0")]
    )
    assert slow_moving_alerts(f) == []


def test_slow_moving_sales_count_paused_warehouses_available_does_not() -> None:
    # 华东 available 40, no sales; 西南 (paused) available 1000, sold 60.
    # daily(A1) = 60/30 = 2, available(A1) = 40 -> turnover 20 days.
    pairs = [
        pair("A1", EAST, on_hand=40),
        pair("A1", WEST, on_hand=1000, sales30=60, enabled=False),
    ]
    skus = [sku("A1", changed_in_30=True)]
    assert slow_moving_alerts(facts(pairs, skus, [slow_rule("20")])) == []
    [alert] = slow_moving_alerts(facts(pairs, skus, [slow_rule("19.5")]))
    assert (alert.available, alert.turnover_days) == (40, 20.0)


def test_slow_moving_needs_an_enabled_rule_and_sku_rule_beats_default() -> None:
    pairs = [pair("A1", on_hand=100, sales30=30)]  # turnover 100
    skus = [sku("A1", changed_in_30=True)]
    assert slow_moving_alerts(facts(pairs, skus, [])) == []
    assert slow_moving_alerts(facts(pairs, skus, [slow_rule("60", enabled=False)])) == []
    # Default 60 would alert; A1's own 120 wins and does not.
    assert slow_moving_alerts(facts(pairs, skus, [slow_rule("60"), slow_rule("120", "A1")])) == []
    # A1's own rule disabled: the default applies again.
    rules = [slow_rule("60"), slow_rule("120", "A1", enabled=False)]
    assert len(slow_moving_alerts(facts(pairs, skus, rules))) == 1


def test_dormant_not_slow_when_no_ledger_row_in_30_days() -> None:
    last = dt.date(2026, 9, 1)
    f = facts(
        [pair("A1", on_hand=50)],
        [sku("A1", changed_in_30=False, last_change=last)],
        [slow_rule("1")],
    )
    report = build_report(f)
    assert report.slow_moving == []
    assert [d.as_json() for d in report.dormant] == [
        {"sku": "A1", "available": 50, "last_change": "2026-09-01"}
    ]


def test_dormant_is_listed_without_any_slow_rule_but_needs_available_stock() -> None:
    pairs = [pair("A1", on_hand=50), pair("B2", on_hand=4, reserved=4), pair("C3", on_hand=9)]
    skus = [sku("A1"), sku("B2"), sku("C3", changed_in_30=True), sku("D4", listed=False)]
    # A1: untouched, available 50 -> dormant; B2: available 0; C3: touched; D4: delisted.
    assert dormant_candidates(facts(pairs, skus)) == ["A1"]


def test_dormant_available_counts_enabled_warehouses_only() -> None:
    pairs = [pair("A1", WEST, on_hand=50, enabled=False)]
    assert dormant_candidates(facts(pairs, [sku("A1")])) == []


# -- dashboard ---------------------------------------------------------------------------------


def test_dashboard_worked_example() -> None:
    # Listed A1..D4 (4), delisted E5.
    # A1: out of stock in 华东 and 华南 (2 alerts, 1 SKU), sold 30 -> daily 1.
    # B2: available 60, sold 15 -> daily 0.5, turnover 120 > 90 -> slow.
    # C3: available 20 (华东) + 500 paused (not counted), sold 45 in the paused one -> daily 1.5.
    # D4: nothing at all.  E5 (delisted): available 1000, sold 300 -> ignored.
    pairs = [
        pair("A1", EAST, on_hand=3, reserved=3, sales30=20),
        pair("A1", SOUTH, on_hand=0, sales30=10),
        pair("B2", EAST, on_hand=60, sales30=15),
        pair("C3", EAST, on_hand=20),
        pair("C3", WEST, on_hand=500, sales30=45, enabled=False),
        pair("E5", EAST, on_hand=1000, sales30=300),
    ]
    skus = [
        sku("A1", shipped_in_7=True, shipped_in_90=True, changed_in_30=True),
        sku("B2", shipped_in_90=True, changed_in_30=True),
        sku("C3", shipped_in_90=True, changed_in_30=True),
        sku("D4"),
        sku("E5", listed=False, shipped_in_90=True, changed_in_30=True),
    ]
    report = build_report(facts(pairs, skus, [slow_rule("90"), safety_qty(1)]))
    # Σ available = 0 + 0 + 60 + 20 = 80; Σ daily = (30 + 15 + 45) / 30 = 3 -> 80 / 3 days.
    assert report.as_json()["dashboard"] == {
        "listed_skus": 4,
        "out_of_stock_alerts": 2,
        "safety_alerts": 2,  # A1 in both warehouses: 0 < 1
        "slow_moving_alerts": 1,
        "out_of_stock_share": 0.25,  # 1 SKU of 4
        "slow_moving_share": 0.25,
        "turnover_days": pytest.approx(80 / 3),
    }
    assert report.dashboard.turnover_days == float(Fraction(80, 3))


def test_dashboard_turnover_is_null_when_nothing_sold() -> None:
    report = build_report(facts([pair("A1", on_hand=7)], [sku("A1", changed_in_30=True)]))
    assert report.dashboard.turnover_days is None


def test_empty_book_gives_empty_lists_and_zero_shares() -> None:
    report = build_report(facts([], []))
    assert report.as_json() == {
        "date": "2026-11-27",
        "out_of_stock": [],
        "safety": [],
        "slow_moving": [],
        "dormant": [],
        "dashboard": {
            "listed_skus": 0,
            "out_of_stock_alerts": 0,
            "safety_alerts": 0,
            "slow_moving_alerts": 0,
            "out_of_stock_share": 0.0,
            "slow_moving_share": 0.0,
            "turnover_days": None,
        },
    }
    assert "上柜商品 0 个" in report.text()


def test_report_lists_are_sorted_by_sku_then_warehouse() -> None:
    pairs = [pair(c, w, on_hand=0) for c in ("B2", "A1") for w in (SOUTH, EAST)]
    skus = [sku("A1", shipped_in_90=True), sku("B2", shipped_in_90=True)]
    listed = build_report(facts(pairs, skus)).as_json()["out_of_stock"]
    # 华东仓 sorts before 华南仓 (东 U+4E1C < 南 U+5357).
    assert [(a["sku"], a["warehouse"]) for a in listed] == [  # type: ignore[attr-defined, index]
        ("A1", EAST),
        ("A1", SOUTH),
        ("B2", EAST),
        ("B2", SOUTH),
    ]


def test_report_text_names_each_alert_in_chinese() -> None:
    pairs = [pair("A1", on_hand=0, sales30=3), pair("B2", on_hand=10)]
    skus = [
        sku("A1", shipped_in_7=True, shipped_in_90=True, changed_in_30=True),
        sku("B2", changed_in_30=True),
    ]
    text = build_report(facts(pairs, skus, [slow_rule("30"), safety_qty(2)])).text()
    assert "无货预警（1）" in text and "A1 @ 华东仓：可用 0" in text
    assert "低于安全水位 2" in text
    assert "B2：可用 10，日均销量 0.00，周转 ∞" in text


# -- what a loader must provide ----------------------------------------------------------------


def test_sku_totals_available_over_enabled_sales_over_all_warehouses() -> None:
    pairs = [pair("A1", EAST, on_hand=9, reserved=2, sales30=3), pair("A1", WEST, 50, 0, 6, False)]
    f = facts(pairs, [sku("A1"), sku("B2")])
    assert (f.skus["A1"].available, f.skus["A1"].sales30) == (7, 9)
    assert (f.skus["B2"].available, f.skus["B2"].sales30) == (0, 0)  # a SKU with no pair


def test_pair_may_alert_is_what_both_per_pair_rules_need() -> None:
    listed, shipped = sku("A1"), sku("A1", shipped_in_7=True)
    assert pair_may_alert(pair(on_hand=0), listed)  # out-of-stock candidate
    assert pair_may_alert(pair(on_hand=50), shipped)  # safety candidate
    assert not pair_may_alert(pair(on_hand=50), listed)  # can alert neither way
    assert not pair_may_alert(pair(on_hand=0, enabled=False), listed)
    assert not pair_may_alert(pair(on_hand=0), sku("A1", listed=False))


def test_out_of_stock_candidates_are_the_skus_whose_90_day_flag_is_needed() -> None:
    pairs = [pair("A1", on_hand=0), pair("B2", on_hand=0), pair("C3", on_hand=4)]
    skus = [sku("A1"), sku("B2", shipped_in_90=True), sku("C3")]
    # B2 is known to have shipped already; C3 has stock everywhere.
    assert out_of_stock_candidates(facts(pairs, skus)) == ["A1"]


def test_rule_kind_parses_codes_and_chinese_labels() -> None:
    assert RuleKind.parse("滞销") is SLOW and RuleKind.parse("safety") is SAFETY
    with pytest.raises(BadInput, match="未知预警规则类型「周转」"):
        RuleKind.parse("周转")


def test_whole_number_comparisons_match_exact_fractions() -> None:
    rule = Rule(SAFETY, None, None, days=Decimal("2.35"))
    for available in range(0, 12):
        for sales30 in range(0, 200, 7):
            exact = Fraction(available) < Fraction("2.35") * Fraction(sales30, 30)
            assert below_safety(available, rule, sales30) is exact
            turnover = turnover_days(available, sales30)
            slow = turnover is None or turnover > Fraction("2.35")
            assert slower_than(available, sales30, Decimal("2.35")) is slow
