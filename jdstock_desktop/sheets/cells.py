"""Small pure helpers shared by the reader, the writer and the annotator.

Header matching (how people edit templates), cell conversion (what calamine hands back for what
people type) and text widths. No openpyxl or calamine import here: these work on plain values.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation

from jdstock_desktop.domain.limits import MAX_MONEY, MAX_QUANTITY
from jdstock_desktop.domain.text import INVISIBLE_PRINTABLE, Textual, checked_text, printable
from jdstock_desktop.sheets.definition import META_SHEET, Column, ColumnType, SheetDef
from jdstock_desktop.sheets.hidden_cells import FlaggedCell

REQUIRED = "必填，不能为空"
HEADER_SCAN_ROWS = 10  # a title line or two above the header row is tolerated
ERROR_LIST_SHEET = "错误清单"  # added by annotate: never the data sheet of a re-import
SHOW_MAX = 40  # longest cell value quoted back in a message


class CellError(ValueError):
    """A cell that cannot be converted; the message is the Chinese reason shown to the clerk."""


Converter = Callable[[object], object]


# --- text ----------------------------------------------------------------------------------------


def display_width(text: str) -> int:
    """Width in Excel 'characters': CJK and other wide glyphs take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def show(value: object) -> str:
    """A cell value as quoted back in a message: short, and numbers without '.0'."""
    text = printable(text_of(value))
    return text if len(text) <= SHOW_MAX else text[: SHOW_MAX - 1] + "…"


