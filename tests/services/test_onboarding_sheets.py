"""The onboarding tables (services/forms/onboarding_sheets.py, through forms.door as the CLI
uses them):
新品提报表 create/update by 商品编码 with initial stock, warnings and refusals; 上柜表, 无货预定,
类目时效标准; export → import is the identity (also as a property, and after LibreOffice re-saves
every exported file)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from jdstock_desktop.domain.onboarding import TAX_RATES, gtin_check_digit
from jdstock_desktop.domain.stock import LedgerKind
from jdstock_desktop.errors import NotFound, SheetErrors
from jdstock_desktop.services.forms import door as forms_io
from jdstock_desktop.services.forms.onboarding_sheets import PRODUCT_KEYS, export_new_products
from jdstock_desktop.services.ledger import LedgerWriter
from jdstock_desktop.services.supplier_profile import get_profile, save_profile
from jdstock_desktop.sheets.annotate import BAD_FILL
from jdstock_desktop.sheets.definition import META_SHEET
from jdstock_desktop.sheets.forms import sheet_by_name
from jdstock_desktop.sheets.onboarding_forms import (
    CATEGORY_STANDARDS,
    LISTING,
    MAX_MONEY,
    MAX_SIZE,
    MAX_WEIGHT,
    NEW_PRODUCTS,
    PREORDER,
    SUPPLIER_FORM,
)
from jdstock_desktop.storage.db import Book, open_book
from jdstock_desktop.storage.models import CategoryStandard, LedgerEntry, Product, Warehouse
from tests.helpers import add_product, add_warehouse, on_hand_by_cell
from tests.services.test_supplier_profile import writes
from tests.sheets.test_keyvalue import PROFILE, texts

NEW = "新品提报表"


def full_product(code: str, **kw: object) -> dict[str, object]:
    fields: dict[str, object] = {
        "code": code,
        "name": f"螺丝刀{code}",
        "brand": "工匠",
        "model": "SD-1",
        "spec": "6×100mm",
        "category1": "工具",
        "category2": "手动工具",
        "category3": "螺丝刀",
        "unit": "把",
        "barcode": "6901234567892",
        "purchase_price": Decimal("10.00"),
        "jd_price": Decimal("12.50"),
        "market_price": Decimal("15.00"),
        "tax_rate": Decimal("13.00"),
        "weight_kg": Decimal("0.125"),
        "length_cm": Decimal("20.5"),
        "width_cm": Decimal("3.0"),
        "height_cm": Decimal("3.0"),
        "packing_list": "螺丝刀×1",
        "warranty": "12个月",
        "origin": "浙江",
        "manufacturer": "=工匠工具厂",
        "listed": True,
        "futures_hours": 72,
        "preorder": True,
        "futures_quota": 100,
        "labels": "时效标签",
        "main_image": "SD-1-主图.jpg",
        "detail_images": "SD-1-1.jpg;SD-1-2.jpg",
    }
    fields.update(kw)
    return fields


def put(book: Book, fields: dict[str, object]) -> None:
    rest = dict(fields)
    add_product(book, str(rest.pop("code")), **rest)


def products(book: Book) -> dict[str, dict[str, object]]:
    """Every SKU's sheet attributes, Decimals normalised (SQLite returns them at their scale)."""
    out = {}
    with book.read() as s:
        for p in s.scalars(select(Product)):
            row = {k: getattr(p, k) for k in PRODUCT_KEYS}
            out[p.code] = {
                k: v.normalize() if isinstance(v, Decimal) else v for k, v in row.items()
            }
    return out


def set_stock(book: Book, code: str, warehouse: str, qty: int) -> None:
    with book.transaction() as s:
        pid = s.scalar(select(Product.id).where(Product.code == code))
        wid = s.scalar(select(Warehouse.id).where(Warehouse.name == warehouse))
        writer = LedgerWriter(s, "测试员")
        writer.set_on_hand((pid, wid), qty, LedgerKind.INBOUND, where="test")  # type: ignore[arg-type]
        writer.flush()


@pytest.fixture
def shop(book: Book) -> Book:
    add_warehouse(book, "上海仓", "31")
    add_warehouse(book, "广州仓", "44")
    put(book, full_product("A001"))
    put(book, full_product("A002", barcode="", tax_rate=None, listed=False))
    with book.transaction() as s:
        s.add(
            CategoryStandard(
                category1="工具", category2="手动工具", category3="螺丝刀", ship_hours=96
            )
        )
    set_stock(book, "A001", "上海仓", 30)
    set_stock(book, "A001", "广州仓", 50)
    return book


