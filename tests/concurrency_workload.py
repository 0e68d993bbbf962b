"""Several clerks at once: processes submitting stock edits and orders to one shared book.

Used by tests/services/test_concurrency.py (small, in CI) and bench/bench_concurrency.py
(figures). Every clerk is a separate process with its own engine, as on separate PCs.

A round has five phases, the first four started together by a barrier:
1. every clerk reads the same stock cell (nobody writes during the phase) ...
2. ... and submits a different new value for it with the version it read: exactly one clerk can
   win, every other one must get a Conflict — a lost update would be a second success;
3. every clerk tries to ship (even clerks) or cancel (odd clerks) the same open order placed by
   the set-up: exactly one can succeed;
4. every clerk books 3 of the same pre-order SKU: never more than its futures quota in all;
5. free play, no barrier: each clerk places spot and futures orders, ships or cancels its own
   open orders, and receives goods (入库) — the races the database must sort out by itself.

Each clerk counts, per (SKU, warehouse), the change of on-hand stock of everything it got
committed; the set-up's stock plus every clerk's count must equal the book's stock at the end.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import random
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from jdstock_desktop.domain.stock import LedgerKind
from jdstock_desktop.errors import Conflict, Refused
from jdstock_desktop.services.orders import (
    OPEN_STATES,
    cancel_order,
    create_order,
    get_order,
    ship_order,
)
from jdstock_desktop.services.stock import StockEdit, check_book, submit_stock_changes
from jdstock_desktop.storage.db import Book, open_book
from jdstock_desktop.storage.models import OrderLine, Product, SalesOrder, Stock, Warehouse
from tests.helpers import SHANGHAI, SHENZHEN, on_hand_by_cell, south_and_east

WAREHOUSES = ("华南仓", "华东仓")
SPOT_SKUS = ("S1", "S2", "S3", "S4")
FUTURES_SKU = "F1"
FUTURES_QUOTA = 20
START_STOCK = 40
T0 = dt.datetime(2026, 1, 5, 9, 0, 0)
Cell = tuple[str, str]  # (SKU, warehouse)


def contended_cell(round_no: int) -> Cell:
    return SPOT_SKUS[round_no % len(SPOT_SKUS)], WAREHOUSES[round_no % 2]


def shared_order(round_no: int) -> str:
    return f"共享-{round_no}"


def set_up(url: str, rounds: int) -> dict[Cell, int]:
    """The book every clerk starts from; returns its on-hand stock per cell."""
    book = open_book(url, operator="准备")
    try:
        south_and_east(book)
        with book.transaction() as s:
            for code in SPOT_SKUS:
                s.add(Product(code=code, name=f"扳手{code}", listed=True, spot_hours=24))
            s.add(
                Product(
                    code=FUTURES_SKU,
                    name="定制工具柜",
                    listed=True,
                    spot_hours=24,
                    preorder=True,
                    futures_quota=FUTURES_QUOTA,
                    futures_hours=168,
                )
            )
        cells = {(sku, wh): START_STOCK for sku in SPOT_SKUS for wh in WAREHOUSES}
        submit_stock_changes(book, [StockEdit(sku, wh, n) for (sku, wh), n in cells.items()])
        for r in range(rounds):  # one open order per round for the ship-or-cancel race
            create_order(book, shared_order(r), T0, "共享客户", SHENZHEN, "", [("S1", 1)])
        return on_hand_by_cell(book)
    finally:
        book.close()


def read_cell(book: Book, cell: Cell) -> tuple[int, int, int]:
    """(on hand, reserved, version) of one cell, as a clerk's grid shows it."""
    with book.read() as s:
        row = s.execute(
            select(Stock.on_hand, Stock.reserved, Stock.version)
            .join(Product, Product.id == Stock.product_id)
            .join(Warehouse, Warehouse.id == Stock.warehouse_id)
            .where(Product.code == cell[0], Warehouse.name == cell[1])
        ).one()
        return row[0], row[1], row[2]


