"""The demo book (`jdstock demo`): deterministic, consistent (SPEC §4), and with every kind of
content the screens and reports show (SPEC §3, §5, §6, §8). jdstock_desktop.demo_book is no
service, but its book is tested on both back ends like the services', hence this folder."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from jdstock_desktop import demo_book as demo_module
from jdstock_desktop.demo_book import PRIORITIES, REGIONS, WAREHOUSES, ean13, fill_demo
from jdstock_desktop.domain.regions import load_regions
from jdstock_desktop.domain.stock import LedgerKind
from jdstock_desktop.errors import BadInput
from jdstock_desktop.services.ledger import ledger_mismatches
from jdstock_desktop.services.routing import chain_for
from jdstock_desktop.storage.db import Book, open_book
from jdstock_desktop.storage.models import (
    AlertRule,
    CategoryStandard,
    LedgerEntry,
    OrderLine,
    PriorityEntry,
    Product,
    SalesOrder,
    Stock,
    Warehouse,
)
from tests.helpers import add_warehouse

TODAY = dt.date(2026, 11, 27)
SKUS = 300


def _day(days_ago: int) -> dt.datetime:
    """Start of the business day `days_ago` days before TODAY."""
    return dt.datetime.combine(TODAY - dt.timedelta(days=days_ago), dt.time())


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Book, str]]:
    book = open_book(tmp_path_factory.mktemp("demo") / "demo.sqlite3")
    summary = fill_demo(book, skus=SKUS, seed=7, today=TODAY)
    yield book, summary
    book.close()


@pytest.fixture
def s(demo: tuple[Book, str]) -> Iterator[Session]:
    with demo[0].read() as session:
        yield session


def _ledger(session: Session) -> list[tuple[object, ...]]:
    return list(
        session.execute(
            select(
                LedgerEntry.time,
                LedgerEntry.product_id,
                LedgerEntry.warehouse_id,
                LedgerEntry.kind,
                LedgerEntry.delta,
                LedgerEntry.reserved_delta,
                LedgerEntry.qty_before,
                LedgerEntry.qty_after,
                LedgerEntry.note,
                LedgerEntry.order_line_id,
            ).order_by(LedgerEntry.id)
        )
    )


# -- determinism and consistency ------------------------------------------------------------


def test_same_seed_and_day_give_the_same_book(tmp_path: Path) -> None:
    books = [open_book(tmp_path / f"{n}.sqlite3") for n in range(3)]
    try:
        for book, seed in zip(books, (3, 3, 4), strict=True):
            fill_demo(book, skus=120, seed=seed, today=TODAY)
        ledgers = []
        for book in books:
            with book.read() as session:
                ledgers.append(_ledger(session))
        assert ledgers[0] == ledgers[1]
        assert ledgers[0] != ledgers[2]
    finally:
        for book in books:
            book.close()


def test_the_portable_writer_writes_the_same_ledger(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On SQLite the ledger goes to the driver directly as text; elsewhere (PostgreSQL) through
    Core as datetimes. Both must give the same book."""
    books = [open_book(tmp_path / f"{n}.sqlite3") for n in range(2)]
    try:
        fill_demo(books[0], skus=60, seed=5, today=TODAY)
        monkeypatch.setattr(demo_module, "_sqlite_time_format_matches", lambda conn: False)
        fill_demo(books[1], skus=60, seed=5, today=TODAY)
        ledgers = []
        for book in books:
            with book.read() as session:
                ledgers.append(_ledger(session))
        assert ledgers[0] == ledgers[1]
    finally:
        for book in books:
            book.close()


@pytest.mark.sqlite_only
def test_ledger_indexes_are_as_the_schema_has_them(demo: tuple[Book, str], book: Book) -> None:
    """The bulk load drops and rebuilds an index; afterwards the schema equals a new book's."""
    query = text(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ledger' "
        "ORDER BY name"
    )
    with demo[0].read() as filled, book.read() as fresh:
        assert filled.execute(query).all() == fresh.execute(query).all()


def test_stock_table_equals_the_ledger_sums(s: Session) -> None:
    assert ledger_mismatches(s) == []


