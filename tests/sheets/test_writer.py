"""write_sheet: round trip identity through read_sheet, text never a formula, the file's dressing
(frozen header, widths, dropdowns, number formats, hidden meta sheet), atomic replacement."""

from __future__ import annotations

import datetime as dt
import tempfile
import unicodedata
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from jdstock_desktop.errors import BadInput
from jdstock_desktop.sheets import writer
from jdstock_desktop.sheets.definition import META_SHEET, Column, SheetDef
from jdstock_desktop.sheets.definition import ColumnType as T
from jdstock_desktop.sheets.reader import detect_form, read_sheet
from jdstock_desktop.sheets.writer import write_sheet
from tests.sheets.test_reader import FORM

FORMULA_LIKE = ["=1+1", "=SUM(A1:A2)", "+86 138 0000 0000", "-5", "@x", "#N/A", "#REF!", "=", "-"]


def full(row: dict[str, object], sheet: SheetDef = FORM) -> dict[str, object]:
    """What the reader gives back for a written row: every column, missing ones None."""
    return {c.key: row.get(c.key) for c in sheet.columns}


def round_trip(path: Path, rows: list[dict[str, object]], sheet: SheetDef = FORM) -> None:
    assert write_sheet(path, sheet, rows) == len(rows)
    got = read_sheet(path, sheet)
    assert [r.values for r in got] == [full(r, sheet) for r in rows]
    assert [r.row for r in got] == list(range(2, len(rows) + 2))


ROWS: list[dict[str, object]] = [
    {
        "code": "00123",  # leading zeros stay: a text code
        "warehouse": "上海仓",
        "qty": 0,
        "big": 10**15 - 1,  # the largest int Excel holds exactly as a number
        "price": Decimal("12.30"),
        "at": dt.datetime(2026, 11, 27, 9, 30, 15),
        "day": dt.date(2026, 11, 27),
        "status": "启用",
        "ok": True,
        "hours": 48,
        "note": "中文备注\n第二行",
    },
    {
        "code": "=1+1",
        "warehouse": "+86",
        "qty": 1000,
        "big": -(10**18) - 7,  # written as text, read back exact
        "price": Decimal("1234567890.123456789"),  # more digits than a double: text
        "at": dt.datetime(1899, 12, 30, 23, 59, 59),  # before Excel's calendar: text
        "day": dt.date(1, 1, 1),
        "status": "暂停",
        "ok": False,
        "hours": 0,
        "note": "长" * 500,
    },
    {"code": "-5", "warehouse": "@x"},  # everything else empty
    {"code": "#N/A", "warehouse": "仓", "big": 2**63, "price": Decimal("0")},
    {"code": "12", "warehouse": "0012", "big": 10**15, "price": Decimal("1E+20")},
    {"code": "_x0041_", "warehouse": "a", "note": "a\rb\tc\nd", "price": Decimal("0.000001")},
]


def test_round_trip_identity(tmp_path: Path) -> None:
    round_trip(tmp_path / "r.xlsx", ROWS)


def test_long_text_round_trips(tmp_path: Path) -> None:
    sheet = SheetDef("长文本", "long", 1, (Column("text", "内容"),))
    text = ("京东工业品 JD Industrial 𠮷 " * 1200)[:30000].strip()
    round_trip(tmp_path / "long.xlsx", [{"text": text}, {"text": "短"}], sheet)


def test_text_beyond_an_excel_cell_is_cut_at_its_limit(tmp_path: Path) -> None:
    sheet = SheetDef("长文本", "long", 1, (Column("text", "内容"),))
    path = tmp_path / "cut.xlsx"
    write_sheet(path, sheet, [{"text": "字" * 40_000}])
    assert read_sheet(path, sheet)[0].values["text"] == "字" * writer.MAX_TEXT


def test_openpyxls_own_append_path_gives_the_same_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Should openpyxl's private row hook change shape, the writer falls back to plain appends."""
    monkeypatch.setattr(writer, "_stream_cells_directly", lambda ws: None)
    round_trip(tmp_path / "plain.xlsx", ROWS)
    ws = load_workbook(tmp_path / "plain.xlsx")[FORM.name]
    assert (ws["A3"].value, ws["A3"].data_type, ws["A3"].quotePrefix) == ("=1+1", "s", True)
    assert ws["E2"].number_format == "0.00"


def test_zero_rows(tmp_path: Path) -> None:
    path = tmp_path / "z.xlsx"
    assert write_sheet(path, FORM, iter(())) == 0
    assert read_sheet(path, FORM) == []


def test_rows_may_be_a_generator_of_any_mapping(tmp_path: Path) -> None:
    def gen() -> Iterator[dict[str, object]]:
        for i in range(500):  # more than the width sample
            yield {"code": f"C{i:04d}", "warehouse": "仓", "qty": i % 100}

    path = tmp_path / "g.xlsx"
    assert write_sheet(path, FORM, gen()) == 500
    assert read_sheet(path, FORM)[-1].values["code"] == "C0499"


