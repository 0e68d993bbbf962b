"""Cells calamine reads as empty although they are not: Excel error values and formulas that
were never calculated.

calamine hands back "" for `#N/A`, `#DIV/0!` … (python-calamine issue #105) and for a formula
cell whose file holds no cached result (a sheet written by a program and never opened in Excel).
Taken as empty, a `#N/A` priority would silently ban a warehouse and a `#VALUE!` price would
erase a price. So the worksheet XML of an .xlsx/.xlsm is scanned for those two kinds of cell; the
reader puts a `FlaggedCell` in their place, and every converter refuses it with its reason.

The scan streams the part and costs one regular-expression pass when the sheet has no formula and
no error cell (every sheet this app exports); only a sheet that has some is parsed cell by cell.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar, cast
from xml.etree.ElementTree import Element

from defusedxml.ElementTree import fromstring, iterparse

from jdstock_desktop.sheets.zip_parts import part_chunks, relationship_part

NO_CACHED_VALUE = "公式没有计算结果，请在 Excel 中打开并保存后再导入"

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
# Either kind of cell needs one of these in the XML: an error type or a formula element.
_SUSPECT = re.compile(rb"""\bt\s*=\s*["']e["']|<(?:\w+:)?f[\s>/]""")
_REF = re.compile(r"([A-Za-z]{1,3})([0-9]{1,7})$")


@dataclass(frozen=True, slots=True)
class FlaggedCell:
    """Stands in the grid for a cell that must not be read as empty."""

    shown: str  # what Excel shows: "#N/A", or "" for a formula without a result
    reason: str  # the refusal, in Chinese

    def __str__(self) -> str:
        return self.shown or "（公式）"


def error_reason(text: str) -> str:
    return f"单元格是 Excel 错误值 {text}，请改为正确的值"


def flagged_cells(path: str | Path, title: str) -> dict[tuple[int, int], FlaggedCell]:
    """(0-based row, 0-based column) -> FlaggedCell for the worksheet `title` of the .xlsx at
    `path`; {} for a file that is no zip (.xls, .ods: calamine's answer stands) or whose parts
    cannot be found (the reader has said what is wrong with it already)."""

    def scan(z: zipfile.ZipFile, part: str) -> dict[tuple[int, int], FlaggedCell]:
        if not _suspect(z, part):
            return {}
        with z.open(part) as f:
            return dict(_scan(f))

    return _read_sheet_part(path, title, scan)


def raw_values(
    path: str | Path, title: str, positions: set[tuple[int, int]]
) -> dict[tuple[int, int], str]:
    """The stored text of the <v> of each cell at `positions` (0-based row, column) of the
    worksheet `title`; cells not found are left out. For the few cells whose value calamine
    turned into something else (a negative date serial becomes 00:00:00)."""
    if not positions:
        return {}

    def values(z: zipfile.ZipFile, part: str) -> dict[tuple[int, int], str]:
        with z.open(part) as f:
            return dict(_values(f, positions))

    return _read_sheet_part(path, title, values)


Found = TypeVar("Found", dict[tuple[int, int], FlaggedCell], dict[tuple[int, int], str])


def _read_sheet_part(
    path: str | Path, title: str, read: Callable[[zipfile.ZipFile, str], Found]
) -> Found:
    """`read(zip, part)` on the worksheet part of `title`; an empty dict when the file is no
    zip, the part cannot be found, or the XML is refused (the reader says what is wrong)."""
    empty = cast(Found, {})
    try:
        if not zipfile.is_zipfile(path):
            return empty
        with zipfile.ZipFile(path) as z:
            part = _sheet_part(z, title)
            return empty if part is None else read(z, part)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError, zlib.error):
        return empty
    except Exception as exc:  # defusedxml's refusals and ParseError
        if type(exc).__module__.startswith(("defusedxml", "xml")):
            return empty
        raise


def negative_date(raw: str) -> FlaggedCell:
    return FlaggedCell(
        raw,
        f"日期超出 Excel 的范围：单元格的值为 {raw}（负数，或 1900 年以前的日期，Excel 只显示"
        "为 ####），请改为 1900 年以后的日期，或以文本 YYYY-MM-DD 填写",
    )


