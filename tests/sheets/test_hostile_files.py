"""Issue 6: hostile .xlsx files (broken zips, XML bombs, huge dimensions, formulas, renamed
files, …) are refused with a clear Chinese SheetErrors message, leave the book untouched, never
hang, and the annotated copy of a refused file is still written."""

from __future__ import annotations

import datetime as dt
import time
import zipfile
from pathlib import Path

import openpyxl
import openpyxl.xml
import pytest
from defusedxml import EntitiesForbidden
from sqlalchemy import func, select

from jdstock_desktop.errors import SheetErrors
from jdstock_desktop.services.forms.importing import import_sheet
from jdstock_desktop.services.stock import StockEdit, check_book, submit_stock_changes
from jdstock_desktop.sheets import reader
from jdstock_desktop.sheets.annotate import write_annotated_copy
from jdstock_desktop.sheets.cells import ERROR_LIST_SHEET
from jdstock_desktop.sheets.forms import REGIONAL_STOCK
from jdstock_desktop.sheets.keyvalue_annotate import write_annotated_form_copy
from jdstock_desktop.sheets.keyvalue_reader import check_form
from jdstock_desktop.sheets.onboarding_forms import SUPPLIER_FORM
from jdstock_desktop.sheets.reader import NOT_READABLE
from jdstock_desktop.storage.db import Book
from jdstock_desktop.storage.models import LedgerEntry, Product, Stock
from tests.helpers import add_product, add_warehouse, write_xlsx

HEAD = ["商品编码", "仓库名称", "现货库存"]
TIME_LIMIT = 10.0  # seconds: a bomb that is expanded instead of refused would take far longer

# --- a hand-built workbook: every part under the test's control ----------------------------------

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

# Billion laughs: ten levels of ten references, 10**9 "lol"s if an XML parser expanded it.
BOMB_DTD = (
    '<!DOCTYPE lolz [<!ENTITY lol0 "lol">'
    + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    + "]>\n"
)
BOMB_REF = "&lol9;"


def _cell(ref: str, value: object) -> str:
    if isinstance(value, str):
        return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'
    return f'<c r="{ref}"><v>{value}</v></c>'


def sheet_xml(rows: list[list[object]], dimension: str = "", prolog: str = "") -> str:
    body = []
    for r, row in enumerate(rows, 1):
        cells = "".join(_cell(f"{'ABCDEFGH'[c]}{r}", v) for c, v in enumerate(row))
        body.append(f'<row r="{r}">{cells}</row>')
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    data = "".join(body)
    return (
        f'{DECL}{prolog}<worksheet xmlns="{_MAIN}">{dim}<sheetData>{data}</sheetData></worksheet>'
    )


def raw_xlsx(path: Path, sheets: dict[str, str], shared_strings: str | None = None) -> Path:
    """A minimal valid .xlsx whose worksheets (title -> sheet XML) are written as given."""
    n = len(sheets)
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_CT}.worksheet+xml"/>'
        for i in range(1, n + 1)
    )
    if shared_strings is not None:
        overrides += (
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_CT}.sharedStrings+xml"/>'
        )
    types = (
        f'{DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>'
        f"{overrides}</Types>"
    )
    rels = (
        f'{DECL}<Relationships xmlns="{_PKG}"><Relationship Id="rId1" '
        f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    entries = "".join(
        f'<sheet name="{title}" sheetId="{i}" r:id="rId{i}"/>' for i, title in enumerate(sheets, 1)
    )
    workbook = (
        f'{DECL}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>{entries}</sheets></workbook>'
    )
    links = "".join(
        f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, n + 1)
    )
    if shared_strings is not None:
        links += (
            f'<Relationship Id="rId{n + 1}" Type="{_REL}/sharedStrings" '
            'Target="sharedStrings.xml"/>'
        )
    workbook_rels = f'{DECL}<Relationships xmlns="{_PKG}">{links}</Relationships>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", rels)
        z.writestr("xl/workbook.xml", workbook)
        z.writestr("xl/_rels/workbook.xml.rels", workbook_rels)
        for i, xml in enumerate(sheets.values(), 1):
            z.writestr(f"xl/worksheets/sheet{i}.xml", xml)
        if shared_strings is not None:
            z.writestr("xl/sharedStrings.xml", shared_strings)
    return path