def text_of(value: object) -> str:
    """What a clerk sees in a cell, as text (numbers that Excel stores as 12.0 read '12')."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):  # before int: bool is an int
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else format(value, ".15g")
    if isinstance(value, dt.datetime):
        return value.isoformat(" ", "seconds" if not value.microsecond else "milliseconds")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value).strip()


def _number_label(value: float | int) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


# --- headers -------------------------------------------------------------------------------------

# A note in brackets after (or before) the name: 现货库存（件）, 商品编码(必填), 【必填】仓库名称.
_BRACKET_NOTE = re.compile(r"\([^)]*\)|\[[^\]]*\]|【[^】]*】|〔[^〕]*〕|<[^>]*>|《[^》]*》")
_NOT_NAME = re.compile(r"[\s*:]+")  # spaces anywhere, the '*' of required, a trailing colon


def header_keys(text: object) -> tuple[str, str]:
    """(full, base) comparison keys of a header: widths folded, spaces and '*' removed, case
    folded; `base` also drops bracketed notes. Both sides of a match go through this."""
    s = unicodedata.normalize("NFKC", text_of(text))  # （）［］＊：and full-width letters
    full = _NOT_NAME.sub("", s).casefold()
    base = _NOT_NAME.sub("", _BRACKET_NOTE.sub("", s)).casefold()
    return full, base or full


@dataclass
class HeaderMatch:
    """Where each column of a SheetDef sits in a header row."""

    positions: dict[str, int] = field(default_factory=dict)  # Column.key -> 0-based position
    missing: list[Column] = field(default_factory=list)  # column_required columns not found
    duplicates: list[tuple[Column, list[int]]] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.positions)


def match_headers(cells: Sequence[object], sheet: SheetDef) -> HeaderMatch:
    """Match a header row to `sheet`: exact keys first, then keys without bracketed notes,
    so '现货时效(小时)' still beats '现货时效（天）' for its own column. Unknown headers are
    ignored."""
    keys = [header_keys(c) if text_of(c) else ("", "") for c in cells]
    match = HeaderMatch()
    taken: set[int] = set()
    pending = list(sheet.columns)
    for part in (0, 1):
        left = []
        for col in pending:
            want = header_keys(col.header)[part]
            hits = [i for i, k in enumerate(keys) if k[part] == want and i not in taken]
            if not hits:
                left.append(col)
                continue
            if len(hits) > 1:
                match.duplicates.append((col, hits))
            match.positions[col.key] = hits[0]
            taken.update(hits)
        pending = left
    # '数量' and '数量（件）' side by side: which one is meant is anyone's guess.
    for col in sheet.columns:
        if col.key not in match.positions or any(c is col for c, _ in match.duplicates):
            continue
        base = header_keys(col.header)[1]
        more = [i for i, k in enumerate(keys) if k[1] == base and i not in taken]
        if more:
            match.duplicates.append((col, sorted([match.positions[col.key], *more])))
    match.missing = [c for c in pending if c.column_required]
    return match


def find_header(
    rows: Sequence[Sequence[object]], sheet: SheetDef
) -> tuple[int, HeaderMatch] | None:
    """(index, match) of the header row: among the first non-empty rows, the first one that
    matches most columns of `sheet`; None if none matches any."""
    best: tuple[int, HeaderMatch] | None = None
    seen = 0
    for i, row in enumerate(rows):
        if not any(text_of(v) for v in row):
            continue
        match = match_headers(row, sheet)
        if match.count and (best is None or match.count > best[1].count):
            best = (i, match)
        seen += 1
        if seen >= HEADER_SCAN_ROWS:
            break
    return best


def column_letter(index: int) -> str:
    """0-based position -> Excel column letters (0 -> A)."""
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


# --- worksheets ----------------------------------------------------------------------------------


def _title_key(title: str) -> str:
    return unicodedata.normalize("NFKC", title).strip().casefold()


def choose_data_sheet(sheets: Iterable[tuple[str, bool]], sheet: SheetDef) -> str | None:
    """The worksheet holding `sheet`'s table, from (title, visible) pairs in workbook order:
    the one titled SheetDef.name, else an alias, else the first visible one that is neither
    META_SHEET nor an error list added by annotate."""
    listed = list(sheets)
    by_key = {_title_key(title): title for title, _ in reversed(listed)}
    for name in (sheet.name, *sheet.aliases):
        title = by_key.get(_title_key(name))
        if title is not None:
            return title
    for title, visible in listed:
        if visible and title != META_SHEET and not title.startswith(ERROR_LIST_SHEET):
            return title
    return None


def names_sheet(title: str, sheet: SheetDef) -> bool:
    return _title_key(title) in {_title_key(n) for n in (sheet.name, *sheet.aliases)}


# --- cell conversion -----------------------------------------------------------------------------

_THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?")
_DATE_TEXT = re.compile(
    r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?"
    r"(?:(?:\s+|T)(\d{1,2})[:：](\d{1,2})(?:[:：](\d{1,2})(?:\.(\d{1,6}))?)?)?"
)
_BOOL_TEXT = {"是": True, "否": False, "true": True, "false": False}


def _decimal_text(s: str) -> Decimal | None:
    """Number typed as text: '12.30', ' -5 ', '1,234.5', full-width '１２'. None if not one."""
    try:
        d = Decimal(s)
    except InvalidOperation:
        s = unicodedata.normalize("NFKC", s).replace(" ", "")
        if _THOUSANDS.fullmatch(s):
            s = s.replace(",", "")
        try:
            d = Decimal(s)
        except InvalidOperation:
            return None
    return d if d.is_finite() else None


def parse_datetime_text(s: str) -> tuple[dt.datetime, bool] | None:
    """'YYYY-MM-DD[ HH:MM[:SS]]' (also / . 年月日) -> (value, has_time); None if not a date."""
    m = _DATE_TEXT.fullmatch(s.strip())
    if m is None:
        return None
    y, mo, d, h, mi, sec, frac = m.groups()
    try:
        value = dt.datetime(
            int(y),
            int(mo),
            int(d),
            int(h or 0),
            int(mi or 0),
            int(sec or 0),
            int((frac or "0").ljust(6, "0")),
        )
    except ValueError:  # 2026-02-30, 25:00
        return None
    return value, h is not None


def _bounds(col: Column) -> Callable[[int | Decimal], None]:
    lo, hi = col.min_value, col.max_value

    def check(n: int | Decimal) -> None:
        if lo is not None and n < lo:
            raise CellError(f"不能小于 {_number_label(lo)}，实际为 {n}")
        if hi is not None and n > hi:
            raise CellError(f"不能大于 {_number_label(hi)}，实际为 {n}")

    return check


def _refuse_flagged(v: object) -> None:
    """An Excel error value or an uncalculated formula is bad input in every column."""
    if v.__class__ is FlaggedCell:
        raise CellError(v.reason)


def _empty(required: bool) -> object:
    """The value of an empty cell: None, or the refusal of a required one."""
    if required:
        raise CellError(REQUIRED)
    return None


def _cleaner(rule: Textual) -> Callable[[str], str]:
    """The check (and, for codes, the fold) of a non-empty text cell; CellError when bad."""

    def clean(s: str) -> str:
        s, why = checked_text(rule, s)
        if why is not None:
            raise CellError(why)
        return s

    return clean


def _plain(rule: Textual) -> Callable[[str], bool]:
    """True for a stripped text the cleaner returns unchanged: the fast path of a column."""
    if rule is Textual.CODE:
        return lambda s: s.isascii() and s.isprintable()
    if rule is Textual.NAME:
        return lambda s: s.isprintable() and INVISIBLE_PRINTABLE.isdisjoint(s)
    return str.isprintable


def _text(col: Column) -> Converter:
    required, limit = col.required, col.max_length
    clean = _cleaner(col.text_rule)

    def conv(v: object) -> object:
        if isinstance(v, str):
            s = v.strip()
        else:
            _refuse_flagged(v)
            s = text_of(v)
        if not s:
            return _empty(required)
        s = clean(s)
        if not s:
            return _empty(required)
        if limit is not None and len(s) > limit:
            raise CellError(f"长度不能超过 {limit} 个字符，实际为 {len(s)} 个")
        return s

    return conv


# Converters test the common case first (calamine gives float for every number, str for text);
# bool is tested before int and datetime before date, as each is a subclass of the other.


def _quantity_bounds(col: Column) -> Column:
    """An INT column declared without bounds still lives within ±MAX_QUANTITY: every whole
    number of the book is a quantity or a count held in a 32-bit column on PostgreSQL."""
    lo = -MAX_QUANTITY if col.min_value is None else col.min_value
    hi = MAX_QUANTITY if col.max_value is None else col.max_value
    return replace(col, min_value=lo, max_value=hi)


# Digits a number typed as text may have before it is refused unread: int("9" * 5000) raises,
# and Decimal("1e999999999") would become an integer of a billion digits.
_MAX_DIGITS = 30


def _int(col: Column) -> Converter:
    required = col.required
    col = _quantity_bounds(col)
    check = _bounds(col)

    def bad(v: object) -> CellError:
        _refuse_flagged(v)
        return CellError(f"应为整数，实际为「{show(v)}」")

    def conv(v: object) -> object:
        if isinstance(v, float):
            if not v.is_integer():
                raise bad(v)
            n = int(v)
        elif isinstance(v, str):
            s = v.strip()
            if not s:
                return _empty(required)
            if s.isdecimal() and len(s) <= _MAX_DIGITS:
                n = int(s)
            else:
                d = _decimal_text(s)
                if d is None or d.adjusted() >= _MAX_DIGITS:
                    raise bad(v) if d is None else _too_large(col, s)
                if d != d.to_integral_value():
                    raise bad(v)
                n = int(d)
        elif v is None:
            return _empty(required)
        elif isinstance(v, int) and not isinstance(v, bool):
            n = v
        else:  # TRUE/FALSE, dates
            raise bad(v)
        check(n)
        return n

    return conv


def _too_large(col: Column, s: str) -> CellError:
    return CellError(f"不能大于 {_number_label(col.max_value or 0)}，实际为 {show(s)}")


def _decimal(col: Column) -> Converter:
    required = col.required
    # Undeclared bounds: no decimal column of the book (money, weights, days) holds more.
    lo = -MAX_MONEY if col.min_value is None else col.min_value
    hi = MAX_MONEY if col.max_value is None else col.max_value
    check = _bounds(replace(col, min_value=lo, max_value=hi))

    def bad(v: object) -> CellError:
        _refuse_flagged(v)
        return CellError(f"应为数字，实际为「{show(v)}」")

    def conv(v: object) -> object:
        if isinstance(v, float):
            # Excel keeps 15 significant digits; more would be float noise (0.30000000000000004).
            d = Decimal(format(v, ".15g"))
        elif isinstance(v, str):
            s = v.strip()
            if not s:
                return _empty(required)
            found = _decimal_text(s)
            if found is None:
                raise bad(v)
            d = found
        elif v is None:
            return _empty(required)
        elif isinstance(v, int) and not isinstance(v, bool):
            d = Decimal(v)
        else:
            raise bad(v)
        check(d)
        return d

    return conv


def _datetime(col: Column) -> Converter:
    required = col.required
    date_only = col.type is ColumnType.DATE
    want = "日期（如 2026-11-27）" if date_only else "日期时间（如 2026-11-27 09:30）"

    def conv(v: object) -> object:
        if isinstance(v, dt.datetime):
            value, has_time = v, v.time() != dt.time()
        elif isinstance(v, dt.date):  # calamine's answer for a date at midnight
            return v if date_only else dt.datetime(v.year, v.month, v.day)
        elif isinstance(v, str) and v.strip():
            parsed = parse_datetime_text(v)
            if parsed is None:
                raise CellError(f"应为{want}，实际为「{show(v)}」")
            value, has_time = parsed
        elif v is None or isinstance(v, str):
            return _empty(required)
        else:
            _refuse_flagged(v)
            raise CellError(f"应为{want}，实际为「{show(v)}」")
        if not date_only:
            return value
        if has_time:
            raise CellError(f"应为日期（不含时间），实际为「{show(v)}」")
        return value.date()

    return conv


def _choice(col: Column) -> Converter:
    text = _text(col)
    allowed = frozenset(col.choices)
    listed = "、".join(col.choices)

    def conv(v: object) -> object:
        s = text(v)
        if s is None or s in allowed:
            return s
        raise CellError(f"应为以下之一：{listed}；实际为「{show(s)}」")

    return conv


def _bool(col: Column) -> Converter:
    required = col.required

    def conv(v: object) -> object:
        if isinstance(v, bool):
            return v
        _refuse_flagged(v)
        s = text_of(v)
        if not s:
            return _empty(required)
        b = _BOOL_TEXT.get(s.casefold())
        if b is None:
            raise CellError(f"应为 是/否，实际为「{show(s)}」")
        return b

    return conv


_MAKERS: dict[ColumnType, Callable[[Column], Converter]] = {
    ColumnType.TEXT: _text,
    ColumnType.INT: _int,
    ColumnType.DECIMAL: _decimal,
    ColumnType.DATETIME: _datetime,
    ColumnType.DATE: _datetime,
    ColumnType.CHOICE: _choice,
    ColumnType.BOOL: _bool,
}


def converter(col: Column) -> Converter:
    """raw cell value (as calamine returns it) -> checked value, or CellError(reason)."""
    return _MAKERS[col.type](col)


# --- whole columns -------------------------------------------------------------------------------

SLOW = object()  # a cell column_converter leaves to the per-cell converter (bad, empty, unusual)

ColumnConverter = Callable[[list[object]], list[object]]


def _text_column(col: Column) -> ColumnConverter:
    required, limit = col.required, col.max_length
    empty = SLOW if required else None
    plain = _plain(col.text_rule)

    def convert(values: list[object]) -> list[object]:
        out: list[object] = [v.strip() if v.__class__ is str else SLOW for v in values]
        out = [s if s is SLOW or not s or plain(s) else SLOW for s in out]  # type: ignore[arg-type]
        if limit is not None:
            out = [s if s is SLOW or len(s) <= limit else SLOW for s in out]  # type: ignore[arg-type]
        if not all(out):  # empty cells (SLOW is truthy)
            out = [s if s else empty for s in out]
        return out

    return convert


def _int_column(col: Column) -> ColumnConverter:
    col = _quantity_bounds(col)
    bounded = True
    lo, hi = col.min_value, col.max_value

    def convert(values: list[object]) -> list[object]:
        out: list[object] = [
            int(v)
            if v.__class__ is float and v.is_integer()
            else (v if v.__class__ is int else SLOW)
            for v in values
        ]
        if bounded:
            out = [n if n is not SLOW and lo <= n <= hi else SLOW for n in out]  # type: ignore[operator]
        return out

    return convert


def _cellwise(col: Column) -> ColumnConverter:
    conv = converter(col)

    def one(v: object) -> object:
        try:
            return conv(v)
        except CellError:
            return SLOW

    def convert(values: list[object]) -> list[object]:
        return [one(v) for v in values]

    return convert


def column_converter(col: Column) -> ColumnConverter:
    """A whole column of raw cells -> the values `converter(col)` gives for each, or SLOW where a
    cell must go through that converter one by one (it fails, or is not the common case). Every
    value other than SLOW is exactly what converter(col) returns for that cell."""
    if col.type is ColumnType.TEXT:
        return _text_column(col)
    if col.type is ColumnType.INT:
        return _int_column(col)
    return _cellwise(col)
