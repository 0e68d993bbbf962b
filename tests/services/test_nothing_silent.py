"""Issue 10: inputs that used to pass silently now get a clear message and change nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, update

from jdstock_desktop.cli import main
from jdstock_desktop.errors import SheetErrors
from jdstock_desktop.services.forms.importing import import_sheet
from jdstock_desktop.services.ledger import ChainBreak
from jdstock_desktop.services.stock import StockEdit, check_book, submit_stock_changes
from jdstock_desktop.sheets.definition import SheetDef
from jdstock_desktop.sheets.forms import LEDGER, PRIORITIES, PRODUCTS, REGIONAL_STOCK
from jdstock_desktop.storage.db import Book
from jdstock_desktop.storage.models import LedgerEntry, PriorityEntry, Product, Stock
from tests.helpers import add_product, add_warehouse, stock_at, write_xlsx


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


# --- backdated 库存流水: the merged timeline, an unbroken chain -----------------------------------

LEDGER_HEAD = ["时间", "商品编码", "仓库名称", "变动数量", "类型", "备注"]


def ledger_chain(book: Book) -> list[tuple[str, int, int, int]]:
    """(time, before, delta, after) of the A1 @ 华东仓 ledger in chain order."""
    with book.read() as s:
        rows = s.execute(
            select(LedgerEntry.time, LedgerEntry.qty_before, LedgerEntry.delta)
            .add_columns(LedgerEntry.qty_after)
            .order_by(LedgerEntry.time, LedgerEntry.id)
        )
        return [(f"{t:%Y-%m-%d}", b, d, a) for t, b, d, a in rows]


@pytest.fixture
def opened_2025(book: Book) -> Book:
    """A1 @ 华东仓 opened with 7 on 2025-01-01 (the issue's book)."""
    add_warehouse(book, "华东仓")
    add_product(book, "A1")
    stock_at(book, dt.datetime(2025, 1, 1, 9), [("A1", "华东仓", 7)])
    return book


def test_backdated_rows_keep_the_chain_in_time_order(opened_2025: Book, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "history.xlsx",
        "库存流水",
        [LEDGER_HEAD, ["2024-06-01 10:00", "A1", "华东仓", 5, "入库", "旧账"]],
    )
    report = import_sheet(opened_2025, LEDGER, path)
    assert report.created == 1
    # Before the fix: 2024 row 7→12 below a 2025 row 0→7. Now each row starts where the
    # previous one (in time) ended.
    assert ledger_chain(opened_2025) == [("2024-06-01", 0, 5, 5), ("2025-01-01", 5, 7, 12)]
    assert check_book(opened_2025) == []


def test_backdated_shipment_before_the_stock_arrived_is_refused(
    opened_2025: Book, tmp_path: Path
) -> None:
    path = write_xlsx(
        tmp_path / "history.xlsx",
        "库存流水",
        [LEDGER_HEAD, ["2024-06-01 10:00", "A1", "华东仓", 3, "发货", ""]],
    )
    before = snapshot(opened_2025)
    with pytest.raises(SheetErrors) as err:
        import_sheet(opened_2025, LEDGER, path)
    message = str(err.value)
    # Today's stock (7) covers it; the stock of 2024-06-01 (0) does not.
    assert "第 2 行" in message and "列「变动数量」" in message
    assert "2024-06-01 10:00:00 时现货库存将为 -3" in message
    assert snapshot(opened_2025) == before


def test_history_valid_in_time_is_accepted_whatever_today_holds(book: Book, tmp_path: Path) -> None:
    """10 in, 10 out: 0 today. Rows between the two (−5 then +5) never take the history below
    zero, though applied to today's 0 the first would: the timeline decides, not today."""
    add_warehouse(book, "华东仓")
    add_product(book, "A1")
    stock_at(book, dt.datetime(2024, 1, 1), [("A1", "华东仓", 10)])
    stock_at(book, dt.datetime(2025, 1, 1), [("A1", "华东仓", 0)])
    path = write_xlsx(
        tmp_path / "history.xlsx",
        "库存流水",
        [
            LEDGER_HEAD,
            ["2024-06-01", "A1", "华东仓", 5, "发货", ""],
            ["2024-07-01", "A1", "华东仓", 5, "入库", ""],
        ],
    )
    import_sheet(book, LEDGER, path)
    assert ledger_chain(book) == [
        ("2024-01-01", 0, 10, 10),
        ("2024-06-01", 10, -5, 5),
        ("2024-07-01", 5, 5, 10),
        ("2025-01-01", 10, -10, 0),
    ]
    assert check_book(book) == []


def test_check_finds_a_broken_chain(opened_2025: Book, capsys: pytest.CaptureFixture[str]) -> None:
    stock_at(opened_2025, dt.datetime(2025, 2, 1), [("A1", "华东仓", 9)])
    with opened_2025.transaction() as s:
        last = s.scalar(select(func.max(LedgerEntry.id)))
        s.execute(update(LedgerEntry).where(LedgerEntry.id == last).values(qty_before=3))
    [problem] = check_book(opened_2025)
    assert isinstance(problem, ChainBreak)
    assert (problem.qty_before, problem.expected_before) == (3, 7)
    assert main(["check", "--db", opened_2025.url]) == 1
    err = capsys.readouterr().err
    assert "A1 @ 华东仓" in err and "变动前应为 7" in err


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    existing=st.lists(st.tuples(st.integers(0, 60), st.integers(0, 20)), min_size=1, max_size=5),
    rows=st.lists(
        st.tuples(
            st.integers(0, 60), st.integers(-15, 15), st.sampled_from(("入库", "发货", "调整"))
        ),
        min_size=1,
        max_size=8,
    ),
)
def test_random_backdated_files_against_random_books(
    tmp_path_factory: pytest.TempPathFactory,
    existing: list[tuple[int, int]],
    rows: list[tuple[int, int, str]],
) -> None:
    """Whatever the book and the file: either the import is refused and the book unchanged, or
    the chain holds and on hand is never negative at any time; and the import is refused
    exactly when an independent walk of the merged history goes below zero."""
    from jdstock_desktop.services.forms.importing import import_rows
    from jdstock_desktop.services.forms.stock_sheets import signed_delta
    from jdstock_desktop.sheets.reader import SheetRow
    from jdstock_desktop.storage.db import open_book

    book = open_book(tmp_path_factory.mktemp("prop") / "book.sqlite3")
    try:
        add_warehouse(book, "华东仓")
        add_product(book, "A1")
        start = dt.datetime(2025, 1, 1, 12)
        history: list[tuple[dt.datetime, int, int]] = []  # (time, order, delta)
        on_hand = 0
        for n, (day, qty) in enumerate(sorted(existing)):
            when = start + dt.timedelta(days=day)
            stock_at(book, when, [("A1", "华东仓", qty)])
            history.append((when, n, qty - on_hand))
            on_hand = qty
        sheet_rows = []
        for n, (day, qty, kind) in enumerate(rows):
            when = start + dt.timedelta(days=day, hours=-1)  # before a count of the same day
            values = {"time": when, "sku": "A1", "warehouse": "华东仓", "qty": qty, "type": kind}
            sheet_rows.append(SheetRow(n + 2, {**values, "note": f"r{n}"}))
            history.append((when, 100 + n, signed_delta(kind, qty)))
        running, lowest = 0, 0
        for _, _, delta in sorted(history):
            running += delta
            lowest = min(lowest, running)
        before = snapshot(book)
        try:
            import_rows(book, LEDGER, sheet_rows, file="流水.xlsx")
        except SheetErrors as exc:
            assert lowest < 0, str(exc)
            assert snapshot(book) == before
        else:
            assert lowest >= 0
            assert check_book(book) == []
            chain = ledger_chain(book)
            assert all(after >= 0 for *_, after in chain)
            assert chain[-1][3] == running
    finally:
        book.close()


