"""An annotated copy of a refused file, for fixing by hand.

Each offending cell is filled red and carries a comment saying why; a worksheet 错误清单 lists
every problem (also those with no cell: a missing column, an unreadable file). openpyxl's normal
mode is used: this runs once per refused import, so convenience beats speed. The reader never
takes 错误清单 for the data sheet, so the fixed copy can be imported as it is.
"""

from __future__ import annotations

import warnings
import zipfile
from collections import defaultdict
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
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
    When `src` cannot be opened as an xlsx, `dst` holds the error list alone. A large file is
    copied row by row (values and marks, not its formatting) within a bounded memory."""
    if _worksheet_bytes(Path(src)) > STREAM_FROM_BYTES:
        _stream_copy(Path(src), Path(dst), problems, sheet)
        return
    wb = _load(Path(src))
    if wb is None:
        wb = Workbook()
        list_ws = wb.active
        list_ws.title = ERROR_LIST_SHEET
    else:
        _mark(wb, problems, sheet)
        list_ws = wb.create_sheet(free_list_title(wb.sheetnames))
        # Opened on the list; every other tab unselected, or Excel groups them.
        for ws in wb.worksheets:
            ws.sheet_view.tabSelected = False
        wb.active = wb.worksheets.index(list_ws)
        list_ws.sheet_view.tabSelected = True
    _fill_list(list_ws, problems)
    with atomic_path(Path(dst)) as tmp:
        wb.save(tmp)


# openpyxl's normal mode keeps every cell as an object: about 300 bytes a cell, 7.7 GB for a
# sheet of 1 million rows × 26 columns (50 MB on disk). Its worksheet XML takes some 40 bytes a
# cell, so beyond 20 MB of it (about 500,000 cells, 150 MB in normal mode) the copy streams:
# read-only in, write-only out, one row at a time.
STREAM_FROM_BYTES = 20 << 20
MAX_COMMENTS = 5_000  # the marks beyond keep their red fill; 错误清单 lists every problem


def _worksheet_bytes(src: Path) -> int:
    try:
        if not zipfile.is_zipfile(src):
            return 0
        with zipfile.ZipFile(src) as z:
            return sum(
                i.file_size for i in z.infolist() if i.filename.lower().startswith("xl/worksheets/")
            )
    except (zipfile.BadZipFile, OSError, ValueError):
        return 0


def _stream_copy(src: Path, dst: Path, problems: list[CellProblem], sheet: SheetDef) -> None:
    """The annotated copy of a large file: every worksheet's values row by row, the cells of
    `problems` filled and commented, then 错误清单."""
    out = Workbook(write_only=True)
    try:
        if zip_bomb(src) is not None:
            raise ValueError("not unpacked: a zip bomb")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            rb = load_workbook(src, read_only=True)
    except Exception:  # unreadable: the list alone, as for a small file
        rb = None
    if rb is not None:
        try:
            default = choose_data_sheet(
                [(ws.title, ws.sheet_state == "visible") for ws in rb.worksheets], sheet
            )
            for ws in rb.worksheets:
                _stream_sheet(ws, out.create_sheet(ws.title), problems, sheet, default)
        finally:
            rb.close()
    list_ws = out.create_sheet(free_list_title(out.sheetnames))
    list_ws.freeze_panes = "A2"
    for letter, width in zip("ABCD", (16, 8, 16, 80), strict=True):
        list_ws.column_dimensions[letter].width = width
    bold = []
    for text in LIST_HEADERS:
        cell = WriteOnlyCell(list_ws, text)
        cell.font = Font(bold=True)
        bold.append(cell)
    list_ws.append(bold)
    for p in problems:
        reason = WriteOnlyCell(list_ws, p.reason)
        reason.data_type = "s"
        list_ws.append([p.sheet, p.row or None, p.column or None, reason])
    with atomic_path(dst) as tmp:
        out.save(tmp)


def _stream_sheet(
    ws: Worksheet,
    target: Worksheet,
    problems: list[CellProblem],
    sheet: SheetDef,
    default: str | None,
) -> None:
    mine = [p for p in problems if (p.sheet if p.sheet == ws.title else default) == ws.title]
    marks: dict[int, dict[int | None, list[str]]] = defaultdict(lambda: defaultdict(list))
    if mine:
        columns = _Columns(ws, sheet)
        for p in mine:
            if p.row < 1:
                continue
            col = columns.index(p.column) if p.column else None
            marks[p.row][col].append(p.reason)
    comments = 0
    for number, row in enumerate(ws.iter_rows(values_only=True), start=1):
        here = marks.get(number)
        if not here:
            target.append(row)
            continue
        cells: list[object] = []
        width = max(len(row), *(c or 1 for c in here))
        values = [*row, *[None] * (width - len(row))]
        for c, value in enumerate(values, start=1):
            why = here.get(c) or (here.get(None) if c == 1 else None)
            if why is None and None not in here:
                cells.append(value)
                continue
            cell = WriteOnlyCell(target, value)
            cell.fill = BAD_FILL if c in here else BAD_ROW_FILL
            if why and comments < MAX_COMMENTS:
                text = "\n".join(dict.fromkeys(why))
                cell.comment = Comment(text, AUTHOR, width=260, height=min(40 + 18 * len(why), 400))
                comments += 1
            cells.append(cell)
        target.append(cells)


def free_list_title(names: list[str]) -> str:
    """错误清单, or 错误清单2… when the workbook has one already."""
    title, n = ERROR_LIST_SHEET, 1
    while title in names:
        n += 1
        title = f"{ERROR_LIST_SHEET}{n}"
    return title


def _load(src: Path) -> Workbook | None:
    if zip_bomb(src) is not None:
        return None  # openpyxl would unpack it all
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # 'extension not supported' and the like
            return load_workbook(src)
    except Exception:  # any failure means: no copy to annotate, the list alone is written
        return None


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
