"""The dashboard's alert history with past days cached in the book: every count equals
alerts_report's for that day, on a demo book, after backdated ledger rows, after changes of rules,
listing and warehouses, and whatever state the stored cache is in."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Iterator
from decimal import Decimal

import pytest
from sqlalchemy import Engine, create_engine, event, select, update
from sqlalchemy.orm import sessionmaker

from jdstock_desktop.demo_book import fill_demo
from jdstock_desktop.domain.stock import LedgerKind
from jdstock_desktop.services import alert_history as ah
from jdstock_desktop.services.alert_history import (
    CACHE_KEY,
    HISTORY_DAYS,
    DayCounts,
    HistoryCache,
    alert_history,
)
from jdstock_desktop.services.alerts import alerts_report, set_alert_rule
from jdstock_desktop.services.ledger import LedgerWriter
from jdstock_desktop.services.products import set_listed
from jdstock_desktop.services.warehouses import update_warehouse
from jdstock_desktop.storage.db import Book, make_engine
from jdstock_desktop.storage.models import Product, Setting, Stock, Warehouse

TODAY = dt.date.today()  # fill_demo's and the history's today: the cache never holds it
SKUS = 200


def go_on(_done: int, _total: int) -> bool:
    return True


@pytest.fixture
def demo(book: Book) -> Book:
    fill_demo(book, skus=SKUS, seed=5, today=TODAY)
    return book


@pytest.fixture
def computed(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[dt.date]]:
    """The days whose full report the history computed (not taken from the cache)."""
    days: list[dt.date] = []

    def counting(book: Book, day: dt.date) -> object:
        days.append(day)
        return alerts_report(book, day)

    monkeypatch.setattr(ah, "alerts_report", counting)
    yield days


def history(book: Book, end: dt.date = TODAY) -> list[DayCounts]:
    out = alert_history(book, end, go_on, today=TODAY)
    assert out is not None
    return out


def truth(book: Book, end: dt.date = TODAY) -> list[DayCounts]:
    days = [end - dt.timedelta(days=HISTORY_DAYS - 1 - i) for i in range(HISTORY_DAYS)]
    return [DayCounts.of(alerts_report(book, d)) for d in days]


def stored(book: Book) -> str | None:
    with book.read() as s:
        return s.scalar(select(Setting.value).where(Setting.key == CACHE_KEY))


def stored_cache(book: Book) -> HistoryCache:
    cache = HistoryCache.loads(stored(book))
    assert cache is not None
    return cache


def days_from(first: dt.date, last: dt.date = TODAY) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def test_cached_history_equals_a_report_per_day(demo: Book, computed: list[dt.date]) -> None:
    first = history(demo)
    assert computed == days_from(TODAY - dt.timedelta(days=HISTORY_DAYS - 1))
    expected = truth(demo)
    assert first == expected
    assert any(c.out_of_stock or c.safety or c.slow_moving for c in expected)  # not all zeros
    cache = stored_cache(demo)
    assert TODAY not in cache.days and len(cache.days) == HISTORY_DAYS - 1

    computed.clear()
    assert history(demo) == expected
    assert computed == [TODAY]  # the current day only: always fresh

    computed.clear()
    known = {TODAY: expected[-1]}
    assert alert_history(demo, TODAY, go_on, today=TODAY, known=known) == expected
    assert computed == []  # the page's own report of the day is reused


def test_a_past_end_day_is_served_from_the_cache_too(demo: Book, computed: list[dt.date]) -> None:
    history(demo)
    end = TODAY - dt.timedelta(days=3)
    computed.clear()
    assert history(demo, end) == truth(demo, end)
    assert computed == days_from(
        end - dt.timedelta(days=HISTORY_DAYS - 1), TODAY - dt.timedelta(days=HISTORY_DAYS)
    )
    computed.clear()
    history(demo, end)
    assert computed == []


def out_of_stock_pair(book: Book) -> tuple[int, int]:
    """A listed SKU's pair in an enabled warehouse that is in 无货 today."""
    alert = alerts_report(book, TODAY).out_of_stock[0]
    with book.read() as s:
        pid = s.scalar(select(Product.id).where(Product.code == alert.sku))
        wid = s.scalar(select(Warehouse.id).where(Warehouse.name == alert.warehouse))
    assert pid is not None and wid is not None
    return pid, wid


def add_row(book: Book, pair: tuple[int, int], when: dt.datetime, delta: int) -> None:
    with book.transaction() as s:
        w = LedgerWriter(s, "测试员")
        w.change(pair, delta, LedgerKind.INBOUND, where="test", time=when)
        w.flush()


