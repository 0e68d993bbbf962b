"""read_sheet and detect_form: hand-made files, every error kind, file-level refusals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from jdstock_desktop.errors import BadInput, CellProblem, SheetErrors
from jdstock_desktop.sheets.definition import META_SHEET, Column, SheetDef
from jdstock_desktop.sheets.definition import ColumnType as T
from jdstock_desktop.sheets.reader import SheetRow, check_sheet, detect_form, read_sheet
from jdstock_desktop.sheets.writer import write_sheet

# A test form with every column type; shared by the writer and annotate tests.
FORM = SheetDef(
    name="测试表",
    form_id="test_form",
    version=2,
    key=("code", "warehouse"),
    aliases=("测试",),
    columns=(
        Column("code", "商品编码", required=True, max_length=20),
        Column("warehouse", "仓库名称", required=True),
        Column("qty", "数量", T.INT, min_value=0, max_value=1000),
        # Declared far beyond the book's bounds: the writer's round trips of huge numbers.
        Column("big", "大整数", T.INT, min_value=-(10**21), max_value=10**21),
        Column("price", "单价", T.DECIMAL, min_value=0, max_value=10**26, number_format="0.00"),
        Column("at", "时间", T.DATETIME),
        Column("day", "日期", T.DATE),
        Column("status", "状态", T.CHOICE, choices=("启用", "暂停")),
        Column("ok", "无货预定", T.BOOL, help="是 = 缺货时仍可下单"),
        Column("hours", "现货时效(小时)", T.INT, min_value=0, max_value=48),
        Column("note", "备注", max_length=500, column_required=False),
    ),
)

# Another form sharing two headers, for detect_form and the wrong-file refusal.
OTHER = SheetDef(
    name="库存",
    form_id="other_form",
    version=1,
    key=("code", "warehouse"),
    columns=(
        Column("code", "商品编码", required=True),
        Column("warehouse", "仓库名称", required=True),
        Column("on_hand", "现货库存", T.INT, required=True),
    ),
)

VALID: dict[str, object] = {
    "code": "A001",
    "warehouse": "上海仓",
    "qty": 5,
    "big": 7,
    "price": 1.5,
    "at": dt.datetime(2026, 11, 27, 9, 30),
    "day": dt.date(2026, 11, 27),
    "status": "启用",
    "ok": "是",
    "hours": 24,
    "note": None,
}
EXPECTED: dict[str, object] = {
    **VALID,
    "price": Decimal("1.5"),
    "ok": True,
}


def make_xlsx(
    path: Path, rows: Iterable[Sequence[object]], *, title: str = "测试表", hidden: bool = False
) -> Path:
    """A workbook as a clerk builds it in Excel: one sheet, values typed in."""
    wb = Workbook()
    ws = wb.active
    ws.title = title
    if hidden:
        ws.sheet_state = "hidden"
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return path


def form_file(path: Path, *rows: dict[str, object], sheet: SheetDef = FORM) -> Path:
    """Header row of `sheet`, then `rows` (dicts overriding VALID) in column order."""
    data = [[{**VALID, **r}.get(c.key) for c in sheet.columns] for r in rows]
    return make_xlsx(path, [sheet.headers, *data], title=sheet.name)


def problems_of(path: Path, sheet: SheetDef = FORM) -> list[CellProblem]:
    with pytest.raises(SheetErrors) as info:
        read_sheet(path, sheet)
    assert isinstance(info.value, BadInput)
    assert info.value.file == str(path)
    return info.value.problems


# --- good files ----------------------------------------------------------------------------------


def test_reads_a_plain_file(tmp_path: Path) -> None:
    path = form_file(tmp_path / "a.xlsx", {}, {"code": "A002", "note": "  备注  "})
    rows = read_sheet(path, FORM)
    assert rows == [
        SheetRow(2, EXPECTED),
        SheetRow(3, {**EXPECTED, "code": "A002", "note": "备注"}),
    ]


def test_sheetrow_is_frozen() -> None:
    row = SheetRow(2, {})
    with pytest.raises(AttributeError):
        row.row = 3  # type: ignore[misc]


def test_hand_made_headers_moved_and_extra_columns(tmp_path: Path) -> None:
    headers = [
        "说明",  # unknown: ignored
        "  备注 ",
        "*仓库名称",
        "商品编码（必填）",
        "数量(件)",
        " 大 整 数 ",
        "单价【元】",
        "时间：",
        "日期 (YYYY-MM-DD)",
        "＊状态",
        "无货预定[是/否]",
        "现货时效（小时）",  # full-width brackets of its own header
    ]
    values = [
        "随便写",
        "备注文字",
        " 上海仓 ",
        "00123",  # a text code keeps its zeros
        "12",  # number typed as text
        12.0,  # int stored as float
        "12.30",
        "2026-11-27 09:30",
        "2026/11/27",
        " 暂停 ",
        "否",
        "48",
    ]
    path = make_xlsx(tmp_path / "h.xlsx", [headers, values])
    assert read_sheet(path, FORM) == [
        SheetRow(
            2,
            {
                "code": "00123",
                "warehouse": "上海仓",
                "qty": 12,
                "big": 12,
                "price": Decimal("12.30"),
                "at": dt.datetime(2026, 11, 27, 9, 30),
                "day": dt.date(2026, 11, 27),
                "status": "暂停",
                "ok": False,
                "hours": 48,
                "note": "备注文字",
            },
        )
    ]


def test_header_without_its_bracket_note_still_matches(tmp_path: Path) -> None:
    headers = [h if h != "现货时效(小时)" else "现货时效" for h in FORM.headers]
    row = [VALID[c.key] for c in FORM.columns]
    rows = read_sheet(make_xlsx(tmp_path / "b.xlsx", [headers, row]), FORM)
    assert rows[0].values["hours"] == 24


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026-11-27", dt.datetime(2026, 11, 27)),
        ("2026/11/27", dt.datetime(2026, 11, 27)),
        ("2026-1-5 8:05", dt.datetime(2026, 1, 5, 8, 5)),
        ("2026-11-27 09:30:15", dt.datetime(2026, 11, 27, 9, 30, 15)),
        ("2026-11-27T09:30:15", dt.datetime(2026, 11, 27, 9, 30, 15)),
        (dt.datetime(2026, 11, 27, 23, 59, 59), dt.datetime(2026, 11, 27, 23, 59, 59)),
        (dt.date(2026, 11, 27), dt.datetime(2026, 11, 27)),  # an Excel date at midnight
    ],
)
def test_datetime_cells(tmp_path: Path, raw: object, expected: dt.datetime) -> None:
    rows = read_sheet(form_file(tmp_path / "d.xlsx", {"at": raw}), FORM)
    assert rows[0].values["at"] == expected


@pytest.mark.parametrize(
    ("key", "raw", "expected"),
    [
        ("code", 123.0, "123"),  # a number in a text column reads as typed, not '123.0'
        ("code", 12.5, "12.5"),
        ("big", "1999999999", 1999999999),  # typed as text: exact, up to the quantity bound
        ("big", " -5 ", -5),
        ("big", "1,234", 1234),
        ("big", "１２", 12),  # full-width digits
        ("big", "12.0", 12),
        ("price", 0.1 + 0.2, Decimal("0.3")),  # float noise gone, as Excel shows it
        ("price", "1,234.5", Decimal("1234.5")),
        ("price", 3, Decimal(3)),
        ("ok", True, True),  # an Excel TRUE
        ("ok", "FALSE", False),
        ("ok", "true", True),
        ("day", "2026年11月27日", dt.date(2026, 11, 27)),
        ("day", dt.datetime(2026, 11, 27), dt.date(2026, 11, 27)),
        ("status", None, None),
        ("qty", "   ", None),
    ],
)
def test_lenient_cells(tmp_path: Path, key: str, raw: object, expected: object) -> None:
    rows = read_sheet(form_file(tmp_path / "l.xlsx", {key: raw}), FORM)
    assert rows[0].values[key] == expected
    assert type(rows[0].values[key]) is type(expected)


def test_blank_rows_are_skipped_and_rows_keep_excel_numbers(tmp_path: Path) -> None:
    row = [VALID[c.key] for c in FORM.columns]
    spaces = ["  "] * len(FORM.columns)
    only_unknown = [None] * len(FORM.columns) + ["旁注"]
    second = ["A002", *row[1:]]
    path = make_xlsx(tmp_path / "e.xlsx", [FORM.headers, [], row, spaces, only_unknown, second])
    assert [r.row for r in read_sheet(path, FORM)] == [3, 6]


def test_title_line_above_the_header(tmp_path: Path) -> None:
    row = [VALID[c.key] for c in FORM.columns]
    path = make_xlsx(tmp_path / "t.xlsx", [["测试表 2026年11月"], FORM.headers, row])
    assert [r.row for r in read_sheet(path, FORM)] == [3]


def test_only_a_header_reads_no_rows(tmp_path: Path) -> None:
    assert read_sheet(make_xlsx(tmp_path / "h.xlsx", [FORM.headers]), FORM) == []


def test_optional_column_may_be_absent(tmp_path: Path) -> None:
    cols = [c for c in FORM.columns if c.key != "note"]
    path = make_xlsx(tmp_path / "o.xlsx", [[c.header for c in cols], [VALID[c.key] for c in cols]])
    assert read_sheet(path, FORM)[0].values == EXPECTED


# --- which worksheet -----------------------------------------------------------------------------


def _workbook(path: Path, sheets: list[tuple[str, list[Sequence[object]], bool]]) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows, visible in sheets:
        ws = wb.create_sheet(title)
        ws.sheet_state = "visible" if visible else "hidden"
        for r in rows:
            ws.append(list(r))
    wb.active = next(i for i, s in enumerate(sheets) if s[2])
    wb.save(path)
    return path


GOOD = [FORM.headers, [VALID[c.key] for c in FORM.columns]]
JUNK = [["别的表"], ["x"]]


@pytest.mark.parametrize(
    ("sheets", "title"),
    [
        ([("说明", JUNK, True), ("测试表", GOOD, True)], "测试表"),  # by name
        ([("说明", JUNK, True), (" 测试 ", GOOD, True)], " 测试 "),  # by alias
        ([("旧的", JUNK, False), (META_SHEET, JUNK, False), ("Sheet1", GOOD, True)], "Sheet1"),
    ],
)
def test_picks_the_data_sheet(
    tmp_path: Path, sheets: list[tuple[str, list[Sequence[object]], bool]], title: str
) -> None:
    path = _workbook(tmp_path / "w.xlsx", sheets)
    assert read_sheet(path, FORM) == [SheetRow(2, EXPECTED)]
    bad = _workbook(
        tmp_path / "bad.xlsx", [(t, [*r, ["A001", "上海仓", "x"]], v) for t, r, v in sheets]
    )
    assert {p.sheet for p in problems_of(bad)} == {title}


# --- every error kind ----------------------------------------------------------------------------

ERROR_CASES = [
    ("code", None, "商品编码", "必填，不能为空"),
    ("code", "   ", "商品编码", "必填，不能为空"),
    ("code", "X" * 21, "商品编码", "长度不能超过 20 个字符，实际为 21 个"),
    ("qty", 12.5, "数量", "应为整数，实际为「12.5」"),
    ("qty", "abc", "数量", "应为整数，实际为「abc」"),
    ("qty", "12.5", "数量", "应为整数，实际为「12.5」"),
    ("qty", True, "数量", "应为整数，实际为「TRUE」"),
    ("qty", -1, "数量", "不能小于 0，实际为 -1"),
    ("qty", 1001, "数量", "不能大于 1000，实际为 1001"),
    ("hours", "49", "现货时效(小时)", "不能大于 48，实际为 49"),
    ("price", "abc", "单价", "应为数字，实际为「abc」"),
    ("price", "NaN", "单价", "应为数字，实际为「NaN」"),
    ("price", -0.5, "单价", "不能小于 0，实际为 -0.5"),
    ("at", "明天", "时间", "应为日期时间（如 2026-11-27 09:30），实际为「明天」"),
    ("at", "2026-02-30", "时间", "应为日期时间（如 2026-11-27 09:30），实际为「2026-02-30」"),
    ("at", 46000, "时间", "应为日期时间（如 2026-11-27 09:30），实际为「46000」"),
    ("day", "abc", "日期", "应为日期（如 2026-11-27），实际为「abc」"),
    ("day", "2026-11-27 10:00", "日期", "应为日期（不含时间），实际为「2026-11-27 10:00」"),
    (
        "day",
        dt.datetime(2026, 11, 27, 10, 0),
        "日期",
        "应为日期（不含时间），实际为「2026-11-27 10:00:00」",
    ),
    ("status", "停用", "状态", "应为以下之一：启用、暂停；实际为「停用」"),
    ("ok", "也许", "无货预定", "应为 是/否，实际为「也许」"),
    ("ok", "Y", "无货预定", "应为 是/否，实际为「Y」"),
]


@pytest.mark.parametrize(("key", "raw", "column", "reason"), ERROR_CASES)
def test_each_bad_cell_is_named(
    tmp_path: Path, key: str, raw: object, column: str, reason: str
) -> None:
    path = form_file(tmp_path / "bad.xlsx", {key: raw})
    assert problems_of(path) == [CellProblem("测试表", 2, column, reason, str(path))]


def test_every_bad_cell_is_collected_in_order(tmp_path: Path) -> None:
    path = form_file(
        tmp_path / "bad.xlsx",
        {"qty": "x", "status": "?"},
        {"code": "A002"},
        {"code": "A003", "warehouse": None},
    )
    assert [(p.row, p.column) for p in problems_of(path)] == [
        (2, "数量"),
        (2, "状态"),
        (4, "仓库名称"),
    ]


def test_duplicate_keys_name_both_rows(tmp_path: Path) -> None:
    path = form_file(
        tmp_path / "dup.xlsx", {}, {"code": "A002"}, {"warehouse": " 上海仓 "}, {"code": "A002"}
    )
    assert problems_of(path) == [
        CellProblem(
            "测试表", 4, "商品编码", "商品编码+仓库名称「A001 / 上海仓」与第 2 行重复", str(path)
        ),
        CellProblem(
            "测试表", 5, "商品编码", "商品编码+仓库名称「A002 / 上海仓」与第 3 行重复", str(path)
        ),
    ]


def test_check_sheet_returns_good_rows_and_problems(tmp_path: Path) -> None:
    """For callers that add their own (book) problems before refusing the file."""
    path = form_file(tmp_path / "mixed.xlsx", {}, {"code": "A002", "qty": "x"}, {}, {"code": "A3"})
    rows, problems = check_sheet(path, FORM)
    assert [r.row for r in rows] == [2, 5]
    assert [(p.row, p.column) for p in problems] == [(3, "数量"), (4, "商品编码")]
    with pytest.raises(SheetErrors):
        check_sheet(tmp_path / "missing.xlsx", FORM)  # file-level: still raised


def test_message_names_file_sheet_row_column_and_reason(tmp_path: Path) -> None:
    path = form_file(tmp_path / "bad.xlsx", {"qty": "abc"})
    with pytest.raises(SheetErrors) as info:
        read_sheet(path, FORM)
    text = str(info.value)
    assert "导入失败，共 1 处错误" in text
    assert "工作表「测试表」第 2 行 列「数量」: 应为整数，实际为「abc」" in text


# --- file-level refusals -------------------------------------------------------------------------


def _one_problem(path: Path, sheet: SheetDef = FORM) -> CellProblem:
    problems = problems_of(path, sheet)
    assert len(problems) == 1
    return problems[0]


def test_not_an_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    path.write_text("商品编码,仓库名称\nA001,上海仓\n", encoding="utf-8")
    p = _one_problem(path)
    assert (p.sheet, p.row, p.column, p.file) == ("测试表", 0, "", str(path))
    assert p.reason.startswith("这是 CSV/文本文件，不是 Excel 文件：请用 Excel 或 WPS 打开它")


def test_a_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "z.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "hi")
    assert _one_problem(path).reason.startswith("无法打开")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    p = _one_problem(path)
    assert (p.row, p.column, p.reason) == (0, "", "文件是空的（0 字节），不是 Excel 文件")


def test_missing_file(tmp_path: Path) -> None:
    p = _one_problem(tmp_path / "nope.xlsx")
    assert (p.row, p.reason) == (0, "找不到文件")


def test_empty_worksheet(tmp_path: Path) -> None:
    p = _one_problem(make_xlsx(tmp_path / "e.xlsx", []))
    assert (p.sheet, p.row, p.column, p.reason) == ("测试表", 1, "", "工作表是空的，没有表头行")


def test_no_header_row(tmp_path: Path) -> None:
    p = _one_problem(make_xlsx(tmp_path / "n.xlsx", [["A001", "上海仓", 5]]))
    assert (p.row, p.column) == (1, "")
    assert p.reason.startswith("找不到表头行（第 1 行应为列名：商品编码、仓库名称、数量")


def test_missing_required_column(tmp_path: Path) -> None:
    cols = [c for c in FORM.columns if c.key != "warehouse"]
    path = make_xlsx(tmp_path / "m.xlsx", [[c.header for c in cols], [VALID[c.key] for c in cols]])
    found = "、".join(c.header for c in cols)
    why = f"缺少这一列（表头行中有：{found}）"
    assert problems_of(path) == [CellProblem("测试表", 1, "仓库名称", why, str(path))]


def test_a_column_twice(tmp_path: Path) -> None:
    headers = [*FORM.headers, "数量（件）"]
    path = make_xlsx(tmp_path / "twice.xlsx", [headers, [VALID[c.key] for c in FORM.columns]])
    assert problems_of(path) == [
        CellProblem("测试表", 1, "数量", "这一列出现了 2 次（第 C、L 列）", str(path))
    ]


def test_a_file_exported_for_another_form(tmp_path: Path) -> None:
    path = tmp_path / "other.xlsx"
    write_sheet(path, OTHER, [{"code": "A001", "warehouse": "上海仓", "on_hand": 1}])
    p = _one_problem(path)
    assert (p.row, p.reason) == (0, "这是「库存」表格，不是「测试表」")


# --- detect_form ---------------------------------------------------------------------------------


def test_detect_by_meta_sheet(tmp_path: Path) -> None:
    path = tmp_path / "m.xlsx"
    write_sheet(path, FORM, [])
    assert detect_form(path, [OTHER, FORM]) is FORM


def test_detect_by_headers(tmp_path: Path) -> None:
    stock = make_xlsx(
        tmp_path / "s.xlsx",
        [["商品编码", "仓库名称", "现货库存（件）"], ["A", "B", 1]],
        title="Sheet1",
    )
    assert detect_form(stock, [FORM, OTHER]) is OTHER
    form = form_file(tmp_path / "f.xlsx", {})
    assert detect_form(form, [OTHER, FORM]) is FORM


def test_detect_nothing_fits(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "n.xlsx", [["名称", "数量"], ["A", 1]])
    assert detect_form(path, [FORM, OTHER]) is None


def test_detect_on_a_broken_file_is_a_sheet_error(tmp_path: Path) -> None:
    path = tmp_path / "b.xlsx"
    path.write_bytes(b"PK\x03\x04garbage")
    with pytest.raises(SheetErrors) as info:
        detect_form(path, [FORM])
    assert info.value.problems[0].row == 0
