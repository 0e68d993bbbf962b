"""The one reader every imported spreadsheet goes through.

calamine reads the whole worksheet into lists in Rust; the Python side then only matches the
header row and runs one small converter per cell. Every bad cell is collected and reported at
once (SheetErrors), with the Excel row number and the column header, so a clerk can fix a file in
one go. Files people build by hand are accepted: moved or extra columns, decorated headers,
numbers and dates typed as text.
"""

from __future__ import annotations

import collections
import datetime as dt
import gc
import io
import itertools
import operator
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from jdstock_desktop.errors import CellProblem, SheetErrors
from jdstock_desktop.sheets.cells import (
    HEADER_SCAN_ROWS,
    SLOW,
    CellError,
    Converter,
    HeaderMatch,
    choose_data_sheet,
    column_converter,
    column_letter,
    converter,
    find_header,
    names_sheet,
    show,
    text_of,
)
from jdstock_desktop.sheets.definition import META_SHEET, Column, SheetDef
from jdstock_desktop.sheets.empty_tail import TRIM_FROM_BYTES, trimmed_copy
from jdstock_desktop.sheets.hidden_cells import (
    apply_flags,
    flagged_cells,
    negative_date,
    raw_values,
)
from jdstock_desktop.sheets.zip_parts import part_chunks, relationship_part

_Step = tuple[str, int, Converter]  # Column.key, position in the row, converter


@dataclass(frozen=True, slots=True)
class SheetRow:
    """One data row: its Excel row number and the checked values keyed by Column.key (every
    column of the SheetDef is present; an empty cell or an absent optional column is None)."""

    row: int
    values: dict[str, object]


def _sheet_rows(numbers: Iterable[int], values: list[dict[str, object]]) -> list[SheetRow]:
    """[SheetRow(n, v) ...] for a whole sheet at once: the frozen dataclass's __init__ sets
    each field through object.__setattr__, half the cost of the bulk path; its slots are set
    here directly instead."""
    rows = list(map(object.__new__, itertools.repeat(SheetRow, len(values))))
    collections.deque(map(_SET_ROW, rows, numbers), maxlen=0)
    collections.deque(map(_SET_VALUES, rows, values), maxlen=0)
    return rows


_SET_ROW = SheetRow.__dict__["row"].__set__  # the slot descriptors
_SET_VALUES = SheetRow.__dict__["values"].__set__


def read_sheet(path: str | Path, sheet: SheetDef) -> list[SheetRow]:
    """Read and check every row of `sheet` in the workbook at `path`.

    Raises SheetErrors listing every bad cell (and duplicate key) if there is any; file-level
    problems (unreadable file, no header row, missing column) are SheetErrors too.
    """
    rows, problems = check_sheet(path, sheet)
    if problems:
        raise SheetErrors(problems, file=str(path))
    return rows


