"""The three alert counts of each of the last days (the dashboard's 30-day chart), with the
counts of past days kept in the book so that the chart costs one report, not thirty.

A day's report (SPEC §6) is a pure function of the ledger rows up to the end of that day and of
the book's master data (listed SKUs, enabled warehouses, alert rules): the stock table minus the
later rows is the ledger up to D (LedgerWriter keeps them equal, `jdstock check` proves it). So
the counts of a past day D, once computed, stay right until

- a ledger row with a time before the end of D is added (a backdated import or change). Ledger
  rows are only ever inserted (LedgerWriter; nothing deletes one, and the only update moves
  the before/after of later rows along a backdated row's chain, which no report reads), so the
  cache keeps the highest ledger id it has seen (`ledger_mark`) and one indexed query finds the
  earliest time among the rows added since: every cached day from that time on is computed again;
- anything else a report reads changes: `master_fingerprint` hashes the alert rules, the
  warehouses (paused, deleted, name) and the set of listed SKUs, and any difference drops the
  whole cache.

The current day (and any later one) is never cached. The cache is one JSON value in the Setting
table, written best effort in its own short transaction after the counts are known: a read-only
or busy book just computes the chart again next time. Nothing here writes a ledger row.

Why the mark is safe: on SQLite writers are serialised and a new row's id is the highest so far,
so ids commit in order. On PostgreSQL ids come from a sequence and a transaction still running
may hold an id below the highest committed one; the mark is moved on only when no transaction was
inserting into the ledger once it was read (`ledger_state`), else the previous mark is kept (a
lower mark only costs recomputation).

On the 100,000-SKU demo book (3.1 million ledger rows, 2 CPUs; `bench/bench_alerts.py
--history`): the first chart 48.8 s (30 reports), the next ones 1.3 s (today's report) or 0.03 s
when the page hands over its own report of today; the fingerprint 0.02 s, the ledger checks
under 0.01 s.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sqlalchemy import BigInteger, Connection, func, insert, literal, select, text, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from jdstock_desktop import __version__
from jdstock_desktop.domain.alerts import AlertReport
from jdstock_desktop.errors import JdStockError
from jdstock_desktop.services.alerts import alerts_report
from jdstock_desktop.storage.db import Book
from jdstock_desktop.storage.models import AlertRule, LedgerEntry, Product, Setting, Warehouse

log = logging.getLogger(__name__)

HISTORY_DAYS = 30
CACHE_KEY = "alert_history_cache"
# Bump when a report's rules change: counts computed by older code must not be reused.
CACHE_FORMAT = 1
KEEP_DAYS = 400  # cached days older than this before today are dropped
WRITE_WAIT_MS = 300  # how long the cache write may wait for another writer's lock
# An order-independent hash of the listed ids: sum of (id × K mod P) with a 64-bit-safe K.
_HASH_K, _HASH_P = 2654435761, 4294967311

Step = Callable[[int, int], bool]  # (done, total) -> False when cancelled


@dataclass(frozen=True, slots=True)
class DayCounts:
    day: dt.date
    out_of_stock: int
    safety: int
    slow_moving: int

    @classmethod
    def of(cls, report: AlertReport) -> DayCounts:
        d = report.dashboard
        return cls(report.day, d.out_of_stock_alerts, d.safety_alerts, d.slow_moving_alerts)


# -- what a cached day depends on ----------------------------------------------------------------


def master_fingerprint(s: Session) -> str:
    """A hash of everything a report reads besides the ledger: alert rules, warehouses and the
    set of listed SKUs (product codes are not in it: rules and facts both reach a SKU by id)."""
    h = hashlib.sha256(f"{CACHE_FORMAT}|{__version__}".encode())
    w = Warehouse
    for row in s.execute(select(w.id, w.name, w.paused, w.deleted).order_by(w.id)):
        h.update(repr(("w", *row)).encode())
    r = AlertRule
    rules = select(r.id, r.kind, r.product_id, r.warehouse_id, r.qty, r.days, r.enabled)
    for rid, kind, pid, wid, qty, days, enabled in s.execute(rules.order_by(r.id)):
        days_text = None if days is None else f"{days:.4f}"
        h.update(repr(("r", rid, kind, pid, wid, qty, days_text, bool(enabled))).encode())
    ids = Product.id
    listed = s.execute(
        select(
            func.count(),
            func.sum(ids),
            func.sum((ids * literal(_HASH_K, BigInteger)) % _HASH_P),
            func.max(ids),
        ).where(Product.listed.is_(True))
    ).one()
    h.update(repr(("p", *(None if v is None else int(v) for v in listed))).encode())
    return h.hexdigest()


@dataclass(frozen=True, slots=True)
class LedgerState:
    max_id: int  # the highest ledger id committed (0: no row)
    settled: bool  # no write transaction was in progress: no lower id can still commit


# Transactions of this database that hold the ledger's insert lock: they may be inserting rows.
LEDGER_WRITERS = text(
    "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'relation' "
    "AND relation = to_regclass('ledger') AND mode = 'RowExclusiveLock' "
    "AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
    "AND pid IS DISTINCT FROM pg_backend_pid())"
)


def ledger_state(s: Session) -> LedgerState:
    """The highest ledger id, and whether every row up to it is committed or never will be.

    PostgreSQL: an INSERT takes the table's RowExclusiveLock before it draws ids from the
    sequence and holds it to the end of its transaction, so no such lock after the max was read
    means no row below it can still commit (one that committed meanwhile is seen by the queries
    that follow). SQLite: writers are serialised and take the next id, so ids commit in order."""
    max_id = s.scalar(select(func.max(LedgerEntry.id))) or 0
    if s.get_bind().dialect.name != "postgresql":
        return LedgerState(max_id, True)
    return LedgerState(max_id, not s.scalar(LEDGER_WRITERS))


def first_time_after(s: Session, mark: int) -> dt.datetime | None:
    """The earliest time among the ledger rows added since `mark` (None: none added)."""
    # min() of an expression, not of the column: else SQLite walks the whole time index looking
    # for ids above the mark (0.1 s at 3 million rows) instead of reading the few new rows.
    t = LedgerEntry.time
    value = s.scalar(select(func.min(func.coalesce(t, t))).where(LedgerEntry.id > mark))
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


# -- the stored cache ----------------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryCache:
    fingerprint: str
    ledger_mark: int
    days: dict[dt.date, tuple[int, int, int]]

    def dumps(self) -> str:
        return json.dumps(
            {
                "format": CACHE_FORMAT,
                "fingerprint": self.fingerprint,
                "ledger_mark": self.ledger_mark,
                "days": {d.isoformat(): list(c) for d, c in sorted(self.days.items())},
            },
            separators=(",", ":"),
        )

    @classmethod
    def loads(cls, value: str | None) -> HistoryCache | None:
        """The cache in `value`, or None when missing, of another format or damaged."""
        if not value:
            return None
        try:
            data = json.loads(value)
            if data["format"] != CACHE_FORMAT:
                return None
            fingerprint, mark = data["fingerprint"], data["ledger_mark"]
            if not isinstance(fingerprint, str) or type(mark) is not int or mark < 0:
                return None
            days: dict[dt.date, tuple[int, int, int]] = {}
            for key, counts in data["days"].items():
                values = tuple(counts)
                if len(values) != 3 or any(type(v) is not int or v < 0 for v in values):
                    return None
                days[dt.date.fromisoformat(key)] = values
        except (ValueError, TypeError, KeyError, AttributeError):
            return None
        return cls(fingerprint, mark, days)


def _read_cache(s: Session) -> HistoryCache | None:
    return HistoryCache.loads(s.scalar(select(Setting.value).where(Setting.key == CACHE_KEY)))


def _write_cache(book: Book, cache: HistoryCache) -> bool:
    """Store `cache` if the master data still is what its days were computed from. Best effort:
    False when the book is read-only, busy or changed meanwhile; never raises a database error."""
    try:
        with book.engine.connect() as conn:
            sqlite = conn.dialect.name == "sqlite"
            try:
                if sqlite:  # a deferred BEGIN (no write lock yet), then a short wait for it
                    conn.exec_driver_sql(f"PRAGMA busy_timeout={WRITE_WAIT_MS}")
                else:
                    conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{WRITE_WAIT_MS}ms'")
                with Session(bind=conn) as s:
                    if master_fingerprint(s) != cache.fingerprint:
                        return False  # a rule or listing changed while the days were computed
                _put_setting(conn, cache.dumps())
                conn.commit()
                return True
            finally:
                if sqlite:  # never hand the short busy timeout back to the pool
                    conn.invalidate()
    except (SQLAlchemyError, JdStockError) as exc:
        log.debug("alert history cache not written: %s", exc)
        return False


def _put_setting(conn: Connection, value: str) -> None:
    done = conn.execute(update(Setting).where(Setting.key == CACHE_KEY).values(value=value))
    if not done.rowcount:
        conn.execute(insert(Setting).values(key=CACHE_KEY, value=value))


# -- the history ---------------------------------------------------------------------------------


def alert_history(
    book: Book,
    end: dt.date,
    step: Step,
    days: int = HISTORY_DAYS,
    *,
    today: dt.date | None = None,
    known: Mapping[dt.date, DayCounts] | None = None,
) -> list[DayCounts] | None:
    """The three alert counts of each of the `days` days ending with `end`, oldest first; None
    when `step` says cancelled. Each equals `alerts_report(book, day)`'s: past days come from
    the cache while still valid, the others are computed (and cached when before `today`).

    `known`: counts the caller has just computed (the page's own report of `end`); used as they
    are, never cached, since they were read before the ledger mark below."""
    today = today or dt.date.today()
    known = known or {}
    with book.read() as s:
        old = _read_cache(s)
        state = ledger_state(s)  # before the query below: see first_time_after's rows
        fingerprint = master_fingerprint(s)
        valid: dict[dt.date, tuple[int, int, int]] = {}
        if old is not None and old.fingerprint == fingerprint:
            first_new = first_time_after(s, old.ledger_mark)
            valid = {
                d: c
                for d, c in old.days.items()
                if d < today and (first_new is None or first_new >= _end_of(d))
            }
    out: list[DayCounts] = []
    fresh: dict[dt.date, tuple[int, int, int]] = {}
    for i in range(days):
        if not step(i, days):
            return None
        day = end - dt.timedelta(days=days - 1 - i)
        if day in known:
            counts = known[day]
        elif day in valid:
            counts = DayCounts(day, *valid[day])
        else:
            counts = DayCounts.of(alerts_report(book, day))
            if day < today:
                fresh[day] = (counts.out_of_stock, counts.safety, counts.slow_moving)
        out.append(counts)
    step(days, days)
    # Without a settled mark of its own, the previous one still bounds what was seen.
    mark = state.max_id if state.settled else (old.ledger_mark if old else None)
    if mark is not None:
        oldest = today - dt.timedelta(days=KEEP_DAYS)
        kept = {d: c for d, c in {**valid, **fresh}.items() if d >= oldest}
        cache = HistoryCache(fingerprint, mark, kept)
        if cache != old:
            _write_cache(book, cache)
    return out


def _end_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time())
