"""write_annotated_copy: bad cells red with a comment, 错误清单 listing everything, no crash on
files openpyxl cannot open, and the fixed copy imports as it is."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from jdstock_desktop.errors import CellProblem, SheetErrors
from jdstock_desktop.sheets.annotate import BAD_FILL, BAD_ROW_FILL, write_annotated_copy
from jdstock_desktop.sheets.cells import ERROR_LIST_SHEET
from jdstock_desktop.sheets.definition import META_SHEET
from jdstock_desktop.sheets.reader import read_sheet
from jdstock_desktop.sheets.writer import write_sheet
from tests.sheets.test_reader import FORM, VALID, form_file, make_xlsx

RED = BAD_FILL.fgColor.rgb


def refused(path: Path) -> list[CellProblem]:
    with pytest.raises(SheetErrors) as info:
        read_sheet(path, FORM)
    return info.value.problems


def error_list(path: Path) -> list[tuple[object, ...]]:
    ws = load_workbook(path)[ERROR_LIST_SHEET]
    return [tuple(r) for r in ws.iter_rows(values_only=True)]


def test_bad_cells_are_red_with_the_reason(tmp_path: Path) -> None:
    src = form_file(tmp_path / "in.xlsx", {"qty": "abc"}, {"code": "A002", "status": "停用"})
    problems = refused(src)
    dst = tmp_path / "out.xlsx"
    write_annotated_copy(src, dst, problems, FORM)

    wb = load_workbook(dst)
    ws = wb[FORM.name]
    assert ws["C2"].fill.fgColor.rgb == RED
    assert ws["C2"].comment.text == "应为整数，实际为「abc」"
    assert ws["H3"].fill.fgColor.rgb == RED
    assert "应为以下之一：启用、暂停" in ws["H3"].comment.text
    assert ws["A2"].fill.fgColor.rgb != RED and ws["A2"].comment is None
    assert ws["C2"].value == "abc"  # the clerk's values are untouched

    assert wb.active.title == ERROR_LIST_SHEET
    assert error_list(dst) == [
        ("工作表", "行", "列", "原因"),
        ("测试表", 2, "数量", "应为整数，实际为「abc」"),
        ("测试表", 3, "状态", "应为以下之一：启用、暂停；实际为「停用」"),
    ]


def test_moved_columns_are_found_by_header(tmp_path: Path) -> None:
    cols = list(reversed(FORM.columns))
    headers = ["多余的列", *(f"*{c.header} " for c in cols)]
    row = ["?", *({**VALID, "qty": -3}[c.key] for c in cols)]
    src = make_xlsx(tmp_path / "moved.xlsx", [headers, row], title="Sheet1")
    dst = tmp_path / "out.xlsx"
    write_annotated_copy(src, dst, refused(src), FORM)
    ws = load_workbook(dst)["Sheet1"]
    qty_col = 1 + [c.key for c in cols].index("qty") + 1
    assert ws.cell(2, qty_col).fill.fgColor.rgb == RED
    assert ws.cell(2, qty_col).comment.text == "不能小于 0，实际为 -3"


def test_two_reasons_on_one_cell_share_a_comment(tmp_path: Path) -> None:
    src = form_file(tmp_path / "in.xlsx", {}, {})
    problems = [
        *refused(src),  # the duplicate key, on 商品编码 of row 3
        CellProblem(FORM.name, 3, "商品编码", "未知商品编码「A001」"),
    ]
    dst = tmp_path / "out.xlsx"
    write_annotated_copy(src, dst, problems, FORM)
    note = load_workbook(dst)[FORM.name]["A3"].comment.text
    assert note.split("\n") == [
        "商品编码+仓库名称「A001 / 上海仓」与第 2 行重复",
        "未知商品编码「A001」",
    ]


def test_row_and_file_problems(tmp_path: Path) -> None:
    src = form_file(tmp_path / "in.xlsx", {})
    problems = [
        CellProblem(FORM.name, 2, "", "整行有问题"),
        CellProblem(FORM.name, 0, "", "文件级问题"),
        CellProblem(FORM.name, 1, "不存在的列", "缺少这一列"),
    ]
    dst = tmp_path / "out.xlsx"
    write_annotated_copy(src, dst, problems, FORM)
    ws = load_workbook(dst)[FORM.name]
    assert {c.fill.fgColor.rgb for c in ws[2]} == {BAD_ROW_FILL.fgColor.rgb}
    assert ws["A2"].comment.text == "整行有问题"
    assert all(c.comment is None for c in ws[1])
    assert error_list(dst)[1:] == [
        ("测试表", 2, None, "整行有问题"),
        ("测试表", None, None, "文件级问题"),
        ("测试表", 1, "不存在的列", "缺少这一列"),
    ]


@pytest.mark.parametrize("content", [b"", b"not a workbook", b"PK\x03\x04broken"])
def test_unreadable_source_gives_the_list_alone(tmp_path: Path, content: bytes) -> None:
    src = tmp_path / "in.xlsx"
    src.write_bytes(content)
    problems = refused(src)
    dst = tmp_path / "out.xlsx"
    write_annotated_copy(src, dst, problems, FORM)
    wb = load_workbook(dst)
    assert wb.sheetnames == [ERROR_LIST_SHEET]
    assert error_list(dst)[1][:3] == ("测试表", None, None)


def test_missing_source_gives_the_list_alone(tmp_path: Path) -> None:
    dst = tmp_path / "out.xlsx"
    problem = CellProblem(FORM.name, 0, "", "找不到文件")
    write_annotated_copy(tmp_path / "nope.xlsx", dst, [problem], FORM)
    assert load_workbook(dst).sheetnames == [ERROR_LIST_SHEET]


def test_the_fixed_copy_imports_as_it_is(tmp_path: Path) -> None:
    # The data sheet found only as 'the first visible one': 错误清单 must not take its place.
    row = [VALID[c.key] for c in FORM.columns]
    row[2] = "abc"
    src = make_xlsx(tmp_path / "in.xlsx", [FORM.headers, row], title="Sheet1")
    dst = tmp_path / "annotated.xlsx"
    write_annotated_copy(src, dst, refused(src), FORM)

    wb = load_workbook(dst)
    wb["Sheet1"]["C2"] = 5  # the clerk fixes the cell
    wb.move_sheet(ERROR_LIST_SHEET, offset=-1)  # and even drags the list to the front
    wb.save(dst)
    assert [r.values["qty"] for r in read_sheet(dst, FORM)] == [5]


def test_an_exported_file_keeps_its_meta_sheet(tmp_path: Path) -> None:
    src = tmp_path / "in.xlsx"
    write_sheet(
        src, FORM, [{"code": "A", "warehouse": "仓", "qty": 5}, {"code": "A", "warehouse": "仓"}]
    )
    dst = tmp_path / "out.xlsx"
    write_annotated_copy(src, dst, refused(src), FORM)
    wb = load_workbook(dst)
    assert wb.sheetnames == [FORM.name, META_SHEET, ERROR_LIST_SHEET]
    assert wb[META_SHEET].sheet_state == "hidden"
    assert wb[FORM.name]["A3"].fill.fgColor.rgb == RED
    assert error_list(dst)[1] == (
        "测试表",
        3,
        "商品编码",
        "商品编码+仓库名称「A / 仓」与第 2 行重复",
    )


def test_dst_may_overwrite_src(tmp_path: Path) -> None:
    src = form_file(tmp_path / "in.xlsx", {"qty": "abc"})
    write_annotated_copy(src, src, refused(src), FORM)
    assert load_workbook(src)[FORM.name]["C2"].comment is not None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.xlsx"]


def test_a_large_file_is_annotated_by_streaming(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 10: the annotated copy of a 50 MB sheet reached 7.7 GB in openpyxl's normal mode.
    Beyond STREAM_FROM_BYTES of worksheet XML it is copied row by row (read-only in, write-only
    out): the same marks and list, the values as they were (bench/bench_annotate.py: memory)."""
    from jdstock_desktop.sheets import annotate

    monkeypatch.setattr(annotate, "STREAM_FROM_BYTES", 0)  # this small file takes that path
    src = form_file(tmp_path / "in.xlsx", {"qty": "abc"}, {"code": "A002", "status": "停用"})
    problems = [*refused(src), CellProblem(FORM.name, 3, "", "整行有问题", str(src))]
    dst = tmp_path / "out.xlsx"
    write_annotated_copy(src, dst, problems, FORM)

    wb = load_workbook(dst)
    ws = wb[FORM.name]
    assert ws["C2"].fill.fgColor.rgb == RED
    assert ws["C2"].comment.text == "应为整数，实际为「abc」"
    assert ws["C2"].value == "abc"
    assert "应为以下之一：启用、暂停" in ws["H3"].comment.text
    assert ws["B3"].fill.fgColor.rgb == BAD_ROW_FILL.fgColor.rgb  # the row without a column
    assert ws["A2"].fill.fgColor.rgb != RED and ws["A2"].comment is None
    assert [c.value for c in ws[1]] == list(FORM.headers)
    assert error_list(dst)[1:] == [(p.sheet, p.row, p.column or None, p.reason) for p in problems]
    # Read again, the copy shows the same bad cells: 错误清单 never hides the data sheet.
    assert [(p.row, p.column) for p in refused(dst)] == [(2, "数量"), (3, "状态")]
