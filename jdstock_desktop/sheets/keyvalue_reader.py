"""Reading a key–value form back: every field found by its label, converted with the table
sheets' converters, bad cells reported with row, column and reason."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from jdstock_desktop.errors import CellProblem, SheetErrors
from jdstock_desktop.sheets.cells import (
    CellError,
    choose_data_sheet,
    converter,
    names_sheet,
    text_of,
)
from jdstock_desktop.sheets.definition import META_SHEET
from jdstock_desktop.sheets.keyvalue import (
    Field,
    FormData,
    Item,
    KeyValueForm,
)
from jdstock_desktop.sheets.keyvalue_locate import (
    locate,
)
from jdstock_desktop.sheets.reader import open_workbook, read_grid


@dataclass
class FormRead:
    """A read form: its values, what was found, and every bad cell."""

    data: FormData
    title: str  # the worksheet read
    found: set[str] = field(default_factory=set)  # Field and Block keys present in the file
    rows: dict[str, int] = field(default_factory=dict)  # Field key -> Excel row of its value
    problems: list[CellProblem] = field(default_factory=list)
    empty: bool = False  # no editable value and no block row at all (an unfilled template)
    # The problems that are only a required field left empty or removed: a caller may let them
    # pass when the file changes nothing (a book's incomplete profile must round-trip).
    unfilled: list[CellProblem] = field(default_factory=list)


def read_form(path: str | Path, form: KeyValueForm) -> FormRead:
    """check_form, raising SheetErrors when any cell is bad."""
    read = check_form(path, form)
    if read.problems:
        raise SheetErrors(read.problems, file=str(path))
    return read


def check_form(path: str | Path, form: KeyValueForm) -> FormRead:
    """Read `form` from the workbook at `path`: every field by its label, every block's rows.
    Bad cells are returned as problems (row = Excel row, column = the field's label or the
    block column's header); file-level problems raise SheetErrors."""
    file = str(path)
    title, grid = _load_grid(Path(path), form, file)
    places = locate(grid, form)
    read = FormRead(FormData(), title)

    def problem(row: int, column: str, reason: str) -> None:
        read.problems.append(CellProblem(title, row, column, reason, file))

    bad: set[str] = set()  # fields already reported: not 'empty' on top

    for f in form.fields:
        if f.key not in places.fields:
            continue
        read.found.add(f.key)
        r, c = places.fields[f.key]
        read.rows[f.key] = r + 1
        if f.key in places.duplicates:
            rows = "、".join(str(x + 1) for x in places.duplicates[f.key])
            problem(r + 1, f.label, f"「{f.label}」出现了多次（第 {rows} 行）")
            bad.add(f.key)
            continue
        raw = grid[r][c] if c < len(grid[r]) else None
        before = len(read.problems)
        read.data.fields[f.key] = _convert(f, raw, r + 1, problem, required=False)
        if len(read.problems) > before:
            bad.add(f.key)
    for b in form.blocks:
        place = places.blocks.get(b.key)
        if place is None:
            continue
        read.found.add(b.key)
        items: list[Item] = []
        for r in place.rows:
            raw = grid[r]
            cells = {k: (raw[i] if i < len(raw) else None) for k, i in place.columns.items()}
            if not any(text_of(v) for v in cells.values()):
                continue
            items.append({c.key: _convert(c, cells[c.key], r + 1, problem) for c in b.columns})
        read.data.blocks[b.key] = items
    editable = read.data.editable(form)
    read.empty = not any(v is not None for v in editable.fields.values()) and not any(
        editable.blocks.values()
    )
    if not read.empty:
        for f in form.fields:
            if f.readonly or not f.required:
                continue
            if f.key not in places.fields:
                why = f"缺少「{f.label}」这一项（按标签查找，标签可移动但不能删除）"
                read.unfilled.append(CellProblem(title, 0, f.label, why, file))
            elif read.data.fields.get(f.key) is None and f.key not in bad:
                row = places.fields[f.key][0] + 1
                read.unfilled.append(CellProblem(title, row, f.label, "必填，不能为空", file))
    read.problems += read.unfilled
    read.problems.sort(key=lambda p: p.row)
    return read


def _convert(
    f: Field,
    raw: object,
    row: int,
    problem: Callable[[int, str, str], None],
    *,
    required: bool | None = None,
) -> object:
    """One cell through the field's converter and its check; None (and a problem) when bad.
    Required is checked by the caller for fields (an unfilled template is no error)."""
    conv = converter(f.column if required is None else replace(f.column, required=required))
    try:
        value = conv(raw)
    except CellError as exc:
        problem(row, f.label, str(exc))
        return None
    if f.check is not None and isinstance(value, str) and (why := f.check(value)) is not None:
        problem(row, f.label, why)
        return None
    return value


def _file_error(form: KeyValueForm, file: str, reason: str) -> SheetErrors:
    return SheetErrors([CellProblem(form.name, 0, "", reason, file)], file=file)


def _load_grid(path: Path, form: KeyValueForm, file: str) -> tuple[str, list[list[object]]]:
    wb = open_workbook(path, form.name)  # missing, empty, broken, bomb, far cell: refused
    with wb:
        sheets = [
            (m.name, m.visible == SheetVisibleEnum.Visible)
            for m in wb.sheets_metadata
            if m.typ == SheetTypeEnum.WorkSheet
        ]
        title = choose_data_sheet(sheets, form.stub)
        if title is None:
            raise _file_error(form, file, f"文件中没有可读的工作表（应为「{form.name}」）")
        other = _meta_form(wb)
        if other is not None and other[0] != form.form_id and not names_sheet(title, form.stub):
            raise _file_error(form, file, f"这是「{other[1]}」表格，不是「{form.name}」")
        grid = read_grid(wb, path, title, form.name)
    return title, grid


def _meta_form(wb: CalamineWorkbook) -> tuple[str, str] | None:
    """(form_id, name) from the hidden meta sheet, None when absent or unreadable."""
    if META_SHEET not in wb.sheet_names:
        return None
    try:
        rows = wb.get_sheet_by_name(META_SHEET).to_python(skip_empty_area=False, nrows=20)
    except CalamineError:
        return None
    meta = {text_of(r[0]): text_of(r[1]) for r in rows if len(r) >= 2}
    form_id = meta.get("form_id")
    return (form_id, meta.get("name") or form_id) if form_id else None
