"""Worksheets whose data ends long before their rows do.

A sheet of 500 rows followed by a million rows of empty text (a column formatted, filled down
with "" or spaces, then cleared) is read by calamine as a million-row rectangle: 819 MB for a
500-row import, most of it in calamine's own cells before Python sees a row. Such a sheet is
found with one pass of regular expressions over its XML (the row where the last value that is
not blank stands), and the workbook is then read from an in-memory copy whose sheet ends there.

Only parts larger than TRIM_FROM_BYTES are looked at: smaller ones cost less to read than to
scan. A sheet whose rows carry no r= numbers is left as it is.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator

from jdstock_desktop.sheets.zip_parts import part_chunks

TRIM_FROM_BYTES = 16 << 20
MIN_SAVING = 100_000  # rows past the last value before a copy is worth making
_OVERLAP = 4096  # a cell or row tag cut by a chunk boundary is seen whole in the next chunk

_ROW = re.compile(rb"<(?:\w+:)?row\b[^>]*?\br\s*=\s*[\"'](\d+)[\"']")
_ROW_TAG = re.compile(rb"<(?:\w+:)?row\b[^>]*?(?:\br\s*=\s*[\"'](\d+)[\"'][^>]*)?>")
# The last cell holding something: a number/bool/error/shared-string index in <v> (group
# "text"), or inline text that is not blank; the greedy (?s:.*) makes it the last one.
_LAST_VALUE = re.compile(
    rb"(?s:.*)(?P<value><(?:\w+:)?c\b[^>]*>(?:<(?:\w+:)?f\b[^>]*(?:/>|>[^<]*</(?:\w+:)?f>))?"
    rb"<(?:\w+:)?v>\s*(?P<text>[^<\s][^<]*)</(?:\w+:)?v>"
    rb"|<(?:\w+:)?t\b[^>/]*>\s*[^<\s])"
)
_SHARED = re.compile(rb"""\bt\s*=\s*["']s["']""")
_SI = re.compile(rb"<(?:\w+:)?si\b[^>]*>(.*?)</(?:\w+:)?si>|<(?:\w+:)?si\b[^>]*/>", re.S)
_TEXT = re.compile(rb"<(?:\w+:)?t\b[^>/]*>([^<]*)</(?:\w+:)?t>")
_SHEET_DATA_END = re.compile(rb"</(?:\w+:)?sheetData>")


def trimmed_copy(z: zipfile.ZipFile, parts: list[str]) -> io.BytesIO | None:
    """An in-memory .xlsx equal to `z` but for its worksheets in `parts` that end far below
    their last value, cut after that row; None when no part needs it."""
    cuts: dict[str, int] = {}
    blank: frozenset[int] | None = None
    for name in parts:
        if z.getinfo(name).file_size <= TRIM_FROM_BYTES:
            continue
        if blank is None:
            blank = _blank_strings(z)
        found = _last_value_row(z, name, blank)
        if found is None:
            continue
        last, rows = found
        if rows - last >= MIN_SAVING:
            cuts[name] = last
    if not cuts:
        return None
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst:
        for info in z.infolist():
            if info.filename in cuts:
                with dst.open(info.filename, "w") as target:
                    for piece in _cut(z, info.filename, cuts[info.filename]):
                        target.write(piece)
            else:
                dst.writestr(info, z.read(info.filename))
    out.seek(0)
    return out


def _blank_strings(z: zipfile.ZipFile) -> frozenset[int]:
    """Indexes of the shared strings that are empty or only spaces."""
    name = next((n for n in z.namelist() if n.lower() == "xl/sharedstrings.xml"), None)
    if name is None:
        return frozenset()
    data = z.read(name)
    out = set()
    for i, m in enumerate(_SI.finditer(data)):
        body = m.group(1) or b""
        if not b"".join(_TEXT.findall(body)).strip():
            out.add(i)
    return frozenset(out)


def _last_value_row(z: zipfile.ZipFile, name: str, blank: frozenset[int]) -> tuple[int, int] | None:
    """(row of the last value, last row number) of the part; None when a row has no r=.
    In each chunk the last value is found from the end (a greedy prefix makes the regular
    expression engine search backwards), so a sheet full of values costs one step a chunk."""
    last_value = 0
    last_row = 0
    for data in part_chunks(z, name, _OVERLAP):
        newest = _row_before(data, len(data))
        if newest is None:
            continue
        if newest < 0:
            return None
        last_row = max(last_row, newest)
        end = len(data)
        while (m := _LAST_VALUE.match(data, 0, end)) is not None:
            where = m.start("value")
            text = m.group("text")
            if text is not None and _blank_shared(data, where, text, blank):
                end = where  # a blank shared string: look further back
                continue
            row = _row_before(data, where)
            if row is not None and row < 0:
                return None
            if row is not None:
                last_value = max(last_value, row)
            break
    return last_value, last_row


def _row_before(data: bytes, pos: int) -> int | None:
    """Number of the last row starting before `pos`; None when none does, -1 when that row
    has no r= (positions then unknown)."""
    at = pos
    while (at := data.rfind(b"row", 0, at)) > 0:
        before = data[at - 1 : at]
        if before == b"<" or (before == b":" and data.rfind(b"<", 0, at) > data.rfind(b">", 0, at)):
            m = _ROW_TAG.match(data, data.rfind(b"<", 0, at))
            if m is None:
                continue
            return int(m.group(1)) if m.group(1) else -1
    return None


def _blank_shared(data: bytes, cell: int, text: bytes, blank: frozenset[int]) -> bool:
    tag = data[cell : data.find(b">", cell) + 1]
    return bool(_SHARED.search(tag)) and text.strip().isdigit() and int(text) in blank


def _cut(z: zipfile.ZipFile, name: str, last: int) -> Iterator[bytes]:
    """The part's bytes with every row after `last` left out."""
    data = z.read(name)  # the part once, as bytes: far less than calamine's cells of it
    stop = None
    for m in _ROW.finditer(data):
        if int(m.group(1)) > last:
            stop = m.start()
            break
    end = _SHEET_DATA_END.search(data, stop or 0)
    if stop is None or end is None:
        yield data
        return
    yield data[:stop]
    yield data[end.start() :]
