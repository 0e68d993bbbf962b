"""Order routing over priority chains (SPEC §3), as pure functions.

Numbers of the rule steps below refer to SPEC §3 "Routing an order to a warehouse".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum


class RouteKind(Enum):
    SPOT = "spot"
    FUTURES = "futures"
    REFUSED = "refused"


@dataclass(frozen=True, slots=True)
class PriorityItem:
    """A warehouse in one region's list; rank None means banned (禁售) in that region."""

    warehouse_id: int
    rank: int | None


@dataclass(frozen=True, slots=True)
class ChainLink:
    warehouse_id: int
    name: str
    available: int  # on hand - reserved, of an enabled warehouse


@dataclass(frozen=True, slots=True)
class RouteProduct:
    code: str
    listed: bool
    spot_hours: int
    futures_hours: int | None
    preorder: bool
    futures_left: int  # 可期货库存 minus the futures units of open orders


@dataclass(frozen=True, slots=True)
class RouteDecision:
    kind: RouteKind
    warehouse_id: int | None
    warehouse: str | None
    promised_hours: int | None
    reason: str
    chain: tuple[ChainLink, ...] = ()
    source_region: str | None = None  # the region node whose list applied (step 1)

    def as_json(self) -> dict[str, object]:
        """The `route --json` shape of SPEC §9."""
        return {
            "warehouse": self.warehouse,
            "kind": self.kind.value,
            "promised_hours": self.promised_hours,
            "reason": self.reason,
        }


def applicable_region(
    ancestors: Sequence[str], lists: Mapping[str, Sequence[PriorityItem]]
) -> str | None:
    """Step 1: the first node from the address up to 全国 that has a priority list."""
    for code in ancestors:
        if lists.get(code):
            return code
    return None


def priority_chain(items: Iterable[PriorityItem], paused: set[int], national_id: int) -> list[int]:
    """Steps 2–3: drop paused and banned warehouses, order by rank, national warehouse last."""
    ranked = sorted(
        (i for i in items if i.rank is not None and i.warehouse_id not in paused),
        key=lambda i: (i.rank, i.warehouse_id),
    )
    chain = [i.warehouse_id for i in ranked if i.warehouse_id != national_id]
    chain.append(national_id)
    return chain


def refuse(reason: str) -> RouteDecision:
    return RouteDecision(RouteKind.REFUSED, None, None, None, reason)


def route_order(
    product: RouteProduct | None, qty: int, chain: Sequence[ChainLink]
) -> RouteDecision:
    """Steps 0, 4 and 5: pick the shipping warehouse for `qty` units along `chain`."""
    if product is None:
        return refuse("未知商品，拒绝下单")
    if not product.listed:
        return refuse(f"商品「{product.code}」已下柜，不可下单")
    if qty <= 0:
        return refuse(f"数量必须为正整数，收到 {qty}")
    chain = tuple(chain)
    for link in chain:
        if link.available >= qty:
            return RouteDecision(
                RouteKind.SPOT,
                link.warehouse_id,
                link.name,
                product.spot_hours,
                f"「{link.name}」可用库存 {link.available} ≥ {qty}，现货发货",
                chain,
            )
    shortage = "；".join(f"{link.name} 可用 {link.available}" for link in chain) or "无可发货仓"
    if not chain:
        return refuse(f"该地址没有可发货的仓库，超卖拒绝（{shortage}）")
    if product.preorder and product.futures_left >= qty:
        first = chain[0]
        return RouteDecision(
            RouteKind.FUTURES,
            first.warehouse_id,
            first.name,
            product.futures_hours,
            f"各仓可用库存不足（{shortage}），无货预定："
            f"剩余可期货库存 {product.futures_left} ≥ {qty}，由「{first.name}」按期货发货",
            chain,
        )
    why = f"剩余可期货库存 {product.futures_left} < {qty}" if product.preorder else "未开通无货预定"
    return RouteDecision(
        RouteKind.REFUSED,
        None,
        None,
        None,
        f"超卖拒绝：各仓可用库存不足（{shortage}），{why}",
        chain,
    )