def test_every_pair_history_is_a_valid_chain(s: Session) -> None:
    """SPEC §4 at every point in time: on hand never below zero nor below what is reserved;
    qty_before/qty_after follow each other per pair in time order."""
    rows = s.execute(
        select(
            LedgerEntry.product_id,
            LedgerEntry.warehouse_id,
            LedgerEntry.delta,
            LedgerEntry.reserved_delta,
            LedgerEntry.qty_before,
            LedgerEntry.qty_after,
        ).order_by(
            LedgerEntry.product_id, LedgerEntry.warehouse_id, LedgerEntry.time, LedgerEntry.id
        )
    )
    state: dict[tuple[int, int], tuple[int, int]] = {}
    for pid, wid, delta, reserved_delta, before, after in rows:
        on_hand, reserved = state.get((pid, wid), (0, 0))
        assert before == on_hand
        assert after == on_hand + delta
        on_hand, reserved = after, reserved + reserved_delta
        assert 0 <= reserved <= on_hand
        state[(pid, wid)] = (on_hand, reserved)
    assert len(state) == s.scalar(select(func.count()).select_from(Stock))


def test_nothing_is_dated_after_the_early_morning_of_today(s: Session) -> None:
    assert s.scalar(select(func.max(LedgerEntry.time))) < _day(0) + dt.timedelta(hours=6)
    assert s.scalar(select(func.min(LedgerEntry.time))) >= _day(365)


def test_summary_names_the_counts(demo: tuple[Book, str], s: Session) -> None:
    summary = demo[1]
    rows = s.scalar(select(func.count()).select_from(LedgerEntry))
    orders = s.scalar(select(func.count()).select_from(SalesOrder))
    assert f"商品 {SKUS:,} 个" in summary
    assert "仓库 6 个" in summary
    assert f"库存流水 {rows:,} 行" in summary
    assert f"订单 {orders:,} 个" in summary
    assert "秒" in summary


def test_progress_is_reported(tmp_path: Path) -> None:
    calls: list[tuple[int, int, str]] = []
    book = open_book(tmp_path / "p.sqlite3")
    try:
        fill_demo(
            book, skus=30, today=TODAY, progress=lambda d, t, label: calls.append((d, t, label))
        )
    finally:
        book.close()
    assert calls
    assert all(0 <= done <= total for done, total, _ in calls)
    assert {label for _, _, label in calls} >= {"写入商品", "写入库存"}


# -- refusals ---------------------------------------------------------------------------------


def test_a_second_fill_is_refused_and_changes_nothing(demo: tuple[Book, str]) -> None:
    book = demo[0]
    with book.read() as session:
        before = session.scalar(select(func.count()).select_from(LedgerEntry))
    with pytest.raises(BadInput, match="已有 300 个商品"):
        fill_demo(book, skus=10, today=TODAY)
    with book.read() as session:
        assert session.scalar(select(func.count()).select_from(LedgerEntry)) == before


def test_a_book_with_its_own_warehouse_is_refused(book: Book) -> None:
    add_warehouse(book, "自建仓")
    with pytest.raises(BadInput, match="商家仓"):
        fill_demo(book, skus=10, today=TODAY)


def test_a_non_positive_size_is_refused(book: Book) -> None:
    with pytest.raises(BadInput):
        fill_demo(book, skus=0, today=TODAY)


# -- warehouses, coverage ---------------------------------------------------------------------


def test_demo_addresses_are_real_regions() -> None:
    regions = load_regions()
    for wh in WAREHOUSES:
        assert regions.get(regions.resolve(wh.address).code).level == 4, wh.address
    for _, group in REGIONS:
        for address in group:
            assert regions.get(regions.resolve(address.path).code).level >= 3, address
    for path in PRIORITIES:
        regions.resolve(path)