def check_sheet(path: str | Path, sheet: SheetDef) -> tuple[list[SheetRow], list[CellProblem]]:
    """Like read_sheet, but bad cells are returned instead of raised: the rows whose every cell
    passed, and the problems of the others, in row order. A caller that also checks rows
    against the book (unknown warehouse, …) reports both kinds at once. File-level problems
    still raise SheetErrors: there are no rows to go on with."""
    file = str(path)
    wb = open_workbook(path, sheet.name)
    with gc_paused():
        with wb:
            title = _data_sheet_title(wb, sheet, file)
            _refuse_other_form(wb, sheet, title, file)
            data = read_grid(wb, path, title, sheet.name)
        table = _Table(sheet, title, file)
        rows = table.read(data)
    return rows, table.problems


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside: building a few hundred thousand small dicts and
    tuples would otherwise set off full collections over every row already built (most of a
    large import's time). Nothing made here is cyclic garbage; collection resumes after."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def detect_form(path: str | Path, candidates: Iterable[SheetDef]) -> SheetDef | None:
    """Which of `candidates` the workbook holds: the hidden meta sheet's form_id if present,
    else the candidate whose required columns are all in the header row and that matches the
    most headers (a worksheet titled with its name wins a tie). None if nothing fits."""
    forms = list(candidates)
    file = str(path)
    wb = open_workbook(path, Path(path).name)
    with wb:
        form_id = _meta(wb).get("form_id")
        for form in forms:
            if form.form_id == form_id:
                return form
        best: tuple[tuple[int, int, int], SheetDef] | None = None
        heads: dict[str, list[list[object]]] = {}
        for form in forms:
            title = choose_data_sheet(_sheet_list(wb), form)
            if title is None:
                continue
            if title not in heads:
                heads[title] = _rows(wb, title, title, file, limit=HEADER_SCAN_ROWS)
            found = find_header(heads[title], form)
            if found is None or found[1].missing:
                continue
            score = (found[1].count, int(names_sheet(title, form)), -len(form.columns))
            if best is None or score > best[0]:
                best = (score, form)
    return None if best is None else best[1]


# --- the workbook --------------------------------------------------------------------------------


def _file_error(sheet: str, file: str, reason: str) -> SheetErrors:
    return SheetErrors([CellProblem(sheet, 0, "", reason, file)], file=file)


def open_workbook(path: str | Path, sheet_name: str) -> CalamineWorkbook:
    """The workbook at `path` opened by calamine, once it is known safe to unpack: SheetErrors
    (naming `sheet_name`) for a missing, empty, broken or hostile file."""
    file = str(path)
    p = Path(path)
    if not p.is_file():
        raise _file_error(sheet_name, file, "找不到文件")
    if p.stat().st_size == 0:
        raise _file_error(sheet_name, file, "文件是空的（0 字节），不是 Excel 文件")
    kind = not_a_workbook(p)
    if kind is not None:
        raise _file_error(sheet_name, file, kind)
    bomb = zip_bomb(p)
    if bomb is not None:
        raise _file_error(sheet_name, file, bomb)
    try:
        trimmed = _without_empty_tail(p)
        wb = (
            CalamineWorkbook.from_path(file)
            if trimmed is None
            else CalamineWorkbook.from_filelike(trimmed)
        )
    except (CalamineError, OSError) as exc:
        raise _file_error(sheet_name, file, f"无法打开：{NOT_READABLE}（{exc}）") from exc
    try:
        _refuse_huge_extent(p, sheet_name, file)
    except BaseException:
        wb.close()
        raise
    return wb


ACCEPTED = "可导入 .xlsx、.xlsm、.xls（Excel 97–2003）和 .ods（WPS/LibreOffice）"
NOT_READABLE = f"不是有效的表格文件（{ACCEPTED}），或文件已损坏"
SAVE_AS_XLSX = "请用 Excel 或 WPS 打开它，另存为「Excel 工作簿 (*.xlsx)」后再导入"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: .xls, or an encrypted .xlsx
_ENCRYPTION = "EncryptionInfo".encode("utf-16-le")  # its stream name in the directory
_HTML = re.compile(
    rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|table|meta)\b", re.I | re.S
)


def _without_empty_tail(path: Path) -> io.BytesIO | None:
    """An in-memory copy of the .xlsx whose large sheets end at their last value, when some
    sheet has a long tail of empty rows (sheets.empty_tail); None to read the file itself."""
    try:
        if not zipfile.is_zipfile(path):
            return None
        with zipfile.ZipFile(path) as z:
            parts = _worksheet_parts(z)
            if all(z.getinfo(n).file_size <= TRIM_FROM_BYTES for n in parts):
                return None
            return trimmed_copy(z, parts)
    except (zipfile.BadZipFile, EOFError, ValueError, RuntimeError, zlib.error):
        return None  # calamine says what is wrong with the file


