"""Replenishment suggestions (SPEC §8): max(0, ceil(level + cover × daily − available))."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from jdstock_desktop.cli import main
from jdstock_desktop.domain.alerts import PairFacts, Rule, RuleBook, RuleKind
from jdstock_desktop.domain.stock import LedgerKind
from jdstock_desktop.errors import BadInput
from jdstock_desktop.services.alerts import set_alert_rule
from jdstock_desktop.services.ledger import LedgerWriter
from jdstock_desktop.services.replenish import replenishment_report, suggest
from jdstock_desktop.storage.db import Book
from tests.helpers import add_product, add_warehouse

D = dt.date(2026, 11, 27)
K = LedgerKind
EAST, SOUTH = "华东仓", "华南仓"


def pair(sku: str, wh: str, on_hand: int, reserved: int, sales30: int) -> PairFacts:
    return PairFacts(sku, wh, True, on_hand, reserved, sales30)


def safety(
    sku: str | None, wh: str | None, qty: int | None = None, days: str | None = None
) -> Rule:
    return Rule(RuleKind.SAFETY, sku, wh, qty, None if days is None else Decimal(days))


def test_days_rule_plus_cover_minus_available_rounds_up() -> None:
    # available 10 − 4 = 6; daily 45/30 = 1.5; level 3 days × 1.5 = 4.5; cover 14 × 1.5 = 21.
    # 4.5 + 21 − 6 = 19.5 -> 20.
    rules = RuleBook.of([safety(None, None, days="3")])
    [row] = suggest([pair("A1", EAST, 10, 4, 45)], rules, cover_days=14)
    assert (row.suggested, row.safety_level, row.daily_sales) == (20, 4.5, 1.5)


def test_quantity_rule_without_sales_still_asks_for_the_level() -> None:
    # qty 10, no sales, available 2 -> 10 + 0 − 2 = 8.
    rules = RuleBook.of([safety("A1", SOUTH, qty=10)])
    [row] = suggest([pair("A1", SOUTH, 2, 0, 0)], rules, cover_days=14)
    assert (row.suggested, row.safety_level) == (8, 10)


def test_an_exact_need_is_not_rounded_up() -> None:
    # no rule: 14 × (30/30) − 4 = 10 exactly, not 11.
    [row] = suggest([pair("A1", EAST, 4, 0, 30)], RuleBook(), cover_days=14)
    assert (row.suggested, row.safety_level) == (10, 0)


def test_no_row_when_stock_covers_the_need() -> None:
    # 14 × 1 − 20 < 0; and 14 × 1 − 14 = 0 is not above 0.
    rows = suggest([pair("B2", EAST, 20, 0, 30), pair("C3", EAST, 14, 0, 30)], RuleBook(), 14)
    assert rows == []


def test_most_specific_enabled_safety_rule_sets_the_level() -> None:
    rules = RuleBook.of(
        [safety(None, None, qty=100), Rule(RuleKind.SAFETY, "A1", None, 3, None, enabled=False)]
    )
    [row] = suggest([pair("A1", EAST, 0, 0, 0)], rules, cover_days=0)
    assert row.suggested == 100  # the disabled A1 rule falls through to the default


def test_report_on_a_book_lists_listed_skus_in_enabled_warehouses(book: Book) -> None:
    east = add_warehouse(book, EAST, "440305")
    west = add_warehouse(book, "西南仓", "510104", paused=True)
    a1, d4 = add_product(book, "A1"), add_product(book, "D4", listed=False)
    with book.transaction() as s:
        w = LedgerWriter(s, "测试员")
        for p, wh in ((a1, east), (a1, west), (d4, east)):
            when = dt.datetime.combine(D - dt.timedelta(days=20), dt.time(9))
            w.change((p, wh), 40, K.INBOUND, where="t", time=when)
            w.change((p, wh), -30, K.SHIP, where="t", time=when + dt.timedelta(days=1))
        w.flush()
    set_alert_rule(book, "safety", None, None, 5, None)
    report = replenishment_report(book, D, cover_days=7)
    # A1 @ 华东: available 10, daily 1, level 5 -> 5 + 7 − 10 = 2. 西南 paused, D4 delisted.
    assert report.as_json() == {
        "date": "2026-11-27",
        "cover_days": 7,
        "total_suggested": 2,
        "rows": [
            {
                "sku": "A1",
                "warehouse": EAST,
                "available": 10,
                "daily_sales": 1.0,
                "safety_level": 5,
                "suggested": 2,
            }
        ],
    }
    assert "A1 @ 华东仓：可用 10，日均销量 1.00，安全水位 5，建议补货 2" in report.text()
    # Before the shipment (D-20) nothing had sold: 5 − 40 < 0, no suggestion.
    assert replenishment_report(book, D - dt.timedelta(days=20), 7).rows == []


def test_cli_replenish_json(book: Book, capsys: pytest.CaptureFixture[str]) -> None:
    add_warehouse(book, EAST, "440305")
    add_product(book, "A1")
    set_alert_rule(book, "safety", None, None, 5, None)
    db = book.url
    # No pair exists yet: nothing to replenish.
    assert main(["--db", db, "replenish", "--date", "2026-11-27", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["rows"] == []


def test_negative_cover_days_is_refused(book: Book) -> None:
    with pytest.raises(BadInput, match="补货覆盖天数"):
        replenishment_report(book, D, cover_days=-1)
