"""The one place stock changes: every change is a ledger row and an update of the stock row.

`LedgerWriter` works inside the caller's transaction: it loads the stock rows it needs once,
applies each change through the §4 rules in memory, and flushes ledger inserts and stock updates
in bulk, so an import of 500,000 cells is a few statements, not a million round trips.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from operator import itemgetter

from sqlalchemy import bindparam, func, insert, select, tuple_, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from jdstock_desktop.domain.stock import MAX_QUANTITY, LedgerKind, apply_change, check_quantity
from jdstock_desktop.errors import Conflict, Refused
from jdstock_desktop.storage.models import LedgerEntry, Product, Stock, Warehouse

Pair = tuple[int, int]  # (product_id, warehouse_id)


@dataclass(slots=True)
class _Cell:
    on_hand: int
    reserved: int
    version: int
    is_new: bool
    dirty: bool = False


def _check_version(cell: _Cell, expected: int | None, where: str) -> None:
    """Conflict when the clerk's value was read at another version (None: no check)."""
    if expected is not None and cell.version != expected:
        raise Conflict(f"{where}：该库存已被他人修改（当前现货库存 {cell.on_hand}），请刷新后重试")


class TimelineRefused(Refused):
    """A change that would take on hand below zero at some point of the pair's history (rows
    merged with the ledger in time order); `problems` holds (tag, message) for each."""

    def __init__(self, problems: list[tuple[object, str]]) -> None:
        super().__init__("\n".join(message for _, message in problems[:20]))
        self.problems = problems