# --- keys: full-width folded, invisible characters refused --------------------------------------

KEY_CASES: dict[str, tuple[list[object], list[str]]] = {
    # Control characters travel in .xlsx as _xHHHH_ escapes, which calamine decodes.
    "NUL in a code": (["A_x0000_1", "华东仓", 3], ["列「商品编码」", "U+0000"]),
    "zero-width space in a code": (["A1\u200b", "华东仓", 3], ["列「商品编码」", "U+200B"]),
    "bidi mark in a warehouse name": (["A1", "华东\u202e仓", 3], ["列「仓库名称」", "U+202E"]),
    "escape in a warehouse name": (["A1", "华东_x001B_[31m仓", 3], ["列「仓库名称」", "U+001B"]),
}


@pytest.mark.parametrize("case", list(KEY_CASES))
def test_invisible_characters_in_keys_are_refused(stocked: Book, tmp_path: Path, case: str) -> None:
    row, expected = KEY_CASES[case]
    path = write_xlsx(
        tmp_path / "keys.xlsx", "分区库存", [["商品编码", "仓库名称", "现货库存"], row]
    )
    before = snapshot(stocked)
    with pytest.raises(SheetErrors) as err:
        import_sheet(stocked, REGIONAL_STOCK, path)
    message = str(err.value)
    for part in ["第 2 行", "看不见的字符", *expected]:
        assert part in message, message
    assert "\x1b" not in message and "\x00" not in message  # nothing raw reaches a terminal
    assert snapshot(stocked) == before