def not_a_workbook(path: Path) -> str | None:
    """What the file at `path` is when it is no workbook the reader can open, in words a clerk
    acts on: a CSV or other text, a password-protected workbook, a web page saved as .xls, an
    Excel 2003 XML sheet. None when it may be a workbook (calamine then decides)."""
    try:
        with path.open("rb") as f:
            head = f.read(1 << 16)
    except OSError as exc:
        return f"无法读取文件：{exc.strerror or exc}"
    if head.startswith(b"PK\x03\x04"):
        return None
    if head.startswith(_OLE):
        if _ENCRYPTION in head or _ENCRYPTION in _ole_directory(path):
            return (
                "文件设置了打开密码（已加密）：请在 Excel 中打开，"
                "去掉密码（文件 › 信息 › 保护工作簿）另存后再导入"
            )
        return None  # an .xls
    text = head.lstrip(b"\xef\xbb\xbf")
    if _HTML.match(text[:4096]):
        suffix = path.suffix or "（无）"
        return f"这是网页（HTML）文件，只是扩展名为 {suffix}，不是 Excel 文件：{SAVE_AS_XLSX}"
    if text.lstrip().startswith(b"<?xml"):
        if b"urn:schemas-microsoft-com:office:spreadsheet" in text:
            return f"这是 Excel 2003 XML 表格，不能直接导入：{SAVE_AS_XLSX}"
        return f"这是 XML 文本文件，不是 Excel 文件：{SAVE_AS_XLSX}"
    if path.suffix.casefold() in (".csv", ".txt", ".tsv") or _looks_like_text(text):
        return f"这是 CSV/文本文件，不是 Excel 文件：{SAVE_AS_XLSX}"
    return None


def _looks_like_text(data: bytes) -> bool:
    """UTF-8 (with or without BOM) or GBK text with no NUL: what JD's back end and WPS write
    as CSV."""
    if not data or b"\x00" in data:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            data.decode(encoding)
        except UnicodeDecodeError as exc:
            if encoding == "utf-8" and exc.start > len(data) - 4:  # cut inside a character
                return True
            continue
        return True
    return False


def _ole_directory(path: Path) -> bytes:
    """The whole compound file, when it is small enough to look through (its directory may lie
    anywhere); b"" beyond 20 MB."""
    try:
        if path.stat().st_size > 20 << 20:
            return b""
        return path.read_bytes()
    except OSError:
        return b""


# A zip bomb is a small file that unpacks to gigabytes. Our largest export, a 库存流水 sheet at
# Excel's 1,048,575-row limit, unpacks to about 310 MB (298 bytes a row, measured on a demo book;
# 100,000 products make a 商品 sheet of about 90 MB); real sheets compress 8–11 to 1. calamine
# would unpack any of it into memory, so the zip directory is checked first.
MAX_UNPACKED_BYTES = 1 << 30
MAX_RATIO = 200  # deflate cannot exceed ~1,030 to 1; long runs of one byte come close
RATIO_FROM_BYTES = 8 << 20  # small parts (styles, an empty sheet) may compress far better
MAX_MEMBERS = 10_000  # an .xlsx holds a dozen parts; a few hundred with many sheets and images


def zip_bomb(path: str | Path) -> str | None:
    """Why the zip container at `path` must not be unpacked: too large once unpacked, a part
    compressed beyond reason, or too many parts. None when it may be, or when it is no zip (an
    .xls; a broken zip is left to the reader, which says so)."""
    try:
        if not zipfile.is_zipfile(path):
            return None
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError):
        return None
    if len(infos) > MAX_MEMBERS:
        return (
            f"文件由 {len(infos):,} 个压缩部件组成（上限 {MAX_MEMBERS:,}），不像 Excel 文件，"
            "可能是压缩炸弹，拒绝打开"
        )
    total = sum(i.file_size for i in infos)
    if total > MAX_UNPACKED_BYTES:
        return (
            f"文件解压后过大（{_mb(total)} MB，上限 {_mb(MAX_UNPACKED_BYTES)} MB），"
            "可能是压缩炸弹，拒绝打开"
        )
    for i in infos:
        if i.file_size > RATIO_FROM_BYTES and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            ratio = i.file_size // max(i.compress_size, 1)
            size = _mb(i.file_size)
            return (
                f"文件中的部件「{i.filename}」压缩比异常（{ratio:,}:1，解压后 {size} MB，"
                "正常表格约 10:1），可能是压缩炸弹，拒绝打开"
            )
    return None


def _mb(n: int) -> str:
    mb = n / (1 << 20)
    return f"{mb:,.0f}" if mb >= 10 else f"{mb:.1f}"


# calamine fills the rectangle from A1 to the farthest cell: one cell at XFD1048576 asks for
# 17 billion cells and aborts the process. The extent is checked in the XML before it loads.
MAX_CELLS = 30_000_000
# r="C12" of a cell or r="12" of a row, as calamine reads them (either quote, spaces around =).
_REF = re.compile(rb"""\br\s*=\s*["']\s*([A-Za-z]{0,3})([0-9]{1,10})""")


