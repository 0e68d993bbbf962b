"""Writing a key–value form: title, merged section rows, label / value / help columns, dropdowns,
a frozen top and the hidden meta sheet (sheets.keyvalue declares the form)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from jdstock_desktop.sheets.cells import (
    column_letter,
    display_width,
    show,
    text_of,
)
from jdstock_desktop.sheets.definition import META_SHEET
from jdstock_desktop.sheets.keyvalue import (
    Block,
    Field,
    FormData,
    KeyValueForm,
    Section,
    T,
)
from jdstock_desktop.sheets.writer import (
    BIG_INT,
    BOOL_TEXT,
    DEFAULT_FORMATS,
    EXCEL_FIRST_DATE,
    EXCEL_FIRST_DAY,
    FORMULA_START,
    atomic_path,
    xml_safe,
)

LABEL_COL, VALUE_COL, HELP_COL = 1, 2, 3
WIDTHS = {"A": 26.0, "B": 48.0, "C": 46.0}
COLUMN_TITLES = ("项目", "内容", "填写说明")
FIRST_ROW = 4  # rows 1-3: title, note, column titles (frozen)

_THIN = Side(style="thin", color="A6A6A6")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
FONT = "Calibri"  # the workbook default: without a name, some viewers fall back to a serif
TITLE_FONT = Font(name=FONT, bold=True, size=16)
SECTION_FILL = PatternFill("solid", fgColor="BDD7EE")
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
INPUT_FILL = PatternFill("solid", fgColor="FFFDE7")  # where the clerk types
READONLY_FILL = PatternFill("solid", fgColor="EDEDED")  # from the book: not imported
REQUIRED_FONT = Font(name=FONT, bold=True, color="C00000")
BOLD = Font(name=FONT, bold=True)
HELP_FONT = Font(name=FONT, color="595959", size=9)
WRAP = Alignment(wrap_text=True, vertical="center")
VALUE = Alignment(horizontal="left", vertical="center", wrap_text=True)  # dates and numbers too
TOP_VALUE = Alignment(horizontal="left", vertical="top", wrap_text=True)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LINE_HEIGHT = 15.0  # points per text line


def write_form(path: str | Path, form: KeyValueForm, data: FormData) -> None:
    """Write `form` filled with `data` to `path` (atomically: the file appears once complete)."""
    wb = Workbook()
    ws = wb.active
    ws.title = form.name
    _Layout(ws, form, data).write()
    _meta(wb, form)
    with atomic_path(Path(path)) as tmp:
        wb.save(tmp)


def _put(cell: Cell, f: Field, value: object) -> None:
    """What the reader gives back unchanged: text stays text (never a formula or an error
    value), numbers Excel cannot hold exactly and dates before its calendar become text."""
    if value is None:
        return
    if isinstance(value, bool):
        value = BOOL_TEXT[0] if value else BOOL_TEXT[1]
    elif (isinstance(value, int) and not -BIG_INT < value < BIG_INT) or (
        isinstance(value, Decimal) and not _fits_excel(value)
    ):
        value = str(value)
    elif isinstance(value, dt.datetime):
        value = value if value >= EXCEL_FIRST_DAY else text_of(value)
    elif isinstance(value, dt.date):
        value = value if value >= EXCEL_FIRST_DATE else value.isoformat()
    if isinstance(value, str):
        value = xml_safe(value)
        cell.value = value
        if value[:1] in FORMULA_START or value in ERROR_CODES:
            cell.data_type = "s"  # openpyxl took it for a formula or an error code
            cell.quotePrefix = True  # and Excel keeps it text when the clerk edits the cell
        return
    cell.value = value
    fmt = f.number_format or DEFAULT_FORMATS.get(f.type)
    if fmt is not None and isinstance(value, Decimal | float | int | dt.date):
        cell.number_format = fmt


def _fits_excel(d: Decimal) -> bool:
    return d.is_finite() and len(d.as_tuple().digits) <= 15 and -300 < d.adjusted() < 300


def _validation(f: Field) -> DataValidation | None:
    """Dropdown, bounds or length check for one value cell, with the help as input message."""
    dv: DataValidation | None = None
    if f.type in (T.CHOICE, T.BOOL):
        choices = f.choices if f.type is T.CHOICE else BOOL_TEXT
        dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"')
        dv.error = f"请从下拉列表中选择：{'、'.join(choices)}"[:255]
    elif f.type in (T.INT, T.DECIMAL) and (f.min_value, f.max_value) != (None, None):
        kind = "whole" if f.type is T.INT else "decimal"
        lo = show(f.min_value if f.min_value is not None else -1e15)
        hi = show(f.max_value if f.max_value is not None else 1e15)
        dv = DataValidation(kind, operator="between", formula1=lo, formula2=hi)
        dv.error = f"应为 {lo} 到 {hi} 之间的{'整数' if kind == 'whole' else '数字'}"
    elif f.type is T.TEXT and f.max_length:
        dv = DataValidation("textLength", operator="lessThanOrEqual", formula1=str(f.max_length))
        dv.error = f"长度不能超过 {f.max_length} 个字符"
    elif f.help:
        dv = DataValidation()  # any value: carries the input message only
    if dv is None:
        return None
    dv.allow_blank = True
    if dv.type is not None:
        dv.showErrorMessage = True
        dv.errorTitle = f.label[:32]
    if f.help:
        dv.showInputMessage = True
        dv.promptTitle = f.label[:32]
        dv.prompt = f.help[:255]
    return dv


def _lines(text: str, width: float) -> int:
    """Printed lines of `text` wrapped in a column `width` characters wide."""
    return sum(
        max(1, -(-display_width(part) // max(int(width) - 1, 1))) for part in text.split("\n")
    )


class _Layout:
    """The worksheet, row by row: title, note, column titles, then each section."""

    def __init__(self, ws: Worksheet, form: KeyValueForm, data: FormData) -> None:
        self.ws = ws
        self.form = form
        self.data = data
        self.row = FIRST_ROW
        self.validations: dict[int, DataValidation] = {}  # by id of the Field

    def write(self) -> None:
        ws = self.ws
        for letter, width in WIDTHS.items():
            ws.column_dimensions[letter].width = width
        self._banner(1, self.form.name, TITLE_FONT, height=30)
        if self.form.note:
            self._banner(2, self.form.note, HELP_FONT, height=LINE_HEIGHT * 2)
        for col, title in enumerate(COLUMN_TITLES, 1):
            cell = ws.cell(3, col, title)
            cell.font, cell.fill, cell.alignment, cell.border = BOLD, HEADER_FILL, CENTER, BORDER
        ws.freeze_panes = f"A{FIRST_ROW}"
        for number, section in enumerate(self.form.sections, 1):
            self._section(number, section)
        for dv in self.validations.values():
            ws.add_data_validation(dv)
        self._print_setup()

    def _banner(self, row: int, text: str, font: Font, *, height: float) -> None:
        cell = self.ws.cell(row, 1, text)
        cell.font, cell.alignment = font, CENTER if row == 1 else WRAP
        self.ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
        self.ws.row_dimensions[row].height = height

    def _section(self, number: int, section: Section) -> None:
        ws = self.ws
        cell = ws.cell(self.row, 1, f"{_CHINESE_NUMBERS[number]}、{section.title}")
        cell.font, cell.fill = BOLD, SECTION_FILL
        for col in (1, 2, 3):
            ws.cell(self.row, col).fill = SECTION_FILL
            ws.cell(self.row, col).border = BORDER
        ws.merge_cells(start_row=self.row, start_column=1, end_row=self.row, end_column=3)
        ws.row_dimensions[self.row].height = 22
        self.row += 1
        for item in section.items:
            if isinstance(item, Field):
                self._field(item)
            else:
                self._block(item)

    def _field(self, f: Field) -> None:
        ws, r = self.ws, self.row
        label = ws.cell(r, LABEL_COL, f"*{f.label}" if f.required else f.label)
        label.font = REQUIRED_FONT if f.required else BOLD
        label.alignment, label.border = WRAP, BORDER
        value = ws.cell(r, VALUE_COL)
        _put(value, f, self.data.fields.get(f.key))
        value.alignment, value.border = TOP_VALUE if f.lines > 1 else VALUE, BORDER
        value.fill = READONLY_FILL if f.readonly else INPUT_FILL
        note = ws.cell(r, HELP_COL, f.help or None)
        note.font, note.alignment, note.border = HELP_FONT, WRAP, BORDER
        shown = text_of(value.value) if isinstance(value.value, str) else ""
        lines = max(
            f.lines,
            _lines(shown, WIDTHS["B"]),
            _lines(f.help, WIDTHS["C"] * 1.15),  # the help is set in a smaller font
            _lines(label.value or "", WIDTHS["A"]),
        )
        if lines > 1:
            ws.row_dimensions[r].height = min(LINE_HEIGHT * lines + 3, 409)
        if not f.readonly:
            dv = self._dv(f)
            if dv is not None:
                dv.add(value.coordinate)
        self.row += 1

    def _dv(self, f: Field) -> DataValidation | None:
        # One validation per field declaration: a block column covers all its rows at once.
        if id(f) not in self.validations:
            dv = _validation(f)
            if dv is None:
                return None
            self.validations[id(f)] = dv
        return self.validations[id(f)]

    def _block(self, b: Block) -> None:
        ws = self.ws
        title = ws.cell(self.row, 1, b.title)
        title.font = BOLD
        hint = ws.cell(self.row, 2, b.help or None)
        hint.font, hint.alignment = HELP_FONT, WRAP
        ws.merge_cells(start_row=self.row, start_column=2, end_row=self.row, end_column=3)
        if b.help and _lines(b.help, WIDTHS["B"] + WIDTHS["C"]) > 1:
            ws.row_dimensions[self.row].height = LINE_HEIGHT * 2 + 3
        self.row += 1
        for col, f in enumerate(b.columns, 1):
            cell = ws.cell(self.row, col, f"*{f.label}" if f.required else f.label)
            cell.font = REQUIRED_FONT if f.required else BOLD
            cell.fill, cell.alignment, cell.border = HEADER_FILL, CENTER, BORDER
        self.row += 1
        rows = self.data.blocks.get(b.key, [])
        spare = 0 if b.readonly else b.spare_rows
        for i in range(len(rows) + spare):
            item = rows[i] if i < len(rows) else {}
            height = 1
            for col, f in enumerate(b.columns, 1):
                cell = ws.cell(self.row, col)
                _put(cell, f, item.get(f.key))
                cell.alignment, cell.border = VALUE, BORDER
                cell.fill = READONLY_FILL if b.readonly else INPUT_FILL
                if isinstance(cell.value, str):
                    height = max(height, _lines(cell.value, WIDTHS[column_letter(col - 1)]))
                if not b.readonly and (dv := self._dv(f)) is not None:
                    dv.add(cell.coordinate)
            if height > 1:
                ws.row_dimensions[self.row].height = min(LINE_HEIGHT * height + 3, 409)
            self.row += 1

    def _print_setup(self) -> None:
        ws = self.ws
        ws.print_title_rows = "1:3"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "portrait"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.4
        ws.page_margins.top = ws.page_margins.bottom = 0.5


_CHINESE_NUMBERS = "〇一二三四五六七八九十"


def _meta(wb: Workbook, form: KeyValueForm) -> None:
    """The same hidden sheet as table forms: detect_form and the reader recognise it."""
    ws = wb.create_sheet(META_SHEET)
    ws.sheet_state = "hidden"
    for key, value in (("form_id", form.form_id), ("name", form.name), ("version", form.version)):
        ws.append([key, value])
