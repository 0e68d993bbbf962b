"""Orders (SPEC §5): place, ship, cancel, list, and print the shipping documents.

Each public function is one transaction. The in-session helpers (`Allocator`, `place_order`,
`ship_lines`, `cancel_lines`) are shared with the 订单 sheet importer, so an order imported from a
sheet leaves exactly the ledger rows the same order typed into the app would leave.

Ledger rows per line (stock only ever moves through LedgerWriter):
- spot line placed: 'reserve', delta 0, reserved +q;
- spot line shipped: 'ship' at the ship time, delta −q, reserved −q;
- spot line cancelled: 'cancel', reserved −q;
- futures line: reserves nothing (it uses the SKU's futures quota); shipped: 'ship', delta −q.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import ParamSpec, TypeVar

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from jdstock_desktop.domain.limits import MAX_QUANTITY
from jdstock_desktop.domain.regions import PLACEHOLDERS, ROOT_CODE, load_regions
from jdstock_desktop.domain.routing import (
    ChainLink,
    RouteDecision,
    RouteKind,
    RouteProduct,
    route_order,
)
from jdstock_desktop.domain.stock import LedgerKind, apply_change
from jdstock_desktop.domain.text import Textual, clean_text
from jdstock_desktop.errors import BadInput, Conflict, NotFound, Refused
from jdstock_desktop.services.ledger import LedgerWriter, Pair
from jdstock_desktop.services.routing import chain_for, futures_in_open_orders
from jdstock_desktop.sheets.order_documents import (
    DocumentHeader,
    DocumentLine,
    write_packing_list,
    write_receipt,
)
from jdstock_desktop.storage.db import Book
from jdstock_desktop.storage.models import OrderLine, Product, SalesOrder, Warehouse

OPEN_STATES = ("open", "allocated")
STATUS_LABELS = {
    "open": "待发货",
    "allocated": "待发货",
    "shipped": "已发货",
    "cancelled": "已取消",
}
KIND_LABELS = {"spot": "现货", "futures": "期货"}
MAX_ORDER_NO = 64


def now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def to_second(value: dt.datetime) -> dt.datetime:
    """Whole seconds: Excel stores times as day fractions and gives back ±1 ms noise."""
    return (value + dt.timedelta(microseconds=500_000)).replace(microsecond=0)


class OrderRefused(Refused):
    """A line of an order cannot be placed; `index` is its position in the order (0-based)."""

    def __init__(self, index: int, message: str) -> None:
        super().__init__(message)
        self.index = index


# -- placing: routing every line against stock as already changed -------------------------------


class Allocator:
    """Routes new order lines (SPEC §3) against the quantities held in a LedgerWriter.

    `route_in` reads stock rows from the database, which do not show reservations the writer has
    not flushed yet (earlier lines of the same order, earlier orders of the same import). This
    takes the same steps — chain of the address, then `route_order` — but reads available stock
    from the writer, and counts futures booked in this transaction against the quota.
    """

    def __init__(self, session: Session, writer: LedgerWriter) -> None:
        self.session = session
        self.writer = writer
        self._chains: dict[str, list[int]] = {}
        self._futures_left: dict[int, int] = {}
        self._names: dict[int, str] = dict(
            session.execute(select(Warehouse.id, Warehouse.name)).all()
        )

    def _chain(self, region_code: str) -> list[int]:
        if region_code not in self._chains:
            self._chains[region_code] = chain_for(self.session, region_code)[0]
        return self._chains[region_code]

    def _futures_base(self, product: Product) -> int:
        # Read once, before this transaction books anything for the SKU; later bookings are
        # subtracted in memory (the rows are in the session too, so re-reading would count twice).
        if product.id not in self._futures_left:
            self._futures_left[product.id] = product.futures_quota - futures_in_open_orders(
                self.session, product.id
            )
        return self._futures_left[product.id]

    def available(self, pair: Pair) -> int:
        on_hand, reserved = self.writer.quantities(pair)
        return on_hand - reserved

    def plan(
        self,
        region_code: str,
        lines: Sequence[tuple[Product, int]],
        *,
        allow_futures: bool = True,
    ) -> list[RouteDecision]:
        """A decision per line, each seeing the lines before it; OrderRefused on the first refusal.

        Nothing changes: the caller applies the decisions only when every line can be placed.
        """
        chain = self._chain(region_code)
        if allow_futures:
            # Futures quotas are counted from open orders: hold the SKUs' rows (PostgreSQL) so
            # two clerks booking the same SKU at once cannot both take its last quota. Locked
            # in id order, like the stock rows at flush, so two orders never wait on each other.
            ids = sorted({p.id for p, _ in lines})
            self.session.execute(
                select(Product.id).where(Product.id.in_(ids)).order_by(Product.id).with_for_update()
            ).all()
        self.writer.load((p.id, w) for p, _ in lines for w in chain)
        taken: Counter[Pair] = Counter()
        futures: Counter[int] = Counter()
        out: list[RouteDecision] = []
        for index, (product, qty) in enumerate(lines):
            facts = RouteProduct(
                code=product.code,
                listed=product.listed,
                spot_hours=product.spot_hours,
                futures_hours=product.futures_hours,
                preorder=product.preorder and allow_futures,
                # The quota is read only when futures may be booked: a shipment routed for the
                # record must not freeze it before this transaction's status changes are done.
                futures_left=(
                    self._futures_base(product) - futures[product.id] if allow_futures else 0
                ),
            )
            links = [
                ChainLink(
                    w, self._names[w], self.available((product.id, w)) - taken[(product.id, w)]
                )
                for w in chain
            ]
            decision = route_order(facts, qty, links if product.listed else [])
            if decision.kind is RouteKind.REFUSED:
                raise OrderRefused(index, decision.reason)
            assert decision.warehouse_id is not None
            if decision.kind is RouteKind.SPOT:
                taken[(product.id, decision.warehouse_id)] += qty
            else:
                futures[product.id] += qty
            out.append(decision)
        return out

    def booked(self, lines: Iterable[OrderLine]) -> None:
        """Count futures lines just placed against their SKU's quota for the next orders."""
        for line in lines:
            if line.kind == "futures":
                self._futures_left[line.product_id] -= line.qty


