"""The facts behind the alerts (SPEC §6) as of a business day D, aggregated in the database.

Each question is one SQL statement with its GROUP BY in the database (SQLite and PostgreSQL):
- per SKU and per pair: quantities at the end of D, 30-day sales and flags (`facts_query`);
- the 90-day shipment flag, only for SKUs with an out-of-stock candidate pair;
- the day of the last ledger row, only for dormant candidates.

Quantities come from the `stock` table minus the ledger rows after D. LedgerWriter keeps the
stock table equal to the ledger sums (`jdstock check` verifies it) with a row for exactly the pairs
some ledger row names, so for D = today nothing is subtracted and only the last 30 days of the
ledger are read, through the time index, whatever the age of the book.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    CTE,
    BigInteger,
    ColumnElement,
    FromClause,
    Integer,
    Select,
    SQLColumnExpression,
    and_,
    case,
    cast,
    exists,
    func,
    join,
    literal,
    null,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from jdstock_desktop.domain.alerts import (
    AlertFacts,
    PairFacts,
    Rule,
    RuleBook,
    RuleKind,
    SkuFacts,
    Windows,
    dormant_candidates,
    out_of_stock_candidates,
)
from jdstock_desktop.domain.stock import LedgerKind
from jdstock_desktop.storage.models import AlertRule, LedgerEntry, Product, Stock, Warehouse

L = LedgerEntry
SHIP = LedgerKind.SHIP.value
IN_CHUNK = 5_000  # ids per IN list: below SQLite's and psycopg's bound-parameter limits
SKU_ROW, PAIR_ROW = 0, 1


def _flag(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.max(case((condition, 1), else_=0))


@dataclass(frozen=True)
class PairSource:
    """stock ⋈ warehouse ⟕ moves: per pair at the end of D, the figures below; `existed` is
    the condition that the pair existed on D (None when every stock row's pair did)."""

    from_: FromClause
    moves: CTE  # per pair: pid, wid, sales30, ship7 [, touched30, late, late_delta, late_reserved]
    late: bool  # D is before the newest ledger row: later rows are subtracted
    on_hand: SQLColumnExpression[int]
    reserved: SQLColumnExpression[int]
    sales30: SQLColumnExpression[int]
    ship7: SQLColumnExpression[int]  # 0/1: shipped from this pair in D-6..D
    touched30: SQLColumnExpression[int]  # 0/1: any row of this pair in D-29..D
    existed: ColumnElement[bool] | None

    @property
    def available(self) -> SQLColumnExpression[int]:
        return self.on_hand - self.reserved


ENABLED = and_(Warehouse.paused.is_(False), Warehouse.deleted.is_(False))


def pair_source(w: Windows, newest: dt.datetime | None) -> PairSource:
    """Quantities from the stock table, window figures from one GROUP BY over the ledger rows of
    D-29..D (`moves`, a CTE the queries below read more than once: computed once).

    `newest` is the time of the newest ledger row; only when it is after D are rows after D read
    (to subtract them), and the scan is then bounded by it so that both ends of the time index
    range are known (SQLite's planner picks the time index only for a two-sided range)."""
    late = newest is not None and newest >= w.end
    is_ship = L.kind == SHIP
    if late:
        before_end = L.time < w.end
        moves: Select[*tuple[Any, ...]] = select(
            L.product_id.label("pid"),
            L.warehouse_id.label("wid"),
            func.sum(case((and_(is_ship, before_end), -L.delta), else_=0)).label("sales30"),
            _flag(and_(is_ship, L.time >= w.start7, before_end)).label("ship7"),
            _flag(before_end).label("touched30"),
            _flag(L.time >= w.end).label("late"),
            func.sum(case((L.time >= w.end, L.delta), else_=0)).label("late_delta"),
            func.sum(case((L.time >= w.end, L.reserved_delta), else_=0)).label("late_reserved"),
        ).where(L.time >= w.start30, L.time <= newest)
    else:
        moves = select(
            L.product_id.label("pid"),
            L.warehouse_id.label("wid"),
            func.sum(case((is_ship, -L.delta), else_=0)).label("sales30"),
            _flag(and_(is_ship, L.time >= w.start7)).label("ship7"),
        ).where(L.time >= w.start30, L.time < w.end)
    m = moves.group_by(L.product_id, L.warehouse_id).cte("moves")
    from_ = join(Stock, Warehouse, Warehouse.id == Stock.warehouse_id).outerjoin(
        m, and_(m.c.pid == Stock.product_id, m.c.wid == Stock.warehouse_id)
    )
    if not late:
        return PairSource(
            from_,
            m,
            False,
            Stock.on_hand,
            Stock.reserved,
            func.coalesce(m.c.sales30, 0),
            func.coalesce(m.c.ship7, 0),
            case((m.c.pid.is_(None), 0), else_=1),
            None,
        )
    # A pair with rows after D existed on D only if it also has one up to the end of D.
    older = exists().where(
        L.product_id == Stock.product_id,
        L.warehouse_id == Stock.warehouse_id,
        L.time < w.end,
    )
    return PairSource(
        from_,
        m,
        True,
        Stock.on_hand - func.coalesce(m.c.late_delta, 0),
        Stock.reserved - func.coalesce(m.c.late_reserved, 0),
        func.coalesce(m.c.sales30, 0),
        func.coalesce(m.c.ship7, 0),
        func.coalesce(m.c.touched30, 0),
        or_(m.c.pid.is_(None), m.c.late == 0, m.c.touched30 == 1, older),
    )


def _where(
    query: Select[*tuple[Any, ...]], condition: ColumnElement[bool] | None
) -> Select[*tuple[Any, ...]]:
    return query if condition is None else query.where(condition)


ENABLED_IDS = select(Warehouse.id).where(ENABLED)


def facts_query(day: dt.date, newest: dt.datetime | None) -> Select[Any]:
    """One row per SKU with pairs (kind 0) and one per pair a per-pair alert may name (kind 1).

    SKU rows: (0, pid, NULL, available over enabled warehouses, NULL, sales30 over all
    warehouses, ship7, touched30). Pair rows: (1, pid, wid, on hand, reserved, sales30, NULL,
    NULL) for enabled pairs with available ≤ 0 or whose SKU shipped in D-6..D (`pair_may_alert`;
    listing is checked by the caller): ~5× fewer rows than all pairs.

    SKU figures are two per-SKU sums joined by SKU: the stock table's, streamed in its primary
    key order (no sort), and the moves'. A pair that did not exist yet on D adds 0 to both (its
    stock is exactly its later rows), so only pair rows need the existence test."""
    src = pair_source(Windows.of(day), newest)
    m = src.moves
    enabled_stock = Stock.warehouse_id.in_(ENABLED_IDS)
    stock = (
        select(
            Stock.product_id.label("pid"),
            func.sum(case((enabled_stock, Stock.on_hand - Stock.reserved), else_=0)).label("a"),
        )
        .group_by(Stock.product_id)
        .subquery("stock_by_sku")
    )
    late_available: SQLColumnExpression[int] = literal(0, Integer)
    touched: SQLColumnExpression[int] = literal(1, Integer)
    if src.late:
        late_available = func.sum(
            case((m.c.wid.in_(ENABLED_IDS), m.c.late_delta - m.c.late_reserved), else_=0)
        )
        touched = func.max(m.c.touched30)
    moved = (
        select(
            m.c.pid,
            func.sum(m.c.sales30).label("sales30"),
            func.max(m.c.ship7).label("ship7"),
            touched.label("touched30"),
            late_available.label("late_available"),
        )
        .group_by(m.c.pid)
        .subquery("moves_by_sku")
    )
    none = cast(null(), Integer)
    skus = select(
        literal(SKU_ROW, Integer).label("kind"),
        stock.c.pid,
        none.label("wid"),
        # Sums of sums are NUMERIC on PostgreSQL (Decimal in Python): cast back to whole numbers,
        # so that facts, reports and their JSON are the same on both back ends.
        cast(stock.c.a - func.coalesce(moved.c.late_available, 0), BigInteger).label("a"),
        none.label("b"),
        cast(func.coalesce(moved.c.sales30, 0), BigInteger).label("sales30"),
        func.coalesce(moved.c.ship7, 0).label("c"),
        func.coalesce(moved.c.touched30, 0).label("d"),
    ).outerjoin(moved, moved.c.pid == stock.c.pid)
    shipped7 = select(m.c.pid).where(m.c.ship7 == 1)
    pairs = _where(
        select(
            literal(PAIR_ROW, Integer),
            Stock.product_id,
            Stock.warehouse_id,
            src.on_hand,
            src.reserved,
            src.sales30,
            none,
            none,
        )
        .select_from(src.from_)
        .where(ENABLED, or_(src.available <= 0, Stock.product_id.in_(shipped7))),
        src.existed,
    )
    return union_all(skus, pairs)  # type: ignore[return-value]


def enabled_pairs_query(
    day: dt.date, newest: dt.datetime | None, available_below: int | None = None
) -> Select[Any]:
    """(pid, wid, on hand, reserved, sales30) of the pairs in enabled warehouses: all of them,
    or with `available_below` only those that sold in D-29..D or hold less than that."""
    src = pair_source(Windows.of(day), newest)
    query = _where(
        select(Stock.product_id, Stock.warehouse_id, src.on_hand, src.reserved, src.sales30)
        .select_from(src.from_)
        .where(ENABLED),
        src.existed,
    )
    if available_below is not None:
        query = query.where(or_(src.sales30 != 0, src.available < available_below))
    return query


def shipped_since_query(
    product_ids: Sequence[int], since: dt.datetime, end: dt.datetime
) -> Select[Any]:
    """The SKUs among `product_ids` with a 发货 row in [since, end), any warehouse."""
    return (
        select(L.product_id)
        .where(L.product_id.in_(product_ids), L.kind == SHIP, L.time >= since, L.time < end)
        .group_by(L.product_id)
    )


def last_change_query(product_ids: Sequence[int], day: dt.date) -> Select[Any]:
    """Per SKU: the time of its last ledger row up to the end of D, any warehouse.

    One index seek per pair on (product_id, warehouse_id, time) rather than a read of each
    SKU's whole history."""
    end = Windows.of(day).end
    latest = (
        select(func.max(L.time))
        .where(
            L.product_id == Stock.product_id,
            L.warehouse_id == Stock.warehouse_id,
            L.time < end,
        )
        .scalar_subquery()
    )
    per_pair = (
        select(Stock.product_id.label("pid"), latest.label("latest"))
        .where(Stock.product_id.in_(product_ids))
        .subquery("per_pair")
    )
    return select(per_pair.c.pid, func.max(per_pair.c.latest)).group_by(per_pair.c.pid)


def newest_ledger_time(session: Session) -> dt.datetime | None:
    return session.scalar(select(func.max(L.time)))


def rules_select() -> Select[str, str | None, str | None, int | None, Decimal | None, bool]:
    """Every alert rule as (kind, SKU code, warehouse name, qty, days, enabled), None for the
    default SKU or all warehouses: what the reports and the 预警规则 sheet read."""
    return (
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
    )


def load_rules(session: Session) -> list[Rule]:
    rows = session.execute(rules_select().order_by(AlertRule.id))
    return [
        Rule(RuleKind(kind), code, name, qty, days, bool(enabled))
        for kind, code, name, qty, days, enabled in rows
    ]


def _chunks(ids: Iterable[int]) -> Iterable[list[int]]:
    ordered = sorted(set(ids))
    for start in range(0, len(ordered), IN_CHUNK):
        yield ordered[start : start + IN_CHUNK]


def shipped_since(
    session: Session, product_ids: Iterable[int], since: dt.datetime, end: dt.datetime
) -> set[int]:
    out: set[int] = set()
    for chunk in _chunks(product_ids):
        out.update(session.scalars(shipped_since_query(chunk, since, end)))
    return out


def last_change_days(
    session: Session, product_ids: Iterable[int], day: dt.date
) -> dict[int, dt.date]:
    out: dict[int, dt.date] = {}
    for chunk in _chunks(product_ids):
        for pid, latest in session.execute(last_change_query(chunk, day)):
            if latest is not None:
                out[pid] = _as_datetime(latest).date()
    return out


def _as_datetime(value: object) -> dt.datetime:
    # MAX() over a subquery may come back as SQLite's text rather than a datetime.
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


def _listed_products(session: Session) -> dict[int, str]:
    """id -> 商品编码 of the listed SKUs: the only ones any alert looks at (SPEC §6)."""
    rows = session.execute(select(Product.id, Product.code).where(Product.listed.is_(True)))
    return {pid: code for pid, code in rows}


def _warehouse_names(session: Session) -> dict[int, str]:
    return {wid: name for wid, name in session.execute(select(Warehouse.id, Warehouse.name))}


def load_alert_facts(session: Session, day: dt.date) -> AlertFacts:
    """Every fact the alerts of day D need, in a handful of queries whatever the book's size.

    `skus` holds the listed SKUs only: delisted ones can raise no alert and count nowhere."""
    codes = _listed_products(session)
    names = _warehouse_names(session)
    sku_rows: dict[int, tuple[int, int, bool, bool]] = {}
    pairs: list[PairFacts] = []
    query = facts_query(day, newest_ledger_time(session))
    for kind, pid, wid, a, b, sales30, c, d in session.connection().execute(query).all():
        if kind == SKU_ROW:
            sku_rows[pid] = (int(a), int(sales30), bool(c), bool(d))
        elif pid in codes:
            pairs.append(PairFacts(codes[pid], names[wid], True, a, b, int(sales30)))
    skus: dict[str, SkuFacts] = {}
    no_rows = (0, 0, False, False)
    for pid, code in codes.items():
        available, sales30, ship7, touched30 = sku_rows.get(pid, no_rows)
        # Shipped in 7 days implies shipped in 90; the others are looked up when needed.
        skus[code] = SkuFacts(code, True, available, sales30, ship7, ship7, touched30)
    facts = AlertFacts(day, skus, pairs, RuleBook.of(load_rules(session)))
    _fill_candidates(session, facts, {code: pid for pid, code in codes.items()})
    return facts


def _fill_candidates(session: Session, facts: AlertFacts, ids: dict[str, int]) -> None:
    """The two facts only a few SKUs need. Filled in place: the mapping is ours until returned."""
    skus = facts.skus
    assert isinstance(skus, dict)
    w = Windows.of(facts.day)
    candidates = out_of_stock_candidates(facts)
    if candidates:
        shipped = shipped_since(session, (ids[c] for c in candidates), w.start90, w.end)
        for code in candidates:
            if ids[code] in shipped:
                skus[code] = _amended(skus[code], shipped_in_90=True)
    dormant = dormant_candidates(facts)
    if dormant:
        last = last_change_days(session, (ids[c] for c in dormant), facts.day)
        for code in dormant:
            skus[code] = _amended(skus[code], last_change=last.get(ids[code]))


def _amended(
    s: SkuFacts, *, shipped_in_90: bool | None = None, last_change: dt.date | None = None
) -> SkuFacts:
    # dataclasses.replace, minus its field introspection: tens of thousands of calls.
    return SkuFacts(
        sku=s.sku,
        listed=s.listed,
        available=s.available,
        sales30=s.sales30,
        shipped_in_7=s.shipped_in_7,
        shipped_in_90=s.shipped_in_90 if shipped_in_90 is None else shipped_in_90,
        changed_in_30=s.changed_in_30,
        last_change=last_change or s.last_change,
    )


def load_pair_facts(
    session: Session, day: dt.date, available_below: int | None = None
) -> list[PairFacts]:
    """The pairs of listed SKUs in enabled warehouses as of D: every one, or with
    `available_below` only those that sold in D-29..D or hold less than that."""
    codes = _listed_products(session)
    names = _warehouse_names(session)
    query = enabled_pairs_query(day, newest_ledger_time(session), available_below)
    return [
        PairFacts(codes[pid], names[wid], True, on_hand, reserved, int(sales30))
        for pid, wid, on_hand, reserved, sales30 in session.connection().execute(query).all()
        if pid in codes
    ]