def test_full_width_code_is_the_same_sku(stocked: Book, tmp_path: Path) -> None:
    """ＧＹ-style codes typed with a Chinese IME's full-width letters name the same SKU."""
    path = write_xlsx(
        tmp_path / "wide.xlsx",
        "分区库存",
        [["商品编码", "仓库名称", "现货库存"], ["Ａ１", "华东仓", 4]],
    )
    report = import_sheet(stocked, REGIONAL_STOCK, path)
    assert report.updated == 1 and report.created == 0
    with stocked.read() as s:
        assert s.scalars(select(Product.code)).all() == ["A1"]
        assert s.scalar(select(Stock.on_hand)) == 4


def test_products_sheet_folds_new_codes(stocked: Book, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "p.xlsx",
        "商品",
        [PRODUCT_HEAD, product_row(商品编码="ＧＹ０００００１", 商品名称="新品")],
    )
    import_sheet(stocked, PRODUCTS, path)
    with stocked.read() as s:
        assert sorted(s.scalars(select(Product.code)).all()) == ["A1", "GY000001"]


def test_services_refuse_invisible_keys(stocked: Book) -> None:
    from jdstock_desktop.errors import BadInput
    from jdstock_desktop.services.warehouses import create_warehouse

    with pytest.raises(BadInput, match="U\\+200B"):
        create_warehouse(stocked, "华南\u200b仓", ("上海市", None, None, None), "")
    from jdstock_desktop.services.products import parse_field

    assert parse_field("code", "ＧＹ０１") == "GY01"
    with pytest.raises(BadInput, match="U\\+0000"):
        parse_field("code", "GY\x0001")


# --- bounds: one for every quantity, one for money ------------------------------------------------

BOUND_CASES: dict[str, tuple[SheetDef, list[list[object]], list[str]]] = {
    "stock of 3,000,000,000": (
        REGIONAL_STOCK,
        [["商品编码", "仓库名称", "现货库存"], ["A1", "华东仓", 3_000_000_000]],
        ["列「现货库存」", "不能大于 2000000000"],
    ),
    "2^63 typed as text": (
        REGIONAL_STOCK,
        [["商品编码", "仓库名称", "现货库存"], ["A1", "华东仓", str(2**63)]],
        ["列「现货库存」", "不能大于 2000000000"],
    ),
    "a billion digits as an exponent": (
        REGIONAL_STOCK,
        [["商品编码", "仓库名称", "现货库存"], ["A1", "华东仓", "1e999999999"]],
        ["列「现货库存」", "不能大于"],
    ),
    "two changes that sum beyond the bound": (
        LEDGER,
        [
            LEDGER_HEAD,
            ["2026-11-01 09:00", "A1", "华东仓", 1_500_000_000, "入库", ""],
            ["2026-11-02 09:00", "A1", "华东仓", 1_500_000_000, "入库", ""],
        ],
        ["第 3 行", "超出上限 2,000,000,000"],
    ),
    "price of 10^12": (
        PRODUCTS,
        [PRODUCT_HEAD, product_row(京东价=10**12)],
        ["列「京东价」", "不能大于 9999999999"],
    ),
}


@pytest.mark.parametrize("case", list(BOUND_CASES))
def test_numbers_beyond_the_bounds_are_refused(stocked: Book, tmp_path: Path, case: str) -> None:
    sheet, rows, expected = BOUND_CASES[case]
    path = write_xlsx(tmp_path / "big.xlsx", sheet.name, rows)
    before = snapshot(stocked)
    with pytest.raises(SheetErrors) as err:
        import_sheet(stocked, sheet, path)
    for part in expected:
        assert part in str(err.value), str(err.value)
    assert snapshot(stocked) == before