def _refuse_huge_extent(path: Path, sheet_name: str, file: str) -> None:
    """SheetErrors when a worksheet of the .xlsx names a cell so far out that reading it would
    take more than MAX_CELLS cells. Not a zip (an .xls, say): nothing to check here."""
    if not zipfile.is_zipfile(path):
        return
    try:
        with zipfile.ZipFile(path) as z:
            for name in _worksheet_parts(z):
                rows, cols = _extent(z, name)
                if rows * cols > MAX_CELLS:
                    raise _file_error(
                        sheet_name,
                        file,
                        f"工作表的范围过大（{column_letter(cols - 1)}{rows}，约 {rows * cols:,} 个"
                        f"单元格），请删除远处的空白单元格，或只复制数据到新文件",
                    )
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError, zlib.error) as exc:
        raise _file_error(sheet_name, file, f"无法打开：{NOT_READABLE}（{exc}）") from exc


def _worksheet_parts(z: zipfile.ZipFile) -> list[str]:
    """Zip members that may be worksheets: under xl/worksheets/, or the target of a worksheet
    relationship of the workbook (wherever a hand-made file puts it)."""
    names = set(z.namelist())
    found = {n for n in names if n.lower().startswith("xl/worksheets/") and n.endswith(".xml")}
    rels = "xl/_rels/workbook.xml.rels"
    if rels in names and z.getinfo(rels).file_size < 10_000_000:
        text = z.read(rels).decode("utf-8", "replace")
        for tag in re.findall(r"<[^<>]*Relationship\b[^<>]*>", text):
            kind = re.search(r"""\bType\s*=\s*["']([^"']*)["']""", tag)
            target = re.search(r"""\bTarget\s*=\s*["']([^"']+)["']""", tag)
            if not kind or not target or not kind[1].endswith("/worksheet"):
                continue
            t = target[1]
            part = relationship_part(t)
            if part in names:
                found.add(part)
    return sorted(found)


def _extent(z: zipfile.ZipFile, name: str) -> tuple[int, int]:
    """(farthest row, farthest column) that the part can name. Quick passes prove the usual
    bounds (column ≤ Z and row < 1,000,000; or column ≤ ZZ and row < 10,000); only a part that
    fits neither has every r="…" read."""
    for quick, bound in _BOUNDS:
        if not any(quick.search(data) for data in part_chunks(z, name, 64)):
            return bound
    rows = cols = 1
    for data in part_chunks(z, name, 64):
        for letters, digits in _REF.findall(data):
            rows = max(rows, int(digits))
            if letters:
                cols = max(cols, _column_number(letters))
    return rows, cols


# Each pattern starts with a literal (r), so a search that finds nothing is a fast scan; the
# lookbehind skips attributes merely ending in r (operator=…).
_BOUNDS = (
    (
        re.compile(rb"""r(?<![\w:.-]r)\s*=\s*["']\s*(?:[A-Za-z]{2}|[A-Za-z]{0,3}[0-9]{7})"""),
        (999_999, 26),
    ),
    (
        re.compile(rb"""r(?<![\w:.-]r)\s*=\s*["']\s*(?:[A-Za-z]{3}|[A-Za-z]{0,3}[0-9]{5})"""),
        (9_999, 702),
    ),
)


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n


def _sheet_list(wb: CalamineWorkbook) -> list[tuple[str, bool]]:
    return [
        (m.name, m.visible == SheetVisibleEnum.Visible)
        for m in wb.sheets_metadata
        if m.typ == SheetTypeEnum.WorkSheet
    ]


def _data_sheet_title(wb: CalamineWorkbook, sheet: SheetDef, file: str) -> str:
    title = choose_data_sheet(_sheet_list(wb), sheet)
    if title is None:
        raise _file_error(sheet.name, file, f"文件中没有可读的工作表（应为「{sheet.name}」）")
    return title


