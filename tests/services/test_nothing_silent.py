"""Issue 10: inputs that used to pass silently now get a clear message and change nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from jdstock_desktop.errors import SheetErrors
from jdstock_desktop.services.sheet_import import import_sheet
from jdstock_desktop.services.stock import StockEdit, submit_stock_changes
from jdstock_desktop.sheets.definition import SheetDef
from jdstock_desktop.sheets.forms import LEDGER, PRIORITIES, PRODUCTS, REGIONAL_STOCK
from jdstock_desktop.storage.db import Book
from jdstock_desktop.storage.models import LedgerEntry, PriorityEntry, Product, Stock
from tests.helpers import add_product, add_warehouse, write_xlsx


def snapshot(book: Book) -> tuple[object, ...]:
    with book.read() as s:
        return (
            s.scalar(select(func.count()).select_from(LedgerEntry)),
            sorted(s.execute(select(Stock.product_id, Stock.warehouse_id, Stock.on_hand)).all()),
            sorted(
                s.execute(
                    select(Product.code, Product.purchase_price, Product.jd_price, Product.name)
                ).all()
            ),
            sorted(s.execute(select(PriorityEntry.warehouse_id, PriorityEntry.rank)).all()),
        )


@pytest.fixture
def stocked(book: Book) -> Book:
    add_warehouse(book, "华东仓")
    add_product(book, "A1", purchase_price=12, jd_price=20)
    submit_stock_changes(book, [StockEdit("A1", "华东仓", 10)])
    return book


PRODUCT_HEAD = list(PRODUCTS.headers)


def product_row(**cells: object) -> list[object]:
    """A full 商品 row for A1 (as the fixture holds it), with `cells` by header."""
    row: dict[str, object] = dict.fromkeys(PRODUCT_HEAD, "")
    row.update({"商品编码": "A1", "商品名称": "测试商品A1", "采购价": 12, "京东价": 20})
    row.update(cells)
    return list(row.values())
# Real error cells: openpyxl stores "#N/A" & co. as t="e" cells, as Excel writes them, and a
# formula with no cached value, as a program that never calculated it writes it.
ERROR_CASES: dict[str, tuple[SheetDef, list[list[object]], list[str]]] = {
    "#N/A priority": (
        PRIORITIES,
        [["区域", "仓库名称", "优先级"], ["全国", "华东仓", "#N/A"]],
        ["第 2 行", "列「优先级」", "Excel 错误值 #N/A"],
    ),
    "#DIV/0! price": (
        PRODUCTS,
        [PRODUCT_HEAD, product_row(采购价="#DIV/0!")],
        ["第 2 行", "列「采购价」", "Excel 错误值 #DIV/0!"],
    ),
    "#VALUE! stock": (
        REGIONAL_STOCK,
        [["商品编码", "仓库名称", "现货库存"], ["A1", "华东仓", "#VALUE!"]],
        ["第 2 行", "列「现货库存」", "#VALUE!"],
    ),
    "#REF! in an optional text column": (
        LEDGER,
        [
            ["时间", "商品编码", "仓库名称", "变动数量", "类型", "备注"],
            ["2026-11-01 09:00", "A1", "华东仓", 1, "入库", "#REF!"],
        ],
        ["第 2 行", "列「备注」", "#REF!"],
    ),
    "#N/A in a required key": (
        REGIONAL_STOCK,
        [["商品编码", "仓库名称", "现货库存"], ["#N/A", "华东仓", 3]],
        ["第 2 行", "列「商品编码」", "#N/A"],
    ),
    "formula without cached value": (
        PRIORITIES,
        [["区域", "仓库名称", "优先级"], ["全国", "华东仓", "=1+0"]],
        ["第 2 行", "列「优先级」", "公式没有计算结果，请在 Excel 中打开并保存后再导入"],
    ),
}


@pytest.mark.parametrize("case", list(ERROR_CASES))
def test_excel_error_cells_are_bad_input(stocked: Book, tmp_path: Path, case: str) -> None:
    sheet, rows, expected = ERROR_CASES[case]
    path = write_xlsx(tmp_path / "errors.xlsx", sheet.name, rows)
    before = snapshot(stocked)
    with pytest.raises(SheetErrors) as err:
        import_sheet(stocked, sheet, path)
    message = str(err.value)
    for part in expected:
        assert part in message, message
    assert "必填" not in message
    assert snapshot(stocked) == before


def test_formula_with_cached_value_is_read(stocked: Book, tmp_path: Path) -> None:
    """A formula that Excel calculated is its value: only uncalculated ones are refused."""
    import zipfile

    path = write_xlsx(tmp_path / "calc.xlsx", "分区库存", [["商品编码", "仓库名称", "现货库存"]])
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    row = (
        '<row r="2"><c r="A2" t="str"><f>"A"&amp;"1"</f><v>A1</v></c>'
        '<c r="B2" t="inlineStr"><is><t>华东仓</t></is></c><c r="C2"><f>3+4</f><v>7</v></c></row>'
    )
    parts["xl/worksheets/sheet1.xml"] = sheet.replace("</sheetData>", row + "</sheetData>").encode()
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    report = import_sheet(stocked, REGIONAL_STOCK, path)
    assert report.updated == 1
    with stocked.read() as s:
        assert s.scalar(select(Stock.on_hand)) == 7
