"""An annotated copy of a refused file, for fixing by hand.

Each offending cell is filled red and carries a comment saying why; a worksheet 错误清单 lists
every problem (also those with no cell: a missing column, an unreadable file). openpyxl's normal
mode is used: this runs once per refused import, so convenience beats speed. The reader never
takes 错误清单 for the data sheet, so the fixed copy can be imported as it is.
"""

from __future__ import annotations

import warnings
from collections import defaultdict
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from jdstock_desktop.errors import CellProblem
from jdstock_desktop.sheets.cells import (
    ERROR_LIST_SHEET,
    HEADER_SCAN_ROWS,
    choose_data_sheet,
    display_width,
    find_header,
    header_keys,
)
from jdstock_desktop.sheets.definition import SheetDef
from jdstock_desktop.sheets.reader import zip_bomb
from jdstock_desktop.sheets.writer import atomic_path

BAD_FILL = PatternFill("solid", fgColor="FFC7CE")  # Excel's own 'bad' red
BAD_ROW_FILL = PatternFill("solid", fgColor="FFE4E8")  # a whole row (problem without a column)
AUTHOR = "jdstock"
LIST_HEADERS = ("工作表", "行", "列", "原因")


def write_annotated_copy(
    src: str | Path, dst: str | Path, problems: list[CellProblem], sheet: SheetDef
) -> None:
    """Write to `dst` a copy of `src` with the cells of `problems` marked, plus 错误清单.
    When `src` cannot be opened as an xlsx, `dst` holds the error list alone."""
    wb = _load(Path(src))
    if wb is None:
        wb = Workbook()
        list_ws = wb.active
        list_ws.title = ERROR_LIST_SHEET
    else:
        _mark(wb, problems, sheet)
        list_ws = wb.create_sheet(_free_title(wb))
        # Opened on the list; every other tab unselected, or Excel groups them.
        for ws in wb.worksheets:
            ws.sheet_view.tabSelected = False
        wb.active = wb.worksheets.index(list_ws)
        list_ws.sheet_view.tabSelected = True
    _fill_list(list_ws, problems)
    with atomic_path(Path(dst)) as tmp:
        wb.save(tmp)


def _load(src: Path) -> Workbook | None:
    if zip_bomb(src) is not None:
        return None  # openpyxl would unpack it all
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # 'extension not supported' and the like
            return load_workbook(src)
    except Exception:  # any failure means: no copy to annotate, the list alone is written
        return None


def _free_title(wb: Workbook) -> str:
    title, n = ERROR_LIST_SHEET, 1
    while title in wb.sheetnames:
        n += 1
        title = f"{ERROR_LIST_SHEET}{n}"
    return title


def _mark(wb: Workbook, problems: list[CellProblem], sheet: SheetDef) -> None:
    default = choose_data_sheet(
        [(ws.title, ws.sheet_state == "visible") for ws in wb.worksheets], sheet
    )
    reasons: dict[tuple[str, int, int | None], list[str]] = defaultdict(list)
    columns: dict[str, _Columns] = {}
    for p in problems:
        title = p.sheet if p.sheet in wb.sheetnames else default
        if title is None or p.row < 1:
            continue  # a file-level problem: only in the list
        if not p.column:
            reasons[(title, p.row, None)].append(p.reason)
            continue
        if title not in columns:
            columns[title] = _Columns(wb[title], sheet)
        col = columns[title].index(p.column)
        if col is not None:
            reasons[(title, p.row, col)].append(p.reason)
    for (title, row, col), why in reasons.items():
        ws = wb[title]
        if col is None:
            width = max(ws.max_column, 1)
            for c in range(1, width + 1):
                ws.cell(row, c).fill = BAD_ROW_FILL
            _comment(ws, row, 1, why)
        else:
            ws.cell(row, col).fill = BAD_FILL
            _comment(ws, row, col, why)


class _Columns:
    """Where each header sits in one worksheet, found the way the reader finds it."""

    def __init__(self, ws: Worksheet, sheet: SheetDef) -> None:
        rows = [list(r) for r in ws.iter_rows(max_row=HEADER_SCAN_ROWS * 3, values_only=True)]
        found = find_header(rows, sheet)
        self.by_header: dict[str, int] = {}
        self.by_key: dict[str, int] = {}  # header_keys base -> 1-based column
        if found is None:
            return
        index, match = found
        for col in sheet.columns:
            if col.key in match.positions:
                self.by_header[col.header] = match.positions[col.key] + 1
        for i, value in enumerate(rows[index]):
            if value is not None:
                self.by_key.setdefault(header_keys(value)[1], i + 1)

    def index(self, header: str) -> int | None:
        """1-based column of `header` (a Column.header, or any text found in the header row)."""
        found = self.by_header.get(header)
        return found if found is not None else self.by_key.get(header_keys(header)[1])


def _comment(ws: Worksheet, row: int, col: int, reasons: list[str]) -> None:
    text = "\n".join(dict.fromkeys(reasons))  # the same reason once
    note = Comment(text, AUTHOR)
    lines = sum(display_width(r) // 30 + 1 for r in reasons)
    note.width, note.height = 260, min(40 + 18 * lines, 400)
    ws.cell(row, col).comment = note


def _fill_list(ws: Worksheet, problems: list[CellProblem]) -> None:
    ws.append(LIST_HEADERS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for p in problems:
        ws.append([p.sheet, p.row or None, p.column or None, p.reason])
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # a quoted value is text, never a formula
    ws.freeze_panes = "A2"
    for letter, width in zip("ABCD", (16, 8, 16, 80), strict=True):
        ws.column_dimensions[letter].width = width
