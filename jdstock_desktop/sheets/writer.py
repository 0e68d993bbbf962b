"""The one writer every exported spreadsheet goes through.

openpyxl's write-only mode streams rows to disk, so a 500,000-row export costs little more than
the XML it produces. Everything that must precede the rows in the file (widths, frozen header)
is set before the first append; validations and the hidden meta sheet go at the end. What the
writer puts in a cell, the reader gives back unchanged: text stays text (never a formula), numbers
Excel cannot hold exactly are written as text, booleans as 是/否.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
import types
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from decimal import Decimal
from functools import partial
from itertools import chain, islice
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.datavalidation import DataValidation

from jdstock_desktop.errors import BadInput
from jdstock_desktop.sheets.cells import column_letter, display_width, text_of
from jdstock_desktop.sheets.definition import META_SHEET, Column, ColumnType, SheetDef

T = ColumnType

XLSX_MAX_ROWS = 1_048_575  # data rows below the header row
EXCEL_DIGITS = 15  # significant digits Excel keeps in a number
BIG_INT = 10**EXCEL_DIGITS  # ints at least this large are written as text to keep every digit
EXCEL_FIRST_DAY = dt.datetime(1900, 3, 1)  # before it Excel's 1900 leap-year bug shifts dates
EXCEL_FIRST_DATE = EXCEL_FIRST_DAY.date()
WIDTH_SAMPLE = 200  # rows looked at to size columns (write-only: widths precede the rows)
MIN_WIDTH, MAX_WIDTH = 6.0, 60.0
MAX_TEXT = 32_767  # characters in one Excel cell
FORMULA_START = "=+-@"  # what Excel would read as a formula when a clerk retypes the cell
RISKY_START = FORMULA_START + "#"  # '#N/A' and friends would become error cells

DEFAULT_FORMATS = {
    T.DECIMAL: "0.00########",  # money shows 12.30; rates keep their digits
    T.DATE: "yyyy-mm-dd",
    T.DATETIME: "yyyy-mm-dd hh:mm:ss",
}
TYPE_WIDTH = {T.INT: 8.0, T.DECIMAL: 10.0, T.DATE: 12.0, T.DATETIME: 20.0}
BOOL_TEXT = ("是", "否")

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
HEADER_FONT = Font(bold=True)
REQUIRED_FONT = Font(bold=True, color="C00000")  # required columns: red header text
HEADER_ALIGN = Alignment(horizontal="center", vertical="center")

CellValue = object
Encoder = Callable[[object], CellValue]
Lists = dict[int, tuple[str, tuple[str, ...]]]  # column index -> (header, choices) kept in META


def write_sheet(
    path: str | Path,
    sheet: SheetDef,
    rows: Iterable[Mapping[str, object]],
    *,
    extra_sheets: Iterable[tuple[str, Iterable[Sequence[object]]]] = (),
    lists: Mapping[str, Sequence[str]] | None = None,
) -> int:
    """Write `sheet` with `rows` (keyed by Column.key; a missing key is an empty cell) to `path`
    and return the number of data rows. `extra_sheets` are (title, rows) written as plain visible
    worksheets after the data sheet. `lists` (Column.key -> values) adds dropdowns that only come
    from the book (categories, warehouses): they suggest, and warn on other values without
    refusing them, since the importer is the judge. The file appears at `path` only once
    complete."""
    target = Path(path)
    source = iter(rows)
    sample = list(islice(source, WIDTH_SAMPLE))
    with atomic_path(target) as tmp:
        wb = Workbook(write_only=True)
        try:
            count, meta_lists = _write_data(wb, sheet, sample, source, lists or {})
            for title, extra_rows in extra_sheets:
                _plain_sheet(wb, sheet, title, extra_rows)
            _meta_sheet(wb, sheet, meta_lists)
            wb.save(tmp)
        except BaseException:
            _discard(wb)
            raise
    return count


def _write_data(
    wb: Workbook,
    sheet: SheetDef,
    sample: list[Mapping[str, object]],
    source: Iterator[Mapping[str, object]],
    offered: Mapping[str, Sequence[str]],
) -> tuple[int, Lists]:
    """The data worksheet; returns the row count and the dropdown lists META must hold."""
    ws = wb.create_sheet(sheet.name)
    _stream_cells_directly(ws)
    lists = _prepare(ws, sheet, sample, offered)
    ws.append(_header(ws, sheet))
    plan = [(c.key, _encoder(ws, c)) for c in sheet.columns]
    count = 0
    for row in chain(sample, source):
        count += 1
        if count > XLSX_MAX_ROWS:
            raise BadInput(
                f"「{sheet.name}」超过 Excel 单表上限 {XLSX_MAX_ROWS} 行，无法导出到一个工作表"
            )
        get = row.get
        ws.append([enc(get(key)) for key, enc in plan])
    return count, lists


def _discard(wb: Workbook) -> None:
    """Close the half-written streams of an abandoned workbook and drop their temp files, in
    that order (rows first), so nothing complains later at garbage collection."""
    for ws in wb.worksheets:
        rows, stream = getattr(ws, "_rows", None), getattr(ws, "_writer", None)
        with suppress(Exception):
            if rows is not None:
                rows.close()
        with suppress(Exception):
            if stream is not None:
                stream.close()
                stream.cleanup()


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path next to `target`, moved over it only if the block completes: a crash
    or a refusal midway never leaves half a file (or destroys the previous one)."""
    if not target.parent.is_dir():
        raise BadInput(f"无法写入「{target}」：目录不存在")
    fd, name = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.stem}.", suffix=f".tmp{target.suffix}"
    )
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        try:
            os.replace(tmp, target)
        except PermissionError as exc:
            raise BadInput(
                f"无法写入「{target}」：文件可能正在 Excel/WPS 中打开，请关闭后重试"
            ) from exc
    finally:
        with suppress(FileNotFoundError):
            tmp.unlink()


