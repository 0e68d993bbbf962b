"""SPEC §4: every change is a ledger row, the ledger sums to the stock, on hand never < 0."""

from __future__ import annotations

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from sqlalchemy import func, select

from jdstock_desktop.domain.stock import LedgerKind
from jdstock_desktop.errors import BadInput, Conflict, Refused
from jdstock_desktop.services.ledger import LedgerWriter, ledger_mismatches
from jdstock_desktop.services.stock import StockEdit, cell_history, check_book, submit_stock_changes
from jdstock_desktop.storage.db import Book, open_book
from jdstock_desktop.storage.models import LedgerEntry, Stock
from tests.helpers import add_product, add_warehouse


def stock_of(book: Book) -> dict[tuple[int, int], tuple[int, int]]:
    with book.read() as s:
        return {
            (p, w): (o, r)
            for p, w, o, r in s.execute(
                select(Stock.product_id, Stock.warehouse_id, Stock.on_hand, Stock.reserved)
            )
        }


def ledger_count(book: Book) -> int:
    with book.read() as s:
        return s.scalar(select(func.count()).select_from(LedgerEntry)) or 0


def test_submit_writes_one_row_per_change_with_before_and_after(book: Book) -> None:
    add_warehouse(book, "华东仓")
    add_product(book, "A1")
    add_product(book, "A2")
    rows = submit_stock_changes(book, [StockEdit("A1", "华东仓", 30), StockEdit("A2", "华东仓", 5)])
    assert rows == 2
    assert submit_stock_changes(book, [StockEdit("A1", "华东仓", 12)]) == 1
    history = cell_history(book, "A1", "华东仓")
    assert [(h.delta, h.qty_before, h.qty_after, h.kind) for h in history] == [
        (-18, 30, 12, "手工修改"),
        (30, 0, 30, "手工修改"),
    ]
    assert history[0].operator == "测试员"
    assert check_book(book) == []


def test_unchanged_value_writes_nothing(book: Book) -> None:
    add_warehouse(book, "华东仓")
    add_product(book, "A1")
    submit_stock_changes(book, [StockEdit("A1", "华东仓", 7)])
    assert submit_stock_changes(book, [StockEdit("A1", "华东仓", 7)]) == 0
    assert ledger_count(book) == 1


def test_setting_zero_on_a_new_pair_creates_the_pair(book: Book) -> None:
    wid = add_warehouse(book, "华东仓")
    pid = add_product(book, "A1")
    assert submit_stock_changes(book, [StockEdit("A1", "华东仓", 0)]) == 1
    assert stock_of(book) == {(pid, wid): (0, 0)}


def test_a_bad_edit_anywhere_rolls_back_the_whole_submission(book: Book) -> None:
    add_warehouse(book, "华东仓")
    add_product(book, "A1")
    with pytest.raises(BadInput, match="未知仓库「火星仓」"):
        submit_stock_changes(book, [StockEdit("A1", "华东仓", 5), StockEdit("A1", "火星仓", 1)])
    with pytest.raises(BadInput, match="库存不能为负数"):
        submit_stock_changes(book, [StockEdit("A1", "华东仓", 5), StockEdit("A1", "华东仓", -1)])
    assert ledger_count(book) == 0 and stock_of(book) == {}


def test_stale_version_is_a_conflict_and_changes_nothing(book: Book) -> None:
    add_warehouse(book, "华东仓")
    add_product(book, "A1")
    submit_stock_changes(book, [StockEdit("A1", "华东仓", 10)])  # version 1
    submit_stock_changes(book, [StockEdit("A1", "华东仓", 11)])  # version 2 (someone else)
    with pytest.raises(Conflict, match="当前现货库存 11"):
        submit_stock_changes(book, [StockEdit("A1", "华东仓", 3, expected_version=1)])
    assert list(stock_of(book).values()) == [(11, 0)]


def only_when_writers_overlap(book: Book) -> None:
    if book.engine.dialect.name == "sqlite":
        # A SQLite write transaction holds the file's write lock from its start: the second
        # clerk waits for the first to commit (tests/services/test_concurrency.py) and cannot
        # commit in between, which is what these tests stage.
        pytest.skip("SQLite serialises write transactions")


def test_a_change_committed_by_another_clerk_between_read_and_write_is_a_conflict(
    book: Book,
) -> None:
    """Clerk A read version 1 and passed the early check; clerk B commits before A writes: A's
    guarded UPDATE matches nothing, so A gets B's value in the message and writes nothing."""
    only_when_writers_overlap(book)
    wid = add_warehouse(book, "华东仓")
    pid, pid2 = add_product(book, "A1"), add_product(book, "A2")
    submit_stock_changes(book, [StockEdit("A1", "华东仓", 10), StockEdit("A2", "华东仓", 10)])
    other = open_book(book.url, operator="乙")  # a second clerk: own engine, own connections
    try:
        conflict = pytest.raises(Conflict, match=r"：A1 @ 华东仓（当前现货库存 7）；")
        with conflict, book.transaction() as s:
            w = LedgerWriter(s, "甲")
            for p in (pid, pid2):  # two rows: one guarded UPDATE of several must be all or none
                w.set_on_hand((p, wid), 3, LedgerKind.MANUAL, where="A", expected_version=1)
            submit_stock_changes(other, [StockEdit("A1", "华东仓", 7)])
            w.flush()
    finally:
        other.close()
    assert stock_of(book) == {(pid, wid): (7, 0), (pid2, wid): (10, 0)}
    assert ledger_count(book) == 3 and check_book(book) == []


