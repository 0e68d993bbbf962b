"""The annotated copy of a refused key–value form: bad value cells red with the reason, and
错误清单 listing every problem."""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment

from jdstock_desktop.errors import CellProblem
from jdstock_desktop.sheets.annotate import BAD_FILL, LIST_HEADERS, free_list_title
from jdstock_desktop.sheets.cells import (
    ERROR_LIST_SHEET,
    choose_data_sheet,
    display_width,
)
from jdstock_desktop.sheets.keyvalue import (
    KeyValueForm,
    label_key,
)
from jdstock_desktop.sheets.keyvalue_locate import locate
from jdstock_desktop.sheets.keyvalue_writer import BOLD
from jdstock_desktop.sheets.reader import zip_bomb
from jdstock_desktop.sheets.writer import (
    atomic_path,
)


def write_annotated_form_copy(
    src: str | Path, dst: str | Path, problems: Iterable[CellProblem], form: KeyValueForm
) -> None:
    """A copy of `src` with each bad value cell filled red and commented, plus 错误清单 listing
    every problem; the cells are found again by label, as the reader found them."""
    listed = list(problems)
    try:
        if zip_bomb(src) is not None:
            raise ValueError("not unpacked: a zip bomb")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = load_workbook(src)
    except Exception:  # not an xlsx at all, or not safe to unpack: the list alone
        wb = Workbook()
        wb.active.title = ERROR_LIST_SHEET
        target = wb.active
    else:
        _mark(wb, listed, form)
        target = wb.create_sheet(free_list_title(wb.sheetnames))
        for ws in wb.worksheets:
            ws.sheet_view.tabSelected = False
        wb.active = wb.worksheets.index(target)
        target.sheet_view.tabSelected = True
    target.append(LIST_HEADERS)
    for cell in target[1]:
        cell.font = BOLD
    for p in listed:
        target.append([p.sheet, p.row or None, p.column or None, p.reason])
    target.freeze_panes = "A2"
    for letter, width in zip("ABCD", (18, 8, 20, 80), strict=True):
        target.column_dimensions[letter].width = width
    with atomic_path(Path(dst)) as tmp:
        wb.save(tmp)


def _mark(wb: Workbook, problems: list[CellProblem], form: KeyValueForm) -> None:
    title = choose_data_sheet(
        [(ws.title, ws.sheet_state == "visible") for ws in wb.worksheets], form.stub
    )
    if title is None:
        return
    ws = wb[title]
    grid = [list(r) for r in ws.iter_rows(values_only=True)]
    places = locate(grid, form)
    columns: dict[str, int] = {}  # label -> 0-based column, for block cells
    for b in form.blocks:
        if b.key in places.blocks:
            for c in b.columns:
                columns[label_key(c.label)] = places.blocks[b.key].columns[c.key]
    value_cols = {
        label_key(f.label): places.fields[f.key][1] for f in form.fields if f.key in places.fields
    }
    reasons: dict[tuple[int, int], list[str]] = {}
    for p in problems:
        if p.row < 1:
            continue
        key = label_key(p.column)
        col = columns.get(key) if key in columns else value_cols.get(key)
        if col is None:
            col = places.label_col
        reasons.setdefault((p.row, col + 1), []).append(p.reason)
    for (row, col), why in reasons.items():
        cell = ws.cell(row, col)
        cell.fill = BAD_FILL
        text = "\n".join(dict.fromkeys(why))
        note = Comment(text, "jdstock")
        note.width, note.height = (
            260,
            min(40 + 18 * sum(display_width(w) // 30 + 1 for w in why), 400),
        )
        cell.comment = note