# --- the book ------------------------------------------------------------------------------------


def snapshot(book: Book) -> tuple[object, ...]:
    with book.read() as s:
        return (
            s.scalar(select(func.count()).select_from(LedgerEntry)),
            sorted(
                s.execute(
                    select(Stock.product_id, Stock.warehouse_id, Stock.on_hand, Stock.version)
                ).all()
            ),
            sorted(s.execute(select(Product.code, Product.name)).all()),
        )


@pytest.fixture
def stocked(book: Book) -> Book:
    add_warehouse(book, "华东仓")
    add_product(book, "A1")
    submit_stock_changes(book, [StockEdit("A1", "华东仓", 10)])
    return book


def refused(book: Book, path: Path, tmp_path: Path, *expected: str) -> str:
    """Import `path`, which must be refused with SheetErrors in time and change nothing; the
    annotated copy must be written. Returns the message."""
    before = snapshot(book)
    start = time.monotonic()
    with pytest.raises(SheetErrors) as err:
        import_sheet(book, REGIONAL_STOCK, path)
    assert time.monotonic() - start < TIME_LIMIT
    message = str(err.value)
    assert "导入失败" in message and path.name in message
    for part in expected:
        assert part in message, message
    assert "Traceback" not in message
    assert snapshot(book) == before
    assert check_book(book) == []
    dst = tmp_path / f"{path.stem}-标注.xlsx"
    start = time.monotonic()
    write_annotated_copy(path, dst, err.value.problems, REGIONAL_STOCK)
    assert time.monotonic() - start < TIME_LIMIT
    assert ERROR_LIST_SHEET in openpyxl.load_workbook(dst).sheetnames
    return message


def imported_on_hand(book: Book, path: Path) -> int:
    import_sheet(book, REGIONAL_STOCK, path)
    with book.read() as s:
        value = s.scalar(select(Stock.on_hand))
    assert isinstance(value, int)
    assert check_book(book) == []
    return value


# --- broken containers ---------------------------------------------------------------------------

BROKEN = f"无法打开：{NOT_READABLE}"


def test_truncated_zip(stocked: Book, tmp_path: Path) -> None:
    good = write_xlsx(tmp_path / "good.xlsx", "分区库存", [HEAD, ["A1", "华东仓", 3]])
    data = good.read_bytes()
    for cut in (len(data) // 2, len(data) - 30, 100):
        path = tmp_path / f"truncated{cut}.xlsx"
        path.write_bytes(data[:cut])
        refused(stocked, path, tmp_path, "文件已损坏")


def test_zip_without_workbook(stocked: Book, tmp_path: Path) -> None:
    path = tmp_path / "plain.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("readme.txt", "不是表格")
    refused(stocked, path, tmp_path, BROKEN)


def test_garbage_xml_in_the_sheet(stocked: Book, tmp_path: Path) -> None:
    for n, garbage in enumerate(
        (
            "<worksheet><sheetData><row r='1'><c r='A1' t='inlineStr'><is><t>x</t>",
            "\x00\x01 这不是 XML <<<>>>",
            sheet_xml([HEAD, ["A1", "华东仓", 3]]).replace('<c r="A2"', '<c r="A2', 1),
        )
    ):
        path = raw_xlsx(tmp_path / f"garbage{n}.xlsx", {"分区库存": garbage})
        refused(stocked, path, tmp_path, "分区库存")


def test_renamed_xls_and_csv(stocked: Book, tmp_path: Path) -> None:
    xls = tmp_path / "old.xlsx"  # an OLE2 compound file (.xls) header, renamed
    xls.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 504 + b"junk" * 100)
    csv = tmp_path / "export.xlsx"
    csv.write_text("商品编码,仓库名称,现货库存\nA1,华东仓,3\n", encoding="utf-8")
    refused(stocked, xls, tmp_path, BROKEN)
    refused(stocked, csv, tmp_path, "这是 CSV/文本文件", "另存为「Excel 工作簿 (*.xlsx)」")