def sheet_rows(path: Path, title: str = NEW) -> list[dict[str, object]]:
    ws = load_workbook(path)[title]
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def new_sheet(path: Path, *rows: dict[str, object], headers: dict[str, str] | None = None) -> Path:
    """A hand-made 新品提报表 with every column (by Column.key), headers as a clerk typed them."""
    named = {c.key: c.header for c in NEW_PRODUCTS.columns} | (headers or {})
    keys = list(named)
    return hand_made(path, [named[k] for k in keys], *([r.get(k) for k in keys] for r in rows))


def hand_made(path: Path, headers: list[str], *rows: list[object], title: str = NEW) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = title
    ws.append(headers)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


# --- 新品提报表: export ---------------------------------------------------------------------------


def test_export_writes_every_field_and_the_books_dropdowns(shop: Book, tmp_path: Path) -> None:
    path = tmp_path / "n.xlsx"
    assert forms_io.export_any(shop, NEW, path) == 2
    [a1, a2] = sheet_rows(path)
    assert a1["商品编码"] == "A001" and a1["*税率"] == "13%" and a1["*品牌"] == "工匠"
    assert a1["生产厂家"] == "=工匠工具厂"  # text, never a formula
    assert (a1["初始库存"], a1["发货仓"]) == (50, "广州仓")  # the warehouse holding most
    assert (a2["*税率"], a2["条形码"], a2["上柜状态"], a2["初始库存"]) == (None, None, "下柜", None)
    wb = load_workbook(path)
    ws = wb[NEW]
    by_header = {c.value: c.column_letter for c in ws[1]}
    lists = {
        str(dv.sqref).split(":")[0].rstrip("0123456789"): dv
        for dv in ws.data_validations.dataValidation
        if dv.type == "list"
    }
    tax = lists[by_header["*税率"]]
    assert tax.formula1 == '"13%,9%,6%,3%,0%"' and tax.errorStyle == "warning"
    assert lists[by_header["发货仓"]].formula1 == '"商家全国仓,上海仓,广州仓"'
    assert lists[by_header["*三级类目"]].formula1 == '"螺丝刀"'
    assert "个" in lists[by_header["*单位"]].formula1
    assert lists[by_header["无货预定"]].formula1 == '"是,否"'
    assert wb[META_SHEET]["B1"].value == "new_products"
    assert ws["A1"].font.color.rgb.endswith("C00000")  # 商品编码: required, red


def test_export_of_selected_skus(shop: Book, tmp_path: Path) -> None:
    path = tmp_path / "sel.xlsx"
    assert export_new_products(shop, path, ["A002"]) == 1
    assert [r["商品编码"] for r in sheet_rows(path)] == ["A002"]
    with pytest.raises(NotFound, match="未知商品编码：B9"):
        export_new_products(shop, path, ["A001", "B9"])


# --- 新品提报表: import ---------------------------------------------------------------------------


def test_unedited_export_changes_nothing(shop: Book, tmp_path: Path) -> None:
    for name in (NEW, "上柜表", "无货预定", "类目时效标准"):
        path = tmp_path / f"{name}.xlsx"
        forms_io.export_any(shop, name, path)
        with writes(shop) as seen:
            report = forms_io.import_any(shop, name, path)
        assert seen == [], name
        assert not report.changed and report.summary().endswith("无变化"), name


