"""Key–value forms: a sheet of labelled fields in sections, not a table (供应商入驻评估表).

One `KeyValueForm` declares sections of `Field`s (label, type, required, choices, help) and
repeating `Block`s (行业资质: a small table inside the form). The writer lays it out (title,
merged section rows, label / value / help columns, dropdowns, frozen top, hidden meta sheet);
the reader finds each field by its label wherever the clerk moved the rows, converts the value
cell with the same converters as table sheets, and reports bad cells with row, column and
reason; the annotator marks them in a copy. Nothing else knows the form's layout.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import cast

from openpyxl import Workbook, load_workbook
from openpyxl.cell import Cell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from jdstock_desktop.errors import CellProblem, SheetErrors
from jdstock_desktop.sheets.annotate import BAD_FILL, LIST_HEADERS, free_list_title
from jdstock_desktop.sheets.cells import (
    ERROR_LIST_SHEET,
    CellError,
    choose_data_sheet,
    column_letter,
    converter,
    display_width,
    header_keys,
    names_sheet,
    show,
    text_of,
)
from jdstock_desktop.sheets.definition import META_SHEET, Column, ColumnType, SheetDef
from jdstock_desktop.sheets.reader import open_workbook, read_grid, zip_bomb
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

T = ColumnType
Check = Callable[[str], str | None]  # a text value -> why it is wrong, or None


# --- the declaration -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Field:
    """One labelled value: the label cell, the value cell right of it, the help beside."""

    key: str
    label: str
    type: ColumnType = T.TEXT
    required: bool = False
    choices: tuple[str, ...] = ()
    help: str = ""
    max_length: int | None = None
    min_value: float | None = None
    max_value: float | None = None
    number_format: str | None = None
    lines: int = 1  # > 1: free text over several lines (a taller row, a text box in the dialog)
    check: Check | None = None  # a rule beyond the type (the credit code's check character)
    readonly: bool = False  # filled from the book on export, ignored on import

    @property
    def column(self) -> Column:
        """The same field as a table column: its converter checks a cell exactly as the table
        reader would."""
        return Column(
            self.key,
            self.label,
            self.type,
            required=self.required,
            choices=self.choices,
            help=self.help,
            min_value=self.min_value,
            max_value=self.max_value,
            max_length=self.max_length,
            number_format=self.number_format,
        )


@dataclass(frozen=True, slots=True)
class Block:
    """A repeating table inside the form: a title row, a header row, one row per item."""

    key: str
    title: str
    columns: tuple[Field, ...]  # 1–3 columns, laid over the label / value / help columns
    help: str = ""
    readonly: bool = False  # from the book (the warehouses): shown, never imported
    spare_rows: int = 3  # empty rows for the clerk to fill in


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    items: tuple[Field | Block, ...]


@dataclass(frozen=True, slots=True)
class KeyValueForm:
    name: str  # worksheet title and the CLI name
    form_id: str  # written to the hidden meta sheet
    version: int
    sections: tuple[Section, ...]
    aliases: tuple[str, ...] = ()
    note: str = ""  # a line under the title: how to fill the form in

    def __post_init__(self) -> None:
        # Fields are found by label: two texts that compare equal would be ambiguous.
        names = [s.title for s in self.sections]
        for item in self.items:
            if isinstance(item, Field):
                names.append(item.label)
            else:
                names += [item.title, *(c.label for c in item.columns)]
                if not 1 <= len(item.columns) <= 3:
                    raise ValueError(f"block {item.key} needs 1-3 columns")
        keys = Counter(_label_key(n) for n in names)
        clash = [n for n in names if keys[_label_key(n)] > 1]
        if clash:
            raise ValueError(f"labels of {self.form_id} must differ: {clash}")

    @property
    def items(self) -> Iterator[Field | Block]:
        for section in self.sections:
            yield from section.items

    @property
    def fields(self) -> tuple[Field, ...]:
        return tuple(i for i in self.items if isinstance(i, Field))

    @property
    def blocks(self) -> tuple[Block, ...]:
        return tuple(i for i in self.items if isinstance(i, Block))

    def field(self, key: str) -> Field:
        for f in self.fields:
            if f.key == key:
                return f
        raise KeyError(key)

    def block(self, key: str) -> Block:
        for b in self.blocks:
            if b.key == key:
                return b
        raise KeyError(key)

    @property
    def stub(self) -> SheetDef:
        """A column-less SheetDef naming this form, for the worksheet helpers of cells.py."""
        return SheetDef(self.name, self.form_id, self.version, (), aliases=self.aliases)


# --- the data ------------------------------------------------------------------------------------

Item = dict[str, object]  # one row of a block, keyed by its column keys


@dataclass
class FormData:
    """Values keyed by Field.key (None = empty) and the rows of each block."""

    fields: dict[str, object] = field(default_factory=dict)
    blocks: dict[str, list[Item]] = field(default_factory=dict)

    def editable(self, form: KeyValueForm) -> FormData:
        """Every editable field (None when empty) and block, without the book's read-only
        parts: what is stored, and what an import compares."""
        return FormData(
            {f.key: self.fields.get(f.key) for f in form.fields if not f.readonly},
            {
                b.key: [
                    {c.key: r.get(c.key) for c in b.columns} for r in self.blocks.get(b.key, [])
                ]
                for b in form.blocks
                if not b.readonly
            },
        )


def _json_value(f: Field, value: object) -> object:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"{f.key}: cannot store {value!r}")


def _from_json(f: Field, value: object) -> object:
    if value is None:
        return None
    if f.type is T.DECIMAL:
        return Decimal(str(value))
    if f.type is T.DATE:
        return dt.date.fromisoformat(str(value))
    if f.type is T.DATETIME:
        return dt.datetime.fromisoformat(str(value))
    if f.type is T.INT:
        return int(cast(int, value))
    if f.type is T.BOOL:
        return bool(value)
    return str(value)


def to_json(form: KeyValueForm, data: FormData) -> dict[str, object]:
    """The editable values as JSON types (Decimal and dates as text); empty fields left out."""
    plain = data.editable(form)
    fields = {
        f.key: _json_value(f, plain.fields[f.key])
        for f in form.fields
        if not f.readonly and plain.fields[f.key] is not None
    }
    blocks = {
        b.key: [{c.key: _json_value(c, row.get(c.key)) for c in b.columns} for row in rows]
        for b in form.blocks
        if (rows := plain.blocks.get(b.key))
    }
    return {"form": form.form_id, "version": form.version, "fields": fields, "blocks": blocks}


def from_json(form: KeyValueForm, obj: Mapping[str, object]) -> FormData:
    """Inverse of to_json; unknown keys (a later version's fields) are dropped."""
    fields = cast(Mapping[str, object], obj.get("fields") or {})
    blocks = cast(Mapping[str, list[Mapping[str, object]]], obj.get("blocks") or {})
    data = FormData({f.key: _from_json(f, fields.get(f.key)) for f in form.fields})
    for b in form.blocks:
        if b.readonly:
            continue
        data.blocks[b.key] = [
            {c.key: _from_json(c, row.get(c.key)) for c in b.columns}
            for row in blocks.get(b.key, [])
        ]
    return data


def validate(form: KeyValueForm, data: FormData) -> list[tuple[str, str]]:
    """(label, reason) for every typed value that breaks the declaration: what the reader would
    refuse in a cell, for values that come from a dialog instead."""
    out: list[tuple[str, str]] = []

    def one(f: Field, value: object) -> None:
        if value is None or value == "":
            if f.required:
                out.append((f.label, "必填，不能为空"))
            return
        if isinstance(value, str):
            if f.max_length is not None and len(value) > f.max_length:
                out.append((f.label, f"长度不能超过 {f.max_length} 个字符，实际为 {len(value)} 个"))
            if f.choices and value not in f.choices:
                out.append(
                    (f.label, f"应为以下之一：{'、'.join(f.choices)}；实际为「{show(value)}」")
                )
            if f.check is not None and (why := f.check(value)) is not None:
                out.append((f.label, why))
        if isinstance(value, int | Decimal) and not isinstance(value, bool):
            if f.min_value is not None and value < f.min_value:
                out.append((f.label, f"不能小于 {show(f.min_value)}，实际为 {value}"))
            if f.max_value is not None and value > f.max_value:
                out.append((f.label, f"不能大于 {show(f.max_value)}，实际为 {value}"))

    for f in form.fields:
        if not f.readonly:
            one(f, data.fields.get(f.key))
    for b in form.blocks:
        if b.readonly:
            continue
        for row in data.blocks.get(b.key, []):
            for c in b.columns:
                one(c, row.get(c.key))
    return out


# --- writing -------------------------------------------------------------------------------------

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


# --- finding the fields --------------------------------------------------------------------------

_NUMBERING = "0123456789〇一二三四五六七八九十、.．)）(（ "


def _label_key(text: object) -> str:
    return header_keys(text)[0]


def _section_key(text: object) -> str:
    """'一、基本信息', '(1) 基本信息', '基本信息' -> the same key."""
    s = unicodedata.normalize("NFKC", text_of(text))
    return header_keys(s.lstrip(_NUMBERING))[0]


@dataclass
class BlockPlace:
    header_row: int  # 0-based
    columns: dict[str, int]  # column key -> 0-based column
    rows: list[int] = field(default_factory=list)  # 0-based data rows (not yet filtered)


@dataclass
class Places:
    """Where each field's value and each block's rows sit in one worksheet grid (0-based)."""

    label_col: int = 0
    fields: dict[str, tuple[int, int]] = field(default_factory=dict)  # key -> (row, value col)
    duplicates: dict[str, list[int]] = field(default_factory=dict)  # key -> rows of its label
    blocks: dict[str, BlockPlace] = field(default_factory=dict)


def locate(grid: list[list[object]], form: KeyValueForm) -> Places:
    """Find every label of `form` in `grid`. Labels match the way headers do (spaces, '*',
    a note in brackets, full-width characters); a label found in the column where most labels
    are wins over the same text elsewhere (a value that happens to read like a label)."""
    fields = [f for f in form.fields]
    exact = {_label_key(f.label): f for f in fields}
    base: dict[str, Field] = {}
    for f in fields:
        base.setdefault(header_keys(f.label)[1], f)
    hits: list[tuple[int, int, Field, bool]] = []  # row, col, field, exact
    for r, row in enumerate(grid):
        for c, v in enumerate(row):
            if v is None or v == "" or not isinstance(v, str):
                continue
            full, short = header_keys(v)
            if full in exact:
                hits.append((r, c, exact[full], True))
            elif short in base:
                hits.append((r, c, base[short], False))
    places = Places()
    if hits:
        counts = Counter(c for _, c, _, _ in hits)
        places.label_col = min(counts, key=lambda c: (-counts[c], c))
    for f in fields:
        mine = [h for h in hits if h[2] is f]
        for pick in (
            [h for h in mine if h[1] == places.label_col and h[3]],
            [h for h in mine if h[1] == places.label_col],
            [h for h in mine if h[3]],
        ):
            if pick:
                break
        if not pick:
            continue
        r, c = pick[0][0], pick[0][1]
        places.fields[f.key] = (r, c + 1)
        if len(pick) > 1:
            places.duplicates[f.key] = [h[0] for h in pick]
    stops = {r for r, _ in places.fields.values()}
    sections = {_section_key(s.title) for s in form.sections}
    titles = {_label_key(b.title) for b in form.blocks}
    lc = places.label_col
    for r, row in enumerate(grid):
        cell = row[lc] if lc < len(row) else None
        if isinstance(cell, str) and (_section_key(cell) in sections or _label_key(cell) in titles):
            stops.add(r)
    for b in form.blocks:
        found = _block_header(grid, b)
        if found is not None:
            places.blocks[b.key] = found
            stops.add(found.header_row)
    ordered = sorted(stops)
    for place in places.blocks.values():
        after = [s for s in ordered if s > place.header_row]
        end = after[0] if after else len(grid)
        place.rows = list(range(place.header_row + 1, end))
    return places


def _block_header(grid: list[list[object]], b: Block) -> BlockPlace | None:
    """The first row holding every column header of `b` (in any order)."""
    wanted = [(c.key, *header_keys(c.label)) for c in b.columns]
    for r, row in enumerate(grid):
        keys = [header_keys(v) if isinstance(v, str) and v.strip() else ("", "") for v in row]
        cols: dict[str, int] = {}
        for key, full, base in wanted:
            at = next((i for i, k in enumerate(keys) if k[0] == full), None)
            if at is None:
                at = next((i for i, k in enumerate(keys) if k[1] == base), None)
            if at is None:
                break
            cols[key] = at
        else:
            return BlockPlace(r, cols)
    return None


# --- reading -------------------------------------------------------------------------------------


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


# --- the annotated copy --------------------------------------------------------------------------


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
                columns[_label_key(c.label)] = places.blocks[b.key].columns[c.key]
    value_cols = {
        _label_key(f.label): places.fields[f.key][1] for f in form.fields if f.key in places.fields
    }
    reasons: dict[tuple[int, int], list[str]] = {}
    for p in problems:
        if p.row < 1:
            continue
        key = _label_key(p.column)
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