def place_order(
    session: Session,
    writer: LedgerWriter,
    allocator: Allocator,
    *,
    order_no: str,
    ordered_at: dt.datetime,
    customer: str,
    region_code: str,
    detail: str,
    lines: Sequence[tuple[Product, int]],
) -> tuple[SalesOrder, list[RouteDecision]]:
    """Route and reserve every line, or raise OrderRefused and change nothing."""
    decisions = allocator.plan(region_code, lines)
    order = SalesOrder(
        order_no=order_no,
        ordered_at=ordered_at,
        customer=customer,
        region_code=region_code,
        address_detail=detail,
        status="allocated",
        shipped_at=None,
        created_at=writer.now,
    )
    order.lines = [
        OrderLine(
            product_id=p.id,
            qty=qty,
            warehouse_id=d.warehouse_id,
            kind=d.kind.value,
            promised_hours=d.promised_hours,
        )
        for (p, qty), d in zip(lines, decisions, strict=True)
    ]
    session.add(order)
    session.flush()  # line ids for the ledger rows
    for line, (product, qty) in zip(order.lines, lines, strict=True):
        if line.kind == "spot":
            assert line.warehouse_id is not None
            writer.change(
                (product.id, line.warehouse_id),
                0,
                LedgerKind.RESERVE,
                reserved_delta=qty,
                where=f"订单「{order_no}」商品「{product.code}」",
                note=f"订单 {order_no} 预占",
                order_line_id=line.id,
            )
    allocator.booked(order.lines)
    return order, decisions


# -- shipping and cancelling ---------------------------------------------------------------------

Change = tuple[Pair, int, int, str]  # (pair, delta, reserved delta, where)


def check_changes(writer: LedgerWriter, changes: Sequence[Change]) -> None:
    """OrderRefused (index of the change) when any would break SPEC §4; nothing is applied.

    Checking first keeps an importer's other orders free of a half-applied order's effects.
    """
    state: dict[Pair, tuple[int, int]] = {}
    for index, (pair, delta, reserved_delta, where) in enumerate(changes):
        on_hand, reserved = state.get(pair) or writer.quantities(pair)
        try:
            state[pair] = apply_change(on_hand, reserved, delta, reserved_delta, where=where)
        except Refused as exc:
            raise OrderRefused(index, str(exc)) from None