# --- XML bombs -----------------------------------------------------------------------------------


def test_entity_bomb_in_the_sheet(stocked: Book, tmp_path: Path) -> None:
    xml = sheet_xml([HEAD, [BOMB_REF, "华东仓", 3]], prolog=BOMB_DTD)
    path = raw_xlsx(tmp_path / "bomb-sheet.xlsx", {"分区库存": xml})
    refused(stocked, path, tmp_path, "无法读取工作表「分区库存」")


def test_entity_bomb_in_shared_strings(stocked: Book, tmp_path: Path) -> None:
    strings = [BOMB_REF, *HEAD]
    sst = (
        f'{DECL}{BOMB_DTD}<sst xmlns="{_MAIN}" count="4" uniqueCount="4">'
        + "".join(f"<si><t>{s}</t></si>" for s in strings)
        + "</sst>"
    )
    rows = (
        '<row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1" t="s"><v>2</v></c>'
        '<c r="C1" t="s"><v>3</v></c></row>'
        '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="inlineStr"><is><t>华东仓</t>'
        '</is></c><c r="C2"><v>3</v></c></row>'
    )
    xml = f'{DECL}<worksheet xmlns="{_MAIN}"><sheetData>{rows}</sheetData></worksheet>'
    path = raw_xlsx(tmp_path / "bomb-strings.xlsx", {"分区库存": xml}, shared_strings=sst)
    refused(stocked, path, tmp_path, "文件已损坏")


def test_shared_strings_without_a_bomb_still_import(stocked: Book, tmp_path: Path) -> None:
    """The shared-strings builder itself is sound: the same file minus the bomb imports."""
    sst = f'{DECL}<sst xmlns="{_MAIN}">' + "".join(f"<si><t>{s}</t></si>" for s in HEAD) + "</sst>"
    rows = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
        '<c r="C1" t="s"><v>2</v></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>A1</t></is></c><c r="B2" t="inlineStr">'
        '<is><t>华东仓</t></is></c><c r="C2"><v>4</v></c></row>'
    )
    xml = f'{DECL}<worksheet xmlns="{_MAIN}"><sheetData>{rows}</sheetData></worksheet>'
    path = raw_xlsx(tmp_path / "strings.xlsx", {"分区库存": xml}, shared_strings=sst)
    assert imported_on_hand(stocked, path) == 4


# --- odd but readable sheets ---------------------------------------------------------------------


def test_huge_declared_dimension_with_few_cells(stocked: Book, tmp_path: Path) -> None:
    xml = sheet_xml([HEAD, ["A1", "华东仓", 7]], dimension="A1:XFD1048576")
    path = raw_xlsx(tmp_path / "huge-dim.xlsx", {"分区库存": xml})
    start = time.monotonic()
    assert imported_on_hand(stocked, path) == 7
    assert time.monotonic() - start < TIME_LIMIT


@pytest.mark.parametrize(
    "far",
    [
        '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>',  # 17 billion cells
        "<row r='3'><c r = 'XFD3'><v>1</v></c></row><row r='900000'><c r='ZZ900000'/></row>",
        '<row r="4000000000"><c><v>1</v></c></row>',  # a row beyond Excel, no cell reference
    ],
)
def test_a_far_cell_is_refused_before_it_is_read(stocked: Book, tmp_path: Path, far: str) -> None:
    """calamine fills the rectangle up to the farthest cell: one cell far out used to abort the
    whole process (a failed allocation). It is refused first, with a way out."""
    xml = sheet_xml([HEAD, ["A1", "华东仓", 7]]).replace("</sheetData>", far + "</sheetData>")
    path = raw_xlsx(tmp_path / "far.xlsx", {"分区库存": xml})
    refused(stocked, path, tmp_path, "工作表的范围过大")