def test_services_refuse_quantities_beyond_the_bound(stocked: Book) -> None:
    from jdstock_desktop.errors import BadInput
    from jdstock_desktop.services.routing import route

    before = snapshot(stocked)
    with pytest.raises(BadInput, match="超出上限"):
        submit_stock_changes(stocked, [StockEdit("A1", "华东仓", 2**62)])
    with pytest.raises(BadInput, match="超出上限"):
        route(stocked, "A1", 2**63, "上海")
    assert snapshot(stocked) == before


# --- messages a clerk can act on ------------------------------------------------------------------


def _refusal(book: Book, sheet: SheetDef, path: Path) -> str:
    with pytest.raises(SheetErrors) as err:
        import_sheet(book, sheet, path)
    return str(err.value)


def test_files_that_are_no_workbook_say_what_they_are(stocked: Book, tmp_path: Path) -> None:
    before = snapshot(stocked)
    utf8 = tmp_path / "库存.csv"
    utf8.write_bytes("\ufeff商品编码,仓库名称,现货库存\nA1,华东仓,5\n".encode())
    gbk = tmp_path / "导出.xlsx"  # JD's back end writes GBK CSV; a clerk renamed it
    gbk.write_bytes("商品编码,仓库名称,现货库存\nA1,华东仓,5\n".encode("gbk"))
    for path in (utf8, gbk):
        message = _refusal(stocked, REGIONAL_STOCK, path)
        assert "CSV" in message and "另存为「Excel 工作簿 (*.xlsx)」" in message
    html = tmp_path / "报表.xls"
    html.write_text("<html><body><table><tr><td>商品编码</td></tr></table></body></html>")
    assert "网页（HTML）文件，只是扩展名为 .xls" in _refusal(stocked, REGIONAL_STOCK, html)
    # An encrypted workbook is a compound file holding an EncryptionInfo stream.
    locked = tmp_path / "加密.xlsx"
    locked.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1000 + "EncryptionInfo".encode("utf-16-le")
    )
    assert "设置了打开密码" in _refusal(stocked, REGIONAL_STOCK, locked)
    broken = tmp_path / "坏.xlsx"
    broken.write_bytes(b"PK\x03\x04garbage")
    assert ".xlsx、.xlsm、.xls" in _refusal(stocked, REGIONAL_STOCK, broken)
    assert snapshot(stocked) == before


def test_a_missing_column_lists_the_columns_found(stocked: Book, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "m.xlsx", "分区库存", [["商品编码", "库存数量"], ["A1", 3]])
    message = _refusal(stocked, REGIONAL_STOCK, path)
    assert "列「仓库名称」: 缺少这一列（表头行中有：商品编码、库存数量）" in message


def test_every_problem_in_one_pass_duplicates_of_bad_rows_too(
    stocked: Book, tmp_path: Path
) -> None:
    path = write_xlsx(
        tmp_path / "d.xlsx",
        "分区库存",
        [["商品编码", "仓库名称", "现货库存"], ["A1", "华东仓", "x"], ["A1", "华东仓", 2]],
    )
    message = _refusal(stocked, REGIONAL_STOCK, path)
    assert "第 2 行 列「现货库存」: 应为整数" in message
    assert "第 3 行 列「商品编码」: 商品编码+仓库名称「A1 / 华东仓」与第 2 行重复" in message


def test_a_jd_sku_where_the_code_belongs_names_its_product(book: Book, tmp_path: Path) -> None:
    add_warehouse(book, "华东仓")
    add_product(book, "A1", jd_sku="100012345678")
    path = write_xlsx(
        tmp_path / "j.xlsx",
        "分区库存",
        [["商品编码", "仓库名称", "现货库存"], ["100012345678", "华东仓", 3]],
    )
    message = _refusal(book, REGIONAL_STOCK, path)
    assert (
        "未知商品编码「100012345678」（这是商品「A1」的京东SKU，这里应填商品编码「A1」）" in message
    )


def test_an_empty_supplier_form_is_refused(book: Book, tmp_path: Path) -> None:
    from jdstock_desktop.services.supplier_profile import import_supplier_form

    path = write_xlsx(tmp_path / "空.xlsx", "供应商入驻评估表", [])
    with pytest.raises(SheetErrors, match="找不到这张表格的任何项目"):
        import_supplier_form(book, path)