class LedgerWriter:
    """Every pair's ledger stays one unbroken chain in time order (ordered by time, then id):
    each row's qty_before is the previous row's qty_after, the first starts at 0. A row dated
    before rows the pair already has (a backdated import, a shipment recorded late) is checked
    against the history merged in time order, and the later rows' before/after are moved on
    in the same transaction."""

    def __init__(self, session: Session, operator: str, now: dt.datetime | None = None) -> None:
        self.session = session
        self.operator = operator
        self.now = now or dt.datetime.now().replace(microsecond=0)
        self._cells: dict[Pair, _Cell] = {}  # pairs read or changed through this writer
        # Loaded but not looked at yet: (on hand, reserved, version), made a _Cell on first use.
        self._base: dict[Pair, tuple[int, int, int]] = {}
        self._absent: set[Pair] = set()  # looked up and found to have no stock row yet
        self._rows: list[dict[str, object]] = []
        self._tags: list[object] = []  # per row: what a problem names (a sheet row number)
        self._wheres: list[str] = []  # per row: the pair as the clerk names it
        self._deferred: set[Pair] = set()  # pairs whose on-hand check waits for the timeline
        # The last walk of the timeline and how many rows it saw: timeline_problems() then
        # flush() walk it once (a backdated import reads the pairs' later rows only once).
        self._walked: tuple[int, list[dict[str, int]], list[tuple[object, str]]] | None = None
        self._loaded_all = False

    # -- reading -----------------------------------------------------------------------------
    def load(self, pairs: Iterable[Pair] | None = None) -> None:
        """Load current quantities for `pairs` (all pairs when None) into memory."""
        if self._loaded_all:
            return
        if pairs is None:
            self._remember(None)
            self._loaded_all = True
            return
        wanted = set(pairs)
        wanted.difference_update(self._cells)
        wanted.difference_update(self._base)
        wanted.difference_update(self._absent)
        if not wanted:
            return
        if len(wanted) > 20_000:  # one scan beats thousands of IN lists
            self.load(None)
            return
        chunks = list(wanted)
        for start in range(0, len(chunks), 400):
            self._remember(chunks[start : start + 400])
        # New pairs: remembered as absent so that using them costs no query each.
        self._absent.update(pair for pair in wanted if pair not in self._base)

    def _remember(self, chunk: list[Pair] | None) -> None:
        """Read the stock rows of `chunk` (every row when None) as plain tuples: a book-wide
        load keeps tens of thousands of rows that are never changed."""
        t = Stock.__table__.c
        query = select(t.product_id, t.warehouse_id, t.on_hand, t.reserved, t.version)
        if chunk is not None:
            query = query.where(tuple_(t.product_id, t.warehouse_id).in_(chunk))
        if self.session.autoflush:  # a Core select does not autoflush by itself
            self.session.flush()
        rows = self.session.connection().execute(query).all()
        loaded = {
            (pid, wid): (on_hand, reserved, version)
            for pid, wid, on_hand, reserved, version in rows
        }
        if not self._base:
            self._base = loaded
            return
        base = self._base
        for pair, quantities in loaded.items():
            base.setdefault(pair, quantities)  # what was loaded first stays

    def _cell(self, pair: Pair) -> _Cell:
        cell = self._cells.get(pair)
        if cell is None:
            base = self._base.pop(pair, None)
            if base is None and not self._loaded_all and pair not in self._absent:
                self.load([pair])
                base = self._base.pop(pair, None)
            cell = _Cell(0, 0, 0, is_new=True) if base is None else _Cell(*base, is_new=False)
            self._cells[pair] = cell
        return cell

    def holds(self, pair: Pair, on_hand: int) -> bool:
        """True when `pair` is loaded and set_on_hand(pair, on_hand) would change nothing;
        False when it would, or when the pair is not loaded (set_on_hand then tells)."""
        cell = self._cells.get(pair)
        if cell is not None:
            return cell.on_hand == on_hand and (cell.dirty or not cell.is_new)
        base = self._base.get(pair)
        return base is not None and base[0] == on_hand

    def holds_all(self, pairs: list[Pair], on_hand: list[int]) -> bool:
        """holds() for every pair and its quantity: True when setting them all (in any order)
        would change nothing. One pass, no call per pair: an unedited export of a large book."""
        if self._cells:
            return all(map(self.holds, pairs, on_hand))
        base = self._base
        absent = (None,)
        return all([base.get(p, absent)[0] == n for p, n in zip(pairs, on_hand, strict=True)])

    def exists(self, pair: Pair) -> bool:
        return not self._cell(pair).is_new or self._cell(pair).dirty

    def quantities(self, pair: Pair) -> tuple[int, int]:
        """(on hand, reserved) as changed so far in this transaction."""
        cell = self._cell(pair)
        return cell.on_hand, cell.reserved

    # -- writing -----------------------------------------------------------------------------
    def change(
        self,
        pair: Pair,
        delta: int,
        kind: LedgerKind,
        *,
        where: str,
        reserved_delta: int = 0,
        time: dt.datetime | None = None,
        note: str = "",
        order_line_id: int | None = None,
        expected_version: int | None = None,
        dated: bool = False,
        tag: object = None,
    ) -> None:
        """One ledger row. `dated`: the row has a time of its own and the rows given to this
        writer may come in any order (库存流水): on hand is checked at every point of the pair's
        history once all rows are in (flush), not against today's stock one row at a time."""
        cell = self._cell(pair)
        _check_version(cell, expected_version, where)
        before = cell.on_hand
        if dated:
            check_quantity(delta, where=where)
            cell.on_hand += delta
            cell.reserved += reserved_delta
            self._deferred.add(pair)
        else:
            cell.on_hand, cell.reserved = apply_change(
                cell.on_hand, cell.reserved, delta, reserved_delta, where=where
            )
        cell.dirty = True
        self._tags.append(tag)
        self._wheres.append(where)
        self._rows.append(
            {
                "time": time or self.now,
                "product_id": pair[0],
                "warehouse_id": pair[1],
                "kind": kind.value,
                "delta": delta,
                "reserved_delta": reserved_delta,
                "qty_before": before,
                "qty_after": cell.on_hand,
                "operator": self.operator,
                "note": note,
                "order_line_id": order_line_id,
                "created_at": self.now,
            }
        )

    def set_on_hand(
        self,
        pair: Pair,
        target: int,
        kind: LedgerKind,
        *,
        where: str,
        note: str = "",
        expected_version: int | None = None,
    ) -> bool:
        """Set on hand to `target`; a ledger row for the difference. False when nothing changed.

        A pair that does not exist yet gets a row even for 0: setting a quantity creates the pair.
        """
        cell = self._cell(pair)
        _check_version(cell, expected_version, where)
        if cell.on_hand == target and (cell.dirty or not cell.is_new):
            return False
        self.change(pair, target - cell.on_hand, kind, where=where, note=note)
        return True

    @property
    def pending_rows(self) -> int:
        return len(self._rows)

    def timeline_problems(self) -> list[tuple[object, str]]:
        """(tag, message) for every pending row at which its pair's on hand would go below zero
        (or stay below what open orders reserve, at the end); [] when flush() may write."""
        _, problems = self._chain()
        return problems

    def _chain(self) -> tuple[list[dict[str, int]], list[tuple[object, str]]]:
        """The before/after of the pending rows, walked in time order together with the pair's
        later ledger rows, and the updates those later rows need; plus the problems found.
        Pending rows are only ever appended, so a walk over as many rows as now still holds."""
        if self._walked is not None and self._walked[0] == len(self._rows):
            return self._walked[1], self._walked[2]
        updates, problems = self._walk_all()
        self._walked = (len(self._rows), updates, problems)
        return updates, problems

    def _walk_all(self) -> tuple[list[dict[str, int]], list[tuple[object, str]]]:
        rows = self._rows
        t = LedgerEntry.__table__.c
        if self.session.autoflush:
            self.session.flush()
        newest = self.session.connection().execute(select(func.max(t.time))).scalar()
        earliest = min(map(itemgetter("time"), rows), default=None)
        # Nearly every write: rows recorded now, after the whole ledger, checked row by row.
        if not self._deferred and (newest is None or earliest is None or newest <= earliest):
            return [], []
        by_pair: dict[Pair, list[int]] = {}
        for i, row in enumerate(rows):
            by_pair.setdefault((row["product_id"], row["warehouse_id"]), []).append(i)  # type: ignore[arg-type]
        first: dict[Pair, dt.datetime] = {
            pair: min(rows[i]["time"] for i in idx)  # type: ignore[type-var, misc]
            for pair, idx in by_pair.items()
        }
        later = self._later_rows(first, newest)
        updates: list[dict[str, int]] = []
        problems: list[tuple[object, str]] = []
        for pair, idx in by_pair.items():
            existing = later.get(pair, [])
            if not existing and pair not in self._deferred:
                continue  # appended after the pair's history, checked row by row already
            problem = self._walk(pair, idx, existing, updates)
            if problem is not None:
                problems.append(problem)
        return updates, problems

    def _walk(
        self,
        pair: Pair,
        idx: list[int],
        existing: list[tuple[int, dt.datetime, int, int, int]],
        updates: list[dict[str, int]],
    ) -> tuple[object, str] | None:
        """Merge the pending rows `idx` of `pair` with its later ledger rows in time order (a
        ledger row before a pending one of the same time: it was there first) and set every
        row's before/after; the first problem of the pair, if any."""
        rows = self._rows
        cell = self._cells[pair]
        original = cell.on_hand - sum(rows[i]["delta"] for i in idx)  # type: ignore[misc]
        running = original - sum(delta for _, _, delta, _, _ in existing)
        events = [(time, 0, n) for n, (_, time, _, _, _) in enumerate(existing)]
        events += [(rows[i]["time"], 1, i) for i in idx]  # type: ignore[misc]
        events.sort()
        blamed = idx[0]  # the latest pending row so far: the earliest one comes first
        for time, group, n in events:
            before = running
            if group == 0:
                entry_id, _, delta, old_before, old_after = existing[n]
                running += delta
                if (old_before, old_after) != (before, running):
                    updates.append({"b_id": entry_id, "b_before": before, "b_after": running})
            else:
                row = rows[n]
                running += row["delta"]  # type: ignore[operator]
                row["qty_before"], row["qty_after"] = before, running
                blamed = n
            if running < 0 or running > MAX_QUANTITY:
                why = "库存在任何时刻都不能为负" if running < 0 else f"超出上限 {MAX_QUANTITY:,}"
                return (
                    self._tags[blamed],
                    f"{self._wheres[blamed]}：{time:%Y-%m-%d %H:%M:%S} 时现货库存将为 "
                    f"{running}（按时间合并已有流水后），{why}",
                )
        if pair in self._deferred:
            try:  # the end of the chain is today's stock: §4 as for any change
                apply_change(cell.on_hand, cell.reserved, 0, 0, where=self._wheres[idx[-1]])
            except Refused as exc:
                return self._tags[idx[-1]], str(exc)
        return None

    def _later_rows(
        self, first: dict[Pair, dt.datetime], newest: dt.datetime | None
    ) -> dict[Pair, list[tuple[int, dt.datetime, int, int, int]]]:
        """The ledger rows of each pair dated after its earliest pending row, in chain order:
        (id, time, delta, qty_before, qty_after)."""
        if newest is None:
            return {}
        t = LedgerEntry.__table__.c
        conn = self.session.connection()
        out: dict[Pair, list[tuple[int, dt.datetime, int, int, int]]] = {}
        pairs = [pair for pair, time in first.items() if time < newest]
        query = select(
            t.product_id, t.warehouse_id, t.id, t.time, t.delta, t.qty_before, t.qty_after
        ).order_by(t.product_id, t.warehouse_id, t.time, t.id)
        for start in range(0, len(pairs), 400):
            chunk = pairs[start : start + 400]
            since = min(first[p] for p in chunk)
            found = conn.execute(
                query.where(tuple_(t.product_id, t.warehouse_id).in_(chunk), t.time > since)
            )
            for pid, wid, entry_id, time, delta, before, after in found:
                if time > first[(pid, wid)]:
                    out.setdefault((pid, wid), []).append((entry_id, time, delta, before, after))
        return out

    def flush(self) -> int:
        """Write the ledger rows and the changed stock rows; returns ledger rows written.
        TimelineRefused when a row would take its pair's on hand below zero at any time."""
        if not self._rows:
            return 0
        updates, problems = self._chain()
        if problems:
            raise TimelineRefused(problems)
        new = [
            {
                "product_id": p,
                "warehouse_id": w,
                "on_hand": c.on_hand,
                "reserved": c.reserved,
                "version": 1,
            }
            for (p, w), c in self._cells.items()
            if c.dirty and c.is_new
        ]
        changed = [
            {
                "b_pid": p,
                "b_wid": w,
                "b_on_hand": c.on_hand,
                "b_reserved": c.reserved,
                "b_version": c.version,
            }
            for (p, w), c in self._cells.items()
            if c.dirty and not c.is_new
        ]
        if new:
            try:
                self.session.execute(insert(Stock), new)
            except IntegrityError as exc:  # another clerk created the same pair meanwhile
                raise Conflict(
                    self._conflict_message([(r["product_id"], r["warehouse_id"], 0) for r in new])
                ) from exc
        if changed:
            changed.sort(key=lambda r: (r["b_pid"], r["b_wid"]))  # one lock order: no deadlocks
            # Guarded by the version read at load: a row someone else changed meanwhile matches
            # nothing, and the whole transaction is refused instead of losing their update.
            stmt = (
                update(Stock)
                .where(
                    Stock.product_id == bindparam("b_pid"),
                    Stock.warehouse_id == bindparam("b_wid"),
                    Stock.version == bindparam("b_version"),
                )
                .values(
                    on_hand=bindparam("b_on_hand"),
                    reserved=bindparam("b_reserved"),
                    version=bindparam("b_version") + 1,
                )
            )
            result = self.session.connection().execute(stmt, changed)
            if result.rowcount != len(changed):
                raise Conflict(
                    self._conflict_message(
                        [(r["b_pid"], r["b_wid"], r["b_version"]) for r in changed]
                    )
                )
        for c in self._cells.values():
            if c.dirty:
                c.version = 1 if c.is_new else c.version + 1
                c.is_new = False
                c.dirty = False
        self.session.execute(insert(LedgerEntry), self._rows)
        if updates:  # later rows of backdated pairs: their before/after move with the chain
            stmt = (
                update(LedgerEntry)
                .where(LedgerEntry.id == bindparam("b_id"))
                .values(qty_before=bindparam("b_before"), qty_after=bindparam("b_after"))
            )
            self.session.connection().execute(stmt, updates)
        written = len(self._rows)
        self._rows, self._tags, self._wheres = [], [], []
        self._deferred.clear()
        self._walked = None
        return written

    def _conflict_message(self, read: list[tuple[int, int, int]]) -> str:
        """Name the cells another clerk changed since they were read, with their current stock.

        `read` is (product id, warehouse id, version as read; 0 = no row then)."""
        seen = {(p, w): v for p, w, v in read}
        pairs = list(seen)
        query = (
            select(Product.code, Warehouse.name, Stock.on_hand, Stock.product_id)
            .add_columns(Stock.warehouse_id, Stock.version)
            .join(Product, Product.id == Stock.product_id)
            .join(Warehouse, Warehouse.id == Stock.warehouse_id)
        )
        moved: list[str] = []
        # Read on a connection of its own: it sees what the other clerk committed, and works
        # even when this transaction is already aborted (PostgreSQL after a failed insert).
        with self.session.get_bind().engine.connect() as conn:
            for start in range(0, len(pairs), 400):
                chunk = pairs[start : start + 400]
                rows = conn.execute(
                    query.where(tuple_(Stock.product_id, Stock.warehouse_id).in_(chunk))
                )
                moved += [
                    f"{code} @ {wh}（当前现货库存 {on_hand}）"
                    for code, wh, on_hand, pid, wid, version in sorted(rows)
                    if version != seen[(pid, wid)]
                ]
        where = "、".join(moved[:10]) + (f" 等 {len(moved)} 处" if len(moved) > 10 else "")
        return f"库存已被他人同时修改{'：' + where if where else ''}；本次提交未写入，请刷新后重试"