def test_import_creates_and_updates_by_code(shop: Book, tmp_path: Path) -> None:
    path = tmp_path / "n.xlsx"
    forms_io.export_any(shop, NEW, path)
    wb = load_workbook(path)
    ws = wb[NEW]
    col = {c.value: c.column for c in ws[1]}
    ws.cell(2, col["*京东价"]).value = 13.8
    ws.cell(2, col["初始库存"]).value = 999  # an existing SKU keeps its stock
    new = {**full_product("B001", manufacturer="工匠"), "tax_rate": 0.09, "listed": "上柜"}
    new |= {"preorder": "否", "initial_stock": 20, "ship_warehouse": "上海仓", "barcode": None}
    ws.append([new.get(c.key) for c in NEW_PRODUCTS.columns])
    ws.append(["B002", None, "只有名称的新品"])
    wb.save(path)

    preview = forms_io.import_any(shop, NEW, path, dry_run=True)
    assert (preview.created, preview.updated, preview.unchanged) == (2, 1, 1)
    assert "B001" not in products(shop)
    report = forms_io.import_any(shop, NEW, path)
    assert (report.created, report.updated, report.ledger_rows) == (2, 1, 1)
    assert [d for d in report.details if not d.startswith("注意")] == [
        "修改商品 A001：京东价",
        "新增商品 B001 螺丝刀B001",
        "新增商品 B002 只有名称的新品",
    ]
    assert (
        "注意：商品 B002 缺少京东新品提报必填项：品牌、一级类目、二级类目、三级类目、单位、"
        "采购价、京东价、税率" in report.details
    )
    got = products(shop)
    assert got["A001"]["jd_price"] == Decimal("13.8")
    assert got["B001"]["tax_rate"] == 9 and got["B001"]["listed"] is True
    assert got["B002"]["spot_hours"] == 48 and got["B002"]["listed"] is False
    assert on_hand_by_cell(shop)[("B001", "上海仓")] == 20
    assert on_hand_by_cell(shop)[("A001", "上海仓")] == 30
    with shop.read() as s:
        [entry] = s.scalars(select(LedgerEntry).join(Product).where(Product.code == "B001")).all()
    assert (entry.kind, entry.delta, entry.qty_after) == ("import", 20, 20)


def test_jd_price_below_purchase_price_is_a_warning(shop: Book, tmp_path: Path) -> None:
    row = {"code": "C1", "name": "扳手", "purchase_price": 10, "jd_price": "9.5"}
    report = forms_io.import_any(shop, NEW, new_sheet(tmp_path / "w.xlsx", row))
    assert report.created == 1
    assert "注意：商品 C1 京东价 9.5 低于采购价 10" in report.details


def test_headers_are_matched_the_way_people_edit_templates(shop: Book, tmp_path: Path) -> None:
    # Decorated headers, columns in another order, an extra column: all found.
    headers = {
        "note": "备注",
        "name": " 商品名称 ",
        "code": "*商品编码(必填)",
        "tax_rate": "税率（%）",
        "jd_sku": "京东 SKU",
        "brand": "品牌",
    }
    row = {"note": "随手记", "name": "扳手", "code": "C2", "tax_rate": "13%", "jd_sku": "100012"}
    path = new_sheet(tmp_path / "h.xlsx", row, headers=headers)
    assert forms_io.import_any(shop, NEW, path).created == 1
    assert products(shop)["C2"]["jd_sku"] == "100012"
    missing = hand_made(tmp_path / "m.xlsx", ["商品编码", "品牌"], ["C3", "x"])
    with pytest.raises(SheetErrors, match="列「商品名称」: 缺少这一列"):
        forms_io.import_any(shop, NEW, missing)


def test_bad_cells_refuse_everything_with_an_annotated_copy(shop: Book, tmp_path: Path) -> None:
    path = new_sheet(
        tmp_path / "bad.xlsx",
        {"code": "D1", "name": "好的", "barcode": "6901234567892", "tax_rate": "13%",
         "purchase_price": 1, "weight_kg": 1, "initial_stock": 5, "ship_warehouse": "上海仓"},
        {"code": "D2", "name": "坏条码", "barcode": "6901234567893"},
        {"code": "D3", "name": "坏税率", "tax_rate": "16%"},
        {"code": "D4", "name": "三位小数", "purchase_price": "1.005", "weight_kg": "0.0001"},
        {"code": "D5", "name": "没有仓", "initial_stock": 5},
        {"code": "D6", "name": "未知仓", "initial_stock": 5, "ship_warehouse": "北京仓"},
        {"code": "D7", "name": "负库存", "initial_stock": -1, "ship_warehouse": "上海仓"},
    )  # fmt: skip
    out = tmp_path / "bad.错误.xlsx"
    with pytest.raises(SheetErrors) as info:
        forms_io.import_any(shop, NEW, path, annotated=out)
    got = [(p.row, p.column, p.reason) for p in info.value.problems]
    assert got == [
        (3, "条形码", "条形码校验位错误：最后一位应为 2，实际为 3"),
        (4, "*税率", "税率应为 13%/9%/6%/3%/0% 之一，实际为「16%」"),
        (5, "*采购价", "最多 2 位小数，实际为 1.005"),
        (5, "重量(kg)", "最多 3 位小数，实际为 0.0001"),
        (6, "发货仓", "填写了初始库存，须同时填写发货仓"),
        (7, "发货仓", "未知仓库「北京仓」"),
        (8, "初始库存", "不能小于 0，实际为 -1"),
    ]
    assert "D1" not in products(shop)  # nothing imported
    ws = load_workbook(out)[NEW]
    barcode = ws.cell(3, [c.key for c in NEW_PRODUCTS.columns].index("barcode") + 1)
    assert barcode.fill.fgColor.rgb == BAD_FILL.fgColor.rgb
    assert "最后一位应为 2" in barcode.comment.text