def ship_lines(
    session: Session,
    writer: LedgerWriter,
    order: SalesOrder,
    shipped_at: dt.datetime,
    warehouses: Mapping[int, Warehouse] | None = None,
) -> list[str]:
    """Ship every line of an open order at `shipped_at`; `warehouses` maps line id → ship-from.

    A spot line ships from the warehouse holding its reservation; a futures line from the given
    warehouse or the one it was booked on, which must have the units available by then.
    Returns one Chinese description per line. A line that cannot ship raises OrderRefused with
    its index; an order that cannot ship at all (state, time) raises Refused.
    """
    if order.status not in OPEN_STATES:
        raise Refused(f"订单「{order.order_no}」{STATUS_LABELS[order.status]}，不能发货")
    shipped_at = to_second(shipped_at)
    if shipped_at < order.ordered_at:
        raise Refused(
            f"订单「{order.order_no}」发货时间 {shipped_at:%Y-%m-%d %H:%M} "
            f"早于下单时间 {order.ordered_at:%Y-%m-%d %H:%M}"
        )
    if shipped_at > writer.now:
        raise Refused(
            f"订单「{order.order_no}」发货时间 {shipped_at:%Y-%m-%d %H:%M} 晚于当前时间，"
            "只能记录已经发生的发货"
        )
    chosen = warehouses or {}
    skus = {line.product_id for line in order.lines}
    names = dict(
        session.execute(select(Product.id, Product.code).where(Product.id.in_(skus))).all()
    )
    wh_by_id = {w.id: w for w in session.scalars(select(Warehouse))}
    changes: list[Change] = []
    plan: list[tuple[OrderLine, Warehouse]] = []
    for index, line in enumerate(order.lines):
        sku = names[line.product_id]
        where = f"订单「{order.order_no}」商品「{sku}」"
        want = chosen.get(line.id)
        if line.kind == "spot":
            if line.warehouse_id is None:  # an 'open' order never routed: nothing to ship from
                raise OrderRefused(index, f"{where}：尚未分配发货仓，不能发货")
            wh = wh_by_id[line.warehouse_id]
            if want is not None and want.id != wh.id:
                raise OrderRefused(
                    index,
                    f"{where}：现货已在「{wh.name}」预占库存，只能从该仓发货；"
                    "如需改由其他仓发货，请取消订单后重新下单",
                )
            changes.append(
                ((line.product_id, wh.id), -line.qty, -line.qty, f"{where}@「{wh.name}」")
            )
        else:
            wh = want or wh_by_id[line.warehouse_id or 0]
            if wh.paused or wh.deleted:
                raise OrderRefused(index, f"{where}：仓库「{wh.name}」已暂停或删除，其库存不可发货")
            on_hand, reserved = writer.quantities((line.product_id, wh.id))
            if on_hand - reserved < line.qty:
                raise OrderRefused(
                    index,
                    f"{where}：期货 {line.qty} 件，「{wh.name}」可用库存 {on_hand - reserved}"
                    " 不足，请到货入库后再发货，或指定有货的发货仓",
                )
            changes.append(((line.product_id, wh.id), -line.qty, 0, f"{where}@「{wh.name}」"))
        plan.append((line, wh))
    check_changes(writer, changes)
    out = []
    for (line, wh), (pair, delta, reserved_delta, where) in zip(plan, changes, strict=True):
        writer.change(
            pair,
            delta,
            LedgerKind.SHIP,
            reserved_delta=reserved_delta,
            where=where,
            time=shipped_at,
            note=f"订单 {order.order_no} 发货",
            order_line_id=line.id,
        )
        line.warehouse_id = wh.id
        out.append(f"{names[line.product_id]} ×{line.qty} 从「{wh.name}」发出")
    order.status = "shipped"
    order.shipped_at = shipped_at
    return out


def cancel_lines(session: Session, writer: LedgerWriter, order: SalesOrder) -> None:
    """Release the reservations of an open order; its futures lines simply stop counting."""
    if order.status not in OPEN_STATES:
        raise Refused(f"订单「{order.order_no}」{STATUS_LABELS[order.status]}，不能取消")
    for line in order.lines:
        if line.kind == "spot" and line.warehouse_id is not None:
            writer.change(
                (line.product_id, line.warehouse_id),
                0,
                LedgerKind.CANCEL,
                reserved_delta=-line.qty,
                where=f"订单「{order.order_no}」",
                note=f"订单 {order.order_no} 取消",
                order_line_id=line.id,
            )
    order.status = "cancelled"


# -- use cases -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LineResult:
    sku: str
    qty: int
    kind: str  # spot | futures
    warehouse: str
    promised_hours: int | None
    reason: str

    def text(self) -> str:
        hours = (
            f"，承诺 {self.promised_hours} 小时内发货" if self.promised_hours is not None else ""
        )
        return f"{self.sku} ×{self.qty}：{KIND_LABELS[self.kind]}，「{self.warehouse}」{hours}"


