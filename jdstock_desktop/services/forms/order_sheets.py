"""The 订单 sheet (SPEC §7.1): one row per order line, rows of one order share its 订单号.

Import, per order:
- 待发货: placed as in the app (routed line by line, reserved), or a problem on the 数量 cell;
- 已发货 with 发货仓: history — one 'ship' ledger row per line at its own time (no reservation
  first), so imported history reads exactly like history recorded in the app;
- 已发货 without 发货仓: routed as of now (spot only) and shipped from the chosen warehouse;
- 已取消: stored, no stock moves;
- an order already in the book: unchanged when the file agrees (an empty 发货仓 / 发货时间 is "not
  said", so exports of routed history re-import cleanly); 待发货 → 已发货 / 已取消 ships or cancels
  it; any other difference is a problem.

Orders are applied cancels first (they free stock), then shipments by ship time, then new open
orders by order time, so the earliest demand is served first and history is not starved by
reservations made in the same file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from jdstock_desktop.domain.regions import AddressError, load_regions
from jdstock_desktop.domain.stock import LedgerKind
from jdstock_desktop.errors import BadInput
from jdstock_desktop.services.forms.context import ImportContext, Row
from jdstock_desktop.services.ledger import LedgerWriter
from jdstock_desktop.services.lookups import unknown_sku
from jdstock_desktop.services.orders import (
    OPEN_STATES,
    STATUS_LABELS,
    Allocator,
    Change,
    OrderRefused,
    cancel_lines,
    check_changes,
    place_order,
    resolve_delivery,
    ship_lines,
    to_second,
)
from jdstock_desktop.sheets.reader import SheetRow
from jdstock_desktop.storage.models import OrderLine, Product, SalesOrder, Warehouse

ADDRESS_KEYS = ("province", "city", "county", "town")
# Columns that describe the order, not the line: every row of one order must agree on them.
ORDER_KEYS = ("ordered_at", "customer", *ADDRESS_KEYS, "detail", "status", "shipped_at")
PENDING, SHIPPED, CANCELLED = "待发货", "已发货", "已取消"


@dataclass
class _Line:
    row: SheetRow
    product: Product
    qty: int
    warehouse: Warehouse | None  # 发货仓, only for 已发货


@dataclass
class _Order:
    order_no: str
    first: SheetRow
    ordered_at: dt.datetime
    customer: str
    region_code: str
    detail: str
    status: str  # a sheet label
    shipped_at: dt.datetime | None
    lines: list[_Line] = field(default_factory=list)

    def row_of(self, product_id: int) -> SheetRow:
        for line in self.lines:
            if line.product.id == product_id:
                return line.row
        return self.first


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _same_cell(key: str, a: object, b: object) -> bool:
    if isinstance(a, dt.datetime) and isinstance(b, dt.datetime):
        return to_second(a) == to_second(b)
    if key == "status":
        return (_text(a) or PENDING) == (_text(b) or PENDING)
    return _text(a) == _text(b)


def _when(value: dt.datetime | None) -> str:
    return "" if value is None else f"{value:%Y-%m-%d %H:%M:%S}"


def _address_column(row: SheetRow, part: str) -> str:
    for key in ADDRESS_KEYS:
        if _text(row.values.get(key)) == _text(part):
            return key
    return "province"


class _Reader:
    """Turns rows into checked orders; every bad cell becomes a problem, nothing is written."""

    def __init__(self, s: Session, ctx: ImportContext, now: dt.datetime) -> None:
        self.s = s
        self.ctx = ctx
        self.now = now
        self.warehouses = {
            w.name: w for w in s.scalars(select(Warehouse).where(Warehouse.deleted.is_(False)))
        }

    def problem(self, row: SheetRow, key: str | None, reason: str) -> None:
        self.ctx.problems.add(row.row, key, reason)

    def orders(self, rows: list[SheetRow]) -> list[_Order]:
        grouped: dict[str, list[SheetRow]] = {}
        for row in rows:
            grouped.setdefault(_text(row.values.get("order_no")), []).append(row)
        codes = {_text(r.values.get("sku")) for r in rows}
        products: dict[str, Product] = {}
        ordered = sorted(codes)
        for start in range(0, len(ordered), 500):
            chunk = ordered[start : start + 500]
            products.update(
                (p.code, p) for p in self.s.scalars(select(Product).where(Product.code.in_(chunk)))
            )
        out = []
        for order_no, group in grouped.items():
            order = self._order(order_no, group, products)
            if order is not None:
                out.append(order)
        return out

    def _order(
        self, order_no: str, rows: list[SheetRow], products: dict[str, Product]
    ) -> _Order | None:
        first = rows[0]
        before = len(self.ctx.problems.items)
        for row in rows[1:]:
            for key in ORDER_KEYS:
                if not _same_cell(key, row.values.get(key), first.values.get(key)):
                    header = self.ctx.sheet.column(key).header
                    self.problem(
                        row, key, f"同一订单「{order_no}」的「{header}」与第 {first.row} 行不一致"
                    )
        v = first.values
        region_code = ""
        try:
            region_code = resolve_delivery([_text(v.get(k)) or None for k in ADDRESS_KEYS])
        except AddressError as exc:
            self.problem(first, _address_column(first, exc.part), f"收货地址无法识别：{exc}")
        except BadInput as exc:
            self.problem(first, "province", str(exc))
        status = _text(v.get("status")) or PENDING
        ordered_at = to_second(v["ordered_at"])  # type: ignore[arg-type]
        shipped_at = v.get("shipped_at")
        shipped_at = to_second(shipped_at) if isinstance(shipped_at, dt.datetime) else None
        if status != SHIPPED and shipped_at is not None:
            self.problem(first, "shipped_at", f"{status}的订单不应填写发货时间")
        if status == SHIPPED:
            when = shipped_at or ordered_at
            key = "shipped_at" if shipped_at else "ordered_at"
            if when < ordered_at:
                self.problem(first, "shipped_at", "发货时间早于下单时间")
            elif when > self.now:
                self.problem(first, key, f"发货时间 {when:%Y-%m-%d %H:%M} 晚于当前时间")
        order = _Order(
            order_no,
            first,
            ordered_at,
            _text(v.get("customer")),
            region_code,
            _text(v.get("detail")),
            status,
            shipped_at,
        )
        for row in rows:
            code = _text(row.values.get("sku"))
            product = products.get(code)
            if product is None:
                self.problem(row, "sku", unknown_sku(self.s, code))
            wh_name = _text(row.values.get("ship_warehouse"))
            wh = None
            if wh_name and status != SHIPPED:
                self.problem(
                    row,
                    "ship_warehouse",
                    f"{status}的订单不填发货仓（待发货订单由系统按优先级分配）",
                )
            elif wh_name:
                wh = self.warehouses.get(wh_name)
                if wh is None:
                    self.problem(row, "ship_warehouse", f"未知仓库「{wh_name}」")
            if product is not None:
                qty = int(row.values["qty"])  # type: ignore[call-overload]
                order.lines.append(_Line(row, product, qty, wh))
        return order if len(self.ctx.problems.items) == before else None


@dataclass
class _Plan:
    cancels: list[tuple[_Order, SalesOrder]] = field(default_factory=list)
    moves: list[tuple[_Order, SalesOrder]] = field(default_factory=list)  # 待发货 → 已发货
    history: list[_Order] = field(default_factory=list)  # new 已发货
    cancelled: list[_Order] = field(default_factory=list)  # new 已取消
    pending: list[_Order] = field(default_factory=list)  # new 待发货


def _compare(order: _Order, db: SalesOrder, ctx: ImportContext, plan: _Plan) -> None:
    """Classify an order already in the book: unchanged, a status move, or problems."""
    no = order.order_no
    first = order.first
    kept = "已有订单只能通过导入改变状态（待发货→已发货/已取消）"

    def differs(key: str, old: object, new: object, row: SheetRow = first) -> None:
        header = ctx.sheet.column(key).header
        ctx.problems.add(
            row.row,
            key,
            f"订单「{no}」已在账本中，「{header}」为「{old}」，文件中为「{new}」；{kept}",
        )

    before = len(ctx.problems.items)
    if db.ordered_at != order.ordered_at:
        differs("ordered_at", _when(db.ordered_at), _when(order.ordered_at))
    if db.customer != order.customer:
        differs("customer", db.customer, order.customer)
    if db.region_code != order.region_code:
        regions = load_regions()
        differs(
            "province",
            regions.display_path(db.region_code),
            regions.display_path(order.region_code),
        )
    if db.address_detail != order.detail:
        differs("detail", db.address_detail, order.detail)
    db_lines = {line.product_id: line for line in db.lines}
    for line in order.lines:
        had = db_lines.get(line.product.id)
        if had is None:
            ctx.problems.add(
                line.row.row,
                "sku",
                f"订单「{no}」已在账本中，没有商品「{line.product.code}」；{kept}",
            )
        elif had.qty != line.qty:
            differs("qty", had.qty, line.qty, line.row)
    missing = set(db_lines) - {line.product.id for line in order.lines}
    if missing:
        ctx.problems.add(
            first.row,
            "sku",
            f"订单「{no}」在账本中还有 {len(missing)} 个商品行，文件中缺少；{kept}",
        )
    if len(ctx.problems.items) != before:
        return
    was = STATUS_LABELS[db.status]
    if db.status in OPEN_STATES and order.status == PENDING:
        ctx.report.unchanged += 1
    elif db.status in OPEN_STATES and order.status == SHIPPED:
        plan.moves.append((order, db))
    elif db.status in OPEN_STATES and order.status == CANCELLED:
        plan.cancels.append((order, db))
    elif db.status == "shipped" and order.status == SHIPPED:
        if order.shipped_at is not None and order.shipped_at != db.shipped_at:
            differs("shipped_at", _when(db.shipped_at), _when(order.shipped_at))
        for line in order.lines:
            had = db_lines[line.product.id]
            if line.warehouse is not None and line.warehouse.id != had.warehouse_id:
                ctx.problems.add(
                    line.row.row,
                    "ship_warehouse",
                    f"订单「{no}」已从其他仓发货，发货仓不能改为「{line.warehouse.name}」",
                )
        if len(ctx.problems.items) == before:
            ctx.report.unchanged += 1
    elif db.status == "cancelled" and order.status == CANCELLED:
        ctx.report.unchanged += 1
    else:
        ctx.problems.add(first.row, "status", f"订单「{no}」在账本中{was}，不能改为{order.status}")


class _Applier:
    def __init__(self, s: Session, ctx: ImportContext, writer: LedgerWriter) -> None:
        self.s = s
        self.ctx = ctx
        self.writer = writer
        self.allocator = Allocator(s, writer)

    def refused(self, order: _Order, exc: OrderRefused, key: str = "qty") -> None:
        row = order.lines[exc.index].row if exc.index < len(order.lines) else order.first
        self.ctx.problems.add(row.row, key, str(exc))

    def cancel(self, order: _Order, db: SalesOrder) -> None:
        cancel_lines(self.s, self.writer, db)
        self.ctx.report.updated += 1
        self.ctx.report.detail(f"订单「{order.order_no}」：待发货 → 已取消")

    def move(self, order: _Order, db: SalesOrder) -> None:
        chosen = {
            db_line.id: line.warehouse
            for line in order.lines
            for db_line in db.lines
            if db_line.product_id == line.product.id and line.warehouse is not None
        }
        try:
            ship_lines(self.s, self.writer, db, order.shipped_at or self.writer.now, chosen)
        except OrderRefused as exc:
            row = order.row_of(db.lines[exc.index].product_id)
            self.ctx.problems.add(row.row, "ship_warehouse", str(exc))
            return
        except BadInput as exc:
            self.ctx.problems.add(order.first.row, "shipped_at", str(exc))
            return
        self.ctx.report.updated += 1
        self.ctx.report.detail(f"订单「{order.order_no}」：待发货 → 已发货")

    def new_order(self, order: _Order, status: str) -> SalesOrder:
        return SalesOrder(
            order_no=order.order_no,
            ordered_at=order.ordered_at,
            customer=order.customer,
            region_code=order.region_code,
            address_detail=order.detail,
            status=status,
            shipped_at=None,
            created_at=self.writer.now,
        )

    def history(self, order: _Order) -> None:
        """A shipment that already happened: one 'ship' row per line at its own time."""
        when = order.shipped_at or order.ordered_at
        routed = [line for line in order.lines if line.warehouse is None]
        try:
            decisions = (
                self.allocator.plan(
                    order.region_code, [(ln.product, ln.qty) for ln in routed], allow_futures=False
                )
                if routed
                else []
            )
        except OrderRefused as exc:
            line = routed[exc.index]
            self.ctx.problems.add(line.row.row, "qty", f"未填发货仓，按优先级无仓可发：{exc}")
            return
        ship_from = {id(ln): ln.warehouse.id for ln in order.lines if ln.warehouse is not None}
        # Stock was on hand when it shipped: a spot line, promised in the SKU's spot time.
        hours = {id(ln): ln.product.spot_hours for ln in order.lines}
        for ln, d in zip(routed, decisions, strict=True):
            ship_from[id(ln)] = d.warehouse_id  # type: ignore[assignment]
            hours[id(ln)] = d.promised_hours  # type: ignore[assignment]
        changes: list[Change] = [
            (
                (ln.product.id, ship_from[id(ln)]),
                -ln.qty,
                0,
                f"订单「{order.order_no}」商品「{ln.product.code}」",
            )
            for ln in order.lines
        ]
        try:
            check_changes(self.writer, changes)
        except OrderRefused as exc:
            self.refused(order, exc)
            return
        db = self.new_order(order, "shipped")
        db.shipped_at = when
        db.lines = [
            OrderLine(
                product_id=ln.product.id,
                qty=ln.qty,
                warehouse_id=ship_from[id(ln)],
                kind="spot",
                promised_hours=hours[id(ln)],
            )
            for ln in order.lines
        ]
        self.s.add(db)
        self.s.flush()
        for db_line, (pair, delta, _, where) in zip(db.lines, changes, strict=True):
            self.writer.change(
                pair,
                delta,
                LedgerKind.SHIP,
                where=where,
                time=when,
                note=f"订单 {order.order_no} 发货",
                order_line_id=db_line.id,
            )
        self.ctx.report.created += 1
        self.ctx.report.detail(
            f"新增订单「{order.order_no}」已发货 {when:%Y-%m-%d %H:%M}（{len(order.lines)} 行）"
        )

    def cancelled(self, order: _Order) -> None:
        db = self.new_order(order, "cancelled")
        db.lines = [
            OrderLine(product_id=ln.product.id, qty=ln.qty, warehouse_id=None, kind="spot")
            for ln in order.lines
        ]
        self.s.add(db)
        self.ctx.report.created += 1
        self.ctx.report.detail(f"新增订单「{order.order_no}」已取消（{len(order.lines)} 行）")

    def pending(self, order: _Order) -> None:
        try:
            place_order(
                self.s,
                self.writer,
                self.allocator,
                order_no=order.order_no,
                ordered_at=order.ordered_at,
                customer=order.customer,
                region_code=order.region_code,
                detail=order.detail,
                lines=[(ln.product, ln.qty) for ln in order.lines],
            )
        except OrderRefused as exc:
            self.refused(order, exc)
            return
        self.ctx.report.created += 1
        self.ctx.report.detail(f"新增订单「{order.order_no}」待发货（{len(order.lines)} 行）")


def import_orders(s: Session, rows: list[SheetRow], ctx: ImportContext) -> None:
    writer = LedgerWriter(s, ctx.operator)
    orders = _Reader(s, ctx, writer.now).orders(rows)
    if ctx.problems.items:
        return
    existing: dict[str, SalesOrder] = {}
    numbers = [o.order_no for o in orders]
    for start in range(0, len(numbers), 500):  # IN lists stay under SQLite's variable limit
        existing.update(
            (o.order_no, o)
            for o in s.scalars(
                select(SalesOrder)
                .options(selectinload(SalesOrder.lines))
                .where(SalesOrder.order_no.in_(numbers[start : start + 500]))
                # Held to the end (PostgreSQL), as ship_order and cancel_order hold theirs: a
                # clerk cannot ship an order this sheet is cancelling, nor the other way round.
                .with_for_update()
            )
        )
    plan = _Plan()
    for order in orders:
        db = existing.get(order.order_no)
        if db is not None:
            _compare(order, db, ctx, plan)
        elif order.status == SHIPPED:
            plan.history.append(order)
        elif order.status == CANCELLED:
            plan.cancelled.append(order)
        else:
            plan.pending.append(order)
    if ctx.problems.items:
        return
    apply = _Applier(s, ctx, writer)
    for order, db in plan.cancels:
        apply.cancel(order, db)
    shipments: list[tuple[dt.datetime, int, _Order, SalesOrder | None]] = [
        (o.shipped_at or writer.now, o.first.row, o, db) for o, db in plan.moves
    ]
    shipments += [(o.shipped_at or o.ordered_at, o.first.row, o, None) for o in plan.history]
    for _, _, order, maybe_db in sorted(shipments, key=lambda item: (item[0], item[1])):
        if maybe_db is None:
            apply.history(order)
        else:
            apply.move(order, maybe_db)
    for order in plan.cancelled:
        apply.cancelled(order)
    for order in sorted(plan.pending, key=lambda o: (o.ordered_at, o.first.row)):
        apply.pending(order)
    if not ctx.problems.items:
        s.flush()
        ctx.report.ledger_rows = writer.flush()


def export_orders(s: Session) -> Iterator[Row]:
    regions = load_regions()
    paths: dict[str, tuple[str, str, str, str]] = {}
    rows = s.execute(
        select(SalesOrder, Product.code, OrderLine.qty, Warehouse.name)
        .join(OrderLine, OrderLine.order_id == SalesOrder.id)
        .join(Product, Product.id == OrderLine.product_id)
        .outerjoin(Warehouse, Warehouse.id == OrderLine.warehouse_id)
        .order_by(SalesOrder.ordered_at, SalesOrder.order_no, OrderLine.id)
        .execution_options(yield_per=5_000)
    )
    for order, code, qty, wh in rows:
        if order.region_code not in paths:
            names = (*regions.path_names(order.region_code), "", "", "", "")
            paths[order.region_code] = (names[0], names[1], names[2], names[3])
        p = paths[order.region_code]
        shipped = order.status == "shipped"
        yield {
            "order_no": order.order_no,
            "ordered_at": order.ordered_at,
            "customer": order.customer,
            "province": p[0],
            "city": p[1],
            "county": p[2],
            "town": p[3],
            "detail": order.address_detail,
            "sku": code,
            "qty": qty,
            "status": STATUS_LABELS[order.status],
            # Only a shipment has a ship time and a ship-from: for an open order the reserving
            # warehouse is the app's decision, not something the clerk sets in the sheet.
            "shipped_at": order.shipped_at if shipped else None,
            "ship_warehouse": (wh or None) if shipped else None,
        }