@dataclass
class ClerkReport:
    clerk: int
    tally: Counter[str] = field(default_factory=Counter)
    moved: Counter[Cell] = field(default_factory=Counter)  # on-hand change this clerk committed
    errors: list[str] = field(default_factory=list)  # unexpected exceptions, with traces
    seconds: float = 0.0


def shipped_moves(book: Book, order_no: str) -> list[tuple[Cell, int]]:
    view = get_order(book, order_no)
    return [((line.sku, line.warehouse), -line.qty) for line in view.lines]


def clerk(url: str, index: int, rounds: int, barrier: Any, out: Any) -> None:
    """One clerk's session: `rounds` rounds as described at the top of this module."""
    report = ClerkReport(index)
    rng = random.Random(index * 7919)
    start = time.perf_counter()
    book = open_book(url, operator=f"店员{index}")
    mine: list[str] = []
    try:
        for r in range(rounds):
            cell = contended_cell(r)
            barrier.wait()
            on_hand, reserved, version = read_cell(book, cell)
            barrier.wait()
            delta = rng.choice([-2, -1, 1, 2, 3, index + 1])
            if on_hand + delta < reserved:
                delta = 1
            try:
                submit_stock_changes(
                    book, [StockEdit(*cell, on_hand + delta, expected_version=version)]
                )
                report.tally["same cell: saved"] += 1
                report.moved[cell] += delta
            except Conflict:
                report.tally["same cell: conflict"] += 1

            barrier.wait()
            no = shared_order(r)
            try:
                if index % 2 == 0:
                    ship_order(book, no, shipped_at=T0 + dt.timedelta(hours=1))
                    for moved_cell, qty in shipped_moves(book, no):
                        report.moved[moved_cell] += qty
                else:
                    cancel_order(book, no)
                report.tally["same order: done"] += 1
            except Conflict:
                report.tally["same order: conflict"] += 1
            except Refused:  # the other clerk's ship or cancel went first
                report.tally["same order: refused"] += 1

            barrier.wait()
            try:  # everybody books the same futures SKU: never more than its quota in all
                create_order(
                    book, f"店员{index}-{r}F", T0, f"客户{index}", SHENZHEN, "", [(FUTURES_SKU, 3)]
                )
                report.tally["futures: booked"] += 1
            except Conflict:
                report.tally["futures: conflict"] += 1
            except Refused:
                report.tally["futures: refused"] += 1

            free_play(book, rng, index, r, mine, report)
    except Exception:
        report.errors.append(traceback.format_exc())
        barrier.abort()  # the others stop waiting instead of hanging
    finally:
        book.close()
        report.seconds = time.perf_counter() - start
        out.put(report)


def free_play(
    book: Book, rng: random.Random, index: int, r: int, mine: list[str], report: ClerkReport
) -> None:
    op = rng.choice(["order", "order", "ship", "cancel", "inbound"])
    try:
        if op == "order":
            skus = rng.sample(SPOT_SKUS, 2)
            lines = [(sku, rng.randint(1, 4)) for sku in skus]
            no = f"店员{index}-{r}"
            address = rng.choice([SHENZHEN, SHANGHAI])
            create_order(book, no, T0, f"客户{index}", address, "", lines)
            mine.append(no)
        elif op in ("ship", "cancel") and mine:
            no = mine.pop(rng.randrange(len(mine)))
            if op == "ship":
                ship_order(book, no, shipped_at=T0 + dt.timedelta(hours=2))
                for moved_cell, qty in shipped_moves(book, no):
                    report.moved[moved_cell] += qty
            else:
                cancel_order(book, no)
        elif op == "inbound":
            cell = (rng.choice(SPOT_SKUS), rng.choice(WAREHOUSES))
            on_hand, _, version = read_cell(book, cell)
            add = rng.randint(1, 10)
            submit_stock_changes(
                book,
                [StockEdit(*cell, on_hand + add, version, note="到货")],
                LedgerKind.INBOUND,
            )
            report.moved[cell] += add
        else:
            op = "idle"
        report.tally[f"free {op}: done"] += 1
    except Conflict:
        report.tally[f"free {op}: conflict"] += 1
    except Refused:
        report.tally[f"free {op}: refused"] += 1