# --- hypothesis ----------------------------------------------------------------------------------

# Any text a database may hold, except lone surrogates and the two non-characters.
TEXT = st.text(
    st.characters(
        # Control, format (zero-width, bidi) and separator characters are refused in codes and
        # names on import (issue 10); free text keeps line breaks (the fixed rows have them).
        exclude_categories=("Cs", "Cc", "Cf", "Zl", "Zp"),
        exclude_characters="\ufffe\uffff\u115f\u1160\u3164\uffa0\u2800",
    ),
    max_size=60,
) | st.sampled_from([*FORMULA_LIKE, "00123", "1e5", "TRUE", "是", "_x0041_", "  ", ""])


def stripped(max_len: int, *, required: bool = False) -> st.SearchStrategy[str | None]:
    s = TEXT.map(str.strip).map(lambda t: t[:max_len].strip())
    return s.filter(bool) if required else s.map(lambda t: t or None)


INTS = st.integers(-(10**20), 10**20) | st.sampled_from(
    [10**15 - 1, 10**15, -(10**15) + 1, -(10**15), 2**53, 2**53 + 1, 2**63, 0]
)
DECIMALS = st.decimals(
    min_value=0, max_value=Decimal("1e25"), allow_nan=False, allow_infinity=False
) | st.decimals(min_value=0, max_value=10**9, places=2)
DATETIMES = st.datetimes(min_value=dt.datetime(1000, 1, 1), max_value=dt.datetime(9999, 12, 31))