def test_two_clerks_creating_the_same_pair_at_once_is_a_conflict(book: Book) -> None:
    only_when_writers_overlap(book)
    wid = add_warehouse(book, "华东仓")
    pid = add_product(book, "A1")
    other = open_book(book.url, operator="乙")
    try:
        conflict = pytest.raises(Conflict, match=r"A1 @ 华东仓（当前现货库存 7）")
        with conflict, book.transaction() as s:
            w = LedgerWriter(s, "甲")
            w.set_on_hand((pid, wid), 3, LedgerKind.MANUAL, where="A1")  # no row yet
            submit_stock_changes(other, [StockEdit("A1", "华东仓", 7)])
            w.flush()
    finally:
        other.close()
    assert stock_of(book) == {(pid, wid): (7, 0)}
    assert ledger_count(book) == 1 and check_book(book) == []


def test_reserved_cannot_exceed_on_hand(book: Book) -> None:
    wid = add_warehouse(book, "华东仓")
    pid = add_product(book, "A1")
    with book.transaction() as s:
        w = LedgerWriter(s, "t")
        w.change((pid, wid), 5, LedgerKind.INBOUND, where="A1@华东仓")
        w.change((pid, wid), 0, LedgerKind.RESERVE, reserved_delta=4, where="A1@华东仓")
        w.flush()
    with pytest.raises(Refused, match="少于已被订单预占的 4"):
        submit_stock_changes(book, [StockEdit("A1", "华东仓", 3)])
    assert stock_of(book) == {(pid, wid): (5, 4)}


def test_check_detects_a_stock_row_that_drifted_from_its_ledger(book: Book) -> None:
    add_warehouse(book, "华东仓")
    add_product(book, "A1")
    submit_stock_changes(book, [StockEdit("A1", "华东仓", 10)])
    with book.transaction() as s:
        s.execute(Stock.__table__.update().values(on_hand=9))
    [m] = check_book(book)
    assert (m.on_hand, m.ledger_on_hand) == (9, 10)


class StockMachine(RuleBasedStateMachine):
    """Random inbound, shipments, reservations and counts keep §4's invariants."""

    def __init__(self) -> None:
        super().__init__()
        import tempfile
        from pathlib import Path

        self.dir = tempfile.TemporaryDirectory()
        self.book = open_book(Path(self.dir.name) / "b.sqlite3")
        self.model: dict[tuple[int, int], list[int]] = {}

    @initialize()
    def setup(self) -> None:
        self.pairs = [
            (add_product(self.book, f"S{i}"), add_warehouse(self.book, f"仓{i}")) for i in range(2)
        ]

    @rule(i=st.integers(0, 1), delta=st.integers(-30, 30), reserve=st.integers(-10, 10))
    def change(self, i: int, delta: int, reserve: int) -> None:
        pair = self.pairs[i]
        on_hand, reserved = self.model.get(pair, [0, 0])
        ok = on_hand + delta >= 0 and 0 <= reserved + reserve <= on_hand + delta
        try:
            with self.book.transaction() as s:
                w = LedgerWriter(s, "t")
                w.change(pair, delta, LedgerKind.ADJUST, reserved_delta=reserve, where="x")
                w.flush()
        except Refused:
            assert not ok
        else:
            assert ok
            self.model[pair] = [on_hand + delta, reserved + reserve]

    @rule(i=st.integers(0, 1), qty=st.integers(-3, 40))
    def set_on_hand(self, i: int, qty: int) -> None:
        target = qty
        pair = self.pairs[i]
        _on_hand, reserved = self.model.get(pair, [0, 0])
        try:
            submit_stock_changes(self.book, [StockEdit(f"S{i}", f"仓{i}", target)])
        except BadInput:
            assert target < 0 or target < reserved
        else:
            assert target >= reserved
            self.model[pair] = [target, reserved]

    @invariant()
    def ledger_sums_to_stock_and_never_negative(self) -> None:
        with self.book.read() as s:
            assert ledger_mismatches(s) == []
        actual = stock_of(self.book)
        assert {k: list(v) for k, v in actual.items()} == {
            k: v for k, v in self.model.items() if k in actual
        }
        assert all(o >= 0 and 0 <= r <= o for o, r in actual.values())

    def teardown(self) -> None:
        self.book.close()
        self.dir.cleanup()


StockMachine.TestCase.settings = settings(max_examples=25, stateful_step_count=15, deadline=None)
TestStockMachine = StockMachine.TestCase