def test_a_long_sheet_of_three_columns_is_not_too_large(stocked: Book, tmp_path: Path) -> None:
    """Far rows in a narrow sheet are fine: the exact extent is what counts, not a bound."""
    xml = sheet_xml([HEAD, ["A1", "华东仓", 7]]).replace(
        "</sheetData>", '<row r="1048576"><c r="C1048576"><v>1</v></c></row></sheetData>'
    )
    path = raw_xlsx(tmp_path / "long.xlsx", {"分区库存": xml})
    refused(stocked, path, tmp_path, "第 1048576 行", "商品编码", "必填")


def test_huge_declared_dimension_with_a_bad_cell(stocked: Book, tmp_path: Path) -> None:
    xml = sheet_xml([HEAD, ["A1", "华东仓", "七"]], dimension="A1:XFD1048576")
    path = raw_xlsx(tmp_path / "huge-dim-bad.xlsx", {"分区库存": xml})
    refused(stocked, path, tmp_path, "第 2 行", "现货库存", "七")


def test_merged_header_cells(stocked: Book, tmp_path: Path) -> None:
    """商品编码 merged over A1:B1 hides the 仓库名称 header: that column is named as missing."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "分区库存"
    ws.append(["商品编码", None, "现货库存"])
    ws.append(["A1", "华东仓", 3])
    ws.merge_cells("A1:B1")
    path = tmp_path / "merged.xlsx"
    wb.save(path)
    refused(stocked, path, tmp_path, "仓库名称", "缺少这一列")


def test_merged_title_above_the_header_is_tolerated(stocked: Book, tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "分区库存"
    ws.append(["十一月库存盘点", None, None])
    ws.merge_cells("A1:C1")
    ws.append(HEAD)
    ws.append(["A1", "华东仓", 6])
    path = tmp_path / "title.xlsx"
    wb.save(path)
    assert imported_on_hand(stocked, path) == 6


def _formula_sheet(cell: str) -> str:
    xml = sheet_xml([HEAD, ["A1", "华东仓", 0]])
    return xml.replace('<c r="C2"><v>0</v></c>', cell)


def test_formula_with_a_cached_value_imports_the_value(stocked: Book, tmp_path: Path) -> None:
    xml = _formula_sheet('<c r="C2"><f>2+3</f><v>5</v></c>')
    path = raw_xlsx(tmp_path / "formula-cached.xlsx", {"分区库存": xml})
    assert imported_on_hand(stocked, path) == 5


def test_formula_without_a_cached_value_is_a_clear_problem(stocked: Book, tmp_path: Path) -> None:
    """A formula never calculated (written by a program, not Excel) has no value to import: the
    cell is refused as such, named by row and column (not as an empty required cell)."""
    xml = _formula_sheet('<c r="C2"><f>2+3</f></c>')
    path = raw_xlsx(tmp_path / "formula-bare.xlsx", {"分区库存": xml})
    refused(stocked, path, tmp_path, "第 2 行", "现货库存", "公式没有计算结果")


def test_openpyxl_formula_is_never_taken_for_a_number(stocked: Book, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "formula-openpyxl.xlsx", "分区库存", [HEAD, ["A1", "华东仓", "=1+2"]]
    )
    refused(stocked, path, tmp_path, "第 2 行", "现货库存")


def test_formula_error_value_is_a_clear_problem(stocked: Book, tmp_path: Path) -> None:
    xml = _formula_sheet('<c r="C2" t="e"><f>1/0</f><v>#DIV/0!</v></c>')
    path = raw_xlsx(tmp_path / "formula-error.xlsx", {"分区库存": xml})
    refused(stocked, path, tmp_path, "第 2 行", "现货库存", "Excel 错误值 #DIV/0!")


def test_dates_where_numbers_belong(stocked: Book, tmp_path: Path) -> None:
    as_text = write_xlsx(
        tmp_path / "date-text.xlsx", "分区库存", [HEAD, ["A1", "华东仓", "2026-11-27"]]
    )
    refused(stocked, as_text, tmp_path, "第 2 行", "现货库存", "2026-11-27")
    as_date = write_xlsx(
        tmp_path / "date-cell.xlsx", "分区库存", [HEAD, ["A1", "华东仓", dt.datetime(2026, 11, 27)]]
    )
    refused(stocked, as_date, tmp_path, "第 2 行", "现货库存")


def test_numbers_typed_as_text_import(stocked: Book, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "text-number.xlsx", "分区库存", [HEAD, ["A1", "华东仓", " 12 "]])
    assert imported_on_hand(stocked, path) == 12


def test_extra_sheets_around_the_data_sheet(stocked: Book, tmp_path: Path) -> None:
    sheets = {
        "说明": sheet_xml([["这是说明页"], ["请勿修改"]]),
        "分区库存": sheet_xml([HEAD, ["A1", "华东仓", 8]]),
        "草稿": sheet_xml([HEAD, ["A1", "华东仓", 999]]),
    }
    path = raw_xlsx(tmp_path / "extra.xlsx", sheets)
    assert imported_on_hand(stocked, path) == 8


def test_extra_sheets_and_no_data_sheet(stocked: Book, tmp_path: Path) -> None:
    sheets = {"说明": sheet_xml([["这是说明页"]]), "备注": sheet_xml([["无"]])}
    path = raw_xlsx(tmp_path / "no-data.xlsx", sheets)
    refused(stocked, path, tmp_path, "找不到表头行")


def test_empty_worksheet(stocked: Book, tmp_path: Path) -> None:
    path = raw_xlsx(tmp_path / "blank.xlsx", {"分区库存": sheet_xml([])})
    refused(stocked, path, tmp_path, "工作表是空的")


def test_a_far_cell_in_a_sheet_kept_outside_the_worksheets_folder(
    stocked: Book, tmp_path: Path
) -> None:
    far = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    xml = sheet_xml([HEAD, ["A1", "华东仓", 7]]).replace("</sheetData>", far + "</sheetData>")
    src = raw_xlsx(tmp_path / "src.xlsx", {"分区库存": xml})
    path = tmp_path / "moved.xlsx"
    with zipfile.ZipFile(src) as z, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in z.infolist():
            data = z.read(info.filename).replace(b"worksheets/sheet1.xml", b"data/s.xml")
            out.writestr(info.filename.replace("worksheets/sheet1.xml", "data/s.xml"), data)
    refused(stocked, path, tmp_path, "工作表的范围过大")


# --- zip bombs -----------------------------------------------------------------------------------

BOMB = "可能是压缩炸弹"
ZEROS = 50 << 20  # 50 MB of one byte deflates to about 50 KB: 1,000 to 1


def with_part(src: Path, dst: Path, name: str, data: bytes) -> Path:
    """A copy of the zip `src` with the part `name` replaced (or added) as `data`."""
    with zipfile.ZipFile(src) as z, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
        for info in z.infolist():
            if info.filename != name:
                out.writestr(info.filename, z.read(info.filename))
        out.writestr(name, data)
    return dst


def good_xlsx(path: Path) -> Path:
    return raw_xlsx(path, {"分区库存": sheet_xml([HEAD, ["A1", "华东仓", 3]])})


def test_a_sheet_padded_to_50_mb_is_refused_before_it_is_unpacked(
    stocked: Book, tmp_path: Path
) -> None:
    """Valid XML (blanks between rows are allowed) that calamine would read in full: the ratio
    of the part, known from the zip directory alone, refuses it."""
    xml = sheet_xml([HEAD, ["A1", "华东仓", 3]]).replace("<sheetData>", "<sheetData>" + " " * ZEROS)
    path = raw_xlsx(tmp_path / "padded.xlsx", {"分区库存": xml})
    assert path.stat().st_size < 200_000
    message = refused(stocked, path, tmp_path, BOMB, "压缩比异常", "xl/worksheets/sheet1.xml")
    assert "解压后 50 MB" in message


def test_a_part_of_50_mb_of_zeros_is_refused(stocked: Book, tmp_path: Path) -> None:
    path = with_part(
        good_xlsx(tmp_path / "good.xlsx"),
        tmp_path / "zeros.xlsx",
        "xl/media/image1.png",
        bytes(ZEROS),
    )
    refused(stocked, path, tmp_path, BOMB, "压缩比异常", "xl/media/image1.png")


def test_too_large_once_unpacked(
    stocked: Book, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bound on the whole, lowered so that an ordinary small file stands for a huge one."""
    path = write_xlsx(tmp_path / "ordinary.xlsx", "分区库存", [HEAD, ["A1", "华东仓", 3]])
    assert imported_on_hand(stocked, path) == 3
    monkeypatch.setattr(reader, "MAX_UNPACKED_BYTES", 4096)
    refused(stocked, path, tmp_path, BOMB, "文件解压后过大", "上限 0.0 MB")