ROW = st.fixed_dictionaries(
    {
        # Codes are stored folded (NFKC, issue 10): a round trip keeps folded ones only.
        "code": stripped(20, required=True).filter(
            lambda t: unicodedata.normalize("NFKC", t).strip() == t
        ),
        "warehouse": stripped(200, required=True),
        "qty": st.none() | st.integers(0, 1000),
        "big": st.none() | INTS,
        "price": st.none() | DECIMALS,
        "at": st.none() | DATETIMES.map(lambda d: d.replace(microsecond=0)),
        "day": st.none() | st.dates(),
        "status": st.sampled_from([None, "启用", "暂停"]),
        "ok": st.sampled_from([None, True, False]),
        "hours": st.none() | st.integers(0, 48),
        "note": stripped(500),
    }
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ROW, max_size=8, unique_by=lambda r: (r["code"], r["warehouse"])))
def test_round_trip_identity_property(rows: list[dict[str, object]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        round_trip(Path(tmp) / "p.xlsx", rows)


# --- text stays text -----------------------------------------------------------------------------


def test_formula_like_text_is_written_as_text(tmp_path: Path) -> None:
    path = tmp_path / "f.xlsx"
    rows = [{"code": text, "warehouse": "仓"} for text in FORMULA_LIKE]
    write_sheet(path, FORM, rows)

    ws = load_workbook(path)[FORM.name]
    cells = [ws.cell(row=i + 2, column=1) for i in range(len(rows))]
    assert [c.value for c in cells] == FORMULA_LIKE
    assert {c.data_type for c in cells} == {"s"}
    assert all(c.quotePrefix for c in cells)  # a clerk retyping the cell keeps text

    with CalamineWorkbook.from_path(str(path)) as wb:
        data = wb.get_sheet_by_name(FORM.name).to_python()
    assert [r[0] for r in data[1:]] == FORMULA_LIKE


def test_numbers_excel_cannot_hold_are_text_cells(tmp_path: Path) -> None:
    path = tmp_path / "n.xlsx"
    write_sheet(path, FORM, [{"code": "A", "warehouse": "仓", "big": 10**16, "qty": 5}])
    ws = load_workbook(path)[FORM.name]
    assert (ws["D2"].value, ws["D2"].data_type) == ("10000000000000000", "s")
    assert (ws["C2"].value, ws["C2"].data_type) == (5, "n")


# --- what the file looks like --------------------------------------------------------------------


@pytest.fixture
def exported(tmp_path: Path) -> Path:
    path = tmp_path / "e.xlsx"
    write_sheet(path, FORM, ROWS[:1])
    return path


def test_header_text_style_and_freeze(exported: Path) -> None:
    ws = load_workbook(exported)[FORM.name]
    header = [c for c in ws[1]]
    assert tuple(c.value for c in header) == FORM.headers
    assert all(c.font.b for c in header)
    assert header[0].fill.fgColor.rgb.endswith("DDEBF7")
    assert header[0].font.color.rgb.endswith("C00000")  # 商品编码 is required: red
    assert header[2].font.color is None  # 数量 is not
    assert ws.freeze_panes == "A2"
    assert header[8].comment is not None and "缺货时仍可下单" in header[8].comment.text


def test_widths_count_chinese_as_two(exported: Path) -> None:
    ws = load_workbook(exported)[FORM.name]
    widths = {c.value: ws.column_dimensions[c.column_letter].width for c in ws[1]}
    assert widths["现货时效(小时)"] >= 14  # 4 CJK + 4 ASCII + 2 CJK = 14
    assert widths["日期"] >= 10
    assert widths["时间"] >= 19  # room for 2026-11-27 09:30:15
    assert widths["备注"] >= 9  # sized to the sampled content's first line: 中文备注
    assert widths["备注"] < widths["现货时效(小时)"]


def test_dropdowns_for_choice_and_bool(exported: Path) -> None:
    ws = load_workbook(exported)[FORM.name]
    lists = {
        str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"
    }
    assert lists == {"H2:H1048576": '"启用,暂停"', "I2:I1048576": '"是,否"'}
    bounds = {
        str(dv.sqref): (dv.type, dv.operator, dv.formula1, dv.formula2)
        for dv in ws.data_validations.dataValidation
        if dv.type in ("whole", "decimal", "textLength")
    }
    assert bounds["C2:C1048576"] == ("whole", "between", "0", "1000")
    assert bounds["E2:E1048576"] == ("decimal", "between", "0", str(10**26))
    assert bounds["A2:A1048576"] == ("textLength", "lessThanOrEqual", "20", None)
    bool_dv = next(dv for dv in ws.data_validations.dataValidation if dv.formula1 == '"是,否"')
    assert bool_dv.prompt == "是 = 缺货时仍可下单"


def test_number_formats(exported: Path) -> None:
    ws = load_workbook(exported)[FORM.name]
    assert ws["E2"].number_format == "0.00"  # Column.number_format
    assert ws["E2"].value == pytest.approx(12.3)
    assert ws["F2"].number_format == "yyyy-mm-dd hh:mm:ss"
    assert ws["G2"].number_format == "yyyy-mm-dd"
    assert ws["F2"].value == dt.datetime(2026, 11, 27, 9, 30, 15)


def test_hidden_meta_sheet(exported: Path) -> None:
    wb = load_workbook(exported)
    assert wb.sheetnames == [FORM.name, META_SHEET]
    meta = wb[META_SHEET]
    assert meta.sheet_state == "hidden"
    pairs = {r[0]: r[1] for r in meta.iter_rows(values_only=True) if r[0]}
    assert pairs == {"form_id": "test_form", "name": "测试表", "version": 2}
    assert wb.active.title == FORM.name


def test_long_dropdown_list_lives_in_the_meta_sheet(tmp_path: Path) -> None:
    choices = tuple(f"选项{i:03d}，含逗号" for i in range(40))
    sheet = SheetDef("长列表", "long_list", 1, (Column("pick", "选择", T.CHOICE, choices=choices),))
    path = tmp_path / "l.xlsx"
    write_sheet(path, sheet, [{"pick": choices[7]}])
    wb = load_workbook(path)
    (dv,) = wb["长列表"].data_validations.dataValidation
    assert dv.formula1 == f"'{META_SHEET}'!$D$2:$D$41"
    assert [c.value for c in wb[META_SHEET]["D"]] == ["选择", *choices]
    assert read_sheet(path, sheet)[0].values == {"pick": choices[7]}


def test_extra_sheets_do_not_hide_the_data(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    notes = [("说明", [["填写说明"], ["=不是公式"]])]
    write_sheet(path, FORM, ROWS[:1], extra_sheets=notes)
    wb = load_workbook(path)
    assert wb.sheetnames == [FORM.name, "说明", META_SHEET]
    assert wb["说明"]["A2"].value == "=不是公式" and wb["说明"]["A2"].data_type == "s"
    assert [r.values for r in read_sheet(path, FORM)] == [full(ROWS[0])]
    assert detect_form(path, [FORM]) is FORM


# --- atomic replacement --------------------------------------------------------------------------


def test_a_failure_midway_leaves_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    write_sheet(path, FORM, ROWS[:1])
    before = path.read_bytes()

    def broken() -> Iterator[dict[str, object]]:
        yield ROWS[0]
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        write_sheet(path, FORM, broken())
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xlsx"]  # no temp file left


def test_too_many_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(writer, "XLSX_MAX_ROWS", 3)
    path = tmp_path / "big.xlsx"
    rows = [{"code": f"C{i}", "warehouse": "仓"} for i in range(4)]
    with pytest.raises(BadInput, match="超过 Excel 单表上限 3 行"):
        write_sheet(path, FORM, rows)
    assert not path.exists()
    assert list(tmp_path.iterdir()) == []


def test_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="目录不存在"):
        write_sheet(tmp_path / "nope" / "a.xlsx", FORM, [])