def _sheet_part(z: zipfile.ZipFile, title: str) -> str | None:
    names = set(z.namelist())
    if "xl/workbook.xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
        return None
    book = fromstring(z.read("xl/workbook.xml"))
    rid = None
    for sheet in book.iter(f"{{{_MAIN}}}sheet"):
        if sheet.get("name") == title:
            rid = sheet.get(f"{{{_REL}}}id")
            break
    if rid is None:
        return None
    rels = fromstring(z.read("xl/_rels/workbook.xml.rels"))
    for rel in rels.iter(f"{{{_PKG_REL}}}Relationship"):
        if rel.get("Id") == rid:
            target = rel.get("Target") or ""
            part = relationship_part(target)
            return part if part in names else None
    return None


def _suspect(z: zipfile.ZipFile, part: str) -> bool:
    """Whether the part may hold an error cell or a formula: plain byte searches first (fast),
    the regular expression only where one of them hit or attributes are spaced oddly."""
    return any(
        any(token in data for token in _TOKENS)
        or ((b"= " in data or b" =" in data) and _SUSPECT.search(data))
        for data in part_chunks(z, part, 32)
    )


# What _SUSPECT finds in every file written by Excel, WPS, LibreOffice or openpyxl.
_TOKENS = (b't="e"', b"t='e'", b"<f>", b"<f ", b"<f/", b":f>", b":f ")


def _cells(f: object) -> Iterator[tuple[tuple[int, int], Element]]:
    """Every cell element with its position, in document order; positions follow r= where
    given, else the order. Each element is cleared once the caller has looked at it."""
    row_tag, cell_tag = f"{{{_MAIN}}}row", f"{{{_MAIN}}}c"
    row = -1
    col = -1
    for event, el in iterparse(f, events=("start", "end")):
        if event == "start":
            if el.tag == row_tag:
                r = el.get("r")
                row = int(r) - 1 if r and r.isdigit() else row + 1
                col = -1
            continue
        if el.tag == cell_tag:
            ref = _REF.match(el.get("r") or "")
            if ref:
                col = _column(ref[1])
                row = int(ref[2]) - 1
            else:
                col += 1
            yield (row, col), el
            el.clear()
        elif el.tag == row_tag:
            el.clear()


def _scan(f: object) -> Iterator[tuple[tuple[int, int], FlaggedCell]]:
    f_tag, v_tag, is_tag = f"{{{_MAIN}}}f", f"{{{_MAIN}}}v", f"{{{_MAIN}}}is"
    for pos, el in _cells(f):
        found = _judge(el, f_tag, v_tag, is_tag)
        if found is not None:
            yield pos, found


def _values(f: object, positions: set[tuple[int, int]]) -> Iterator[tuple[tuple[int, int], str]]:
    v_tag = f"{{{_MAIN}}}v"
    left = set(positions)
    for pos, el in _cells(f):
        if pos in left:
            v = el.find(v_tag)
            yield pos, (v.text or "").strip() if v is not None else ""
            left.discard(pos)
            if not left:
                return


def _judge(el: Element, f_tag: str, v_tag: str, is_tag: str) -> FlaggedCell | None:
    kind = el.get("t")
    v = el.find(v_tag)
    value = (v.text or "") if v is not None else None
    if kind == "e":
        shown = (value or "").strip() or "#错误"
        return FlaggedCell(shown, error_reason(shown))
    if el.find(f_tag) is None:
        return None
    # A formula whose result is the empty text keeps an empty <v> with t="str": that is a value.
    if (value is None and el.find(is_tag) is None) or (value == "" and kind not in ("str", "s")):
        return FlaggedCell("", NO_CACHED_VALUE)
    return None


def _column(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n - 1


def apply_flags(
    grid: list[list[object]], flags: dict[tuple[int, int], FlaggedCell]
) -> list[list[object]]:
    """Put each FlaggedCell into `grid` (calamine's rows, index = Excel row − 1) in place."""
    for (r, c), cell in flags.items():
        # Beyond calamine's rectangle means beyond every header: no column reads it.
        if r < len(grid) and c < len(grid[r]):
            grid[r][c] = cell
    return grid