def test_a_backdated_ledger_row_recomputes_its_day_and_later_only(
    demo: Book, computed: list[dt.date]
) -> None:
    before = history(demo)
    pair = out_of_stock_pair(demo)
    back = TODAY - dt.timedelta(days=10)
    add_row(demo, pair, dt.datetime.combine(back, dt.time(10)), 50)  # a 库存流水 line, late
    computed.clear()
    after = history(demo)
    assert computed == days_from(back)  # older days from the cache
    assert after == truth(demo)
    assert after[:-11] == before[:-11]
    assert after[-1].out_of_stock == before[-1].out_of_stock - 1  # the pair is stocked again
    computed.clear()
    assert history(demo) == after and computed == [TODAY]


def test_a_row_at_the_first_moment_of_a_day_is_that_days_not_the_day_befores(
    demo: Book, computed: list[dt.date]
) -> None:
    history(demo)
    day = TODAY - dt.timedelta(days=5)
    add_row(demo, out_of_stock_pair(demo), dt.datetime.combine(day, dt.time()), 3)
    computed.clear()
    assert history(demo) == truth(demo)
    assert computed == days_from(day)


def test_rows_dated_today_or_later_keep_every_past_day(demo: Book, computed: list[dt.date]) -> None:
    history(demo)
    pair = out_of_stock_pair(demo)
    add_row(demo, pair, dt.datetime.combine(TODAY, dt.time(23, 59, 59)), 4)
    add_row(demo, pair, dt.datetime.combine(TODAY + dt.timedelta(days=1), dt.time(8)), 4)
    mark = stored_cache(demo).ledger_mark
    computed.clear()
    assert history(demo) == truth(demo)
    assert computed == [TODAY]
    assert stored_cache(demo).ledger_mark > mark  # moved on: the next look scans fewer rows


def alerted_sku(book: Book) -> str:
    alert = alerts_report(book, TODAY - dt.timedelta(days=1))
    return (alert.out_of_stock or alert.safety)[0].sku


def change_rule(book: Book) -> None:
    set_alert_rule(book, "安全库存", None, None, None, Decimal("11.5"))


def delist(book: Book) -> None:
    assert set_listed(book, [alerted_sku(book)], False) == 1


def pause(book: Book) -> None:
    name = alerts_report(book, TODAY - dt.timedelta(days=1)).out_of_stock[0].warehouse
    update_warehouse(book, name, paused=True)


@pytest.mark.parametrize("change", [change_rule, delist, pause], ids=["rule", "listing", "paused"])
def test_master_data_changes_drop_the_cache(
    demo: Book, computed: list[dt.date], change: Callable[[Book], None]
) -> None:
    before = history(demo)
    change(demo)
    computed.clear()
    after = history(demo)
    assert len(computed) == HISTORY_DAYS
    assert after == truth(demo)
    assert after != before  # the change mattered, so a stale cache would have shown
    computed.clear()
    history(demo)
    assert computed == [TODAY]


def test_a_renamed_warehouse_keeps_the_history_right(demo: Book, computed: list[dt.date]) -> None:
    history(demo)
    name = alerts_report(demo, TODAY).out_of_stock[0].warehouse
    update_warehouse(demo, name, new_name=f"{name}新")
    computed.clear()
    assert history(demo) == truth(demo)


@pytest.mark.parametrize(
    "value",
    [
        "not json",
        "{}",
        json.dumps({"format": 1, "fingerprint": "x", "ledger_mark": "a", "days": {}}),
        json.dumps({"format": 1, "fingerprint": "x", "ledger_mark": 0, "days": {"x": [1, 2, 3]}}),
        "[1, 2]",
    ],
)
def test_a_damaged_cache_is_ignored_and_rewritten(
    demo: Book, computed: list[dt.date], value: str
) -> None:
    with demo.transaction() as s:
        s.add(Setting(key=CACHE_KEY, value=value))
    assert history(demo) == truth(demo)
    assert len(computed) == HISTORY_DAYS
    assert stored(demo) != value
    computed.clear()
    history(demo)
    assert computed == [TODAY]


def test_a_cache_of_other_master_data_is_not_used(demo: Book, computed: list[dt.date]) -> None:
    history(demo)
    cache = stored_cache(demo)
    forged = HistoryCache("0" * 64, cache.ledger_mark, {d: (9, 9, 9) for d in cache.days})
    with demo.transaction() as s:
        s.execute(update(Setting).where(Setting.key == CACHE_KEY).values(value=forged.dumps()))
    computed.clear()
    assert history(demo) == truth(demo)
    assert len(computed) == HISTORY_DAYS