# --- 上柜表, 无货预定, 类目时效标准 ---------------------------------------------------------------


def test_listing_sheet(shop: Book, tmp_path: Path) -> None:
    path = hand_made(
        tmp_path / "l.xlsx",
        ["商品编码", "上柜状态"],
        ["A001", "下柜"],
        ["A002", "上柜"],
        title="上柜表",
    )
    report = forms_io.import_any(shop, "上柜表", path)
    assert report.updated == 2 and report.details == [
        "下柜 A001 螺丝刀A001",
        "上柜 A002 螺丝刀A002",
    ]
    assert not products(shop)["A001"]["listed"] and products(shop)["A002"]["listed"]
    bad = hand_made(tmp_path / "u.xlsx", ["商品编码", "上柜状态"], ["Z9", "上柜"], title="上柜表")
    with pytest.raises(SheetErrors, match="未知商品编码「Z9」"):
        forms_io.import_any(shop, "上柜表", bad)


def test_preorder_sheet_and_the_category_standard(shop: Book, tmp_path: Path) -> None:
    path = hand_made(
        tmp_path / "p.xlsx",
        ["商品编码", "无货预定", "期货时效(小时)", "可期货库存"],
        ["A001", "是", 120, 5],  # over the 96 h standard of 螺丝刀: a warning
        ["A002", "是", None, None],
        title="无货预定",
    )
    report = forms_io.import_any(shop, "无货预定", path)
    assert report.updated == 2
    assert "注意：商品 A001 期货时效 120 小时超过类目「螺丝刀」标准 96 小时" in report.details
    assert "注意：商品 A002 开通了无货预定但未设置期货时效" in report.details
    got = products(shop)
    assert (got["A001"]["futures_hours"], got["A001"]["futures_quota"]) == (120, 5)
    assert (got["A002"]["preorder"], got["A002"]["futures_hours"]) == (True, None)


def test_category_standards_sheet(shop: Book, tmp_path: Path) -> None:
    path = hand_made(
        tmp_path / "c.xlsx",
        ["一级类目", "二级类目", "三级类目", "时效标准(小时)"],
        ["工具", "手动工具", "螺丝刀", 48],
        ["工具", "电动工具", "电钻", None],
        title="类目时效标准",
    )
    report = forms_io.import_any(shop, "类目时效标准", path)
    assert (report.created, report.updated) == (1, 1)
    assert (
        "注意：类目「螺丝刀」有 2 个商品的期货时效超过新标准 48 小时（规则 21）" in report.details
    )
    with shop.read() as s:
        got = {c.category3: c.ship_hours for c in s.scalars(select(CategoryStandard))}
    assert got == {"螺丝刀": 48, "电钻": None}


def test_sheet_by_name_finds_the_onboarding_sheets() -> None:
    assert sheet_by_name("新品提报表") is NEW_PRODUCTS
    assert sheet_by_name("listing") is LISTING
    assert sheet_by_name("无货预定") is PREORDER
    assert sheet_by_name("时效标准") is CATEGORY_STANDARDS
    assert sheet_by_name("商品").form_id == "products"  # the interchange sheets still first


# --- export → import is the identity, for any products --------------------------------------------

MONEY = st.decimals(min_value=0, max_value=MAX_MONEY, places=2)


def barcodes() -> st.SearchStrategy[str]:
    body = st.text(st.sampled_from("0123456789"), min_size=12, max_size=12)
    return st.just("") | body.map(lambda b: b + gtin_check_digit(b))


def optional_text(n: int) -> st.SearchStrategy[str]:
    return st.just("") | texts(n)