def _rows(
    wb: CalamineWorkbook, title: str, sheet_name: str, file: str, limit: int | None = None
) -> list[list[object]]:
    # skip_empty_area=False keeps list index i == Excel row i + 1, whatever the used range.
    try:
        rows = wb.get_sheet_by_name(title).to_python(skip_empty_area=False, nrows=limit)
    except CalamineError as exc:
        raise _file_error(sheet_name, file, f"无法读取工作表「{title}」：{exc}") from exc
    return cast(list[list[object]], rows)


def read_grid(
    wb: CalamineWorkbook, path: str | Path, title: str, sheet_name: str
) -> list[list[object]]:
    """The whole worksheet `title` as rows (index = Excel row − 1), with error cells and
    uncalculated formulas in place as FlaggedCell instead of the empty text calamine gives."""
    data = _rows(wb, title, sheet_name, str(path))
    flags = flagged_cells(path, title)
    # calamine gives 00:00:00 for a date serial below zero (a date before 1900, or -1): what
    # the cell holds is named from the XML instead.
    midnight = dt.time()
    times = {
        (r, c)
        for r, row in enumerate(data)
        if midnight in row
        for c, v in enumerate(row)
        if v.__class__ is dt.time and v == midnight
    }
    for pos, raw in raw_values(path, title, times - flags.keys()).items():
        try:
            if float(raw) < 0:
                flags[pos] = negative_date(raw)
        except ValueError:
            continue
    return apply_flags(data, flags)


def _meta(wb: CalamineWorkbook) -> dict[str, object]:
    """form_id/name/version from the hidden META_SHEET; {} when absent or unreadable."""
    if META_SHEET not in wb.sheet_names:
        return {}
    try:
        rows = wb.get_sheet_by_name(META_SHEET).to_python(skip_empty_area=False, nrows=20)
    except CalamineError:
        return {}
    return {text_of(r[0]): r[1] for r in rows if len(r) >= 2 and text_of(r[0])}


def _refuse_other_form(wb: CalamineWorkbook, sheet: SheetDef, title: str, file: str) -> None:
    """A file exported for another form, picked only as 'the first worksheet': say so plainly
    instead of listing every missing column."""
    meta = _meta(wb)
    other = meta.get("form_id")
    if other and other != sheet.form_id and not names_sheet(title, sheet):
        name = text_of(meta.get("name")) or text_of(other)
        raise _file_error(sheet.name, file, f"这是「{name}」表格，不是「{sheet.name}」")


# --- the table -----------------------------------------------------------------------------------


