"""Key–value forms (sheets/keyvalue.py) with the 供应商入驻评估表: write → read identity (also
as a property), labels found wherever the clerk moved them, bad cells named and annotated, and
what the exported file looks like."""

from __future__ import annotations

import datetime as dt
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from jdstock_desktop.domain.onboarding import USCC_ALPHABET, uscc_check_char
from jdstock_desktop.errors import SheetErrors
from jdstock_desktop.sheets.annotate import BAD_FILL
from jdstock_desktop.sheets.cells import ERROR_LIST_SHEET, header_keys
from jdstock_desktop.sheets.definition import META_SHEET
from jdstock_desktop.sheets.definition import ColumnType as T
from jdstock_desktop.sheets.keyvalue import (
    Block,
    Field,
    FormData,
    KeyValueForm,
    Section,
    from_json,
    to_json,
    validate,
)
from jdstock_desktop.sheets.keyvalue_annotate import write_annotated_form_copy
from jdstock_desktop.sheets.keyvalue_reader import check_form, read_form
from jdstock_desktop.sheets.keyvalue_writer import write_form
from jdstock_desktop.sheets.onboarding_forms import SUPPLIER_FORM as FORM
from jdstock_desktop.sheets.writer import write_sheet
from tests.sheets.test_reader import OTHER

FORMULA_LIKE = ["=1+1", "=SUM(A1:A2)", "+86 138 0000 0000", "-5", "@x", "#N/A", "=", "-"]

PROFILE = FormData(
    {
        "company_name": "=1+1 制造有限公司",
        "credit_code": "91350100M000100Y43",
        "registered_address": "福建省福州市鼓楼区\n五四路 100 号",
        "registered_capital": Decimal("1000.50"),
        "established": dt.date(2015, 3, 1),
        "legal_representative": "@张三",
        "taxpayer_type": "一般纳税人",
        "company_type": "生产厂家",
        "website": "https://example.com/?a=1&b=2",
        "brand": "-5 牌",
        "trademark_no": "0012345678",  # leading zeros: text
        "trademark_status": "已注册",
        "trademark_expiry": dt.date(2031, 12, 31),
        "authorization": "自有品牌",
        "annual_sales": Decimal("1E+11"),
        "key_customers": "国家电网\n中国石化\n" + "长" * 400,
        "channel": "京东主站采销",
        "commission_pct": Decimal("7.5"),
        "deposit": Decimal("50000"),
        "payment_days": 365,  # upper bound
        "coop_mode": "厂家直发",
        "contract_start": dt.date(1899, 12, 30),  # before Excel's calendar: text
        "contract_end": dt.date(2027, 6, 30),
        "contact_phone": "+86 138 0000 0000",
        "bank_account": "6222021234567890123",  # 19 digits: never a float
    },
    {
        "qualifications": [
            {"name": "3C 认证", "number": "=A1", "expiry": dt.date(2028, 1, 1)},
            {"name": "生产许可证", "number": None, "expiry": None},
        ],
        "warehouses": [{"name": "上海仓", "address": "上海市浦东新区 科苑路1号", "status": "启用"}],
    },
)


def editable(data: FormData) -> FormData:
    return data.editable(FORM)


def test_round_trip_identity(tmp_path: Path) -> None:
    path = tmp_path / "f.xlsx"
    write_form(path, FORM, PROFILE)
    read = read_form(path, FORM)
    assert editable(read.data) == editable(PROFILE)
    assert read.found == {f.key for f in FORM.fields} | {b.key for b in FORM.blocks}
    assert read.data.blocks["warehouses"] == PROFILE.blocks["warehouses"]  # read, not imported
    assert not read.empty


def test_json_round_trip() -> None:
    obj = to_json(FORM, PROFILE)
    assert obj["fields"]["registered_capital"] == "1000.50"  # type: ignore[index]
    assert obj["fields"]["established"] == "2015-03-01"  # type: ignore[index]
    assert "warehouses" not in obj["blocks"]  # type: ignore[operator]
    assert from_json(FORM, obj) == editable(PROFILE)


