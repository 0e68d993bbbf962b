"""Exporting a list shown on screen (alert rows, compliance findings) to an xlsx file.

The list is declared as columns once and written through the same sheet writer as every form, so
it gets frozen headers, widths, text-safe cells and the hidden meta sheet naming it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from jdstock_desktop.sheets.definition import Column, ColumnType, SheetDef
from jdstock_desktop.sheets.writer import write_sheet


@dataclass(frozen=True, slots=True)
class ListColumn:
    header: str  # shown as is (already translated)
    type: ColumnType = ColumnType.TEXT
    decimals: int = 0  # for DECIMAL: digits shown on screen and in the number format
    width: float | None = None
    none_text: str = ""  # what an empty value means here, e.g. ∞ for a turnover without sales


def list_sheet(form_id: str, title: str, columns: Sequence[ListColumn]) -> SheetDef:
    cols = tuple(
        Column(
            f"c{i}",
            c.header,
            c.type,
            width=c.width,
            number_format=("0." + "0" * c.decimals) if c.type is ColumnType.DECIMAL else None,
        )
        for i, c in enumerate(columns)
    )
    # Excel refuses worksheet titles over 31 characters or with []:*?/\ in them.
    safe = "".join(ch for ch in title if ch not in "[]:*?/\\")[:31] or form_id
    return SheetDef(name=safe, form_id=form_id, version=1, columns=cols)


def export_rows(
    path: str | Path,
    form_id: str,
    title: str,
    columns: Sequence[ListColumn],
    rows: Iterable[Sequence[object]],
) -> int:
    """Write the rows under `columns` to `path` (the writer only puts the file there once it is
    complete); returns the number of rows written."""
    sheet = list_sheet(form_id, title, columns)
    keys = [c.key for c in sheet.columns]
    blanks = [c.none_text or None for c in columns]

    def cells(row: Sequence[object]) -> dict[str, object]:
        return {k: blank if v is None else v for k, v, blank in zip(keys, row, blanks, strict=True)}

    return write_sheet(path, sheet, (cells(r) for r in rows))
