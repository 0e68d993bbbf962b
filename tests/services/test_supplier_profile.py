"""services/supplier_profile.py: the profile as a Setting, the contract date kept in step, and the
供应商入驻评估表 round trip (unedited → no change, nothing written; edits → stored; bad cells →
refused with an annotated copy)."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from openpyxl import load_workbook
from sqlalchemy import event, select

from jdstock_desktop.errors import BadInput, SheetErrors
from jdstock_desktop.services.compliance import CONTRACT_END_KEY
from jdstock_desktop.services.forms import door as forms_io
from jdstock_desktop.services.supplier_profile import (
    PROFILE_KEY,
    export_supplier_form,
    get_profile,
    import_supplier_form,
    profile_findings,
    save_profile,
)
from jdstock_desktop.sheets.annotate import BAD_FILL
from jdstock_desktop.sheets.cells import ERROR_LIST_SHEET
from jdstock_desktop.sheets.keyvalue import FormData
from jdstock_desktop.sheets.onboarding_forms import SUPPLIER_FORM as FORM
from jdstock_desktop.storage.db import Book, open_book
from jdstock_desktop.storage.models import Setting
from tests.helpers import add_warehouse
from tests.sheets.test_keyvalue import PROFILE, profiles


@contextmanager
def writes(book: Book) -> Iterator[list[str]]:
    """Every INSERT/UPDATE/DELETE sent to the database inside the block."""
    seen: list[str] = []

    def listen(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        if statement.lstrip().split(None, 1)[0].upper() in ("INSERT", "UPDATE", "DELETE"):
            seen.append(statement)

    event.listen(book.engine, "before_cursor_execute", listen)
    try:
        yield seen
    finally:
        event.remove(book.engine, "before_cursor_execute", listen)


def setting(book: Book, key: str) -> str | None:
    with book.read() as s:
        return s.scalar(select(Setting.value).where(Setting.key == key))


def editable(data: FormData) -> FormData:
    return data.editable(FORM)


def test_an_empty_book_has_an_empty_profile_with_its_warehouses(book: Book) -> None:
    add_warehouse(book, "上海仓", "31")
    data = get_profile(book)
    assert set(data.fields.values()) == {None}
    assert data.blocks["qualifications"] == []
    assert data.blocks["warehouses"] == [
        {"name": "上海仓", "address": "上海市 测试路1号", "status": "启用"}
    ]  # the national warehouse has no address to ship from: not listed


def test_save_stores_json_and_the_contract_date(book: Book) -> None:
    assert save_profile(book, PROFILE) is True
    stored = json.loads(setting(book, PROFILE_KEY) or "")
    assert stored["fields"]["credit_code"] == "91350100M000100Y43"
    assert stored["blocks"]["qualifications"][0]["name"] == "3C 认证"
    assert setting(book, CONTRACT_END_KEY) == "2027-06-30"
    assert editable(get_profile(book)) == editable(PROFILE)
    with writes(book) as seen:
        assert save_profile(book, PROFILE) is False  # the same again: nothing written
    assert seen == []


def test_save_refuses_what_the_form_would_refuse(book: Book) -> None:
    bad = FormData({**PROFILE.fields, "credit_code": "91350100M000100Y44"}, PROFILE.blocks)
    with pytest.raises(BadInput, match="第 18 位应为「3」"):
        save_profile(book, bad)
    no_name = FormData({**PROFILE.fields, "company_name": None}, PROFILE.blocks)
    with pytest.raises(BadInput, match="「公司名称」必填"):
        save_profile(book, no_name)
    backwards = FormData({**PROFILE.fields, "contract_start": dt.date(2028, 1, 1)}, PROFILE.blocks)
    with pytest.raises(BadInput, match="早于开始日期"):
        save_profile(book, backwards)
    assert setting(book, PROFILE_KEY) is None


def test_contract_date_set_before_the_profile_is_shown_and_kept(book: Book) -> None:
    with book.transaction() as s:
        s.add(Setting(key=CONTRACT_END_KEY, value="2026-12-31"))
    assert get_profile(book).fields["contract_end"] == dt.date(2026, 12, 31)
    data = get_profile(book)
    data.fields.update(company_name="甲公司", credit_code="91110108551385082Q")
    save_profile(book, data)
    assert setting(book, CONTRACT_END_KEY) == "2026-12-31"
    data.fields["contract_end"] = None  # the clerk clears it: the compliance check forgets it
    save_profile(book, data)
    assert setting(book, CONTRACT_END_KEY) is None
    assert get_profile(book).fields["contract_end"] is None


def test_findings_of_the_profile() -> None:
    found = profile_findings(PROFILE, dt.date(2026, 11, 27))
    assert [f.message for f in found] == []
    young = FormData({**PROFILE.fields, "established": dt.date(2025, 1, 1)})
    assert [f.field for f in profile_findings(young, dt.date(2026, 11, 27))] == ["established"]


# --- the form ------------------------------------------------------------------------------------


def test_unedited_export_imports_as_no_change_and_writes_nothing(
    book: Book, tmp_path: Path
) -> None:
    add_warehouse(book, "上海仓", "31")
    save_profile(book, PROFILE)
    path = tmp_path / "评估表.xlsx"
    assert export_supplier_form(book, path) == 28  # 25 fields, 2 资质, 1 warehouse
    with writes(book) as seen:
        report = import_supplier_form(book, path)
    assert seen == []
    assert not report.changed and report.unchanged == 1
    assert report.summary().endswith("无变化")


def test_an_empty_books_form_round_trips_too(book: Book, tmp_path: Path) -> None:
    path = tmp_path / "空.xlsx"
    export_supplier_form(book, path)
    report = import_supplier_form(book, path)
    assert not report.changed and report.details == ["表格未填写任何内容，未导入"]
    assert setting(book, PROFILE_KEY) is None


def test_an_incomplete_profile_round_trips_but_edits_must_complete_it(
    book: Book, tmp_path: Path
) -> None:
    # The demo (and older books) set a contract end date before any profile exists: the form
    # shows it, with the required company name and credit code still empty.
    with book.transaction() as s:
        s.add(Setting(key=CONTRACT_END_KEY, value="2026-12-31"))
    path = tmp_path / "f.xlsx"
    export_supplier_form(book, path)
    assert not import_supplier_form(book, path).changed
    _edit(path, {"官网": "https://a.example"})
    with pytest.raises(SheetErrors) as info:
        import_supplier_form(book, path)
    assert [(p.column, p.reason) for p in info.value.problems] == [
        ("公司名称", "必填，不能为空"),
        ("统一社会信用代码", "必填，不能为空"),
    ]
    assert setting(book, PROFILE_KEY) is None


def _edit(path: Path, changes: dict[str, object]) -> None:
    wb = load_workbook(path)
    ws = wb[FORM.name]
    rows = {str(ws.cell(r, 1).value).lstrip("*"): r for r in range(1, ws.max_row + 1)}
    for label, value in changes.items():
        ws.cell(rows[label], 2).value = value
    wb.save(path)


def test_edits_are_previewed_then_stored(book: Book, tmp_path: Path) -> None:
    add_warehouse(book, "上海仓", "31")
    save_profile(book, PROFILE)
    path = tmp_path / "f.xlsx"
    export_supplier_form(book, path)
    _edit(path, {"注册资本(万元)": 2000, "纳税人类型": "小规模纳税人", "官网": None})

    preview = import_supplier_form(book, path, dry_run=True)
    assert preview.updated == 1 and preview.dry_run
    assert preview.details[:3] == [
        "修改「注册资本(万元)」：1000.50 → 2000",
        "修改「纳税人类型」：一般纳税人 → 小规模纳税人",
        "修改「官网」：https://example.com/?a=1&b=2 → （空）",
    ]
    assert "注意：纳税人类型为「小规模纳税人」：入驻一般要求一般纳税人" in preview.details
    assert get_profile(book).fields["registered_capital"] == Decimal("1000.50")  # dry run

    report = import_supplier_form(book, path)
    assert report.updated == 1
    data = get_profile(book)
    assert data.fields["registered_capital"] == Decimal(2000)
    assert data.fields["website"] is None
    assert data.fields["company_name"] == PROFILE.fields["company_name"]  # unchanged


def test_removed_rows_keep_their_value_and_warehouse_edits_are_ignored(
    book: Book, tmp_path: Path
) -> None:
    add_warehouse(book, "上海仓", "31")
    save_profile(book, PROFILE)
    path = tmp_path / "f.xlsx"
    export_supplier_form(book, path)
    wb = load_workbook(path)
    ws = wb[FORM.name]
    rows = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
    ws.delete_rows(rows["官网"])  # a colleague's trimmed copy
    rows = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
    ws.cell(rows["上海仓"], 2).value = "改过的地址"  # read-only: from the book
    wb.save(path)
    report = import_supplier_form(book, path)
    assert not report.changed
    assert get_profile(book).fields["website"] == PROFILE.fields["website"]


def test_bad_cells_refuse_the_file_with_an_annotated_copy(book: Book, tmp_path: Path) -> None:
    save_profile(book, PROFILE)
    path = tmp_path / "f.xlsx"
    export_supplier_form(book, path)
    _edit(path, {"统一社会信用代码": "91350100M000100Y4", "账期(天)": "三十", "公司名称": "新名"})
    out = tmp_path / "f.错误.xlsx"
    with pytest.raises(SheetErrors) as info:
        forms_io.import_any(book, "供应商评估表", path, annotated=out)
    reasons = [(p.column, p.reason) for p in info.value.problems]
    assert reasons == [
        ("统一社会信用代码", "统一社会信用代码应为 18 位，实际为 17 位"),
        ("账期(天)", "应为整数，实际为「三十」"),
    ]
    assert get_profile(book).fields["company_name"] == PROFILE.fields["company_name"]
    wb = load_workbook(out)
    assert wb.active.title == ERROR_LIST_SHEET
    ws = wb[FORM.name]
    bad = [c for row in ws.iter_rows() for c in row if c.fill.fgColor.rgb == BAD_FILL.fgColor.rgb]
    assert [c.value for c in bad] == ["91350100M000100Y4", "三十"]


def test_contract_dates_backwards_are_refused_at_their_row(book: Book, tmp_path: Path) -> None:
    save_profile(book, PROFILE)
    path = tmp_path / "f.xlsx"
    export_supplier_form(book, path)
    _edit(path, {"合同到期日": "2020-01-01", "合同开始日期": "2021-01-01"})
    with pytest.raises(SheetErrors) as info:
        import_supplier_form(book, path)
    [p] = info.value.problems
    assert p.column == "合同到期日" and p.row > 0 and "早于开始日期" in p.reason


def test_forms_io_names(book: Book, tmp_path: Path) -> None:
    save_profile(book, PROFILE)
    for name in ("供应商评估表", "供应商入驻评估表", "supplier_evaluation"):
        path = tmp_path / f"{name}.xlsx"
        assert forms_io.export_any(book, name, path) > 0
        assert not forms_io.import_any(book, name, path).changed
    assert forms_io.display_name("供应商评估表") == "供应商入驻评估表"
    with pytest.raises(BadInput, match="未知表格「供应商」"):
        forms_io.export_any(book, "供应商", tmp_path / "x.xlsx")


# --- export → import is the identity, for any profile ---------------------------------------------


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(profiles())
def test_any_profile_survives_export_and_import(data: FormData) -> None:
    start, end = data.fields["contract_start"], data.fields["contract_end"]
    if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
        data.fields["contract_start"], data.fields["contract_end"] = end, start
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = open_book(Path(tmp) / "a.sqlite3"), open_book(Path(tmp) / "b.sqlite3")
        try:
            save_profile(src, data)
            path = Path(tmp) / "f.xlsx"
            export_supplier_form(src, path)
            assert not import_supplier_form(src, path).changed
            assert import_supplier_form(dst, path).created == 1
            assert editable(get_profile(dst)) == editable(get_profile(src)) == editable(data)
            assert setting(dst, CONTRACT_END_KEY) == setting(src, CONTRACT_END_KEY)
        finally:
            src.close()
            dst.close()


def test_dates_at_the_ends_of_the_calendar(book: Book, tmp_path: Path) -> None:
    """Issue 10: 成立日期 9999-12-31 crashed (year 10001); a negative date serial read as
    00:00:00. Now: a warning for the first, a problem at its row naming the value as the cell
    holds it for the second, nothing stored."""
    save_profile(book, PROFILE)
    stored = get_profile(book).fields
    path = tmp_path / "f.xlsx"
    export_supplier_form(book, path)
    _edit(path, {"成立日期": dt.date(9999, 12, 31)})
    preview = import_supplier_form(book, path, dry_run=True)
    assert "注意：成立日期 9999-12-31 晚于今天，请核对" in preview.details
    _edit(path, {"成立日期": -1})
    with pytest.raises(SheetErrors) as info:
        import_supplier_form(book, path)
    [p] = info.value.problems
    assert p.column == "成立日期" and "单元格的值为 -1" in p.reason and "00:00" not in p.reason
    assert get_profile(book).fields == stored