@st.composite
def product_sets(draw: st.DrawFn) -> list[dict[str, object]]:
    # Codes are stored folded (NFKC, issue 10): only folded ones come back unchanged.
    folded = texts(64).filter(lambda t: unicodedata.normalize("NFKC", t).strip() == t)
    codes = draw(st.lists(folded, min_size=1, max_size=6, unique=True))
    out = []
    for code in codes:
        p = {
            "code": code,
            "jd_sku": draw(st.just("") | folded),
            "name": draw(texts(300)),
            **{k: draw(optional_text(100)) for k in ("brand", "model", "category1", "category2")},
            "category3": draw(optional_text(100)),
            "spec": draw(optional_text(300)),
            "unit": draw(optional_text(20)),
            "barcode": draw(barcodes()),
            "purchase_price": draw(st.none() | MONEY),
            "jd_price": draw(st.none() | MONEY),
            "market_price": draw(st.none() | MONEY),
            "tax_rate": draw(st.none() | st.sampled_from(TAX_RATES)),
            "weight_kg": draw(st.none() | st.decimals(0, MAX_WEIGHT, places=3)),
            **{
                k: draw(st.none() | st.decimals(0, MAX_SIZE, places=1))
                for k in ("length_cm", "width_cm", "height_cm")
            },
            "packing_list": draw(optional_text(2000)),
            **{k: draw(optional_text(100)) for k in ("warranty", "origin")},
            "manufacturer": draw(optional_text(200)),
            "listed": draw(st.booleans()),
            "spot_hours": draw(st.integers(0, 48)),
            "futures_hours": draw(st.none() | st.integers(0, 24 * 365)),
            "preorder": draw(st.booleans()),
            "futures_quota": draw(st.integers(0, 2_000_000_000)),
            "labels": draw(optional_text(300)),
            "main_image": draw(optional_text(500)),
            "detail_images": draw(optional_text(500)),
            "_stock": draw(
                st.none() | st.tuples(st.sampled_from(["上海仓", "广州仓"]), st.integers(0, 10**6))
            ),
        }
        out.append(p)
    return out


def fill(book: Book, items: list[dict[str, object]]) -> None:
    for item in items:
        put(book, {k: v for k, v in item.items() if not k.startswith("_")})
        if item["_stock"] is not None:
            wh, qty = item["_stock"]  # type: ignore[misc]
            set_stock(book, str(item["code"]), wh, qty)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(product_sets())
def test_any_products_survive_export_and_import(items: list[dict[str, object]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = open_book(Path(tmp) / "a.sqlite3"), open_book(Path(tmp) / "b.sqlite3")
        try:
            for b in (src, dst):
                add_warehouse(b, "上海仓", "31")
                add_warehouse(b, "广州仓", "44")
            fill(src, items)
            path = Path(tmp) / "n.xlsx"
            assert forms_io.export_any(src, NEW, path) == len(items)
            assert not forms_io.import_any(src, NEW, path).changed
            report = forms_io.import_any(dst, NEW, path)
            assert report.created == len(items)
            assert products(dst) == products(src)
            assert on_hand_by_cell(dst) == on_hand_by_cell(src)
        finally:
            src.close()
            dst.close()


# --- files re-saved by LibreOffice ----------------------------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not on PATH: apt-get install libreoffice-calc"
)
def test_files_resaved_by_libreoffice_import_identically(shop: Book, tmp_path: Path) -> None:
    save_profile(shop, PROFILE)
    names = {NEW: "new", "上柜表": "listing", "无货预定": "preorder"}
    names |= {"类目时效标准": "standards", SUPPLIER_FORM.name: "supplier"}
    exported = tmp_path / "exported"
    exported.mkdir()
    for name, stem in names.items():
        forms_io.export_any(shop, name, exported / f"{stem}.xlsx")
    resaved = tmp_path / "resaved"
    profile_dir = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation={profile_dir}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(resaved),
            *(str(exported / f"{stem}.xlsx") for stem in names.values()),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    before_products, before_stock = products(shop), on_hand_by_cell(shop)
    before_profile = get_profile(shop)
    for name, stem in names.items():
        path = resaved / f"{stem}.xlsx"
        assert path.stat().st_size > 0, name
        with writes(shop) as seen:
            report = forms_io.import_any(shop, name, path)
        assert seen == [] and not report.changed, (name, report.details[:5])
    assert products(shop) == before_products and on_hand_by_cell(shop) == before_stock
    assert get_profile(shop) == before_profile
    # And into an empty book: the same SKUs and the same seeded stock.
    other = open_book(tmp_path / "other.sqlite3")
    try:
        add_warehouse(other, "上海仓", "31")
        add_warehouse(other, "广州仓", "44")
        forms_io.import_any(other, NEW, resaved / "new.xlsx")
        forms_io.import_any(other, SUPPLIER_FORM.name, resaved / "supplier.xlsx")
        assert products(other) == before_products
        assert on_hand_by_cell(other) == {("A001", "广州仓"): 50}
        assert get_profile(other).editable(SUPPLIER_FORM) == before_profile.editable(SUPPLIER_FORM)
    finally:
        other.close()