def test_cancelled_returns_none_and_stores_nothing(demo: Book) -> None:
    assert alert_history(demo, TODAY, lambda done, _total: done < 5, today=TODAY) is None
    assert stored(demo) is None


def test_a_busy_book_still_gets_its_history_and_no_cache_is_written(
    demo: Book, computed: list[dt.date]
) -> None:
    """Another clerk holds a write transaction (and the cache row): the history is right and
    returns soon, the cache write gives up instead of waiting."""
    history(demo)
    add_row(
        demo,
        out_of_stock_pair(demo),
        dt.datetime.combine(TODAY - dt.timedelta(days=4), dt.time(9)),
        5,
    )
    value = stored(demo)
    with demo.writing() as other, other.begin():
        other.execute(update(Setting).where(Setting.key == CACHE_KEY).values(value=value))
        computed.clear()
        started = time.perf_counter()
        assert history(demo) == truth(demo)
        assert time.perf_counter() - started < 8
        assert len(computed) == 5
    assert stored(demo) == value  # unchanged: the next opening tries again
    computed.clear()
    history(demo)
    assert len(computed) == 5
    computed.clear()
    history(demo)
    assert computed == [TODAY]


def other_pair(book: Book, not_this: tuple[int, int]) -> tuple[int, int]:
    with book.read() as s:
        for pid, wid in s.execute(select(Stock.product_id, Stock.warehouse_id)):
            if (pid, wid) != not_this:
                return pid, wid
    raise AssertionError("no second pair")


def test_rows_committed_out_of_id_order_are_not_missed(
    demo: Book, backend: str, computed: list[dt.date]
) -> None:
    """Another clerk's import draws the lower ledger id but commits last. On PostgreSQL a row
    with a higher id commits meanwhile, so "rows above the mark" alone would miss the import:
    the mark must not move past a transaction still inserting. (SQLite serialises writers.)"""
    history(demo)
    mark = stored_cache(demo).ledger_mark
    pair = out_of_stock_pair(demo)
    early = TODAY - dt.timedelta(days=12)
    with demo.writing() as other, other.begin():
        w = LedgerWriter(other, "另一位")
        w.change(
            other_pair(demo, pair),
            7,
            LedgerKind.INBOUND,
            where="test",
            time=dt.datetime.combine(early, dt.time(10)),
        )
        w.flush()
        if backend == "postgresql":
            add_row(demo, pair, dt.datetime.combine(TODAY - dt.timedelta(days=3), dt.time(9)), 5)
        assert history(demo) == truth(demo)
        if backend == "postgresql":
            assert stored_cache(demo).ledger_mark == mark  # rewritten, with the old mark
    computed.clear()
    assert history(demo) == truth(demo)
    assert computed == days_from(early)
    assert stored_cache(demo).ledger_mark > mark
    computed.clear()
    history(demo)
    assert computed == [TODAY]


def read_only_engine(book_url: str, backend: str) -> Engine:
    """The same book through a connection that refuses every write: SQLite's query_only, or a
    PostgreSQL session whose transactions are read-only (as on a standby server)."""
    if backend == "sqlite":
        engine = make_engine(f"sqlite:///{book_url}")
        event.listen(engine, "connect", lambda conn, _r: conn.execute("PRAGMA query_only=ON"))
        return engine
    options = "-c default_transaction_read_only=on"
    return create_engine(book_url, connect_args={"options": options})


def test_a_read_only_book_computes_the_history_without_a_cache(
    demo: Book, book_url: str, backend: str
) -> None:
    engine = read_only_engine(book_url, backend)
    read_only = Book(
        url=str(engine.url), engine=engine, sessions=sessionmaker(engine), operator="x"
    )
    try:
        assert history(read_only) == truth(demo)
        assert history(read_only) == truth(demo)
    finally:
        engine.dispose()
    assert stored(demo) is None


def test_the_fingerprint_sees_rules_and_not_ledger_rows(demo: Book) -> None:
    with demo.read() as s:
        base = ah.master_fingerprint(s)
        again = ah.master_fingerprint(s)
    assert base == again
    with demo.read() as s:
        pair = s.execute(select(Stock.product_id, Stock.warehouse_id)).first()
    assert pair is not None
    add_row(demo, (pair[0], pair[1]), dt.datetime.combine(TODAY, dt.time(1)), 1)
    with demo.read() as s:
        assert ah.master_fingerprint(s) == base  # the ledger is the mark's business
    set_alert_rule(demo, "滞销", None, None, None, Decimal(45))
    with demo.read() as s:
        assert ah.master_fingerprint(s) != base