@dataclass
class Outcome:
    clerks: int
    rounds: int
    seconds: float
    tally: Counter[str]
    lost_updates: list[str]  # cells whose stock differs from what the clerks committed
    errors: list[str]
    problems: list[str]  # broken book invariants

    def figures(self) -> str:
        conflicts = sum(n for k, n in self.tally.items() if k.endswith("conflict"))
        ops = sum(self.tally.values())
        return (
            f"{self.clerks} processes × {self.rounds} rounds: {ops} operations in "
            f"{self.seconds:.1f} s, {conflicts} conflicts detected, "
            f"lost updates = {len(self.lost_updates)}"
        )


def run(url: str, clerks: int, rounds: int) -> Outcome:
    """Set the book up, run the clerks in parallel processes, then audit the book."""
    before = set_up(url, rounds)
    ctx = mp.get_context("spawn")  # a fresh interpreter each, like a second PC
    barrier = ctx.Barrier(clerks, timeout=120)
    out = ctx.Queue()
    procs = [ctx.Process(target=clerk, args=(url, i, rounds, barrier, out)) for i in range(clerks)]
    start = time.perf_counter()
    for p in procs:
        p.start()
    reports: list[ClerkReport] = [out.get(timeout=600) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    seconds = time.perf_counter() - start
    tally: Counter[str] = Counter()
    moved: Counter[Cell] = Counter()
    for rep in reports:
        tally.update(rep.tally)
        moved.update(rep.moved)
    book = open_book(url)
    try:
        after = on_hand_by_cell(book)
        lost = [
            f"{cell}: 账上 {after.get(cell)}，应为 {before.get(cell, 0) + moved[cell]}"
            for cell in sorted(set(after) | set(before) | set(moved))
            if after.get(cell, 0) != before.get(cell, 0) + moved[cell]
        ]
        problems = audit(book)
    finally:
        book.close()
    errors = [e for rep in reports for e in rep.errors]
    errors += [f"clerk process exit code {p.exitcode}" for p in procs if p.exitcode]
    return Outcome(clerks, rounds, seconds, tally, lost, errors, problems)


def audit(book: Book) -> list[str]:
    """The book's invariants after the storm; empty when they all hold."""
    problems = [f"ledger ≠ stock: {m}" for m in check_book(book)]
    with book.read() as s:
        stock = {
            (p, w): (o, r)
            for p, w, o, r in s.execute(
                select(Stock.product_id, Stock.warehouse_id, Stock.on_hand, Stock.reserved)
            )
        }
        problems += [
            f"reserved {r} > on hand {o} at {pair}" for pair, (o, r) in stock.items() if r > o
        ]
        open_spot = {
            (p, w): n
            for p, w, n in s.execute(
                select(OrderLine.product_id, OrderLine.warehouse_id, func.sum(OrderLine.qty))
                .join(SalesOrder, SalesOrder.id == OrderLine.order_id)
                .where(SalesOrder.status.in_(OPEN_STATES), OrderLine.kind == "spot")
                .group_by(OrderLine.product_id, OrderLine.warehouse_id)
            )
        }
        problems += [
            f"reserved {r} at {pair} ≠ open orders' {open_spot.get(pair, 0)}"
            for pair, (_, r) in stock.items()
            if r != open_spot.get(pair, 0)
        ]
        futures = s.scalar(
            select(func.coalesce(func.sum(OrderLine.qty), 0))
            .join(SalesOrder, SalesOrder.id == OrderLine.order_id)
            .join(Product, Product.id == OrderLine.product_id)
            .where(
                Product.code == FUTURES_SKU,
                OrderLine.kind == "futures",
                SalesOrder.status.in_(OPEN_STATES),
            )
        )
        if futures > FUTURES_QUOTA:
            problems.append(f"futures booked {futures} > quota {FUTURES_QUOTA}")
    return problems