@dataclass(frozen=True, slots=True)
class OrderResult:
    order_no: str
    status: str
    lines: tuple[LineResult, ...]

    def message(self) -> str:
        body = "；".join(line.text() for line in self.lines)
        return f"订单「{self.order_no}」已下单（{STATUS_LABELS[self.status]}）：{body}"

    def __str__(self) -> str:
        return self.message()


CONFLICT_ATTEMPTS = 3
P = ParamSpec("P")
R = TypeVar("R")


def retried_on_conflict(operation: Callable[P, R]) -> Callable[P, R]:
    """Run a clerk's order operation again when another clerk's commit got in its way.

    Placing, shipping and cancelling are computed inside their transaction from what the book
    holds then (no value the clerk saw is at stake, unlike a stock cell): when a stock row they
    change was changed meanwhile (shared PostgreSQL book), doing it again on the new state is
    what the clerk asked for. Its checks run again too: an order cancelled meanwhile is refused.
    """

    @functools.wraps(operation)
    def again(*args: P.args, **kwargs: P.kwargs) -> R:
        for attempt in range(1, CONFLICT_ATTEMPTS + 1):
            try:
                return operation(*args, **kwargs)
            except Conflict:
                if attempt == CONFLICT_ATTEMPTS:
                    raise
        raise AssertionError("unreachable")

    return again


def clean_order_no(order_no: str) -> str:
    no = clean_text(Textual.CODE, str(order_no).strip(), "订单号")
    if not no:
        raise BadInput("订单号不能为空")
    if len(no) > MAX_ORDER_NO:
        raise BadInput(f"订单号「{no[:20]}…」超过 {MAX_ORDER_NO} 个字符")
    return no


def resolve_delivery(address: Sequence[str | None]) -> str:
    """Region code of a delivery address: at least a province, names that exist."""
    parts = [str(p).strip() if p is not None else "" for p in address]
    if not any(parts):
        raise BadInput("收货地址至少需要填写省")
    code = load_regions().resolve([p or None for p in parts]).code
    if code == ROOT_CODE:
        raise BadInput("收货地址至少需要填写省")
    return code


@retried_on_conflict
def create_order(
    book: Book,
    order_no: str,
    ordered_at: dt.datetime,
    customer: str,
    address: Sequence[str | None],
    detail: str,
    lines: Sequence[tuple[str, int]],
) -> OrderResult:
    """Place an order: every line routed (SPEC §3) and reserved, or the whole order refused."""
    no = clean_order_no(order_no)
    if not lines:
        raise BadInput(f"订单「{no}」没有商品行")
    try:
        region_code = resolve_delivery(address)
    except BadInput as exc:
        raise BadInput(f"订单「{no}」收货地址无法识别：{exc}") from None
    with book.transaction() as s:
        if s.scalar(select(SalesOrder.id).where(SalesOrder.order_no == no)) is not None:
            raise Refused(f"订单号「{no}」已存在，不能重复下单")
        products = {p.code: p for p in s.scalars(select(Product))}
        wanted: list[tuple[Product, int]] = []
        seen: set[str] = set()
        for i, (sku, qty) in enumerate(lines, start=1):
            code = str(sku).strip()
            if code in seen:
                raise BadInput(f"订单「{no}」第 {i} 行：商品「{code}」重复出现，请合并为一行")
            seen.add(code)
            if code not in products:
                raise NotFound(f"订单「{no}」第 {i} 行：未知商品编码「{code}」")
            if isinstance(qty, bool) or not isinstance(qty, int) or qty <= 0:
                raise BadInput(f"订单「{no}」第 {i} 行：数量必须是正整数，收到 {qty!r}")
            if qty > MAX_QUANTITY:
                raise BadInput(f"订单「{no}」第 {i} 行：数量 {qty} 超出上限 {MAX_QUANTITY:,}")
            wanted.append((products[code], qty))
        writer = LedgerWriter(s, book.operator)
        try:
            order, decisions = place_order(
                s,
                writer,
                Allocator(s, writer),
                order_no=no,
                ordered_at=to_second(ordered_at),
                customer=(customer or "").strip(),
                region_code=region_code,
                detail=(detail or "").strip(),
                lines=wanted,
            )
        except OrderRefused as exc:
            product, qty = wanted[exc.index]
            raise Refused(
                f"订单「{no}」第 {exc.index + 1} 行 商品「{product.code}」×{qty}：{exc}；"
                "整单未下单，库存未变"
            ) from None
        writer.flush()
        return OrderResult(
            no,
            order.status,
            tuple(
                LineResult(p.code, q, d.kind.value, d.warehouse or "", d.promised_hours, d.reason)
                for (p, q), d in zip(wanted, decisions, strict=True)
            ),
        )


