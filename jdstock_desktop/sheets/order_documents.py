"""The printable documents of an order as .xlsx: 装箱清单 (one worksheet per box) and 签收单.

The layout only: services.orders gathers what they show (DocumentHeader, DocumentLine) and
names the files. Text that looks like a formula stays text (SPEC §7); every sheet prints on A4,
one page wide, its header row repeated.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet


@dataclass(frozen=True, slots=True)
class DocumentHeader:
    """The order as the documents name it."""

    order_no: str
    ordered_at: dt.datetime
    shipped_at: dt.datetime | None
    customer: str
    address: str


@dataclass(frozen=True, slots=True)
class DocumentLine:
    """One order line as the documents show it."""

    sku: str
    jd_sku: str
    name: str
    spec: str
    model: str
    unit: str
    qty: int
    weight_kg: Decimal | None  # of the whole line
    volume_m3: Decimal | None
    packing: str
    warehouse: str


FORMULA_STARTS = ("=", "+", "-", "@")
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
NUMBER_FORMATS = {"重量(kg)": "0.000", "体积(m³)": "0.0000", "数量": "0"}
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_THIN = Side(style="thin")
BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
UNDERLINE = Border(bottom=_THIN)


def _text_width(value: object) -> int:
    """Excel column width a value needs: CJK characters are two columns wide."""
    text = value if isinstance(value, str) else "" if value is None else str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _put(ws: Worksheet, row: int, col: int, value: object, *, fmt: str | None = None) -> Cell:
    cell = ws.cell(row=row, column=col)
    cell.value = value
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        cell.data_type = "s"  # SPEC §7: text that looks like a formula stays text
    if fmt:
        cell.number_format = fmt
    return cell


def _title(ws: Worksheet, text: str, columns: int) -> None:
    _put(ws, 1, 1, text).font = Font(bold=True, size=16)
    ws.cell(row=1, column=1).alignment = Alignment(horizontal="center", vertical="center")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=columns)
    ws.row_dimensions[1].height = 30


def _label(ws: Worksheet, row: int, col: int, label: str, value: object) -> None:
    _put(ws, row, col, label).font = Font(bold=True)
    fmt = DATETIME_FORMAT if isinstance(value, dt.datetime) else None
    _put(ws, row, col + 1, value, fmt=fmt).alignment = Alignment(horizontal="left")


def _table(
    ws: Worksheet, top: int, headers: Sequence[str], rows: Sequence[Sequence[object]]
) -> None:
    """Bold, boxed header row at `top`, frozen and repeated on every printed page."""
    for col, header in enumerate(headers, start=1):
        cell = _put(ws, top, col, header)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.border = BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for r, values in enumerate(rows, start=top + 1):
        for col, value in enumerate(values, start=1):
            fmt = NUMBER_FORMATS.get(headers[col - 1])
            cell = _put(ws, r, col, value, fmt=fmt)
            cell.border = BOX
            cell.alignment = Alignment(vertical="center", wrap_text=True)
    ws.freeze_panes = ws.cell(row=top + 1, column=1)
    ws.print_title_rows = f"{top}:{top}"


def _fit_widths(ws: Worksheet, columns: int, skip_rows: Iterable[int] = ()) -> None:
    """Widths that fit the longest Chinese text of each column (merged rows left out)."""
    skip = set(skip_rows)
    widths = [6] * (columns + 1)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if cell.row in skip or cell.column > columns or cell.value is None:
                continue
            value = cell.value
            shown = f"{value:%Y-%m-%d %H:%M}" if isinstance(value, dt.datetime) else value
            widths[cell.column] = max(widths[cell.column], _text_width(shown) + 2)
    for col in range(1, columns + 1):
        ws.column_dimensions[get_column_letter(col)].width = min(widths[col], 50)


def _print_setup(ws: Worksheet, *, landscape: bool = False) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    # One page wide, as many pages tall as the rows need.
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5


PACKING_HEADERS = (
    "序号", "货物名称", "规格", "型号", "数量", "单位", "重量(kg)", "体积(m³)", "包装方式",
)  # fmt: skip
RECEIPT_HEADERS = ("序号", "商品编码", "京东SKU", "商品名称", "规格型号", "数量", "单位")


def write_packing_list(path: Path, view: DocumentHeader, lines: Sequence[DocumentLine]) -> None:
    """装箱清单: one worksheet per box; this app packs one order line per box."""
    wb = Workbook()
    wb.remove(wb.active)
    columns = len(PACKING_HEADERS)
    for box, line in enumerate(lines, start=1):
        ws = wb.create_sheet(f"第{box}箱")
        _title(ws, "装箱清单", columns)
        _label(ws, 2, 1, "订单号", view.order_no)
        _label(ws, 2, 7, "箱号", f"{box}/{len(lines)}")
        _label(ws, 3, 1, "发货仓", line.warehouse)
        _label(ws, 3, 7, "发货时间", view.shipped_at)
        _label(ws, 4, 1, "收货客户", view.customer)
        _label(ws, 5, 1, "收货地址", view.address)
        ws.merge_cells(start_row=5, start_column=2, end_row=5, end_column=columns)
        weight = float(round(line.weight_kg, 3)) if line.weight_kg is not None else None
        volume = float(round(line.volume_m3, 4)) if line.volume_m3 is not None else None
        row = [box, line.name, line.spec, line.model, line.qty, line.unit, weight, volume]
        _table(ws, 7, PACKING_HEADERS, [[*row, line.packing]])
        _fit_widths(ws, columns, skip_rows=(5,))
        _print_setup(ws, landscape=True)
    wb.save(path)


def write_receipt(path: Path, view: DocumentHeader, lines: Sequence[DocumentLine]) -> None:
    """签收单: order, customer, goods, and the receiver's and courier's signature lines."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "签收单"
    columns = len(RECEIPT_HEADERS)
    _title(ws, "签收单", columns)
    _label(ws, 2, 1, "订单号", view.order_no)
    _label(ws, 2, 5, "下单时间", view.ordered_at)
    _label(ws, 3, 1, "客户", view.customer)
    _label(ws, 3, 5, "发货时间", view.shipped_at)
    _label(ws, 4, 1, "收货地址", view.address)
    ws.merge_cells(start_row=4, start_column=2, end_row=4, end_column=columns)
    _label(
        ws, 5, 1, "发货仓", "、".join(dict.fromkeys(ln.warehouse for ln in lines if ln.warehouse))
    )
    top = 7
    rows = [
        [i, ln.sku, ln.jd_sku, ln.name, " ".join(x for x in (ln.spec, ln.model) if x), ln.qty,
         ln.unit]
        for i, ln in enumerate(lines, start=1)
    ]  # fmt: skip
    _table(ws, top, RECEIPT_HEADERS, rows)
    total_row = top + len(rows) + 1
    _put(ws, total_row, 1, "合计").font = Font(bold=True)
    _put(ws, total_row, 6, sum(ln.qty for ln in lines)).font = Font(bold=True)
    for col in range(1, columns + 1):
        ws.cell(row=total_row, column=col).border = BOX
    sign = total_row + 2
    for offset, (who, when) in enumerate((("收货人签字", "签收日期"), ("送货人签字", "送达日期"))):
        r = sign + offset * 2
        _put(ws, r, 1, f"{who}：").font = Font(bold=True)
        _put(ws, r, 5, f"{when}：").font = Font(bold=True)
        for col in (2, 3, 4, 6, 7):  # blank cells with a line to sign and date on
            ws.cell(row=r, column=col).border = UNDERLINE
        ws.row_dimensions[r].height = 28
    _put(ws, sign + 4, 1, "请当面清点货物，确认品名、数量与包装完好后签字。")
    _fit_widths(ws, columns, skip_rows=(4, sign + 4))  # merged address, free-text note
    _print_setup(ws)
    wb.save(path)
