"""Benchmark of the alerts (SPEC §6) on a big book: 100,000 SKUs × 5 warehouses, a year of history.

    python bench/bench_alerts.py [--db PATH] [--skus 100000] [--days 365] [--repeat 3]

Builds the book at PATH when it holds no products yet (bulk Core executemany inserts, the stock
table kept equal to the ledger sums), otherwise reuses it. Then, in a fresh subprocess so that its
peak RSS is the measurement's own, times the pair aggregation alone and the whole
`alerts_report`, and prints rows, seconds, MB and the ratio. `--index NAME` adds one of the
candidate indexes of INDEXES to the book first, to measure what it would buy.

`--history` measures the dashboard's 30-day chart instead (services/alert_history.py): its
first computation (cache emptied), the next ones from the cache kept in the book, and the cost of
the checks that decide what of the cache still holds. For a demo book (`jdstock demo --skus
100000`) give `--date` = the day it was built (today). It writes the cache into the book.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from sqlalchemy import delete, func, insert, inspect, select, text

from jdstock_desktop.domain.alerts import AlertReport
from jdstock_desktop.domain.stock import LedgerKind
from jdstock_desktop.services import alert_history as ah
from jdstock_desktop.services.alerts import alerts_report
from jdstock_desktop.services.replenish import replenishment_report
from jdstock_desktop.storage.alert_facts import facts_query, newest_ledger_time
from jdstock_desktop.storage.db import Book, open_book
from jdstock_desktop.storage.models import (
    AlertRule,
    LedgerEntry,
    Product,
    Setting,
    Stock,
    Warehouse,
)

END_DAY = dt.date(2026, 11, 27)
WAREHOUSES = [("华东仓", False), ("华南仓", False), ("华北仓", False), ("西南仓", True)]
# Sales per pair per day by SKU class: many slow SKUs, fewer fast ones (mean ≈ 4 sales a year).
CLASSES = [(0.50, 0.002, 2), (0.35, 0.01, 3), (0.15, 0.05, 5)]  # (share, rate, max qty)
T = TypeVar("T")
INDEXES = {
    "kind_time": "CREATE INDEX IF NOT EXISTS ix_bench_kind_time ON ledger (kind, time)",
    "time_cover": (
        "CREATE INDEX IF NOT EXISTS ix_bench_time_cover "
        "ON ledger (time, product_id, warehouse_id, kind, delta)"
    ),
}


# Default rules the clerk would set: safety stock of 7 days of sales, slow-moving over 90 days.
RULES = [
    {"kind": "safety", "product_id": None, "warehouse_id": None, "qty": None, "days": 7},
    {"kind": "slow", "product_id": None, "warehouse_id": None, "qty": None, "days": 90},
]


def _peak_rss_mb() -> float:
    """Peak resident set of this process (VmHWM: unlike ru_maxrss, not inherited over exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- building ----------------------------------------------------------------------------------


class Builder:
    def __init__(self, book: Book, skus: int, days: int, seed: int) -> None:
        self.book = book
        self.rng = random.Random(seed)
        self.skus = skus
        self.days = days
        self.now = dt.datetime.combine(END_DAY, dt.time(18))
        self.rows: list[dict[str, object]] = []
        self.written = 0

    def run(self) -> None:
        started = time.perf_counter()
        pids, wids = self._master_data()
        self.pairs = [(p, w) for p in pids for w in wids]
        self.on_hand = [0] * len(self.pairs)
        self.reserved = [0] * len(self.pairs)
        classes = self._classes(len(pids), len(wids))
        first = END_DAY - dt.timedelta(days=self.days - 1)
        self._opening(first)
        for n in range(self.days):
            self._day(first + dt.timedelta(days=n), classes, last=n >= self.days - 2)
            if n % 30 == 0:
                print(f"  day {n}/{self.days}: {self.written:,} ledger rows", file=sys.stderr)
        self._flush()
        with self.book.transaction() as s:
            s.execute(
                insert(Stock),
                [
                    {
                        "product_id": p,
                        "warehouse_id": w,
                        "on_hand": self.on_hand[i],
                        "reserved": self.reserved[i],
                        "version": 1,
                    }
                    for i, (p, w) in enumerate(self.pairs)
                ],
            )
        print(
            f"built {len(pids):,} SKUs × {len(wids)} warehouses, {self.written:,} ledger rows "
            f"in {time.perf_counter() - started:.0f} s",
            file=sys.stderr,
        )

    def _master_data(self) -> tuple[list[int], list[int]]:
        with self.book.transaction() as s:
            s.execute(
                insert(Warehouse),
                [
                    {
                        "name": name,
                        "is_national": False,
                        "paused": paused,
                        "deleted": False,
                        "region_code": "440305",
                        "address_detail": "测试路1号",
                        "version": 1,
                        "created_at": self.now,
                    }
                    for name, paused in WAREHOUSES
                ],
            )
            s.execute(
                insert(Product),
                [
                    {
                        "code": f"P{i:06d}",
                        "name": f"演示商品{i}",
                        "listed": self.rng.random() < 0.9,
                    }
                    for i in range(self.skus)
                ],
            )
            pids = list(s.scalars(select(Product.id).order_by(Product.id)))
            wids = list(s.scalars(select(Warehouse.id).order_by(Warehouse.id)))
        return pids, wids

    def _classes(self, n_skus: int, n_wh: int) -> list[tuple[list[int], float, int]]:
        members: list[list[int]] = [[] for _ in CLASSES]
        for sku in range(n_skus):
            r, acc = self.rng.random(), 0.0
            for c, (share, _, _) in enumerate(CLASSES):
                acc += share
                if r < acc or c == len(CLASSES) - 1:
                    members[c].extend(sku * n_wh + w for w in range(n_wh))
                    break
        return [(m, rate, top) for m, (_, rate, top) in zip(members, CLASSES, strict=True)]

    def _row(self, i: int, at: dt.datetime, kind: LedgerKind, delta: int, rdelta: int) -> None:
        before = self.on_hand[i]
        self.on_hand[i] += delta
        self.reserved[i] += rdelta
        p, w = self.pairs[i]
        self.rows.append(
            {
                "time": at,
                "product_id": p,
                "warehouse_id": w,
                "kind": kind.value,
                "delta": delta,
                "reserved_delta": rdelta,
                "qty_before": before,
                "qty_after": self.on_hand[i],
                "operator": "bench",
                "note": "",
                "order_line_id": None,
                "created_at": self.now,
            }
        )

    def _opening(self, day: dt.date) -> None:
        at = dt.datetime.combine(day, dt.time(8))
        for i in range(len(self.pairs)):
            self._row(i, at, LedgerKind.IMPORT, self.rng.randint(0, 60), 0)
        self._flush()

    def _day(self, day: dt.date, classes: list[tuple[list[int], float, int]], last: bool) -> None:
        rng = self.rng
        start = len(self.rows)

        def at(hour: int) -> dt.datetime:
            return dt.datetime.combine(day, dt.time(hour, rng.randrange(60), rng.randrange(60)))

        for members, rate, top in classes:
            expected = len(members) * rate
            for i in rng.choices(members, k=int(expected + rng.random())):
                qty = rng.randint(1, top)
                if self.on_hand[i] - self.reserved[i] < qty:
                    if rng.random() < 0.2:
                        continue  # left out of stock for a while
                    self._row(i, at(8), LedgerKind.INBOUND, 20 + 10 * qty, 0)
                self._row(i, at(10), LedgerKind.RESERVE, 0, qty)
                if not last:  # the last two days' orders are still open
                    self._row(i, at(15), LedgerKind.SHIP, -qty, -qty)
        for i in rng.sample(range(len(self.pairs)), 200):  # stock counts (盘点)
            if self.on_hand[i] > self.reserved[i]:
                self._row(i, at(17), LedgerKind.COUNT, -1, 0)
        self.rows[start:] = sorted(self.rows[start:], key=lambda r: r["time"])  # type: ignore[arg-type, return-value]
        if len(self.rows) > 200_000:
            self._flush()

    def _flush(self) -> None:
        if not self.rows:
            return
        with self.book.transaction() as s:
            s.execute(insert(LedgerEntry), self.rows)
        self.written += len(self.rows)
        self.rows = []


# -- measuring ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Timing:
    wall: float  # best wall-clock seconds
    cpu: float  # this process's CPU seconds in that run: SQLite runs in-process, so on a busy
    # machine this is the fairer figure

    def __str__(self) -> str:
        return f"{self.wall:.3f} s wall, {self.cpu:.3f} s CPU"


def _best(fn: Callable[[], T], repeat: int) -> tuple[Timing, T]:
    best: Timing | None = None
    result: T | None = None
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        result = fn()
        run = Timing(time.perf_counter() - t0, time.process_time() - c0)
        if best is None or run.wall < best.wall:
            best = run
    assert best is not None and result is not None
    return best, result


def measure(db: str, day: dt.date, repeat: int) -> None:
    book = open_book(db)
    base_rss = _peak_rss_mb()
    with book.read() as s:
        ledger_rows = s.scalar(select(func.count()).select_from(LedgerEntry))
        pairs = s.scalar(select(func.count()).select_from(Stock))
        skus = s.scalar(select(func.count()).select_from(Product))
    indexes = [str(ix["name"]) for ix in inspect(book.engine).get_indexes("ledger")]

    def sql_only() -> int:
        with book.read() as s:
            query = facts_query(day, newest_ledger_time(s))
            return len(s.connection().execute(query).all())

    t_sql, n_rows = _best(sql_only, repeat)
    t_report, report = _best(lambda: alerts_report(book, day), repeat)
    t_replenish, replenish = _best(lambda: replenishment_report(book, day), 1)
    rss = _peak_rss_mb()
    tracemalloc.start()
    alerts_report(book, day)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    d = report.dashboard
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {os.cpu_count()} CPUs, load average {load:.1f} (other work slows wall time)")
    print(f"book: {skus:,} SKUs, {pairs:,} pairs, {ledger_rows:,} ledger rows; D = {day}")
    print(f"ledger indexes: {', '.join(indexes)}")
    print(f"facts aggregation (SQL alone, fetch all): {t_sql} for {n_rows:,} rows")
    print(f"alerts_report (all queries + domain):     {t_report} (best of {repeat})")
    print(
        f"ratio SQL aggregation / report: {t_sql.wall / t_report.wall:.0%} wall, "
        f"{t_sql.cpu / t_report.cpu:.0%} CPU"
    )
    print(
        f"replenishment_report (every enabled pair): {t_replenish}, "
        f"{len(replenish.rows):,} suggestions"
    )
    print(
        f"peak RSS {rss:.0f} MB (after opening the book {base_rss:.0f} MB); "
        f"tracemalloc peak of one report {traced_peak / 2**20:.0f} MB"
    )
    print(
        f"alerts: out of stock {d.out_of_stock_alerts:,}, safety {d.safety_alerts:,}, "
        f"slow {d.slow_moving_alerts:,}, dormant {len(report.dormant):,}, "
        f"listed {d.listed_skus:,}, turnover {d.turnover_days}"
    )


def measure_history(db: str, day: dt.date, repeat: int) -> None:
    """The 30-day chart as the dashboard computes it, `day` being today."""
    book = open_book(db)
    with book.read() as s:
        ledger_rows = s.scalar(select(func.count()).select_from(LedgerEntry))
        skus = s.scalar(select(func.count()).select_from(Product))
    with book.transaction() as s:
        s.execute(delete(Setting).where(Setting.key == ah.CACHE_KEY))
    reports: list[dt.date] = []
    plain = ah.alerts_report

    def counting(b: Book, d: dt.date) -> AlertReport:
        reports.append(d)
        return plain(b, d)

    ah.alerts_report = counting  # type: ignore[assignment]

    def history(known: dict[dt.date, ah.DayCounts] | None = None) -> list[ah.DayCounts]:
        reports.clear()
        out = ah.alert_history(book, day, lambda _d, _t: True, today=day, known=known)
        assert out is not None
        return out

    t_first, first = _best(history, 1)
    n_first = len(reports)
    t_cached, cached = _best(history, repeat)
    n_cached = len(reports)
    known = {day: first[-1]}
    t_known, with_known = _best(lambda: history(known), repeat)
    n_known = len(reports)
    assert first == cached == with_known

    def fingerprint() -> str:
        with book.read() as s:
            return ah.master_fingerprint(s)

    def ledger_checks(since: int) -> object:
        """The mark, then the earliest time among the last `since` rows (rows added meanwhile)."""
        with book.read() as s:
            state = ah.ledger_state(s)
            return state, ah.first_time_after(s, state.max_id - since)

    t_fp, _ = _best(fingerprint, repeat)
    t_ledger, _ = _best(lambda: ledger_checks(0), repeat)
    t_ledger_100k, _ = _best(lambda: ledger_checks(100_000), repeat)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {os.cpu_count()} CPUs, load average {load:.1f} (other work slows wall time)")
    print(f"book: {skus:,} SKUs, {ledger_rows:,} ledger rows; 30 days ending {day} (today)")
    print(f"history, first (no cache):      {t_first}, {n_first} reports")
    print(f"history, cached (today fresh):  {t_cached}, {n_cached} report (best of {repeat})")
    print(f"history, cached + page's today: {t_known}, {n_known} reports (best of {repeat})")
    print(f"master fingerprint:             {t_fp} (best of {repeat})")
    print(f"ledger mark, no row since:      {t_ledger} (best of {repeat})")
    print(f"ledger mark, 100,000 rows since: {t_ledger_100k} (best of {repeat})")
    print(
        f"today: out of stock {first[-1].out_of_stock:,}, safety {first[-1].safety:,}, "
        f"slow {first[-1].slow_moving:,}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db",
        default=str(Path(tempfile.gettempdir()) / "jdstock_alerts_bench.sqlite3"),
        help="a file path or a SQLAlchemy URL (postgresql+psycopg://…)",
    )
    parser.add_argument("--skus", type=int, default=100_000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--date", type=dt.date.fromisoformat, default=END_DAY)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--index", choices=sorted(INDEXES), action="append", default=[])
    parser.add_argument("--drop-index", choices=sorted(INDEXES), action="append", default=[])
    parser.add_argument("--history", action="store_true", help="measure the 30-day chart")
    parser.add_argument("--measure-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure_only:
        (measure_history if args.history else measure)(args.db, args.date, args.repeat)
        return 0
    book = open_book(args.db)
    with book.read() as s:
        empty = not s.scalar(select(func.count()).select_from(Product))
    if empty:
        Builder(book, args.skus, args.days, args.seed).run()
    with book.transaction() as s:
        if not s.scalar(select(func.count()).select_from(AlertRule)):
            s.execute(insert(AlertRule), RULES)
    with book.engine.begin() as conn:
        for name in args.index:
            conn.execute(text(INDEXES[name]))
        for name in args.drop_index:
            conn.execute(text(f"DROP INDEX IF EXISTS ix_bench_{name}"))
    book.close()
    cmd = [sys.executable, __file__, "--measure-only", "--db", str(args.db)]
    cmd += ["--date", args.date.isoformat(), "--repeat", str(args.repeat)]
    cmd += ["--history"] if args.history else []
    return subprocess.call(cmd)


if __name__ == "__main__":
    sys.exit(main())