class _Table:
    """Header check, then one pass over the rows; problems are collected, never raised early."""

    def __init__(self, sheet: SheetDef, title: str, file: str) -> None:
        self.sheet = sheet
        self.title = title
        self.file = file
        self.problems: list[CellProblem] = []

    def problem(self, row: int, column: str, reason: str) -> None:
        self.problems.append(CellProblem(self.title, row, column, reason, self.file))

    def fail(self) -> SheetErrors:
        return SheetErrors(self.problems, file=self.file)

    def header(self, data: list[list[object]]) -> tuple[int, HeaderMatch]:
        if not any(any(text_of(v) for v in row) for row in data):
            self.problem(1, "", "工作表是空的，没有表头行")
            raise self.fail()
        found = find_header(data, self.sheet)
        if found is None:
            wanted = "、".join(c.header for c in self.sheet.columns if c.column_required)
            self.problem(1, "", f"找不到表头行（第 1 行应为列名：{wanted}）")
            raise self.fail()
        index, match = found
        present = [text_of(v) for v in data[index] if text_of(v)]
        seen = "、".join(present[:30]) + ("……" if len(present) > 30 else "")
        for col in match.missing:
            self.problem(index + 1, col.header, f"缺少这一列（表头行中有：{seen}）")
        for col, hits in match.duplicates:
            where = "、".join(column_letter(i) for i in hits)
            self.problem(index + 1, col.header, f"这一列出现了 {len(hits)} 次（第 {where} 列）")
        if self.problems:
            raise self.fail()
        return found

    def read(self, data: list[list[object]]) -> list[SheetRow]:
        """The rows whose every cell passed; the problems of the others are in self.problems."""
        index, match = self.header(data)
        sheet = self.sheet
        cols = [c for c in sheet.columns if c.key in match.positions]
        plan: list[_Step] = [(c.key, match.positions[c.key], converter(c)) for c in cols]
        absent = {c.key: None for c in sheet.columns if c.key not in match.positions}
        width = max(len(r) for r in data)
        blank = [""] * width
        key_of = operator.itemgetter(*sheet.key) if sheet.key else None
        keys = [key for key, _, _ in plan]
        body = data[index + 1 :]
        # Column by column: the common cells in one list comprehension each; a row with any cell
        # left SLOW (bad, empty, typed as text, …) takes the cell-by-cell path below.
        columns = [
            column_converter(c)([r[pos] for r in body])
            for c, (_, pos, _) in zip(cols, plan, strict=True)
        ]
        if not any(SLOW in c or None in c for c in columns):
            fast = self._all_good(index, columns, keys, [*absent])
            if fast is not None:
                return fast
        seen: dict[object, int] = {}
        out: list[SheetRow] = []
        append = out.append
        rows = zip(enumerate(body, index + 2), zip(*columns, strict=True), strict=True)
        for (number, raw), vals in rows:
            if SLOW in vals:
                if raw == blank:
                    continue
                try:
                    values = {key: conv(raw[pos]) for key, pos, conv in plan}
                except CellError:
                    self._bad_row(number, raw, plan, cols)
                    # Its key still counts: a later row with the same key is a duplicate too,
                    # reported now rather than after the clerk fixed the first problem.
                    k = self._key_of_bad_row(raw, plan) if key_of is not None else None
                    if k is not None:
                        first = seen.setdefault(k, number)
                        if first != number:
                            self._duplicate(number, first, k)
                    continue
            else:
                values = dict(zip(keys, vals, strict=True))
            if absent:
                values.update(absent)
            if None in values.values() and values == dict.fromkeys(values):
                continue  # only spaces, or only unknown columns filled
            if key_of is not None:
                k = key_of(values)
                first = seen.setdefault(k, number)
                if first != number:
                    self._duplicate(number, first, k)
                    continue
            append(SheetRow(number, values))
        return out

    def _all_good(
        self, index: int, columns: list[list[object]], keys: list[str], absent: list[str]
    ) -> list[SheetRow] | None:
        """Every cell converted and none empty: the rows in bulk, or None if two share a key
        (the row-by-row loop then names the duplicates)."""
        n = len(columns[0])
        by_key = dict(zip(keys, columns, strict=True))
        key = self.sheet.key
        if key and len(set(zip(*[by_key.get(k) or [None] * n for k in key], strict=True))) != n:
            return None
        nones = [itertools.repeat(None, n) for _ in absent]
        cells = zip(*columns, *nones, strict=True)
        values = list(map(dict, map(zip, itertools.repeat([*keys, *absent]), cells)))
        return _sheet_rows(range(index + 2, index + 2 + n), values)

    def _bad_row(
        self, number: int, raw: list[object], plan: list[_Step], cols: list[Column]
    ) -> None:
        """Slow path for a row with at least one bad cell: name every bad cell of it, unless the
        row is empty in every known column (spaces only) — that row is skipped like a blank."""
        if not any(text_of(raw[pos]) for _, pos, _ in plan):
            return
        for (_, pos, conv), col in zip(plan, cols, strict=True):
            try:
                conv(raw[pos])
            except CellError as exc:
                self.problem(number, col.header, str(exc))

    def _key_of_bad_row(self, raw: list[object], plan: list[_Step]) -> object:
        """The row's key as a good row's would be (a value, or a tuple of them), or None when
        a key cell is itself bad or empty."""
        steps = {key: (pos, conv) for key, pos, conv in plan}
        parts = []
        for key in self.sheet.key:
            if key not in steps:
                return None
            pos, conv = steps[key]
            try:
                value = conv(raw[pos])
            except CellError:
                return None
            if value is None:
                return None
            parts.append(value)
        return parts[0] if len(parts) == 1 else tuple(parts)

    def _duplicate(self, number: int, first: int, key: object) -> None:
        cols = [self.sheet.column(k) for k in self.sheet.key]
        parts = key if isinstance(key, tuple) else (key,)  # itemgetter of one key: the value
        shown = " / ".join(show(v) for v in parts)
        names = "+".join(c.header for c in cols)
        self.problem(number, cols[0].header, f"{names}「{shown}」与第 {first} 行重复")
