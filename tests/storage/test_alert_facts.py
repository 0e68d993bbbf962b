"""The SQL behind the alerts: facts as of D from the stock table and the ledger (SPEC §6).

The property test at the end checks the whole report on random books against a slow, obvious
implementation written here over the raw ledger rows.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import shutil
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import event as tally
from hypothesis import strategies as st
from sqlalchemy import event, select

from jdstock_desktop.domain.alerts import RuleKind
from jdstock_desktop.domain.stock import LedgerKind
from jdstock_desktop.errors import Refused
from jdstock_desktop.services.alerts import alerts_report
from jdstock_desktop.services.ledger import LedgerWriter
from jdstock_desktop.services.replenish import replenishment_report
from jdstock_desktop.storage.alert_facts import (
    facts_query,
    load_alert_facts,
    load_pair_facts,
    load_rules,
)
from jdstock_desktop.storage.db import Book, open_book
from jdstock_desktop.storage.models import AlertRule, LedgerEntry, Product, Warehouse
from tests.backends import PG_URL, pg_database
from tests.helpers import add_product, add_warehouse

D = dt.date(2026, 11, 27)
K = LedgerKind


def at(
    days_before: int, hour: int = 12, minute: int = 0, second: int = 0, us: int = 0
) -> dt.datetime:
    return dt.datetime.combine(
        D - dt.timedelta(days=days_before), dt.time(hour, minute, second, us)
    )


def write(book: Book, *changes: tuple[tuple[int, int], dt.datetime, LedgerKind, int, int]) -> None:
    with book.transaction() as s:
        w = LedgerWriter(s, "测试员")
        for pair, time, kind, delta, reserved_delta in changes:
            w.change(pair, delta, kind, where="test", reserved_delta=reserved_delta, time=time)
        w.flush()


@pytest.fixture
def pairs(book: Book) -> tuple[tuple[int, int], tuple[int, int]]:
    east = add_warehouse(book, "华东仓", "440305")
    pid = add_product(book, "A1")
    other = add_product(book, "B2")
    return (pid, east), (other, east)


def pair_facts(book: Book, day: dt.date = D) -> dict[tuple[str, str], tuple[int, int, int]]:
    with book.read() as s:
        pairs = load_pair_facts(s, day)
    return {(p.sku, p.warehouse): (p.on_hand, p.reserved, p.sales30) for p in pairs}


def test_quantities_count_rows_up_to_the_end_of_d_only(book: Book, pairs: Any) -> None:
    a1, _ = pairs
    write(
        book,
        (a1, at(3), K.INBOUND, 10, 0),
        (a1, at(0, 23, 59, 59, 999999), K.RESERVE, 0, 4),  # last instant of D: counts
        (a1, at(-1, 0, 0, 0), K.INBOUND, 100, 0),  # D+1 00:00: not yet
        (a1, at(-2), K.RESERVE, 0, 50),
    )
    assert pair_facts(book) == {("A1", "华东仓"): (10, 4, 0)}
    assert pair_facts(book, D + dt.timedelta(days=2)) == {("A1", "华东仓"): (110, 54, 0)}


def test_a_pair_with_every_row_after_d_does_not_exist_yet(book: Book, pairs: Any) -> None:
    a1, b2 = pairs
    write(book, (a1, at(5), K.IMPORT, 0, 0), (b2, at(-1), K.INBOUND, 7, 0))
    # A 0 set by a stock sheet creates the pair (SPEC §6); B2's only row is on D+1.
    assert pair_facts(book) == {("A1", "华东仓"): (0, 0, 0)}


def test_sales30_counts_shipments_from_d29_to_d(book: Book, pairs: Any) -> None:
    a1, _ = pairs
    write(
        book,
        (a1, at(40), K.INBOUND, 100, 0),
        (a1, at(30, 23, 59, 59, 999999), K.SHIP, -1, 0),  # D-30: outside
        (a1, at(29, 0, 0, 0), K.SHIP, -2, 0),  # D-29 at midnight: inside
        (a1, at(0, 23, 59, 59), K.SHIP, -4, 0),  # D: inside
        (a1, at(-1, 0, 0, 0), K.SHIP, -8, 0),  # D+1: outside
        (a1, at(3), K.ADJUST, -16, 0),  # not a shipment
    )
    # on hand 100 - 1 - 2 - 4 - 16 = 77; sales30 = 2 + 4 = 6.
    assert pair_facts(book) == {("A1", "华东仓"): (77, 0, 6)}


@pytest.mark.parametrize(
    ("days_before", "in_7", "in_90"),
    [(6, True, True), (7, False, True), (89, False, True), (90, False, False)],
)
def test_shipment_windows_day6_vs_day7_and_day89_vs_day90(
    book: Book, pairs: Any, days_before: int, in_7: bool, in_90: bool
) -> None:
    a1, _ = pairs
    edge = (0, 0, 0) if in_90 or in_7 else (23, 59, 59)  # the window's first / last instant
    # Shipping the only unit leaves A1 out of stock: the 90-day flag is then looked up.
    write(
        book,
        (a1, at(200), K.INBOUND, 1, 0),
        (a1, at(days_before, *edge), K.SHIP, -1, 0),
    )
    with book.read() as s:
        sku = load_alert_facts(s, D).skus["A1"]
    assert (sku.shipped_in_7, sku.shipped_in_90) == (in_7, in_90)


def test_sku_figures_look_at_every_warehouse_paused_too(book: Book, pairs: Any) -> None:
    a1, _ = pairs
    west = add_warehouse(book, "西南仓", "510104", paused=True)
    write(
        book,
        (a1, at(100), K.INBOUND, 5, 0),
        ((a1[0], west), at(100), K.INBOUND, 9, 0),
        ((a1[0], west), at(2), K.SHIP, -1, 0),
    )
    with book.read() as s:
        facts = load_alert_facts(s, D)
    a = facts.skus["A1"]
    # Sales and shipments count the paused 西南仓; available only the enabled 华东仓 (5).
    assert (a.shipped_in_7, a.changed_in_30, a.sales30, a.available) == (True, True, 1, 5)
    assert pair_facts(book) == {("A1", "华东仓"): (5, 0, 0)}  # paused pairs are not sellable


def test_shipped_in_90_is_looked_up_for_out_of_stock_candidates(book: Book, pairs: Any) -> None:
    a1, b2 = pairs
    write(
        book,
        (a1, at(200), K.INBOUND, 5, 0),
        (a1, at(60), K.SHIP, -5, 0),  # A1: out of stock, last shipped 60 days ago
        (b2, at(200), K.INBOUND, 5, 0),
        (b2, at(95), K.SHIP, -5, 0),  # B2: out of stock, last shipped 95 days ago
    )
    with book.read() as s:
        facts = load_alert_facts(s, D)
    assert facts.skus["A1"].shipped_in_90 and not facts.skus["A1"].shipped_in_7
    assert not facts.skus["B2"].shipped_in_90
    assert {(p.sku, p.available) for p in facts.pairs} == {("A1", 0), ("B2", 0)}


def test_any_ledger_row_in_30_days_is_a_change_even_a_reservation(book: Book, pairs: Any) -> None:
    a1, b2 = pairs
    write(
        book,
        (a1, at(100), K.INBOUND, 5, 0),
        (a1, at(29, 0, 0, 0), K.RESERVE, 0, 1),
        (b2, at(100), K.INBOUND, 5, 0),
        (b2, at(30, 23, 59, 59), K.RESERVE, 0, 1),
    )
    with book.read() as s:
        skus = load_alert_facts(s, D).skus
    assert skus["A1"].changed_in_30 and not skus["B2"].changed_in_30


def test_last_change_is_loaded_for_dormant_skus_as_of_d(book: Book, pairs: Any) -> None:
    a1, b2 = pairs
    south = add_warehouse(book, "华南仓", "440106")
    write(
        book,
        (a1, at(100), K.INBOUND, 5, 0),
        ((a1[0], south), at(45, 8), K.COUNT, 3, 0),  # A1's last row up to D, other warehouse
        (a1, at(-3), K.INBOUND, 1, 0),  # after D: not a change as of D
        (b2, at(2), K.INBOUND, 5, 0),  # B2 moved recently: not dormant
    )
    with book.read() as s:
        skus = load_alert_facts(s, D).skus
    assert skus["A1"].last_change == (D - dt.timedelta(days=45))
    assert skus["B2"].last_change is None  # only dormant candidates get a date


def test_rules_are_loaded_with_codes_and_names(book: Book, pairs: Any) -> None:
    a1, _ = pairs
    with book.transaction() as s:
        s.add(AlertRule(kind="safety", product_id=a1[0], warehouse_id=a1[1], qty=3))
        s.add(AlertRule(kind="slow", days=Decimal("45.5"), enabled=False))
    with book.read() as s:
        rules = {(r.kind, r.sku, r.warehouse, r.qty, r.days, r.enabled) for r in load_rules(s)}
    assert rules == {
        (RuleKind.SAFETY, "A1", "华东仓", 3, None, True),
        (RuleKind.SLOW, None, None, None, Decimal("45.5"), False),
    }


def test_a_fixed_number_of_queries_whatever_the_book_size(book: Book, pairs: Any) -> None:
    a1, b2 = pairs
    changes = [(a1, at(n), K.INBOUND, 1, 0) for n in range(60)]
    write(book, *changes, (a1, at(10), K.SHIP, -60, 0), (b2, at(90), K.INBOUND, 1, 0))
    statements: list[str] = []

    def count(*args: Any) -> None:
        if not args[2].startswith("BEGIN"):  # SQLite's explicit transaction start is no query
            statements.append(args[2])

    event.listen(book.engine, "before_cursor_execute", count)
    try:
        with book.read() as s:
            load_alert_facts(s, D)
    finally:
        event.remove(book.engine, "before_cursor_execute", count)
    # products, warehouses, newest row, the facts, rules; the 90-day flag of A1 (out of stock,
    # not shipped in 7 days) and the last change of B2 (dormant).
    assert len(statements) == 7
    assert sum("GROUP BY" in sql for sql in statements) == 3


@pytest.mark.sqlite_only
@pytest.mark.parametrize("newest", [D - dt.timedelta(days=1), D + dt.timedelta(days=3)])
def test_the_ledger_is_read_by_time_index_and_pairs_once(book: Book, newest: dt.date) -> None:
    # The plan does not depend on the values: plain strings stand in for the bound datetimes.
    query = facts_query(D, dt.datetime.combine(newest, dt.time(12)))
    with book.read() as s:
        compiled = query.compile(s.get_bind())
        params = tuple(str(compiled.params[name]) for name in compiled.positiontup or ())
        plan = s.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + str(compiled), params)
        details = [str(row[-1]) for row in plan]
    assert any("ledger USING INDEX ix_ledger_time" in d for d in details), details
    # No pass over the whole ledger (existence checks seek the pair index), and the per-pair
    # figures are computed once for both halves of the result.
    assert not [d for d in details if d.startswith("SCAN ledger")], details
    assert details.count("MATERIALIZE moves") == 1, details


# -- property: the SQL path equals an obvious implementation over the raw ledger ---------------

BASE = dt.date(2026, 8, 1)
SPAN_DAYS = 120
KINDS = [K.INBOUND, K.INBOUND, K.SHIP, K.SHIP, K.SHIP, K.RESERVE, K.CANCEL, K.COUNT, K.IMPORT]
KINDS += [K.RETURN]


@st.composite
def times(draw: st.DrawFn) -> dt.datetime:
    day = BASE + dt.timedelta(days=draw(st.integers(0, SPAN_DAYS - 1)))
    clock = draw(st.sampled_from([dt.time(0, 0), dt.time(23, 59, 59, 999999), dt.time(12, 30)]))
    return dt.datetime.combine(day, clock)


events = st.lists(
    st.tuples(
        times(),
        st.integers(0, 2),  # product index
        st.integers(0, 2),  # warehouse index
        st.sampled_from(KINDS),
        st.integers(1, 6),
        st.sampled_from([False, False, False, False, True]),  # typed in a month late
    ),
    min_size=20,
    max_size=80,
)
SCOPE_SKU = st.sampled_from([None, None, 0, 1, 2])
SCOPE_WH = st.sampled_from([None, None, 0, 1, 2])
ENABLED = st.sampled_from([True, True, True, False])
slow_rules = st.tuples(
    st.just("slow"),
    SCOPE_SKU,
    st.none(),
    st.none(),
    st.sampled_from(["0", "5", "30", "45.5", "400"]),
    ENABLED,
)
safety_rules = st.tuples(
    st.just("safety"),
    SCOPE_SKU,
    SCOPE_WH,
    st.one_of(st.none(), st.integers(0, 8)),  # qty, else days
    st.sampled_from(["0.5", "3", "10", "0.1", "30"]),
    ENABLED,
)
rules = st.builds(
    lambda a, b: a + b,
    st.lists(safety_rules, min_size=1, max_size=5),
    st.lists(slow_rules, max_size=3),
)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated empty book; copying it is much faster than running Alembic per example."""
    path = tmp_path_factory.mktemp("template") / "b.sqlite3"
    open_book(path).close()
    return path


