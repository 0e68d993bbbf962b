"""分区库存 import: the bulk paths (whole columns, an unedited export) give what row by row did."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from jdstock_desktop.domain.stock import LedgerKind
from jdstock_desktop.errors import SheetErrors
from jdstock_desktop.services.forms.importing import import_sheet
from jdstock_desktop.services.forms.table import export_sheet
from jdstock_desktop.services.ledger import LedgerWriter
from jdstock_desktop.services.stock import StockEdit, check_book, submit_stock_changes
from jdstock_desktop.sheets.cells import SLOW, CellError, column_converter, converter
from jdstock_desktop.sheets.definition import Column, ColumnType
from jdstock_desktop.sheets.forms import REGIONAL_STOCK
from jdstock_desktop.sheets.writer import write_sheet
from jdstock_desktop.storage.db import Book
from jdstock_desktop.storage.models import LedgerEntry, Stock
from tests.helpers import add_product, add_warehouse


def ledger_count(book: Book) -> int:
    with book.read() as s:
        return s.scalar(select(func.count()).select_from(LedgerEntry)) or 0


@pytest.fixture
def stocked(book: Book) -> Book:
    add_warehouse(book, "华东仓")
    add_warehouse(book, "华南仓")
    for code in ("A1", "A2", "A3"):
        add_product(book, code)
    submit_stock_changes(
        book,
        [StockEdit("A1", "华东仓", 5), StockEdit("A2", "华东仓", 0), StockEdit("A3", "华南仓", 9)],
    )
    return book


def test_an_unedited_export_imports_as_unchanged_and_writes_nothing(
    stocked: Book, tmp_path: Path
) -> None:
    path = tmp_path / "rs.xlsx"
    assert export_sheet(stocked, REGIONAL_STOCK, path) == 3
    before = ledger_count(stocked)
    report = import_sheet(stocked, REGIONAL_STOCK, path)
    assert (report.rows, report.unchanged, report.created, report.updated) == (3, 3, 0, 0)
    assert report.ledger_rows == 0 and not report.changed
    assert ledger_count(stocked) == before


def test_edited_rows_among_unchanged_ones_are_set_and_counted(
    stocked: Book, tmp_path: Path
) -> None:
    path = tmp_path / "rs.xlsx"
    rows = [
        {"sku": "A1", "warehouse": "华东仓", "on_hand": 5},  # unchanged
        {"sku": " A2 ", "warehouse": "华东仓", "on_hand": "7"},  # typed as text: cell by cell
        {"sku": "A3", "warehouse": "华南仓", "on_hand": 9},  # unchanged
        {"sku": "A1", "warehouse": "华南仓", "on_hand": 0},  # a new pair, even at 0
    ]
    write_sheet(path, REGIONAL_STOCK, rows)
    report = import_sheet(stocked, REGIONAL_STOCK, path)
    assert (report.created, report.updated, report.unchanged, report.ledger_rows) == (1, 1, 2, 2)
    assert report.details == ["A2 @ 华东仓：0 → 7", "A1 @ 华南仓：新建 0"]
    assert check_book(stocked) == []
    again = import_sheet(stocked, REGIONAL_STOCK, path)
    assert (again.unchanged, again.changed) == (4, False)


def test_every_problem_is_named_and_nothing_is_written(stocked: Book, tmp_path: Path) -> None:
    path = tmp_path / "rs.xlsx"
    rows = [
        {"sku": "A1", "warehouse": "华东仓", "on_hand": 6},
        {"sku": "A1", "warehouse": "华东仓", "on_hand": 6},
        {"sku": "ZZ", "warehouse": "火星仓", "on_hand": 1},
        {"sku": "A3", "warehouse": "华南仓", "on_hand": -1},
    ]
    write_sheet(path, REGIONAL_STOCK, rows)
    before = ledger_count(stocked)
    with pytest.raises(SheetErrors) as err:
        import_sheet(stocked, REGIONAL_STOCK, path)
    assert [(p.row, p.column, p.reason) for p in err.value.problems] == [
        (3, "商品编码", "商品编码+仓库名称「A1 / 华东仓」与第 2 行重复"),
        (4, "商品编码", "未知商品编码「ZZ」"),
        (4, "仓库名称", "未知仓库「火星仓」"),
        (5, "现货库存", "不能小于 0，实际为 -1"),
    ]
    assert ledger_count(stocked) == before


def test_holds_tells_whether_setting_a_quantity_would_change_anything(stocked: Book) -> None:
    with stocked.sessions() as s:
        now = {
            (p, w): o
            for p, w, o in s.execute(select(Stock.product_id, Stock.warehouse_id, Stock.on_hand))
        }
        pairs, quantities = list(now), list(now.values())
        pair = pairs[0]
        writer = LedgerWriter(s, "测试员")
        writer.load(None)
        assert writer.holds(pair, now[pair]) and not writer.holds(pair, now[pair] + 1)
        assert not writer.holds((999, 999), 0)  # not a pair yet: setting 0 creates it
        assert writer.holds_all(pairs, quantities)
        assert not writer.holds_all([*pairs, (999, 999)], [*quantities, 0])
        assert writer.set_on_hand(pair, now[pair] + 1, LedgerKind.IMPORT, where="x")
        assert writer.holds(pair, now[pair] + 1) and not writer.holds(pair, now[pair])
        assert not writer.holds_all(pairs, quantities)
        s.rollback()


_COLUMNS = [
    Column("t", "文本", required=True, max_length=4),
    Column("o", "可空文本"),
    Column("n", "整数", ColumnType.INT, required=True, min_value=0, max_value=100),
    Column("m", "可空整数", ColumnType.INT),
    Column("d", "数字", ColumnType.DECIMAL, min_value=0),
    Column("b", "是否", ColumnType.BOOL),
    Column("c", "选择", ColumnType.CHOICE, choices=("上柜", "下柜")),
    Column("r", "必填选择", ColumnType.CHOICE, required=True, choices=("上柜", "下柜")),
    Column("dt", "时间", ColumnType.DATETIME),
    Column("da", "日期", ColumnType.DATE),
]
_CELLS: list[object] = [
    "",
    " ",
    "ab",
    " ab ",
    "abcde",
    "上柜",
    "是",
    "12",
    " 3 ",
    "1,234",
    "１２",
    "x",
    0.0,
    1.0,
    2.5,
    -1.0,
    100.0,
    101.0,
    1e20,
    0,
    7,
    -3,
    200,
    True,
    False,
    None,
    dt.datetime(2026, 1, 2, 3, 4),
    dt.datetime(2026, 1, 2),
    dt.date(2026, 1, 2),
    "2026-01-02",
    Decimal("1.5"),
]


@pytest.mark.parametrize("col", _COLUMNS, ids=lambda c: c.key)
def test_a_whole_column_converts_as_each_cell_does(col: Column) -> None:
    conv = converter(col)
    got = column_converter(col)(list(_CELLS))
    assert len(got) == len(_CELLS)
    for raw, value in zip(_CELLS, got, strict=True):
        try:
            want = conv(raw)
        except CellError:
            assert value is SLOW, raw  # a bad cell always goes back to the cell-by-cell path
            continue
        if value is not SLOW:
            assert (value, type(value)) == (want, type(want)), raw