def test_warehouses_have_real_four_level_addresses(s: Session) -> None:
    regions = load_regions()
    rows = s.scalars(select(Warehouse).order_by(Warehouse.id)).all()
    assert len(rows) == 6
    national = [w for w in rows if w.is_national]
    assert len(national) == 1 and national[0].region_code is None
    real = {w.name: w for w in rows if not w.is_national}
    assert set(real) == {"华东仓", "华南仓", "华北仓", "西南仓", "华中仓"}
    for wh in real.values():
        assert wh.region_code is not None and len(regions.path_names(wh.region_code)) == 4
        assert wh.address_detail
    assert regions.path_names(real["华东仓"].region_code or "")[:3] == [
        "上海市",
        "市辖区",
        "嘉定区",
    ]
    assert [w.name for w in real.values() if w.paused] == ["华中仓"]


def test_priority_lists(s: Session) -> None:
    regions = load_regions()
    names = dict(s.execute(select(Warehouse.id, Warehouse.name)).all())
    lists: dict[str, list[tuple[int | None, str]]] = defaultdict(list)
    for code, wid, rank in s.execute(
        select(PriorityEntry.region_code, PriorityEntry.warehouse_id, PriorityEntry.rank)
    ):
        lists[code].append((rank, names[wid]))
    assert sorted(lists["0"]) == [
        (1, "华东仓"),
        (2, "华北仓"),
        (3, "华南仓"),
        (4, "西南仓"),
        (5, "华中仓"),
    ]
    assert sorted(lists[regions.resolve("广东").code]) == [(1, "华南仓"), (2, "华东仓")]
    assert sorted(lists[regions.resolve("四川").code]) == [(1, "西南仓"), (2, "华南仓")]
    assert sorted(lists[regions.resolve("北京").code]) == [(1, "华北仓"), (2, "华东仓")]
    banned = [(code, name) for code, entries in lists.items() for r, name in entries if r is None]
    assert banned
    assert "商家全国仓" not in {name for entries in lists.values() for _, name in entries}


# -- products ---------------------------------------------------------------------------------


def test_ean13_check_digit() -> None:
    assert ean13("400638133393") == "4006381333931"
    assert ean13("978030640615") == "9780306406157"
    with pytest.raises(ValueError):
        ean13("12345")


def _valid_ean13(code: str) -> bool:
    digits = [int(c) for c in code]
    return (
        len(digits) == 13 and sum(d * (3 if i % 2 else 1) for i, d in enumerate(digits)) % 10 == 0
    )


def test_products_have_every_field_filled_sensibly(s: Session) -> None:
    products = s.scalars(select(Product)).all()
    assert len(products) == SKUS
    text_fields = (
        "name", "brand", "model", "spec", "category1", "category2", "category3", "unit",
        "barcode", "packing_list", "warranty", "origin", "manufacturer", "labels",
    )  # fmt: skip
    for p in products:
        for field in text_fields:
            assert getattr(p, field), (p.code, field)
        assert _valid_ean13(p.barcode) and p.barcode.startswith("69"), p.barcode
        prices = (p.purchase_price, p.jd_price, p.market_price)
        assert all(isinstance(v, Decimal) and v == v.quantize(Decimal("0.01")) for v in prices)
        assert p.purchase_price is not None and p.jd_price is not None
        assert p.market_price is not None and 0 < p.purchase_price < p.jd_price < p.market_price
        assert p.tax_rate == Decimal("13")
        assert p.weight_kg and p.length_cm and p.width_cm and p.height_cm
        assert p.spot_hours in (24, 48)
        assert p.futures_hours is not None and 72 <= p.futures_hours <= 480
        assert p.futures_quota >= 0 and (p.preorder or p.futures_quota == 0)
        assert p.jd_sku or not p.listed  # JD generates the SKU id before listing
    assert len({p.barcode for p in products}) == SKUS
    assert len({p.code for p in products}) == SKUS
    assert 0.75 < sum(p.listed for p in products) / SKUS < 0.95
    assert any(p.preorder and p.futures_quota > 0 for p in products)