# What openpyxl's value binding would find for the plain values our encoders hand over.
_PLAIN_KIND = {str: "s", int: "n", float: "n", Decimal: "n"}


def _stream_cells_directly(ws: WriteOnlyWorksheet) -> None:
    """Let this worksheet take what we append without detours.

    openpyxl's write-only append binds every value anew (type lookup, string checks) and takes
    a Cell only after failing to bind it as a value (a ValueError carrying the cell's repr):
    about a fifth of the write time when every row holds formatted money or dates. The
    replacement of its private per-row hook (values, row_idx) -> cells sets plain values
    directly — our encoders have already done openpyxl's string checks (formula, error code,
    characters XML cannot hold, length) — and passes Cells through. It is installed on this
    instance only, and only if the hook still has that shape; otherwise openpyxl's own
    (slower, equally correct) path is used.
    """
    hook = getattr(WriteOnlyWorksheet, "_values_to_row", None)
    code = getattr(hook, "__code__", None)
    if code is None or code.co_varnames[:3] != ("self", "values", "row_idx"):
        return

    def values_to_row(self: WriteOnlyWorksheet, values: Iterable[object], row_idx: int) -> Iterator:
        cell = WriteOnlyCell(self)
        for col_idx, value in enumerate(values, 1):
            if value is None:
                continue
            kind = _PLAIN_KIND.get(type(value))
            if kind is not None:
                cell._value, cell.data_type = value, kind
            elif isinstance(value, Cell):
                value.column, value.row = col_idx, row_idx
                yield value
                continue
            else:
                cell.value = value  # dates, bools: openpyxl's own binding
            cell.column, cell.row = col_idx, row_idx
            yield cell
            if cell.has_style:  # a date got its default format: the next value needs a fresh cell
                cell = WriteOnlyCell(self)

    # An instance attribute shadows the method for this worksheet only.
    setattr(ws, "_values_to_row", types.MethodType(values_to_row, ws))  # noqa: B010


# --- before the rows -----------------------------------------------------------------------------


def _prepare(
    ws: WriteOnlyWorksheet,
    sheet: SheetDef,
    sample: list[Mapping[str, object]],
    offered: Mapping[str, Sequence[str]],
) -> Lists:
    """Widths, frozen header and validations; returns the dropdown lists that must live in the
    meta sheet (too long for an inline list)."""
    ws.freeze_panes = "A2"
    lists: Lists = {}
    for i, col in enumerate(sheet.columns):
        letter = column_letter(i)
        ws.column_dimensions[letter].width = _width(col, sample)
        values = tuple(offered.get(col.key, ()))
        if values:
            dv = _offered_list(col, letter, values, lists, i)
        else:
            dv = _validation(col, letter, lists, i)
        if dv is not None:
            ws.data_validations.append(dv)
    return lists


def _width(col: Column, sample: list[Mapping[str, object]]) -> float:
    if col.width is not None:
        return col.width
    width = display_width(col.header) + 3.0  # room for the dropdown arrow and bold text
    width = max(width, TYPE_WIDTH.get(col.type, 0.0))
    width = max([width, *(display_width(c) + 3.0 for c in col.choices)])
    for row in sample:
        value = row.get(col.key)
        if value is not None and not isinstance(value, dt.date):
            shown = BOOL_TEXT[0] if isinstance(value, bool) else text_of(value)
            width = max(width, display_width(shown.split("\n", 1)[0]) + 2.0)
    return min(max(width, MIN_WIDTH), MAX_WIDTH)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _list_formula(choices: tuple[str, ...], header: str, lists: Lists, index: int) -> str:
    inline = ",".join(choices)
    if len(inline) <= 250 and not any("," in c or '"' in c for c in choices):
        return f'"{inline}"'
    # Too long (Excel caps an inline list at 255 chars) or a comma inside: a range of META.
    letter = column_letter(3 + len(lists))  # D onwards: A, B hold the pairs
    lists[index] = (header, choices)
    return f"'{META_SHEET}'!${letter}$2:${letter}${len(choices) + 1}"


