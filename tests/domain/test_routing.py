"""SPEC §3 routing, one test per step, numbers worked by hand."""

from __future__ import annotations

from jdstock_desktop.domain.routing import (
    ChainLink,
    PriorityItem,
    RouteKind,
    RouteProduct,
    applicable_region,
    priority_chain,
    route_order,
)

NATIONAL = 1
EAST, SOUTH, NORTH = 2, 3, 4


def product(**kw: object) -> RouteProduct:
    base = dict(
        code="A1", listed=True, spot_hours=24, futures_hours=168, preorder=False, futures_left=0
    )
    base.update(kw)
    return RouteProduct(**base)  # type: ignore[arg-type]


def test_step0_unknown_sku_is_refused() -> None:
    d = route_order(None, 1, [ChainLink(NATIONAL, "商家全国仓", 10)])
    assert d.kind is RouteKind.REFUSED and d.warehouse is None and d.promised_hours is None


def test_step0_delisted_sku_is_refused_even_with_stock() -> None:
    d = route_order(product(listed=False), 1, [ChainLink(EAST, "华东仓", 100)])
    assert d.kind is RouteKind.REFUSED
    assert "下柜" in d.reason


def test_step1_town_list_beats_county_and_national() -> None:
    # town 440305001 has no list, its county 440305 has one, 全国 too: the county's applies.
    ancestors = ["440305001", "440305", "4403", "44", "0"]
    lists = {"440305": [PriorityItem(SOUTH, 1)], "0": [PriorityItem(EAST, 1)]}
    assert applicable_region(ancestors, lists) == "440305"


def test_step1_falls_back_to_national_list_then_to_none() -> None:
    assert applicable_region(["44", "0"], {"0": [PriorityItem(EAST, 1)]}) == "0"
    assert applicable_region(["44", "0"], {}) is None


def test_step2_drops_paused_and_banned_and_orders_by_rank() -> None:
    items = [
        PriorityItem(NORTH, 3),
        PriorityItem(EAST, None),
        PriorityItem(SOUTH, 1),
        PriorityItem(5, 2),
    ]
    # EAST banned, warehouse 5 paused: SOUTH(1), NORTH(3), then the national warehouse.
    assert priority_chain(items, paused={5}, national_id=NATIONAL) == [SOUTH, NORTH, NATIONAL]


def test_step3_national_always_last_even_with_empty_list() -> None:
    assert priority_chain([], paused=set(), national_id=NATIONAL) == [NATIONAL]


def test_step4_first_warehouse_covering_qty_ships_spot() -> None:
    # Order of 8: 华南 has 5 (short), 华北 has 8 (covers exactly) -> 华北 ships, spot, 24 h.
    chain = [
        ChainLink(SOUTH, "华南仓", 5),
        ChainLink(NORTH, "华北仓", 8),
        ChainLink(NATIONAL, "商家全国仓", 100),
    ]
    d = route_order(product(), 8, chain)
    assert (d.kind, d.warehouse, d.promised_hours) == (RouteKind.SPOT, "华北仓", 24)


def test_step4_support_falls_through_to_national() -> None:
    chain = [ChainLink(SOUTH, "华南仓", 2), ChainLink(NATIONAL, "商家全国仓", 3)]
    d = route_order(product(), 3, chain)
    assert (d.kind, d.warehouse) == (RouteKind.SPOT, "商家全国仓")


def test_step5_futures_on_first_warehouse_within_quota() -> None:
    # Nobody covers 10 (5 + 3 available); quota 20 - 12 already booked = 8 left... too few;
    # with 10 left it becomes futures on the FIRST warehouse of the chain, 168 h.
    chain = [ChainLink(SOUTH, "华南仓", 5), ChainLink(NATIONAL, "商家全国仓", 3)]
    refused = route_order(product(preorder=True, futures_left=8), 10, chain)
    assert refused.kind is RouteKind.REFUSED and "剩余可期货库存 8" in refused.reason
    d = route_order(product(preorder=True, futures_left=10), 10, chain)
    assert (d.kind, d.warehouse, d.promised_hours) == (RouteKind.FUTURES, "华南仓", 168)


def test_step5_without_preorder_is_an_oversell() -> None:
    chain = [ChainLink(SOUTH, "华南仓", 5), ChainLink(NATIONAL, "商家全国仓", 0)]
    d = route_order(product(preorder=False, futures_left=100), 6, chain)
    assert d.kind is RouteKind.REFUSED
    assert "超卖" in d.reason and "未开通无货预定" in d.reason


def test_json_shape_matches_spec_section_9() -> None:
    d = route_order(product(), 1, [ChainLink(NATIONAL, "商家全国仓", 1)])
    assert d.as_json() == {
        "warehouse": "商家全国仓",
        "kind": "spot",
        "promised_hours": 24,
        "reason": d.reason,
    }
    assert set(route_order(None, 1, []).as_json()) == {
        "warehouse",
        "kind",
        "promised_hours",
        "reason",
    }