@dataclass(frozen=True, slots=True)
class LedgerMismatch:
    product_id: int
    warehouse_id: int
    on_hand: int
    ledger_on_hand: int
    reserved: int
    ledger_reserved: int


def ledger_mismatches(session: Session) -> list[LedgerMismatch]:
    """Pairs whose stock row differs from its ledger sums (both directions), in one query each."""
    sums = (
        select(
            LedgerEntry.product_id.label("pid"),
            LedgerEntry.warehouse_id.label("wid"),
            func.sum(LedgerEntry.delta).label("d"),
            func.sum(LedgerEntry.reserved_delta).label("r"),
        )
        .group_by(LedgerEntry.product_id, LedgerEntry.warehouse_id)
        .subquery()
    )
    ledger = {(p, w): (int(d), int(r)) for p, w, d, r in session.execute(select(sums))}
    out: list[LedgerMismatch] = []
    for pid, wid, on_hand, reserved in session.execute(
        select(Stock.product_id, Stock.warehouse_id, Stock.on_hand, Stock.reserved)
    ):
        d, r = ledger.pop((pid, wid), (0, 0))
        if (d, r) != (on_hand, reserved):
            out.append(LedgerMismatch(pid, wid, on_hand, d, reserved, r))
    for (pid, wid), (d, r) in ledger.items():  # ledger rows with no stock row at all
        out.append(LedgerMismatch(pid, wid, 0, d, 0, r))
    return out