def _validation(col: Column, letter: str, lists: Lists, index: int) -> DataValidation | None:
    dv: DataValidation | None = None
    if col.type in (T.CHOICE, T.BOOL):
        choices = col.choices if col.type is T.CHOICE else BOOL_TEXT
        dv = DataValidation(type="list", formula1=_list_formula(choices, col.header, lists, index))
        dv.error = f"请从下拉列表中选择：{'、'.join(choices)}"[:255]
    elif col.type in (T.INT, T.DECIMAL) and (col.min_value, col.max_value) != (None, None):
        dv = _bounds_validation(col)
    elif col.type is T.TEXT and col.max_length:
        dv = DataValidation("textLength", operator="lessThanOrEqual", formula1=str(col.max_length))
        dv.error = f"长度不能超过 {col.max_length} 个字符"
    elif col.help:
        dv = DataValidation()  # any value: only carries the input message below
    if dv is None:
        return None
    dv.allow_blank = True
    if dv.type is not None:
        dv.showErrorMessage = True
        dv.errorTitle = col.header[:32]
    if col.help:
        dv.showInputMessage = True
        dv.promptTitle = col.header[:32]
        dv.prompt = col.help[:255]
    dv.add(f"{letter}2:{letter}{XLSX_MAX_ROWS + 1}")
    return dv


def _offered_list(
    col: Column, letter: str, values: tuple[str, ...], lists: Lists, index: int
) -> DataValidation:
    """A dropdown of book values that warns on others but lets the clerk keep them."""
    dv = DataValidation(type="list", formula1=_list_formula(values, col.header, lists, index))
    dv.allow_blank = True
    dv.showErrorMessage = True
    dv.errorStyle = "warning"
    dv.errorTitle = col.header[:32]
    dv.error = "不在下拉列表中；确认无误可继续使用"
    if col.help:
        dv.showInputMessage = True
        dv.promptTitle = col.header[:32]
        dv.prompt = col.help[:255]
    dv.add(f"{letter}2:{letter}{XLSX_MAX_ROWS + 1}")
    return dv


def _bounds_validation(col: Column) -> DataValidation:
    kind, name = ("whole", "整数") if col.type is T.INT else ("decimal", "数字")
    lo = None if col.min_value is None else _number(col.min_value)
    hi = None if col.max_value is None else _number(col.max_value)
    if lo is not None and hi is not None:
        dv = DataValidation(kind, operator="between", formula1=lo, formula2=hi)
        dv.error = f"应为 {lo} 到 {hi} 之间的{name}"
    elif lo is not None:
        dv = DataValidation(kind, operator="greaterThanOrEqual", formula1=lo)
        dv.error = f"应为不小于 {lo} 的{name}"
    else:
        dv = DataValidation(kind, operator="lessThanOrEqual", formula1=hi)
        dv.error = f"应为不大于 {hi} 的{name}"
    return dv


def _header(ws: WriteOnlyWorksheet, sheet: SheetDef) -> list[WriteOnlyCell]:
    cells = []
    for col in sheet.columns:
        cell = WriteOnlyCell(ws, col.header)
        cell.data_type = "s"  # the exact header text, whatever it looks like
        cell.font = REQUIRED_FONT if col.required else HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = HEADER_ALIGN
        if col.help:
            note = Comment(col.help, "jdstock")
            note.width, note.height = 240, 20 + 20 * (display_width(col.help) // 36 + 1)
            cell.comment = note
        cells.append(cell)
    return cells


# --- the cells -----------------------------------------------------------------------------------


# OOXML strings carry characters XML cannot hold as _xHHHH_ escapes, and Excel and calamine
# decode any such sequence on reading; text that merely looks like one is escaped in turn.
_LOOKS_ESCAPED = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\r]")  # a bare CR would read back as LF
_NONCHARACTERS = {0xFFFE: None, 0xFFFF: None}  # not text at all: dropped


def xml_safe(s: str) -> str:
    """`s` escaped so that Excel (and calamine) read back exactly `s`."""
    s = _LOOKS_ESCAPED.sub("_x005F_", s.translate(_NONCHARACTERS))
    return _NOT_IN_XML.sub(lambda m: f"_x{ord(m.group()):04X}_", s)