def test_category_standards_cover_every_category(s: Session) -> None:
    standards = dict(
        s.execute(select(CategoryStandard.category3, CategoryStandard.ship_hours)).all()
    )
    assert all(72 <= hours <= 240 for hours in standards.values())
    used = set(s.scalars(select(Product.category3)))
    assert used <= set(standards)
    over = s.scalar(
        select(func.count())
        .select_from(Product)
        .join(CategoryStandard, CategoryStandard.category3 == Product.category3)
        .where(Product.futures_hours > CategoryStandard.ship_hours)
    )
    assert over  # a few breaches of rule 21 for the compliance list


def test_alert_rules(s: Session) -> None:
    rules = s.execute(
        select(AlertRule.kind, AlertRule.product_id, AlertRule.warehouse_id, AlertRule.qty,
               AlertRule.days)
    ).all()  # fmt: skip
    assert ("slow", None, None, None, Decimal("90")) in rules
    assert ("safety", None, None, None, Decimal("7")) in rules
    per_sku = [r for r in rules if r.kind == "safety" and r.product_id is not None]
    assert per_sku and all(r.qty and r.days is None for r in per_sku)
    assert all((r.qty is None) != (r.days is None) for r in rules if r.kind == "safety")


# -- stock and history ------------------------------------------------------------------------


def _available_by_sku(s: Session) -> dict[int, int]:
    rows = s.execute(
        select(Stock.product_id, func.sum(Stock.on_hand - Stock.reserved))
        .join(Warehouse, Warehouse.id == Stock.warehouse_id)
        .where(Warehouse.paused.is_(False))
        .group_by(Stock.product_id)
    )
    return {pid: int(avail) for pid, avail in rows}


def _last_row_by_sku(s: Session) -> dict[int, dt.datetime]:
    return dict(
        s.execute(
            select(LedgerEntry.product_id, func.max(LedgerEntry.time)).group_by(
                LedgerEntry.product_id
            )
        ).all()
    )


def _ship_days(s: Session) -> dict[int, set[dt.date]]:
    days: dict[int, set[dt.date]] = defaultdict(set)
    for pid, at in s.execute(
        select(LedgerEntry.product_id, LedgerEntry.time).where(
            LedgerEntry.kind == LedgerKind.SHIP.value
        )
    ):
        days[pid].add(at.date())
    return days


def test_most_skus_are_stocked_in_two_to_four_warehouses(s: Session) -> None:
    counts = [
        n for (n,) in s.execute(select(func.count()).select_from(Stock).group_by(Stock.product_id))
    ]
    assert sum(2 <= n <= 4 for n in counts) / len(counts) > 0.95


def test_fast_movers_ship_most_days(s: Session) -> None:
    recent = {d for d in range(60)}
    best = max(
        len({(TODAY - day).days for day in days} & recent) for days in _ship_days(s).values()
    )
    assert best >= 40


def test_shipments_in_the_last_seven_days(s: Session) -> None:
    shipped = s.scalar(
        select(func.count(func.distinct(LedgerEntry.product_id)))
        .join(Product, Product.id == LedgerEntry.product_id)
        .where(
            LedgerEntry.kind == LedgerKind.SHIP.value,
            LedgerEntry.time >= _day(6),
            Product.listed.is_(True),
        )
    )
    assert shipped and shipped >= 5


def test_dormant_stock_untouched_for_sixty_days(s: Session) -> None:
    available = _available_by_sku(s)
    last = _last_row_by_sku(s)
    listed = set(s.scalars(select(Product.id).where(Product.listed.is_(True))))
    dormant = [p for p in listed if available.get(p, 0) > 0 and last[p] < _day(60)]
    assert dormant


def test_skus_that_stopped_selling(s: Session) -> None:
    """With stock, sold before, but no sale in the last 30 (and for some, 90) days."""
    available = _available_by_sku(s)
    ships = _ship_days(s)
    last_sale = {pid: max(days) for pid, days in ships.items()}
    no30 = [p for p, day in last_sale.items() if day < _day(29).date() and available.get(p, 0)]
    no90 = [p for p, day in last_sale.items() if day < _day(89).date() and available.get(p, 0)]
    assert no30 and no90