def test_too_many_parts(stocked: Book, tmp_path: Path) -> None:
    path = good_xlsx(tmp_path / "many.xlsx")
    with zipfile.ZipFile(path, "a") as z:
        for i in range(reader.MAX_MEMBERS):
            z.writestr(f"xl/media/p{i}.bin", b"")
    refused(stocked, path, tmp_path, BOMB, f"{reader.MAX_MEMBERS + 5:,} 个压缩部件")


def test_the_bomb_check_passes_real_files_and_non_zips(tmp_path: Path) -> None:
    xls = tmp_path / "old.xls"
    xls.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 504)
    assert reader.zip_bomb(xls) is None  # an old .xls is no zip: calamine reads it as it is
    assert reader.zip_bomb(good_xlsx(tmp_path / "good.xlsx")) is None
    # Long repetitive rows compress about 15 to 1: far from the bound of 200.
    rows = [HEAD] + [["A1", "华东仓", 3]] * 80_000
    big = raw_xlsx(tmp_path / "repeat.xlsx", {"分区库存": sheet_xml(rows)})
    with zipfile.ZipFile(big) as z:
        part = z.getinfo("xl/worksheets/sheet1.xml")
    assert part.file_size > reader.RATIO_FROM_BYTES
    assert part.file_size < 40 * part.compress_size
    assert reader.zip_bomb(big) is None