def fill(
    book: Book,
    listed: list[bool],
    states: list[str],
    evs: list[tuple[dt.datetime, int, int, LedgerKind, int, bool]],
    rule_rows: list[tuple[str, int | None, int | None, int | None, str, bool]],
) -> None:
    with book.transaction() as s:
        now = dt.datetime(2026, 1, 1)
        whs = [
            Warehouse(
                name=f"仓{i}",
                is_national=False,
                paused=state == "paused",
                deleted=state == "deleted",
                region_code="440305",
                created_at=now,
            )
            for i, state in enumerate(states)
        ]
        prods = [
            Product(code=f"S{i}", name=f"商品{i}", listed=flag) for i, flag in enumerate(listed)
        ]
        s.add_all([*whs, *prods])
        s.flush()
        writer = LedgerWriter(s, "测试员")
        # Written in time order, except rows typed in late (a 库存流水 import of old rows): the
        # history may then dip below zero, which the rules must survive.
        typed = sorted(evs, key=lambda e: e[0] + dt.timedelta(days=30 if e[5] else 0))
        for time, p, w, kind, qty, _late in typed:
            pair = (prods[p].id, whs[w].id)
            on_hand, reserved = writer.quantities(pair)
            if kind in (K.SHIP, K.RESERVE) and on_hand == 0:  # goods come in before they go out
                writer.change(pair, qty, K.INBOUND, where="x", time=time)
                on_hand = qty
            free = on_hand - reserved
            shipped = min(qty, reserved) if reserved else min(qty, free)
            delta, rdelta = {
                K.INBOUND: (qty, 0),
                K.RETURN: (qty, 0),
                K.IMPORT: ((qty if qty % 3 else 0) - on_hand, 0),  # a stock sheet, 0 too
                K.COUNT: (-min(qty, free), 0),
                K.RESERVE: (0, min(qty, free)),
                K.CANCEL: (0, -min(qty, reserved)),
                # Ships an order's reservation when there is one, else straight from stock.
                K.SHIP: (-shipped, -shipped if reserved else 0),
            }[kind]
            if kind in (K.RESERVE, K.CANCEL, K.SHIP) and not (delta or rdelta):
                continue
            try:
                writer.change(pair, delta, kind, where="x", reserved_delta=rdelta, time=time)
            except Refused:
                continue
        writer.flush()
        seen = set()
        for kind, p, w, qty, days, enabled in rule_rows:
            if kind == "safety":
                qty, days = (qty, None) if qty is not None else (None, days)
            else:
                qty = None
            scope = (kind, p, w)
            if scope in seen:
                continue
            seen.add(scope)
            s.add(
                AlertRule(
                    kind=kind,
                    product_id=None if p is None else prods[p].id,
                    warehouse_id=None if w is None else whs[w].id,
                    qty=qty,
                    days=None if days is None else Decimal(days),
                    enabled=enabled,
                )
            )