def test_out_of_stock_pairs_with_a_recent_shipment(s: Session) -> None:
    """SPEC §6 无货: available ≤ 0 on an enabled warehouse of a listed SKU that shipped in
    D-89..D; here the pair itself shipped in the last 30 days, so it ran dry lately."""
    rows = s.execute(
        select(Stock.product_id, Stock.warehouse_id)
        .join(Warehouse, Warehouse.id == Stock.warehouse_id)
        .join(Product, Product.id == Stock.product_id)
        .where(
            Stock.on_hand - Stock.reserved <= 0,
            Warehouse.paused.is_(False),
            Product.listed.is_(True),
        )
    ).all()
    recent = set(
        s.execute(
            select(LedgerEntry.product_id, LedgerEntry.warehouse_id).where(
                LedgerEntry.kind == LedgerKind.SHIP.value, LedgerEntry.time >= _day(29)
            )
        ).all()
    )
    assert [pair for pair in rows if tuple(pair) in recent]


def test_paused_warehouse_keeps_its_stock_and_stands_still(s: Session) -> None:
    paused = s.scalar(select(Warehouse.id).where(Warehouse.paused.is_(True)))
    held = s.scalar(select(func.sum(Stock.on_hand)).where(Stock.warehouse_id == paused))
    assert held and held > 0
    # Paused 40 days ago: since then no order is routed to it, nothing arrives, nobody counts.
    assert s.scalar(
        select(func.max(LedgerEntry.time)).where(LedgerEntry.warehouse_id == paused)
    ) < _day(40)


def test_every_kind_of_movement_exists(s: Session) -> None:
    kinds = set(s.scalars(select(LedgerEntry.kind).distinct()))
    assert kinds >= {
        LedgerKind.INBOUND.value,
        LedgerKind.SHIP.value,
        LedgerKind.COUNT.value,
        LedgerKind.RESERVE.value,
        LedgerKind.CANCEL.value,
        LedgerKind.RETURN.value,
        LedgerKind.MANUAL.value,
    }


# -- orders -----------------------------------------------------------------------------------


def test_orders_match_their_ledger_rows(s: Session) -> None:
    by_line: dict[int, dict[str, int]] = defaultdict(dict)
    for line_id, kind, delta, reserved_delta in s.execute(
        select(
            LedgerEntry.order_line_id,
            LedgerEntry.kind,
            LedgerEntry.delta,
            LedgerEntry.reserved_delta,
        ).where(LedgerEntry.order_line_id.is_not(None))
    ):
        by_line[line_id][kind] = delta if kind == LedgerKind.SHIP.value else reserved_delta
    statuses: dict[str, int] = defaultdict(int)
    open_reserved = 0
    for order in s.scalars(select(SalesOrder)):
        statuses[order.status] += 1
        for line in order.lines:
            rows = by_line.get(line.id, {})
            if line.kind == "futures":
                assert order.status == "allocated" and not rows
                continue
            assert rows["reserve"] == line.qty
            if order.status == "shipped":
                assert rows == {"reserve": line.qty, "ship": -line.qty}
                assert order.shipped_at is not None and order.shipped_at >= order.ordered_at
            elif order.status == "cancelled":
                assert rows == {"reserve": line.qty, "cancel": -line.qty}
            else:
                assert order.status == "allocated" and rows == {"reserve": line.qty}
                open_reserved += line.qty
    assert statuses["allocated"] and statuses["shipped"] and statuses["cancelled"]
    assert open_reserved == s.scalar(select(func.sum(Stock.reserved)))


def test_spot_lines_ship_from_their_address_support_chain(s: Session) -> None:
    """Demand is routed as SPEC §3 routes it: a spot line's warehouse is in the chain of the
    order's address, as services.routing builds that chain now."""
    rows = s.execute(
        select(SalesOrder.region_code, OrderLine.warehouse_id)
        .join(OrderLine, OrderLine.order_id == SalesOrder.id)
        .where(OrderLine.kind == "spot")
    ).all()
    chains: dict[str, list[int]] = {}
    for code, wid in rows:
        if code not in chains:
            chains[code] = chain_for(s, code)[0]
        assert wid in chains[code], (code, wid)