def test_a_bomb_supplier_form_is_refused_and_its_annotated_copy_is_the_list_alone(
    tmp_path: Path,
) -> None:
    """The key–value forms (供应商入驻评估表) open files through the same guard, and their
    annotated copy does not hand the bomb to openpyxl."""
    path = with_part(
        good_xlsx(tmp_path / "good.xlsx"),
        tmp_path / "form-bomb.xlsx",
        "xl/media/image1.png",
        bytes(ZEROS),
    )
    start = time.monotonic()
    with pytest.raises(SheetErrors) as err:
        check_form(path, SUPPLIER_FORM)
    assert BOMB in str(err.value) and path.name in str(err.value)
    dst = tmp_path / "form-bomb-标注.xlsx"
    write_annotated_form_copy(path, dst, err.value.problems, SUPPLIER_FORM)
    assert time.monotonic() - start < TIME_LIMIT
    assert openpyxl.load_workbook(dst).sheetnames == [ERROR_LIST_SHEET]


# --- entity bombs through openpyxl (the annotated copy) ------------------------------------------


def _bomb_in_workbook_xml(tmp_path: Path) -> Path:
    src = good_xlsx(tmp_path / "src.xlsx")
    with zipfile.ZipFile(src) as z:
        xml = z.read("xl/workbook.xml").decode()
    xml = xml.replace(DECL, DECL + BOMB_DTD).replace('name="分区库存"', f'name="{BOMB_REF}"')
    return with_part(src, tmp_path / "bomb-workbook.xlsx", "xl/workbook.xml", xml.encode())


def test_entity_bomb_in_the_workbook_part(stocked: Book, tmp_path: Path) -> None:
    refused(stocked, _bomb_in_workbook_xml(tmp_path), tmp_path, BROKEN)