def _order(s: Session, order_no: str, *, lock: bool = False) -> SalesOrder:
    """The order named `order_no`; with `lock`, its row is held until the transaction ends
    (PostgreSQL), so a clerk shipping it and another cancelling it cannot both go through."""
    query = select(SalesOrder).where(SalesOrder.order_no == str(order_no).strip())
    order = s.scalar(query.with_for_update() if lock else query)
    if order is None:
        raise NotFound(f"未知订单号「{order_no}」")
    return order


@retried_on_conflict
def ship_order(
    book: Book,
    order_no: str,
    warehouse: str | None = None,
    shipped_at: dt.datetime | None = None,
) -> str:
    """Ship an open order (发货): its stock leaves and counts as sales on the ship day."""
    with book.transaction() as s:
        order = _order(s, order_no, lock=True)
        override: dict[int, Warehouse] = {}
        if warehouse:
            wh = s.scalar(
                select(Warehouse).where(
                    Warehouse.name == warehouse.strip(), Warehouse.deleted.is_(False)
                )
            )
            if wh is None:
                raise NotFound(f"未知仓库「{warehouse}」")
            # A named warehouse is for futures lines (stock arrived there); with no futures line
            # it must be where the spot lines are reserved, which ship_lines checks.
            futures = [line for line in order.lines if line.kind == "futures"]
            override = {line.id: wh for line in futures or order.lines}
        writer = LedgerWriter(s, book.operator)
        when = shipped_at or writer.now
        done = ship_lines(s, writer, order, when, override)
        writer.flush()
        return f"订单「{order.order_no}」已于 {order.shipped_at:%Y-%m-%d %H:%M} 发货：" + "；".join(
            done
        )


@retried_on_conflict
def cancel_order(book: Book, order_no: str) -> str:
    """Cancel an open order: its reservations are released, its futures quota freed."""
    with book.transaction() as s:
        order = _order(s, order_no, lock=True)
        writer = LedgerWriter(s, book.operator)
        cancel_lines(s, writer, order)
        released = writer.flush()
        freed = sum(line.qty for line in order.lines if line.kind == "futures")
        parts = [f"释放预占 {released} 行"] if released else []
        if freed:
            parts.append(f"归还可期货库存 {freed} 件")
        return f"订单「{order.order_no}」已取消" + (f"：{'，'.join(parts)}" if parts else "")


# -- views for the GUI ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OrderLineView:
    sku: str
    name: str
    spec: str
    unit: str
    qty: int
    kind: str
    warehouse: str  # "" when the line has none (a cancelled history line)
    promised_hours: int | None

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


@dataclass(frozen=True, slots=True)
class OrderView:
    order_no: str
    ordered_at: dt.datetime
    customer: str
    region_code: str
    address_parts: tuple[str, str, str, str]
    address_detail: str
    status: str
    shipped_at: dt.datetime | None
    lines: tuple[OrderLineView, ...]

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def address(self) -> str:
        """As written on a parcel: 上海市浦东新区…, without 市辖区 or a repeated name."""
        names: list[str] = []
        for name in self.address_parts:
            if name and name not in PLACEHOLDERS and (not names or names[-1] != name):
                names.append(name)
        return "".join(names) + self.address_detail

    @property
    def total_qty(self) -> int:
        return sum(line.qty for line in self.lines)


def _status_filter(status: str | None) -> tuple[str, ...] | None:
    if status is None or status == "":
        return None
    if status == "待发货":
        return OPEN_STATES
    for value, label in STATUS_LABELS.items():
        if status in (value, label):
            return (value,)
    raise BadInput(f"未知订单状态「{status}」；可用：待发货、已发货、已取消")