@dataclass(frozen=True, slots=True)
class ChainBreak:
    """A ledger row whose before is not the previous row's after (in time order), or whose
    after is not its before plus its change."""

    product_id: int
    warehouse_id: int
    entry_id: int
    time: dt.datetime
    qty_before: int
    qty_after: int
    expected_before: int
    delta: int


def ledger_chain_breaks(session: Session, limit: int = 1000) -> list[ChainBreak]:
    """Rows that break their pair's chain (ordered by time, then id; the first starts at 0),
    at most `limit` of them, in one windowed query."""
    t = LedgerEntry.__table__.c
    prev = (
        func.lag(t.qty_after, 1, 0)
        .over(partition_by=(t.product_id, t.warehouse_id), order_by=(t.time, t.id))
        .label("prev")
    )
    walk = select(
        t.product_id, t.warehouse_id, t.id, t.time, t.qty_before, t.qty_after, t.delta, prev
    ).subquery()
    c = walk.c
    query = (
        select(c.product_id, c.warehouse_id, c.id, c.time, c.qty_before, c.qty_after, c.prev)
        .add_columns(c.delta)
        .where((c.qty_before != c.prev) | (c.qty_after != c.qty_before + c.delta))
        .order_by(c.product_id, c.warehouse_id, c.time, c.id)
        .limit(limit)
    )
    return [ChainBreak(*row) for row in session.execute(query)]