def test_openpyxl_refuses_entities_with_defusedxml(tmp_path: Path) -> None:
    """openpyxl parses with defusedxml when it is installed (a dependency): every bomb is
    refused at its first entity, in the workbook, the shared strings and the sheet alike."""
    assert openpyxl.xml.DEFUSEDXML
    sst = f'{DECL}{BOMB_DTD}<sst xmlns="{_MAIN}"><si><t>{BOMB_REF}</t></si></sst>'
    bombs = [
        _bomb_in_workbook_xml(tmp_path),
        raw_xlsx(tmp_path / "s.xlsx", {"分区库存": sheet_xml([HEAD])}, shared_strings=sst),
        raw_xlsx(
            tmp_path / "w.xlsx",
            {"分区库存": sheet_xml([HEAD, [BOMB_REF, "华东仓", 3]], prolog=BOMB_DTD)},
        ),
    ]
    for path in bombs:
        start = time.monotonic()
        with pytest.raises(Exception) as err:
            openpyxl.load_workbook(path)
        assert time.monotonic() - start < TIME_LIMIT
        cause = err.value if isinstance(err.value, EntitiesForbidden) else err.value.__cause__
        assert isinstance(cause, EntitiesForbidden), path.name


# --- a long tail of empty rows (issue 10: 819 MB for a 500-row sheet) -----------------------------


@pytest.fixture
def small_tail_bounds(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The trimming bounds shrunk to this test's file; the copies made are recorded."""
    from jdstock_desktop.sheets import empty_tail, reader

    made: list[object] = []
    real = empty_tail.trimmed_copy

    def spy(z: object, parts: list[str]) -> object:
        copy = real(z, parts)  # type: ignore[arg-type]
        made.append(copy)
        return copy

    monkeypatch.setattr(reader, "TRIM_FROM_BYTES", 0)
    monkeypatch.setattr(empty_tail, "TRIM_FROM_BYTES", 0)
    monkeypatch.setattr(empty_tail, "MIN_SAVING", 10)
    monkeypatch.setattr(reader, "trimmed_copy", spy)
    return made


def _tail(first: int, count: int, cell: str) -> str:
    return "".join(
        f'<row r="{r}"><c r="A{r}" {cell.format(r=r)}</c></row>'
        for r in range(first, first + count)
    )


def test_rows_of_empty_text_after_the_data_are_not_read(
    stocked: Book, tmp_path: Path, small_tail_bounds: list[object]
) -> None:
    shared = (
        f'{DECL}<sst xmlns="{_MAIN}" count="2" uniqueCount="2">'
        "<si><t>华东仓</t></si><si><t> </t></si></sst>"
    )
    xml = sheet_xml([HEAD, ["A1", "华东仓", 6]]).replace(
        "</sheetData>",
        _tail(3, 40, 't="inlineStr"><is><t></t></is>')  # cleared text
        + _tail(43, 40, 't="s"><v>1</v>')  # a shared string of spaces
        + "</sheetData>",
    )
    path = raw_xlsx(tmp_path / "tail.xlsx", {"分区库存": xml}, shared_strings=shared)
    assert imported_on_hand(stocked, path) == 6
    assert small_tail_bounds and small_tail_bounds[0] is not None  # read from the cut copy


def test_a_value_after_empty_rows_is_still_read(
    stocked: Book, tmp_path: Path, small_tail_bounds: list[object]
) -> None:
    xml = sheet_xml([HEAD]).replace(
        "</sheetData>",
        _tail(2, 40, 't="inlineStr"><is><t> </t></is>')
        + '<row r="42"><c r="A42" t="inlineStr"><is><t>A1</t></is></c>'
        '<c r="B42" t="inlineStr"><is><t>华东仓</t></is></c><c r="C42"><v>9</v></c></row>'
        + _tail(43, 40, 't="inlineStr"><is><t></t></is>')
        + "</sheetData>",
    )
    path = raw_xlsx(tmp_path / "late.xlsx", {"分区库存": xml})
    assert imported_on_hand(stocked, path) == 9
    assert small_tail_bounds and small_tail_bounds[0] is not None