def obvious_report(book: Book, day: dt.date, cover_days: int = 14) -> dict[str, Any]:
    """SPEC §6 (and §8 replenishment, under "replenish") read literally, over every raw ledger
    row: slow, but plainly right."""
    with book.read() as s:
        rows = s.execute(
            select(
                LedgerEntry.time,
                Product.code,
                Warehouse.name,
                LedgerEntry.kind,
                LedgerEntry.delta,
                LedgerEntry.reserved_delta,
            )
            .join(Product, Product.id == LedgerEntry.product_id)
            .join(Warehouse, Warehouse.id == LedgerEntry.warehouse_id)
        ).all()
        listed = {code for code, flag in s.execute(select(Product.code, Product.listed)) if flag}
        enabled = {
            name
            for name, paused, deleted in s.execute(
                select(Warehouse.name, Warehouse.paused, Warehouse.deleted)
            )
            if not paused and not deleted
        }
        rule_list = s.execute(
            select(
                AlertRule.kind,
                Product.code,
                Warehouse.name,
                AlertRule.qty,
                AlertRule.days,
                AlertRule.enabled,
            )
            .outerjoin(Product, Product.id == AlertRule.product_id)
            .outerjoin(Warehouse, Warehouse.id == AlertRule.warehouse_id)
        ).all()

    def days_back(t: dt.datetime) -> int:
        return (day - t.date()).days  # 0 = D; negative = after D

    upto = [r for r in rows if days_back(r.time) >= 0]
    pairs = sorted({(r.code, r.name) for r in upto})
    on_hand = {p: sum(r.delta for r in upto if (r.code, r.name) == p) for p in pairs}
    reserved = {p: sum(r.reserved_delta for r in upto if (r.code, r.name) == p) for p in pairs}
    sales30 = {
        p: sum(
            -r.delta
            for r in upto
            if (r.code, r.name) == p and r.kind == "ship" and days_back(r.time) <= 29
        )
        for p in pairs
    }
    avail = {p: on_hand[p] - reserved[p] for p in pairs}

    def shipped_within(code: str, n: int) -> bool:
        return any(r.code == code and r.kind == "ship" and days_back(r.time) < n for r in upto)

    def rule_for(kind: str, code: str, wh: str | None) -> Any:
        for scope in ((code, wh), (code, None), (None, wh), (None, None)):
            for r in rule_list:
                if r.kind == kind and r.enabled and (r.code, r.name) == scope:
                    return r
        return None

    live = [p for p in pairs if p[0] in listed and p[1] in enabled]
    oos = [
        {"sku": c, "warehouse": w, "available": avail[(c, w)]}
        for c, w in live
        if avail[(c, w)] <= 0 and shipped_within(c, 90)
    ]
    safety = []
    for c, w in live:
        rule = rule_for("safety", c, w)
        if rule is None or not shipped_within(c, 7):
            continue
        level = rule.qty if rule.qty is not None else Fraction(rule.days) * sales30[(c, w)] / 30
        if avail[(c, w)] < level:
            level_out = level if rule.qty is not None else float(level)
            safety.append(
                {"sku": c, "warehouse": w, "available": avail[(c, w)], "level": level_out}
            )
    sku_avail = {c: sum(avail[p] for p in pairs if p[0] == c and p[1] in enabled) for c in listed}
    sku_sales = {c: sum(sales30[p] for p in pairs if p[0] == c) for c in listed}
    touched = {r.code for r in upto if days_back(r.time) <= 29}
    slow = []
    dormant = []
    for c in sorted(listed):
        a, sold = sku_avail[c], sku_sales[c]
        if c not in touched:
            if a > 0:
                last = max(r.time for r in upto if r.code == c).date().isoformat()
                dormant.append({"sku": c, "available": a, "last_change": last})
            continue
        rule = rule_for("slow", c, None)
        if rule is None:
            continue
        turnover = Fraction(0) if a <= 0 else None if sold == 0 else Fraction(a * 30, sold)
        if turnover is None or turnover > Fraction(rule.days):
            slow.append(
                {
                    "sku": c,
                    "available": a,
                    "daily_sales": sold / 30,
                    "turnover_days": None if turnover is None else float(turnover),
                }
            )
    replenish = []
    for c, w in live:
        rule = rule_for("safety", c, w)
        level: Any = 0
        if rule is not None:
            level = rule.qty if rule.qty is not None else Fraction(rule.days) * sales30[(c, w)] / 30
        need = level + Fraction(cover_days * sales30[(c, w)], 30) - avail[(c, w)]
        if need > 0:
            shown = level if isinstance(level, int) else float(level)
            replenish.append(
                {
                    "sku": c,
                    "warehouse": w,
                    "available": avail[(c, w)],
                    "daily_sales": sales30[(c, w)] / 30,
                    "safety_level": shown,
                    "suggested": math.ceil(need),
                }
            )
    n = len(listed)
    total_sales = sum(sku_sales.values())
    return {
        "date": day.isoformat(),
        "out_of_stock": oos,
        "safety": safety,
        "slow_moving": slow,
        "dormant": dormant,
        "dashboard": {
            "listed_skus": n,
            "out_of_stock_alerts": len(oos),
            "safety_alerts": len(safety),
            "slow_moving_alerts": len(slow),
            "out_of_stock_share": len({a["sku"] for a in oos}) / n if n else 0.0,
            "slow_moving_share": len(slow) / n if n else 0.0,
            "turnover_days": None
            if total_sales == 0
            else sum(sku_avail.values()) / (total_sales / 30),
        },
        "replenish": replenish,
    }