def test_an_unfilled_template_is_empty_not_wrong(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    write_form(path, FORM, FormData())
    read = read_form(path, FORM)
    assert read.empty and read.problems == []


# --- hypothesis ----------------------------------------------------------------------------------

_TAKEN = {k for n in (
    *(f.label for f in FORM.fields),
    *(s.title for s in FORM.sections),
    *(b.title for b in FORM.blocks),
    *(c.label for b in FORM.blocks for c in b.columns),
) for k in header_keys(n)}  # fmt: skip

TEXT = st.text(
    st.characters(
        # Control, format (zero-width, bidi) and separator characters are refused in codes and
        # names on import (issue 10); free text keeps line breaks (the fixed rows have them).
        exclude_categories=("Cs", "Cc", "Cf", "Zl", "Zp"),
        exclude_characters="\ufffe\uffff\u115f\u1160\u3164\uffa0\u2800",
    ),
    max_size=80,
) | st.sampled_from([*FORMULA_LIKE, "00123", "1e5", "TRUE", "是", "_x0041_", "长" * 300])


def texts(max_len: int) -> st.SearchStrategy[str]:
    """Text as a clerk's cell holds it: no outer spaces, and never a label of the form."""
    return (
        TEXT.map(lambda t: t.strip()[:max_len].strip())
        .filter(bool)
        .filter(lambda t: not set(header_keys(t)) & _TAKEN and t.lstrip("一二三四五六、") == t)
    )


def credit_codes() -> st.SearchStrategy[str]:
    body = st.text(st.sampled_from(USCC_ALPHABET), min_size=2, max_size=2).flatmap(
        lambda head: st.text(st.sampled_from("0123456789"), min_size=6, max_size=6).flatmap(
            lambda area: st.text(st.sampled_from(USCC_ALPHABET), min_size=9, max_size=9).map(
                lambda tail: head + area + tail
            )
        )
    )
    return body.map(lambda b: b + uscc_check_char(b))


def value_of(f: Field) -> st.SearchStrategy[object]:
    if f.check is not None:
        return credit_codes()
    if f.type is T.CHOICE:
        return st.sampled_from(f.choices)
    if f.type is T.INT:
        lo, hi = int(f.min_value or 0), int(f.max_value or 10**9)
        return st.integers(lo, hi) | st.sampled_from([lo, hi])
    if f.type is T.DECIMAL:
        hi = Decimal(str(f.max_value or 10**12))
        return st.decimals(min_value=0, max_value=hi, allow_nan=False, allow_infinity=False) | (
            st.sampled_from([Decimal(0), hi, Decimal("0.01"), Decimal("12345678901234.5")]).filter(
                lambda d: d <= hi
            )
        )
    if f.type is T.DATE:
        return st.dates()
    return texts(f.max_length or 500)


def field_values(f: Field) -> st.SearchStrategy[object]:
    return value_of(f) if f.required else st.none() | value_of(f)


def block_rows(b: Block) -> st.SearchStrategy[list[dict[str, object]]]:
    row = st.fixed_dictionaries({c.key: field_values(c) for c in b.columns})
    return st.lists(row, max_size=4)


@st.composite
def profiles(draw: st.DrawFn) -> FormData:
    fields = {f.key: draw(field_values(f)) for f in FORM.fields}
    blocks = {b.key: draw(block_rows(b)) for b in FORM.blocks}
    return FormData(fields, blocks)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(profiles())
def test_round_trip_identity_property(data: FormData) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "p.xlsx"
        write_form(path, FORM, data)
        read = read_form(path, FORM)
    assert editable(read.data) == editable(data)
    assert from_json(FORM, to_json(FORM, data)) == editable(data)


# --- files people edit ---------------------------------------------------------------------------


def make_xlsx(path: Path, rows: list[list[object]], title: str = "Sheet1") -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_labels_are_found_wherever_the_clerk_moved_them(tmp_path: Path) -> None:
    # Built by hand: rows shuffled, an extra column on the left, decorated labels, numbers and
    # dates typed as text, the block's columns swapped and a blank row inside it.
    rows: list[list[object]] = [
        [None, "供应商评估（手工版）"],
        [None, "成立日期：", "2020年1月2日"],
        [None, "备注", "不是表单的一项"],
        [None, "* 统一社会信用代码", "91110108551385082Q"],
        [None, "注册资本（万元）", "1,200.5"],
        [None, "公司名称【必填】", "  小米  "],
        [None, "行业资质"],
        [None, "证书编号", "资质名称", "资质有效期至"],
        [None, "X-1", "3C", "2029/2/3"],
        [None],
        [None, None, "ISO9001", None],
        [None, "三、经营情况"],
        [None, "账期（天）", 30.0],
        [None, "纳税人类型", "一般纳税人"],
    ]
    read = read_form(make_xlsx(tmp_path / "hand.xlsx", rows), FORM)
    f = read.data.fields
    assert f["established"] == dt.date(2020, 1, 2)
    assert f["credit_code"] == "91110108551385082Q"
    assert f["registered_capital"] == Decimal("1200.5")
    assert f["company_name"] == "小米"
    assert f["payment_days"] == 30
    assert read.data.blocks["qualifications"] == [
        {"name": "3C", "number": "X-1", "expiry": dt.date(2029, 2, 3)},
        {"name": "ISO9001", "number": None, "expiry": None},
    ]
    assert "website" not in read.found  # a removed row: the service keeps the stored value
    assert read.rows["company_name"] == 6


def test_a_value_that_reads_like_a_label_stays_a_value(tmp_path: Path) -> None:
    data = FormData({**PROFILE.fields, "brand": "官网", "main_categories": "品牌"})
    path = tmp_path / "v.xlsx"
    write_form(path, FORM, data)
    assert read_form(path, FORM).data.fields["brand"] == "官网"


def test_bad_cells_are_named_by_row_and_label(tmp_path: Path) -> None:
    path = tmp_path / "bad.xlsx"
    write_form(path, FORM, PROFILE)
    wb = load_workbook(path)
    ws = wb[FORM.name]
    where = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
    ws.cell(where["*统一社会信用代码"], 2).value = "91350100M000100Y44"
    ws.cell(where["注册资本(万元)"], 2).value = "一千"
    ws.cell(where["纳税人类型"], 2).value = "一般"
    ws.cell(where["*公司名称"], 2).value = None
    ws.cell(where["*资质名称"] + 1, 3).value = "明年"  # 资质有效期至 of the first 资质
    wb.save(path)

    read = check_form(path, FORM)
    got = [(p.row, p.column, p.reason) for p in read.problems]
    assert got == [
        (where["*公司名称"], "公司名称", "必填，不能为空"),
        (where["*统一社会信用代码"], "统一社会信用代码",
         "统一社会信用代码校验位错误：第 18 位应为「3」，实际为「4」"),
        (where["注册资本(万元)"], "注册资本(万元)", "应为数字，实际为「一千」"),
        (where["纳税人类型"], "纳税人类型",
         "应为以下之一：一般纳税人、小规模纳税人；实际为「一般」"),
        (where["*资质名称"] + 1, "资质有效期至", "应为日期（如 2026-11-27），实际为「明年」"),
    ]  # fmt: skip
    with pytest.raises(SheetErrors) as info:
        read_form(path, FORM)
    assert "共 5 处错误" in str(info.value)

    out = tmp_path / "bad.annotated.xlsx"
    write_annotated_form_copy(path, out, read.problems, FORM)
    marked = load_workbook(out)
    ws = marked[FORM.name]
    red = BAD_FILL.fgColor.rgb
    cell = ws.cell(where["注册资本(万元)"], 2)
    assert cell.fill.fgColor.rgb == red and cell.comment.text == "应为数字，实际为「一千」"
    assert cell.value == "一千"  # the clerk's text is untouched
    assert ws.cell(where["*资质名称"] + 1, 3).fill.fgColor.rgb == red
    assert ws.cell(where["官网"], 2).fill.fgColor.rgb != red
    assert marked.active.title == ERROR_LIST_SHEET
    listed = list(marked[ERROR_LIST_SHEET].iter_rows(values_only=True))
    assert listed[0] == ("工作表", "行", "列", "原因") and len(listed) == 6


def test_missing_and_repeated_labels(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["公司名称", "甲"],
        ["官网", "a.com"],
        ["官网", "b.com"],
    ]
    read = check_form(make_xlsx(tmp_path / "m.xlsx", rows), FORM)
    got = [(p.row, p.column, p.reason) for p in read.problems]
    assert got == [
        (0, "统一社会信用代码",
         "缺少「统一社会信用代码」这一项（按标签查找，标签可移动但不能删除）"),
        (2, "官网", "「官网」出现了多次（第 2、3 行）"),
    ]  # fmt: skip


def test_another_forms_file_is_refused_plainly(tmp_path: Path) -> None:
    path = tmp_path / "other.xlsx"
    write_sheet(path, OTHER, [{"code": "A", "warehouse": "仓", "on_hand": 1}])
    with pytest.raises(SheetErrors, match="这是「库存」表格，不是「供应商入驻评估表」"):
        read_form(path, FORM)


def test_not_an_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    path.write_text("not a workbook")
    with pytest.raises(SheetErrors, match="CSV/文本文件，不是 Excel 文件"):
        read_form(path, FORM)
    out = tmp_path / "x.annotated.xlsx"
    write_annotated_form_copy(path, out, [], FORM)
    assert load_workbook(out).sheetnames == [ERROR_LIST_SHEET]


# --- what the file looks like --------------------------------------------------------------------


def test_file_dressing(tmp_path: Path) -> None:
    path = tmp_path / "d.xlsx"
    write_form(path, FORM, PROFILE)
    wb = load_workbook(path)
    ws = wb[FORM.name]
    assert ws.freeze_panes == "A4"
    assert ws["A1"].value == "供应商入驻评估表" and "A1:C1" in ws.merged_cells
    assert ws["A4"].value == "一、基本信息" and "A4:C4" in ws.merged_cells
    rows = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
    taxpayer = f"B{rows['纳税人类型']}"
    [dv] = [d for d in ws.data_validations.dataValidation if taxpayer in d.sqref]
    assert dv.type == "list" and dv.formula1 == '"一般纳税人,小规模纳税人"'
    quals = [d for d in ws.data_validations.dataValidation if d.promptTitle == "资质有效期至"]
    assert len(quals) == 1  # one validation over every 资质 row
    assert ws[f"B{rows['*统一社会信用代码']}"].value == "91350100M000100Y43"
    phone = ws[f"B{rows['联系电话']}"]
    assert (phone.value, phone.data_type, phone.quotePrefix) == ("+86 138 0000 0000", "s", True)
    name = ws[f"B{rows['*公司名称']}"]
    assert (name.value, name.data_type) == ("=1+1 制造有限公司", "s")
    assert ws[f"B{rows['成立日期']}"].number_format == "yyyy-mm-dd"
    assert ws[f"B{rows['保证金(元)']}"].number_format == "#,##0.00"
    assert ws.column_dimensions["B"].width >= 40
    meta = wb[META_SHEET]
    assert meta.sheet_state == "hidden"
    assert [tuple(r) for r in meta.iter_rows(values_only=True)] == [
        ("form_id", "supplier_evaluation"),
        ("name", "供应商入驻评估表"),
        ("version", 1),
    ]


def test_labels_must_be_unambiguous() -> None:
    with pytest.raises(ValueError, match="must differ"):
        KeyValueForm("表", "t", 1, (Section("甲", (Field("a", "名称"), Field("b", "名称 *"))),))
    with pytest.raises(ValueError, match="must differ"):
        KeyValueForm("表", "t", 1, (Section("名称", (Field("a", "名称"),)),))


def test_validate_typed_values() -> None:
    data = FormData(
        {
            "company_name": None,
            "credit_code": "91350100M000100Y43",
            "payment_days": 400,
            "taxpayer_type": "个体户",
            "website": "x" * 201,
        },
        {"qualifications": [{"name": None, "number": "1", "expiry": None}]},
    )
    assert validate(FORM, data) == [
        ("公司名称", "必填，不能为空"),
        ("纳税人类型", "应为以下之一：一般纳税人、小规模纳税人；实际为「个体户」"),
        ("官网", "长度不能超过 200 个字符，实际为 201 个"),
        ("账期(天)", "不能大于 365，实际为 400"),
        ("资质名称", "必填，不能为空"),
    ]
