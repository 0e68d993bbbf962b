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
from dataclasses import replace

from sqlalchemy import (
    CTE,
    ColumnElement,
    Integer,
    Select,
    and_,
    case,
    cast,
    exists,
    func,
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


def pairs_cte(w: Windows, newest: dt.datetime | None) -> CTE:
    """Every pair existing at the end of D: enabled (0/1), on hand, reserved, sales30, ship7
    (shipped in D-6..D) and touched30 (any row in D-29..D).

    `newest` is the time of the newest ledger row; only when it is after D are rows after D read
    (to subtract them), and the scan is then bounded by it so that both ends of the time index
    range are known (SQLite's planner picks the time index only for a two-sided range)."""
    late = newest is not None and newest >= w.end
    is_ship = L.kind == SHIP
    if late:
        before_end = L.time < w.end
        moves = select(
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
    m = moves.group_by(L.product_id, L.warehouse_id).subquery("moves")
    enabled = case((and_(Warehouse.paused.is_(False), Warehouse.deleted.is_(False)), 1), else_=0)
    on_hand, reserved = Stock.on_hand, Stock.reserved
    if late:
        on_hand = on_hand - func.coalesce(m.c.late_delta, 0)
        reserved = reserved - func.coalesce(m.c.late_reserved, 0)
        touched = func.coalesce(m.c.touched30, 0)
    else:
        touched = case((m.c.pid.is_(None), 0), else_=1)
    query = (
        select(
            Stock.product_id.label("pid"),
            Stock.warehouse_id.label("wid"),
            enabled.label("enabled"),
            on_hand.label("on_hand"),
            reserved.label("reserved"),
            func.coalesce(m.c.sales30, 0).label("sales30"),
            func.coalesce(m.c.ship7, 0).label("ship7"),
            touched.label("touched30"),
        )
        .join(Warehouse, Warehouse.id == Stock.warehouse_id)
        .outerjoin(m, and_(m.c.pid == Stock.product_id, m.c.wid == Stock.warehouse_id))
    )
    if late:
        # A pair with rows after D existed on D only if it also has one up to the end of D.
        older = exists().where(
            L.product_id == Stock.product_id,
            L.warehouse_id == Stock.warehouse_id,
            L.time < w.end,
        )
        query = query.where(or_(m.c.pid.is_(None), m.c.late == 0, m.c.touched30 == 1, older))
    return query.cte("pairs")


def facts_query(day: dt.date, newest: dt.datetime | None) -> Select:
    """One row per SKU with pairs (kind 0) and one per pair a per-pair alert may name (kind 1).

    SKU rows: (0, pid, NULL, available over enabled warehouses, NULL, sales30 over all
    warehouses, ship7, touched30). Pair rows: (1, pid, wid, on hand, reserved, sales30, NULL,
    NULL) for enabled pairs with available ≤ 0 or whose SKU shipped in D-6..D (`pair_may_alert`;
    listing is checked by the caller). Sending only those keeps ~5× fewer rows than all pairs."""
    p = pairs_cte(Windows.of(day), newest)
    none = cast(null(), Integer)
    skus = select(
        literal(SKU_ROW, Integer).label("kind"),
        p.c.pid,
        none.label("wid"),
        func.sum(case((p.c.enabled == 1, p.c.on_hand - p.c.reserved), else_=0)).label("a"),
        none.label("b"),
        func.sum(p.c.sales30).label("sales30"),
        func.max(p.c.ship7).label("c"),
        func.max(p.c.touched30).label("d"),
    ).group_by(p.c.pid)
    shipped7 = select(p.c.pid).where(p.c.ship7 == 1)
    pairs = select(
        literal(PAIR_ROW, Integer),
        p.c.pid,
        p.c.wid,
        p.c.on_hand,
        p.c.reserved,
        p.c.sales30,
        none,
        none,
    ).where(
        p.c.enabled == 1,
        or_(p.c.on_hand - p.c.reserved <= 0, p.c.pid.in_(shipped7)),
    )
    return union_all(skus, pairs)  # type: ignore[return-value]


def every_pair_query(day: dt.date, newest: dt.datetime | None) -> Select:
    """(pid, wid, on hand, reserved, sales30) of every pair in an enabled warehouse."""
    p = pairs_cte(Windows.of(day), newest)
    return select(p.c.pid, p.c.wid, p.c.on_hand, p.c.reserved, p.c.sales30).where(p.c.enabled == 1)


def shipped_since_query(product_ids: Sequence[int], since: dt.datetime, end: dt.datetime) -> Select:
    """The SKUs among `product_ids` with a 发货 row in [since, end), any warehouse."""
    return (
        select(L.product_id)
        .where(L.product_id.in_(product_ids), L.kind == SHIP, L.time >= since, L.time < end)
        .group_by(L.product_id)
    )


def last_change_query(product_ids: Sequence[int], day: dt.date) -> Select:
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


def load_rules(session: Session) -> list[Rule]:
    rows = session.execute(
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
        .order_by(AlertRule.id)
    )
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


def _products(session: Session) -> dict[int, tuple[str, bool]]:
    rows = session.execute(select(Product.id, Product.code, Product.listed))
    return {pid: (code, bool(listed)) for pid, code, listed in rows}


def _warehouse_names(session: Session) -> dict[int, str]:
    return {wid: name for wid, name in session.execute(select(Warehouse.id, Warehouse.name))}


def load_alert_facts(session: Session, day: dt.date) -> AlertFacts:
    """Every fact the alerts of day D need, in a handful of queries whatever the book's size."""
    products = _products(session)
    names = _warehouse_names(session)
    sku_rows: dict[int, tuple[int, int, bool, bool]] = {}
    pairs: list[PairFacts] = []
    query = facts_query(day, newest_ledger_time(session))
    for kind, pid, wid, a, b, sales30, c, d in session.connection().execute(query):
        if kind == SKU_ROW:
            sku_rows[pid] = (int(a), int(sales30), bool(c), bool(d))
            continue
        code, listed = products[pid]
        if listed:
            pairs.append(PairFacts(code, names[wid], True, a, b, int(sales30)))
    skus: dict[str, SkuFacts] = {}
    for pid, (code, listed) in products.items():
        available, sales30, ship7, touched30 = sku_rows.get(pid, (0, 0, False, False))
        # Shipped in 7 days implies shipped in 90; the others are looked up when needed.
        skus[code] = SkuFacts(code, listed, available, sales30, ship7, ship7, touched30)
    facts = AlertFacts(day, skus, pairs, RuleBook.of(load_rules(session)))
    _fill_candidates(session, facts, {code: pid for pid, (code, _) in products.items()})
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
                skus[code] = replace(skus[code], shipped_in_90=True)
    dormant = dormant_candidates(facts)
    if dormant:
        last = last_change_days(session, (ids[c] for c in dormant), facts.day)
        for code in dormant:
            skus[code] = replace(skus[code], last_change=last.get(ids[code]))


def load_pair_facts(session: Session, day: dt.date) -> list[PairFacts]:
    """Every pair of a listed SKU in an enabled warehouse as of D (replenishment needs them all)."""
    products = _products(session)
    names = _warehouse_names(session)
    query = every_pair_query(day, newest_ledger_time(session))
    out = []
    for pid, wid, on_hand, reserved, sales30 in session.connection().execute(query):
        code, listed = products[pid]
        if listed:
            out.append(PairFacts(code, names[wid], True, on_hand, reserved, int(sales30)))
    return out