def _views(s: Session, orders: Sequence[SalesOrder]) -> list[OrderView]:
    ids = [o.id for o in orders]
    lines: dict[int, list[OrderLineView]] = {i: [] for i in ids}
    if ids:
        for order_id, code, name, spec, unit, qty, kind, wh, hours in s.execute(
            select(
                OrderLine.order_id,
                Product.code,
                Product.name,
                Product.spec,
                Product.unit,
                OrderLine.qty,
                OrderLine.kind,
                Warehouse.name,
                OrderLine.promised_hours,
            )
            .join(Product, Product.id == OrderLine.product_id)
            .outerjoin(Warehouse, Warehouse.id == OrderLine.warehouse_id)
            .where(OrderLine.order_id.in_(ids))
            .order_by(OrderLine.order_id, OrderLine.id)
        ):
            lines[order_id].append(
                OrderLineView(code, name, spec, unit, qty, kind, wh or "", hours)
            )
    regions = load_regions()
    out = []
    for o in orders:
        names = regions.path_names(o.region_code) if o.region_code != ROOT_CODE else []
        parts = (*names, "", "", "", "")[:4]
        out.append(
            OrderView(
                order_no=o.order_no,
                ordered_at=o.ordered_at,
                customer=o.customer,
                region_code=o.region_code,
                address_parts=(parts[0], parts[1], parts[2], parts[3]),
                address_detail=o.address_detail,
                status=o.status,
                shipped_at=o.shipped_at,
                lines=tuple(lines[o.id]),
            )
        )
    return out


def list_orders(
    book: Book,
    *,
    status: str | None = None,
    text: str = "",
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int = 500,
    offset: int = 0,
) -> list[OrderView]:
    """Newest orders first, one page; `text` matches order no. or customer, dates the order day."""
    query = select(SalesOrder)
    states = _status_filter(status)
    if states:
        query = query.where(SalesOrder.status.in_(states))
    if text.strip():
        needle = text.strip()
        query = query.where(
            or_(
                SalesOrder.order_no.contains(needle, autoescape=True),
                SalesOrder.customer.contains(needle, autoescape=True),
            )
        )
    if since is not None:
        query = query.where(SalesOrder.ordered_at >= dt.datetime.combine(since, dt.time()))
    if until is not None:
        end = dt.datetime.combine(until + dt.timedelta(days=1), dt.time())
        query = query.where(SalesOrder.ordered_at < end)
    query = query.order_by(SalesOrder.ordered_at.desc(), SalesOrder.id.desc())
    with book.read() as s:
        orders = list(s.scalars(query.limit(limit).offset(offset)))
        return _views(s, orders)


def get_order(book: Book, order_no: str) -> OrderView:
    with book.read() as s:
        return _views(s, [_order(s, order_no)])[0]


# -- printable documents: 装箱清单 and 签收单 ----------------------------------------------------


def _doc_lines(s: Session, order: SalesOrder) -> list[DocumentLine]:
    out = []
    for line, p, wh in s.execute(
        select(OrderLine, Product, Warehouse.name)
        .join(Product, Product.id == OrderLine.product_id)
        .outerjoin(Warehouse, Warehouse.id == OrderLine.warehouse_id)
        .where(OrderLine.order_id == order.id)
        .order_by(OrderLine.id)
    ):
        weight = p.weight_kg * line.qty if p.weight_kg is not None else None
        dims = (p.length_cm, p.width_cm, p.height_cm)
        volume = None
        if all(d is not None for d in dims):
            volume = dims[0] * dims[1] * dims[2] * line.qty / Decimal(1_000_000)  # type: ignore[operator]
        out.append(
            DocumentLine(
                p.code,
                p.jd_sku,
                p.name,
                p.spec,
                p.model,
                p.unit,
                line.qty,
                weight,
                volume,
                p.packing_list,
                wh or "",
            )
        )
    return out


def _safe_file_part(text: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", text).strip("._") or "订单"


def order_documents(book: Book, order_no: str, out_dir: str | Path) -> str:
    """Write the packing list and the delivery receipt (.xlsx) of a shipped order."""
    with book.read() as s:
        order = _order(s, order_no)
        if order.status != "shipped":
            raise Refused(
                f"订单「{order.order_no}」{STATUS_LABELS[order.status]}，"
                "只有已发货的订单才能生成装箱清单和签收单"
            )
        view = _views(s, [order])[0]
        lines = _doc_lines(s, order)
    folder = Path(out_dir).expanduser()
    folder.mkdir(parents=True, exist_ok=True)
    stem = _safe_file_part(view.order_no)
    packing = folder / f"装箱清单_{stem}.xlsx"
    receipt = folder / f"签收单_{stem}.xlsx"
    header = DocumentHeader(
        view.order_no, view.ordered_at, view.shipped_at, view.customer, view.address
    )
    write_packing_list(packing, header, lines)
    write_receipt(receipt, header, lines)
    return (
        f"已生成订单「{view.order_no}」的单据：\n"
        f"  装箱清单（{len(lines)} 箱）：{packing}\n"
        f"  签收单：{receipt}"
    )
