"""Issue 2: a broken sheet gets a message naming where and why, and leaves the book untouched."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from jdstock_desktop.errors import SheetErrors
from jdstock_desktop.services.forms.importing import import_sheet
from jdstock_desktop.services.stock import StockEdit, submit_stock_changes
from jdstock_desktop.sheets.forms import LEDGER, PRODUCTS, REGIONAL_STOCK
from jdstock_desktop.storage.db import Book
from jdstock_desktop.storage.models import LedgerEntry, Product, Stock
from tests.helpers import add_product, add_warehouse, write_xlsx


def snapshot(book: Book) -> tuple[object, ...]:
    with book.read() as s:
        return (
            s.scalar(select(func.count()).select_from(LedgerEntry)),
            sorted(s.execute(select(Stock.product_id, Stock.warehouse_id, Stock.on_hand)).all()),
            s.scalar(select(func.count()).select_from(Product)),
        )


@pytest.fixture
def stocked(book: Book) -> Book:
    add_warehouse(book, "华东仓")
    add_product(book, "A1")
    submit_stock_changes(book, [StockEdit("A1", "华东仓", 10)])
    return book


HEAD = ["商品编码", "仓库名称", "现货库存"]

CASES: dict[str, tuple[list[list[object]], list[str]]] = {
    "wrong type": ([HEAD, ["A1", "华东仓", "十二"]], ["第 2 行", "现货库存", "十二"]),
    "negative stock": ([HEAD, ["A1", "华东仓", -1]], ["第 2 行", "现货库存", "-1"]),
    "unknown warehouse": ([HEAD, ["A1", "火星仓", 1]], ["第 2 行", "仓库名称", "火星仓"]),
    "unknown sku": ([HEAD, ["ZZ", "华东仓", 1]], ["第 2 行", "商品编码", "ZZ"]),
    "missing column": ([["商品编码", "现货库存"], ["A1", 3]], ["第 1 行", "仓库名称", "缺少"]),
    "one bad row among good ones": (
        [HEAD, ["A1", "华东仓", 99], ["A1", "火星仓", 1]],
        ["第 3 行", "火星仓"],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_stock_sheet_changes_nothing(stocked: Book, tmp_path: Path, case: str) -> None:
    rows, expected = CASES[case]
    path = write_xlsx(tmp_path / "bad.xlsx", "分区库存", rows)
    before = snapshot(stocked)
    with pytest.raises(SheetErrors) as err:
        import_sheet(stocked, REGIONAL_STOCK, path)
    message = str(err.value)
    assert "bad.xlsx" in message and "分区库存" in message
    for part in expected:
        assert part in message
    assert snapshot(stocked) == before


def test_empty_file_and_not_an_xlsx(stocked: Book, tmp_path: Path) -> None:
    before = snapshot(stocked)
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    text = tmp_path / "notes.xlsx"
    text.write_text("这不是表格", encoding="utf-8")
    for path in (empty, text):
        with pytest.raises(SheetErrors) as err:
            import_sheet(stocked, REGIONAL_STOCK, path)
        assert path.name in str(err.value)
    assert snapshot(stocked) == before


def test_ledger_row_that_would_go_negative_is_refused_whole(stocked: Book, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "flow.xlsx",
        "库存流水",
        [
            ["时间", "商品编码", "仓库名称", "变动数量", "类型", "备注"],
            ["2026-11-01 09:00", "A1", "华东仓", 5, "入库", ""],
            ["2026-11-02", "A1", "华东仓", 20, "发货", "超出库存"],
        ],
    )
    before = snapshot(stocked)
    with pytest.raises(SheetErrors) as err:
        import_sheet(stocked, LEDGER, path)
    assert "第 3 行" in str(err.value) and "不能为负" in str(err.value)
    assert snapshot(stocked) == before


def test_product_sheet_with_a_bad_choice_creates_no_product(book: Book, tmp_path: Path) -> None:
    head = [c.header for c in PRODUCTS.columns]
    row = ["N1", "", "新品", "", "", "", "", "", "", "个", 1, 2, "在售", 24, "", "否", 0]
    path = write_xlsx(tmp_path / "p.xlsx", "商品", [head, row])
    with pytest.raises(SheetErrors) as err:
        import_sheet(book, PRODUCTS, path)
    assert "上柜状态" in str(err.value) and "在售" in str(err.value)
    assert snapshot(book)[2] == 0