def _text_encoder(ws: WriteOnlyWorksheet) -> Callable[[str], CellValue]:
    def encode(s: str) -> CellValue:
        if not s:
            return None
        if s[0] not in RISKY_START and s.isprintable() and "_x" not in s and len(s) <= MAX_TEXT:
            return s  # the common case: nothing to guard
        s = xml_safe(s)[:MAX_TEXT]  # longer text Excel cannot hold (openpyxl would cut it too)
        if not s:
            return None
        if s[0] in FORMULA_START or s in ERROR_CODES:
            # openpyxl would make '=1+1' a formula and '#N/A' an error: force a text cell, and
            # quotePrefix so Excel keeps it text when a clerk edits the cell.
            cell = WriteOnlyCell(ws, s)
            cell.data_type = "s"
            cell.quotePrefix = True
            return cell
        return s

    return encode


def _styled(ws: WriteOnlyWorksheet, number_format: str) -> Callable[[object], CellValue]:
    """One cell with the column's number format, refilled per row: rows are streamed out at
    each append, so the same cell object is never held by two rows."""
    cell = WriteOnlyCell(ws)
    cell.number_format = number_format

    def fill(value: object) -> CellValue:
        cell.value = value
        return cell

    return fill


def _encoder(ws: WriteOnlyWorksheet, col: Column) -> Encoder:
    """Column.key value -> what to append: the value itself, text, or a styled cell. Any str
    goes through the text guard, whatever the column type."""
    text = _text_encoder(ws)
    t = col.type
    if t in (T.TEXT, T.CHOICE):
        return lambda v: text(v) if isinstance(v, str) else None if v is None else text(text_of(v))
    if t is T.INT:
        return partial(_int_cell, text)
    if t is T.BOOL:
        return partial(_bool_cell, text)
    styled = _styled(ws, col.number_format or DEFAULT_FORMATS[t])
    if t is T.DECIMAL:
        return partial(_decimal_cell, text, styled)
    return partial(_date_cell, text, styled)


def _int_cell(text: Callable[[str], CellValue], v: object) -> CellValue:
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, int):
        return v if -BIG_INT < v < BIG_INT else str(v)
    if isinstance(v, str):
        return text(v)
    return v


def _bool_cell(text: Callable[[str], CellValue], v: object) -> CellValue:
    if isinstance(v, bool):
        return BOOL_TEXT[0] if v else BOOL_TEXT[1]
    if isinstance(v, str):
        return text(v)
    return v


def _decimal_cell(
    text: Callable[[str], CellValue], styled: Callable[[object], CellValue], v: object
) -> CellValue:
    if isinstance(v, Decimal):
        return styled(v) if _fits_excel(v) else str(v)
    if v is None:
        return None
    if isinstance(v, str):
        return text(v)
    if isinstance(v, int) and not isinstance(v, bool) and not -BIG_INT < v < BIG_INT:
        return str(v)
    return styled(v)


def _date_cell(
    text: Callable[[str], CellValue], styled: Callable[[object], CellValue], v: object
) -> CellValue:
    if isinstance(v, dt.datetime):
        if v.tzinfo is not None:
            v = v.astimezone().replace(tzinfo=None)  # Excel has no time zones
        return styled(v) if v >= EXCEL_FIRST_DAY else text_of(v)
    if isinstance(v, dt.date):
        # Before 1900-03-01 an Excel serial is off by a day: text the reader parses back.
        return styled(v) if v >= EXCEL_FIRST_DATE else text_of(v)
    if isinstance(v, str):
        return text(v)
    return v


def _fits_excel(d: Decimal) -> bool:
    """A Decimal that survives the trip through an Excel number (a double, 15 digits)."""
    return d.is_finite() and len(d.as_tuple().digits) <= EXCEL_DIGITS and -300 < d.adjusted() < 300


# --- after the rows ------------------------------------------------------------------------------


def _plain_sheet(
    wb: Workbook, sheet: SheetDef, title: str, rows: Iterable[Sequence[object]]
) -> None:
    if title in (sheet.name, META_SHEET):
        raise ValueError(f"extra sheet title {title!r} is reserved")
    ws = wb.create_sheet(title)
    text = _text_encoder(ws)
    for row in rows:
        ws.append([text(v) if type(v) is str else v for v in row])


def _meta_sheet(wb: Workbook, sheet: SheetDef, lists: Lists) -> None:
    """Hidden sheet naming the form (what detect_form reads) and holding long dropdown lists."""
    ws = wb.create_sheet(META_SHEET)
    ws.sheet_state = "hidden"
    text = _text_encoder(ws)
    pairs = [
        ("form_id", text(sheet.form_id)),
        ("name", text(sheet.name)),
        ("version", sheet.version),
    ]
    columns = [(header, *choices) for header, choices in lists.values()]
    height = max([len(pairs), *(len(c) for c in columns)])
    for r in range(height):
        row: list[object] = list(pairs[r]) if r < len(pairs) else [None, None]
        row.append(None)
        row += [text(c[r]) if r < len(c) else None for c in columns]
        ws.append(row)
