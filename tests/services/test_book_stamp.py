"""The book's stamp moves with every committed change a page shows, and never with a read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal

import pytest

from jdstock_desktop.domain.stock import LedgerKind
from jdstock_desktop.services.alert_history import CACHE_KEY
from jdstock_desktop.services.alerts import (
    alerts_report,
    delete_alert_rule,
    list_alert_rules,
    set_alert_rule,
    take_new_out_of_stock,
)
from jdstock_desktop.services.book_stamp import book_stamp
from jdstock_desktop.services.compliance import CONTRACT_END_KEY, compliance_report
from jdstock_desktop.services.ledger import LedgerWriter
from jdstock_desktop.services.lookups import product_by_code
from jdstock_desktop.services.orders import cancel_order, create_order, list_orders, ship_order
from jdstock_desktop.services.products import get_product, list_products, save_product, set_listed
from jdstock_desktop.services.stock import StockEdit, submit_stock_changes
from jdstock_desktop.services.stock_grid import load_stock_grid
from jdstock_desktop.services.warehouses import (
    create_warehouse,
    delete_warehouse,
    list_warehouses,
    priority_lists,
    set_priorities,
    update_warehouse,
)
from jdstock_desktop.storage.db import Book, open_book
from jdstock_desktop.storage.models import CategoryStandard, Setting, Warehouse
from tests.helpers import SHENZHEN, add_product, south_and_east

T0 = dt.datetime(2026, 3, 2, 10, 0, 0)


@pytest.fixture
def shop(book_url: str) -> Iterator[Book]:
    book = open_book(book_url)
    south_and_east(book)
    add_product(book, "A1", spot_hours=24, category3="螺丝")
    add_product(book, "F1", spot_hours=24, preorder=True, futures_quota=5, futures_hours=168)
    submit_stock_changes(book, [StockEdit("A1", "华南仓", 3), StockEdit("A1", "华东仓", 10)])
    set_alert_rule(book, "safety", "A1", None, 2, None)
    yield book
    book.close()


def moves(book: Book, change: Callable[[], object]) -> bool:
    before = book_stamp(book)
    change()
    return book_stamp(book) != before


def test_the_stamp_is_a_hashable_value_that_reads_do_not_move(shop: Book) -> None:
    before = book_stamp(shop)
    assert hash(before) == hash(book_stamp(shop))
    day = dt.date.today()
    # What the pages read, including the reads that write their own bookkeeping: the alert
    # history cache and the out-of-stock spells the dashboard marks as told.
    load_stock_grid(shop)
    list_products(shop)
    get_product(shop, "A1")
    list_warehouses(shop)
    priority_lists(shop)
    list_orders(shop)
    list_alert_rules(shop)
    alerts_report(shop, day)
    take_new_out_of_stock(shop, day)
    compliance_report(shop, day)
    with shop.transaction() as s:
        s.add(Setting(key=CACHE_KEY, value="{}"))
    assert book_stamp(shop) == before


def test_a_stock_edit_moves_the_stamp(shop: Book) -> None:
    assert moves(shop, lambda: submit_stock_changes(shop, [StockEdit("A1", "华南仓", 7)]))
    # A new (SKU, warehouse) pair too.
    assert moves(shop, lambda: submit_stock_changes(shop, [StockEdit("F1", "华东仓", 1)]))


def test_orders_move_the_stamp_when_placed_shipped_and_cancelled(shop: Book) -> None:
    place = lambda no, sku: create_order(shop, no, T0, "", SHENZHEN, "", [(sku, 1)])  # noqa: E731
    assert moves(shop, lambda: place("SO1", "A1"))
    assert moves(shop, lambda: ship_order(shop, "SO1"))
    # A futures order books the quota and writes no ledger row: its status still counts.
    assert moves(shop, lambda: place("SO2", "F1"))
    assert moves(shop, lambda: cancel_order(shop, "SO2"))


def test_product_edits_move_the_stamp(shop: Book) -> None:
    version = get_product(shop, "A1").version
    assert moves(shop, lambda: save_product(shop, {"name": "新名称"}, version, original_code="A1"))
    assert moves(shop, lambda: set_listed(shop, ["A1"], False))
    assert moves(shop, lambda: save_product(shop, {"code": "N1", "name": "新商品"}, None))


def test_warehouse_edits_move_the_stamp(shop: Book) -> None:
    assert moves(shop, lambda: update_warehouse(shop, "华东仓", paused=True))
    assert moves(shop, lambda: update_warehouse(shop, "华东仓", new_name="华东一仓"))
    assert moves(shop, lambda: create_warehouse(shop, "西南仓", ("四川省", "成都市"), "1号"))
    assert moves(shop, lambda: delete_warehouse(shop, "西南仓"))


def test_priority_changes_move_the_stamp(shop: Book) -> None:
    # Same warehouses, other order: the list is replaced (delete + insert).
    assert moves(shop, lambda: set_priorities(shop, ("广东省",), [("华东仓", 1), ("华南仓", 2)]))
    assert moves(shop, lambda: set_priorities(shop, ("广东省",), [("华东仓", 1), ("华南仓", None)]))
    assert moves(shop, lambda: set_priorities(shop, ("广东省",), []))


def test_alert_rule_changes_move_the_stamp(shop: Book) -> None:
    assert moves(shop, lambda: set_alert_rule(shop, "safety", "A1", None, 3, None))
    assert moves(shop, lambda: set_alert_rule(shop, "safety", "A1", None, None, Decimal("2.5")))
    assert moves(
        shop, lambda: set_alert_rule(shop, "safety", "A1", None, None, Decimal("2.5"), False)
    )
    assert moves(shop, lambda: set_alert_rule(shop, "slow", None, None, None, Decimal(30)))
    assert moves(shop, lambda: delete_alert_rule(shop, "slow", None, None))


def test_category_standards_and_shown_settings_move_the_stamp(shop: Book) -> None:
    def put_standard(hours: int) -> None:
        with shop.transaction() as s:
            row = s.query(CategoryStandard).filter_by(category3="螺丝").one_or_none()
            if row is None:
                s.add(CategoryStandard(category3="螺丝", ship_hours=hours))
            else:
                row.ship_hours = hours

    def put_contract_end(value: str) -> None:
        with shop.transaction() as s:
            row = s.get(Setting, CONTRACT_END_KEY)
            if row is None:
                s.add(Setting(key=CONTRACT_END_KEY, value=value))
            else:
                row.value = value

    assert moves(shop, lambda: put_standard(48))
    assert moves(shop, lambda: put_standard(72))
    assert moves(shop, lambda: put_contract_end("2027-01-31"))
    assert moves(shop, lambda: put_contract_end("2027-06-30"))


def test_a_change_counts_once_committed_not_while_in_flight(shop: Book) -> None:
    """Another clerk's transaction that has not committed yet shows nothing; its commit does.

    On PostgreSQL the in-flight writer may already hold ledger ids: the stamp says the ledger
    is not settled, so a commit with ids below a later one's still moves it."""
    before = book_stamp(shop)
    with shop.transaction() as s:
        pid = product_by_code(s, "A1").id
        wid = s.query(Warehouse.id).filter_by(name="华南仓").scalar()
        writer = LedgerWriter(s, "另一位库管")
        writer.change((pid, wid), 1, LedgerKind.ADJUST, where="A1 @ 华南仓")
        writer.flush()
        during = book_stamp(shop)
        assert during.ledger_max_id == before.ledger_max_id
        assert during.ledger_settled == (shop.engine.dialect.name != "postgresql")
    after = book_stamp(shop)
    assert after != before and after.ledger_settled