def rounded(obj: Any) -> Any:
    """Floats to 12 significant digits: both sides divide the same integers, in other orders."""
    if isinstance(obj, float):
        return float(f"{obj:.12g}")
    if isinstance(obj, dict):
        return {k: rounded(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [rounded(v) for v in obj]
    return obj


EDGES = st.sampled_from([6, 7, 29, 30, 89, 90])  # a row on the first or last day of a window


@pytest.mark.slow
@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    listed=st.lists(st.sampled_from([True, True, True, False]), min_size=3, max_size=3),
    states=st.lists(
        st.sampled_from(["enabled", "enabled", "enabled", "paused", "deleted"]),
        min_size=3,
        max_size=3,
    ),
    evs=events,
    rule_rows=rules,
    # D a few days after some row (where the 7-day rules bite), on a window's edge, or anywhere.
    days=st.lists(
        st.tuples(st.integers(0, 79), st.one_of(st.integers(0, 8), st.integers(-5, 95), EDGES)),
        min_size=1,
        max_size=3,
    ),
    cover=st.sampled_from([0, 3, 14]),
)
def test_sql_path_equals_an_obvious_implementation_on_random_books(
    template: Path,
    tmp_path_factory: pytest.TempPathFactory,
    listed: list[bool],
    states: list[str],
    evs: list[tuple[dt.datetime, int, int, LedgerKind, int, bool]],
    rule_rows: list[tuple[str, int | None, int | None, int | None, str, bool]],
    days: list[tuple[int, int]],
    cover: int,
) -> None:
    path = tmp_path_factory.mktemp("prop") / "b.sqlite3"
    shutil.copy(template, path)
    book = open_book(path)
    # A throwaway book: no fsync per commit (db.py asks for FULL durability), or disk speed
    # rather than the code would set the test's run time.
    event.listen(book.engine, "connect", lambda conn, _: conn.execute("PRAGMA synchronous=OFF"))
    book.engine.dispose()
    try:
        fill(book, listed, states, evs, rule_rows)
        for index, offset in days:
            day = evs[index % len(evs)][0].date() + dt.timedelta(days=offset)
            expected = obvious_report(book, day, cover)
            for key in ("out_of_stock", "safety", "slow_moving", "dormant", "replenish"):
                tally(f"{key}: {'some' if expected[key] else 'none'}")
            replenish = replenishment_report(book, day, cover).as_json()["rows"]
            assert rounded(replenish) == rounded(expected.pop("replenish"))
            assert rounded(alerts_report(book, day).as_json()) == rounded(expected)
    finally:
        book.close()


# -- PostgreSQL: the same SQL gives the same answers -------------------------------------------


@pytest.fixture
def pg_book(pg_template: str) -> Iterator[Book]:
    """A fresh book on the server of JDSTOCK_TEST_PG_URL, dropped afterwards."""
    if not PG_URL:
        pytest.skip("JDSTOCK_TEST_PG_URL is not set")
    with pg_database(pg_template) as url:
        book = open_book(url)
        try:
            yield book
        finally:
            book.close()


def random_book_inputs(seed: int) -> tuple[Any, ...]:
    rng = random.Random(seed)
    evs = [
        (
            dt.datetime.combine(
                BASE + dt.timedelta(days=rng.randrange(SPAN_DAYS)),
                rng.choice([dt.time(0), dt.time(23, 59, 59, 999999), dt.time(12, 30)]),
            ),
            rng.randrange(3),
            rng.randrange(3),
            rng.choice(KINDS),
            rng.randint(1, 6),
            rng.random() < 0.2,
        )
        for _ in range(300)
    ]
    rule_rows = [
        ("safety", None, None, 4, "0", True),
        ("safety", 0, None, None, "10", True),
        ("safety", 1, 2, None, "0.5", True),
        ("safety", None, 1, 2, "0", False),
        ("slow", None, None, None, "30", True),
        ("slow", 2, None, None, "400", True),
    ]
    return [True, True, False], ["enabled", "paused", "enabled"], evs, rule_rows


def test_postgres_gives_the_same_report_as_sqlite(
    template: Path, tmp_path: Path, pg_book: Book
) -> None:
    path = tmp_path / "b.sqlite3"
    shutil.copy(template, path)
    lite = open_book(path)
    try:
        inputs = random_book_inputs(7)
        fill(lite, *inputs)
        fill(pg_book, *inputs)
        for offset in range(0, SPAN_DAYS + 10, 9):
            day = BASE + dt.timedelta(days=offset)
            on_pg = alerts_report(pg_book, day).as_json()
            assert on_pg == alerts_report(lite, day).as_json()
            expected = obvious_report(pg_book, day)
            expected.pop("replenish")
            assert rounded(on_pg) == rounded(expected)
            assert (
                replenishment_report(pg_book, day).as_json()
                == replenishment_report(lite, day).as_json()
            )
    finally:
        lite.close()
